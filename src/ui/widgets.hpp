#pragma once
// The building blocks every screen uses: labelled fields that show their error beneath,
// combo boxes for enumerations, pills, cards and figures. Each input is tagged for
// window.recobra.locate() as "<form>.<field>" so tests can click the real widget.
#include "core/rules/labels.hpp"
#include "ui/ui.hpp"
#include "ui/locator.hpp"
#include "ui/mirror.hpp"
#include "ui/theme.hpp"

#include <imgui.h>
#include <map>
#include <set>
#include <string>
#include <vector>

namespace recobra::ui {

using FieldErrors = std::map<std::string, std::string>; // field -> message

// The tag prefix of the form being drawn ("form" unless set), for locate ids.
void setTagPrefix(const char* prefix);
std::string tagFor(const char* field);

void fieldLabel(const char* label);
// Starts the next group of a row of fields: labels line up at the top (ImGui would
// otherwise align them to the previous group's input box). With a `width`, the group goes on
// the next line when that much does not fit beside (wrapBeside).
void nextFieldColumn(float width = 0);
// The error of `field`, if any, in red beneath what was just drawn (its input), as wide as that.
// `input`: what was just drawn is the field's text input. After a refused save the first error
// drawn is scrolled into view, and its input focused (focusFirstError).
void fieldError(const FieldErrors& errors, const char* field, bool input = false);
// A form asks for that while it draws the frame after a refused save (Form::draw).
void focusFirstError(bool on);
// While set, every field whose error has a place on screen (fieldError) is recorded in `into`:
// a form knows where it can show a problem beside its field.
void recordFields(std::set<std::string>* into);

bool textField(Ui& ui, const char* label, const char* field, std::string& value, const FieldErrors& errors,
               float width, const char* hint = nullptr);
bool multilineField(Ui& ui, const char* label, const char* field, std::string& value, const FieldErrors& errors,
                    float width, float height);
bool checkField(const char* label, const char* field, bool& value);

// A combo over the values of an enumeration, labelled in the UI language.
template <class E>
bool enumField(Ui& ui, const char* label, const char* field, E& value, const FieldErrors& errors, float width,
               const std::vector<E>& choices = {}) {
    fieldLabel(label);
    ImGui::SetNextItemWidth(width);
    bool changed = false;
    const std::string id = std::string("##") + field;
    if (ImGui::BeginCombo(id.c_str(), recobra::label(value, ui.lang))) {
        auto offer = [&](E option) {
            if (ImGui::Selectable(recobra::label(option, ui.lang), option == value)) {
                value = option;
                changed = true;
            }
            if (option == value) mirror::current();
            tagLastItem(tagFor(field) + "." + enumName(option));
        };
        if (choices.empty())
            for (const auto& [option, name] : EnumTable<E>::values) offer(option);
        else
            for (E option : choices) offer(option);
        ImGui::EndCombo();
    }
    tagLastItem(tagFor(field));
    fieldError(errors, field);
    return changed;
}

// A table's cells and rows go through these, not ImGui's own: the screen-reader mirror
// gives the text drawn so far to the cell it was drawn in before the table moves on.
bool nextCell();
bool cell(int column);
void nextRow(ImGuiTableRowFlags flags = 0, float minHeight = 0);

ImVec4 stageColor(Stage stage);
ImVec4 promiseColor(PromiseStatus status);
ImVec4 invoiceStatusColor(InvoiceStatus status);
// Days overdue in a colour that grows more urgent with age.
ImVec4 overdueColor(int days);

// A rounded label with a soft background in `color`.
void pill(const char* text, ImVec4 color);

// A white rounded panel; returns whether it is visible. Always call endCard().
bool beginCard(const char* id, ImVec2 size, float padding = 16);

// A modal dialog in the app's style: centred, padded, rounded, no title bar, not movable.
// The first call opens it (`opened` remembers that). A `size` with a width is kept every
// frame (a height of 0 fits the contents); without one the dialog fits its contents, within
// `maxSize` when given. True while it shows: draw it, then endDialog(). False once closed.
bool beginDialog(const char* id, bool& opened, ImVec2 size = {}, ImVec2 maxSize = {});
void endDialog();
void endCard();

// A headline figure: a small muted label over a large value. A value too wide for `room`
// (amounts in several currencies) takes a line per amount, then a smaller size (down to
// 60 %): it is never cut. `height` is what the label and value take.
struct FigureLayout {
    std::vector<std::string> lines;
    float size = 24;
    float height = 0;
};
FigureLayout layoutFigure(const std::string& value, float room, float valueSize = 24);
void figure(const char* labelText, const std::string& value, ImVec4 color = colors::text, float valueSize = 24);
void figure(const char* labelText, const FigureLayout& layout, ImVec4 color = colors::text);

void mutedText(const std::string& text);
void textRightAligned(const std::string& text); // clippedText, right-aligned in what is left
void errorBanner(const std::string& text);

// Keeps `text` on one line, cutting it with "…" to fit `width`.
std::string fitText(const std::string& text, float width);
// `text` on one line within `width` (what is left of the line when 0; in a table's column
// sized to its content, what the text needs): cut with "…" when it does not fit, and then
// shown whole on hover. Right-aligned in that width when asked.
void clippedText(const std::string& text, float width = 0, bool right = false);
// Before each item of a row that wraps, after the first: beside the one before when `width`
// fits, else at the start of the next line.
void wrapBeside(float width);
// How wide a button with this label is drawn.
float buttonWidth(const char* label);

} // namespace recobra::ui
