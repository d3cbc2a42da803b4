// fuzz-codec: any bytes as one event's JSON line (what a backup line and the stored log hold),
// decoded by each of the codec's paths: decodeEventText, the EventDecoder the backup reader
// uses (with its buffer copied, and read in place), and nlohmann's (what a file in another
// layout goes through).
//
// Property: the line is refused with a Problem that names the field, the event or the byte at
// fault, or it is accepted, and then its canonical line (encodeEvent) decodes to the same
// event and encodes to the same bytes; the log's binary record gives it back as it was; as a
// backup it is read back to the same event (the reader's own check; a lone event may of course
// refer to things that are not there, which the integrity check then refuses with a position);
// and it folds to the same state. Never a crash, a sanitizer report or a hang.
#include "support.hpp"

#include "core/codec/event_codec.hpp"
#include "core/log/event_log.hpp"

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

using namespace recobra;
using namespace recobra::fuzz;

namespace {

void requireEventPosition(const Problem& p, const char* path) {
    // The byte of a syntax error; a line that is not an object at all is wrong as a whole (the
    // backup reader names it by its number).
    const bool named = !p.field.empty() || !p.record.empty() ||
                       (p.code == Str::err_json_syntax && !p.args.empty()) || p.code == Str::err_type_object;
    require(named, "a refused event names the field, the event or the byte at fault",
            std::string(path) + ": " + describe(p));
    require(!p.describe(Lang::es).empty() && !p.reason(Lang::en).empty(),
            "a refusal says why in both languages", describe(p));
    if (pending("short-messages"))
        require(describe(p).size() <= 2000, "a message stays short (pending: short-messages)", describe(p));
}

std::string outcome(const DecodedEvent& d) {
    if (d.problem) return "refused: " + describe(*d.problem);
    return "accepted: " + encodeEvent(*d.event);
}

std::string outcome(const std::optional<Problem>& p, const EventDecoder& decoder) {
    if (p) return "refused: " + describe(*p);
    return "accepted: " + encodeEvent(decoder.event());
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view text(reinterpret_cast<const char*>(data), size);

    const DecodedEvent decoded = decodeEventText(text);
    const std::string first = outcome(decoded);
    {
        // The backup reader's decoder: the line copied to a padded buffer of its own, and the
        // line read where it lies, followed by bytes of the same buffer.
        EventDecoder decoder;
        const std::string copied = outcome(decoder.decode(text), decoder);
        require(copied == first, "the EventDecoder reads a line as decodeEventText does",
                first + "\n    EventDecoder: " + copied);
        std::string padded(text);
        padded.append(EventDecoder::kPadding, '\n');
        const std::string inPlace = outcome(
            decoder.decode(std::string_view(padded).substr(0, size), EventDecoder::kPadding), decoder);
        require(inPlace == first, "the EventDecoder reads a line in place as it does a copy",
                first + "\n    in place: " + inPlace);
    }
    const bool duplicates = hasDuplicateKeys(text);
    if (pending("layouts") && (pending("duplicate-keys") || !duplicates)) {
        // A file in another layout goes through nlohmann (issue 27, point 4): the same bytes
        // decode alike.
        // An unknown event keeps its own text on the line reader's path, the canonical one on
        // nlohmann's (readBackup then puts the file's own text back): compared as JSON.
        nlohmann::json j;
        const std::optional<Problem> syntax = parseJson(text, j);
        DecodedEvent byNlohmann;
        if (!syntax) byNlohmann = decodeEvent(j);
        if (byNlohmann.event && decoded.event && !byNlohmann.event->known() && !decoded.event->known()) {
            const Event& a = *byNlohmann.event;
            const Event& b = *decoded.event;
            const auto& ua = std::get<UnknownEvent>(a.payload);
            const auto& ub = std::get<UnknownEvent>(b.payload);
            require(a.id == b.id && a.ts == b.ts && a.author == b.author && a.version == b.version && ua.type == ub.type &&
                        nlohmann::json::parse(ua.json, nullptr, false) == nlohmann::json::parse(ub.json, nullptr, false),
                    "both parsers read an unknown event alike", ua.json + "\n    own text: " + ub.json);
            byNlohmann.event->payload = decoded.event->payload;
        }
        const std::string viaNlohmann = syntax ? "refused: " + describe(*syntax) : outcome(byNlohmann);
        const bool bothRefuse = viaNlohmann.rfind("refused", 0) == 0 && first.rfind("refused", 0) == 0;
        require(bothRefuse || viaNlohmann == first, "both layouts decode an event alike (pending: layouts)",
                first + "\n    nlohmann: " + viaNlohmann);
    }

    note("fuzz-codec", first);
    if (decoded.problem) {
        requireEventPosition(*decoded.problem, "decodeEventText");
        return 0;
    }
    const Event& event = *decoded.event;
    // (A key written twice is refused by every parser: such an input never gets here.)
    if (duplicates && !pending("duplicate-keys")) return 0;

    // Canonical: encoded, decoded and encoded again, the same event and the same bytes.
    const std::string line = encodeEvent(event);
    const DecodedEvent again = decodeEventText(line);
    if (again.problem)
        violated("an event's canonical line decodes", describe(*again.problem) + "\n    line: " + line);
    require(*again.event == event, "an event's canonical line decodes to the same event", line);
    require(encodeEvent(*again.event) == line, "an event's canonical line encodes to itself", line);
    if (pending("unknown-bytes") && !event.known()) {
        // Issue 27, point 6: an unknown (newer) event is carried byte for byte.
        // Its own text: the bytes read, without the blanks at both ends (and, spread over lines,
        // without those between tokens: keptEventText).
        const std::string original = keptEventText(text);
        require(line == original, "an unknown event is written as it was read",
                original + "\n    written: " + line);
        nlohmann::json parsedBack;
        require(!parseJson(line, parsedBack) && parsedBack == nlohmann::json::parse(text, nullptr, false),
                "an unknown event's kept text is the same JSON as read", line);
    }

    // The log's binary record gives the event back, and its JSON as the codec writes it.
    const EventLog log(std::vector<Event>{event});
    require(log.size() == 1 && log[0] == event, "the log's record of an event decodes to the same event",
            line);
    std::string fromRecord;
    log.appendJson(0, fromRecord);
    require(fromRecord == line, "the log writes an event's JSON as the codec does",
            line + "\n    from the record: " + fromRecord);

    // As a backup: the reader reads the event back; the integrity check may refuse a lone
    // event (an invoice of a debtor not there), with the event named.
    static const std::string kFile = "event.json";
    const std::string backup = writeBackup(Settings{}, log);
    const Validated read = validate(backup, kFile, pieceSize(text));
    const State state = fold(log);
    if (read.problem && !read.unchecked)
        violated("a backup of an accepted event passes the backup reader",
                 describe(*read.problem) + "\n    line: " + line);
    if (read.problem) {
        requirePosition(*read.problem, kFile, "codec's backup");
        require(read.unchecked->events.size() == 1 && read.unchecked->events[0] == event,
                "a backup of an event reads back the same event", line);
        requireSameState(state, fold(read.unchecked->events), "an event read back folds to the same state");
        return 0;
    }
    require(read.contents->events.size() == 1 && read.contents->events[0] == event,
            "a backup of an event reads back the same event", line);
    requireRoundTrip(Settings{}, log, state, pieceSize(text));
    return 0;
}
