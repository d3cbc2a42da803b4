#include "ui/forms/form.hpp"

#include "core/values/text.hpp"

#include <imgui_internal.h>
#include <utility>

namespace recobra::ui {

namespace {
// Enter in a multi-line field starts a new line; anywhere else it submits the form.
bool multilineFieldActive() {
    const ImGuiInputTextState* state = ImGui::GetInputTextState(ImGui::GetActiveID());
    return state && (state->Flags & ImGuiInputTextFlags_Multiline);
}
} // namespace

// --- the form frame -----------------------------------------------------------------------------

void Form::draw(Ui& ui) {
    setTagPrefix(tag());
    if (!generalError_.empty()) {
        errorBanner(generalError_);
        ImGui::Spacing();
    }
    // The Enter that pressed the button opening the form is still down as it first draws: it
    // must not save it at once (from the keyboard, "Log interaction" would log one unseen).
    const bool opening = focusFirst_;
    if (focusFirst_) {
        ImGui::SetKeyboardFocusHere();
        focusFirst_ = false;
    }
    ImGui::BeginDisabled(saving_);
    drawn_.clear();
    recordFields(&drawn_);
    focusFirstError(std::exchange(focusError_, false));
    fields(ui);
    focusFirstError(false);
    recordFields(nullptr);
    ImGui::EndDisabled();

    ImGui::Spacing();
    ImGui::Separator();
    ImGui::Spacing();
    const float buttonWidth = ui.px(130);
    ImGui::SetCursorPosX(ImGui::GetCursorPosX() + width(ui) - buttonWidth * 2 - ImGui::GetStyle().ItemSpacing.x);
    const bool cancel = ImGui::Button(ui.t(Str::action_cancel), ImVec2(buttonWidth, 0));
    tagLastItem(tagFor("cancel"));
    ImGui::SameLine();
    ImGui::BeginDisabled(saving_);
    const bool save = primaryButton(saving_ ? ui.t(Str::saving_wait) : ui.t(Str::action_save), ImVec2(buttonWidth, 0));
    ImGui::EndDisabled();
    tagLastItem(tagFor("submit"));

    // Keys count only when the form itself has focus, not an open combo list.
    const bool focused = ImGui::IsWindowFocused(ImGuiFocusedFlags_ChildWindows | ImGuiFocusedFlags_NoPopupHierarchy);
    const bool enter = focused && !opening && !multilineFieldActive() &&
                       (ImGui::IsKeyPressed(ImGuiKey_Enter, false) || ImGui::IsKeyPressed(ImGuiKey_KeypadEnter, false));
    const bool escape = focused && ImGui::IsKeyPressed(ImGuiKey_Escape, false);
    if (cancel || (escape && !saving_)) finished_ = !saving_;
    else if ((save || enter) && !saving_) submit(ui);
}

void Form::submit(Ui& ui) {
    errors_.clear();
    generalError_.clear();
    ignored_.clear();
    auto built = command(ui);
    // Every problem at once: what the form could not read, and what the core finds in the rest.
    const std::vector<Problem> problems = built ? ui.problems(*built) : std::vector<Problem>();
    for (const auto& p : problems) show(ui, p);
    // Nothing to show beside a field (a stand-in's problem alone): the first problem, above.
    if (!problems.empty() && errors_.empty() && generalError_.empty()) generalError_ = problems.front().reason(ui.lang);
    if (!built || !errors_.empty() || !generalError_.empty()) {
        focusError_ = true;
        return;
    }
    saving_ = true;
    std::weak_ptr<Form> self = shared_from_this();
    ui.submit(std::move(*built), [self, &ui](const CommandOutcome& outcome) {
        auto form = self.lock();
        if (!form) return;
        form->saving_ = false;
        if (outcome.ok) {
            form->finished_ = true;
            form->succeeded(ui, outcome);
            return;
        }
        if (!outcome.problem) return;
        // Refused after all (another tab changed the data meanwhile, storage failed): said.
        form->ignored_.clear();
        form->show(ui, *outcome.problem);
        form->focusError_ = true;
    });
}

void Form::show(Ui& ui, const Problem& p) {
    if (!p.field.empty() && p.file.empty() && drawn_.count(p.field)) {
        if (!ignored_.count(p.field)) errors_.emplace(p.field, p.reason(ui.lang)); // the form's own error first
    } else if (generalError_.empty()) {
        generalError_ = p.file.empty() ? p.reason(ui.lang) : p.describe(ui.lang);
    }
}

void Form::succeeded(Ui& ui, const CommandOutcome&) {
    if (ui.toast) ui.toast(ui.t(Str::toast_saved), ToastKind::Success);
}

std::optional<std::int64_t> Form::readAmount(Ui& ui, const std::string& text, CurrencyCode currency,
                                             const char* field, bool required) {
    const auto parsed = parseAmount(text, ui.lang, currency);
    if (parsed.minor) return parsed.minor;
    if (!required && parsed.error == AmountError::Empty) return std::nullopt;
    Str reason = Str::err_amount_format;
    switch (parsed.error) {
    case AmountError::Empty: reason = Str::err_required; break;
    case AmountError::NotANumber: reason = Str::err_amount_format; break;
    case AmountError::BadGrouping: reason = Str::err_amount_grouping; break;
    case AmountError::WrongDecimalMark: reason = Str::err_amount_decimal_mark; break;
    case AmountError::TooManyDecimals: reason = Str::err_amount_decimals; break;
    case AmountError::TooLarge: reason = Str::err_amount_too_large; break;
    }
    errors_[field] = ui.t(reason);
    return std::nullopt;
}

std::optional<Date> Form::readDate(Ui& ui, const std::string& text, const char* field) {
    if (auto d = parseDate(text, ui.lang)) return d;
    errors_[field] = text.empty() ? ui.t(Str::err_required) : problem(Str::err_date_invalid, "", {text}).reason(ui.lang);
    return std::nullopt;
}

std::vector<std::string> splitTags(const std::string& text) {
    std::vector<std::string> tags;
    std::string current;
    for (char c : text) {
        if (c == ',') {
            tags.push_back(current);
            current.clear();
        } else {
            current.push_back(c);
        }
    }
    tags.push_back(current);
    std::vector<std::string> out;
    for (const auto& t : tags)
        if (const auto kept = trim(t); !kept.empty()) out.emplace_back(kept);
    return out;
}

} // namespace recobra::ui
