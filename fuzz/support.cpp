#include "support.hpp"

#include "core/codec/event_codec.hpp"
#include "core/codec/json_codec.hpp"
#include "core/workspace/checked_fold.hpp"

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <initializer_list>
#include <nlohmann/json.hpp>
#include <vector>

namespace recobra::fuzz {

void violated(const char* property, std::string_view detail) {
    constexpr std::size_t kShown = 400;
    std::fprintf(stderr, "\n*** fuzz property violated: %s\n", property);
    if (!detail.empty())
        std::fprintf(stderr, "    %.*s%s\n", static_cast<int>(std::min(detail.size(), kShown)), detail.data(),
                     detail.size() > kShown ? "…" : "");
    std::fflush(stderr);
    __builtin_trap();
}

bool pending(const char* check) {
    // Every check is on since issue 27 landed, but the fold of what the integrity check refused:
    // no reader folds such a file any more (one checked reading path), so it is asked for by name.
    if (std::string_view(check) != "unchecked-fold") return true;
    static const std::string on = [] {
        const char* value = std::getenv("RECOBRA_FUZZ_PENDING");
        return value ? "," + std::string(value) + "," : std::string();
    }();
    return on == ",all," || on == ",1," || on.find("," + std::string(check) + ",") != std::string::npos;
}

void note(const char* target, std::string_view what) {
    static const bool on = [] {
        const char* value = std::getenv("RECOBRA_FUZZ_VERBOSE");
        return value && *value && std::string_view(value) != "0";
    }();
    if (on)
        std::fprintf(stderr, "%s: %.*s\n", target, static_cast<int>(std::min<std::size_t>(what.size(), 300)),
                     what.data());
}

bool hasDuplicateKeys(std::string_view text) {
    // The core's own parse refuses a key written twice (parseJson): asked, not re-implemented.
    nlohmann::json parsed;
    const auto problem = parseJson(text, parsed);
    return problem && problem->code == Str::err_key_duplicate;
}

namespace {

// Problems about the file as a whole: they name the file and nothing inside it.
bool aboutWholeFile(Str code) {
    for (const Str whole :
         {Str::err_file_empty, Str::err_file_too_large, Str::err_backup_not_object, Str::csv_err_too_large,
          Str::csv_err_utf16, Str::csv_err_binary, Str::imp_err_no_rows})
        if (code == whole) return true;
    return false;
}

} // namespace

void requirePosition(const Problem& p, const std::string& file, const char* reader) {
    const std::string text = describe(p);
    require(p.file == file, "a refusal names the file it is about", std::string(reader) + ": " + text);
    // An unknown key that is itself empty ("": …) is named by nothing (fuzz/README.md, F1):
    // checked when pending.
    const bool emptyKey =
        p.code == Str::err_field_unknown && p.field.empty() && p.record.empty() && !pending("empty-key");
    require(!p.record.empty() || !p.field.empty() || aboutWholeFile(p.code) || emptyKey,
            "a refusal names the record (event, line, row) or the field at fault",
            std::string(reader) + ": " + text);
    // Both languages say it (a template with an argument missing would throw or cut).
    require(!p.describe(Lang::es).empty() && !p.reason(Lang::en).empty(),
            "a refusal says why in both languages", text);
    // Issue 27, point 7: a message quotes a bad value in a short prefix, not whole.
    if (pending("short-messages"))
        require(text.size() <= 2000, "a message stays short (pending: short-messages)", text);
}

std::string describe(const Problem& p) {
    return std::string(strId(p.code)) + " | " + p.describe(Lang::en);
}

Validated validate(std::string_view bytes, const std::string& file, std::size_t piece) {
    Validated out;
    BackupStreamReader reader(file);
    reader.checkAsRestore();
    piece = std::max<std::size_t>(piece, 1);
    for (std::size_t at = 0; at < bytes.size(); at += piece)
        if (!reader.feed(bytes.substr(at, piece))) break;
    BackupRead read = reader.finish();
    if (read.problem) {
        out.problem = std::move(read.problem);
        return out;
    }
    require(read.contents.has_value(), "the backup reader gives contents or a problem");
    BackupContents& contents = *read.contents;
    require(contents.events.sortedUnique(), "the backup reader gives events sorted by id, each once");
    require(contents.restoreChecked <= contents.events.size(),
            "a restore's check covers at most the events read");
    // As runValidate (src/cli/validate.cpp): the check made while reading, when it covered
    // every event, else the check after reading.
    if (!contents.restoreState || contents.restoreChecked != contents.events.size())
        if (auto p = checkIntegrity(EventLog{}, contents.events, file)) {
            out.problem = std::move(p);
            out.unchecked = std::move(contents);
            return out;
        }
    out.contents = std::move(contents);
    return out;
}

std::string settingsText(const Settings& settings) {
    std::string out;
    JsonWriter::writeObject(out, settings);
    return out;
}

namespace {

template <class T> std::string sizes(const T& a, const T& b) {
    return std::to_string(a.size()) + " then " + std::to_string(b.size());
}

} // namespace

void requireSameState(const State& expected, const State& actual, const char* property) {
    if (expected == actual) return;
    std::string what;
    const auto part = [&](const char* name, bool same, const std::string& detail = {}) {
        if (!same)
            what +=
                std::string(what.empty() ? "" : "; ") + name + (detail.empty() ? "" : " (" + detail + ")");
    };
    part("debtors", expected.debtors == actual.debtors, sizes(expected.debtors, actual.debtors));
    part("contacts", expected.contacts == actual.contacts, sizes(expected.contacts, actual.contacts));
    part("invoices", expected.invoices == actual.invoices, sizes(expected.invoices, actual.invoices));
    part("payments", expected.payments == actual.payments, sizes(expected.payments, actual.payments));
    part("promises", expected.promises == actual.promises, sizes(expected.promises, actual.promises));
    part("stageChanges", expected.stageChanges == actual.stageChanges);
    part("members", expected.members == actual.members);
    part("pauses", expected.pauses == actual.pauses);
    part("policy", expected.policy == actual.policy && expected.policySetAt == actual.policySetAt &&
                       expected.policySetBy == actual.policySetBy &&
                       expected.policyRevision == actual.policyRevision);
    part("agendaHandled", expected.agendaHandled == actual.agendaHandled);
    part("law", expected.law == actual.law);
    part("counts",
         expected.interactionCount == actual.interactionCount && expected.noteCount == actual.noteCount);
    part("indexes",
         expected.debtorById == actual.debtorById && expected.contactById == actual.contactById &&
             expected.invoiceById == actual.invoiceById && expected.paymentById == actual.paymentById &&
             expected.promiseById == actual.promiseById && expected.memberById == actual.memberById &&
             expected.pauseById == actual.pauseById && expected.debtorByTaxId == actual.debtorByTaxId);
    part("diagnostics", expected.diagnostics == actual.diagnostics);
    part("lastApplied", expected.lastApplied == actual.lastApplied);
    violated(property, "differs in: " + what);
}

void requireRoundTrip(const Settings& settings, const EventLog& events, const State& expected,
                      std::size_t piece) {
    static const std::string kExport = "export.json";
    const std::string written = writeBackup(settings, events);
    Validated back = validate(written, kExport, piece);
    if (back.problem) violated("what is exported passes `recobra validate`", describe(*back.problem));
    const BackupContents& contents = *back.contents;
    require(contents.events.size() == events.size(), "an export reads back with as many events as it has",
            sizes(events, contents.events));
    require(settingsText(contents.settings) == settingsText(settings),
            "an export's settings read back as written",
            settingsText(settings) + " then " + settingsText(contents.settings));
    const State folded = fold(contents.events);
    requireSameState(expected, folded, "an export, read back and folded, is the state it was written from");
    if (contents.restoreState && contents.restoreChecked == contents.events.size())
        requireSameState(folded, *contents.restoreState,
                         "the state checked while reading is the fold of what was read");
    const std::string again = writeBackup(contents.settings, contents.events);
    if (again != written) {
        std::size_t at = 0;
        while (at < again.size() && at < written.size() && again[at] == written[at]) ++at;
        const std::size_t from = at > 60 ? at - 60 : 0;
        violated("an export read back and written again gives the same bytes",
                 "first difference at byte " + std::to_string(at) + ": " + written.substr(from, 160) +
                     " then " + again.substr(from, 160));
    }
}

std::size_t pieceSize(std::string_view bytes) {
    std::uint32_t h = 2166136261u;
    for (const char c : bytes.substr(0, 256)) h = (h ^ static_cast<unsigned char>(c)) * 16777619u;
    return 1 + h % 64;
}

} // namespace recobra::fuzz
