#pragma once
// Events as JSON: one canonical line per event, keys sorted, the same bytes for the same
// event everywhere (IndexedDB, backups, the CLI). Decoding is strict and never throws.
#include "core/i18n/problem.hpp"
#include "core/model/events.hpp"

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace recobra {

std::string encodeEvent(const Event& event);
void appendEvent(std::string& out, const Event& event);
std::string encodePayload(const Payload& payload); // the payload object alone
// The policy as canonical JSON text (the "policy" of an updatePolicy command or event).
std::string policyJson(const Policy& policy);

struct DecodedEvent {
    std::optional<Event> event;
    std::optional<Problem> problem; // record = the event id when it could be read
};

// An event held by nlohmann (a file read whole, an agency package): read as its text would be,
// through the same reader (one reader compiled for every payload type: the page pays once).
DecodedEvent decodeEvent(const nlohmann::json& json);
// The payload of alternative `type` of Payload from a JSON object held by nlohmann (a command's
// fields), read by that reader; its problems name the fields from the object's root.
std::optional<Problem> readPayloadJson(const nlohmann::json& object, std::size_t type, Payload& out);
DecodedEvent decodeEventText(std::string_view text); // (a std::string also converts to json)

// Decodes event after event, as decodeEventText does, into one Event per payload type whose
// texts and lists are reused: reading millions of lines allocates next to nothing.
class EventDecoder {
public:
    EventDecoder();
    // The problem with `text`, or nullopt and event() is what it holds. `readableAfter`: bytes
    // of the same buffer that follow `text` (any content); from kPadding on, the parser reads
    // `text` where it lies instead of copying it into a padded buffer of its own.
    std::optional<Problem> decode(std::string_view text, std::size_t readableAfter = 0);
    static constexpr std::size_t kPadding = 64;
    // The event last decoded; valid until the next decode().
    const Event& event() const { return scratch_[last_]; }

private:
    std::vector<Event> scratch_;
    std::size_t last_ = 0;
};

// The text an unknown event keeps (docs/backup-format.md, "Compatibility"): its bytes as read,
// without the blanks at both ends; one that spans lines (a file edited by hand) also loses the
// blanks between its tokens, nothing inside them, so that it stays one line of a backup.
std::string keptEventText(std::string_view text);
// Where each item of the array at `key` of a JSON object's text lies, [begin, end): how a file
// read whole (by nlohmann) finds an unknown event's own text. Expects well-formed JSON (already
// parsed); gives nothing, or fewer spans, for a key written with escapes or any other text.
std::vector<std::pair<std::size_t, std::size_t>> arrayItemSpans(std::string_view text, std::string_view key);
// Gives each unknown event of `events` (the items of that array of `text`, in its order, read
// by nlohmann) its own text from `text` in place of the canonical one decodeEvent() gave it.
void keepUnknownEventTexts(std::vector<Event>& events, std::string_view text, std::string_view key);

// A NUL byte is no JSON, wherever it is; nlohmann and simdjson both read one as the end of the
// text, so a file would be valid or not with what follows it (found by fuzz-backup). Every
// reader refuses it first: a syntax problem at its byte.
std::optional<Problem> nulByte(std::string_view text);

// Parses JSON text without exceptions; a syntax error is a Problem with the byte offset.
std::optional<Problem> parseJson(std::string_view text, nlohmann::json& out);

// The payload type whose command name is `command` ("addInvoice"), or whose event type is
// `type` ("invoice.added"), as the index of its alternative in Payload.
std::optional<std::size_t> payloadIndexForCommand(std::string_view command);
std::optional<std::size_t> payloadIndexForType(std::string_view type);

} // namespace recobra
