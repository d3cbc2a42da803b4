// Merging a teammate's export: events already present (same id) are skipped, new ones
// applied, and a summary says what was added. Merging twice adds nothing (idempotent); A
// merged with B is the same state as B merged with A (commutative). A file that is broken in
// any way is refused naming the file, the record and the field, and changes nothing.
#include "core/codec/event_codec.hpp"
#include "core/exchange/agency/agency.hpp"
#include "core/exchange/merge.hpp"
#include "core/sample/generator.hpp"
#include "support.hpp"

#include <doctest/doctest.h>

using namespace recobra;
using namespace recobra::test;

namespace {

const std::string kFile = "equipo-2026-03-12.json";

std::string exportOf(const Book& book) { return writeBackup(Settings{}, book.log().decodeAll()); }

// Ana (device 1) sets the book up and hands Luis (device 2) a copy; then both work offline on
// the same debtors and on their own new ones.
struct Team {
    Book ana{1, "2026-03-01"};
    Book luis{2, "2026-03-01"};
    std::string pena, ruiz, f1;

    Team() {
        pena = ana.registerDebtor("Gráficas Peña S.L.", "B12345674");
        ruiz = ana.registerDebtor("Taller Ruiz S.L.");
        f1 = ana.addInvoice(pena, "F-001", 120000, "2026-01-05", "2026-02-04");
        ana.addInvoice(ruiz, "R-001", 50000, "2026-02-10", "2026-03-12");
        luis.workspace.load(ana.log().decodeAll());

        ana.setNow("2026-03-10", 10);
        ana.pay(pena, 20000, "2026-03-09");
        ana.accept(command("logInteraction", {{"debtor", pena},
                                              {"at", at("2026-03-10", 9, 30)},
                                              {"channel", "call"},
                                              {"direction", "outbound"},
                                              {"outcome", "promise"},
                                              {"promise", {{"amount", eur(50000)}, {"dueDate", "2026-03-20"}}}}));
        const auto nuevo = ana.registerDebtor("Nuevo Cliente S.A.", "A58818501");
        ana.addInvoice(nuevo, "N-001", 7000, "2026-03-01", "2026-03-31");

        luis.setNow("2026-03-10", 10); // the same minutes: ids interleave, devices tell them apart
        luis.accept(command("logInteraction", {{"debtor", pena},
                                               {"at", at("2026-03-10", 9, 45)},
                                               {"channel", "email"},
                                               {"direction", "inbound"},
                                               {"outcome", "dispute"},
                                               {"invoices", {f1}},
                                               {"summary", "Dice que la F-001 llegó sin albarán"}}));
        luis.accept(command("changeStage", {{"debtor", ruiz}, {"stage", "negotiating"}, {"reason", "Pide plazos"}}));
        const auto otro = luis.registerDebtor("Otro Cliente S.L.", "B65432106");
        luis.addInvoice(otro, "O-001", 4321, "2026-03-02", "2026-04-17");
        luis.pay(ruiz, 10000, "2026-03-10");
    }
};

std::string why(const MergeResult& r) { return r.problem ? r.problem->describe(Lang::en) : std::string(); }

MergeResult merge(Book& into, const std::string& text, const std::string& file = kFile) {
    return mergeFile(into.workspace, text, file);
}

std::string replaced(std::string text, const std::string& from, const std::string& to) {
    const auto at = text.find(from);
    CHECK_MESSAGE(at != std::string::npos, "not in the text: ", from);
    if (at != std::string::npos) text.replace(at, from.size(), to);
    return text;
}

// The line of the export holding `needle` (one event per line).
std::string lineWith(const std::string& text, const std::string& needle) {
    const auto at = text.find(needle);
    REQUIRE(at != std::string::npos);
    const auto start = text.rfind('\n', at) + 1;
    auto end = text.find('\n', at);
    if (text[end - 1] == ',') --end;
    return text.substr(start, end - start);
}

} // namespace

TEST_CASE("merging a teammate's export adds what is new and says what it added") {
    Team t;
    const std::size_t before = t.ana.log().size();
    const MergeResult r = merge(t.ana, exportOf(t.luis));
    REQUIRE_FALSE(r.problem.has_value());
    REQUIRE(r.summary.has_value());
    const MergeSummary& s = *r.summary;
    CHECK(s.eventsInFile == t.luis.log().size());
    CHECK(s.eventsAlreadyPresent == 4); // the copy Ana handed over
    CHECK(s.eventsAdded == 5);
    CHECK(r.added.size() == 5);
    CHECK(t.ana.log().size() == before + 5);
    CHECK(s.addedByType.at("interaction.logged") == 1);
    CHECK(s.addedByType.at("stage.changed") == 1);
    CHECK(s.addedByType.at("debtor.registered") == 1);
    CHECK(s.addedByType.at("invoice.added") == 1);
    CHECK(s.addedByType.at("payment.recorded") == 1);
    CHECK(s.debtorsAdded == 1);
    CHECK(s.debtorsUpdated == 2); // Peña (the email) and Ruiz (stage, payment)
    CHECK(t.ana.state().debtors.size() == 4);
    CHECK(t.ana.outstanding(t.ruiz) == 40000);
    CHECK(t.ana.debtor(t.ruiz).stage == Stage::Negotiating);

    const auto lines = describeMergeSummary(s, kFile, Lang::es);
    REQUIRE(lines.size() == 6);
    CHECK(lines[0] == kFile + ": 5 eventos añadidos (4 ya estaban): 1 deudor nuevo, 2 deudores con novedades");
    CHECK(lines[1] == "  1 alta de deudor");
    CHECK(describeMergeSummary(s, kFile, Lang::en)[4] == "  1 interaction (calls, emails, letters…)");
}

TEST_CASE("merging is idempotent: the same file twice adds nothing the second time") {
    Team t;
    const std::string file = exportOf(t.luis);
    REQUIRE_FALSE(merge(t.ana, file).problem.has_value());
    const std::string once = t.ana.dump();
    const std::size_t events = t.ana.log().size();
    const MergeResult again = merge(t.ana, file);
    REQUIRE_FALSE(again.problem.has_value());
    CHECK(again.summary->eventsAdded == 0);
    CHECK(again.summary->eventsAlreadyPresent == t.luis.log().size());
    CHECK(again.added.empty());
    CHECK(t.ana.log().size() == events);
    CHECK(t.ana.dump() == once);
    CHECK(describeMergeSummary(*again.summary, kFile, Lang::en) ==
          std::vector<std::string>{kFile + ": nothing new (9 events were already here)"});
    // Merging one's own export changes nothing either.
    REQUIRE_FALSE(merge(t.ana, exportOf(t.ana)).problem.has_value());
    CHECK(t.ana.dump() == once);
}

TEST_CASE("merging is commutative: A with B is the same state as B with A") {
    Team t;
    const std::string fromAna = exportOf(t.ana);
    const std::string fromLuis = exportOf(t.luis);
    REQUIRE_FALSE(merge(t.ana, fromLuis).problem.has_value());
    REQUIRE_FALSE(merge(t.luis, fromAna).problem.has_value());
    CHECK(t.ana.dump() == t.luis.dump());
    CHECK(exportOf(t.ana) == exportOf(t.luis));
    // And a third copy built from the exports alone, in either order, too.
    Book empty1(3), empty2(4);
    REQUIRE_FALSE(merge(empty1, fromAna).problem.has_value());
    REQUIRE_FALSE(merge(empty1, fromLuis).problem.has_value());
    REQUIRE_FALSE(merge(empty2, fromLuis).problem.has_value());
    REQUIRE_FALSE(merge(empty2, fromAna).problem.has_value());
    CHECK(empty1.dump() == t.ana.dump());
    CHECK(empty2.dump() == t.ana.dump());
}

TEST_CASE("merging a generated team's exports in any order gives one state") {
    // Three people, each working their own debtors; what is about no debtor (the team) all share.
    const std::vector<Event> all = generateDataset(GeneratorOptions{30, 11});
    EventLog log;
    log = EventLog(all);
    const State whole_ = fold(log);
    std::vector<Event> parts[3];
    for (const auto& e : all) {
        const auto debtor = affectedDebtor(whole_, e.payload);
        for (int k = 0; k < 3; ++k)
            if (!debtor || static_cast<int>(*debtor % 3) == k) parts[k].push_back(e);
    }
    for (const auto& part : parts) CHECK(part.size() < all.size());
    std::string exports[3];
    for (int k = 0; k < 3; ++k) exports[k] = writeBackup(Settings{}, parts[k]);
    Book whole(9);
    whole.workspace.load(all);
    const int orders[][3] = {{0, 1, 2}, {2, 1, 0}, {1, 0, 2}, {1, 2, 0}};
    for (const auto& order : orders) {
        INFO(order[0], order[1], order[2]);
        Book book(7);
        for (int k : order) {
            const MergeResult r = merge(book, exports[k], "part" + std::to_string(k) + ".json");
            const std::string reason = why(r);
            REQUIRE_MESSAGE(!r.problem, reason);
        }
        CHECK(book.dump() == whole.dump());
    }
}

TEST_CASE("a broken or inconsistent export is refused naming the file, the record and the field; nothing changes") {
    Team t;
    const std::string good = exportOf(t.luis);
    const std::string invoiceLine = lineWith(good, "\"number\":\"O-001\"");
    const std::string invoiceId = invoiceLine.substr(invoiceLine.find("\"id\":\"") + 6, 26);
    const std::string paymentLine = lineWith(good, "\"type\":\"payment.recorded\"");
    const std::string anasFirst = encodeEvent(t.ana.log().decodeAll()[0]);
    struct Row {
        std::string rule;
        std::string text;
        std::string reason;
        std::string record; // "" when the file itself is at fault
        std::string field;
    };
    const Row rows[] = {
        {"malformed JSON", good.substr(0, good.size() / 2), "err_json_syntax", "*", ""},
        {"not a backup at all", "{\"facturas\":[]}", "err_field_unknown", "", "facturas"},
        {"an empty file", "", "err_file_empty", "", ""},
        {"a newer schema version", replaced(good, "\"schema\":1", "\"schema\":7"), "err_backup_newer", "", "schema"},
        {"a schema version of the wrong type", replaced(good, "\"schema\":1", "\"schema\":\"1\""), "err_schema_version", "", "schema"},
        {"an amount of the wrong type", replaced(good, "\"minor\":4321", "\"minor\":\"4321\""), "err_type_integer", "*",
         "payload.amount.minor"},
        {"a negative amount", replaced(good, "\"minor\":4321", "\"minor\":-4321"), "err_amount_positive", invoiceId, "payload.amount"},
        {"an absurd amount", replaced(good, "\"minor\":4321", "\"minor\":100000000001"), "err_amount_too_large", invoiceId,
         "payload.amount"},
        {"an impossible date", replaced(good, "\"dueDate\":\"2026-04-17\"", "\"dueDate\":\"2026-02-30\""), "err_date_invalid", "*",
         "payload.dueDate"},
        {"the same event id twice", replaced(good, paymentLine, paymentLine + ",\n" + paymentLine), "err_id_duplicate", "*", "id"},
        {"a reference to a debtor nobody registered",
         replaced(good, invoiceLine, replaced(invoiceLine, "\"debtor\":\"", "\"debtor\":\"x")), "err_ref_unknown", invoiceId,
         "payload.debtor"},
        {"an event the base has, with other content",
         replaced(good, anasFirst, replaced(anasFirst, "\"author\":\"Ana\"", "\"author\":\"Eva\"")), "merge_err_conflict",
         t.ana.log().decodeAll()[0].id.str(), ""},
    };
    for (const auto& row : rows) {
        INFO(row.rule);
        const std::string before = t.ana.dump();
        const std::size_t events = t.ana.log().size();
        const auto revision = t.ana.workspace.revision();
        const MergeResult r = merge(t.ana, row.text);
        REQUIRE(r.problem.has_value());
        CHECK(code(r.problem) == row.reason);
        CHECK(r.problem->file == kFile);
        if (row.record == "*") CHECK_FALSE(r.problem->record.empty());
        else CHECK(r.problem->record == row.record);
        CHECK(r.problem->field == row.field);
        CHECK(r.problem->describe(Lang::es).rfind(kFile, 0) == 0);
        CHECK_FALSE(r.summary.has_value());
        CHECK(r.added.empty());
        CHECK(t.ana.log().size() == events);
        CHECK(t.ana.workspace.revision() == revision);
        CHECK(t.ana.dump() == before);
    }
    // The good file still merges afterwards.
    CHECK_FALSE(merge(t.ana, good).problem.has_value());
}

TEST_CASE("planMerge checks and counts without changing anything; applyMerge applies") {
    Team t;
    const std::string before = t.ana.dump();
    BackupRead read = readBackup(exportOf(t.luis), kFile);
    REQUIRE(read.contents.has_value());
    MergeOptions options;
    options.fileName = kFile;
    MergePlan plan = planMerge(t.ana.log(), t.ana.state(), std::move(read.contents->events), options);
    REQUIRE_FALSE(plan.problem.has_value());
    CHECK(plan.summary.eventsAdded == 5);
    CHECK(t.ana.dump() == before);
    const auto added = applyMerge(t.ana.workspace, std::move(plan));
    CHECK(added.size() == 5);
    CHECK(t.ana.state().debtors.size() == 4);
}

TEST_CASE("both files of the CLI's merge are checked, and a problem names the file it is in") {
    Team t;
    std::vector<Event> base = t.ana.log().decodeAll();
    std::vector<Event> other = t.luis.log().decodeAll();
    FileMerge ok = mergeFiles(EventLog(base), "ana.json", EventLog(other), "luis.json");
    REQUIRE_FALSE(ok.problem.has_value());
    CHECK(ok.events.size() == 13);
    CHECK(ok.summary.eventsAdded == 5);
    CHECK(ok.summary.debtorsAdded == 1);
    CHECK(ok.summary.debtorsUpdated == 2);
    FileMerge reverse = mergeFiles(EventLog(other), "luis.json", EventLog(base), "ana.json");
    REQUIRE_FALSE(reverse.problem.has_value());
    CHECK(writeBackup(Settings{}, reverse.events) == writeBackup(Settings{}, ok.events));

    // A payment of a debtor nobody registered, in either file.
    auto broken = [](std::vector<Event> events) {
        for (auto& e : events)
            if (auto* p = std::get_if<PaymentRecorded>(&e.payload)) p->debtor = "d-nobody";
        return events;
    };
    const FileMerge badBase = mergeFiles(EventLog(broken(base)), "ana.json", EventLog(other), "luis.json");
    REQUIRE(badBase.problem.has_value());
    CHECK(badBase.problem->file == "ana.json");
    CHECK(badBase.problem->field == "payload.debtor");
    CHECK(badBase.events.empty());
    const FileMerge badOther = mergeFiles(EventLog(base), "ana.json", EventLog(broken(other)), "luis.json");
    REQUIRE(badOther.problem.has_value());
    CHECK(badOther.problem->file == "luis.json");
}

TEST_CASE("an agency package's cases.json merges like a backup") {
    Team t;
    REQUIRE_FALSE(merge(t.ana, exportOf(t.luis)).problem.has_value());
    AgencyOptions options;
    options.today = day("2026-03-12");
    const auto chosen = selectDebtors(t.ana.state(), AgencySelection{{t.pena}, {}, {}}, options.today);
    const AgencyPackage package = buildAgencyPackage(t.ana.state(), t.ana.log(), chosen.debtors, options);
    const PackageFile* cases = package.find("cases.json");
    REQUIRE(cases);
    const BackupRead read = readMergeable(cases->bytes, "cases.json");
    REQUIRE(read.contents.has_value());
    CHECK(read.contents->events.size() == package.events);
    // The agency's own Recobra, empty: it gets Peña with the whole history, and nothing else.
    Book agency(0x42);
    const MergeResult r = merge(agency, cases->bytes, "cases.json");
    const std::string reason = why(r);
    REQUIRE_MESSAGE(!r.problem, reason);
    REQUIRE(agency.state().debtors.size() == 1);
    CHECK(agency.debtor(t.pena).interactions.size() == 2);
    CHECK(agency.outstanding(t.pena) == t.ana.outstanding(t.pena));
    CHECK(agency.debtor(t.pena).payments.size() == 1);
    // A package refused like a backup is: a newer schema.
    const BackupRead newer = readMergeable(replaced(cases->bytes, "\"schema\":1", "\"schema\":2"), "cases.json");
    CHECK(code(newer.problem) == "err_backup_newer");
    CHECK(newer.problem->file == "cases.json");
}
