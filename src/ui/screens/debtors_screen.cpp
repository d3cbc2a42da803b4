#include "ui/screens/debtors_screen.hpp"

#include "core/state/queries.hpp"
#include "ui/forms/form.hpp"
#include "ui/widgets.hpp"

#include <imgui_stdlib.h>

#include <limits>

namespace recobra::ui {

void DebtorsScreen::draw(Ui& ui) {
    setTagPrefix("debtors");
    heading(ui.t(Str::debtors_title), 26);
    ImGui::SameLine();
    // Right-aligned: import invoices from a CSV, send the listed debtors to an agency, new debtor.
    const float buttonWidth = ui.px(170);
    const ImGuiStyle& style = ImGui::GetStyle();
    const float csvWidth = ImGui::CalcTextSize(ui.t(Str::csv_open_button)).x + style.FramePadding.x * 2;
    const float agencyWidth = ImGui::CalcTextSize(ui.t(Str::agency_send_button)).x + style.FramePadding.x * 2;
    ImGui::SetCursorPosX(ImGui::GetCursorPosX() + ImGui::GetContentRegionAvail().x - buttonWidth - csvWidth -
                         agencyWidth - style.ItemSpacing.x * 2);
    if (ImGui::Button(ui.t(Str::csv_open_button))) ui.host.pickFile(FilePurpose::Csv);
    tagLastItem("debtors.importCsv");
    ImGui::SameLine();
    if (ImGui::Button(ui.t(Str::agency_send_button)) && ui.openAgency) {
        std::vector<std::string> listed;
        listed.reserve(list_.rows().size());
        for (const auto& row : list_.rows()) listed.push_back(ui.state().debtors[row.debtor].id);
        ui.openAgency(std::move(listed), !(filter_ == DebtorFilter{}), "");
    }
    tagLastItem("debtors.agency");
    ImGui::SameLine();
    if (primaryButton(ui.t(Str::debtors_new), ImVec2(buttonWidth, 0)) && ui.openForm) ui.openForm(newDebtorForm(ui));
    tagLastItem("debtors.new");

    drawFilters(ui);
    list_.update(ui.state(), filter_, sort_, ui.today(), ui.currency());

    const auto& rows = list_.rows();
    const std::string total = ui.money(list_.total());
    std::string count = rows.size() == 1 ? ui.tf(Str::debtors_count_one, {total})
                                         : ui.tf(Str::debtors_count_total, {formatCount(static_cast<std::int64_t>(rows.size()), ui.lang), total});
    // Closed cases shown are not "pending": what they leave unpaid is said apart.
    if (!list_.closedUnpaid().isZero()) count += ui.tf(Str::debtors_count_closed, {ui.money(list_.closedUnpaid())});
    // Opened from a reports' aging bar: the invoices in that range, and what they owe.
    if (filter_.pastDue)
        count += ui.tf(Str::debtors_past_due_count, {formatCount(static_cast<std::int64_t>(list_.pastDueInvoices()), ui.lang),
                                                     ui.money(list_.pastDueAmount())});
    mutedText(count);
    tagLastItem("debtors.count", count);
    drawReassign(ui);
    ImGui::Spacing();
    drawTable(ui);
}

void DebtorsScreen::drawReassign(Ui& ui) {
    const State& s = ui.state();
    const auto& rows = list_.rows();
    // Offered on a filtered list (the whole book at once is rarely meant), with a team.
    if (filter_ == DebtorFilter{} || rows.empty() || s.members.empty()) return;
    ImGui::SameLine(0, ui.px(16));
    const std::string n = formatCount(static_cast<std::int64_t>(rows.size()), ui.lang);
    ImGui::BeginDisabled(reassigning_);
    if (ImGui::SmallButton(ui.tf(Str::debtors_reassign, {n}).c_str())) ImGui::OpenPopup("##reassign");
    ImGui::EndDisabled();
    tagLastItem("debtors.reassign");
    auto nameOf = [&](const std::string& id) {
        if (id.empty()) return std::string(ui.t(Str::nobody));
        const auto m = s.member(id);
        return m ? s.members[*m].name : id;
    };
    if (ImGui::BeginPopup("##reassign")) {
        if (ImGui::Selectable(ui.t(Str::nobody))) reassignTo_ = "";
        tagLastItem("debtors.reassign.none");
        for (std::size_t i = 0; i < s.members.size(); ++i) {
            if (!s.members[i].active) continue; // retired: no longer offered
            ImGui::PushID(static_cast<int>(i));
            if (ImGui::Selectable(s.members[i].name.c_str())) reassignTo_ = s.members[i].id;
            tagLastItem("debtors.reassign." + std::to_string(i));
            ImGui::PopID();
        }
        ImGui::EndPopup();
    }
    if (reassignTo_ && !ImGui::IsPopupOpen("##reassign-confirm")) ImGui::OpenPopup("##reassign-confirm");
    if (!ImGui::BeginPopupModal("##reassign-confirm", nullptr, ImGuiWindowFlags_AlwaysAutoResize | ImGuiWindowFlags_NoTitleBar))
        return;
    const std::string who = nameOf(reassignTo_.value_or(""));
    ImGui::PushTextWrapPos(ui.px(420));
    ImGui::TextWrapped("%s", ui.tf(Str::debtors_reassign_confirm, {n, who}).c_str());
    ImGui::PopTextWrapPos();
    ImGui::Spacing();
    if (primaryButton(ui.t(Str::debtors_reassign_go)) && ui.session) {
        std::vector<Command> commands;
        commands.reserve(rows.size());
        for (const auto& row : rows) {
            if (s.debtors[row.debtor].assignee == *reassignTo_) continue; // already theirs: nothing to record
            DebtorAssigned c;
            c.debtor = s.debtors[row.debtor].id;
            c.member = *reassignTo_;
            commands.emplace_back(std::move(c));
        }
        const std::size_t count = commands.size();
        if (count == 0) {
            if (ui.toast) ui.toast(ui.tf(Str::debtors_reassigned, {"0", who}), ToastKind::Success);
        } else {
            reassigning_ = true;
            ui.session->submitAll(std::move(commands), ui.commandContext(), [this, &ui, count, who](const CommandOutcome& o) {
                reassigning_ = false;
                if (!ui.toast) return;
                if (o.ok)
                    ui.toast(ui.tf(Str::debtors_reassigned, {formatCount(static_cast<std::int64_t>(count), ui.lang), who}),
                             ToastKind::Success);
                else if (o.problem)
                    ui.toast(o.problem->describe(ui.lang), ToastKind::Error);
            });
        }
        reassignTo_.reset();
        ImGui::CloseCurrentPopup();
    }
    tagLastItem("debtors.reassign.go");
    ImGui::SameLine();
    if (ImGui::Button(ui.t(Str::action_cancel)) || ImGui::IsKeyPressed(ImGuiKey_Escape)) {
        reassignTo_.reset();
        ImGui::CloseCurrentPopup();
    }
    tagLastItem("debtors.reassign.cancel");
    ImGui::EndPopup();
}

void DebtorsScreen::drawFilters(Ui& ui) {
    ImGui::Spacing();
    ImGui::SetNextItemWidth(ui.px(380));
    ImGui::InputTextWithHint("##search", ui.t(Str::debtors_search_hint), &filter_.text);
    tagLastItem("debtors.search");
    ImGui::SameLine();

    // Stage: several can be ticked.
    ImGui::SetNextItemWidth(ui.px(170));
    std::string stageLabel = std::string(ui.t(Str::debtors_filter_stage)) + ": ";
    stageLabel += filter_.stages.empty()     ? ui.t(Str::any_value)
                  : filter_.stages.size() == 1 ? recobra::label(*filter_.stages.begin(), ui.lang)
                                               : std::to_string(filter_.stages.size());
    if (ImGui::BeginCombo("##stage", stageLabel.c_str(), ImGuiComboFlags_HeightLarge)) {
        for (const auto& [stage, name] : EnumTable<Stage>::values) {
            bool on = filter_.stages.count(stage) > 0;
            if (ImGui::Checkbox(recobra::label(stage, ui.lang), &on)) {
                if (on) filter_.stages.insert(stage);
                else filter_.stages.erase(stage);
            }
            tagLastItem(std::string("debtors.stage.") + name);
        }
        ImGui::EndCombo();
    }
    tagLastItem("debtors.stage");
    ImGui::SameLine();

    // Assignee: anyone, nobody, or one member.
    ImGui::SetNextItemWidth(ui.px(190));
    const State& s = ui.state();
    std::string who = std::string(ui.t(Str::debtors_filter_assignee)) + ": ";
    if (!filter_.assignee) who += ui.t(Str::any_value);
    else if (filter_.assignee->empty()) who += ui.t(Str::nobody);
    else if (auto m = s.member(*filter_.assignee)) who += s.members[*m].name;
    const auto me = myMember(ui.session->settings(), s);
    if (me && filter_.assignee == s.members[*me].id) who = std::string(ui.t(Str::debtors_filter_assignee)) + ": " + ui.t(Str::debtors_mine);
    if (ImGui::BeginCombo("##assignee", who.c_str())) {
        if (ImGui::Selectable(ui.t(Str::any_value), !filter_.assignee)) filter_.assignee.reset();
        // The member this person said they are (settings), first.
        if (me && ImGui::Selectable(ui.t(Str::debtors_mine), filter_.assignee == s.members[*me].id))
            filter_.assignee = s.members[*me].id;
        if (me) tagLastItem("debtors.assignee.mine");
        if (ImGui::Selectable(ui.t(Str::nobody), filter_.assignee && filter_.assignee->empty())) filter_.assignee = "";
        for (const auto& m : s.members)
            if (ImGui::Selectable(m.name.c_str(), filter_.assignee == m.id)) filter_.assignee = m.id;
        ImGui::EndCombo();
    }
    tagLastItem("debtors.assignee");
    ImGui::SameLine();

    // Segment (segmentation.hpp): several can be ticked.
    ImGui::SetNextItemWidth(ui.px(200));
    std::string segmentLabel = std::string(ui.t(Str::debtors_filter_segment)) + ": ";
    segmentLabel += filter_.segments.empty()       ? ui.t(Str::any_value)
                    : filter_.segments.size() == 1 ? recobra::label(*filter_.segments.begin(), ui.lang)
                                                   : std::to_string(filter_.segments.size());
    if (ImGui::BeginCombo("##segment", segmentLabel.c_str())) {
        for (const auto& [segment, name] : EnumTable<Segment>::values) {
            bool on = filter_.segments.count(segment) > 0;
            if (ImGui::Checkbox(recobra::label(segment, ui.lang), &on)) {
                if (on) filter_.segments.insert(segment);
                else filter_.segments.erase(segment);
            }
            tagLastItem(std::string("debtors.segment.") + name);
        }
        ImGui::EndCombo();
    }
    tagLastItem("debtors.segment");

    // Overdue buckets as toggles, flowing onto the next line when the window is narrow.
    const float right = ImGui::GetCursorScreenPos().x + ImGui::GetContentRegionAvail().x;
    for (const auto& [bucket, name] : EnumTable<OverdueBucket>::values) {
        const float width = ImGui::CalcTextSize(recobra::label(bucket, ui.lang)).x + ImGui::GetStyle().FramePadding.x * 2;
        ImGui::SameLine();
        if (ImGui::GetCursorScreenPos().x + width > right) ImGui::NewLine();
        const bool on = filter_.buckets.count(bucket) > 0;
        if (on) {
            ImGui::PushStyleColor(ImGuiCol_Button, colors::accentSoft);
            ImGui::PushStyleColor(ImGuiCol_Border, colors::accent);
        }
        if (ImGui::Button(recobra::label(bucket, ui.lang))) {
            if (on) filter_.buckets.erase(bucket);
            else filter_.buckets.insert(bucket);
        }
        if (on) ImGui::PopStyleColor(2);
        tagLastItem(std::string("debtors.bucket.") + name);
    }
    // The range of days past due a reports' aging bar asked for: shown as a chip that removes it.
    if (filter_.pastDue) {
        const auto [first, last] = *filter_.pastDue;
        std::string label = last <= 0 ? std::string(ui.t(Str::debtors_past_due_not_due))
                            : last == std::numeric_limits<int>::max()
                                ? ui.tf(Str::debtors_past_due_over, {std::to_string(first - 1)})
                                : ui.tf(Str::debtors_past_due_range, {std::to_string(first), std::to_string(last)});
        label += "  ×";
        ImGui::SameLine();
        if (ImGui::GetCursorScreenPos().x + ImGui::CalcTextSize(label.c_str()).x + ImGui::GetStyle().FramePadding.x * 2 > right)
            ImGui::NewLine();
        ImGui::PushStyleColor(ImGuiCol_Button, colors::accentSoft);
        ImGui::PushStyleColor(ImGuiCol_Border, colors::accent);
        if (ImGui::Button(label.c_str())) filter_.pastDue.reset();
        ImGui::PopStyleColor(2);
        tagLastItem("debtors.pastDue", label);
    }
    const bool filtered = !filter_.text.empty() || !filter_.stages.empty() || filter_.assignee ||
                          !filter_.buckets.empty() || !filter_.segments.empty() || filter_.pastDue;
    if (filtered) {
        ImGui::SameLine();
        if (ImGui::SmallButton(ui.t(Str::debtors_filters_clear))) filter_ = DebtorFilter{};
        tagLastItem("debtors.clear");
    }
}

void DebtorsScreen::drawTable(Ui& ui) {
    const State& s = ui.state();
    const auto& rows = list_.rows();
    if (rows.empty()) {
        ImGui::Spacing();
        // No debtor at all is not a search that found nothing: say how to begin.
        const bool none = s.debtors.empty();
        ImGui::PushTextWrapPos(0);
        mutedText(ui.t(none ? Str::debtors_none_yet : Str::debtors_none_match));
        ImGui::PopTextWrapPos();
        tagLastItem(none ? "debtors.empty" : "debtors.noMatch");
        return;
    }
    const ImGuiTableFlags flags = ImGuiTableFlags_Sortable | ImGuiTableFlags_ScrollY | ImGuiTableFlags_RowBg |
                                  ImGuiTableFlags_BordersInnerH | ImGuiTableFlags_BordersOuter |
                                  ImGuiTableFlags_Resizable | ImGuiTableFlags_SizingStretchProp;
    if (!ImGui::BeginTable("debtors", 8, flags, ImVec2(0, 0))) return;
    ImGui::TableSetupScrollFreeze(0, 1);
    ImGui::TableSetupColumn(ui.t(Str::col_name), ImGuiTableColumnFlags_WidthStretch, 2.6f,
                            static_cast<ImGuiID>(DebtorColumn::Name));
    ImGui::TableSetupColumn(ui.t(Str::col_kind), ImGuiTableColumnFlags_WidthStretch, 1.3f,
                            static_cast<ImGuiID>(DebtorColumn::Kind));
    ImGui::TableSetupColumn(ui.t(Str::col_outstanding), ImGuiTableColumnFlags_WidthStretch, 1.2f,
                            static_cast<ImGuiID>(DebtorColumn::Outstanding));
    ImGui::TableSetupColumn(ui.t(Str::col_claimable), ImGuiTableColumnFlags_WidthStretch | ImGuiTableColumnFlags_PreferSortDescending,
                            1.2f, static_cast<ImGuiID>(DebtorColumn::Claimable));
    ImGui::TableSetupColumn(ui.t(Str::col_days_overdue),
                            ImGuiTableColumnFlags_WidthStretch | ImGuiTableColumnFlags_DefaultSort |
                                ImGuiTableColumnFlags_PreferSortDescending,
                            1.25f, static_cast<ImGuiID>(DebtorColumn::DaysOverdue));
    ImGui::TableSetupColumn(ui.t(Str::col_stage), ImGuiTableColumnFlags_WidthStretch, 1.5f,
                            static_cast<ImGuiID>(DebtorColumn::Stage));
    ImGui::TableSetupColumn(ui.t(Str::col_next), ImGuiTableColumnFlags_WidthStretch, 1.35f,
                            static_cast<ImGuiID>(DebtorColumn::NextDate));
    ImGui::TableSetupColumn(ui.t(Str::col_assignee), ImGuiTableColumnFlags_WidthStretch, 1.2f,
                            static_cast<ImGuiID>(DebtorColumn::Assignee));
    ImGui::TableHeadersRow();

    if (ImGuiTableSortSpecs* specs = ImGui::TableGetSortSpecs(); specs && specs->SpecsDirty) {
        if (specs->SpecsCount > 0) {
            sort_.column = static_cast<DebtorColumn>(specs->Specs[0].ColumnUserID);
            sort_.descending = specs->Specs[0].SortDirection == ImGuiSortDirection_Descending;
        }
        specs->SpecsDirty = false;
    }

    const Date today = ui.today();
    const CurrencyCode primary = ui.currency();
    ImGuiListClipper clipper;
    clipper.Begin(static_cast<int>(rows.size()));
    while (clipper.Step()) {
        for (int k = clipper.DisplayStart; k < clipper.DisplayEnd; ++k) {
            const DebtorRow& row = rows[static_cast<std::size_t>(k)];
            const DebtorState& d = s.debtors[row.debtor];
            ImGui::TableNextRow(ImGuiTableRowFlags_None, ui.px(34));
            ImGui::TableSetColumnIndex(0);
            ImGui::PushID(k);
            if (ImGui::Selectable("##row", false, ImGuiSelectableFlags_SpanAllColumns | ImGuiSelectableFlags_AllowOverlap,
                                  ImVec2(0, ui.px(30))) &&
                ui.openDebtor)
                ui.openDebtor(d.id);
            if (k < 50) tagLastItem("debtors.row." + std::to_string(k));
            // Right click: a letter for this debtor.
            if (ImGui::BeginPopupContextItem("##row-menu")) {
                if (ImGui::Selectable(ui.t(Str::lui_letter)) && ui.openLetter) ui.openLetter(row.debtor, {}, std::nullopt);
                if (k < 50) tagLastItem("debtors.row." + std::to_string(k) + ".letter");
                ImGui::EndPopup();
            }
            ImGui::SameLine(0, 0);
            const float nameWidth = ImGui::GetContentRegionAvail().x;
            std::string name = d.profile.legalName;
            if (!d.profile.tradeName.empty() && d.profile.tradeName != d.profile.legalName)
                name += "  ·  " + d.profile.tradeName;
            ImGui::TextUnformatted(fitText(name, nameWidth).c_str());
            ImGui::PopID();

            ImGui::TableSetColumnIndex(1);
            ImGui::TextUnformatted(recobra::label(d.profile.kind, ui.lang));
            ImGui::TableSetColumnIndex(2);
            if (!row.open) ImGui::PushStyleColor(ImGuiCol_Text, colors::textMuted); // finished: not owed
            textRightAligned(ui.money(d.outstanding), ImGui::GetContentRegionAvail().x);
            if (!row.open) ImGui::PopStyleColor();
            ImGui::TableSetColumnIndex(3);
            // What the law lets the creditor claim, in the primary currency (computed as drawn).
            const std::int64_t claimable = list_.claimable(s, row.debtor, today, primary);
            const std::string claimText = claimable ? ui.money(Money{claimable, primary}) : ui.t(Str::none_dash);
            textRightAligned(claimText, ImGui::GetContentRegionAvail().x);
            if (k < 50) tagLastItem("debtors.row." + std::to_string(k) + ".claimable", claimText);
            ImGui::TableSetColumnIndex(4);
            if (row.daysOverdue > 0) {
                ImGui::PushStyleColor(ImGuiCol_Text, row.open ? overdueColor(row.daysOverdue) : colors::textMuted);
                textRightAligned(formatCount(row.daysOverdue, ui.lang), ImGui::GetContentRegionAvail().x);
                ImGui::PopStyleColor();
            } else {
                textRightAligned(ui.t(Str::none_dash), ImGui::GetContentRegionAvail().x);
            }
            ImGui::TableSetColumnIndex(5);
            pill(recobra::label(row.stage, ui.lang), stageColor(row.stage));
            ImGui::TableSetColumnIndex(6);
            ImGui::TextUnformatted(row.nextDate ? ui.date(*row.nextDate).c_str() : ui.t(Str::none_dash));
            ImGui::TableSetColumnIndex(7);
            const auto m = s.member(d.assignee);
            if (m) ImGui::TextUnformatted(s.members[*m].name.c_str());
            else mutedText(ui.t(Str::none_dash));
        }
    }
    ImGui::EndTable();
}

} // namespace recobra::ui
