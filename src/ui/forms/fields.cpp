#include "ui/forms/fields.hpp"

namespace recobra::ui {

namespace {
std::string memberName(const State& s, const std::string& id) {
    const auto m = s.member(id);
    return m ? s.members[*m].name : std::string();
}
} // namespace

// A combo of the active team members, with "unassigned" first.
void memberField(Ui& ui, const char* label, const char* field, std::string& member, const FieldErrors& errors,
                 float width) {
    fieldLabel(label);
    ImGui::SetNextItemWidth(width);
    const std::string current = member.empty() ? ui.t(Str::nobody) : memberName(ui.state(), member);
    const std::string id = std::string("##") + field;
    if (ImGui::BeginCombo(id.c_str(), current.c_str())) {
        if (ImGui::Selectable(ui.t(Str::nobody), member.empty())) member.clear();
        for (const auto& m : ui.state().members) {
            if (!m.active) continue;
            if (ImGui::Selectable(m.name.c_str(), m.id == member)) member = m.id;
            tagLastItem(tagFor(field) + "." + m.id);
        }
        ImGui::EndCombo();
    }
    tagLastItem(tagFor(field));
    fieldError(errors, field);
}

void currencyField(Ui& ui, const char* field, CurrencyCode& currency, float width) {
    fieldLabel(ui.t(Str::field_currency));
    ImGui::SetNextItemWidth(width);
    const std::string id = std::string("##") + field;
    if (ImGui::BeginCombo(id.c_str(), currency.str().c_str())) {
        for (const auto code : knownCurrencies())
            if (ImGui::Selectable(code.str().c_str(), code == currency)) currency = code;
        ImGui::EndCombo();
    }
    tagLastItem(tagFor(field));
}

} // namespace recobra::ui
