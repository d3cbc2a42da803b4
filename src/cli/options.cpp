#include "cli/options.hpp"

#include "core/i18n/locale.hpp"

#include <algorithm>

namespace recobra::cli {

const std::string* Options::find(const std::string& name) const {
    const auto it = values.find(name);
    return it == values.end() ? nullptr : &it->second;
}

std::vector<std::string> Options::all(const std::string& name) const {
    const auto it = every.find(name);
    return it == every.end() ? std::vector<std::string>{} : it->second;
}

std::optional<std::string> parseOptions(const std::vector<std::string>& args,
                                        const std::vector<std::string>& known, const Context& cx,
                                        Options& out) {
    bool optionsEnded = false;
    for (std::size_t i = 0; i < args.size(); ++i) {
        const std::string& arg = args[i];
        if (optionsEnded || arg.size() < 2 || arg[0] != '-') {
            out.positional.push_back(arg);
            continue;
        }
        if (arg == "--") {
            optionsEnded = true;
            continue;
        }
        const auto eq = arg.find('=');
        const std::string name = arg.substr(0, eq);
        if (std::find(known.begin(), known.end(), name) == known.end())
            return cx.say(Str::cli_unknown_option, {name});
        if (eq != std::string::npos) {
            out.values[name] = arg.substr(eq + 1);
        } else {
            if (i + 1 >= args.size()) return cx.say(Str::cli_missing_value, {name});
            out.values[name] = args[++i];
        }
        out.every[name].push_back(out.values[name]);
    }
    return std::nullopt;
}

std::optional<std::string> readCount(const Context& cx, const std::string& name, const std::string& text,
                                     std::uint64_t min, std::uint64_t max, std::uint64_t& out) {
    const auto bad = [&] {
        return cx.say(Str::cli_bad_count, {name, formatCount(static_cast<std::int64_t>(min), cx.lang),
                                           formatCount(static_cast<std::int64_t>(max), cx.lang), text});
    };
    if (text.empty() || text.size() > 20) return bad();
    std::uint64_t value = 0;
    for (char c : text) {
        if (c < '0' || c > '9') return bad();
        const auto digit = static_cast<std::uint64_t>(c - '0');
        if (value > (UINT64_MAX - digit) / 10) return bad();
        value = value * 10 + digit;
    }
    if (value < min || value > max) return bad();
    out = value;
    return std::nullopt;
}

std::optional<std::string> readHex32(const Context& cx, const std::string& name, const std::string& text,
                                     std::uint32_t& out) {
    std::string_view digits = text;
    if (digits.size() > 2 && digits[0] == '0' && (digits[1] == 'x' || digits[1] == 'X'))
        digits.remove_prefix(2);
    if (digits.empty() || digits.size() > 8) return cx.say(Str::cli_bad_hex, {name, text});
    std::uint32_t value = 0;
    for (char c : digits) {
        std::uint32_t d = 0;
        if (c >= '0' && c <= '9')
            d = static_cast<std::uint32_t>(c - '0');
        else if (c >= 'a' && c <= 'f')
            d = static_cast<std::uint32_t>(c - 'a' + 10);
        else if (c >= 'A' && c <= 'F')
            d = static_cast<std::uint32_t>(c - 'A' + 10);
        else
            return cx.say(Str::cli_bad_hex, {name, text});
        value = value << 4 | d;
    }
    out = value;
    return std::nullopt;
}

std::optional<std::string> readDate(const Context& cx, const std::string& name, const std::string& text,
                                    Date& out) {
    const auto date = Date::parseIso(text);
    if (!date) return cx.say(Str::cli_bad_date, {name, text});
    out = *date;
    return std::nullopt;
}

std::optional<int> loadBookArgument(const Options& opts, const Context& cx, Book& out) {
    if (opts.positional.empty()) return cx.usage(cx.say(Str::cli_missing_file));
    if (opts.positional.size() > 1) return cx.usage(cx.say(Str::cli_extra_argument, {opts.positional[1]}));
    std::optional<Date> today;
    if (const auto* text = opts.find("--today")) {
        Date date;
        if (auto e = readDate(cx, "--today", *text, date)) return cx.usage(*e);
        today = date;
    }
    return loadBook(opts.positional.front(), cx, today, out);
}

} // namespace recobra::cli
