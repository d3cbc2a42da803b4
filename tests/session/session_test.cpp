#define DOCTEST_CONFIG_IMPLEMENT_WITH_MAIN
#include "platform/native/file_storage.hpp"
#include "core/state/queries.hpp"
#include "session/session.hpp"

#include <doctest/doctest.h>
#include <filesystem>
#include <vector>

using namespace recobra;

namespace {

// Storage that answers only when the test says so, like IndexedDB's oncomplete.
class ManualStorage final : public EventStorage {
public:
    struct Pending {
        std::uint32_t request;
        std::vector<Event> events;
    };
    std::vector<Pending> pending;
    std::vector<Event> committed;
    int settingsSaved = 0;
    void append(std::uint32_t request, const std::vector<Event>& events) override { pending.push_back({request, events}); }
    void saveSettings(const Settings&) override { ++settingsSaved; }
    std::vector<std::size_t> replacements; // sizes of the logs that replaced the whole store
    std::vector<std::uint64_t> staged;     // what each replacement was told was staged
    std::vector<std::uint64_t> dropped;    // staged files given up
    void dropStaged(std::uint64_t stagedAs) override { dropped.push_back(stagedAs); }
    void replaceAll(std::uint32_t request, const EventLog& events, std::uint64_t stagedAs) override {
        replacements.push_back(events.size());
        staged.push_back(stagedAs);
        pending.push_back({request, {}});
    }
};

nlohmann::json registerDebtor(const std::string& name) {
    return {{"type", "registerDebtor"}, {"legalName", name}, {"kind", "sme"}, {"country", "ES"}};
}

CommandContext at(Timestamp now) {
    CommandContext c;
    c.now = now;
    c.author = "Ana";
    return c;
}

constexpr Timestamp kNov22 = 1'795'305'600'000; // 2026-11-22T00:00:00Z

// Another device's log: `debtors` registered one millisecond apart from kNov22.
EventLog anotherDevicesLog(int debtors) {
    ManualStorage storage;
    Session other(storage, 11);
    for (int i = 0; i < debtors; ++i) {
        other.submit(registerDebtor("Cliente " + std::to_string(i)), at(kNov22 + i), nullptr);
        other.stored(storage.pending.back().request, true, "");
    }
    return other.workspace().log();
}

} // namespace

TEST_CASE("a command is shown at once but reported saved only when storage commits it") {
    ManualStorage storage;
    Session session(storage, 7);
    std::vector<CommandOutcome> outcomes;
    session.submit(registerDebtor("Talleres Ruiz S.L."), at(kNov22), [&](const CommandOutcome& o) { outcomes.push_back(o); });
    CHECK(session.workspace().state().debtors.size() == 1);
    CHECK(session.saving());
    CHECK(outcomes.empty());
    REQUIRE(storage.pending.size() == 1);
    session.stored(storage.pending[0].request, true, "");
    REQUIRE(outcomes.size() == 1);
    CHECK(outcomes[0].ok);
    CHECK_FALSE(outcomes[0].createdId.empty());
    CHECK_FALSE(session.saving());
    CHECK(session.workspace().pendingCount() == 0);
}

TEST_CASE("a failed write takes the change out again and says why") {
    ManualStorage storage;
    Session session(storage, 7);
    std::vector<CommandOutcome> outcomes;
    auto record = [&](const CommandOutcome& o) { outcomes.push_back(o); };
    session.submit(registerDebtor("Talleres Ruiz S.L."), at(kNov22), record);
    session.submit(registerDebtor("Distribuciones Norte S.A."), at(kNov22 + 1), record);
    session.stored(storage.pending[0].request, true, "");
    session.stored(storage.pending[1].request, false, "QuotaExceededError: the quota has been exceeded");
    REQUIRE(outcomes.size() == 2);
    CHECK(outcomes[1].problem);
    CHECK(outcomes[1].problem->code == Str::err_storage_quota);
    CHECK(session.workspace().state().debtors.size() == 1);
    CHECK(session.workspace().state().debtors[0].profile.legalName == "Talleres Ruiz S.L.");
    CHECK(session.storageProblem());
}

TEST_CASE("a refused command changes nothing and writes nothing") {
    ManualStorage storage;
    Session session(storage, 7);
    std::optional<CommandOutcome> outcome;
    session.submit(registerDebtor("  "), at(kNov22), [&](const CommandOutcome& o) { outcome = o; });
    REQUIRE(outcome);
    CHECK_FALSE(outcome->ok);
    CHECK(outcome->problem->field == "legalName");
    CHECK(storage.pending.empty());
    CHECK(session.workspace().log().size() == 0);
}

TEST_CASE("a form's command is checked for every field's problem without running it, in any tab") {
    ManualStorage storage;
    Session session(storage, 7);
    DebtorRegistered debtor;
    debtor.legalName = "  ";
    debtor.country = "España";
    ContactInfo contact;
    contact.name = "Ana";
    contact.phone = "llámame mañana";
    contact.email = "ana@";
    debtor.contacts.push_back(contact);
    for (const bool writer : {true, false}) {
        session.setWriter(writer);
        const auto problems = session.problems(debtor, at(kNov22));
        REQUIRE(problems.size() == 4);
        CHECK(problems[0].field == "legalName");
        CHECK(problems[1].field == "country");
        CHECK(problems[2].field == "contacts[0].phone");
        CHECK(problems[3].field == "contacts[0].email");
        CHECK(storage.pending.empty());
        CHECK(session.workspace().log().size() == 0);
    }
    session.setWriter(true);
    debtor.legalName = "Ana Gómez";
    debtor.country = "ES";
    debtor.contacts[0].phone = "+34 600 123 456";
    debtor.contacts[0].email = "ana@gomez.es";
    CHECK(session.problems(debtor, at(kNov22)).empty());
    // The check took no id: the command made next has the one it would have had.
    Hlc expected(session.workspace().hlc().device());
    expected.observe(session.workspace().hlc().last());
    const EventId id = expected.next(kNov22);
    session.submit(debtor, at(kNov22), nullptr);
    REQUIRE(session.workspace().log().size() == 1);
    CHECK(session.workspace().log().lastId() == id);
}

TEST_CASE("the file store keeps exactly the acknowledged events across a reopen") {
    const auto dir = std::filesystem::temp_directory_path() / "recobra-file-store-test";
    std::filesystem::remove_all(dir);
    {
        FileEventStorage storage(dir.string());
        Session session(storage, 9);
        storage.onComplete([&](std::uint32_t r, bool ok, const std::string& e) { session.stored(r, ok, e); });
        int acknowledged = 0;
        for (int i = 0; i < 50; ++i)
            session.submit(registerDebtor("Cliente " + std::to_string(i)), at(kNov22 + i),
                           [&](const CommandOutcome& o) { acknowledged += o.ok ? 1 : 0; });
        CHECK(acknowledged == 50);
        Settings s;
        s.userName = "Ana García";
        session.updateSettings(s);
    }
    FileEventStorage reopened(dir.string());
    const auto loaded = reopened.load();
    CHECK(loaded.events.size() == 50);
    CHECK(loaded.ignoredLines == 0);
    CHECK(loaded.settings.userName == "Ana García");
    ManualStorage unused;
    Session session(unused, 9);
    session.load(loaded.events, loaded.settings);
    CHECK(session.workspace().state().debtors.size() == 50);
    std::filesystem::remove_all(dir);
}

TEST_CASE("example data loads in one write and goes away with everything recorded about it") {
    const auto dir = std::filesystem::temp_directory_path() / "recobra-demo-test";
    std::filesystem::remove_all(dir);
    FileEventStorage storage(dir.string());
    Session session(storage, 9);
    storage.onComplete([&](std::uint32_t r, bool ok, const std::string& e) { session.stored(r, ok, e); });
    bool loaded = false;
    session.loadDemo(*Date::fromYmd(2026, 11, 22), [&](const CommandOutcome& o) { loaded = o.ok; });
    CHECK(loaded);
    CHECK(session.hasDemo());
    const auto& state = session.workspace().state();
    CHECK(state.debtors.size() == 40);
    CHECK(state.diagnostics.orphanEvents == 0);
    // The user works on an example debtor and adds one of their own.
    const std::string example = state.debtors.front().id;
    session.submit({{"type", "addNote"}, {"debtor", example}, {"text", "Probando"}}, at(kNov22), nullptr);
    session.submit(registerDebtor("Mi cliente de verdad"), at(kNov22 + 1), nullptr);
    bool cleared = false;
    session.clearDemo([&](const CommandOutcome& o) { cleared = o.ok; });
    CHECK(cleared);
    CHECK_FALSE(session.hasDemo());
    REQUIRE(session.workspace().state().debtors.size() == 1);
    CHECK(session.workspace().state().debtors[0].profile.legalName == "Mi cliente de verdad");
    CHECK(session.workspace().state().noteCount == 0);
    // And storage agrees.
    const auto reloaded = FileEventStorage(dir.string()).load();
    CHECK(reloaded.events.size() == 1);
    std::filesystem::remove_all(dir);
}

TEST_CASE("restore replaces everything only once the file checks out; merge adds only what is new") {
    const auto dir = std::filesystem::temp_directory_path() / "recobra-restore-test";
    std::filesystem::remove_all(dir);
    FileEventStorage storage(dir.string());
    Session session(storage, 9);
    storage.onComplete([&](std::uint32_t r, bool ok, const std::string& e) { session.stored(r, ok, e); });
    session.submit(registerDebtor("Ya estaba"), at(kNov22), nullptr);

    // Another device's book.
    ManualStorage otherStorage;
    Session other(otherStorage, 11);
    other.submit(registerDebtor("Del compañero"), at(kNov22 + 5), nullptr);
    other.stored(otherStorage.pending[0].request, true, "");
    BackupContents theirs;
    theirs.events = other.workspace().log();

    // A broken file changes nothing.
    BackupContents broken = theirs;
    std::vector<Event> damaged = theirs.events.decodeAll();
    std::get<DebtorRegistered>(damaged[0].payload).legalName = "";
    broken.events = EventLog(damaged);
    std::optional<CommandOutcome> refused;
    session.merge(broken, "roto.json", [&](const CommandOutcome& o) { refused = o; });
    REQUIRE(refused);
    CHECK_FALSE(refused->ok);
    CHECK(refused->problem->file == "roto.json");
    CHECK(session.workspace().state().debtors.size() == 1);

    std::optional<CommandOutcome> merged;
    session.merge(theirs, "compa.json", [&](const CommandOutcome& o) { merged = o; });
    REQUIRE(merged);
    CHECK(merged->ok);
    CHECK(merged->added == 1);
    CHECK(session.workspace().state().debtors.size() == 2);
    // Merging the same file again adds nothing.
    session.merge(theirs, "compa.json", [&](const CommandOutcome& o) { merged = o; });
    CHECK(merged->ok);
    CHECK(merged->added == 0);
    CHECK(session.workspace().log().size() == 2);

    std::optional<CommandOutcome> restored;
    session.restore(theirs, "compa.json", [&](const CommandOutcome& o) { restored = o; });
    REQUIRE(restored);
    CHECK(restored->ok);
    REQUIRE(session.workspace().state().debtors.size() == 1);
    CHECK(session.workspace().state().debtors[0].profile.legalName == "Del compañero");
    CHECK(FileEventStorage(dir.string()).load().events.size() == 1);
    std::filesystem::remove_all(dir);
}

TEST_CASE("a large restore is checked a slice at a time; commands wait meanwhile; a bad file changes nothing") {
    BackupContents theirs;
    theirs.events = anotherDevicesLog(5);
    theirs.staged = 77; // the browser wrote the file's lines aside while reading it

    ManualStorage storage;
    Session session(storage, 9);
    session.submit(registerDebtor("Ya estaba"), at(kNov22), nullptr);
    session.stored(storage.pending.back().request, true, "");

    std::optional<CommandOutcome> restored;
    session.beginRestore(theirs, "copia.json", [&](const CommandOutcome& o) { restored = o; });
    CHECK(session.importing());
    CHECK(session.busy());
    int steps = 0;
    while (session.stepImport(1)) {
        ++steps;
        // Nothing has changed yet, and a command now waits its turn.
        CHECK(session.workspace().state().debtors.size() == 1);
        std::optional<CommandOutcome> refused;
        session.submit(registerDebtor("Ahora no"), at(kNov22 + 9), [&](const CommandOutcome& o) { refused = o; });
        REQUIRE(refused);
        CHECK_FALSE(refused->ok);
        CHECK(session.importProgress() < 1.0);
    }
    CHECK(steps >= 3);
    CHECK_FALSE(session.importing());
    REQUIRE(storage.replacements.size() == 1);
    CHECK(storage.replacements[0] == 5);
    CHECK(storage.staged[0] == 77); // the restore's log is the file's: storage may switch to it
    CHECK_FALSE(restored); // reported once storage commits
    CHECK(session.workspace().state().debtors.size() == 1); // and shown only then
    CHECK(session.busy());
    session.stored(storage.pending.back().request, true, "");
    REQUIRE(restored);
    CHECK(restored->ok);
    CHECK(restored->added == 5);
    CHECK(session.workspace().state().debtors.size() == 5);

    // A broken file, stepped: refused at the end, nothing changed, nothing written.
    BackupContents broken = theirs;
    std::vector<Event> damaged = theirs.events.decodeAll();
    std::get<DebtorRegistered>(damaged[3].payload).legalName = "";
    broken.events = EventLog(damaged);
    std::optional<CommandOutcome> refused;
    session.beginRestore(broken, "rota.json", [&](const CommandOutcome& o) { refused = o; });
    while (session.stepImport(2)) {
    }
    REQUIRE(refused);
    CHECK_FALSE(refused->ok);
    CHECK(refused->problem->file == "rota.json");
    CHECK(refused->problem->record == broken.events[3].id.str());
    CHECK(session.workspace().state().debtors.size() == 5);
    CHECK(storage.replacements.size() == 1);
    CHECK(storage.dropped == std::vector<std::uint64_t>{77}); // what was staged from it is freed
    CHECK_FALSE(session.busy());

    // A merge's log is more than its file: what was staged from the file is not passed on.
    BackupContents more;
    more.events = anotherDevicesLog(6); // the same five and one more
    more.staged = 78;
    std::optional<CommandOutcome> merged;
    session.merge(more, "mas.json", [&](const CommandOutcome& o) { merged = o; });
    REQUIRE(storage.replacements.size() == 2);
    CHECK(storage.replacements[1] == 6);
    CHECK(storage.staged[1] == 0);
    CHECK(storage.dropped == std::vector<std::uint64_t>{77, 78});
    // A file read and then cancelled: what was staged of it goes too; nothing if nothing was.
    BackupContents cancelled;
    cancelled.staged = 79;
    session.discardImport(cancelled);
    session.discardImport(BackupContents{});
    CHECK(storage.dropped == std::vector<std::uint64_t>{77, 78, 79});
}

TEST_CASE("a restore or merge whose write fails leaves the workspace as storage still has it") {
    BackupContents theirs;
    theirs.events = anotherDevicesLog(3);

    ManualStorage storage;
    Session session(storage, 9);
    session.submit(registerDebtor("Ya estaba"), at(kNov22), nullptr);
    session.stored(storage.pending.back().request, true, "");
    const auto before = session.workspace().log().size();
    const auto language = session.settings().language;
    theirs.settings.language = language == "en" ? "es" : "en";

    for (const bool replace : {true, false}) {
        INFO("restore: " << replace);
        std::optional<CommandOutcome> outcome;
        auto done = [&](const CommandOutcome& o) { outcome = o; };
        if (replace) session.restore(theirs, "copia.json", done);
        else session.merge(theirs, "copia.json", done);
        CHECK_FALSE(outcome); // waiting for storage
        // The disk is full: the new log was not written, so it is not shown either.
        session.stored(storage.pending.back().request, false, "QuotaExceededError: the disk is full");
        REQUIRE(outcome);
        CHECK_FALSE(outcome->ok);
        REQUIRE(outcome->problem);
        CHECK(session.storageProblem());
        CHECK(session.workspace().log().size() == before);
        REQUIRE(session.workspace().state().debtors.size() == 1);
        CHECK(session.workspace().state().debtors[0].profile.legalName == "Ya estaba");
        CHECK(session.settings().language == language); // a restore's settings not taken either
        CHECK_FALSE(session.busy());
    }
    // Work goes on, on top of what storage holds.
    std::optional<CommandOutcome> next;
    session.submit(registerDebtor("Después"), at(kNov22 + 9), [&](const CommandOutcome& o) { next = o; });
    session.stored(storage.pending.back().request, true, "");
    REQUIRE(next);
    CHECK(next->ok);
    CHECK(session.workspace().state().debtors.size() == 2);
}

TEST_CASE("a restore that lets go of the loaded data first: adopted when it checks out, else told once storage's log is back") {
    BackupContents theirs;
    theirs.events = anotherDevicesLog(4);
    theirs.settings.currency = "USD";

    ManualStorage storage;
    Session session(storage, 9);
    session.submit(registerDebtor("Ya estaba"), at(kNov22), nullptr);
    // Not while a write is in flight, nor in a tab that does not write.
    CHECK_FALSE(session.releaseForRestore());
    session.stored(storage.pending.back().request, true, "");
    session.setWriter(false);
    CHECK_FALSE(session.releaseForRestore());
    session.setWriter(true);
    CHECK_FALSE(session.released());
    const std::vector<Event> stored = session.workspace().log().decodeAll(); // what storage holds
    int reloads = 0;
    session.onReloadNeeded([&] { ++reloads; });
    // Storage's log read again, as the browser does after a failed restore.
    auto reload = [&](const std::vector<Event>& events) {
        session.beginLoad();
        session.loadMore(events);
        Settings settings;
        settings.currency = "EUR";
        session.finishLoad(settings);
    };

    // Released: empty, and everything but its restore waits.
    const auto revision = session.workspace().revision();
    REQUIRE(session.releaseForRestore());
    CHECK(session.released());
    CHECK(session.busy());
    CHECK(session.workspace().log().empty());
    CHECK(session.workspace().state().debtors.empty());
    CHECK(session.workspace().revision() > revision); // screens' caches start over
    CHECK(session.workspace().hasRetired());          // the old state is freed a slice at a time
    while (session.workspace().releaseRetired(1)) {
    }
    CHECK_FALSE(session.releaseForRestore());
    std::optional<CommandOutcome> refused;
    session.submit(registerDebtor("Ahora no"), at(kNov22 + 9), [&](const CommandOutcome& o) { refused = o; });
    REQUIRE(refused);
    CHECK_FALSE(refused->ok);
    refused.reset();
    session.beginMerge(theirs, "compa.json", [&](const CommandOutcome& o) { refused = o; });
    REQUIRE(refused);
    CHECK_FALSE(refused->ok);
    CHECK_FALSE(session.importing());

    // Its restore is checked, written and adopted as any.
    std::optional<CommandOutcome> restored;
    session.beginRestore(theirs, "copia.json", [&](const CommandOutcome& o) { restored = o; });
    CHECK(session.importing());
    while (session.stepImport(1)) {
    }
    CHECK_FALSE(restored);
    session.stored(storage.pending.back().request, true, "");
    REQUIRE(restored);
    CHECK(restored->ok);
    CHECK(restored->added == 4);
    CHECK_FALSE(session.released());
    CHECK_FALSE(session.busy());
    CHECK(session.workspace().state().debtors.size() == 4);
    CHECK(session.settings().currency == "USD");
    CHECK(reloads == 0);

    // A file refused by the check: nothing written; the refusal is told only once storage's
    // log has been loaded again.
    const std::vector<Event> nowStored = session.workspace().log().decodeAll();
    BackupContents broken = theirs;
    std::vector<Event> damaged = theirs.events.decodeAll();
    std::get<DebtorRegistered>(damaged[2].payload).legalName = "";
    broken.events = EventLog(damaged);
    broken.staged = 81;
    REQUIRE(session.releaseForRestore());
    std::optional<CommandOutcome> outcome;
    session.beginRestore(broken, "rota.json", [&](const CommandOutcome& o) { outcome = o; });
    while (session.stepImport(3)) {
    }
    CHECK(storage.replacements.size() == 1);
    CHECK(storage.dropped == std::vector<std::uint64_t>{81});
    CHECK(session.workspace().hasRetired()); // what the refused file folded, freed in slices
    CHECK_FALSE(outcome);
    CHECK(reloads == 1);
    CHECK(session.reloadNeeded());
    CHECK(session.busy());
    refused.reset();
    session.beginRestore(theirs, "otra.json", [&](const CommandOutcome& o) { refused = o; });
    REQUIRE(refused); // not until the data is back
    CHECK_FALSE(refused->ok);
    reload(nowStored);
    REQUIRE(outcome);
    CHECK_FALSE(outcome->ok);
    REQUIRE(outcome->problem);
    CHECK(outcome->problem->file == "rota.json");
    CHECK(outcome->problem->record == broken.events[2].id.str());
    CHECK_FALSE(session.released());
    CHECK_FALSE(session.reloadNeeded());
    CHECK_FALSE(session.busy());
    CHECK(session.workspace().state().debtors.size() == 4);

    // A file refused while it was read (before any check): the same.
    REQUIRE(session.releaseForRestore());
    outcome.reset();
    session.failReleased(problem(Str::err_file_empty, ""), [&](const CommandOutcome& o) { outcome = o; });
    CHECK(reloads == 2);
    CHECK_FALSE(outcome);
    reload(nowStored);
    REQUIRE(outcome);
    CHECK(outcome->problem->code == Str::err_file_empty);
    CHECK(session.workspace().state().debtors.size() == 4);

    // A restore whose write fails: storage still has the old log, which is loaded again.
    REQUIRE(session.releaseForRestore());
    outcome.reset();
    session.restore(BackupContents{theirs.settings, EventLog(stored), 0, std::nullopt}, "vieja.json",
                    [&](const CommandOutcome& o) { outcome = o; });
    session.stored(storage.pending.back().request, false, "QuotaExceededError: the disk is full");
    CHECK_FALSE(outcome);
    CHECK(reloads == 3);
    reload(nowStored);
    REQUIRE(outcome);
    CHECK_FALSE(outcome->ok);
    CHECK(outcome->problem);
    CHECK(session.workspace().state().debtors.size() == 4);
    CHECK(session.workspace().log().decodeAll().size() == nowStored.size());
    CHECK(session.settings().currency == "EUR"); // storage's settings, read with its log
}

// --- invoices from a CSV: one write, all or nothing ---------------------------------------------

namespace {

InvoiceImport csvPlan(const Session& session, const std::string& rows) {
    InvoiceImportOptions options;
    options.mapping =
        *parseInvoiceMapping("number=Factura,customer=Cliente,taxId=NIF,issue=Fecha,due=Vencimiento,amount=Importe").mapping;
    const std::string text = "Factura;Cliente;NIF;Fecha;Vencimiento;Importe\r\n" + rows;
    return analyzeInvoiceCsv(text, "facturas.csv", options, session.workspace().state(), at(kNov22));
}

const std::string kThreeInvoices = "A-1;Gráficas Peña S.L.;B12345674;10/03/2026;09/04/2026;1.234,56\r\n"
                                   "A-2;Taller Ruiz S.L.;;11/03/2026;10/04/2026;100\r\n"
                                   "A-3;Gráficas Peña S.L.;B12345674;12/03/2026;11/04/2026;50,5\r\n";

} // namespace

TEST_CASE("an invoice import is written in one transaction and reported saved when it commits") {
    ManualStorage storage;
    Session session(storage, 7);
    const InvoiceImport plan = csvPlan(session, kThreeInvoices);
    REQUIRE(plan.ok());
    std::vector<CommandOutcome> outcomes;
    session.importInvoices(plan, at(kNov22), [&](const CommandOutcome& o) { outcomes.push_back(o); });
    REQUIRE(storage.pending.size() == 1); // one append: 2 debtors + 3 invoices
    CHECK(storage.pending[0].events.size() == 5);
    CHECK(session.workspace().state().invoices.size() == 3);
    CHECK(outcomes.empty());
    session.stored(storage.pending[0].request, true, "");
    REQUIRE(outcomes.size() == 1);
    CHECK(outcomes[0].ok);
    CHECK(outcomes[0].added == 5);
    CHECK(session.workspace().pendingCount() == 0);
}

TEST_CASE("an invoice import whose write fails leaves nothing: no debtor, no invoice") {
    ManualStorage storage;
    Session session(storage, 7);
    session.submit(registerDebtor("Distribuciones Norte S.A."), at(kNov22), nullptr);
    session.stored(storage.pending[0].request, true, "");
    const InvoiceImport plan = csvPlan(session, kThreeInvoices);
    REQUIRE(plan.ok());
    std::vector<CommandOutcome> outcomes;
    session.importInvoices(plan, at(kNov22 + 1000), [&](const CommandOutcome& o) { outcomes.push_back(o); });
    REQUIRE(storage.pending.size() == 2);
    session.stored(storage.pending[1].request, false, "QuotaExceededError: the quota has been exceeded");
    REQUIRE(outcomes.size() == 1);
    CHECK_FALSE(outcomes[0].ok);
    REQUIRE(outcomes[0].problem);
    CHECK(outcomes[0].problem->code == Str::err_storage_quota);
    CHECK(session.workspace().state().debtors.size() == 1);
    CHECK(session.workspace().state().invoices.empty());
    CHECK(session.workspace().log().size() == 1);
}

TEST_CASE("an invoice import with a bad row writes nothing, and a reader tab leaves it to the writer") {
    ManualStorage storage;
    Session session(storage, 7);
    const InvoiceImport bad = csvPlan(session, kThreeInvoices + "A-4;Taller Ruiz S.L.;;31/02/2026;10/04/2026;7\r\n");
    CHECK_FALSE(bad.ok());
    std::vector<CommandOutcome> outcomes;
    auto record = [&](const CommandOutcome& o) { outcomes.push_back(o); };
    session.importInvoices(bad, at(kNov22), record);
    REQUIRE(outcomes.size() == 1);
    CHECK_FALSE(outcomes[0].ok);
    REQUIRE(outcomes[0].problem);
    CHECK(outcomes[0].problem->record == "5");
    CHECK(storage.pending.empty());
    CHECK(session.workspace().log().size() == 0);

    session.setWriter(false);
    session.importInvoices(csvPlan(session, kThreeInvoices), at(kNov22), record);
    REQUIRE(outcomes.size() == 2);
    CHECK(outcomes[1].problem->code == Str::err_import_other_tab);
    CHECK(storage.pending.empty());
}

TEST_CASE("a bulk reassignment is written in one transaction, or not at all") {
    ManualStorage storage;
    Session session(storage, 7);
    std::vector<std::string> debtors;
    for (int i = 0; i < 3; ++i)
        session.submit(registerDebtor("Cliente " + std::to_string(i)), at(kNov22 + i),
                       [&](const CommandOutcome& o) { debtors.push_back(o.createdId); });
    std::string luis;
    session.submit(nlohmann::json{{"type", "addMember"}, {"name", "Luis Ruiz"}}, at(kNov22 + 10),
                   [&](const CommandOutcome& o) { luis = o.createdId; });
    for (const auto& w : storage.pending) session.stored(w.request, true, "");
    storage.pending.clear();
    REQUIRE(debtors.size() == 3);
    REQUIRE_FALSE(luis.empty());
    auto reassign = [&](const std::vector<std::string>& ids, const std::string& member) {
        std::vector<Command> commands;
        for (const auto& id : ids) {
            DebtorAssigned c;
            c.debtor = id;
            c.member = member;
            commands.emplace_back(c);
        }
        return commands;
    };
    std::vector<CommandOutcome> outcomes;
    auto record = [&](const CommandOutcome& o) { outcomes.push_back(o); };

    session.submitAll(reassign(debtors, luis), at(kNov22 + 20), record);
    REQUIRE(storage.pending.size() == 1); // one append
    CHECK(storage.pending[0].events.size() == 3);
    for (const auto& id : debtors) CHECK(session.workspace().state().debtors[*session.workspace().state().debtor(id)].assignee == luis);
    session.stored(storage.pending[0].request, true, "");
    REQUIRE(outcomes.size() == 1);
    CHECK(outcomes[0].ok);
    CHECK(outcomes[0].added == 3);

    // The third is refused (no such debtor): none of the first two is reassigned either.
    const std::size_t events = session.workspace().log().size();
    session.submitAll(reassign({debtors[0], debtors[1], "d-000000000000000000000000"}, ""), at(kNov22 + 30), record);
    REQUIRE(outcomes.size() == 2);
    CHECK_FALSE(outcomes[1].ok);
    REQUIRE(outcomes[1].problem);
    CHECK(outcomes[1].problem->field == "debtor");
    CHECK(storage.pending.size() == 1);
    CHECK(session.workspace().log().size() == events);
    for (const auto& id : debtors) CHECK(session.workspace().state().debtors[*session.workspace().state().debtor(id)].assignee == luis);

    // A write that fails takes all of them back.
    session.submitAll(reassign(debtors, ""), at(kNov22 + 40), record);
    REQUIRE(storage.pending.size() == 2);
    session.stored(storage.pending[1].request, false, "QuotaExceededError: the quota has been exceeded");
    REQUIRE(outcomes.size() == 3);
    CHECK_FALSE(outcomes[2].ok);
    for (const auto& id : debtors) CHECK(session.workspace().state().debtors[*session.workspace().state().debtor(id)].assignee == luis);

    // A tab that does not write leaves it to the one that does.
    session.setWriter(false);
    session.submitAll(reassign(debtors, ""), at(kNov22 + 50), record);
    REQUIRE(outcomes.size() == 4);
    CHECK(outcomes[3].problem->code == Str::err_batch_other_tab);
}

TEST_CASE("which member I am: my events carry that member's name, a restore keeps who I am") {
    ManualStorage storage;
    Session session(storage, 7);
    std::string luis;
    session.submit(nlohmann::json{{"type", "addMember"}, {"name", "Luis Ruiz"}}, at(kNov22),
                   [&](const CommandOutcome& o) { luis = o.createdId; });
    session.stored(storage.pending[0].request, true, "");
    Settings settings = session.settings();
    settings.userName = "Luis";
    CHECK(authorName(settings, session.workspace().state()) == "Luis"); // no member said yet
    settings.memberId = luis;
    CHECK(authorName(settings, session.workspace().state()) == "Luis Ruiz");
    CHECK(myMember(settings, session.workspace().state()).has_value());
    settings.memberId = "m-000000000000000000000000"; // no such member: the typed name
    CHECK(authorName(settings, session.workspace().state()) == "Luis");
    CHECK_FALSE(myMember(settings, session.workspace().state()).has_value());
    settings.memberId = std::string(101, 'm');
    REQUIRE(validateSettings(settings));
    CHECK(validateSettings(settings)->field == "settings.memberId");
}

TEST_CASE("events a sync server sent: the good written in one transaction and reported once stored, the bad returned, a failed write undone") {
    ManualStorage storage;
    Session session(storage, 7);
    const EventLog theirs = anotherDevicesLog(3);
    std::vector<Event> sent = theirs.decodeAll();
    Event bad = sent[1];
    bad.id.ms += 1000; // another id for a debtor id already registered: refused as a command would be
    sent.push_back(bad);
    std::vector<CommandOutcome> outcomes;
    auto record = [&](const CommandOutcome& o) { outcomes.push_back(o); };
    const auto refused = session.pull(sent, "couch/equipo", record);
    REQUIRE(refused.size() == 1);
    CHECK(refused[0].record == bad.id.str());
    CHECK(refused[0].file == "couch/equipo");
    REQUIRE(storage.pending.size() == 1);
    CHECK(storage.pending[0].events.size() == 3);
    CHECK(outcomes.empty()); // not before storage says so
    session.stored(storage.pending[0].request, true, "");
    REQUIRE(outcomes.size() == 1);
    CHECK(outcomes[0].ok);
    CHECK(outcomes[0].added == 3);
    CHECK(session.workspace().state().debtors.size() == 3);

    // The same again: nothing to write, answered at once.
    CHECK(session.pull(theirs.decodeAll(), "couch/equipo", record).empty());
    CHECK(outcomes.size() == 2);
    CHECK(storage.pending.size() == 1);

    // A write that fails takes them out again.
    ManualStorage failing;
    Session other(failing, 8);
    other.pull(theirs.decodeAll(), "couch/equipo", record);
    other.stored(failing.pending[0].request, false, "UnknownError: disk");
    CHECK_FALSE(outcomes.back().ok);
    CHECK(other.workspace().log().empty());
    CHECK(other.workspace().state().debtors.empty());
}
