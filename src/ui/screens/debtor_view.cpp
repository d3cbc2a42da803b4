#include "ui/screens/debtor_view.hpp"

#include "core/codec/event_codec.hpp"
#include "core/exchange/agency/agency.hpp"
#include "core/letters/templates.hpp"
#include "core/state/plans.hpp"
#include "core/state/queries.hpp"
#include "core/values/text.hpp"
#include "ui/forms/form.hpp"
#include "ui/screens/debtor_collection.hpp"
#include "ui/screens/debtor_plans.hpp"
#include "ui/widgets.hpp"

#include <algorithm>

namespace recobra::ui {

namespace {

ImU32 color(ImVec4 c) { return ImGui::ColorConvertFloat4ToU32(c); }

// The 360° view's tables: each column as wide as what it holds (its header included); in a
// narrow window the table scrolls sideways rather than cutting dates and amounts.
constexpr ImGuiTableFlags kListTable =
    ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerH | ImGuiTableFlags_SizingFixedFit | ImGuiTableFlags_ScrollX;

// "Saliente" -> "saliente", to sit inside a sentence; "SMS" and "WhatsApp" stay as they are.
std::string lowerFirst(std::string text) {
    if (text.empty() || text[0] < 'A' || text[0] > 'Z') return text;
    for (std::size_t i = 1; i < text.size(); ++i)
        if (text[i] >= 'A' && text[i] <= 'Z') return text;
    text[0] = static_cast<char>(text[0] - 'A' + 'a');
    return text;
}

std::string join(const std::vector<std::string>& parts, const char* separator) {
    std::string out;
    for (const auto& p : parts) {
        if (p.empty()) continue;
        if (!out.empty()) out += separator;
        out += p;
    }
    return out;
}

} // namespace

std::vector<TimelineEntry> buildTimeline(const Ui& ui, Index debtor) {
    const State& s = ui.state();
    const EventLog& log = ui.session->workspace().log();
    const DebtorState& d = s.debtors[debtor];
    std::vector<TimelineEntry> entries;

    for (Index i : d.invoices) {
        const auto& inv = s.invoices[i];
        entries.push_back({inv.addedAt,
                           ui.tf(Str::tl_invoice, {inv.number, ui.money(inv.amount), ui.date(inv.dueDate)}),
                           inv.description, {}, color(colors::warning), inv.addedAt});
        if (inv.voided)
            entries.push_back({inv.addedAt, ui.tf(Str::tl_invoice_void, {inv.number, inv.voidReason}), {}, {},
                               color(colors::textMuted), inv.addedAt});
    }
    for (Index p : d.payments) {
        const auto& pay = s.payments[p];
        std::vector<std::string> applied;
        for (const auto& a : pay.allocations)
            applied.push_back(s.invoices[a.invoice].number + " " + ui.money(Money{a.amount, pay.amount.currency}));
        std::string detail = applied.empty() ? std::string() : ui.tf(Str::tl_payment_applied, {join(applied, ", ")});
        if (pay.unallocated > 0)
            detail = join({detail, ui.tf(Str::tl_payment_credit, {ui.money(Money{pay.unallocated, pay.amount.currency})})},
                          " · ");
        if (!pay.reference.empty()) detail = join({detail, pay.reference}, " · ");
        entries.push_back({pay.recordedAt,
                           ui.tf(Str::tl_payment, {ui.money(pay.amount), recobra::label(pay.method, ui.lang)}) + " · " +
                               ui.date(pay.date),
                           detail, pay.author, color(colors::success), pay.recordedAt});
    }
    for (Index e : d.interactions) {
        const Event event = log[e];
        const auto& x = std::get<InteractionLogged>(event.payload);
        const std::string channel = recobra::label(x.channel, ui.lang);
        const std::string direction = recobra::label(x.direction, ui.lang);
        // Spanish puts the channel first ("Llamada saliente"), English the direction ("Outbound call").
        const std::string channelDirection = ui.lang == Lang::es ? channel + " " + lowerFirst(direction)
                                                                 : direction + " " + lowerFirst(channel);
        std::vector<std::string> title = {channelDirection, recobra::label(x.outcome, ui.lang)};
        if (x.attitude != Attitude::Unknown) title.push_back(recobra::label(x.attitude, ui.lang));
        if (x.formalClaim) title.push_back(ui.t(Str::tl_formal_claim));
        std::string detail = x.summary;
        if (x.formalClaim || x.acknowledgesDebt)
            for (const auto& act : d.legalActs)
                if (act.interaction == x.interaction && act.proof)
                    detail = join({ui.tf(Str::tl_proof, {recobra::label(*act.proof, ui.lang), ui.date(act.proofReceivedOn)}) +
                                       (act.proofReference.empty() ? "" : " (" + act.proofReference + ")"),
                                   detail},
                                  " — ");
        if (x.letter)
            detail = join({detail, ui.tf(Str::lui_tl_letter, {templateName(s.letters, x.letter->templateId, ui.lang),
                                                              x.letter->sha256}) +
                                       (x.letter->reference.empty() ? "" : " · " + x.letter->reference)},
                          "\n");
        if (x.promise)
            detail = join({ui.tf(Str::tl_promise, {ui.money(x.promise->amount), ui.date(x.promise->dueDate)}), detail},
                          " — ");
        const ImVec4 tint = x.outcome == Outcome::Promise   ? colors::accent
                            : x.outcome == Outcome::Refusal ? colors::danger
                            : x.outcome == Outcome::Dispute ? ImVec4(0.45f, 0.25f, 0.62f, 1)
                                                            : ImVec4(0.16f, 0.50f, 0.73f, 1);
        entries.push_back({x.at, join(title, " · "), detail, event.author, color(tint), event.ts});
    }
    for (Index c : d.stageChanges) {
        const auto& change = s.stageChanges[c];
        const Stage to = change.to ? *change.to : Stage::Overdue;
        const char* stageName = change.to ? recobra::label(to, ui.lang) : ui.t(Str::stage_overdue);
        std::string title = change.automaticReason
                                ? ui.tf(Str::tl_stage_auto, {stageName, ui.t(*change.automaticReason)})
                                : ui.tf(Str::tl_stage, {stageName});
        entries.push_back({change.at, title, change.reason, change.automaticReason ? ui.t(Str::tl_system) : change.author,
                           color(change.to ? stageColor(to) : colors::warning), change.at});
    }
    for (Index p : d.pauses) {
        const auto& pause = s.pauses[p];
        const std::string title =
            pause.invoice == kNone
                ? ui.tf(Str::tl_pause, {ui.date(pause.from), ui.date(pause.until)})
                : ui.tf(Str::tl_pause_invoice, {s.invoices[pause.invoice].number, ui.date(pause.from), ui.date(pause.until)});
        entries.push_back({pause.setAt, title, pause.reason, pause.author, color(colors::textMuted), pause.setAt});
        if (pause.lifted)
            entries.push_back({pause.liftedAt, ui.tf(Str::tl_pause_lifted, {ui.date(pause.liftedOn)}), pause.liftReason,
                               pause.liftedBy, color(colors::textMuted), pause.liftedAt});
    }
    for (Index n : d.notes) {
        const Event event = log[n];
        entries.push_back({event.ts, ui.t(Str::tl_note), std::get<NoteAdded>(event.payload).text, event.author,
                           color(colors::textMuted), event.ts});
    }
    addPlanEntries(ui, debtor, entries);
    // Nothing about a debtor comes before it was registered: added last, it stays below whatever
    // ties with it.
    entries.push_back({d.registeredAt, ui.t(Str::tl_registered), {}, {}, color(colors::textMuted), d.registeredAt});
    // Newest first, to the minute a person gives a time in; within a minute, as recorded: a call
    // logged at 12:30 right after registering the debtor at 12:30:41 is above "Alta del deudor".
    std::stable_sort(entries.begin(), entries.end(), [](const auto& a, const auto& b) {
        const Timestamp ma = a.at / 60000, mb = b.at / 60000;
        return ma != mb ? ma > mb : a.recorded > b.recorded;
    });
    return entries;
}

void DebtorView::open(const std::string& debtorId) {
    debtorId_ = debtorId;
    tab_ = 0;
    timelineVersion_ = 0xFFFFFFFFu;
}

void DebtorView::draw(Ui& ui) {
    setTagPrefix("debtor");
    const auto found = ui.state().debtor(debtorId_);
    if (ImGui::SmallButton(ui.t(Str::action_back)) && ui.showScreen) ui.showScreen(Screen::Debtors);
    tagLastItem("debtor.back");
    if (!found) return;
    drawHeader(ui, *found);
    ImGui::Spacing();

    // The profile and contacts beside the tabs; in a narrow window, a tab of their own.
    const bool narrow = ImGui::GetContentRegionAvail().x < ui.px(800);
    if (!narrow) {
        const float left = std::max(ui.px(300), ImGui::GetContentRegionAvail().x * 0.34f);
        ImGui::BeginChild("##debtor-left", ImVec2(left, 0), ImGuiChildFlags_NavFlattened);
        drawProfile(ui, *found);
        ImGui::EndChild();
        ImGui::SameLine();
    } else if (tab_ == 6) {
        tab_ = 0;
    }
    // In a low window, tall enough to read a tab in: the screen scrolls to it.
    ImGui::BeginChild("##debtor-right", ImVec2(0, std::max(ImGui::GetContentRegionAvail().y, ui.px(360))), ImGuiChildFlags_NavFlattened);
    if (ImGui::BeginTabBar("##debtor-tabs")) {
        const Str tabs[] = {Str::debtor_timeline, Str::debtor_invoices, Str::debtor_payments, Str::debtor_promises,
                            Str::debtor_claim,    Str::pui_tab,           Str::debtor_profile};
        for (int i = 0; i < (narrow ? 7 : 6); ++i) {
            // The same tab stays open when the language changes: its id is its place.
            const std::string label = std::string(ui.t(tabs[i])) + "###tab" + std::to_string(i);
            if (ImGui::BeginTabItem(label.c_str(), nullptr, i == selectTab_ ? ImGuiTabItemFlags_SetSelected : 0)) {
                tab_ = i;
                ImGui::EndTabItem();
            }
            tagLastItem("debtor.tab." + std::to_string(i));
        }
        ImGui::EndTabBar();
    }
    selectTab_ = -1;
    ImGui::BeginChild("##debtor-tab-body", ImVec2(0, 0), ImGuiChildFlags_NavFlattened);
    switch (tab_) {
    case 0: drawTimeline(ui, *found); break;
    case 1: drawInvoices(ui, *found); break;
    case 2: drawPayments(ui, *found); break;
    case 3: drawPromises(ui, *found); break;
    case 5: drawPlans(ui, *found); break;
    case 6: drawProfile(ui, *found); break;
    default: drawClaim(ui, *found, claim_); break;
    }
    ImGui::EndChild();
    ImGui::EndChild();
}

void DebtorView::drawHeader(Ui& ui, Index debtor) {
    const State& s = ui.state();
    const DebtorState& d = s.debtors[debtor];
    const Date today = ui.today();
    heading(d.profile.legalName.c_str(), 26);
    tagLastItem("debtor.name");
    const Stage stage = effectiveStage(d, today);
    pill(recobra::label(stage, ui.lang), stageColor(stage));
    ImGui::SameLine();
    pill(recobra::label(d.profile.kind, ui.lang), colors::textMuted);
    if (!d.profile.tradeName.empty()) {
        wrapBeside(ImGui::CalcTextSize(d.profile.tradeName.c_str()).x);
        mutedText(d.profile.tradeName);
    }
    if (const auto m = s.member(d.assignee)) {
        const std::string who = std::string("· ") + ui.t(Str::col_assignee) + ": " + s.members[*m].name;
        wrapBeside(ImGui::CalcTextSize(who.c_str()).x);
        mutedText(who);
    }

    ImGui::Spacing();
    const int days = daysOverdue(d, today);
    std::size_t pending = 0, broken = 0;
    for (Index p : d.promises) {
        const auto status = promiseStatus(s, s.promises[p], today);
        pending += status == PromiseStatus::Pending;
        broken += status == PromiseStatus::Broken;
    }
    const float cardWidth = ui.px(200);
    bool first = true;
    auto card = [&](const char* id, const char* label, const std::string& value, ImVec4 tint) {
        // Wider when the figure needs it ("2 pendientes · 1 incumplida"), never cut.
        ImGui::PushFont(fonts().bold, 20);
        const float needed = ImGui::CalcTextSize(value.c_str()).x + ui.px(26);
        ImGui::PopFont();
        const float width = std::max(cardWidth, needed);
        if (!first) wrapBeside(width);
        first = false;
        if (beginCard(id, ImVec2(width, 0), 12)) figure(label, value, tint, 20);
        endCard();
        tagLastItem(std::string("debtor.") + (id + 2), value);
    };
    // A closed case owes nothing "pending": what it left unpaid is named for what it is.
    const bool closedUnpaid = isClosed(effectiveStage(d, today)) && d.outstanding.anyPositive();
    card("##outstanding", ui.t(closedUnpaid ? Str::debtor_closed_unpaid : Str::debtor_outstanding), ui.money(d.outstanding),
         closedUnpaid ? colors::textMuted : colors::text);
    const DebtorClaim& claim = claim_.get(ui, debtor);
    card("##claimable", ui.t(Str::debtor_claimable),
         ui.money(claim.claimable) + (claim.incomplete ? " *" : ""), colors::text);
    if (claim.incomplete && ImGui::IsItemHovered(ImGuiHoveredFlags_DelayShort))
        ImGui::SetTooltip("%s", ui.t(Str::law_incomplete_short));
    card("##overdue", ui.t(Str::debtor_overdue_since),
         days > 0 ? (days == 1 ? std::string(ui.t(Str::day_1)) : ui.tf(Str::days_n, {formatCount(days, ui.lang)}))
                  : ui.t(Str::none_dash),
         overdueColor(days));
    card("##promises", ui.t(Str::debtor_promises),
         ui.tf(Str::debtor_promises_summary, {std::to_string(pending), std::to_string(broken)}),
         broken > 0 ? colors::danger : colors::text);
    if (!d.credit.isZero()) card("##credit", ui.t(Str::debtor_credit), ui.money(d.credit), colors::success);

    // The actions of a collector's day, on as many lines as the window needs.
    ImGui::Spacing();
    auto fit = [&](Str label) {
        if (ImGui::GetContentRegionAvail().x < buttonWidth(ui.t(label))) ImGui::NewLine();
    };
    auto action = [&](Str label, const char* tag, bool primary, auto makeForm) {
        fit(label);
        const bool pressed = primary ? primaryButton(ui.t(label)) : ImGui::Button(ui.t(label));
        tagLastItem(std::string("debtor.") + tag);
        if (pressed && ui.openForm) ui.openForm(makeForm(ui, debtor));
        ImGui::SameLine();
    };
    action(Str::act_log_interaction, "logInteraction", true, interactionForm);
    action(Str::act_record_payment, "recordPayment", false, paymentForm);
    // A plan running is shown in its tab (amended or cancelled there); else a new one is built.
    fit(Str::pui_act_plan);
    if (ImGui::Button(ui.t(Str::pui_act_plan))) {
        if (activePlan(s, debtor)) selectTab_ = 5;
        else if (ui.openForm) ui.openForm(planForm(ui, debtor));
    }
    tagLastItem("debtor.plan");
    ImGui::SameLine();
    action(Str::act_add_invoice, "addInvoice", false, invoiceForm);
    action(Str::act_change_stage, "changeStage", false, stageForm);
    action(Str::act_assign, "assign", false, assignForm);
    action(Str::act_add_note, "addNote", false, noteForm);
    action(Str::act_edit_debtor, "edit", false, editDebtorForm);
    fit(Str::lui_letter);
    if (ImGui::Button(ui.t(Str::lui_letter)) && ui.openLetter) ui.openLetter(debtor, {}, std::nullopt);
    tagLastItem("debtor.letter");
    ImGui::SameLine();
    fit(Str::agency_send_button);
    if (ImGui::Button(ui.t(Str::agency_send_button)) && ui.openAgency) ui.openAgency({}, false, d.id);
    tagLastItem("debtor.agency");
    ImGui::SameLine();
    // The case file (docs/letters.md): one page to print with the claim and every letter sent.
    fit(Str::lui_case_file);
    if (ImGui::Button(ui.t(Str::lui_case_file))) {
        AgencyOptions options;
        options.lang = ui.lang;
        options.today = ui.today();
        options.utcOffsetMinutes = ui.host.utcOffsetMinutes();
        options.preparedBy = ui.session->settings().userName;
        ui.host.downloadFile(ui.tf(Str::lui_case_file_name, {options.today.iso(), slugOf(d.profile.legalName, 40)}),
                             "text/html;charset=utf-8", caseFilePage(ui.state(), ui.session->workspace().log(), debtor, options));
    }
    tagLastItem("debtor.caseFile");
    ImGui::SameLine();
    ImGui::NewLine();
}

void DebtorView::drawProfile(Ui& ui, Index debtor) {
    const State& s = ui.state();
    const DebtorState& d = s.debtors[debtor];
    const auto& p = d.profile;
    if (beginCard("##profile", ImVec2(0, 0))) {
        heading(ui.t(Str::debtor_profile), 17);
        auto row = [&](Str label, const std::string& value) {
            if (value.empty()) return;
            mutedText(ui.t(label));
            ImGui::TextWrapped("%s", value.c_str());
        };
        row(Str::field_tax_id, p.taxId);
        row(Str::field_country, p.country);
        row(Str::field_relationship, recobra::label(p.relationship, ui.lang));
        if (p.creditLimit) row(Str::field_credit_limit, ui.money(*p.creditLimit));
        row(Str::field_commercial_refs, p.commercialRefs);
        row(Str::field_bank_refs, p.bankRefs);
        row(Str::debtor_tags, join(p.tags, ", ")); // (the form's label says how to type them)
        row(Str::field_notes, p.notes);
    }
    endCard();
    ImGui::Spacing();
    if (beginCard("##contacts", ImVec2(0, 0))) {
        heading(ui.t(Str::debtor_contacts), 17);
        ImGui::SameLine();
        ImGui::SetCursorPosX(ImGui::GetCursorPosX() + ImGui::GetContentRegionAvail().x -
                             ImGui::CalcTextSize(ui.t(Str::act_add_contact)).x - ImGui::GetStyle().FramePadding.x * 2);
        if (ImGui::SmallButton(ui.t(Str::act_add_contact)) && ui.openForm) ui.openForm(contactForm(ui, debtor));
        tagLastItem("debtor.addContact");
        bool any = false;
        for (Index c : d.contacts) {
            const auto& contact = s.contacts[c];
            if (contact.removed) continue;
            any = true;
            ImGui::Separator();
            // What does not fit the card: the name, the role, a phone or an email cut with "…"
            // (whole on hover), the role and the email on lines of their own, the address wrapped.
            clippedText(contact.info.name);
            ImGui::PushStyleColor(ImGuiCol_Text, colors::textMuted);
            if (!contact.info.role.empty()) {
                wrapBeside(ImGui::CalcTextSize(contact.info.role.c_str()).x);
                clippedText(contact.info.role);
            }
            const std::string channels = join({contact.info.phone, contact.info.email}, "  ·  ");
            if (ImGui::CalcTextSize(channels.c_str()).x <= ImGui::GetContentRegionAvail().x) {
                if (!channels.empty()) ImGui::TextUnformatted(channels.c_str());
            } else {
                for (const std::string* line : {&contact.info.phone, &contact.info.email})
                    if (!line->empty()) clippedText(*line);
            }
            if (!contact.info.address.empty()) ImGui::TextWrapped("%s", contact.info.address.c_str());
            ImGui::PopStyleColor();
        }
        if (!any) mutedText(ui.t(Str::debtor_no_contacts));
    }
    endCard();
    ImGui::Spacing();
    drawCollectionCard(ui, debtor);
}

void DebtorView::drawTimeline(Ui& ui, Index debtor) {
    const DebtorState& d = ui.state().debtors[debtor];
    if (timelineFor_ != d.id || timelineVersion_ != d.version || timelineLang_ != ui.lang) {
        timeline_ = buildTimeline(ui, debtor);
        timelineFor_ = d.id;
        timelineVersion_ = d.version;
        timelineLang_ = ui.lang;
    }
    if (timeline_.size() <= 1) mutedText(ui.t(Str::debtor_timeline_empty));
    ImDrawList* draw = ImGui::GetWindowDrawList();
    const float dot = ui.px(5);
    const float indent = ui.px(24);
    for (std::size_t i = 0; i < timeline_.size(); ++i) {
        const auto& e = timeline_[i];
        const ImVec2 start = ImGui::GetCursorScreenPos();
        draw->AddCircleFilled(ImVec2(start.x + dot + 2, start.y + ImGui::GetTextLineHeight() / 2), dot, e.color);
        ImGui::Indent(indent);
        ImGui::PushTextWrapPos(0);
        ImGui::PushFont(fonts().bold, 0);
        ImGui::TextWrapped("%s", e.title.c_str());
        ImGui::PopFont();
        std::string meta = ui.dateTime(e.at);
        if (!e.author.empty()) meta += "  ·  " + ui.tf(Str::tl_by, {e.author});
        mutedText(meta);
        if (!e.detail.empty()) ImGui::TextWrapped("%s", e.detail.c_str());
        ImGui::PopTextWrapPos();
        ImGui::Unindent(indent);
        if (i < 30) tagLastItem("debtor.timeline." + std::to_string(i));
        ImGui::Spacing();
        ImGui::Spacing();
    }
}

void DebtorView::drawInvoices(Ui& ui, Index debtor) {
    const State& s = ui.state();
    const DebtorState& d = s.debtors[debtor];
    if (d.invoices.empty()) return mutedText(ui.t(Str::debtor_no_invoices));
    if (!ImGui::BeginTable("invoices", 8, kListTable)) return;
    ImGui::TableSetupColumn(ui.t(Str::field_invoice_number)); // the issue date on hover
    ImGui::TableSetupColumn(ui.t(Str::field_due_date));
    ImGui::TableSetupColumn(ui.t(Str::field_amount));
    ImGui::TableSetupColumn(ui.t(Str::col_outstanding));
    ImGui::TableSetupColumn(ui.t(Str::col_days_overdue));
    ImGui::TableSetupColumn(ui.t(Str::col_interest));
    ImGui::TableSetupColumn(ui.t(Str::col_prescribes));
    ImGui::TableSetupColumn(ui.t(Str::col_stage));
    ImGui::TableHeadersRow();
    const Date today = ui.today();
    const DebtorClaim& claim = claim_.get(ui, debtor);
    auto claimOf = [&](Index invoice) -> const InvoiceClaim* {
        for (const auto& c : claim.invoices)
            if (c.invoice == invoice) return &c;
        return nullptr;
    };
    std::size_t row = 0;
    for (Index i : d.invoices) {
        const auto& inv = s.invoices[i];
        nextRow();
        nextCell();
        ImGui::TextUnformatted(inv.number.c_str());
        if (ImGui::IsItemHovered(ImGuiHoveredFlags_DelayShort))
            ImGui::SetTooltip("%s: %s", ui.t(Str::field_issue_date), ui.date(inv.issueDate).c_str());
        nextCell();
        ImGui::TextUnformatted(ui.date(inv.dueDate).c_str());
        nextCell();
        textRightAligned(ui.money(inv.amount));
        nextCell();
        textRightAligned(ui.money(Money{std::max<std::int64_t>(inv.outstanding(), 0), inv.amount.currency}));
        nextCell();
        const int days = daysOverdue(inv, today);
        ImGui::PushStyleColor(ImGuiCol_Text, overdueColor(days));
        textRightAligned(days > 0 ? formatCount(days, ui.lang) : ui.t(Str::none_dash));
        ImGui::PopStyleColor();
        // Interest to date and the prescription deadline (docs/law.md), with their reasons on hover.
        const InvoiceClaim* c = claimOf(i);
        nextCell();
        std::string interest = ui.t(Str::none_dash);
        if (c && c->interest.kind != InterestKind::None && !c->interest.notComputed)
            interest = ui.money(Money{c->interest.amount, inv.amount.currency}) + (c->interest.incomplete() ? " *" : "");
        textRightAligned(interest);
        tagLastItem("debtor.invoice." + std::to_string(row) + ".interest", interest);
        if (c && ImGui::IsItemHovered(ImGuiHoveredFlags_DelayShort) && ImGui::BeginTooltip()) {
            interestTooltip(ui, c->interest, claim_.tables());
            ImGui::EndTooltip();
        }
        nextCell();
        // Every open invoice (not yet due too) and every one in the claim: the day it
        // prescribes and the days left, the reasons on hover.
        std::optional<Prescription> own;
        if (!c && inv.open()) own = prescriptionOf(s, claim_.tables(), i);
        if (const Prescription* p = c ? &c->prescription : own ? &*own : nullptr) {
            const std::int32_t left = daysBetween(today, p->deadline);
            const std::string deadline = ui.date(p->deadline); // the days left on hover
            ImGui::PushStyleColor(ImGuiCol_Text, left <= 30 ? colors::danger : left <= 90 ? colors::warning : colors::text);
            ImGui::TextUnformatted(deadline.c_str());
            ImGui::PopStyleColor();
            tagLastItem("debtor.invoice." + std::to_string(row) + ".prescription", deadline);
            if (ImGui::IsItemHovered(ImGuiHoveredFlags_DelayShort) && ImGui::BeginTooltip()) {
                ImGui::TextUnformatted(deadlineText(ui, p->deadline, left).c_str());
                prescriptionTooltip(ui, *p, claim_.tables());
                ImGui::EndTooltip();
            }
        } else {
            ImGui::TextUnformatted(ui.t(Str::none_dash));
        }
        nextCell();
        pill(recobra::label(inv.status(), ui.lang), invoiceStatusColor(inv.status()));
        ++row;
    }
    ImGui::EndTable();
}

void DebtorView::drawPayments(Ui& ui, Index debtor) {
    const State& s = ui.state();
    const DebtorState& d = s.debtors[debtor];
    if (d.payments.empty()) return mutedText(ui.t(Str::debtor_no_payments));
    if (!ImGui::BeginTable("payments", 5, kListTable)) return;
    ImGui::TableSetupColumn(ui.t(Str::field_payment_date));
    ImGui::TableSetupColumn(ui.t(Str::field_amount));
    ImGui::TableSetupColumn(ui.t(Str::field_method));
    ImGui::TableSetupColumn(ui.t(Str::debtor_invoices));
    ImGui::TableSetupColumn(ui.t(Str::field_reference));
    ImGui::TableHeadersRow();
    for (Index p : d.payments) {
        const auto& pay = s.payments[p];
        nextRow();
        nextCell();
        ImGui::TextUnformatted(ui.date(pay.date).c_str());
        nextCell();
        ImGui::TextUnformatted(ui.money(pay.amount).c_str());
        nextCell();
        ImGui::TextUnformatted(recobra::label(pay.method, ui.lang));
        nextCell();
        std::vector<std::string> applied;
        for (const auto& a : pay.allocations)
            applied.push_back(s.invoices[a.invoice].number + " (" + ui.money(Money{a.amount, pay.amount.currency}) + ")");
        if (pay.unallocated > 0)
            applied.push_back(ui.tf(Str::tl_payment_credit, {ui.money(Money{pay.unallocated, pay.amount.currency})}));
        clippedText(join(applied, ", "), ui.px(360));
        nextCell();
        clippedText(pay.reference, ui.px(240));
    }
    ImGui::EndTable();
}

void DebtorView::drawPromises(Ui& ui, Index debtor) {
    const State& s = ui.state();
    const DebtorState& d = s.debtors[debtor];
    if (d.promises.empty()) return mutedText(ui.t(Str::debtor_no_promises));
    if (!ImGui::BeginTable("promises", 4, kListTable)) return;
    ImGui::TableSetupColumn(ui.t(Str::field_when));
    ImGui::TableSetupColumn(ui.t(Str::field_promise_amount));
    ImGui::TableSetupColumn(ui.t(Str::field_promise_date));
    ImGui::TableSetupColumn(ui.t(Str::col_stage));
    ImGui::TableHeadersRow();
    const Date today = ui.today();
    for (Index p : d.promises) {
        const auto& promise = s.promises[p];
        const auto status = promiseStatus(s, promise, today);
        nextRow();
        nextCell();
        ImGui::TextUnformatted(ui.date(promise.madeOn).c_str());
        nextCell();
        ImGui::TextUnformatted(ui.money(promise.amount).c_str());
        nextCell();
        ImGui::TextUnformatted(ui.date(promise.dueDate).c_str());
        nextCell();
        pill(recobra::label(status, ui.lang), promiseColor(status));
    }
    ImGui::EndTable();
}

nlohmann::json DebtorView::stateJson(const Ui& ui) const {
    nlohmann::json j = nlohmann::json::object();
    if (!ui.session) return j;
    const auto found = ui.state().debtor(debtorId_);
    if (!found) return j;
    j["id"] = debtorId_;
    j["name"] = ui.state().debtors[*found].profile.legalName;
    j["stage"] = enumName(effectiveStage(ui.state().debtors[*found], ui.today()));
    nlohmann::json entries = nlohmann::json::array();
    for (const auto& e : buildTimeline(ui, *found))
        entries.push_back({{"title", e.title}, {"detail", e.detail}, {"author", e.author}, {"at", e.at}});
    j["timeline"] = entries;
    return j;
}

} // namespace recobra::ui
