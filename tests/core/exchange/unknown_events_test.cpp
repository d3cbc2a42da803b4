// Events this version does not understand (a type added later, or a newer schema version of
// a known type) are kept byte for byte: through load, backup, read, write and merge, counted
// in the diagnostics, never applied and never dropped.
#include "core/codec/event_codec.hpp"
#include "core/exchange/backup.hpp"
#include "core/exchange/merge.hpp"
#include "support.hpp"

#include <doctest/doctest.h>

using namespace recobra;
using namespace recobra::test;

namespace {

struct BookWithNewerEvents {
    Book book;
    std::string pena;
    std::string planText, newerInvoiceText, messyText;

    BookWithNewerEvents() {
        pena = book.registerDebtor("Gráficas Peña S.L.", "B12345674");
        book.addInvoice(pena, "F-001", 120000, "2026-01-05", "2026-02-04");
        book.setNow("2026-03-10", 12);
        // A payment plan, a type a later Recobra adds (with a decimal rate, nested lists).
        planText = R"({"author":"Eva","id":"019cd7a76dc0-0000-0000000e","payload":{"debtor":")" + pena +
                   R"(","installments":[{"amount":{"currency":"EUR","minor":40000},"due":"2026-04-01"},)"
                   R"({"amount":{"currency":"EUR","minor":80000},"due":"2026-05-01"}],"rate":0.05,)"
                   R"("note":"Acordado por teléfono \u00abok\u00bb"},)"
                   R"("ts":1773144000000,"type":"plan.created","v":1})";
        // An invoice as schema 2 writes it: a field v1 lacks, and one beside the payload.
        newerInvoiceText = R"({"author":"Eva","id":"019cd7a76dc0-0001-0000000e","payload":)"
                           R"({"amount":{"currency":"EUR","minor":99900},"debtor":")" +
                           pena +
                           R"(","dueDate":"2026-04-10","invoice":"i-v2","issueDate":"2026-03-10",)"
                           R"("number":"F-V2","vat":{"rate":21}},)"
                           R"("signature":"c2lnbmVk","ts":1773144000001,"type":"invoice.added","v":2})";
        // The same kind of thing, written by a tool that neither sorts keys nor saves spaces.
        messyText = R"({ "v": 1, "type": "reminder.scheduled", "ts": 1773144000002,)"
                    R"( "payload": { "on": "2026-03-20", "debtor": ")" +
                    pena + R"(" }, "id": "019cd7a76dc0-0002-0000000e", "author": "Eva" })";
    }

    std::vector<Event> newer() const {
        std::vector<Event> out;
        for (const auto* text : {&planText, &newerInvoiceText, &messyText}) {
            const auto decoded = decodeEventText(std::string_view(*text));
            CHECK_MESSAGE(decoded.event.has_value(), *text);
            if (decoded.event) out.push_back(*decoded.event);
        }
        return out;
    }
};

} // namespace

TEST_CASE("an event of an unknown type, or of a newer schema, is kept whole as its own text") {
    BookWithNewerEvents b;
    const auto events = b.newer();
    REQUIRE(events.size() == 3);
    const char* types[] = {"plan.created", "invoice.added", "reminder.scheduled"};
    const std::string* texts[] = {&b.planText, &b.newerInvoiceText, &b.messyText};
    const int versions[] = {1, 2, 1};
    for (std::size_t i = 0; i < events.size(); ++i) {
        INFO(types[i]);
        CHECK_FALSE(events[i].known());
        CHECK(std::string(events[i].type()) == types[i]);
        CHECK(events[i].version == versions[i]);
        CHECK(events[i].author == "Eva");
        const auto& unknown = std::get<UnknownEvent>(events[i].payload);
        CHECK(unknown.type == types[i]);
        CHECK(unknown.json == *texts[i]); // its bytes: its key order, its spaces
        CHECK(encodeEvent(events[i]) == unknown.json);
    }
}

TEST_CASE("unknown events survive load, backup, read and write byte for byte, and are counted") {
    BookWithNewerEvents b;
    std::vector<Event> all = b.book.log().decodeAll();
    for (auto& e : b.newer()) all.push_back(e);
    const std::size_t total = all.size();

    Workspace w(5);
    const auto report = w.load(all);
    CHECK(report.events == total);
    CHECK(report.diagnostics.unknownEvents == 3);
    CHECK(w.state().diagnostics.unknownEvents == 3);
    // Never applied: the schema-2 invoice is not an invoice to this version.
    CHECK_FALSE(w.state().invoice("i-v2").has_value());
    CHECK(w.state().debtors[0].invoices.size() == 1);

    const std::string first = writeBackup(Settings{}, w.log().decodeAll());
    for (const auto* text : {&b.planText, &b.newerInvoiceText, &b.messyText})
        CHECK(first.find("\n" + *text) != std::string::npos);

    const auto read = readBackup(first, "copia.json");
    REQUIRE(read.contents.has_value());
    CHECK(read.contents->events.size() == total);
    CHECK_FALSE(checkIntegrity({}, read.contents->events, "copia.json").has_value());
    Workspace restored(6);
    CHECK(restored.load(read.contents->events).diagnostics.unknownEvents == 3);
    CHECK(dumpState(restored.state(), restored.log()) == dumpState(w.state(), w.log()));
    const std::string second = writeBackup(Settings{}, restored.log().decodeAll());
    CHECK(second == first);
    // And once more, through a third device.
    const auto again = readBackup(second, "copia.json");
    REQUIRE(again.contents.has_value());
    CHECK(writeBackup(Settings{}, again.contents->events) == first);
}

TEST_CASE("unknown events are merged like any other: added once, kept while work goes on") {
    BookWithNewerEvents b;
    Book& book = b.book;
    const auto newer = b.newer();
    CHECK(book.workspace.integrate(newer).size() == 3);
    CHECK(book.workspace.integrate(newer).empty());
    CHECK(book.state().diagnostics.unknownEvents == 3);
    // Work continues: new events sort after the newer device's, and the unknown ones stay.
    book.setNow("2026-03-10", 12, 30);
    book.pay(b.pena, 1000, "2026-03-10");
    CHECK(book.log().size() == 6);
    CHECK(book.state().diagnostics.unknownEvents == 3);
    std::size_t unknown = 0;
    for (const auto& e : book.log().decodeAll())
        if (!e.known()) ++unknown;
    CHECK(unknown == 3);
    // A discard elsewhere refolds, and they are still counted once each.
    const auto result = book.dispatch(command("addNote", {{"debtor", b.pena}, {"text", "x"}}));
    REQUIRE(result.ok());
    book.workspace.discard(result.event->id);
    CHECK(book.state().diagnostics.unknownEvents == 3);
}

TEST_CASE("a known type at the current version is strict; at a newer version it is kept") {
    BookWithNewerEvents b;
    std::string v1 = b.newerInvoiceText;
    v1.replace(v1.find("\"v\":2"), 5, "\"v\":1");
    const auto strict = decodeEventText(std::string_view(v1));
    CHECK_FALSE(strict.event.has_value());
    CHECK(code(strict.problem) == "err_field_unknown"); // "signature" beside the payload
    const auto kept = decodeEventText(std::string_view(b.newerInvoiceText));
    REQUIRE(kept.event.has_value());
    CHECK_FALSE(kept.event->known());
}

TEST_CASE("an unknown event's own bytes survive a file edited by hand, a merge and a second read") {
    // docs/backup-format.md promises unknown events carried byte for byte. Re-serializing one
    // sorted its keys, dropped its spaces and turned an integer beyond 2^53 into a float.
    BookWithNewerEvents b;
    const std::string big = R"({"v":1, "type":"plan.created","ts":1773144000003,"payload":{"z":1,"debtor":")" + b.pena +
                            R"(","total":123456789012345678901234567890,"rate":0.10,"a":[1 ,2]},"id":"019cd7a76dc0-0003-0000000e","author":"Eva"})";
    const std::string known = writeBackup(Settings{}, b.book.log().decodeAll());
    const std::string tail = known.substr(known.rfind("\n]"));
    // Laid out otherwise than the app writes (read whole, by nlohmann): one line, and one
    // spread over several lines with indentation.
    const std::string events = known.substr(known.find('\n') + 1, known.rfind("\n]") - known.find('\n') - 1);
    const std::string spread = R"({
        "v": 1, "type": "plan.created", "ts": 1773144000004,
        "payload": { "debtor": ")" + b.pena + R"(", "note": "a  b\" , c", "n": 18446744073709551616 },
        "id": "019cd7a76dc0-0004-0000000e", "author": "Eva"
      })";
    const std::string handEdited = "{ \"events\": [\n" + events + ",\n  " + big + ",\n  " + spread + tail;
    const auto read = readBackup(handEdited, "a-mano.json");
    REQUIRE_MESSAGE(read.contents.has_value(), (read.problem ? read.problem->describe(Lang::en) : ""));
    std::vector<std::string> kept;
    for (const auto& e : read.contents->events.decodeAll())
        if (const auto* u = std::get_if<UnknownEvent>(&e.payload)) kept.push_back(u->json);
    REQUIRE(kept.size() == 2);
    CHECK(kept[0] == big); // exactly its bytes
    // Several lines: the blanks between tokens go (a backup holds one event per line), the
    // tokens stay as written (the number, the spaces inside the string, the key order).
    CHECK(kept[1] == R"({"v":1,"type":"plan.created","ts":1773144000004,"payload":{"debtor":")" + b.pena +
                         R"(","note":"a  b\" , c","n":18446744073709551616},"id":"019cd7a76dc0-0004-0000000e","author":"Eva"})");

    // Merged into another backup, written, read back in the app's layout: the same bytes.
    const auto base = readBackup(known, "base.json");
    REQUIRE(base.contents.has_value());
    FileMerge merged = mergeFiles(base.contents->events, "base.json", read.contents->events, "a-mano.json");
    REQUIRE_FALSE(merged.problem.has_value());
    const std::string written = writeBackup(Settings{}, merged.events);
    CHECK(written.find("\n" + big + ",\n") != std::string::npos);
    CHECK(written.find("123456789012345678901234567890") != std::string::npos);
    CHECK(written.find("e+29") == std::string::npos);
    BackupStreamReader stream("merged.json");
    stream.feed(written);
    const auto again = stream.finish();
    REQUIRE(again.contents.has_value());
    CHECK(writeBackup(Settings{}, again.contents->events) == written);
}
