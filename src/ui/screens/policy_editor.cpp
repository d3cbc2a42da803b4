#include "ui/screens/policy_editor.hpp"

#include "core/letters/templates.hpp"
#include "core/model/policy.hpp"
#include "core/rules/labels.hpp"
#include "ui/forms/form.hpp"
#include "ui/widgets.hpp"

#include <algorithm>
#include <charconv>
#include <imgui_stdlib.h>

namespace recobra::ui {

namespace {

std::string ladderText(const Ui& ui, const std::vector<LadderStep>& steps) {
    if (steps.empty()) return ui.t(Str::policy_no_steps);
    std::string out;
    for (const auto& step : steps) {
        if (!out.empty()) out += "  ·  ";
        out += formatCount(step.day, ui.lang) + ": " + recobra::label(step.action, ui.lang);
    }
    return out;
}

std::optional<std::int64_t> wholeNumber(const std::string& text) {
    std::int64_t value = 0;
    const char* begin = text.data();
    const char* end = text.data() + text.size();
    while (begin < end && *begin == ' ') ++begin;
    while (end > begin && end[-1] == ' ') --end;
    const auto [ptr, ec] = std::from_chars(begin, end, value);
    if (ec != std::errc{} || ptr != end || begin == end) return std::nullopt;
    return value;
}

// The form edits text; the policy is built from it when saved.
struct StepRow {
    std::string day;
    LadderAction action = LadderAction::FriendlyReminder;
    Channel channel = Channel::Email;
    std::string templateName;
};

std::vector<StepRow> rowsOf(const std::vector<LadderStep>& steps) {
    std::vector<StepRow> rows;
    for (const auto& s : steps) rows.push_back({std::to_string(s.day), s.action, s.channel, s.templateName});
    return rows;
}

class PolicyForm final : public Form {
public:
    explicit PolicyForm(Ui& ui) { load(effectivePolicy(ui.state())); }
    const char* title(const Ui& ui) const override { return ui.t(Str::form_policy); }
    const char* tag() const override { return "policy"; }
    float width(const Ui& ui) const override { return ui.px(760); }

private:
    void load(const Policy& p) {
        terms_ = std::to_string(p.paymentTermsDays);
        reminder_ = std::to_string(p.reminderDaysBefore);
        limit_ = std::to_string(p.contactLimit);
        quietStart_ = clockText(p.quietHoursStart);
        quietEnd_ = clockText(p.quietHoursEnd);
        stale_ = std::to_string(p.staleDays);
        staleHandedOver_ = std::to_string(p.staleHandedOverDays);
        ladders_.assign(EnumTable<Segment>::values.size() + 1, {});
        own_.assign(ladders_.size(), false);
        ladders_[0] = rowsOf(p.ladder);
        own_[0] = true;
        for (const auto& l : p.segmentLadders) {
            const auto k = static_cast<std::size_t>(l.segment) + 1;
            ladders_[k] = rowsOf(l.steps);
            own_[k] = true;
        }
    }

    void fields(Ui& ui) override {
        const float w = width(ui);
        const float gap = ImGui::GetStyle().ItemSpacing.x;
        const float quarter = (w - gap * 3) / 4;
        ImGui::BeginGroup();
        textField(ui, ui.t(Str::field_payment_terms), "policy.paymentTermsDays", terms_, errors_, quarter);
        nextFieldColumn();
        textField(ui, ui.t(Str::field_reminder_before), "policy.reminderDaysBefore", reminder_, errors_, quarter);
        nextFieldColumn();
        textField(ui, ui.t(Str::field_stale_days), "policy.staleDays", stale_, errors_, quarter);
        nextFieldColumn();
        textField(ui, ui.t(Str::field_stale_handed_over), "policy.staleHandedOverDays", staleHandedOver_, errors_, quarter);
        ImGui::EndGroup();
        ImGui::BeginGroup();
        textField(ui, ui.t(Str::field_contact_limit), "policy.contactLimit", limit_, errors_, quarter);
        nextFieldColumn();
        textField(ui, ui.t(Str::field_quiet_start), "policy.quietHoursStart", quietStart_, errors_, quarter, "21:00");
        nextFieldColumn();
        textField(ui, ui.t(Str::field_quiet_end), "policy.quietHoursEnd", quietEnd_, errors_, quarter, "09:00");
        ImGui::EndGroup();
        ImGui::Spacing();
        drawLadders(ui, w);
    }

    void drawLadders(Ui& ui, float w) {
        heading(ui.t(Str::policy_ladders), 17);
        fieldLabel(ui.t(Str::policy_ladder_for));
        ImGui::SetNextItemWidth(w / 2);
        auto ladderName = [&](std::size_t k) {
            return k == 0 ? std::string(ui.t(Str::policy_ladder_default))
                          : std::string(recobra::label(EnumTable<Segment>::values[k - 1].first, ui.lang));
        };
        if (ImGui::BeginCombo("##ladder", ladderName(shown_).c_str())) {
            for (std::size_t k = 0; k < ladders_.size(); ++k) {
                if (ImGui::Selectable(ladderName(k).c_str(), k == shown_)) shown_ = k;
                tagLastItem(tagFor("ladder") + "." + (k == 0 ? "default" : EnumTable<Segment>::values[k - 1].second));
            }
            ImGui::EndCombo();
        }
        tagLastItem(tagFor("ladder"));
        const std::string prefix = shown_ == 0 ? std::string("policy.ladder")
                                               : "policy.segmentLadders[" + std::to_string(segmentPosition(shown_)) + "].steps";
        if (shown_ > 0) {
            bool own = own_[shown_];
            if (ImGui::Checkbox(ui.t(Str::policy_own_ladder), &own)) {
                own_[shown_] = own;
                if (own && ladders_[shown_].empty()) ladders_[shown_] = ladders_[0];
            }
            tagLastItem(tagFor("ownLadder"));
            if (!own_[shown_]) {
                mutedText(ui.t(Str::policy_uses_default));
                return;
            }
        }
        auto& rows = ladders_[shown_];
        if (rows.empty()) mutedText(ui.t(Str::policy_no_steps));
        else if (ImGui::BeginTable("steps", 5, ImGuiTableFlags_SizingStretchProp)) {
            ImGui::TableSetupColumn(ui.t(Str::policy_col_day), ImGuiTableColumnFlags_WidthFixed, ui.px(70));
            ImGui::TableSetupColumn(ui.t(Str::policy_col_action), ImGuiTableColumnFlags_WidthStretch, 2.0f);
            ImGui::TableSetupColumn(ui.t(Str::policy_col_channel), ImGuiTableColumnFlags_WidthStretch, 1.3f);
            ImGui::TableSetupColumn(ui.t(Str::policy_col_template), ImGuiTableColumnFlags_WidthStretch, 2.0f);
            ImGui::TableSetupColumn("##remove", ImGuiTableColumnFlags_WidthFixed, ui.px(30));
            ImGui::TableHeadersRow();
            std::optional<std::size_t> remove;
            for (std::size_t i = 0; i < rows.size(); ++i) {
                auto& row = rows[i];
                const std::string at = prefix + "[" + std::to_string(i) + "]";
                ImGui::PushID(static_cast<int>(i));
                nextRow();
                nextCell();
                ImGui::SetNextItemWidth(-1);
                ImGui::InputText("##day", &row.day, ImGuiInputTextFlags_CharsDecimal);
                tagLastItem(tagFor("step") + "." + std::to_string(i) + ".day");
                nextCell();
                ImGui::SetNextItemWidth(-1);
                if (ImGui::BeginCombo("##action", recobra::label(row.action, ui.lang))) {
                    for (const auto& [value, name] : EnumTable<LadderAction>::values)
                        if (ImGui::Selectable(recobra::label(value, ui.lang), value == row.action)) row.action = value;
                    ImGui::EndCombo();
                }
                nextCell();
                ImGui::SetNextItemWidth(-1);
                if (ImGui::BeginCombo("##channel", recobra::label(row.channel, ui.lang))) {
                    for (const auto& [value, name] : EnumTable<Channel>::values)
                        if (ImGui::Selectable(recobra::label(value, ui.lang), value == row.channel)) row.channel = value;
                    ImGui::EndCombo();
                }
                nextCell();
                ImGui::SetNextItemWidth(-1);
                // A template of the letters (docs/letters.md), by its name.
                const std::string shownTemplate =
                    fitText(row.templateName.empty() ? std::string(ui.t(Str::none_dash))
                                                     : templateName(ui.state().letters, row.templateName, ui.lang),
                            ImGui::GetContentRegionAvail().x - ImGui::GetFrameHeight() - ImGui::GetStyle().FramePadding.x * 2);
                if (ImGui::BeginCombo("##template", shownTemplate.c_str())) {
                    if (ImGui::Selectable(ui.t(Str::none_dash), row.templateName.empty())) row.templateName.clear();
                    for (const auto& id : templateIds(ui.state().letters)) {
                        if (ImGui::Selectable(templateName(ui.state().letters, id, ui.lang).c_str(), id == row.templateName))
                            row.templateName = id;
                        tagLastItem(tagFor("step") + "." + std::to_string(i) + ".template." + id);
                    }
                    ImGui::EndCombo();
                }
                tagLastItem(tagFor("step") + "." + std::to_string(i) + ".template");
                nextCell();
                if (ImGui::SmallButton("×")) remove = i;
                tagLastItem(tagFor("step") + "." + std::to_string(i) + ".remove");
                const auto wrong = [&] {
                    for (const char* field : {".day", ".template", ".action"})
                        if (errors_.count(at + field)) return true;
                    return false;
                }();
                if (wrong) { // a row of its own beneath the step, written across the table
                    nextRow();
                    nextCell();
                    const ImDrawList* draw = ImGui::GetWindowDrawList();
                    ImGui::PushClipRect(draw->GetClipRectMin(), ImVec2(ImGui::GetCursorScreenPos().x + w, draw->GetClipRectMax().y),
                                        false);
                }
                for (const char* field : {".day", ".template", ".action"}) fieldError(errors_, (at + field).c_str());
                if (wrong) ImGui::PopClipRect();
                ImGui::PopID();
            }
            ImGui::EndTable();
            if (remove) rows.erase(rows.begin() + static_cast<std::ptrdiff_t>(*remove));
        }
        fieldError(errors_, prefix.c_str());
        if (ImGui::Button(ui.t(Str::policy_add_step))) {
            const std::int64_t last = rows.empty() ? 0 : wholeNumber(rows.back().day).value_or(0);
            rows.push_back({std::to_string(last + 15), LadderAction::FirmLetter, Channel::Letter, ""});
        }
        tagLastItem(tagFor("addStep"));
        ImGui::SameLine();
        if (ImGui::Button(ui.t(Str::policy_restore))) load(defaultPolicy());
        tagLastItem(tagFor("restore"));
    }

    // Where segment ladder k (1-based in ladders_) lands in the command's list.
    std::size_t segmentPosition(std::size_t k) const {
        std::size_t position = 0;
        for (std::size_t j = 1; j < k; ++j) position += own_[j] ? 1 : 0;
        return position;
    }

    // A ladder's steps; false in `read` when a day cannot be read (its row's error is in
    // errors_, and 0 stands in for it: the core's verdict on that day is the row's error).
    std::vector<LadderStep> steps(Ui& ui, std::vector<StepRow>& rows, const std::string& prefix, bool& read) {
        // Sorted by day as the core stores them, so a problem names the row shown.
        std::stable_sort(rows.begin(), rows.end(), [](const StepRow& a, const StepRow& b) {
            return wholeNumber(a.day).value_or(0) < wholeNumber(b.day).value_or(0);
        });
        std::vector<LadderStep> out;
        for (std::size_t i = 0; i < rows.size(); ++i) {
            const auto day = wholeNumber(rows[i].day);
            if (!day) {
                errors_[prefix + "[" + std::to_string(i) + "].day"] = ui.t(Str::err_whole_number);
                read = false;
            }
            out.push_back({rows[i].action, rows[i].channel, day.value_or(0), rows[i].templateName});
        }
        return out;
    }

    std::optional<Command> command(Ui& ui) override {
        Policy p;
        auto number = [&](const std::string& text, const char* field, std::int64_t& out) {
            const auto value = wholeNumber(text);
            if (!value) errors_[field] = ui.t(Str::err_whole_number);
            else out = *value;
        };
        number(terms_, "policy.paymentTermsDays", p.paymentTermsDays);
        number(reminder_, "policy.reminderDaysBefore", p.reminderDaysBefore);
        number(limit_, "policy.contactLimit", p.contactLimit);
        number(stale_, "policy.staleDays", p.staleDays);
        number(staleHandedOver_, "policy.staleHandedOverDays", p.staleHandedOverDays);
        auto clock = [&](const std::string& text, const char* field, std::int64_t& out) {
            const auto value = parseClock(text);
            if (!value) errors_[field] = ui.t(Str::err_clock);
            else out = *value;
        };
        clock(quietStart_, "policy.quietHoursStart", p.quietHoursStart);
        clock(quietEnd_, "policy.quietHoursEnd", p.quietHoursEnd);
        // A value that cannot be read keeps the default as a stand-in (its error is in errors_).
        std::vector<std::size_t> unread; // the ladders with a day that cannot be read
        auto ladder = [&](std::size_t k, const std::string& prefix) {
            bool read = true;
            auto out = steps(ui, ladders_[k], prefix, read);
            if (!read) unread.push_back(k);
            return out;
        };
        p.ladder = ladder(0, "policy.ladder");
        for (std::size_t k = 1; k < ladders_.size(); ++k) {
            if (!own_[k]) continue;
            const std::string prefix = "policy.segmentLadders[" + std::to_string(segmentPosition(k)) + "].steps";
            p.segmentLadders.push_back({EnumTable<Segment>::values[k - 1].first, ladder(k, prefix)});
        }
        // A ladder's errors show with the ladder: the first such is shown unless this one is.
        if (!unread.empty() && std::find(unread.begin(), unread.end(), shown_) == unread.end()) shown_ = unread.front();
        PolicyUpdated c;
        c.policy = std::move(p);
        return c;
    }

    std::string terms_, reminder_, limit_, quietStart_, quietEnd_, stale_, staleHandedOver_;
    std::vector<std::vector<StepRow>> ladders_; // 0: the default; k: segment k - 1
    std::vector<bool> own_;
    std::size_t shown_ = 0;
};

} // namespace

std::shared_ptr<Form> policyForm(Ui& ui) { return std::make_shared<PolicyForm>(ui); }

void drawPolicyCard(Ui& ui) {
    const State& s = ui.state();
    const Policy& p = effectivePolicy(s);
    heading(ui.t(Str::settings_policy), 17);
    ImGui::PushTextWrapPos(0);
    ImGui::TextWrapped("%s", ui.tf(Str::policy_summary, {formatCount(p.paymentTermsDays, ui.lang),
                                                         formatCount(p.reminderDaysBefore, ui.lang),
                                                         formatCount(p.contactLimit, ui.lang),
                                                         clockText(p.quietHoursStart), clockText(p.quietHoursEnd)})
                                 .c_str());
    tagLastItem("settings.policy.summary");
    mutedText(std::string(ui.t(Str::policy_ladder_default)) + ": ");
    ImGui::SameLine(0, 0);
    ImGui::TextWrapped("%s", ladderText(ui, p.ladder).c_str());
    for (const auto& l : p.segmentLadders) {
        mutedText(std::string(recobra::label(l.segment, ui.lang)) + ": ");
        ImGui::SameLine(0, 0);
        ImGui::TextWrapped("%s", ladderText(ui, l.steps).c_str());
    }
    if (s.policy) {
        const auto m = s.policySetBy.empty() ? std::string(ui.t(Str::none_dash)) : s.policySetBy;
        mutedText(ui.tf(Str::policy_set_by, {ui.dateTime(s.policySetAt), m}));
    } else {
        mutedText(ui.t(Str::policy_default_note));
    }
    ImGui::PopTextWrapPos();
    ImGui::Spacing();
    if (ImGui::Button(ui.t(Str::policy_edit)) && ui.openForm) ui.openForm(policyForm(ui));
    tagLastItem("settings.policy.edit");
}

} // namespace recobra::ui
