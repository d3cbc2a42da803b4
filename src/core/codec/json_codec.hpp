#pragma once
// JSON for payload structs, generated from their visit() lists.
//  - JsonWriter appends compact JSON with keys in the order visit() declares them (which is
//    alphabetical, so output is canonical: identical data, identical bytes).
//  - JsonReader reads a parsed nlohmann::json object strictly: a missing required field, a
//    wrong type, an unknown enumeration value or an unknown field is a Problem naming the
//    field's path. It never throws, so bad input cannot abort the wasm app.
#include "core/i18n/problem.hpp"
#include "core/model/field.hpp"
#include "core/model/vocabulary.hpp"
#include "core/values/date.hpp"
#include "core/values/money.hpp"

#include <nlohmann/json.hpp>
#include <limits>
#include <optional>
#include <string>
#include <type_traits>
#include <vector>

namespace recobra {

template <class T, class = void> struct IsVisitable : std::false_type {};
struct ProbeVisitor {
    template <class F> void operator()(const char*, F&, Presence = Req) {}
};
template <class T>
struct IsVisitable<T, std::void_t<decltype(std::declval<T&>().visit(std::declval<ProbeVisitor&>()))>> : std::true_type {};

template <class T> struct IsVector : std::false_type {};
template <class T> struct IsVector<std::vector<T>> : std::true_type {};
template <class T> struct IsOptional : std::false_type {};
template <class T> struct IsOptional<std::optional<T>> : std::true_type {};

void appendJsonString(std::string& out, std::string_view text);
void appendInteger(std::string& out, std::int64_t value); // without a temporary string

class JsonWriter {
public:
    explicit JsonWriter(std::string& out) : out_(out) {}

    template <class T> void operator()(const char* key, const T& value, Presence presence = Req) {
        if (presence == Opt && isDefault(value)) return;
        out_.push_back(first_ ? '{' : ',');
        first_ = false;
        out_.push_back('"'); // keys are plain identifiers: nothing to escape
        out_ += key;
        out_ += "\":";
        write(out_, value);
    }

    // Closes the object ("{}" when no field was written).
    void finish() { out_ += first_ ? "{}" : "}"; }

    template <class T> static void writeObject(std::string& out, const T& value) {
        JsonWriter w(out);
        const_cast<T&>(value).visit(w); // visit() only reads through a writer
        w.finish();
    }

    static void write(std::string& out, const std::string& v) { appendJsonString(out, v); }
    static void write(std::string& out, bool v) { out += v ? "true" : "false"; }
    static void write(std::string& out, std::int64_t v) { appendInteger(out, v); }
    static void write(std::string& out, Date v) {
        out.push_back('"');
        v.appendIso(out);
        out.push_back('"');
    }
    static void write(std::string& out, Money v) {
        out += "{\"currency\":\"";
        out += v.currency.str();
        out += "\",\"minor\":";
        appendInteger(out, v.minor);
        out.push_back('}');
    }
    template <class T> static void write(std::string& out, const T& v) {
        if constexpr (std::is_enum_v<T>) {
            out.push_back('"'); // enum names are plain identifiers
            out += enumName(v);
            out.push_back('"');
        } else if constexpr (IsVector<T>::value) {
            out.push_back('[');
            bool first = true;
            for (const auto& item : v) {
                if (!first) out.push_back(',');
                first = false;
                write(out, item);
            }
            out.push_back(']');
        } else if constexpr (IsOptional<T>::value) {
            if (v) write(out, *v);
            else out += "null";
        } else {
            static_assert(IsVisitable<T>::value, "no JSON encoding for this type");
            writeObject(out, v);
        }
    }

private:
    template <class T> static bool isDefault(const T& v) {
        if constexpr (std::is_same_v<T, std::string> || IsVector<T>::value) return v.empty();
        else if constexpr (IsOptional<T>::value) return !v.has_value();
        else if constexpr (std::is_same_v<T, bool>) return !v;
        else if constexpr (std::is_same_v<T, std::int64_t>) return v == 0;
        else if constexpr (std::is_enum_v<T>) return v == T{};
        else return false;
    }

    std::string& out_;
    bool first_ = true;
};

// A field's location, built into text only when something is wrong with it.
struct JsonPath {
    const JsonPath* parent = nullptr;
    const char* key = nullptr;   // a field name, or
    std::string_view keyText{};  // a field name read from the input, or
    long index = -1;             // a list position
    std::string str() const;
};

// The first of `keys` (an object's, in order) that comes again, if any.
std::optional<std::string_view> firstRepeatedKey(const std::vector<std::string_view>& keys);

// How the reader sees a parsed JSON value, whoever parsed it: nlohmann (commands, settings,
// small files) below, or simdjson for the bulk of events (event_codec.cpp).
struct NlohmannValue {
    const nlohmann::json* v;

    bool isNull() const { return v->is_null(); }
    bool isString() const { return v->is_string(); }
    bool isBool() const { return v->is_boolean(); }
    bool isObject() const { return v->is_object(); }
    bool isArray() const { return v->is_array(); }
    bool isUnsigned() const { return v->is_number_unsigned(); }
    bool isInteger() const { return v->is_number_integer(); }
    std::string_view string() const { return v->get_ref<const std::string&>(); }
    bool boolean() const { return v->get<bool>(); }
    std::int64_t int64() const { return v->get<std::int64_t>(); }
    std::uint64_t uint64() const { return v->get<std::uint64_t>(); }
    std::size_t size() const { return v->size(); }
    std::optional<NlohmannValue> field(const char* key) const {
        const auto it = v->find(key);
        if (it == v->end()) return std::nullopt;
        return NlohmannValue{&*it};
    }
    // An object's fields taken one by one, each key once (BasicJsonReader): as field() finds
    // them (nlohmann's objects are sorted maps).
    class Fields {
    public:
        explicit Fields(NlohmannValue object) : object_(object.v) {}
        std::optional<NlohmannValue> take(const char* key) const { return NlohmannValue{object_}.field(key); }

    private:
        const nlohmann::json* object_;
    };
    // f(key, value) for each field; stops when f returns false.
    template <class F> void forEachField(F&& f) const {
        for (auto it = v->begin(); it != v->end(); ++it)
            if (!f(std::string_view(it.key()), NlohmannValue{&*it})) return;
    }
    template <class F> void forEachItem(F&& f) const {
        for (const auto& item : *v)
            if (!f(NlohmannValue{&item})) return;
    }
};

template <class Value> class BasicJsonReader {
public:
    explicit BasicJsonReader(Value object, const JsonPath* at = nullptr) : object_(object), fields_(object), at_(at) {}

    template <class T> void operator()(const char* key, T& value, Presence presence = Req) {
        if (problem_) return;
        const auto found = fields_.take(key); // visit() names each key once
        if (found) ++matched_;
        const JsonPath path{at_, key};
        if (!found || found->isNull()) {
            if (presence == Req) fail(path, Str::err_field_missing);
            return;
        }
        read(*found, value, path);
    }

    // After visit(): a field the struct does not declare is a problem (a typo in a command,
    // or a file that is not what it claims to be). Declared keys are distinct, so when every
    // key of the object was matched there is nothing to look for. An unknown field is
    // reported even when a required one is also missing: "numbr" is the cause of "number"
    // missing.
    // Every key known and yet more fields than keys matched: a key is written twice (only
    // simdjson's objects keep both; nlohmann's parse refuses them, parseJson).
    template <class T> void checkNoUnknownFields(T& value) {
        if (matched_ == object_.size()) return;
        if (problem_ && problem_->code != Str::err_field_missing) return;
        bool unknown = false;
        object_.forEachField([&](std::string_view key, Value) {
            KeyProbe probe{key};
            value.visit(probe);
            if (probe.found) return true;
            problem_.reset();
            fail(JsonPath{at_, nullptr, key}, Str::err_field_unknown);
            unknown = true;
            return false;
        });
        if (!unknown) failOnRepeatedKey(object_, at_);
    }

    // The first key `object` holds twice, as a problem. Not inlined: one copy per parser,
    // not one per payload type (the page pays for every byte).
    [[gnu::noinline]] void failOnRepeatedKey(Value object, const JsonPath* at) {
        std::vector<std::string_view> keys;
        object.forEachField([&](std::string_view key, Value) {
            keys.push_back(key);
            return true;
        });
        if (const auto key = firstRepeatedKey(keys)) {
            problem_.reset();
            fail(JsonPath{at, nullptr, *key}, Str::err_key_duplicate, {std::string(*key)});
        }
    }

    const std::optional<Problem>& problem() const { return problem_; }

    // Reads a whole visitable struct from a JSON value; `at` names where it sits.
    template <class T> static std::optional<Problem> readObject(Value json, T& value, const JsonPath* at = nullptr) {
        if (!json.isObject()) return recobra::problem(Str::err_type_object, at ? at->str() : "");
        BasicJsonReader r(json, at);
        value.visit(r);
        r.checkNoUnknownFields(value);
        return r.problem_;
    }

private:
    struct KeyProbe {
        std::string_view key;
        bool found = false;
        template <class F> void operator()(const char* k, F&, Presence = Req) {
            if (key == k) found = true;
        }
    };

    void fail(const JsonPath& path, Str code, std::vector<std::string> args = {}) {
        if (!problem_) problem_ = recobra::problem(code, path.str(), std::move(args));
    }

    void read(Value j, std::string& v, const JsonPath& path) {
        if (!j.isString()) return fail(path, Str::err_type_text);
        const std::string_view text = j.string();
        // Into the memory it already has (EventDecoder reuses events); else exactly its size
        // (assign() would grow an empty string to twice its small-string room).
        if (v.capacity() >= text.size()) v.assign(text);
        else v = std::string(text);
    }
    void read(Value j, bool& v, const JsonPath& path) {
        if (!j.isBool()) return fail(path, Str::err_type_boolean);
        v = j.boolean();
    }
    void read(Value j, std::int64_t& v, const JsonPath& path) {
        if (j.isUnsigned()) {
            const auto u = j.uint64();
            if (u > static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max()))
                return fail(path, Str::err_number_range);
            v = static_cast<std::int64_t>(u);
            return;
        }
        if (!j.isInteger()) return fail(path, Str::err_type_integer);
        v = j.int64();
    }
    void read(Value j, Date& v, const JsonPath& path) {
        if (!j.isString()) return fail(path, Str::err_type_date);
        const auto d = Date::parseIso(j.string());
        if (!d) return fail(path, Str::err_date_invalid, {std::string(j.string())});
        v = *d;
    }
    void read(Value j, Money& v, const JsonPath& path) {
        if (!j.isObject()) return fail(path, Str::err_type_money);
        const auto cur = j.field("currency");
        const auto minor = j.field("minor");
        const JsonPath curPath{&path, "currency"};
        const JsonPath minorPath{&path, "minor"};
        if (!cur || cur->isNull()) return fail(curPath, Str::err_field_missing);
        if (!cur->isString()) return fail(curPath, Str::err_type_text);
        const auto code = CurrencyCode::parse(cur->string());
        if (!code || !findCurrency(*code)) return fail(curPath, Str::err_currency_unknown, {std::string(cur->string())});
        if (!minor || minor->isNull()) return fail(minorPath, Str::err_field_missing);
        std::int64_t amount = 0;
        read(*minor, amount, minorPath);
        if (problem_) return;
        if (j.size() != 2) {
            j.forEachField([&](std::string_view key, Value) {
                if (key == "currency" || key == "minor") return true;
                fail(JsonPath{&path, nullptr, key}, Str::err_field_unknown);
                return false;
            });
            if (!problem_) failOnRepeatedKey(j, &path);
            if (problem_) return;
        }
        v = Money{amount, *code};
    }
    template <class T> void read(Value j, T& v, const JsonPath& path) {
        if constexpr (std::is_enum_v<T>) {
            if (!j.isString()) return fail(path, Str::err_type_text);
            const auto parsed = parseEnum<T>(j.string());
            if (!parsed) return fail(path, Str::err_field_choice, {std::string(j.string()), enumChoices<T>()});
            v = *parsed;
        } else if constexpr (IsVector<T>::value) {
            if (!j.isArray()) return fail(path, Str::err_type_list);
            v.clear();
            v.reserve(j.size());
            long index = 0;
            j.forEachItem([&](Value item) {
                typename T::value_type element{};
                read(item, element, JsonPath{&path, nullptr, {}, index++});
                if (problem_) return false;
                v.push_back(std::move(element));
                return true;
            });
        } else if constexpr (IsOptional<T>::value) {
            typename T::value_type inner{};
            read(j, inner, path);
            if (!problem_) v = std::move(inner);
        } else {
            static_assert(IsVisitable<T>::value, "no JSON decoding for this type");
            if (auto p = readObject(j, v, &path)) problem_ = std::move(p);
        }
    }

    Value object_;
    typename Value::Fields fields_;
    const JsonPath* at_;
    std::size_t matched_ = 0;
    std::optional<Problem> problem_;
};

// Commands, settings and other JSON parsed by nlohmann.
struct JsonReader {
    template <class T>
    static std::optional<Problem> readObject(const nlohmann::json& json, T& value, const JsonPath* at = nullptr) {
        return BasicJsonReader<NlohmannValue>::readObject(NlohmannValue{&json}, value, at);
    }
};

} // namespace recobra
