#pragma once
// The templates letters are written from (docs/letters.md): those Recobra ships for every
// step of the ladder and the other moments of a case, in Spanish and English
// (shipped_templates.def), and the team's own texts (template.saved), which win over them.
#include "core/i18n/locale.hpp"
#include "core/state/state.hpp"

#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace recobra {

enum class TemplateKind { Letter, Script }; // a script is read aloud on a call: no subject

struct ShippedTemplate {
    const char* id;
    TemplateKind kind;
    const char* name[2]; // by Lang: es, en
    const char* subject[2];
    const char* body[2];
};

std::span<const ShippedTemplate> shippedTemplates();
const ShippedTemplate* findShipped(std::string_view id);

// A template as a letter uses it.
struct TemplateText {
    std::string id;
    TemplateKind kind = TemplateKind::Letter;
    Lang lang = Lang::es; // the language of this text
    std::string name, subject, body;
    bool shipped = false; // Recobra ships it: a reset brings the shipped text back
    bool edited = false;  // the team's text, not the shipped one
};

// The team's text in `lang`, else the shipped one; for one of the team's own templates that
// exists only in the other language, that one. Nullopt: no such template.
std::optional<TemplateText> findTemplate(const LetterSetup& setup, std::string_view id, Lang lang);
// Every template: the shipped ones in their order, then the team's own by id.
std::vector<std::string> templateIds(const LetterSetup& setup);
// Its name in `lang` ("Recordatorio amable"), or the id itself when there is no such template.
std::string templateName(const LetterSetup& setup, std::string_view id, Lang lang);

} // namespace recobra
