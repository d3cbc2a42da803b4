#include "ui/screens/debtor_plans.hpp"

#include "core/state/plans.hpp"
#include "ui/forms/form.hpp"
#include "ui/screens/claim_view.hpp"
#include "ui/widgets.hpp"

namespace recobra::ui {

namespace {

// The colours of the app's pills: paid green, running blue, late amber, missed or broken red.
ImVec4 installmentColor(InstallmentStatus s) {
    const ImVec4 by[] = {colors::textMuted, colors::accent, colors::success, colors::warning, colors::danger};
    return by[static_cast<int>(s)];
}
ImVec4 planColor(PlanStatus s) {
    const ImVec4 by[] = {colors::accent, colors::success, colors::danger, colors::textMuted};
    return by[static_cast<int>(s)];
}
ImVec4 offerColor(OfferStatus s) {
    const ImVec4 by[] = {colors::accent, colors::success, colors::textMuted};
    return by[static_cast<int>(s)];
}

std::string stageName(const Ui& ui, std::optional<Stage> stage) {
    return stage ? recobra::label(*stage, ui.lang) : ui.t(Str::stage_overdue);
}

void wrapped(const std::string& text, ImVec4 color, const std::string& tag) {
    ImGui::PushStyleColor(ImGuiCol_Text, color);
    ImGui::TextWrapped("%s", text.c_str());
    ImGui::PopStyleColor();
    tagLastItem(tag, text);
}

void drawPlan(Ui& ui, Index p, std::size_t n) {
    const State& s = ui.state();
    const PlanState& plan = s.plans[p];
    const PlanProgress progress = planProgress(s, plan, ui.today());
    const std::string tag = "debtor.plan." + std::to_string(n);
    ImGui::PushID(static_cast<int>(p));
    ImGui::Spacing();
    ImGui::Separator();
    ImGui::Spacing();
    ImGui::PushFont(fonts().bold, 0);
    ImGui::TextUnformatted(ui.tf(Str::pui_plan_title, {ui.date(plan.agreedOn)}).c_str());
    ImGui::PopFont();
    ImGui::SameLine();
    pill(recobra::label(progress.status, ui.lang), planColor(progress.status));
    tagLastItem(tag + ".status", recobra::label(progress.status, ui.lang));
    if (!plan.cancelled && !plan.completedOn) {
        ImGui::SameLine();
        if (ImGui::SmallButton(ui.t(Str::pui_act_amend)) && ui.openForm) ui.openForm(planForm(ui, plan.debtor, p));
        tagLastItem(tag + ".amend");
        ImGui::SameLine();
        if (ImGui::SmallButton(ui.t(Str::action_cancel)) && ui.openForm) ui.openForm(cancelPlanForm(ui, p));
        tagLastItem(tag + ".cancel");
    }
    const Money total = plan.total;
    wrapped(ui.tf(Str::pui_plan_paid, {ui.money(Money{progress.paid, total.currency}), ui.money(total),
                                       ui.money(Money{progress.remaining, total.currency})}),
            colors::text, tag + ".paid");
    std::string terms = recobra::label(plan.interest, ui.lang);
    if (plan.interest == PlanInterest::Included) terms += " (" + ui.money(Money{plan.interestAmount, total.currency}) + ")";
    terms = ui.tf(Str::pui_plan_terms, {terms, std::to_string(plan.graceDays)});
    if (plan.acceleration) terms += " · " + std::string(ui.t(Str::pui_plan_accel));
    wrapped(terms, colors::textMuted, tag + ".terms");
    if (progress.brokenOn)
        wrapped(ui.tf(Str::pui_plan_broken, {ui.date(*progress.brokenOn), stageName(ui, plan.stageBefore)}), colors::danger,
                tag + ".broken");
    if (plan.cancelled)
        wrapped(ui.tf(Str::pui_plan_cancelled, {ui.date(plan.cancelledOn), plan.cancelReason}), colors::textMuted,
                tag + ".cancelled");
    if (plan.completedOn) wrapped(ui.tf(Str::pui_plan_done, {ui.date(*plan.completedOn)}), colors::success, tag + ".done");

    if (ImGui::BeginTable("installments", 5, ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerH)) {
        ImGui::TableSetupColumn("#", ImGuiTableColumnFlags_WidthFixed, ui.px(110));
        ImGui::TableSetupColumn(ui.t(Str::field_due_date));
        ImGui::TableSetupColumn(ui.t(Str::field_amount));
        ImGui::TableSetupColumn(ui.t(Str::installment_paid));
        ImGui::TableSetupColumn(ui.t(Str::pui_col_status));
        ImGui::TableHeadersRow();
        std::size_t number = 0;
        for (std::size_t k = 0; k < progress.installments.size(); ++k) {
            const auto& i = progress.installments[k];
            nextRow();
            nextCell();
            if (i.downPayment) ImGui::TextUnformatted(ui.t(Str::pui_down_row));
            else ImGui::Text("%zu", ++number);
            nextCell();
            ImGui::TextUnformatted(ui.date(i.due).c_str());
            nextCell();
            ImGui::TextUnformatted(ui.money(i.amount).c_str());
            nextCell();
            ImGui::TextUnformatted(ui.money(Money{i.paid, i.amount.currency}).c_str());
            nextCell();
            // The next one to pay, while it is not yet late, is marked as such.
            const bool next = progress.next == k && progress.status == PlanStatus::Active &&
                              (i.status == InstallmentStatus::Pending || i.status == InstallmentStatus::PartlyPaid);
            const char* status = next ? ui.t(Str::pui_next) : recobra::label(i.status, ui.lang);
            pill(status, next ? colors::accent : installmentColor(i.status));
            tagLastItem(tag + ".installment." + std::to_string(k), status);
        }
        ImGui::EndTable();
    }
    ImGui::PopID();
}

void drawOffers(Ui& ui, const DebtorState& d) {
    const State& s = ui.state();
    ImGui::Spacing();
    ImGui::Separator();
    ImGui::Spacing();
    ImGui::PushFont(fonts().bold, 0);
    ImGui::TextUnformatted(ui.t(Str::pui_offers));
    ImGui::PopFont();
    if (!ImGui::BeginTable("offers", 5, ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerH)) return;
    ImGui::TableSetupColumn(ui.t(Str::pui_col_kind), ImGuiTableColumnFlags_WidthStretch, 1.5f);
    ImGui::TableSetupColumn(ui.t(Str::pui_col_pay), ImGuiTableColumnFlags_WidthStretch, 1.5f);
    ImGui::TableSetupColumn(ui.t(Str::pui_deadline));
    ImGui::TableSetupColumn(ui.t(Str::pui_col_status));
    ImGui::TableSetupColumn(ui.t(Str::pui_col_forgiven));
    ImGui::TableHeadersRow();
    for (std::size_t n = d.offers.size(); n-- > 0;) {
        const OfferState& offer = s.offers[d.offers[n]];
        const OfferStatus status = offerStatus(offer, ui.today());
        nextRow();
        nextCell();
        std::string kind = recobra::label(offer.kind, ui.lang);
        if (offer.percent > 0) kind += " " + percentText(offer.percent, ui.lang);
        ImGui::TextWrapped("%s", kind.c_str());
        if (!offer.reason.empty() && ImGui::IsItemHovered(ImGuiHoveredFlags_DelayShort))
            ImGui::SetTooltip("%s", offer.reason.c_str());
        nextCell();
        ImGui::TextUnformatted((ui.money(offer.pay) + " / " + ui.money(offer.debt)).c_str());
        nextCell();
        ImGui::TextUnformatted(ui.date(offer.deadline).c_str());
        nextCell();
        pill(recobra::label(status, ui.lang), offerColor(status));
        tagLastItem("debtor.offer." + std::to_string(n), recobra::label(status, ui.lang));
        nextCell();
        ImGui::TextUnformatted(
            offer.acceptedOn ? ui.money(Money{offer.forgiven, offer.pay.currency}).c_str() : ui.t(Str::none_dash));
    }
    ImGui::EndTable();
}

} // namespace

void drawPlans(Ui& ui, Index debtor) {
    const State& s = ui.state();
    const DebtorState& d = s.debtors[debtor];
    if (!activePlan(s, debtor)) {
        if (primaryButton(ui.t(Str::pui_act_plan)) && ui.openForm) ui.openForm(planForm(ui, debtor));
        tagLastItem("debtor.plans.new");
        ImGui::SameLine();
    }
    for (const OfferKind kind : {OfferKind::Discount, OfferKind::Settlement}) {
        const bool discount = kind == OfferKind::Discount;
        if (ImGui::Button(ui.t(discount ? Str::pui_act_discount : Str::pui_act_settlement)) && ui.openForm)
            ui.openForm(offerForm(ui, debtor, kind));
        tagLastItem(discount ? "debtor.plans.discount" : "debtor.plans.settlement");
        ImGui::SameLine();
    }
    ImGui::NewLine();
    ImGui::PushTextWrapPos(0);
    if (d.plans.empty() && d.offers.empty()) mutedText(ui.t(Str::pui_none));
    for (std::size_t n = d.plans.size(); n-- > 0;) drawPlan(ui, d.plans[n], n);
    if (!d.offers.empty()) drawOffers(ui, d);
    ImGui::PopTextWrapPos();
}

void addPlanEntries(const Ui& ui, Index debtor, std::vector<TimelineEntry>& entries) {
    const State& s = ui.state();
    const DebtorState& d = s.debtors[debtor];
    const ImU32 tint = ImGui::ColorConvertFloat4ToU32(stageColor(Stage::PaymentPlan));
    for (Index p : d.plans) {
        const PlanState& plan = s.plans[p];
        for (std::size_t k = 0; k < plan.schedules.size(); ++k) {
            const PlanSchedule& schedule = plan.schedules[k];
            const std::size_t count = schedule.installments.size() - (schedule.downPayment ? 1 : 0);
            std::int64_t sum = 0;
            for (const auto& i : schedule.installments) sum += i.amount.minor;
            const std::string title =
                k == 0 ? ui.tf(Str::pui_tl_agreed, {std::to_string(count), ui.money(plan.total)})
                       : ui.tf(Str::pui_tl_amended, {std::to_string(count), ui.date(schedule.from),
                                                     ui.money(Money{sum, plan.total.currency})});
            entries.push_back({schedule.at, title, schedule.reason, schedule.author, tint, schedule.at});
        }
        if (!plan.cancelled) continue;
        // The plan keeps the day it was cancelled; the stage change it made, the moment and who.
        Timestamp at = plan.cancelledOn.startOfDayUtc();
        std::string author;
        for (Index c : d.stageChanges) {
            const auto& change = s.stageChanges[c];
            if (change.at >= plan.current().at && change.reason == plan.cancelReason && !change.automaticReason) {
                at = change.at;
                author = change.author;
            }
        }
        entries.push_back({at, ui.t(Str::pui_tl_cancelled), plan.cancelReason, author, tint, at});
    }
    for (Index o : d.offers) {
        const OfferState& offer = s.offers[o];
        std::string detail = offer.reason;
        if (offer.acceptedOn)
            detail += (detail.empty() ? "" : " — ") +
                      ui.tf(Str::pui_tl_accepted, {ui.date(*offer.acceptedOn), ui.money(Money{offer.forgiven, offer.pay.currency})});
        entries.push_back({offer.at,
                           ui.tf(Str::pui_tl_offer, {recobra::label(offer.kind, ui.lang), ui.money(offer.pay), ui.date(offer.deadline)}),
                           detail, offer.author, ImGui::ColorConvertFloat4ToU32(colors::accent), offer.at});
    }
}

} // namespace recobra::ui
