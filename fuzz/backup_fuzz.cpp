// fuzz-backup: any bytes as a backup file, read as `recobra validate` reads one (the stream
// reader, checked as a restore while read, then the integrity check).
//
// Property: the file is refused with a Problem that names the file and the record or field
// at fault, or it is accepted, and then its export (writeBackup) passes the same check, reads
// back to the same events and settings, folds to the same state and writes the same bytes
// again. The same file fed in one piece or in small ones is read alike. Never a crash, a
// sanitizer report or a hang.
#include "support.hpp"

#include "core/codec/event_codec.hpp"
#include "core/exchange/backup.hpp"

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

using namespace recobra;
using namespace recobra::fuzz;

namespace {

const std::string kFile = "backup.json";

std::string firstDifference(const std::string& a, const std::string& b) {
    std::size_t at = 0;
    while (at < a.size() && at < b.size() && a[at] == b[at]) ++at;
    const std::size_t from = at > 80 ? at - 80 : 0;
    return "…" + a.substr(from, 200) + "\n    the other: …" + b.substr(from, 200);
}

// The file's JSON in the layout writeBackup gives (one event per line), as nlohmann reads it.
std::optional<std::string> inLineLayout(std::string_view bytes) {
    nlohmann::json j;
    if (parseJson(bytes, j) || !j.is_object() || !j.contains("events") || !j["events"].is_array())
        return std::nullopt;
    std::string out = "{\"events\":[";
    bool first = true;
    // Each event as its own text made one line (keptEventText), not dumped again: an unknown
    // event keeps its text as written (docs/backup-format.md, "Compatibility"), and a dump would
    // change it (keys sorted, blanks dropped) where the file read whole keeps it.
    const auto spans = arrayItemSpans(bytes, "events");
    const bool ownText = spans.size() == j["events"].size();
    std::size_t item = 0;
    for (const auto& event : j["events"]) {
        out += first ? "\n" : ",\n";
        first = false;
        if (ownText) out += keptEventText(bytes.substr(spans[item].first, spans[item].second - spans[item].first));
        else out += event.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
        ++item;
    }
    out += first ? "]" : "\n]";
    for (auto it = j.begin(); it != j.end(); ++it)
        if (it.key() != "events")
            out += "," + nlohmann::json(it.key()).dump() + ":" +
                   it->dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
    out += "}\n";
    return out;
}

// Issue 27, point 4: the layout the reader streams (one event per line, through simdjson) and
// any other (read whole, through nlohmann) decode the same JSON alike: this file read whole,
// and the same JSON laid out one event per line, read as `streamed` was.
void requireSameLayouts(std::string_view bytes, const BackupContents& streamed) {
    const std::string expected = writeBackup(streamed.settings, streamed.events);
    const BackupRead asWhole = readBackup(bytes, kFile);
    if (asWhole.problem)
        violated("both layouts read a file alike (pending: layouts)",
                 "the stream reader accepts it, read whole: " + describe(*asWhole.problem));
    const std::string whole = writeBackup(asWhole.contents->settings, asWhole.contents->events);
    if (whole != expected)
        violated("both layouts read a file alike (pending: layouts)", firstDifference(expected, whole));
    if (const auto lines = inLineLayout(bytes)) {
        BackupStreamReader reader(kFile);
        reader.feed(*lines);
        const BackupRead read = reader.finish();
        if (read.problem)
            violated("both layouts read a file alike (pending: layouts)",
                     "accepted, one event per line: " + describe(*read.problem));
        const std::string relaid = writeBackup(read.contents->settings, read.contents->events);
        if (relaid != expected)
            violated("both layouts read a file alike (pending: layouts)",
                     "one event per line: " + firstDifference(expected, relaid));
    }
}

std::string outcome(const Validated& v) {
    if (v.problem) return "refused: " + describe(*v.problem);
    return "accepted: " + writeBackup(v.contents->settings, v.contents->events);
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view bytes(reinterpret_cast<const char*>(data), size);
    const std::size_t piece = pieceSize(bytes);

    const Validated whole = validate(bytes, kFile, bytes.size());
    const Validated pieces = validate(bytes, kFile, piece);
    {
        const std::string a = outcome(whole), b = outcome(pieces);
        require(a == b, "a file is read alike whole and in pieces",
                a + "\n    in pieces of " + std::to_string(piece) + ": " + b);
    }

    note("fuzz-backup", whole.problem
                            ? "refused: " + describe(*whole.problem)
                            : "accepted: " + std::to_string(whole.contents->events.size()) + " events");
    if (whole.problem) {
        requirePosition(*whole.problem, kFile, "backup");
        if (whole.unchecked) {
            // Accepted by the reader, refused by the integrity check.
            if (pending("layouts") && (pending("duplicate-keys") || !hasDuplicateKeys(bytes)))
                requireSameLayouts(bytes, *whole.unchecked);
            // Issue 27, points 1 and 2: `stats`, `agenda` and `import-csv --into` fold what
            // the reader accepts without the integrity check; no sum may overflow.
            if (pending("unchecked-fold")) (void)fold(whole.unchecked->events);
        }
        return 0;
    }

    // (Every reader refuses a key written twice; pending("duplicate-keys") is on: such an input
    // is checked as any other.)
    if (!pending("duplicate-keys") && hasDuplicateKeys(bytes)) return 0;
    const BackupContents& contents = *whole.contents;
    const State state = contents.restoreState && contents.restoreChecked == contents.events.size()
                            ? *contents.restoreState
                            : fold(contents.events);
    if (contents.restoreState && contents.restoreChecked == contents.events.size())
        requireSameState(fold(contents.events), state,
                         "the state checked while reading is the fold of what was read");
    if (pending("layouts")) requireSameLayouts(bytes, contents);
    requireRoundTrip(contents.settings, contents.events, state, piece);
    return 0;
}
