#include "ui/screens/claim_view.hpp"

#include "ui/forms/form.hpp"
#include "ui/widgets.hpp"

namespace recobra::ui {

namespace {

std::string termText(const Ui& ui, PrescriptionTerm term) {
    return ui.t(term == PrescriptionTerm::ThreeYears ? Str::term_three_years : Str::term_five_years);
}

void wrapped(const std::string& text) {
    ImGui::PushTextWrapPos(0);
    ImGui::TextUnformatted(text.c_str());
    ImGui::PopTextWrapPos();
}

// A line of the court route: a mark and the sentence with its article.
void routeLine(const std::string& text, ImVec4 mark) {
    const float h = ImGui::GetTextLineHeight();
    const ImVec2 at = ImGui::GetCursorScreenPos();
    ImGui::GetWindowDrawList()->AddCircleFilled(ImVec2(at.x + h * 0.4f, at.y + h * 0.5f), h * 0.22f,
                                                ImGui::GetColorU32(mark));
    ImGui::Dummy(ImVec2(h * 0.8f, h));
    ImGui::SameLine();
    wrapped(text);
}

} // namespace

const DebtorClaim& ClaimCache::get(const Ui& ui, Index debtor) {
    const State& s = ui.state();
    const DebtorState& d = s.debtors[debtor];
    const Date today = ui.today();
    if (!tables_ || lawRevision_ != s.law.revision) {
        tables_ = std::make_unique<LawTables>(s.law);
        lawRevision_ = s.law.revision;
        version_ = 0xFFFFFFFFu;
    }
    if (debtorId_ != d.id || version_ != d.version || !(day_ == today)) {
        claim_ = claimFor(s, *tables_, debtor, today);
        debtorId_ = d.id;
        version_ = d.version;
        day_ = today;
    }
    return claim_;
}

std::string prescriptionStepText(const Ui& ui, const PrescriptionStep& step, const LawTables& tables,
                                 PrescriptionTerm term) {
    const std::string on = ui.date(step.on), deadline = ui.date(step.deadline);
    switch (step.kind) {
    case PrescriptionStepKind::Due: return ui.tf(Str::law_step_due, {on, termText(ui, term), deadline});
    case PrescriptionStepKind::Transitional: return ui.tf(Str::law_step_transitional, {on, deadline});
    case PrescriptionStepKind::FormalClaim: return ui.tf(Str::law_step_formal_claim, {on, deadline});
    case PrescriptionStepKind::Acknowledgement: return ui.tf(Str::law_step_acknowledgement, {on, deadline});
    case PrescriptionStepKind::Promise: return ui.tf(Str::law_step_promise, {on, deadline});
    case PrescriptionStepKind::Payment: return ui.tf(Str::law_step_payment, {on, deadline});
    case PrescriptionStepKind::CourtClaim: return ui.tf(Str::law_step_court_claim, {on, deadline});
    case PrescriptionStepKind::Suspended: {
        std::string source = step.suspension;
        for (const auto& s : tables.suspensions())
            if (s.id == step.suspension && !s.source.empty()) source = s.source;
        return ui.tf(Str::law_step_suspended, {on, deadline, std::to_string(step.days), source});
    }
    }
    return {};
}

std::string percentText(std::int64_t basisPoints, Lang lang) {
    return formatAmount(euros(basisPoints), lang) + (lang == Lang::es ? " %" : "%");
}

std::string deadlineText(const Ui& ui, Date deadline, std::int32_t daysLeft) {
    if (daysLeft < 0) return ui.date(deadline) + " · " + ui.t(Str::law_prescribed);
    return ui.date(deadline) + " (" +
           (daysLeft == 1 ? std::string(ui.t(Str::day_1)) : ui.tf(Str::days_n, {formatCount(daysLeft, ui.lang)})) + ")";
}

void interestTooltip(const Ui& ui, const InvoiceInterest& in, const LawTables&) {
    ImGui::PushTextWrapPos(ui.px(460));
    ImGui::TextUnformatted(recobra::label(in.kind, ui.lang));
    if (in.notComputed) mutedText(ui.t(*in.notComputed));
    if (in.claimedOn) mutedText(ui.tf(Str::law_from_claim, {ui.date(*in.claimedOn)}));
    for (const auto& r : in.rows)
        ImGui::TextUnformatted(ui.tf(Str::law_row, {r.period, formatCount(r.days, ui.lang), ui.money(euros(r.base)),
                                                    percentText(r.basisPoints, ui.lang), ui.money(euros(r.amount))})
                                   .c_str());
    for (const auto& period : in.missingPeriods) {
        ImGui::PushStyleColor(ImGuiCol_Text, colors::warning);
        ImGui::TextUnformatted(ui.tf(Str::law_incomplete, {period}).c_str());
        ImGui::PopStyleColor();
    }
    if (!in.rows.empty()) mutedText(ui.t(Str::law_rows_note));
    ImGui::PopTextWrapPos();
}

void prescriptionTooltip(const Ui& ui, const Prescription& p, const LawTables& tables) {
    ImGui::PushTextWrapPos(ui.px(520));
    for (const auto& step : p.steps) ImGui::BulletText("%s", prescriptionStepText(ui, step, tables, p.term).c_str());
    ImGui::PopTextWrapPos();
}

void drawClaim(Ui& ui, Index debtor, ClaimCache& cache) {
    const State& s = ui.state();
    const DebtorClaim& claim = cache.get(ui, debtor);
    const Date today = ui.today();

    // What may be claimed, per currency.
    if (ImGui::BeginTable("claim-totals", 2, ImGuiTableFlags_SizingStretchProp)) {
        auto row = [&](Str label, const MoneyBag& amount, const char* tag, bool bold = false) {
            nextRow();
            nextCell();
            ImGui::TextUnformatted(ui.t(label));
            nextCell();
            if (bold) ImGui::PushFont(fonts().bold, 0);
            const std::string text = ui.money(amount);
            textRightAligned(text);
            if (bold) ImGui::PopFont();
            tagLastItem(std::string("claim.") + tag, text);
        };
        row(Str::claim_principal, claim.principal, "principal");
        row(Str::claim_interest, claim.interest, "interest");
        row(Str::claim_compensation, claim.compensation, "compensation");
        row(Str::claim_total, claim.claimable, "total", true);
        if (!claim.prescribed.isZero()) row(Str::claim_prescribed_total, claim.prescribed, "prescribed");
        ImGui::EndTable();
    }
    if (claim.incomplete) {
        ImGui::PushStyleColor(ImGuiCol_Text, colors::warning);
        for (const auto& c : claim.invoices)
            for (const auto& period : c.interest.missingPeriods) {
                wrapped(ui.tf(Str::law_incomplete, {period}));
                break;
            }
        ImGui::PopStyleColor();
    }
    if (claim.invoices.empty()) mutedText(ui.t(Str::claim_nothing));

    // By invoice.
    if (!claim.invoices.empty()) {
        ImGui::Spacing();
        heading(ui.t(Str::claim_invoices), 17);
        const ImGuiTableFlags flags =
            ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerH | ImGuiTableFlags_SizingStretchProp;
        if (ImGui::BeginTable("claim-invoices", 5, flags)) {
            ImGui::TableSetupColumn(ui.t(Str::field_invoice_number));
            ImGui::TableSetupColumn(ui.t(Str::claim_principal));
            ImGui::TableSetupColumn(ui.t(Str::col_interest));
            ImGui::TableSetupColumn("40 €");
            ImGui::TableSetupColumn(ui.t(Str::col_prescribes));
            ImGui::TableHeadersRow();
            for (std::size_t k = 0; k < claim.invoices.size(); ++k) {
                const auto& c = claim.invoices[k];
                const auto& inv = s.invoices[c.invoice];
                nextRow();
                nextCell();
                ImGui::TextUnformatted(inv.number.c_str());
                nextCell();
                textRightAligned(ui.money(Money{c.principal, inv.amount.currency}));
                nextCell();
                std::string interest = c.interest.kind == InterestKind::None || c.interest.notComputed
                                           ? std::string(ui.t(Str::none_dash))
                                           : ui.money(Money{c.interest.amount, inv.amount.currency});
                if (c.interest.incomplete()) interest += " *";
                textRightAligned(interest);
                tagLastItem("claim.invoice." + std::to_string(k) + ".interest", interest);
                if (ImGui::IsItemHovered(ImGuiHoveredFlags_DelayShort) && ImGui::BeginTooltip()) {
                    interestTooltip(ui, c.interest, cache.tables());
                    ImGui::EndTooltip();
                }
                nextCell();
                textRightAligned(c.compensation ? ui.money(euros(c.compensation)) : ui.t(Str::none_dash));
                nextCell();
                const std::string deadline = deadlineText(ui, c.prescription.deadline, c.daysLeft);
                ImGui::PushStyleColor(ImGuiCol_Text, c.prescribed || c.daysLeft <= 30 ? colors::danger
                                                     : c.daysLeft <= 90             ? colors::warning
                                                                                    : colors::text);
                ImGui::TextUnformatted(deadline.c_str());
                ImGui::PopStyleColor();
                tagLastItem("claim.invoice." + std::to_string(k) + ".prescription", deadline);
                if (ImGui::IsItemHovered(ImGuiHoveredFlags_DelayShort) && ImGui::BeginTooltip()) {
                    prescriptionTooltip(ui, c.prescription, cache.tables());
                    ImGui::EndTooltip();
                }
            }
            ImGui::EndTable();
        }
    }

    // The court route, each line with its article.
    ImGui::Spacing();
    heading(ui.t(Str::claim_route), 17);
    const CourtRoute route = courtRoute(s, claim);
    if (route.monitorioFits) {
        routeLine(ui.t(Str::route_monitorio), colors::success);
        routeLine(ui.t(Str::route_petition), colors::success);
        routeLine(ui.t(route.lawyerIfOpposed ? Str::route_lawyer : Str::route_no_lawyer),
                  route.lawyerIfOpposed ? colors::warning : colors::success);
        routeLine(ui.t(route.ordinaryIfOpposed ? Str::route_ordinary : Str::route_verbal), colors::textMuted);
    } else {
        routeLine(ui.t(Str::route_no_monitorio), colors::textMuted);
    }
    const std::string why = mascExplanation(route.masc, ui.lang);
    const ImVec4 mascColor = route.masc.status == MascStatus::Met    ? colors::success
                             : route.masc.status == MascStatus::Weak ? colors::warning
                                                                     : colors::danger;
    routeLine(ui.tf(Str::route_masc, {std::string(recobra::label(route.masc.status, ui.lang)) + " — " + why}),
              mascColor);
    tagLastItem("claim.masc", enumName(route.masc.status));
    if (route.deadline)
        routeLine(ui.tf(Str::route_deadline, {ui.date(*route.deadline),
                                              formatCount(daysBetween(today, *route.deadline), ui.lang)}),
                  daysBetween(today, *route.deadline) <= 90 ? colors::danger : colors::textMuted);

    ImGui::Spacing();
    if (ImGui::Button(ui.t(Str::act_attach_proof)) && ui.openForm) ui.openForm(proofForm(ui, debtor));
    tagLastItem("claim.attachProof");
    ImGui::SameLine();
    if (ImGui::Button(ui.t(Str::act_close_charges)) && ui.openForm) ui.openForm(chargesForm(ui, debtor));
    tagLastItem("claim.closeCharges");
    ImGui::SameLine();
    if (ImGui::Button(ui.t(Str::act_prescription_term)) && ui.openForm) ui.openForm(termForm(ui, debtor));
    tagLastItem("claim.term");
}

} // namespace recobra::ui
