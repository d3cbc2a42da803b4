#include "core/i18n/problem.hpp"

namespace recobra {

Problem problem(Str code, std::string field, std::vector<std::string> args) {
    Problem p;
    p.code = code;
    p.field = std::move(field);
    p.args = std::move(args);
    return p;
}

std::string Problem::reason(Lang lang) const { return substitute(tr(code, lang), args); }

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
        add(trf(kind, lang, {record}));
    }
    if (!field.empty()) add(trf(Str::problem_field, lang, {field}));
    return out.empty() ? reason(lang) : out + ": " + reason(lang);
}

} // namespace recobra
