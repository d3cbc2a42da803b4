#include "core/i18n/problem.hpp"

#include "core/values/text.hpp"

namespace recobra {

namespace {
// Any argument, whatever it says: a message stays a message.
constexpr std::size_t kArgumentCharacters = 400;
} // namespace

Problem::Problem(const Problem&) = default;
Problem::Problem(Problem&&) noexcept = default;
Problem& Problem::operator=(const Problem&) = default;
Problem& Problem::operator=(Problem&&) noexcept = default;
Problem::~Problem() = default;

Problem problem(Str code, std::string field, std::vector<std::string> args) {
    Problem p;
    p.code = code;
    // What a file names (a key, an id) is quoted at most kQuoteCharacters long: a 10 MB id
    // gives a short message, not a 10 MB one.
    p.field = field.size() > kQuoteCharacters ? quoteBounded(field) : std::move(field);
    p.args = std::move(args);
    for (auto& arg : p.args)
        if (arg.size() > kArgumentCharacters) arg = quoteBounded(arg, kArgumentCharacters);
    return p;
}

std::string Problem::reason(Lang lang) const {
    const std::string_view pattern = tr(code, lang);
    std::vector<std::string> bounded = args;
    for (std::size_t k = 0; k < bounded.size(); ++k) {
        // A value quoted by the message («{0}», “{0}”) is what the user typed or the file
        // holds: a short prefix of it says which. Lists of choices and counts stay whole.
        const std::string slot = "{" + std::to_string(k) + "}";
        const bool quoted = pattern.find("\u00ab" + slot + "\u00bb") != std::string_view::npos ||
                            pattern.find("\u201c" + slot + "\u201d") != std::string_view::npos;
        bounded[k] = quoteBounded(bounded[k], quoted ? kQuoteCharacters : kArgumentCharacters);
    }
    return substitute(pattern, bounded);
}

std::string Problem::describe(Lang lang) const {
    std::string out;
    auto add = [&](const std::string& part) {
        if (part.empty()) return;
        if (!out.empty()) out += ", ";
        out += part;
    };
    add(file);
    if (!record.empty()) {
        const Str kind = recordKind == RecordKind::Line  ? Str::record_line
                         : recordKind == RecordKind::Row ? Str::record_row
                                                         : Str::record_event;
        add(trf(kind, lang, {quoteBounded(record)}));
    }
    if (!field.empty()) add(trf(Str::problem_field, lang, {quoteBounded(field)}));
    return out.empty() ? reason(lang) : out + ": " + reason(lang);
}

bool Findings::record(Problem&& found, bool goOn) {
    problems_.push_back(std::move(found));
    return !goOn;
}

} // namespace recobra
