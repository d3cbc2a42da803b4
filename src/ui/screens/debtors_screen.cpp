#include "ui/screens/debtors_screen.hpp"

#include "core/state/queries.hpp"
#include "ui/forms/form.hpp"
#include "ui/widgets.hpp"

#include <imgui_internal.h>
#include <imgui_stdlib.h>

#include <algorithm>
#include <limits>

namespace recobra::ui {

void DebtorsScreen::draw(Ui& ui) {
    setTagPrefix("debtors");
    heading(ui.t(Str::debtors_title), 26);
    ImGui::SameLine();
    // Right-aligned: import invoices from a CSV, send the listed debtors to an agency, new debtor;
    // beneath the title, from the left, when they do not fit beside it.
    const float newWidth = std::max(ui.px(170), buttonWidth(ui.t(Str::debtors_new)));
    const float gap = ImGui::GetStyle().ItemSpacing.x;
    const float buttons = newWidth + buttonWidth(ui.t(Str::csv_open_button)) + buttonWidth(ui.t(Str::agency_send_button)) + gap * 2;
    if (ImGui::GetContentRegionAvail().x < buttons) ImGui::NewLine();
    else ImGui::SetCursorPosX(ImGui::GetCursorPosX() + ImGui::GetContentRegionAvail().x - buttons);
    if (ImGui::Button(ui.t(Str::csv_open_button))) ui.host.pickFile(FilePurpose::Csv);
    tagLastItem("debtors.importCsv");
    ImGui::SameLine();
    ImGui::BeginDisabled(!list_.complete()); // (a search still running: not the whole list yet)
    if (ImGui::Button(ui.t(Str::agency_send_button)) && ui.openAgency) {
        std::vector<std::string> listed;
        listed.reserve(list_.rows().size());
        for (const auto& row : list_.rows()) listed.push_back(ui.state().debtors[row.debtor].id);
        ui.openAgency(std::move(listed), !(filter_ == DebtorFilter{}), "");
    }
    ImGui::EndDisabled();
    tagLastItem("debtors.agency");
    ImGui::SameLine();
    if (primaryButton(ui.t(Str::debtors_new), ImVec2(newWidth, 0)) && ui.openForm) ui.openForm(newDebtorForm(ui));
    tagLastItem("debtors.new");

    drawFilters(ui);
    // A search typed over a large book narrows a slice of the rows a frame (what a frame can
    // look at in a couple of milliseconds), the matches showing as they are found: typing never
    // waits for the whole list (core/rules/debtor_list.hpp).
    constexpr std::size_t kRowsPerFrame = 16'384;
    list_.update(ui.state(), filter_, sort_, ui.today(), ui.currency(), kRowsPerFrame);
    if (!list_.complete()) ui.host.requestFrame();

    const auto& rows = list_.rows();
    const std::string total = ui.money(list_.total());
    std::string count = !list_.complete()  ? ui.tf(Str::debtors_searching, {formatCount(static_cast<std::int64_t>(rows.size()), ui.lang)})
                        : rows.size() == 1 ? ui.tf(Str::debtors_count_one, {total})
                                           : ui.tf(Str::debtors_count_total, {formatCount(static_cast<std::int64_t>(rows.size()), ui.lang), total});
    // Closed cases shown are not "pending": what they leave unpaid is said apart.
    if (list_.complete() && !list_.closedUnpaid().isZero()) count += ui.tf(Str::debtors_count_closed, {ui.money(list_.closedUnpaid())});
    // Opened from a reports' aging bar: the invoices in that range, and what they owe.
    if (filter_.pastDue && list_.complete())
        count += ui.tf(Str::debtors_past_due_count, {formatCount(static_cast<std::int64_t>(list_.pastDueInvoices()), ui.lang),
                                                     ui.money(list_.pastDueAmount())});
    ImGui::PushTextWrapPos(0);
    ImGui::PushStyleColor(ImGuiCol_Text, colors::textMuted);
    ImGui::TextWrapped("%s", count.c_str());
    ImGui::PopStyleColor();
    ImGui::PopTextWrapPos();
    tagLastItem("debtors.count", count);
    drawReassign(ui);
    ImGui::Spacing();
    drawTable(ui);
}

void DebtorsScreen::drawReassign(Ui& ui) {
    const State& s = ui.state();
    const auto& rows = list_.rows();
    // Offered on a filtered list (the whole book at once is rarely meant), with a team.
    if (filter_ == DebtorFilter{} || rows.empty() || s.members.empty() || !list_.complete()) return;
    const std::string n = formatCount(static_cast<std::int64_t>(rows.size()), ui.lang);
    wrapBeside(buttonWidth(ui.tf(Str::debtors_reassign, {n}).c_str()));
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
    ImGui::SetNextItemWidth(std::min(ui.px(380), ImGui::GetContentRegionAvail().x));
    if (focusSearch_) ImGui::SetKeyboardFocusHere();
    focusSearch_ = false;
    const bool entered = ImGui::InputTextWithHint("##search", ui.t(Str::debtors_search_hint), &filter_.text,
                                                  ImGuiInputTextFlags_EnterReturnsTrue);
    mirror::name(ui.t(Str::debtors_search_hint));
    tagLastItem("debtors.search");
    // From the search, the keyboard alone: Down and Up move through the rows listed (the
    // search keeps the keys from Dear ImGui's navigation), Enter opens the one reached, or the
    // only one listed.
    const int listed = static_cast<int>(list_.rows().size());
    if (ImGui::IsItemEdited()) cursor_ = -1; // another search: from the top again
    if (ImGui::IsItemActive()) {
        ImGui::GetCurrentContext()->ActiveIdUsingNavDirMask |= (1 << ImGuiDir_Up) | (1 << ImGuiDir_Down);
        const int step = ImGui::IsKeyPressed(ImGuiKey_DownArrow) ? 1 : ImGui::IsKeyPressed(ImGuiKey_UpArrow) ? -1 : 0;
        if (step && listed > 0) {
            cursor_ = std::clamp(cursor_ + step, 0, listed - 1);
            cursorMoved_ = true;
        }
    }
    const int open = cursor_ >= 0 && cursor_ < listed ? cursor_ : listed == 1 ? 0 : -1;
    if (entered && open >= 0 && ui.openDebtor) ui.openDebtor(ui.state().debtors[list_.rows()[static_cast<std::size_t>(open)].debtor].id);
    wrapBeside(ui.px(170));

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
    wrapBeside(ui.px(190));

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
    wrapBeside(ui.px(200));

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
    for (const auto& [bucket, name] : EnumTable<OverdueBucket>::values) {
        wrapBeside(buttonWidth(recobra::label(bucket, ui.lang)));
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
        wrapBeside(buttonWidth(label.c_str()));
        ImGui::PushStyleColor(ImGuiCol_Button, colors::accentSoft);
        ImGui::PushStyleColor(ImGuiCol_Border, colors::accent);
        if (ImGui::Button(label.c_str())) filter_.pastDue.reset();
        ImGui::PopStyleColor(2);
        tagLastItem("debtors.pastDue", label);
    }
    const bool filtered = !filter_.text.empty() || !filter_.stages.empty() || filter_.assignee ||
                          !filter_.buckets.empty() || !filter_.segments.empty() || filter_.pastDue;
    if (filtered) {
        wrapBeside(buttonWidth(ui.t(Str::debtors_filters_clear)));
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
                                  ImGuiTableFlags_Resizable | ImGuiTableFlags_SizingStretchProp | ImGuiTableFlags_ScrollX;
    // Each column's share of the width (in pixels at the narrowest), never less than its header
    // and sort arrow need in this language; never narrower than that all together: in a small
    // window the table scrolls sideways, the names staying in view.
    struct Column {
        Str header;
        float share;
        DebtorColumn id;
        ImGuiTableColumnFlags flags = 0;
    };
    constexpr ImGuiTableColumnFlags descending = ImGuiTableColumnFlags_PreferSortDescending;
    const Column columns[] = {
        {Str::col_name, 2.6f, DebtorColumn::Name},
        {Str::col_kind, 1.3f, DebtorColumn::Kind},
        {Str::col_outstanding, 1.2f, DebtorColumn::Outstanding},
        {Str::col_claimable, 1.2f, DebtorColumn::Claimable, descending},
        {Str::col_days_overdue, 1.25f, DebtorColumn::DaysOverdue, descending | ImGuiTableColumnFlags_DefaultSort},
        {Str::col_stage, 1.5f, DebtorColumn::Stage},
        {Str::col_next, 1.35f, DebtorColumn::NextDate},
        {Str::col_assignee, 1.2f, DebtorColumn::Assignee},
    };
    float widths[8], least = 0;
    for (std::size_t c = 0; c < 8; ++c) {
        widths[c] = std::max(columns[c].share * ui.px(60), ImGui::CalcTextSize(ui.t(columns[c].header)).x + ui.px(24));
        least += widths[c] + ImGui::GetStyle().CellPadding.x * 2;
    }
    // In a low window, tall enough for a few rows: the screen scrolls to them.
    if (!ImGui::BeginTable("debtors", 8, flags, ImVec2(0, std::max(ImGui::GetContentRegionAvail().y, ui.px(300))),
                           std::max(ImGui::GetContentRegionAvail().x, least)))
        return;
    ImGui::TableSetupScrollFreeze(1, 1);
    mirror::rowCount(static_cast<int>(rows.size())); // only the rows on screen are drawn
    for (std::size_t c = 0; c < 8; ++c)
        ImGui::TableSetupColumn(ui.t(columns[c].header), ImGuiTableColumnFlags_WidthStretch | columns[c].flags, widths[c],
                                static_cast<ImGuiID>(columns[c].id));
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
    if (cursorMoved_ && cursor_ >= 0 && cursor_ < static_cast<int>(rows.size())) clipper.IncludeItemByIndex(cursor_);
    while (mirror::step(clipper)) {
        for (int k = clipper.DisplayStart; k < clipper.DisplayEnd; ++k) {
            const DebtorRow& row = rows[static_cast<std::size_t>(k)];
            const DebtorState& d = s.debtors[row.debtor];
            nextRow(ImGuiTableRowFlags_None, ui.px(34));
            mirror::rowIndex(k + 1);
            if (k == cursor_) ImGui::TableSetBgColor(ImGuiTableBgTarget_RowBg1, ImGui::GetColorU32(colors::accentSoft));
            cell(0);
            ImGui::PushID(k);
            if (ImGui::Selectable("##row", false, ImGuiSelectableFlags_SpanAllColumns | ImGuiSelectableFlags_AllowOverlap,
                                  ImVec2(0, ui.px(30))) &&
                ui.openDebtor)
                ui.openDebtor(d.id);
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
            clippedText(name, nameWidth);
            if (k < 50) tagLastItem("debtors.row." + std::to_string(k)); // its name: the row spans every column
            if (k == cursor_ && cursorMoved_) {
                ImGui::SetScrollHereY(0.5f);
                cursorMoved_ = false;
            }
            ImGui::PopID();

            cell(1);
            clippedText(recobra::label(d.profile.kind, ui.lang));
            cell(2);
            if (!row.open) ImGui::PushStyleColor(ImGuiCol_Text, colors::textMuted); // finished: not owed
            textRightAligned(ui.money(d.outstanding));
            if (!row.open) ImGui::PopStyleColor();
            cell(3);
            // What the law lets the creditor claim, in the primary currency (computed as drawn).
            const std::int64_t claimable = list_.claimable(s, row.debtor, today, primary);
            const std::string claimText = claimable ? ui.money(Money{claimable, primary}) : ui.t(Str::none_dash);
            textRightAligned(claimText);
            if (k < 50) tagLastItem("debtors.row." + std::to_string(k) + ".claimable", claimText);
            cell(4);
            if (row.daysOverdue > 0) {
                ImGui::PushStyleColor(ImGuiCol_Text, row.open ? overdueColor(row.daysOverdue) : colors::textMuted);
                textRightAligned(formatCount(row.daysOverdue, ui.lang));
                ImGui::PopStyleColor();
            } else {
                textRightAligned(ui.t(Str::none_dash));
            }
            cell(5);
            pill(recobra::label(row.stage, ui.lang), stageColor(row.stage));
            cell(6);
            ImGui::TextUnformatted(row.nextDate ? ui.date(*row.nextDate).c_str() : ui.t(Str::none_dash));
            cell(7);
            const auto m = s.member(d.assignee);
            if (m) clippedText(s.members[*m].name);
            else mutedText(ui.t(Str::none_dash));
        }
    }
    ImGui::EndTable();
}

} // namespace recobra::ui
