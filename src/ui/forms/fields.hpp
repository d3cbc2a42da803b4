#pragma once
// What the forms (one file each in this folder) share beyond the Form frame: two fields side
// by side, a combo of the team's members, a combo of currencies.
#include "ui/forms/form.hpp"

#include <string>

namespace recobra::ui {

// Two fields side by side: call next() between them.
struct Columns {
    Ui& ui;
    float half;
    explicit Columns(Ui& u, float total) : ui(u), half((total - ImGui::GetStyle().ItemSpacing.x) / 2) {
        ImGui::BeginGroup();
    }
    Columns(const Columns&) = delete;
    Columns& operator=(const Columns&) = delete;
    void next() { nextFieldColumn(); }
    ~Columns() { ImGui::EndGroup(); }
};

// A combo of the active team members, with "unassigned" first.
void memberField(Ui& ui, const char* label, const char* field, std::string& member, const FieldErrors& errors,
                 float width);
// A combo of the currencies Recobra knows.
void currencyField(Ui& ui, const char* field, CurrencyCode& currency, float width);

} // namespace recobra::ui
