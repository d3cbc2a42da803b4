#include "core/letters/templates.hpp"

#include <algorithm>
#include <array>

namespace recobra {

namespace {

using enum TemplateKind;
#define RB_TEMPLATE(id, kind, esName, esSubject, esBody, enName, enSubject, enBody)                                    \
    ShippedTemplate{#id, kind, {esName, enName}, {esSubject, enSubject}, {esBody, enBody}},
constexpr std::array kShipped{
#include "core/letters/shipped_templates.def"
};
#undef RB_TEMPLATE

std::size_t at(Lang lang) { return lang == Lang::es ? 0 : 1; }

const TemplateEdit* findEdit(const LetterSetup& setup, std::string_view id, std::string_view lang) {
    for (const auto& t : setup.templates)
        if (t.templateId == id && (lang.empty() || t.lang == lang)) return &t;
    return nullptr;
}

} // namespace

std::span<const ShippedTemplate> shippedTemplates() { return kShipped; }

const ShippedTemplate* findShipped(std::string_view id) {
    const auto it = std::find_if(kShipped.begin(), kShipped.end(), [&](const auto& t) { return id == t.id; });
    return it == kShipped.end() ? nullptr : &*it;
}

std::optional<TemplateText> findTemplate(const LetterSetup& setup, std::string_view id, Lang lang) {
    const ShippedTemplate* shipped = findShipped(id);
    const TemplateEdit* edit = findEdit(setup, id, langCode(lang));
    if (!edit && !shipped) edit = findEdit(setup, id, {});
    if (!edit && !shipped) return std::nullopt;
    TemplateText out;
    out.id = std::string(id);
    out.shipped = shipped != nullptr;
    out.kind = shipped ? shipped->kind : TemplateKind::Letter;
    out.lang = lang;
    if (shipped) {
        out.name = shipped->name[at(lang)];
        out.subject = shipped->subject[at(lang)];
        out.body = shipped->body[at(lang)];
    }
    if (edit) {
        out.edited = true;
        out.lang = parseLang(edit->lang).value_or(lang);
        if (!shipped) out.name = edit->name;
        out.subject = edit->subject;
        out.body = edit->body;
    }
    return out;
}

std::vector<std::string> templateIds(const LetterSetup& setup) {
    std::vector<std::string> ids;
    for (const auto& t : kShipped) ids.emplace_back(t.id);
    for (const auto& t : setup.templates) // sorted by id: each of the team's own once
        if (!findShipped(t.templateId) && (ids.empty() || ids.back() != t.templateId)) ids.push_back(t.templateId);
    return ids;
}

std::string templateName(const LetterSetup& setup, std::string_view id, Lang lang) {
    const auto found = findTemplate(setup, id, lang);
    return found && !found->name.empty() ? found->name : std::string(id);
}

} // namespace recobra
