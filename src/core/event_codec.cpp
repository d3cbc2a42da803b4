#include "event_codec.hpp"

#include "json_codec.hpp"

#include <utility>
#include <vector>

namespace recobra {

namespace {

template <std::size_t I = 0> std::optional<Payload> makePayload(std::size_t index) {
    if constexpr (I + 1 < std::variant_size_v<Payload>) { // the last alternative is UnknownEvent
        if (index == I) return Payload(std::in_place_index<I>);
        return makePayload<I + 1>(index);
    } else {
        return std::nullopt;
    }
}

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
    out += std::to_string(event.ts);
    out += ",\"type\":\"";
    out += event.type();
    out += "\",\"v\":";
    out += std::to_string(event.version);
    out.push_back('}');
}

std::string encodeEvent(const Event& event) {
    std::string out;
    appendEvent(out, event);
    return out;
}

std::optional<Problem> parseJson(std::string_view text, nlohmann::json& out) {
    // The SAX-style callback-free parse with allow_exceptions=false returns a "discarded"
    // value on a syntax error; to report where, parse again with a position-tracking parser.
    out = nlohmann::json::parse(text.begin(), text.end(), nullptr, false);
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

DecodedEvent decodeEvent(const nlohmann::json& j) {
    DecodedEvent out;
    if (!j.is_object()) {
        out.problem = problem(Str::err_type_object, "");
        return out;
    }
    // The envelope first: its id names the record in every later problem.
    struct Envelope {
        std::string author;
        std::string id;
        std::int64_t ts = 0;
        std::string type;
        std::int64_t v = 0;
        nlohmann::json ignoredPayload;
    } env;
    auto field = [&](const char* key) -> const nlohmann::json* {
        auto it = j.find(key);
        return it == j.end() || it->is_null() ? nullptr : &*it;
    };
    auto fail = [&](Str code, std::string fieldName, std::vector<std::string> args = {}) {
        out.problem = problem(code, std::move(fieldName), std::move(args));
        if (!env.id.empty()) out.problem->record = env.id;
        return out;
    };
    const auto* id = field("id");
    if (!id) return fail(Str::err_field_missing, "id");
    if (!id->is_string()) return fail(Str::err_type_text, "id");
    env.id = id->get<std::string>();
    const auto eventId = EventId::parse(env.id);
    if (!eventId) {
        const std::string bad = env.id;
        env.id.clear();
        return fail(Str::err_event_id, "id", {bad});
    }
    const auto* author = field("author");
    if (!author) return fail(Str::err_field_missing, "author");
    if (!author->is_string()) return fail(Str::err_type_text, "author");
    const auto* ts = field("ts");
    if (!ts) return fail(Str::err_field_missing, "ts");
    if (!ts->is_number_integer()) return fail(Str::err_type_integer, "ts");
    const auto* type = field("type");
    if (!type) return fail(Str::err_field_missing, "type");
    if (!type->is_string()) return fail(Str::err_type_text, "type");
    const auto* v = field("v");
    if (!v) return fail(Str::err_field_missing, "v");
    if (!v->is_number_integer() || v->get<std::int64_t>() < 1) return fail(Str::err_schema_version, "v");
    const auto* payload = field("payload");
    if (!payload) return fail(Str::err_field_missing, "payload");
    if (!payload->is_object()) return fail(Str::err_type_object, "payload");

    Event event;
    event.id = *eventId;
    event.ts = ts->get<std::int64_t>();
    event.author = author->get<std::string>();
    event.version = static_cast<int>(std::min<std::int64_t>(v->get<std::int64_t>(), 1'000'000));
    const std::string& typeName = type->get_ref<const std::string&>();

    const auto index = payloadIndexForType(typeName);
    if (!index || event.version > kSchemaVersion) {
        for (auto it = j.begin(); it != j.end(); ++it)
            if (nestedDeeperThan(*it, kMaxUnknownDepth - 1))
                return fail(Str::err_json_too_deep, it.key(), {std::to_string(kMaxUnknownDepth)});
        event.payload = UnknownEvent{typeName, j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace)};
        out.event = std::move(event);
        return out;
    }
    for (auto it = j.begin(); it != j.end(); ++it) {
        const auto& k = it.key();
        if (k != "author" && k != "id" && k != "payload" && k != "ts" && k != "type" && k != "v")
            return fail(Str::err_field_unknown, k);
    }
    event.payload = *makePayload(*index);
    std::optional<Problem> problemFound;
    std::visit(
        [&](auto& p) {
            using T = std::decay_t<decltype(p)>;
            if constexpr (!std::is_same_v<T, UnknownEvent>) {
                const JsonPath at{nullptr, "payload"};
                problemFound = JsonReader::readObject(*payload, p, &at);
            }
        },
        event.payload);
    if (problemFound) {
        out.problem = std::move(problemFound);
        out.problem->record = env.id;
        return out;
    }
    out.event = std::move(event);
    return out;
}

DecodedEvent decodeEventText(std::string_view text) {
    nlohmann::json j;
    if (auto p = parseJson(text, j)) return DecodedEvent{std::nullopt, std::move(p)};
    return decodeEvent(j);
}

} // namespace recobra
