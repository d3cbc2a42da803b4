// Team sync's pure part (core/exchange/sync.hpp): events go up as CouchDB documents and come
// back down as the same events; what comes down is checked as a merge checks a file — the
// same refusals, naming the server, the event and the field — except that a refused event is
// left out alone and the rest are added.
#include "core/codec/event_codec.hpp"
#include "core/exchange/merge.hpp"
#include "core/exchange/sync.hpp"
#include "core/sample/demo.hpp"
#include "core/workspace/workspace.hpp"
#include "support.hpp"

#include <doctest/doctest.h>

using namespace recobra;
using namespace recobra::test;

namespace {

const std::string kServer = "couch.example.com/equipo";

// Ana sets a book up; Luis starts from her copy and works on it.
struct Pair {
    Book ana{1, "2026-03-01"};
    Book luis{2, "2026-03-01"};
    std::string pena, f1;

    Pair() {
        pena = ana.registerDebtor("Gráficas Peña S.L.", "B12345674");
        f1 = ana.addInvoice(pena, "F-001", 120000, "2026-01-05", "2026-02-04");
        luis.workspace.load(ana.log().decodeAll());
        luis.setNow("2026-03-10", 10);
        const auto otro = luis.registerDebtor("Otro Cliente S.L.", "B65432106");
        luis.addInvoice(otro, "O-001", 4321, "2026-03-02", "2026-04-17");
        luis.pay(pena, 10000, "2026-03-10");
    }
};

// Every event of `book` after `after` as the lines _bulk_get gives: one document per line.
std::string documents(const Book& book, std::optional<EventId> after = std::nullopt) {
    const Outgoing out = outgoingEvents(book.log(), after, 1000, nullptr);
    const auto docs = nlohmann::json::parse(out.docs);
    std::string lines;
    for (const auto& d : docs) lines += d.dump() + "\n";
    return lines;
}

PullApplied pull(Book& into, const std::string& lines) {
    PulledDocs read = readPulledDocs(lines, kServer);
    PullApplied applied = applyPulled(into.workspace, std::move(read.events), kServer);
    applied.refused.insert(applied.refused.begin(), read.refused.begin(), read.refused.end());
    return applied;
}

std::string replaced(std::string text, const std::string& from, const std::string& to) {
    const auto at = text.find(from);
    REQUIRE_MESSAGE(at != std::string::npos, "not in the text: ", from);
    return text.replace(at, from.size(), to);
}

} // namespace

TEST_CASE("an event goes up as a document with one revision, the same from every device, and comes back the same") {
    Pair p;
    const Outgoing out = outgoingEvents(p.luis.log(), std::nullopt, 2, nullptr);
    CHECK(out.count == 2);
    CHECK(out.waiting == p.luis.log().size());
    REQUIRE(out.last.has_value());
    CHECK(*out.last == p.luis.log().id(1));
    const auto docs = nlohmann::json::parse(out.docs);
    REQUIRE(docs.size() == 2);
    const EventId first = p.luis.log().id(0);
    CHECK(docs[0]["_id"] == first.str());
    CHECK(docs[0]["_rev"] == "1-" + first.compact());
    CHECK(docs[0]["id"] == first.str());
    // Ana's copy of the same event is the same document.
    CHECK(nlohmann::json::parse(outgoingEvents(p.ana.log(), std::nullopt, 1, nullptr).docs)[0] == docs[0]);

    // After a point: only what follows it; a pending event (not yet stored) and what follows
    // it wait.
    const Outgoing rest = outgoingEvents(p.luis.log(), out.last, 1000, nullptr);
    CHECK(rest.count == p.luis.log().size() - 2);
    CHECK(rest.waiting == rest.count);
    const EventId held = p.luis.log().id(3);
    const Outgoing stopped = outgoingEvents(p.luis.log(), out.last, 1000, [&](const EventId& id) { return id == held; });
    CHECK(stopped.count == 1);
    CHECK(stopped.waiting == rest.count);
    CHECK(outgoingEvents(p.luis.log(), p.luis.log().lastId(), 1000, nullptr).docs == "[]");

    // Down again: into an empty book, the same log and state.
    Book empty{3, "2026-03-10"};
    const PullApplied applied = pull(empty, documents(p.luis));
    CHECK(applied.refused.empty());
    CHECK(applied.added.size() == p.luis.log().size());
    CHECK(empty.dump() == p.luis.dump());
    // Again: nothing new.
    const PullApplied again = pull(empty, documents(p.luis));
    CHECK(again.added.empty());
    CHECK(again.known == p.luis.log().size());
    CHECK(empty.dump() == p.luis.dump());
}

TEST_CASE("the example data never goes up: passed over, with what was written about it, and the rest sent") {
    // A newcomer tried the example data, then entered a real debtor and connected.
    Book book{1, "2026-03-10"};
    book.workspace.load(demoDataset(day("2026-03-10")));
    std::string example;
    for (std::size_t i = 0; i < book.log().size() && example.empty(); ++i) {
        const Event e = book.log()[i];
        if (const auto* d = std::get_if<DebtorRegistered>(&e.payload)) example = d->debtor;
    }
    REQUIRE_FALSE(example.empty());
    const std::size_t before = book.log().size();
    book.accept(command("addNote", {{"debtor", example}, {"text", "Probando la nota"}})); // about example data
    const auto pena = book.registerDebtor("Gráficas Peña S.L.", "B12345674");
    book.addInvoice(pena, "F-001", 120000, "2026-01-05", "2026-02-04");
    REQUIRE(book.log().size() == before + 3);
    const auto local = demoEvents(book.state(), book.log());

    // In batches of 100 documents: what is passed over does not count toward a batch.
    std::optional<EventId> after;
    std::vector<std::string> sent;
    std::size_t batches = 0;
    for (;;) {
        const Outgoing out = outgoingEvents(book.log(), after, 100, nullptr, local);
        if (!out.last) break;
        CHECK(out.count <= 100);
        for (const auto& doc : nlohmann::json::parse(out.docs)) sent.push_back(doc["_id"].get<std::string>());
        after = out.last;
        ++batches;
    }
    CHECK(batches == 1);
    CHECK(*after == book.log().lastId());
    // Only the real debtor and its invoice: not the example's events, nor the note about one.
    REQUIRE(sent.size() == 2);
    for (const auto& id : sent) {
        const auto parsed = EventId::parse(id);
        REQUIRE(parsed);
        const auto at = book.log().find(*parsed);
        REQUIRE(at);
        CHECK_FALSE(isDemoDevice(parsed->device));
        CHECK_FALSE(std::holds_alternative<NoteAdded>(book.log()[*at].payload));
    }
    // A batch that only passes over holds no document and still moves on (the page checkpoints
    // it): here, stopped before the first real event (not stored yet).
    const EventId firstReal = *EventId::parse(sent[0]);
    const Outgoing only = outgoingEvents(book.log(), std::nullopt, 100, [&](const EventId& id) { return id == firstReal; }, local);
    CHECK(only.count == 0);
    CHECK(only.docs == "[]");
    REQUIRE(only.last.has_value());
    CHECK(*only.last < firstReal);
    // Without the example data, all of it goes.
    CHECK(outgoingEvents(book.log(), std::nullopt, 100000, nullptr).count == book.log().size());
}

TEST_CASE("pulled events older than the log's end are merged into place; both orders give one state") {
    Pair p;
    p.ana.setNow("2026-03-11", 9);
    p.ana.pay(p.pena, 5000, "2026-03-11"); // after Luis's work: Ana's log ends later
    Book ana = p.ana;
    const PullApplied fromLuis = pull(ana, documents(p.luis));
    CHECK(fromLuis.refused.empty());
    CHECK(fromLuis.added.size() == 3);
    CHECK(fromLuis.known == 2);
    const PullApplied toLuis = pull(p.luis, documents(p.ana));
    CHECK(toLuis.refused.empty());
    CHECK(toLuis.added.size() == 1);
    CHECK(ana.dump() == p.luis.dump());
}

TEST_CASE("the pulled-event path refuses what a merge refuses, naming the server, the event and the field, and adds the rest") {
    Pair p;
    const std::string good = documents(p.luis, p.ana.log().lastId());
    const auto lineWith = [&](const std::string& needle) {
        const auto at = good.find(needle);
        REQUIRE(at != std::string::npos);
        const auto start = good.rfind('\n', at) == std::string::npos ? 0 : good.rfind('\n', at) + 1;
        return good.substr(start, good.find('\n', at) - start);
    };
    const std::string invoice = lineWith("\"number\":\"O-001\"");
    const std::string invoiceId = nlohmann::json::parse(invoice)["id"];
    struct Row {
        std::string rule;
        std::string from, to;
        std::string reason, field;
    };
    const Row rows[] = {
        {"an amount of the wrong type", "\"minor\":4321", "\"minor\":\"4321\"", "err_type_integer", "payload.amount.minor"},
        {"a negative amount", "\"minor\":4321", "\"minor\":-4321", "err_amount_positive", "payload.amount"},
        {"an absurd amount", "\"minor\":4321", "\"minor\":100000000001", "err_amount_too_large", "payload.amount"},
        {"an impossible date", "\"dueDate\":\"2026-04-17\"", "\"dueDate\":\"2026-02-30\"", "err_date_invalid", "payload.dueDate"},
        {"a reference to a debtor nobody registered", "\"debtor\":\"", "\"debtor\":\"x", "err_ref_unknown", "payload.debtor"},
        {"a field no event has", "\"type\":", "\"extra\":1,\"type\":", "err_field_unknown", "extra"},
    };
    for (const auto& row : rows) {
        INFO(row.rule);
        const std::string bad = replaced(invoice, row.from, row.to);
        // A merge of a file holding the same events refuses it, for the same reason and field...
        std::string backup = writeBackup(Settings{}, p.ana.log().decodeAll());
        Book merged = p.ana;
        const auto lineAt = backup.find(encodeEvent(merged.log().decodeAll().back()));
        REQUIRE(lineAt != std::string::npos);
        std::string added;
        for (const std::string& line : {replaced(good, invoice, bad)}) {
            std::size_t from = 0;
            for (auto end = line.find('\n'); end != std::string::npos; from = end + 1, end = line.find('\n', from)) {
                auto asEvent = nlohmann::json::parse(line.substr(from, end - from));
                asEvent.erase("_id");
                asEvent.erase("_rev");
                added += asEvent.dump() + ",\n";
            }
        }
        backup.insert(lineAt, added);
        const MergeResult m = mergeFile(merged.workspace, backup, "f.json");
        REQUIRE(m.problem.has_value());
        CHECK(code(m.problem) == row.reason);
        CHECK(m.problem->field == row.field);
        // ...and so does a sync, leaving it out alone.
        Book ana = p.ana;
        const PullApplied applied = pull(ana, replaced(good, invoice, bad));
        REQUIRE(applied.refused.size() == 1);
        const Problem& why = applied.refused[0];
        CHECK(code(why) == row.reason);
        CHECK(why.field == row.field);
        CHECK(why.record == invoiceId);
        CHECK(why.file == kServer);
        CHECK(why.describe(Lang::en).find(kServer) != std::string::npos);
        CHECK(applied.added.size() == 2); // the debtor and the payment
        CHECK_FALSE(ana.log().find(*EventId::parse(invoiceId)).has_value());
    }
}

TEST_CASE("a document that is not an event as stored is refused, named; the others come down") {
    Pair p;
    const std::string good = documents(p.luis, p.ana.log().lastId());
    const std::string first = good.substr(0, good.find('\n'));
    const std::string firstId = nlohmann::json::parse(first)["_id"];
    struct Row {
        std::string rule, line, reason, field, record;
    };
    const Row rows[] = {
        {"malformed JSON", "{\"_id\":", "err_json_syntax", "", ""},
        {"not an object", "[1]", "err_type_object", "", ""},
        {"no _id", replaced(first, "\"_id\"", "\"_idx\""), "err_required", "_id", ""},
        {"an _id other than the event's", replaced(first, "\"_id\":\"", "\"_id\":\"0"), "sync_err_doc_id", "_id", "0" + firstId},
        {"deleted", replaced(first, "{", "{\"_deleted\":true,"), "sync_err_deleted", "_deleted", firstId},
        {"a field of CouchDB's the event does not have", replaced(first, "{", "{\"_attachments\":{},"), "err_field_unknown",
         "_attachments", firstId},
    };
    for (const auto& row : rows) {
        INFO(row.rule);
        Book ana = p.ana;
        const std::string lines = replaced(good, first, row.line);
        const PullApplied applied = pull(ana, lines);
        REQUIRE(applied.refused.size() >= 1);
        CHECK(code(applied.refused[0]) == row.reason);
        CHECK(applied.refused[0].field == row.field);
        CHECK(applied.refused[0].record == row.record);
        CHECK(applied.refused[0].file == kServer);
        // The debtor's invoice needs the debtor: refused with it; the payment comes down.
        CHECK(applied.added.size() == 1);
    }
    // The same id with other content is damaged: refused, the copy here kept.
    Book luis = p.luis;
    const std::string changed = replaced(documents(p.ana), "\"minor\":120000", "\"minor\":120001");
    const PullApplied conflict = pull(luis, changed);
    REQUIRE(conflict.refused.size() == 1);
    CHECK(code(conflict.refused[0]) == "merge_err_conflict");
    CHECK(luis.dump() == p.luis.dump());
}
