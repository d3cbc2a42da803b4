// Backups: what writeBackup writes, readBackup reads back exactly; anything else (truncated,
// corrupted, garbage, the wrong kind of file, a newer one, inconsistent events) is refused
// with a Problem naming the file, the record and the field, and never crashes.
#include "core/codec/event_codec.hpp"
#include "core/codec/json_codec.hpp"
#include "core/exchange/backup.hpp"
#include "core/log/block_packer.hpp"
#include "core/log/stored_lines.hpp"
#include "core/sample/generator.hpp"
#include "core/state/queries.hpp"
#include "support.hpp"

#include <algorithm>
#include <doctest/doctest.h>

using namespace recobra;
using namespace recobra::test;

namespace {

const std::string kFile = "recobra-2026-03-10.json";

Settings anasSettings() {
    Settings s;
    s.userName = "Ana García";
    s.language = "es";
    s.lastBackupAt = at("2026-03-01", 18);
    return s;
}

std::string settingsJson(const Settings& s) {
    std::string out;
    JsonWriter::writeObject(out, s);
    return out;
}

std::string eventsJson(const std::vector<Event>& events) {
    std::string out;
    for (const auto& e : events) out += encodeEvent(e) + "\n";
    return out;
}

// Ana's small book: two debtors, three invoices, a payment, a call with a promise, a note.
Book smallBook() {
    Book book;
    const auto ana = book.accept(command("addMember", {{"name", "Ana García"}}));
    const auto pena = book.registerDebtor("Gráficas Peña S.L.", "B12345674");
    const auto ruiz = book.registerDebtor("Taller Ruiz S.L.", "B87654323");
    const auto f1 = book.addInvoice(pena, "F-001", 120000, "2026-01-05", "2026-02-04");
    book.addInvoice(pena, "F-002", 30000, "2026-02-01", "2026-03-03");
    book.addInvoice(ruiz, "R-001", 50000, "2026-02-10", "2026-03-12");
    book.pay(pena, 20000, "2026-03-05");
    book.setNow("2026-03-10", 12);
    book.accept(
        command("logInteraction", {{"debtor", pena},
                                   {"at", at("2026-03-10", 11, 30)},
                                   {"channel", "call"},
                                   {"direction", "outbound"},
                                   {"outcome", "promise"},
                                   {"invoices", {f1}},
                                   {"promise", {{"amount", eur(50000)}, {"dueDate", "2026-03-20"}}}}));
    book.accept(command("addNote", {{"debtor", ruiz}, {"text", "Cierra en agosto"}}));
    book.accept(command("assignDebtor", {{"debtor", ruiz}, {"member", ana}}));
    return book;
}

// A bigger book: 120 debtors with two invoices each, payments and calls.
Book biggerBook() {
    Book book;
    for (int i = 0; i < 120; ++i) {
        const std::string name = "Cliente " + std::to_string(i) + " S.L.";
        const auto d = book.registerDebtor(name.c_str());
        book.addInvoice(d, "F-1", 10000 + i, "2026-01-01", "2026-01-31");
        book.addInvoice(d, "F-2", 20000 + i, "2026-02-01", "2026-03-03");
        if (i % 3 == 0) book.pay(d, 15000, "2026-03-01");
        if (i % 4 == 0)
            book.accept(command("logInteraction", {{"debtor", d},
                                                   {"at", book.context.now - 60'000},
                                                   {"channel", "email"},
                                                   {"direction", "inbound"},
                                                   {"outcome", "dispute"},
                                                   {"summary", "No está conforme con la F-2"}}));
    }
    return book;
}

// Whether a read gave back exactly `events` and `settings`.
void checkSame(const BackupRead& read, const std::vector<Event>& events, const Settings& settings) {
    REQUIRE(read.contents.has_value());
    CHECK(eventsJson(read.contents->events.decodeAll()) == eventsJson(events));
    CHECK(settingsJson(read.contents->settings) == settingsJson(settings));
}

// A refusal names the file; a syntax error names the line; a bad event names the event.
void checkRefusal(const BackupRead& read) {
    CHECK_FALSE(read.contents.has_value());
    REQUIRE(read.problem.has_value());
    CHECK(read.problem->file == kFile);
    CHECK_FALSE(read.problem->describe(Lang::en).empty());
    if (read.problem->code == Str::err_json_syntax) {
        CHECK(read.problem->recordKind == RecordKind::Line);
        CHECK_FALSE(read.problem->record.empty());
    }
}

std::string replaced(std::string text, const std::string& from, const std::string& to) {
    const auto at = text.find(from);
    CHECK_MESSAGE(at != std::string::npos, "not in the text: ", from);
    if (at != std::string::npos) text.replace(at, from.size(), to);
    return text;
}

} // namespace

TEST_CASE("a backup reads back exactly what was written, and writes again to the same bytes") {
    const Book book = smallBook();
    const auto& events = book.log().decodeAll();
    const std::string text = writeBackup(anasSettings(), events);
    const auto read = readBackup(text, kFile);
    checkSame(read, events, anasSettings());
    CHECK(writeBackup(read.contents->settings, read.contents->events) == text);
    // One event per line, between the opening and the closing lines.
    CHECK(static_cast<std::size_t>(std::count(text.begin(), text.end(), '\n')) == events.size() + 2);
    CHECK(text.rfind("{\"events\":[\n", 0) == 0);
    CHECK(text.size() > 2000); // a small file, but not a trivial one
    CHECK(text.size() < 10000);
}

TEST_CASE("an empty book's backup reads back") {
    const std::string text = writeBackup(Settings{}, std::vector<Event>{});
    CHECK(text == R"({"events":[],"format":"recobra-backup","schema":1,"settings":)" +
                      settingsJson(Settings{}) + "}\n");
    const auto read = readBackup(text, kFile);
    checkSame(read, {}, Settings{});
}

TEST_CASE("a backup is read the same whatever the order of its keys and its spacing") {
    // Written by hand, by another tool, or pretty-printed by a person: JSON objects have no order.
    const Book book = smallBook();
    const auto& events = book.log().decodeAll();
    const std::string settings = settingsJson(anasSettings());
    std::string list;
    for (const auto& e : events) list += (list.empty() ? "\n  " : ",\n  ") + encodeEvent(e);
    const std::string variants[] = {
        "{\"settings\":" + settings + ",\"schema\":1,\"format\":\"recobra-backup\",\"events\":[" + list +
            "]}",
        "{\"format\":\"recobra-backup\",\"settings\":" + settings + ",\"events\":[" + list +
            "],\"schema\":1}",
        "\xEF\xBB\xBF" + writeBackup(anasSettings(), events), // a byte-order mark, as some editors add
        json::parse(writeBackup(anasSettings(), events)).dump(2),
        " \r\n\t" + writeBackup(anasSettings(), events) + "\r\n\r\n",
    };
    for (const auto& text : variants) {
        INFO(text.substr(0, 60));
        checkSame(readBackup(text, kFile), events, anasSettings());
    }
}

TEST_CASE("a backup without settings reads with the default settings") {
    const Book book = smallBook();
    const std::string text =
        "{\"events\":[" + encodeEvent(book.log().decodeAll()[0]) + "],\"format\":\"recobra-backup\",\"schema\":1}";
    checkSame(readBackup(text, kFile), {book.log().decodeAll()[0]}, Settings{});
}

TEST_CASE("a backup cut at any byte is refused, saying on which line the cut is") {
    const Book book = smallBook();
    const std::string text = writeBackup(anasSettings(), book.log().decodeAll());
    for (std::size_t n = 0; n < text.size(); ++n) {
        const auto read = readBackup(std::string_view(text).substr(0, n), kFile);
        if (n + 1 == text.size()) { // only the final newline is missing: still the whole backup
            checkSame(read, book.log().decodeAll(), anasSettings());
            continue;
        }
        INFO("cut after ", n, " of ", text.size(), " bytes");
        checkRefusal(read);
        CHECK(code(read.problem) == (n == 0 ? "err_file_empty" : "err_json_syntax"));
        if (n > 0 && read.problem) {
            const auto lines =
                std::count(text.begin(), text.begin() + static_cast<std::ptrdiff_t>(n), '\n') + 1;
            CHECK(read.problem->record == std::to_string(lines));
        }
    }
}

TEST_CASE("a bigger backup cut at a sample of offsets is refused") {
    const Book book = biggerBook();
    const std::string text = writeBackup(anasSettings(), book.log().decodeAll());
    CHECK(text.size() > 100'000);
    checkSame(readBackup(text, kFile), book.log().decodeAll(), anasSettings());
    Rng rng(20260310);
    for (int k = 0; k < 120; ++k) {
        const std::size_t n = rng.below(text.size() - 1);
        INFO("cut after ", n, " bytes");
        const auto read = readBackup(std::string_view(text).substr(0, n), kFile);
        checkRefusal(read);
    }
}

TEST_CASE("a backup with any single byte changed is refused or reads as a backup that is consistent") {
    // Without a checksum a changed digit can go unnoticed (the amount is simply another); what
    // matters is that nothing crashes and that what is accepted is a well-formed backup that
    // either passes the integrity check or is refused by it, naming the event and field.
    const Book book = smallBook();
    const std::string text = writeBackup(anasSettings(), book.log().decodeAll());
    Rng rng(7);
    std::size_t refused = 0, accepted = 0, inconsistent = 0;
    for (std::size_t i = 0; i < text.size(); ++i) {
        std::string corrupted = text;
        corrupted[i] = static_cast<char>(static_cast<unsigned char>(corrupted[i]) ^ (1u << rng.below(8)));
        INFO("byte ", i, " changed from '", text.substr(i, 1), "'");
        const auto read = readBackup(corrupted, kFile);
        if (!read.contents) {
            checkRefusal(read);
            ++refused;
            continue;
        }
        ++accepted;
        // What was accepted writes back to a backup that reads the same.
        const std::string again = writeBackup(read.contents->settings, read.contents->events);
        const auto reread = readBackup(again, kFile);
        REQUIRE(reread.contents.has_value());
        CHECK(writeBackup(reread.contents->settings, reread.contents->events) == again);
        if (const auto p = checkIntegrity({}, read.contents->events, kFile)) {
            ++inconsistent;
            CHECK(p->file == kFile);
            CHECK_FALSE(p->record.empty());
            CHECK(p->field.rfind("payload", 0) == 0);
        }
    }
    CHECK(refused > text.size() / 2); // most changes break the JSON or a field
    CHECK(refused + accepted == text.size());
    CHECK(inconsistent <= accepted);
}

TEST_CASE("garbage is refused, never a crash") {
    Rng rng(1234);
    for (int k = 0; k < 300; ++k) {
        std::string garbage(1 + rng.below(400), '\0');
        for (auto& c : garbage) c = static_cast<char>(rng.next() & 0xFF);
        if (k % 3 == 1) garbage[0] = '{'; // looks like JSON at first
        if (k % 3 == 2) garbage = "{\"events\":[" + garbage;
        INFO("garbage #", k);
        checkRefusal(readBackup(garbage, kFile));
    }
    // Random JSON-looking tokens.
    const char* tokens[] = {"{",
                            "}",
                            "[",
                            "]",
                            ",",
                            ":",
                            "\"events\"",
                            "\"format\"",
                            "\"schema\"",
                            "\"settings\"",
                            "\"recobra-backup\"",
                            "1",
                            "null",
                            "true",
                            "\"id\"",
                            "\"payload\"",
                            "-0",
                            "1e400"};
    for (int k = 0; k < 300; ++k) {
        std::string text;
        const std::size_t count = 1 + rng.below(40);
        for (std::size_t t = 0; t < count; ++t) text += tokens[rng.below(std::size(tokens))];
        INFO(text);
        const auto read = readBackup(text, kFile);
        if (!read.contents) checkRefusal(read);
    }
}

TEST_CASE("deeply nested JSON is refused, never a crash") {
    // A hostile or broken file may nest thousands of levels; nothing may recurse that deep.
    const std::string deep = std::string(20000, '[') + std::string(20000, ']');
    const Book book = smallBook();
    const std::string unknown =
        replaced(encodeEvent(book.log().decodeAll()[0]), "\"type\":\"member.added\"", "\"type\":\"plan.created\"");
    const std::string id = book.log().decodeAll()[0].id.str();
    struct Row {
        std::string rule;
        std::string text;
        std::string field;
        std::string reason;
        std::string record;
    };
    const Row rows[] = {
        {"a deep array instead of a backup", deep, "", "err_backup_not_object", ""},
        {"a deep array instead of an event",
         "{\"events\":[" + deep + "],\"format\":\"recobra-backup\",\"schema\":1}", "", "err_type_object",
         "#1"},
        {"deep settings",
         "{\"events\":[],\"format\":\"recobra-backup\",\"schema\":1,\"settings\":{\"x\":" + deep + "}}",
         "settings.x", "err_field_unknown", ""},
        {"a deep field in a known event",
         "{\"events\":[" +
             replaced(encodeEvent(book.log().decodeAll()[0]), "\"payload\":{",
                      "\"payload\":{\"deep\":" + deep + ",") +
             "],\"format\":\"recobra-backup\",\"schema\":1}",
         "payload.deep", "err_field_unknown", "#1 (" + id + ")"},
        {"a deep payload in an event of an unknown type",
         "{\"events\":[" + replaced(unknown, "\"payload\":{", "\"payload\":{\"deep\":" + deep + ",") +
             "],\"format\":\"recobra-backup\",\"schema\":1}",
         "payload", "err_json_too_deep", "#1 (" + id + ")"},
        {"a deep field beside the payload of an unknown event",
         "{\"events\":[" + replaced(unknown, "\"payload\":{", "\"extra\":" + deep + ",\"payload\":{") +
             "],\"format\":\"recobra-backup\",\"schema\":1}",
         "extra", "err_json_too_deep", "#1 (" + id + ")"},
    };
    for (const auto& row : rows) {
        INFO(row.rule);
        const auto read = readBackup(row.text, kFile);
        checkRefusal(read);
        CHECK(code(read.problem) == row.reason);
        CHECK((read.problem ? read.problem->field : "?") == row.field);
        CHECK((read.problem ? read.problem->record : "?") == row.record);
    }
    nlohmann::json parsed;
    CHECK_FALSE(parseJson(deep, parsed).has_value()); // parsing itself copes
}

TEST_CASE("files that are not a Recobra backup, or a broken one, are refused naming what is wrong") {
    const Book book = smallBook();
    const auto& events = book.log().decodeAll();
    const std::string good = writeBackup(anasSettings(), events);
    const std::string second = encodeEvent(events[1]);
    const std::string secondId = events[1].id.str();
    struct Row {
        std::string rule;
        std::string text;
        std::string field;
        std::string reason;
        std::string record;
    };
    const Row rows[] = {
        {"an empty file", "", "", "err_file_empty", ""},
        {"a JSON array", "[" + eventsJson({events[0]}) + "]", "", "err_backup_not_object", ""},
        {"a JSON number", "42", "", "err_backup_not_object", ""},
        {"a JSON text", "\"recobra-backup\"", "", "err_backup_not_object", ""},
        {"null", "null", "", "err_backup_not_object", ""},
        {"an object without format", replaced(good, ",\"format\":\"recobra-backup\"", ""), "format",
         "err_backup_not_recobra", ""},
        {"another program's file", replaced(good, "\"recobra-backup\"", "\"holded-export\""), "format",
         "err_backup_not_recobra", ""},
        {"a format that is not text", replaced(good, "\"recobra-backup\"", "1"), "format",
         "err_backup_not_recobra", ""},
        {"a newer schema", replaced(good, "\"schema\":1", "\"schema\":2"), "schema", "err_backup_newer", ""},
        {"a schema of zero", replaced(good, "\"schema\":1", "\"schema\":0"), "schema", "err_schema_version",
         ""},
        {"a format that is an object", replaced(good, "\"recobra-backup\"", "{}"), "format",
         "err_backup_not_recobra", ""},
        {"a schema as text", replaced(good, "\"schema\":1", "\"schema\":\"1\""), "schema",
         "err_schema_version", ""},
        {"a schema as an object", replaced(good, "\"schema\":1", "\"schema\":{}"), "schema",
         "err_schema_version", ""},
        {"no schema", replaced(good, ",\"schema\":1", ""), "schema", "err_field_missing", ""},
        {"no events", "{\"format\":\"recobra-backup\",\"schema\":1}", "events", "err_field_missing", ""},
        {"events that are not a list", "{\"events\":{},\"format\":\"recobra-backup\",\"schema\":1}", "events",
         "err_type_list", ""},
        {"events that are a number", "{\"events\":7,\"format\":\"recobra-backup\",\"schema\":1}", "events",
         "err_type_list", ""},
        {"events listed twice", replaced(good, ",\"format\"", ",\"events\":[],\"format\""), "events",
         "err_key_duplicate", ""},
        {"an unknown top-level key that is empty", replaced(good, "\"format\"", "\"\":1,\"format\""), "\"\"",
         "err_field_unknown", ""},
        {"the format given twice", replaced(good, ",\"schema\"", ",\"format\":\"recobra-backup\",\"schema\""), "format",
         "err_key_duplicate", ""},
        {"a setting given twice", replaced(good, "\"language\":\"es\"", "\"language\":\"es\",\"language\":\"en\""),
         "language", "err_key_duplicate", ""},
        {"a reminder every 0 days", replaced(good, "\"backupReminderDays\":7", "\"backupReminderDays\":0"),
         "settings.backupReminderDays", "err_between", ""},
        {"a reminder every 366 days", replaced(good, "\"backupReminderDays\":7", "\"backupReminderDays\":366"),
         "settings.backupReminderDays", "err_between", ""},
        {"a currency that is not ISO 4217", replaced(good, "\"currency\":\"EUR\",\"language\"", "\"currency\":\"eur\",\"language\""),
         "settings.currency", "err_currency_unknown", ""},
        {"a currency Recobra does not know", replaced(good, "\"currency\":\"EUR\",\"language\"", "\"currency\":\"XXX\",\"language\""),
         "settings.currency", "err_currency_unknown", ""},
        {"a language other than es or en", replaced(good, "\"language\":\"es\"", "\"language\":\"fr\""),
         "settings.language", "err_field_choice", ""},
        {"a last backup after 2200", replaced(good, "\"lastBackupAt\":", "\"lastBackupAt\":1"),
         "settings.lastBackupAt", "err_ts_range", ""},
        {"an unknown top-level field", replaced(good, "\"format\"", "\"eventos\":1,\"format\""), "eventos",
         "err_field_unknown", ""},
        {"an event that is not an object", replaced(good, second, "17"), "", "err_type_object", "#2"},
        {"an event of the wrong shape", replaced(good, second, "[" + second + "]"), "", "err_type_object",
         "#2"},
        {"an event id that is not one", replaced(good, secondId, "not-an-id"), "id", "err_event_id", "#2"},
        {"an impossible date", replaced(good, "\"dueDate\":\"2026-02-04\"", "\"dueDate\":\"2026-02-31\""),
         "payload.dueDate", "err_date_invalid", "#4 (" + events[3].id.str() + ")"},
        {"an amount that is not an integer", replaced(good, "\"minor\":120000", "\"minor\":1200.00"),
         "payload.amount.minor", "err_type_integer", "#4 (" + events[3].id.str() + ")"},
        {"an unknown currency",
         replaced(good, "{\"currency\":\"EUR\",\"minor\":120000}", "{\"currency\":\"PTS\",\"minor\":120000}"),
         "payload.amount.currency", "err_currency_unknown", "#4 (" + events[3].id.str() + ")"},
        {"the same event id twice", replaced(good, second, second + ",\n" + second), "id", "err_id_duplicate",
         secondId},
        {"settings that are not an object", replaced(good, settingsJson(anasSettings()), "[]"), "settings",
         "err_type_object", ""},
        {"a setting of the wrong type", replaced(good, "\"language\":\"es\"", "\"language\":3"),
         "settings.language", "err_type_text", ""},
        {"an unknown setting",
         replaced(good, "\"language\":\"es\"", "\"language\":\"es\",\"theme\":\"dark\""), "settings.theme",
         "err_field_unknown", ""},
        {"broken JSON in the middle", replaced(good, second, second.substr(0, 30)), "", "err_json_syntax",
         "3"},
        {"two objects", good + good, "", "err_json_syntax", "13"},
        {"a string left open at the end of a line", replaced(good, "\"Ana García\"}", "\"Ana García}"), "",
         "err_json_syntax", "2"},
    };
    for (const auto& row : rows) {
        INFO(row.rule);
        const auto read = readBackup(row.text, kFile);
        checkRefusal(read);
        CHECK(code(read.problem) == row.reason);
        CHECK((read.problem ? read.problem->field : "?") == row.field);
        CHECK((read.problem ? read.problem->record : "?") == row.record);
    }
}

TEST_CASE("the integrity check refuses events that make no sense, naming the file, the event and the field") {
    const Book book = smallBook();
    const auto& events = book.log().decodeAll();
    CHECK_FALSE(checkIntegrity({}, events, kFile).has_value());

    auto edited = [&](std::size_t index, const char* from, const char* to) {
        std::vector<Event> copy = events;
        const auto decoded = decodeEventText(std::string_view(replaced(encodeEvent(events[index]), from, to)));
        REQUIRE(decoded.event.has_value());
        copy[index] = *decoded.event;
        return copy;
    };
    const std::string invoiceDebtor = std::get<InvoiceAdded>(events[3].payload).debtor;
    const std::string invoiceId = std::get<InvoiceAdded>(events[3].payload).invoice;
    const std::string paymentId = std::get<PaymentRecorded>(events[6].payload).payment;
    const std::string debtorId = std::get<DebtorRegistered>(events[1].payload).debtor;
    const std::string noteId = std::get<NoteAdded>(events[8].payload).note;
    const std::string tenMegabytes = "i-" + std::string(std::size_t{10} << 20, 'a');
    struct Row {
        const char* rule;
        std::vector<Event> events;
        std::size_t index;
        const char* field;
        const char* reason;
    };
    const Row rows[] = {
        {"an invoice of a debtor that does not exist", edited(3, invoiceDebtor.c_str(), "d-nobody"), 3,
         "payload.debtor", "err_ref_unknown"},
        {"an absurd amount", edited(3, "\"minor\":120000", "\"minor\":900000000000000"), 3, "payload.amount",
         "err_amount_too_large"},
        {"a negative amount", edited(3, "\"minor\":120000", "\"minor\":-120000"), 3, "payload.amount",
         "err_amount_positive"},
        {"due before issued", edited(3, "\"dueDate\":\"2026-02-04\"", "\"dueDate\":\"2025-02-04\""), 3,
         "payload.dueDate", "err_due_before_issue"},
        {"a blank legal name", edited(1, "\"legalName\":\"Gráficas Peña S.L.\"", "\"legalName\":\" \""), 1,
         "payload.legalName", "err_required"},
        {"a wrong tax id", edited(1, "B12345674", "B12345675"), 1, "payload.taxId", "err_taxid_invalid"},
        {"a payment of nothing", edited(6, "\"minor\":20000", "\"minor\":0"), 6, "payload.amount",
         "err_amount_positive"},
        {"a conversation in the year 30000", edited(7, "\"at\":1773142200000", "\"at\":884541340800000000"),
         7, "payload.at", "err_date_invalid"},
        {"a promise without the outcome promise",
         edited(7, "\"outcome\":\"promise\"", "\"outcome\":\"other\""), 7, "payload.promise",
         "err_promise_unexpected"},
        {"a note on a debtor that does not exist",
         edited(8, std::get<NoteAdded>(events[8].payload).debtor.c_str(), "d-nobody"), 8, "payload.debtor",
         "err_ref_unknown"},
        {"a debtor's id left empty", edited(1, ("\"" + debtorId + "\"").c_str(), "\"\""), 1, "payload.debtor",
         "err_id_format"},
        {"a payment id that is not one", edited(6, paymentId.c_str(), "hello"), 6, "payload.payment",
         "err_id_format"},
        {"an id with a NUL in it", edited(6, paymentId.c_str(), "p-a\\u0000b"), 6, "payload.payment",
         "err_id_format"},
        {"an id with a space", edited(8, noteId.c_str(), "n-a b"), 8, "payload.note", "err_id_format"},
        {"a debtor's id reused for a payment", edited(6, paymentId.c_str(), debtorId.c_str()), 6,
         "payload.payment", "err_id_format"},
        {"an id of 10 MB", edited(3, invoiceId.c_str(), tenMegabytes.c_str()), 3, "payload.invoice",
         "err_id_format"},
        {"a debtor registered twice",
         [&] {
             auto copy = events;
             auto twice = copy[1];
             twice.id.counter = 9;
             copy.insert(copy.begin() + 2, twice);
             return copy;
         }(),
         2, "payload.debtor", "err_id_duplicate"},
    };
    for (const auto& row : rows) {
        INFO(row.rule);
        const auto p = checkIntegrity(EventLog{}, EventLog(row.events), kFile);
        CHECK(code(p) == row.reason);
        CHECK((p ? p->field : "") == row.field);
        CHECK((p ? p->record : "") == row.events[row.index].id.str());
        CHECK((p ? p->file : "") == kFile);
        // Whatever the file holds, the message quotes a short prefix of it.
        CHECK((p ? p->describe(Lang::es).size() : 0) < 400);
        CHECK((p ? p->describe(Lang::en).size() : 0) < 400);
    }
}

TEST_CASE("a merged import is checked on top of what is already there") {
    // Luis exports his work on Ana's debtors; Ana imports it into her book.
    Book ana = smallBook();
    Book luis(2, "2026-03-10");
    luis.workspace.load(ana.log().decodeAll());
    luis.setNow("2026-03-10", 13);
    const auto pena = ana.state().debtors[0].id;
    luis.accept(command("addNote", {{"debtor", pena}, {"text", "Llamé yo, no contesta"}}));
    luis.pay(pena, 5000, "2026-03-10");
    const auto& all = luis.log().decodeAll();
    const std::vector<Event> his(all.begin() + static_cast<std::ptrdiff_t>(ana.log().size()), all.end());
    CHECK(his.size() == 2);
    CHECK_FALSE(checkIntegrity(ana.log(), EventLog(his), kFile).has_value());
    // His whole file, including what Ana already has, is fine too: the same events are kept once.
    CHECK_FALSE(checkIntegrity(ana.log(), EventLog(all), kFile).has_value());
    // On its own, his work refers to debtors the file does not hold.
    const auto p = checkIntegrity(EventLog{}, EventLog(his), kFile);
    CHECK(code(p) == "err_ref_unknown");
    CHECK((p ? p->field : "") == "payload.debtor");
    CHECK((p ? p->record : "") == his[0].id.str());
}

TEST_CASE("a file far larger than any backup is refused from its size alone, before it is read") {
    BackupStreamReader reader(kFile);
    reader.expectSize(1.5 * static_cast<double>(kMaxBackupBytes));
    CHECK_FALSE(reader.feed("{\"events\":[\n"));
    const BackupRead read = reader.finish();
    CHECK(code(read.problem) == "err_file_too_large");
    CHECK((read.problem ? read.problem->file : "") == kFile);
    CHECK(reader.bytesRead() == 0);

    BackupStreamReader small(kFile);
    small.expectSize(1024);
    CHECK(small.feed("{\"events\":[\n"));
}

TEST_CASE("a backup's event lines, read in pieces, pack into slices of the file that hold the same log") {
    // The browser stages a restore's new generation as slices of the file while it reads it:
    // read back as stored lines, they must be the log the file holds, event for event, in order.
    const Book book = smallBook();
    const auto& events = book.log().decodeAll();
    const std::string lf = writeBackup(anasSettings(), events);
    // Lines ending in CRLF (the file went through Windows), and a blank line among the events.
    std::string crlf = lf;
    for (std::size_t at = 0; (at = crlf.find('\n', at)) != std::string::npos; at += 2) crlf.insert(at, "\r");
    std::string blank = lf;
    blank.insert(blank.find('\n', blank.size() / 2) + 1, "\n");
    const std::pair<const char*, const std::string*> files[] = {{"LF", &lf}, {"CRLF", &crlf}, {"a blank line", &blank}};
    for (const auto& file : files) {
        const char* kind = file.first; // (clang 14 lets no lambda, as INFO makes, see a structured binding)
        const std::string& text = *file.second;
        const std::size_t firstEvent = text.find('\n') + 1;
        for (const std::size_t piece : {std::size_t{1}, std::size_t{7}, text.size()}) {
            INFO(kind << ", pieces of " << piece);
            BlockPacker packer(300);
            BackupStreamReader reader(kFile);
            reader.onEventLine([&](const EventId& id, std::size_t begin, std::size_t end) { packer.add(id, begin, end); });
            for (std::size_t at = 0; at < text.size(); at += piece)
                REQUIRE(reader.feed(std::string_view(text).substr(at, piece)));
            const BackupRead read = reader.finish();
            REQUIRE(read.contents);
            packer.finish();
            CHECK_FALSE(packer.broken());
            CHECK(packer.count() == events.size());
            CHECK(packer.last() == events.back().id);
            std::vector<Event> staged;
            std::size_t blocks = 0;
            std::size_t after = 0; // where the block before ended
            while (packer.hasReady()) {
                const auto block = packer.take();
                ++blocks;
                REQUIRE(block.begin >= after);
                REQUIRE(block.end <= text.size());
                // From the first line to the end of the last: nothing of the head or the tail.
                const std::string_view slice = std::string_view(text).substr(block.begin, block.end - block.begin);
                CHECK(slice.front() == '{');
                CHECK(slice.back() == '\n');
                if (blocks == 1) CHECK(block.begin == firstEvent);
                after = block.end;
                std::size_t lines = 0;
                forEachStoredLine(slice, [&](std::string_view line) {
                    const auto decoded = decodeEventText(line);
                    REQUIRE(decoded.event);
                    if (lines == 0) CHECK(decoded.event->id == block.first);
                    staged.push_back(*decoded.event);
                    ++lines;
                });
                CHECK(lines == block.count);
                // Every block but the last is full.
                if (packer.hasReady()) CHECK(slice.size() >= 300);
            }
            CHECK(text[after] == ']'); // the last block ends where the events do
            CHECK(packer.drained());
            CHECK(blocks > 1);
            CHECK(staged == events);
        }
    }
}

TEST_CASE("a line end is found where find() finds it, at every offset and among any bytes") {
    // Eight bytes at a time: the first '\n' of a word, not a later one, nor a byte that only
    // looks like one after a borrow (0x0b, 0x8a), nor one past the end.
    for (std::size_t length = 0; length < 40; ++length) {
        for (std::size_t at = 0; at <= length; ++at) {
            std::string text(length, 'x');
            for (std::size_t i = 0; i < length; ++i) text[i] = "a\x0b\x8a\xff\x09,"[i % 6];
            if (at < length) text[at] = '\n';
            if (at + 3 < length) text[at + 3] = '\n';
            for (std::size_t from = 0; from <= length; ++from) {
                INFO("length ", length, ", line end at ", at, ", from ", from);
                CHECK(findLineEnd(text, from) == std::string_view(text).find('\n', from));
            }
        }
    }
}

TEST_CASE("stored lines: recent records, packed blocks and slices of a file read as the same events") {
    const Book book = smallBook();
    const auto& events = book.log().decodeAll();
    REQUIRE(events.size() >= 3);
    std::string records, packed, slice;
    for (std::size_t k = 0; k < 3; ++k) {
        const std::string json = encodeEvent(events[k]);
        records += events[k].id.str() + "\t" + json + "\n";
        packed += json + "\n";
        slice += json + (k < 2 ? ",\r\n" : "\r\n");
    }
    for (const std::string& text : {records, packed, slice, "\n" + slice + "\n\n", slice.substr(0, slice.size() - 2)}) {
        std::vector<Event> read;
        forEachStoredLine(text, [&](std::string_view line) {
            const auto decoded = decodeEventText(line);
            REQUIRE(decoded.event);
            read.push_back(*decoded.event);
        });
        CHECK(read == std::vector<Event>(events.begin(), events.begin() + 3));
    }
    std::size_t lines = 0;
    forEachStoredLine("\n\r\n,\n", [&](std::string_view) { ++lines; });
    CHECK(lines == 0);
}

TEST_CASE("events out of order break a packing, and a file in another layout stages nothing") {
    const Book book = smallBook();
    const auto& events = book.log().decodeAll();
    BlockPacker packer(1 << 20);
    CHECK(packer.add(events[1].id, 12, 100));
    CHECK_FALSE(packer.add(events[0].id, 100, 200)); // older than the last
    CHECK(packer.broken());
    CHECK_FALSE(packer.add(events[2].id, 200, 300));
    packer.finish();
    CHECK_FALSE(packer.hasReady());
    BlockPacker twice(1 << 20);
    CHECK(twice.add(events[0].id, 12, 100));
    CHECK_FALSE(twice.add(events[0].id, 100, 200)); // the same id again
    CHECK(twice.broken());
    BlockPacker overlapping(1 << 20);
    CHECK(overlapping.add(events[0].id, 12, 100));
    CHECK_FALSE(overlapping.add(events[1].id, 99, 200)); // a line that starts before the last ended
    CHECK(overlapping.broken());
    BlockPacker empty(1 << 20);
    CHECK_FALSE(empty.add(events[0].id, 12, 12)); // no bytes
    CHECK(empty.broken());

    // Pretty-printed by a person: read whole at the end, so no line is handed out; the same
    // whether its first line comes whole or cut into pieces.
    const std::string pretty = json::parse(writeBackup(anasSettings(), events)).dump(2);
    for (const std::size_t piece : {std::size_t{1}, std::size_t{5}, pretty.size()}) {
        INFO("pieces of " << piece);
        std::size_t lines = 0;
        BackupStreamReader reader(kFile);
        reader.onEventLine([&](const EventId&, std::size_t, std::size_t) { ++lines; });
        for (std::size_t at = 0; at < pretty.size(); at += piece)
            REQUIRE(reader.feed(std::string_view(pretty).substr(at, piece)));
        const BackupRead read = reader.finish();
        REQUIRE(read.contents);
        CHECK(read.contents->events.decodeAll() == events);
        CHECK(lines == 0);
    }
}

namespace {
// Reads a backup's text in pieces of `piece` bytes, checking it as a restore while it is read.
BackupRead readCheckingAsRestore(const std::string& text, std::size_t piece) {
    BackupStreamReader reader(kFile);
    reader.checkAsRestore();
    for (std::size_t at = 0; at < text.size(); at += piece)
        if (!reader.feed(std::string_view(text).substr(at, piece))) break;
    return reader.finish();
}
} // namespace

TEST_CASE("a file checked as a restore while it is read folds to what the check after reading gives") {
    // 300 generated debtors (every kind of event the app makes, two people's devices) and
    // Ana's small book, read whole and in pieces.
    GeneratorOptions options;
    options.debtors = 300;
    for (const auto& events : {generateDataset(options), smallBook().log().decodeAll()}) {
        const std::string text = writeBackup(anasSettings(), events);
        const CheckedLog after = [&] {
            EventLog none;
            return foldChecked(none, EventLog(events), kFile);
        }();
        REQUIRE_FALSE(after.problem);
        for (const std::size_t piece : {std::size_t{4096}, text.size()}) {
            INFO(events.size() << " events, pieces of " << piece);
            const BackupRead read = readCheckingAsRestore(text, piece);
            REQUIRE(read.contents);
            REQUIRE(read.contents->restoreState);
            CHECK(read.contents->restoreChecked == events.size());
            CHECK(*read.contents->restoreState == after.state);
            CHECK(writeBackup(Settings{}, read.contents->events) == writeBackup(Settings{}, after.log));
        }
    }
}

TEST_CASE("a file with an event out of order, or one that makes no sense, is left to the check after reading") {
    const auto events = smallBook().log().decodeAll();
    // Out of order: the file still reads (sorted), unchecked; the check after reading passes.
    std::string text = writeBackup(anasSettings(), events);
    const std::string line4 = encodeEvent(events[4]), line5 = encodeEvent(events[5]);
    const auto at4 = text.find(line4), at5 = text.find(line5);
    REQUIRE((at4 != std::string::npos && at5 == at4 + line4.size() + 2)); // "},\n" between them
    text.replace(at4, line4.size() + 2 + line5.size(), line5 + ",\n" + line4);
    const BackupRead shuffled = readCheckingAsRestore(text, 64);
    REQUIRE(shuffled.contents);
    CHECK_FALSE(shuffled.contents->restoreState);
    CHECK_FALSE(checkIntegrity(EventLog{}, shuffled.contents->events, kFile));

    // An invoice of a debtor that is not there: read, unchecked, and the check says why.
    std::vector<Event> orphan = events;
    std::get<InvoiceAdded>(orphan[3].payload).debtor = "d-nobody";
    const BackupRead bad = readCheckingAsRestore(writeBackup(anasSettings(), orphan), 64);
    REQUIRE(bad.contents);
    CHECK_FALSE(bad.contents->restoreState);
    const auto p = checkIntegrity(EventLog{}, bad.contents->events, kFile);
    CHECK(code(p) == "err_ref_unknown");
    CHECK((p ? p->record : "") == orphan[3].id.str());

    // Pretty-printed (read whole at the end): unchecked too, and fine.
    const std::string pretty = json::parse(writeBackup(anasSettings(), events)).dump(2);
    const BackupRead whole = readCheckingAsRestore(pretty, pretty.size());
    REQUIRE(whole.contents);
    CHECK_FALSE(whole.contents->restoreState);
}

namespace {
// Feeds `text` to `reader` in pieces of `piece` bytes; false once the reader refuses.
bool feedAll(BackupStreamReader& reader, std::string_view text, std::size_t piece) {
    for (std::size_t at = 0; at < text.size(); at += piece)
        if (!reader.feed(text.substr(at, piece))) return false;
    return true;
}

// The part of `text` from `split` on, read by a reader of its own (as the browser's worker
// does), its log passed through an image as the worker hands it to the page.
std::optional<BackupPart> readPart(std::string_view text, std::size_t split, std::size_t piece,
                                   BackupStreamReader::LineSink sink = {}) {
    BackupStreamReader reader = BackupStreamReader::forPart(kFile);
    if (sink) reader.onEventLine(std::move(sink));
    if (!feedAll(reader, text.substr(split), piece)) return std::nullopt;
    auto part = reader.finishPart();
    if (!part) return part;
    const EventLog::Image image = part->events.image();
    EventLog::ImageLoader loader;
    REQUIRE(loader.begin(image.piece(0)));
    for (std::size_t i = 1; i < image.pieces(); ++i) {
        const auto bytes = image.piece(i);
        char* into = loader.buffer(bytes.size());
        REQUIRE(into != nullptr);
        std::copy(bytes.begin(), bytes.end(), into);
        REQUIRE(loader.pieceDone());
    }
    auto installed = loader.finish();
    REQUIRE(installed);
    part->events = std::move(*installed);
    return part;
}

// Where each line after the head starts.
std::vector<std::size_t> lineStarts(const std::string& text) {
    std::vector<std::size_t> starts;
    for (std::size_t at = text.find('\n'); at != std::string::npos && at + 1 < text.size(); at = text.find('\n', at + 1))
        starts.push_back(at + 1);
    return starts;
}
} // namespace

TEST_CASE("a backup read in two parts, the second by a reader of its own, reads as the whole file does") {
    GeneratorOptions options;
    options.debtors = 40;
    for (const auto& events : {smallBook().log().decodeAll(), generateDataset(options)}) {
        const std::string text = writeBackup(anasSettings(), events);
        BackupStreamReader wholeReader(kFile);
        REQUIRE(feedAll(wholeReader, text, text.size()));
        const BackupRead whole = wholeReader.finish();
        REQUIRE(whole.contents);
        const auto starts = lineStarts(text);
        // Every line of the small book, and a spread of the generated file's, including the
        // first event, the last event and the tail's first line.
        const std::size_t stride = starts.size() > 60 ? starts.size() / 29 : 1;
        for (std::size_t k = 0; k < starts.size(); k += (k + stride < starts.size() ? stride : std::max<std::size_t>(1, starts.size() - 1 - k))) {
            const std::size_t split = starts[k];
            INFO(events.size() << " events, split at byte " << split);
            BackupStreamReader reader(kFile);
            reader.checkAsRestore();
            // Where each reader says its lines lie, the part's reader from where its part starts.
            std::vector<std::pair<std::size_t, std::size_t>> lines;
            reader.onEventLine([&](const EventId&, std::size_t begin, std::size_t end) { lines.emplace_back(begin, end); });
            REQUIRE(feedAll(reader, std::string_view(text).substr(0, split), 5));
            const std::size_t staged = lines.size();
            auto part = readPart(text, split, 7, [&](const EventId&, std::size_t begin, std::size_t end) {
                lines.emplace_back(split + begin, split + end);
            });
            REQUIRE(part);
            CHECK(part->bytes == text.size() - split);
            const std::size_t adopted = part->events.size();
            REQUIRE(reader.adopt(std::move(*part)));
            CHECK(staged + adopted == events.size()); // each line handed out by one reader or the other
            REQUIRE(lines.size() == events.size());
            std::size_t n = 0;
            for (const auto& [begin, end] : lines) {
                forEachStoredLine(std::string_view(text).substr(begin, end - begin), [&](std::string_view line) {
                    const auto decoded = decodeEventText(line);
                    REQUIRE(decoded.event);
                    CHECK(*decoded.event == events[n++]);
                });
            }
            CHECK(n == events.size());
            CHECK(reader.bytesRead() == text.size());
            BackupRead read = reader.finish();
            REQUIRE(read.contents);
            CHECK(writeBackup(read.contents->settings, read.contents->events) == text);
            // The first part was checked while read; a restore's fold goes on from there and
            // ends where the fold of the whole file does.
            REQUIRE(read.contents->restoreState);
            CHECK(read.contents->restoreChecked == staged);
            const CheckedLog after = [&] {
                EventLog none;
                return foldChecked(none, EventLog(events), kFile);
            }();
            CheckedFold resumed(std::move(read.contents->events), std::move(*read.contents->restoreState),
                                read.contents->restoreChecked, kFile);
            CHECK(resumed.progress() == doctest::Approx(static_cast<double>(staged) / static_cast<double>(events.size())));
            while (resumed.step(3)) {
            }
            const CheckedLog folded = resumed.take();
            REQUIRE_FALSE(folded.problem);
            CHECK(folded.added == events.size());
            CHECK(folded.state == after.state);
            CHECK(writeBackup(Settings{}, folded.log) == writeBackup(Settings{}, after.log));
        }
    }
}

namespace {
// The part of `text` from `split` on, read in pieces of `piece` bytes and handed over every
// `every` pieces (takeEvents), then at its end (finishPart): the pieces as the worker sends them.
std::vector<BackupPart> readPieces(std::string_view text, std::size_t split, std::size_t piece, std::size_t every) {
    BackupStreamReader reader = BackupStreamReader::forPart(kFile);
    std::vector<BackupPart> pieces;
    std::size_t fed = 0;
    for (std::size_t at = split; at < text.size(); at += piece) {
        REQUIRE(reader.feed(text.substr(at, piece)));
        if (++fed % every == 0)
            if (auto taken = reader.takeEvents()) pieces.push_back(std::move(*taken));
    }
    auto last = reader.finishPart();
    REQUIRE(last);
    pieces.push_back(std::move(*last));
    return pieces;
}
} // namespace

TEST_CASE("a part handed over in pieces is checked piece by piece, and the rest can be fed instead at any piece") {
    GeneratorOptions options;
    options.debtors = 40;
    const auto events = generateDataset(options);
    const std::string text = writeBackup(anasSettings(), events);
    const auto starts = lineStarts(text);
    const std::size_t split = starts[starts.size() / 4];
    const auto pieces = readPieces(text, split, 997, 3);
    REQUIRE(pieces.size() > 4);
    std::size_t bytes = 0, count = 0;
    for (const auto& p : pieces) {
        CHECK(p.last == (&p == &pieces.back()));
        bytes += p.bytes;
        count += p.events.size();
    }
    CHECK(bytes == text.size() - split);
    const CheckedLog after = [&] {
        EventLog none;
        return foldChecked(none, EventLog(events), kFile);
    }();

    // Every piece adopted, a few of each checked before the next comes: the fold goes on from
    // wherever that check got to, and ends where the whole file's does.
    {
        BackupStreamReader reader(kFile);
        reader.checkAsRestore();
        REQUIRE(feedAll(reader, std::string_view(text).substr(0, split), 4096));
        const std::size_t firstEvents = events.size() - count;
        auto handed = readPieces(text, split, 997, 3);
        for (auto& p : handed) {
            REQUIRE(reader.adopt(std::move(p)));
            reader.checkAdopted(5);
        }
        BackupRead read = reader.finish();
        REQUIRE(read.contents);
        CHECK(writeBackup(read.contents->settings, read.contents->events) == text);
        REQUIRE(read.contents->restoreState);
        CHECK(read.contents->restoreChecked > firstEvents);
        CHECK(read.contents->restoreChecked < events.size());
        CheckedFold resumed(std::move(read.contents->events), std::move(*read.contents->restoreState),
                            read.contents->restoreChecked, kFile);
        while (resumed.step(64)) {
        }
        const CheckedLog folded = resumed.take();
        REQUIRE_FALSE(folded.problem);
        CHECK(folded.state == after.state);
    }
    // Two pieces adopted, then the rest fed from where they end (the worker gave up): the same
    // file, every event checked while read once the check has caught up with those adopted.
    {
        auto again = readPieces(text, split, 997, 3);
        BackupStreamReader reader(kFile);
        reader.checkAsRestore();
        REQUIRE(feedAll(reader, std::string_view(text).substr(0, split), 4096));
        const std::size_t from = split + again[0].bytes + again[1].bytes;
        REQUIRE(reader.adopt(std::move(again[0])));
        REQUIRE(reader.adopt(std::move(again[1])));
        while (reader.checkAdopted(7)) {
        }
        REQUIRE(feedAll(reader, std::string_view(text).substr(from), 333));
        BackupRead read = reader.finish();
        REQUIRE(read.contents);
        CHECK(writeBackup(read.contents->settings, read.contents->events) == text);
        REQUIRE(read.contents->restoreState);
        CHECK(read.contents->restoreChecked == events.size());
        CHECK(*read.contents->restoreState == after.state);
    }
}

TEST_CASE("a check begun part-way through the reading catches up in order, and lines fed meanwhile wait their turn") {
    GeneratorOptions options;
    options.debtors = 25;
    const auto events = generateDataset(options);
    const std::string text = writeBackup(anasSettings(), events);
    const std::size_t third = text.size() / 3;
    BackupStreamReader reader(kFile);
    REQUIRE(feedAll(reader, std::string_view(text).substr(0, third), 512)); // read unchecked
    reader.checkAsRestore();
    REQUIRE(reader.checkAdopted(10)); // a little of what was read: the check is behind...
    REQUIRE(feedAll(reader, std::string_view(text).substr(third, third), 512)); // ...so these wait
    while (reader.checkAdopted(10)) {
    }
    REQUIRE(feedAll(reader, std::string_view(text).substr(2 * third), 512)); // caught up: checked as read
    const BackupRead read = reader.finish();
    REQUIRE(read.contents);
    REQUIRE(read.contents->restoreState);
    CHECK(read.contents->restoreChecked == events.size());
    EventLog none;
    CHECK(*read.contents->restoreState == foldChecked(none, EventLog(events), kFile).state);
}

TEST_CASE("a log appended whole to another takes its records as they are, renumbering their authors") {
    GeneratorOptions options;
    options.debtors = 30;
    const auto events = generateDataset(options);
    REQUIRE(events.size() > 400);
    const std::size_t half = events.size() / 2;
    auto logOf = [](std::vector<Event> list, const std::string& prefix, std::size_t authors) {
        for (std::size_t i = 0; i < list.size(); ++i) list[i].author = prefix + std::to_string(i % authors);
        return list;
    };
    // Few authors (taken in place), and more than a byte can number (copied record by record).
    // (126 + 4 makes 130 in all: the second log's fit in a byte, but not once renumbered.)
    for (const std::size_t authors : {std::size_t{3}, std::size_t{126}, std::size_t{200}}) {
        INFO(authors << " authors");
        const auto first = logOf({events.begin(), events.begin() + static_cast<std::ptrdiff_t>(half)}, "ana", authors);
        const auto second = logOf({events.begin() + static_cast<std::ptrdiff_t>(half), events.end()}, "luis", 4);
        EventLog log(first);
        EventLog more(second);
        log.appendAll(std::move(more));
        CHECK(more.empty());
        std::vector<Event> both = first;
        both.insert(both.end(), second.begin(), second.end());
        CHECK(log.decodeAll() == both);
        // It goes on growing as any log.
        log.push_back(events.front());
        CHECK(log.back() == events.front());
        CHECK(log.size() == events.size() + 1);
    }
}

TEST_CASE("a restore's fold resumed after the events checked while read finds a problem after them, and starts over on a log out of order") {
    const auto events = smallBook().log().decodeAll();
    const std::size_t checked = events.size() / 2;
    auto foldedFirst = [&](const std::vector<Event>& log) {
        RestoreCheck check;
        for (std::size_t i = 0; i < checked; ++i) check.add(log[i]);
        REQUIRE(check.added() == checked);
        auto state = check.take();
        REQUIRE(state);
        return std::move(*state);
    };
    // An invoice after the checked events names a debtor the file does not hold.
    std::vector<Event> orphan = events;
    std::size_t at = checked;
    while (!std::holds_alternative<InvoiceAdded>(orphan[at].payload)) ++at;
    std::get<InvoiceAdded>(orphan[at].payload).debtor = "d-nobody";
    CheckedFold fold(EventLog(orphan), foldedFirst(orphan), checked, kFile);
    while (fold.step(2)) {
    }
    REQUIRE(fold.failed());
    const CheckedLog failed = fold.take();
    REQUIRE(failed.problem);
    CHECK(code(failed.problem) == "err_ref_unknown");
    CHECK(failed.problem->record == orphan[at].id.str());
    CHECK(failed.problem->file == kFile);

    // Out of order, the positions checked mean nothing: the fold starts over (and sorts).
    std::vector<Event> shuffled = events;
    std::swap(shuffled[checked + 1], shuffled[checked + 2]);
    CheckedFold over(EventLog(shuffled), foldedFirst(events), checked, kFile);
    CHECK(over.progress() == 0.0);
    while (over.step(5)) {
    }
    const CheckedLog whole = over.take();
    REQUIRE_FALSE(whole.problem);
    EventLog none;
    CHECK(whole.state == foldChecked(none, EventLog(events), kFile).state);
}

TEST_CASE("a part with a problem, or one that cannot follow what was read, is left to the whole file's reader") {
    const auto events = smallBook().log().decodeAll();
    const std::string good = writeBackup(anasSettings(), events);
    const auto starts = lineStarts(good);
    const std::size_t split = starts[starts.size() / 2];

    // A bad event in the second part (a field of the wrong type, or broken JSON): the part gives
    // nothing; the whole file's reader, fed the rest, names the event by its place in the whole
    // file (its number, or its line), as a reader of it all does.
    const std::string target = encodeEvent(events[events.size() - 2]);
    const auto at = good.find(target);
    REQUIRE(at >= split);
    for (const auto& change : {std::pair<std::string, std::string>{"\"ts\":", "\"ts\":\"soon\",\"x\":"},
                               std::pair<std::string, std::string>{"{", "{{"}}) {
        const std::string& from = change.first;
        const std::string& to = change.second;
        INFO(to);
        std::string text = good;
        const auto inLine = text.find(from, at);
        REQUIRE(inLine < at + target.size());
        text.replace(inLine, from.size(), to);
        CHECK_FALSE(readPart(text, split, 7));
        BackupStreamReader alone(kFile);
        feedAll(alone, text, text.size());
        const BackupRead expected = alone.finish();
        REQUIRE(expected.problem);
        BackupStreamReader reader(kFile);
        REQUIRE(feedAll(reader, std::string_view(text).substr(0, split), 5));
        feedAll(reader, std::string_view(text).substr(split), 7);
        const BackupRead read = reader.finish();
        REQUIRE(read.problem);
        CHECK(read.problem->describe(Lang::en) == expected.problem->describe(Lang::en));
        CHECK_FALSE(read.problem->record.empty());
    }
    // Cut short before the tail: nothing. Cut in the tail: the part is read (its tail is only
    // checked with the whole file's), and the whole file's reader then refuses it as it would.
    CHECK_FALSE(readPart(good.substr(0, starts.back()), split, 7));
    {
        const std::string cut = good.substr(0, good.size() - 40);
        auto part = readPart(cut, split, 7);
        REQUIRE(part);
        BackupStreamReader reader(kFile);
        REQUIRE(feedAll(reader, std::string_view(cut).substr(0, split), 5));
        REQUIRE(reader.adopt(std::move(*part)));
        const BackupRead read = reader.finish();
        BackupStreamReader alone(kFile);
        feedAll(alone, cut, cut.size());
        const BackupRead expected = alone.finish();
        REQUIRE(read.problem);
        REQUIRE(expected.problem);
        CHECK(read.problem->describe(Lang::en) == expected.problem->describe(Lang::en));
    }

    auto firstPart = [&](std::string_view text, std::size_t end) {
        auto reader = std::make_unique<BackupStreamReader>(kFile);
        REQUIRE(feedAll(*reader, text.substr(0, end), 5));
        return reader;
    };
    // The first part ends mid-line: the part cannot follow it.
    {
        auto reader = firstPart(good, split - 3);
        auto part = readPart(good, split, 7);
        REQUIRE(part);
        CHECK_FALSE(reader->adopt(std::move(*part)));
        // Nothing changed: the rest fed as usual reads the file.
        REQUIRE(feedAll(*reader, std::string_view(good).substr(split - 3), 11));
        const BackupRead read = reader->finish();
        REQUIRE(read.contents);
        CHECK(read.contents->events.decodeAll() == events);
    }
    // The part's first event is not after the last one read (the same part twice).
    {
        auto reader = firstPart(good, split);
        auto part = readPart(good, split, 7);
        REQUIRE(part);
        const std::size_t second = starts[starts.size() / 2 - 1];
        auto earlier = readPart(good, second, 7);
        REQUIRE(earlier);
        CHECK_FALSE(reader->adopt(std::move(*earlier)));
        CHECK(reader->adopt(std::move(*part)));
        const BackupRead read = reader->finish();
        REQUIRE(read.contents);
        CHECK(read.contents->events.decodeAll() == events);
    }
    // Pretty-printed: the first part is read whole at the end, so a part cannot be taken.
    {
        const std::string pretty = json::parse(good).dump(2);
        auto reader = firstPart(pretty, pretty.size() / 2);
        auto part = readPart(good, split, 7);
        REQUIRE(part);
        CHECK_FALSE(reader->adopt(std::move(*part)));
    }
}

TEST_CASE("a checked fold done a slice at a time gives what the whole fold gives, and fails the same") {
    const Book ana = smallBook();
    const auto& events = ana.log().decodeAll();
    const CheckedLog whole = [&] {
        std::vector<Event> none;
        return foldChecked(none, events, kFile);
    }();
    REQUIRE_FALSE(whole.problem);

    for (const std::size_t slice : {std::size_t{1}, std::size_t{3}, events.size()}) {
        INFO("slice " << slice);
        CheckedFold fold(EventLog{}, EventLog(events), kFile);
        double before = fold.progress();
        int steps = 0;
        while (fold.step(slice)) {
            CHECK(fold.progress() >= before);
            before = fold.progress();
            ++steps;
        }
        CHECK(fold.progress() == 1.0);
        CHECK(steps >= static_cast<int>(events.size() / slice) - 1);
        const CheckedLog sliced = fold.take();
        REQUIRE_FALSE(sliced.problem);
        CHECK(sliced.added == events.size());
        CHECK(writeBackup(Settings{}, sliced.log) == writeBackup(Settings{}, whole.log));
        CHECK(summarize(sliced.state, sliced.log.size(), Date::parseIso("2026-03-10").value()) ==
              summarize(whole.state, whole.log.size(), Date::parseIso("2026-03-10").value()));
    }

    // A bad event half-way: the base comes back as it was, the problem names the event.
    std::vector<Event> base(events.begin(), events.begin() + 3);
    std::vector<Event> incoming(events.begin() + 3, events.end());
    std::get<InvoiceAdded>(incoming[0].payload).amount.minor = -1;
    CheckedFold fold(EventLog(base), EventLog(incoming), kFile);
    while (fold.step(1)) {
    }
    REQUIRE(fold.failed());
    const EventLog back = fold.takeBase();
    CHECK(writeBackup(Settings{}, back) == writeBackup(Settings{}, base));
    const CheckedLog failed = fold.take();
    REQUIRE(failed.problem);
    CHECK(failed.problem->record == incoming[0].id.str());
    CHECK(failed.problem->file == kFile);
    CHECK(failed.log.empty());
}

TEST_CASE("a checked merge skips what is already here, and refuses the same id with other content") {
    const Book ana = smallBook();
    const auto& events = ana.log().decodeAll();
    REQUIRE(events.size() >= 6);
    std::vector<Event> none;
    const CheckedLog whole = foldChecked(none, events, kFile);
    REQUIRE_FALSE(whole.problem);

    // Interleaved: the base holds every other event, the file all of them.
    std::vector<Event> base;
    for (std::size_t i = 0; i < events.size(); i += 2) base.push_back(events[i]);
    const std::size_t inBase = base.size();
    CheckedLog merged = foldChecked(base, events, kFile);
    REQUIRE_FALSE(merged.problem);
    CHECK(merged.added == events.size() - inBase);
    CHECK(writeBackup(Settings{}, merged.log) == writeBackup(Settings{}, whole.log));

    // One of the events both hold differs: nothing is merged and the base comes back whole.
    std::vector<Event> mine(events.begin(), events.end() - 2);
    std::vector<Event> theirs = events;
    theirs[1].author += " (editado)";
    const std::string before = writeBackup(Settings{}, mine);
    const CheckedLog refused = foldChecked(mine, theirs, kFile);
    REQUIRE(refused.problem);
    CHECK(refused.problem->code == Str::merge_err_conflict);
    CHECK(refused.problem->record == theirs[1].id.str());
    CHECK(refused.problem->file == kFile);
    CHECK(refused.log.empty());
    CHECK(writeBackup(Settings{}, mine) == before);
}
