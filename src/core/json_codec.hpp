#pragma once
// JSON for payload structs, generated from their visit() lists.
//  - JsonWriter appends compact JSON with keys in the order visit() declares them (which is
//    alphabetical, so output is canonical: identical data, identical bytes).
//  - JsonReader reads a parsed nlohmann::json object strictly: a missing required field, a
//    wrong type, an unknown enumeration value or an unknown field is a Problem naming the
//    field's path. It never throws, so bad input cannot abort the wasm app.
#include "date.hpp"
#include "field.hpp"
#include "model.hpp"
#include "money.hpp"
#include "problem.hpp"

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

class JsonWriter {
public:
    explicit JsonWriter(std::string& out) : out_(out) {}

    template <class T> void operator()(const char* key, const T& value, Presence presence = Req) {
        if (presence == Opt && isDefault(value)) return;
        out_.push_back(first_ ? '{' : ',');
        first_ = false;
        appendJsonString(out_, key);
        out_.push_back(':');
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
    static void write(std::string& out, std::int64_t v) { out += std::to_string(v); }
    static void write(std::string& out, Date v) {
        out.push_back('"');
        out += v.iso();
        out.push_back('"');
    }
    static void write(std::string& out, Money v) {
        out += "{\"currency\":\"";
        out += v.currency.str();
        out += "\",\"minor\":";
        out += std::to_string(v.minor);
        out.push_back('}');
    }
    template <class T> static void write(std::string& out, const T& v) {
        if constexpr (std::is_enum_v<T>) {
            appendJsonString(out, enumName(v));
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
    const char* key = nullptr;       // a field name, or
    const std::string* keyText = nullptr;
    long index = -1;                 // a list position
    std::string str() const;
};

class JsonReader {
public:
    explicit JsonReader(const nlohmann::json& object, const JsonPath* at = nullptr) : object_(object), at_(at) {}

    template <class T> void operator()(const char* key, T& value, Presence presence = Req) {
        if (problem_) return;
        const auto it = object_.find(key);
        if (it != object_.end()) ++matched_;
        const JsonPath path{at_, key};
        if (it == object_.end() || it->is_null()) {
            if (presence == Req) fail(path, Str::err_field_missing);
            return;
        }
        read(*it, value, path);
    }

    // After visit(): a field the struct does not declare is a problem (a typo in a command,
    // or a file that is not what it claims to be). Declared keys are distinct, so when every
    // key of the object was matched there is nothing to look for.
    // An unknown field is reported even when a required one is also missing: "numbr" is the
    // cause of "number" missing.
    template <class T> void checkNoUnknownFields(T& value) {
        if (matched_ == object_.size()) return;
        if (problem_ && problem_->code != Str::err_field_missing) return;
        for (auto it = object_.begin(); it != object_.end(); ++it) {
            KeyProbe probe{it.key()};
            value.visit(probe);
            if (!probe.found) {
                problem_.reset();
                return fail(JsonPath{at_, nullptr, &it.key()}, Str::err_field_unknown);
            }
        }
    }

    const std::optional<Problem>& problem() const { return problem_; }

    // Reads a whole visitable struct from a JSON value; `at` names where it sits.
    template <class T>
    static std::optional<Problem> readObject(const nlohmann::json& json, T& value, const JsonPath* at = nullptr) {
        if (!json.is_object()) return recobra::problem(Str::err_type_object, at ? at->str() : "");
        JsonReader r(json, at);
        value.visit(r);
        r.checkNoUnknownFields(value);
        return r.problem_;
    }

private:
    struct KeyProbe {
        const std::string& key;
        bool found = false;
        template <class F> void operator()(const char* k, F&, Presence = Req) {
            if (key == k) found = true;
        }
    };

    void fail(const JsonPath& path, Str code, std::vector<std::string> args = {}) {
        if (!problem_) problem_ = recobra::problem(code, path.str(), std::move(args));
    }

    void read(const nlohmann::json& j, std::string& v, const JsonPath& path) {
        if (!j.is_string()) return fail(path, Str::err_type_text);
        v = j.get_ref<const std::string&>();
    }
    void read(const nlohmann::json& j, bool& v, const JsonPath& path) {
        if (!j.is_boolean()) return fail(path, Str::err_type_boolean);
        v = j.get<bool>();
    }
    void read(const nlohmann::json& j, std::int64_t& v, const JsonPath& path) {
        if (j.is_number_unsigned()) {
            const auto u = j.get<std::uint64_t>();
            if (u > static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max()))
                return fail(path, Str::err_number_range);
            v = static_cast<std::int64_t>(u);
            return;
        }
        if (!j.is_number_integer()) return fail(path, Str::err_type_integer);
        v = j.get<std::int64_t>();
    }
    void read(const nlohmann::json& j, Date& v, const JsonPath& path) {
        if (!j.is_string()) return fail(path, Str::err_type_date);
        const auto d = Date::parseIso(j.get_ref<const std::string&>());
        if (!d) return fail(path, Str::err_date_invalid, {j.get_ref<const std::string&>()});
        v = *d;
    }
    void read(const nlohmann::json& j, Money& v, const JsonPath& path) {
        if (!j.is_object()) return fail(path, Str::err_type_money);
        const auto cur = j.find("currency");
        const auto minor = j.find("minor");
        const JsonPath curPath{&path, "currency"};
        const JsonPath minorPath{&path, "minor"};
        if (cur == j.end() || cur->is_null()) return fail(curPath, Str::err_field_missing);
        if (!cur->is_string()) return fail(curPath, Str::err_type_text);
        const auto code = CurrencyCode::parse(cur->get_ref<const std::string&>());
        if (!code || !findCurrency(*code))
            return fail(curPath, Str::err_currency_unknown, {cur->get_ref<const std::string&>()});
        if (minor == j.end() || minor->is_null()) return fail(minorPath, Str::err_field_missing);
        std::int64_t amount = 0;
        read(*minor, amount, minorPath);
        if (problem_) return;
        if (j.size() != 2) {
            for (auto it = j.begin(); it != j.end(); ++it)
                if (it.key() != "currency" && it.key() != "minor")
                    return fail(JsonPath{&path, nullptr, &it.key()}, Str::err_field_unknown);
        }
        v = Money{amount, *code};
    }
    template <class T> void read(const nlohmann::json& j, T& v, const JsonPath& path) {
        if constexpr (std::is_enum_v<T>) {
            if (!j.is_string()) return fail(path, Str::err_type_text);
            const auto parsed = parseEnum<T>(j.get_ref<const std::string&>());
            if (!parsed) return fail(path, Str::err_field_choice, {j.get_ref<const std::string&>(), enumChoices<T>()});
            v = *parsed;
        } else if constexpr (IsVector<T>::value) {
            if (!j.is_array()) return fail(path, Str::err_type_list);
            v.clear();
            v.reserve(j.size());
            long index = 0;
            for (const auto& item : j) {
                typename T::value_type element{};
                read(item, element, JsonPath{&path, nullptr, nullptr, index++});
                if (problem_) return;
                v.push_back(std::move(element));
            }
        } else if constexpr (IsOptional<T>::value) {
            typename T::value_type inner{};
            read(j, inner, path);
            if (!problem_) v = std::move(inner);
        } else {
            static_assert(IsVisitable<T>::value, "no JSON decoding for this type");
            if (auto p = readObject(j, v, &path)) problem_ = std::move(p);
        }
    }

    const nlohmann::json& object_;
    const JsonPath* at_;
    std::size_t matched_ = 0;
    std::optional<Problem> problem_;
};

} // namespace recobra
