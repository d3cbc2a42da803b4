#include "ui/screens/debtor_collection.hpp"

#include "core/rules/agenda.hpp"
#include "core/rules/labels.hpp"
#include "core/rules/segmentation.hpp"
#include "ui/forms/form.hpp"
#include "ui/screens/agenda_screen.hpp"
#include "ui/widgets.hpp"

namespace recobra::ui {

namespace {

ImVec4 segmentColor(Segment segment) {
    switch (segment) {
    case Segment::New: return colors::textMuted;
    case Segment::Punctual: return colors::success;
    case Segment::OccasionalSlip: return colors::accent;
    case Segment::Chronic: return colors::warning;
    case Segment::WontPay: return colors::danger;
    }
    return colors::textMuted;
}

std::string pauseText(const Ui& ui, const PauseState& p) {
    const State& s = ui.state();
    const Date today = ui.today();
    if (p.from > today) return ui.tf(Str::pause_future, {ui.date(p.from), ui.date(p.lastDay()), p.reason});
    if (p.invoice != kNone)
        return ui.tf(Str::pause_invoice_active, {s.invoices[p.invoice].number, ui.date(p.lastDay()), p.reason});
    return ui.tf(Str::pause_active, {ui.date(p.lastDay()), p.reason});
}

class PauseForm final : public Form {
public:
    PauseForm(Ui& ui, Index debtor) : debtor_(debtor) {
        until_ = ui.date(ui.today().addDays(30));
        for (Index i : ui.state().debtors[debtor].invoices)
            if (ui.state().invoices[i].open()) invoices_.push_back(i);
    }
    const char* title(const Ui& ui) const override { return ui.t(Str::form_pause); }
    const char* tag() const override { return "pause"; }

private:
    void fields(Ui& ui) override {
        const float w = width(ui);
        const State& s = ui.state();
        fieldLabel(ui.t(Str::field_pause_scope));
        ImGui::SetNextItemWidth(w);
        auto scopeName = [&](int k) {
            return k < 0 ? std::string(ui.t(Str::pause_scope_all))
                         : ui.tf(Str::pause_scope_invoice, {s.invoices[invoices_[static_cast<std::size_t>(k)]].number});
        };
        if (ImGui::BeginCombo("##scope", scopeName(scope_).c_str())) {
            for (int k = -1; k < static_cast<int>(invoices_.size()); ++k) {
                if (ImGui::Selectable(scopeName(k).c_str(), k == scope_)) scope_ = k;
                tagLastItem(tagFor("scope") + "." + std::to_string(k + 1));
            }
            ImGui::EndCombo();
        }
        tagLastItem(tagFor("scope"));
        fieldError(errors_, "invoice");
        textField(ui, ui.t(Str::field_pause_until), "until", until_, errors_, w / 2, ui.t(Str::date_hint));
        multilineField(ui, ui.t(Str::field_pause_reason), "reason", reason_, errors_, w, ui.px(70));
    }
    std::optional<Command> command(Ui& ui) override {
        const auto until = readDate(ui, until_, "until");
        PauseSet c;
        c.debtor = ui.state().debtors[debtor_].id;
        c.reason = reason_;
        c.until = until.value_or(ui.today()); // unread: its error is in errors_
        if (scope_ >= 0) c.invoice = ui.state().invoices[invoices_[static_cast<std::size_t>(scope_)]].id;
        return c;
    }
    Index debtor_;
    std::vector<Index> invoices_;
    int scope_ = -1;
    std::string until_, reason_;
};

class ResumeForm final : public Form {
public:
    ResumeForm(Ui& ui, Index pause) : pause_(ui.state().pauses[pause].id), text_(pauseText(ui, ui.state().pauses[pause])) {}
    const char* title(const Ui& ui) const override { return ui.t(Str::form_resume); }
    const char* tag() const override { return "resume"; }

private:
    void fields(Ui& ui) override {
        const float w = width(ui);
        ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + w);
        mutedText(text_);
        ImGui::PopTextWrapPos();
        multilineField(ui, ui.t(Str::field_resume_reason), "reason", reason_, errors_, w, ui.px(70));
        fieldError(errors_, "pause");
    }
    std::optional<Command> command(Ui&) override {
        PauseLifted c;
        c.pause = pause_;
        c.reason = reason_;
        return c;
    }
    std::string pause_, text_, reason_;
};

} // namespace

std::shared_ptr<Form> pauseForm(Ui& ui, Index debtor) { return std::make_shared<PauseForm>(ui, debtor); }
std::shared_ptr<Form> resumeForm(Ui& ui, Index pause) { return std::make_shared<ResumeForm>(ui, pause); }

void drawCollectionCard(Ui& ui, Index debtor) {
    const State& s = ui.state();
    const DebtorState& d = s.debtors[debtor];
    const Date today = ui.today();
    if (beginCard("##collection", ImVec2(0, 0))) {
        heading(ui.t(Str::debtor_collection), 17);
        const SegmentResult segment = classifyDebtor(s, debtor, today);
        mutedText(ui.t(Str::debtor_segment));
        pill(recobra::label(segment.segment, ui.lang), segmentColor(segment.segment));
        tagLastItem("debtor.segment");
        ImGui::PushTextWrapPos(0);
        ImGui::PushStyleColor(ImGuiCol_Text, colors::textMuted);
        ImGui::TextWrapped("%s", ui.tf(Str::debtor_segment_why, {segmentExplanation(segment, ui.lang)}).c_str());
        ImGui::PopStyleColor();
        tagLastItem("debtor.segment.why");

        // Pauses still ahead or running; those over are in the timeline.
        bool anyPause = false;
        for (Index p : d.pauses) {
            const auto& pause = s.pauses[p];
            if (pause.lifted || pause.lastDay() < today) continue;
            if (!anyPause) {
                ImGui::Spacing();
                mutedText(ui.t(Str::debtor_pauses));
                anyPause = true;
            }
            ImGui::PushID(static_cast<int>(p));
            ImGui::TextWrapped("%s", pauseText(ui, pause).c_str());
            tagLastItem("debtor.pause.text." + std::to_string(p));
            if (ImGui::SmallButton(ui.t(Str::act_resume)) && ui.openForm) ui.openForm(resumeForm(ui, p));
            tagLastItem("debtor.pause.lift." + pause.id);
            ImGui::PopID();
        }
        ImGui::Spacing();
        if (ImGui::Button(ui.t(Str::act_pause)) && ui.openForm) ui.openForm(pauseForm(ui, debtor));
        tagLastItem("debtor.pause");

        ImGui::Spacing();
        mutedText(ui.t(Str::debtor_agenda_today));
        const auto items = debtorAgenda(s, effectivePolicy(s), debtor, today);
        if (items.empty()) ImGui::TextWrapped("%s", ui.t(Str::debtor_agenda_none));
        for (std::size_t i = 0; i < items.size(); ++i) {
            const auto& item = items[i];
            ImGui::PushID(static_cast<int>(i));
            ImGui::Separator();
            pill(recobra::label(item.kind, ui.lang), priorityColor(item.priority));
            ImGui::TextWrapped("%s", agendaReason(s, item, ui.lang).c_str());
            tagLastItem("debtor.agenda." + std::to_string(i));
            if (item.step && !item.step->templateName.empty()) {
                if (ImGui::SmallButton(ui.t(Str::lui_prepare)) && ui.openLetter)
                    ui.openLetter(debtor, item.step->templateName, item.step->channel);
                tagLastItem("debtor.agenda." + std::to_string(i) + ".letter");
                ImGui::SameLine();
            }
            if (ImGui::SmallButton(ui.t(Str::agenda_done)) && ui.openForm) ui.openForm(agendaDoneForm(ui, item));
            tagLastItem("debtor.agenda." + std::to_string(i) + ".done");
            ImGui::SameLine();
            if (ImGui::SmallButton(ui.t(Str::agenda_snooze)) && ui.openForm) ui.openForm(agendaSnoozeForm(ui, item));
            tagLastItem("debtor.agenda." + std::to_string(i) + ".snooze");
            ImGui::PopID();
        }
        ImGui::PopTextWrapPos();
    }
    endCard();
}

} // namespace recobra::ui
