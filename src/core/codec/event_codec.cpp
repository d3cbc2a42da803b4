#include "core/codec/event_codec.hpp"

#include "core/codec/json_codec.hpp"
#include "core/model/settings.hpp"
#include "core/values/text.hpp"

#include <algorithm>
#include <cstring>
#include <limits>
#include <simdjson.h>

#include <string>
#include <utility>
#include <vector>

namespace recobra {

namespace {

// Far deeper than any event Recobra writes (four levels). An unknown event is kept as text
// by nlohmann's dump(), which recurses once per level: a file nesting thousands of levels
// would overflow the stack instead of being refused.
constexpr std::size_t kMaxUnknownDepth = 64;

bool nestedDeeperThan(const nlohmann::json& root, std::size_t limit) {
    std::vector<std::pair<const nlohmann::json*, std::size_t>> todo{{&root, 1}};
    while (!todo.empty()) {
        const auto [value, depth] = todo.back();
        todo.pop_back();
        if (!value->is_structured()) continue;
        if (depth > limit) return true;
        for (const auto& child : *value) todo.emplace_back(&child, depth + 1);
    }
    return false;
}

const char* typeOf(const Payload& payload) {
    return std::visit(
        [](const auto& p) -> const char* {
            using T = std::decay_t<decltype(p)>;
            if constexpr (std::is_same_v<T, UnknownEvent>) return p.type.c_str();
            else return T::kType;
        },
        payload);
}

} // namespace

const char* Event::type() const { return typeOf(payload); }

std::optional<std::size_t> payloadIndexForCommand(std::string_view command) {
    std::optional<std::size_t> found;
    std::size_t index = 0;
    forEachPayloadType([&](auto tag) {
        using T = typename decltype(tag)::type;
        if (command == T::kCommand) found = index;
        ++index;
    });
    return found;
}

std::optional<std::size_t> payloadIndexForType(std::string_view type) {
    std::optional<std::size_t> found;
    std::size_t index = 0;
    forEachPayloadType([&](auto tag) {
        using T = typename decltype(tag)::type;
        if (type == T::kType) found = index;
        ++index;
    });
    return found;
}

std::string encodePayload(const Payload& payload) {
    std::string out;
    std::visit(
        [&](const auto& p) {
            using T = std::decay_t<decltype(p)>;
            if constexpr (std::is_same_v<T, UnknownEvent>) out += "{}";
            else JsonWriter::writeObject(out, p);
        },
        payload);
    return out;
}

void appendEvent(std::string& out, const Event& event) {
    if (const auto* unknown = std::get_if<UnknownEvent>(&event.payload)) {
        out += unknown->json;
        return;
    }
    out += "{\"author\":";
    appendJsonString(out, event.author);
    out += ",\"id\":\"";
    out += event.id.str();
    out += "\",\"payload\":";
    std::visit(
        [&](const auto& p) {
            using T = std::decay_t<decltype(p)>;
            if constexpr (!std::is_same_v<T, UnknownEvent>) JsonWriter::writeObject(out, p);
        },
        event.payload);
    out += ",\"ts\":";
    appendInteger(out, event.ts);
    out += ",\"type\":\"";
    out += event.type();
    out += "\",\"v\":";
    appendInteger(out, event.version);
    out.push_back('}');
}

std::string encodeEvent(const Event& event) {
    std::string out;
    appendEvent(out, event);
    return out;
}

std::optional<Problem> nulByte(std::string_view text) {
    const void* at = std::memchr(text.data(), 0, text.size());
    if (!at) return std::nullopt;
    const auto position = static_cast<std::size_t>(static_cast<const char*>(at) - text.data());
    return problem(Str::err_json_syntax, {}, {std::to_string(position + 1), "\\u0000"});
}

std::optional<Problem> parseJson(std::string_view text, nlohmann::json& out) {
    if (auto p = nulByte(text)) return p;
    // With allow_exceptions=false a syntax error gives a "discarded" value; to report where,
    // the text is parsed again with a position-tracking parser. A key written twice in one
    // object is refused: nlohmann would keep the last, simdjson (EventDecoder) finds the first,
    // and the same bytes must read one way (RFC 8259 leaves duplicates undefined).
    std::vector<std::vector<std::string>> keys; // those of each object being read
    std::optional<std::string> duplicate;
    const nlohmann::json::parser_callback_t noteKeys = [&](int, nlohmann::json::parse_event_t event,
                                                           nlohmann::json& parsed) {
        using E = nlohmann::json::parse_event_t;
        if (event == E::object_start) {
            keys.emplace_back();
        } else if (event == E::key && !keys.empty()) {
            keys.back().push_back(parsed.get<std::string>());
        } else if (event == E::object_end && !keys.empty()) {
            if (!duplicate) {
                const std::vector<std::string_view> views(keys.back().begin(), keys.back().end());
                if (const auto key = firstRepeatedKey(views)) duplicate = std::string(*key);
            }
            keys.pop_back();
        }
        return true;
    };
    out = nlohmann::json::parse(text.begin(), text.end(), noteKeys, false);
    if (duplicate) {
        out = nlohmann::json();
        return problem(Str::err_key_duplicate, *duplicate, {*duplicate});
    }
    if (!out.is_discarded()) return std::nullopt;
    struct Where : nlohmann::json_sax<nlohmann::json> {
        std::size_t position = 0;
        std::string token;
        bool null() override { return true; }
        bool boolean(bool) override { return true; }
        bool number_integer(number_integer_t) override { return true; }
        bool number_unsigned(number_unsigned_t) override { return true; }
        bool number_float(number_float_t, const string_t&) override { return true; }
        bool string(string_t&) override { return true; }
        bool binary(binary_t&) override { return true; }
        bool start_object(std::size_t) override { return true; }
        bool key(string_t&) override { return true; }
        bool end_object() override { return true; }
        bool start_array(std::size_t) override { return true; }
        bool end_array() override { return true; }
        bool parse_error(std::size_t pos, const std::string& last, const nlohmann::detail::exception&) override {
            position = pos;
            token = last.substr(0, 40);
            return false;
        }
    } where;
    nlohmann::json::sax_parse(text.begin(), text.end(), &where, nlohmann::json::input_format_t::json, false);
    return problem(Str::err_json_syntax, {}, {std::to_string(where.position), where.token});
}

namespace {

// simdjson's view of a value for BasicJsonReader (see NlohmannValue in json_codec.hpp).
struct SimdValue {
    simdjson::dom::element e;

    bool isNull() const { return e.is_null(); }
    bool isString() const { return e.is_string(); }
    bool isBool() const { return e.is_bool(); }
    bool isObject() const { return e.is_object(); }
    bool isArray() const { return e.is_array(); }
    bool isUnsigned() const { return e.type() == simdjson::dom::element_type::UINT64; }
    bool isInteger() const { return e.type() == simdjson::dom::element_type::INT64; }
    std::string_view string() const {
        std::string_view out;
        if (e.get_string().get(out)) return {};
        return out;
    }
    bool boolean() const {
        bool out = false;
        if (e.get_bool().get(out)) return false;
        return out;
    }
    std::int64_t int64() const {
        std::int64_t out = 0;
        if (e.get_int64().get(out)) return 0;
        return out;
    }
    std::uint64_t uint64() const {
        std::uint64_t out = 0;
        if (e.get_uint64().get(out)) return 0;
        return out;
    }
    std::size_t size() const {
        simdjson::dom::object object;
        if (!e.get_object().get(object)) return object.size();
        simdjson::dom::array array;
        if (!e.get_array().get(array)) return array.size();
        return 0;
    }
    std::optional<SimdValue> field(const char* key) const {
        simdjson::dom::object object;
        simdjson::dom::element value;
        if (e.get_object().get(object) || object.at_key(key).get(value)) return std::nullopt;
        return SimdValue{value};
    }
    // An object's fields taken one by one, each key once (BasicJsonReader, the envelope). Taken
    // in the order the app writes them (visit() order, keys sorted), each is the field after
    // the one taken before, found without searching from the first (at_key for every field of
    // two million events cost 0.2 s); out of that order, or absent, it is looked up as field()
    // does. Either way the first field of that name: the fields before the next one were all
    // taken, each under another name.
    class Fields {
    public:
        explicit Fields(SimdValue object) {
            if (!object.e.get_object().get(object_)) next_ = object_.begin();
        }
        std::optional<SimdValue> take(const char* key) {
            const std::string_view name(key);
            if (next_ && *next_ != object_.end() && next_->key_equals(name)) {
                const SimdValue value{next_->value()};
                ++*next_;
                return value;
            }
            simdjson::dom::element value;
            if (!next_ || object_.at_key(name).get(value)) return std::nullopt;
            return SimdValue{value};
        }

    private:
        simdjson::dom::object object_;
        std::optional<simdjson::dom::object::iterator> next_; // none: not an object
    };
    template <class F> void forEachField(F&& f) const {
        simdjson::dom::object object;
        if (e.get_object().get(object)) return;
        for (auto field : object)
            if (!f(field.key, SimdValue{field.value})) return;
    }
    template <class F> void forEachItem(F&& f) const {
        simdjson::dom::array array;
        if (e.get_array().get(array)) return;
        for (auto item : array)
            if (!f(SimdValue{item})) return;
    }
};

// Makes `payload` alternative `index` with every field at its default, reusing the memory
// of its texts and lists when it already holds that alternative.
template <std::size_t I = 0> void resetPayload(Payload& payload, std::size_t index) {
    if constexpr (I + 1 < std::variant_size_v<Payload>) { // the last alternative is UnknownEvent
        if (index != I) return resetPayload<I + 1>(payload, index);
        using T = std::variant_alternative_t<I, Payload>;
        static const T kDefault{};
        if (payload.index() == I) std::get<I>(payload) = kDefault; // copied: capacities kept
        else payload.emplace<I>();
    }
}

// The envelope first (its id names the record in every later problem), then the payload,
// into the Event `pick(payload index)` gives (a fresh one, or one reused per payload type).
// `unknownJson` gives the canonical text of an event this version does not understand.
template <class Value, class Canonical, class Pick>
std::optional<Problem> decodeInto(Value j, Canonical unknownJson, Pick pick) {
    if (!j.isObject()) return problem(Str::err_type_object, "");
    std::string_view recordId;
    auto fail = [&](Str code, std::string fieldName, std::vector<std::string> args = {}) {
        auto p = problem(code, std::move(fieldName), std::move(args));
        if (!recordId.empty()) p.record = std::string(recordId);
        return std::optional<Problem>(std::move(p));
    };
    // Taken in the order the app writes them, checked in the order below (the id first: it
    // names the record in every later problem).
    typename Value::Fields envelope(j);
    auto field = [&](const char* key) -> std::optional<Value> {
        auto found = envelope.take(key);
        if (!found || found->isNull()) return std::nullopt;
        return found;
    };
    const auto author = field("author");
    const auto id = field("id");
    const auto payload = field("payload");
    const auto ts = field("ts");
    const auto type = field("type");
    const auto schema = field("v");
    // nlohmann calls an unsigned number an integer too: one past int64 must not be cast to a
    // negative one (found by fuzz-codec: a ts of 2^63 + 1 read as -9223372036854775807).
    auto integer = [](const Value& v) {
        return v.isUnsigned() ? v.uint64() <= static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max())
                              : v.isInteger();
    };
    auto int64Of = [](const Value& v) {
        return v.isUnsigned() ? static_cast<std::int64_t>(v.uint64()) : v.int64();
    };
    if (!id) return fail(Str::err_field_missing, "id");
    if (!id->isString()) return fail(Str::err_type_text, "id");
    const auto eventId = EventId::parse(id->string());
    if (!eventId) return fail(Str::err_event_id, "id", {std::string(id->string())});
    recordId = id->string();
    if (!author) return fail(Str::err_field_missing, "author");
    if (!author->isString()) return fail(Str::err_type_text, "author");
    if (characterCount(author->string()) > kMaxAuthorCharacters)
        return fail(Str::err_too_long, "author", {std::to_string(kMaxAuthorCharacters)});
    if (!ts) return fail(Str::err_field_missing, "ts");
    if (!integer(*ts)) return fail(Str::err_type_integer, "ts");
    if (int64Of(*ts) < 0 || int64Of(*ts) > kMaxTimestamp) return fail(Str::err_ts_range, "ts");
    if (!type) return fail(Str::err_field_missing, "type");
    if (!type->isString()) return fail(Str::err_type_text, "type");
    if (!schema) return fail(Str::err_field_missing, "v");
    if (!integer(*schema) || int64Of(*schema) < 1) return fail(Str::err_schema_version, "v");
    if (!payload) return fail(Str::err_field_missing, "payload");
    if (!payload->isObject()) return fail(Str::err_type_object, "payload");

    const int version = static_cast<int>(std::min<std::int64_t>(int64Of(*schema), 1'000'000));
    const std::string_view typeName = type->string();
    const auto index = payloadIndexForType(typeName);
    const bool unknown = !index || version > kSchemaVersion;
    Event& event = pick(unknown ? std::variant_size_v<Payload> - 1 : *index);
    event.id = *eventId;
    event.ts = int64Of(*ts);
    event.author.assign(author->string());
    event.version = version;

    if (unknown) {
        std::string canonical;
        if (auto p = unknownJson(canonical)) {
            p->record = std::string(recordId);
            return p;
        }
        event.payload = UnknownEvent{std::string(typeName), std::move(canonical)};
        return std::nullopt;
    }
    // The six are all there: only a larger object can hold another.
    std::optional<std::string_view> stray;
    if (j.size() > 6) j.forEachField([&](std::string_view k, Value) {
        if (k == "author" || k == "id" || k == "payload" || k == "ts" || k == "type" || k == "v") return true;
        stray = k;
        return false;
    });
    if (stray) return fail(Str::err_field_unknown, stray->empty() ? "\"\"" : std::string(*stray));
    if (j.size() > 6) { // every key known, one of them twice
        std::vector<std::string_view> keys;
        j.forEachField([&](std::string_view k, Value) {
            keys.push_back(k);
            return true;
        });
        if (const auto key = firstRepeatedKey(keys)) return fail(Str::err_key_duplicate, std::string(*key), {std::string(*key)});
    }
    resetPayload(event.payload, *index);
    std::optional<Problem> problemFound;
    std::visit(
        [&](auto& p) {
            using T = std::decay_t<decltype(p)>;
            if constexpr (!std::is_same_v<T, UnknownEvent>) {
                const JsonPath at{nullptr, "payload"};
                problemFound = BasicJsonReader<Value>::readObject(*payload, p, &at);
            }
        },
        event.payload);
    if (problemFound) problemFound->record = std::string(recordId);
    return problemFound;
}

template <class Value, class Canonical> DecodedEvent decodeWith(Value j, Canonical unknownJson) {
    DecodedEvent out;
    Event event;
    out.problem = decodeInto(j, unknownJson, [&](std::size_t) -> Event& { return event; });
    if (!out.problem) out.event = std::move(event);
    return out;
}

std::optional<Problem> checkNesting(const nlohmann::json& j) {
    for (auto it = j.begin(); it != j.end(); ++it)
        if (nestedDeeperThan(*it, kMaxUnknownDepth - 1))
            return problem(Str::err_json_too_deep, it.key(), {std::to_string(kMaxUnknownDepth)});
    return std::nullopt;
}

// Canonical text of a whole event held by nlohmann (keys sorted, nesting bounded): what an
// unknown event keeps when its own text is not at hand (readBackup then puts it back).
std::optional<Problem> canonicalText(const nlohmann::json& j, std::string& out) {
    if (auto p = checkNesting(j)) return p;
    out = j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
    return std::nullopt;
}

// An unknown event's own text: checked (well formed, no key twice, nesting bounded) and kept.
std::optional<Problem> ownText(std::string_view text, std::string& out) {
    nlohmann::json j;
    if (auto p = parseJson(text, j)) return p;
    if (auto p = checkNesting(j)) return p;
    out = keptEventText(text);
    return std::nullopt;
}

// What an unknown event read by nlohmann keeps: its own text when at hand, else the canonical
// one. One type for both, so the decoder is compiled once for nlohmann's values.
struct UnknownText {
    const nlohmann::json* parsed; // no text: canonical
    std::string_view text;
    std::optional<Problem> operator()(std::string& out) const {
        return parsed ? canonicalText(*parsed, out) : ownText(text, out);
    }
};

} // namespace

namespace {

simdjson::dom::parser& simdParser() {
    static simdjson::dom::parser parser;
    return parser;
}

// A copy of `j` whose objects and lists nested `depth` levels down are empty: what the reader
// makes of a value that deep (no event nests that far) is what it makes of its kind.
nlohmann::json shallowCopy(const nlohmann::json& j, std::size_t depth) {
    if (!j.is_structured()) return j;
    nlohmann::json out = j.is_object() ? nlohmann::json::object() : nlohmann::json::array();
    if (depth == 0) return out;
    for (auto it = j.begin(); it != j.end(); ++it) {
        if (j.is_object()) out[it.key()] = shallowCopy(*it, depth - 1);
        else out.push_back(shallowCopy(*it, depth - 1));
    }
    return out;
}

// What nlohmann holds, as text simdjson reads (its own parser: a document of simdParser()
// may still be in use). Nesting past what simdjson reads (1024) is cut short first.
std::optional<Problem> reparse(const nlohmann::json& j, simdjson::dom::element& root) {
    static simdjson::dom::parser parser;
    static std::string text;
    constexpr std::size_t kDepth = 4 * kMaxUnknownDepth;
    const auto dump = [](const nlohmann::json& v) { return v.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace); };
    text = nestedDeeperThan(j, kDepth) ? dump(shallowCopy(j, kDepth)) : dump(j);
    if (parser.parse(text.data(), text.size(), true).get(root)) return problem(Str::err_invalid, "");
    return std::nullopt;
}

} // namespace

DecodedEvent decodeEvent(const nlohmann::json& j) {
    simdjson::dom::element root;
    if (auto p = reparse(j, root)) return DecodedEvent{std::nullopt, std::move(p)};
    return decodeWith(SimdValue{root}, UnknownText{&j, {}});
}

std::optional<Problem> readPayloadJson(const nlohmann::json& object, std::size_t type, Payload& out) {
    simdjson::dom::element root;
    if (auto p = reparse(object, root)) return p;
    if (!root.is_object()) return problem(Str::err_type_object, "");
    resetPayload(out, type);
    std::optional<Problem> found;
    std::visit(
        [&](auto& p) {
            using T = std::decay_t<decltype(p)>;
            if constexpr (!std::is_same_v<T, UnknownEvent>) found = BasicJsonReader<SimdValue>::readObject(SimdValue{root}, p);
        },
        out);
    return found;
}

// The hot path (loading the log, importing a backup): simdjson. Anything it refuses goes
// through nlohmann, whose problems say where the syntax breaks.
DecodedEvent decodeEventText(std::string_view text) {
    simdjson::dom::element root;
    if (auto p = nulByte(text)) return DecodedEvent{std::nullopt, std::move(p)};
    if (simdParser().parse(text.data(), text.size()).get(root)) {
        // nlohmann reads what simdjson does not (a number past 64 bits), or says where the
        // syntax breaks; what it read is read on as simdjson sees it.
        nlohmann::json j;
        if (auto p = parseJson(text, j)) return DecodedEvent{std::nullopt, std::move(p)};
        if (auto p = reparse(j, root)) return DecodedEvent{std::nullopt, std::move(p)};
        return decodeWith(SimdValue{root}, UnknownText{nullptr, text});
    }
    return decodeWith(SimdValue{root}, [&](std::string& out) { return ownText(text, out); });
}

EventDecoder::EventDecoder() : scratch_(std::variant_size_v<Payload>) {}

static_assert(EventDecoder::kPadding >= simdjson::SIMDJSON_PADDING);

std::optional<Problem> EventDecoder::decode(std::string_view text, std::size_t readableAfter) {
    simdjson::dom::element root;
    // (Copying each line cost reading a 765 MB backup 0.1 s.)
    const bool inPlace = readableAfter >= kPadding;
    if (auto p = nulByte(text)) return p;
    if (simdParser().parse(text.data(), text.size(), !inPlace).get(root)) { // rare: as decodeEventText does
        DecodedEvent decoded = decodeEventText(text);
        if (!decoded.event) return std::move(decoded.problem);
        last_ = decoded.event->payload.index();
        scratch_[last_] = std::move(*decoded.event);
        return std::nullopt;
    }
    return decodeInto(
        SimdValue{root},
        [&](std::string& out) { return ownText(text, out); },
        [&](std::size_t type) -> Event& {
            last_ = type;
            return scratch_[type];
        });
}

std::string keptEventText(std::string_view text) {
    auto blank = [](char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; };
    while (!text.empty() && blank(text.front())) text.remove_prefix(1);
    while (!text.empty() && blank(text.back())) text.remove_suffix(1);
    if (text.find_first_of("\n\r") == std::string_view::npos) return std::string(text);
    // Line breaks only sit between tokens (a string cannot hold one unescaped).
    std::string out;
    out.reserve(text.size());
    bool inString = false, escaped = false;
    for (const char c : text) {
        if (inString) {
            if (escaped) escaped = false;
            else if (c == '\\') escaped = true;
            else if (c == '"') inString = false;
        } else if (c == '"') {
            inString = true;
        } else if (blank(c)) {
            continue;
        }
        out.push_back(c);
    }
    return out;
}

std::vector<std::pair<std::size_t, std::size_t>> arrayItemSpans(std::string_view text, std::string_view key) {
    std::vector<std::pair<std::size_t, std::size_t>> spans;
    std::size_t i = 0;
    auto blank = [&] {
        while (i < text.size() && (text[i] == ' ' || text[i] == '\t' || text[i] == '\n' || text[i] == '\r')) ++i;
    };
    auto skipString = [&] { // at the opening quote; after the closing one
        for (++i; i < text.size(); ++i) {
            if (text[i] == '\\') ++i;
            else if (text[i] == '"') {
                ++i;
                return;
            }
        }
    };
    auto skipValue = [&] {
        if (i >= text.size()) return;
        if (text[i] == '"') return skipString();
        if (text[i] != '{' && text[i] != '[') {
            while (i < text.size() && std::string_view(",}] \t\n\r").find(text[i]) == std::string_view::npos) ++i;
            return;
        }
        std::size_t depth = 0; // iterative: a file nesting thousands of levels is only counted
        while (i < text.size()) {
            const char c = text[i];
            if (c == '"') {
                skipString();
                continue;
            }
            ++i;
            if (c == '{' || c == '[') ++depth;
            else if ((c == '}' || c == ']') && --depth == 0) return;
        }
    };
    blank();
    if (i >= text.size() || text[i] != '{') return spans;
    ++i;
    while (i < text.size()) {
        blank();
        if (i >= text.size() || text[i] != '"') return spans;
        const std::size_t keyStart = i;
        skipString();
        const bool wanted = text.substr(keyStart, i - keyStart) == "\"" + std::string(key) + "\"";
        blank();
        if (i >= text.size() || text[i] != ':') return spans;
        ++i;
        blank();
        if (wanted && i < text.size() && text[i] == '[') {
            ++i;
            for (blank(); i < text.size() && text[i] != ']'; blank()) {
                const std::size_t start = i;
                skipValue();
                spans.emplace_back(start, i);
                blank();
                if (i < text.size() && text[i] == ',') ++i;
            }
            return spans;
        }
        skipValue();
        blank();
        if (i < text.size() && text[i] == ',') ++i;
    }
    return spans;
}

void keepUnknownEventTexts(std::vector<Event>& events, std::string_view text, std::string_view key) {
    const auto unknown = [](const Event& e) { return std::holds_alternative<UnknownEvent>(e.payload); };
    if (std::none_of(events.begin(), events.end(), unknown)) return;
    const auto spans = arrayItemSpans(text, key);
    if (spans.size() != events.size()) return; // (a key spelled with escapes: canonical text stays)
    for (std::size_t i = 0; i < events.size(); ++i)
        if (auto* u = std::get_if<UnknownEvent>(&events[i].payload))
            u->json = keptEventText(text.substr(spans[i].first, spans[i].second - spans[i].first));
}

std::string policyJson(const Policy& policy) {
    std::string out;
    JsonWriter::writeObject(out, policy);
    return out;
}

} // namespace recobra
