#include "ui/screens/dashboard.hpp"

#include "core/state/queries.hpp"
#include "ui/forms/form.hpp"
#include "ui/widgets.hpp"

#include <algorithm>
#include <cmath>

namespace recobra::ui {

void Dashboard::draw(Ui& ui) {
    setTagPrefix("dashboard");
    const State& s = ui.state();
    if (s.debtors.empty()) return drawEmpty(ui);
    const auto revision = ui.session->workspace().revision();
    const Date today = ui.today();
    if (revision != revision_ || !(day_ == today)) {
        figures_ = computeDashboard(s, today);
        revision_ = revision;
        day_ = today;
    }
    const auto& f = figures_;

    heading(ui.t(Str::dash_title), 26);
    ImGui::Spacing();
    const float gap = ImGui::GetStyle().ItemSpacing.x;
    // Four cards a row, two in a narrow window.
    const int perRow = ImGui::GetContentRegionAvail().x >= ui.px(880) ? 4 : 2;
    const float cardWidth = (ImGui::GetContentRegionAvail().x - gap * static_cast<float>(perRow - 1)) / static_cast<float>(perRow);
    // The four cards are as tall as the tallest figure (several currencies take a line each).
    const float padding = ui.px(16);
    const float room = cardWidth - 2 * padding;
    const FigureLayout figures[] = {
        layoutFigure(ui.money(f.outstanding), room),
        layoutFigure(ui.money(f.overdue), room),
        layoutFigure(formatCount(static_cast<std::int64_t>(f.debtorsOwing), ui.lang), room),
        layoutFigure(formatCount(static_cast<std::int64_t>(f.upcoming.size()), ui.lang), room),
    };
    float height = 0;
    for (const auto& figureLayout : figures) height = std::max(height, figureLayout.height);
    height += 2 * padding;
    int drawn = 0;
    auto card = [&](const char* id, Str label, const FigureLayout& value, ImVec4 tint) {
        if (drawn++ % perRow) ImGui::SameLine();
        if (beginCard(id, ImVec2(cardWidth, height))) figure(ui.t(label), value, tint);
        endCard();
        tagLastItem(std::string("dashboard.") + (id + 2));
    };
    card("##outstanding", Str::dash_outstanding, figures[0], colors::text);
    card("##overdue", Str::dash_overdue, figures[1], colors::danger);
    card("##owing", Str::dash_debtors_owing, figures[2], colors::text);
    card("##promises", Str::dash_promises_week, figures[3], colors::accent);
    ImGui::Spacing();

    // Side by side, each as tall as the stages need (measured on the frame before); one above
    // the other, each as tall as its content, in a narrow window.
    const bool stacked = ImGui::GetContentRegionAvail().x < ui.px(760);
    const float half = stacked ? ImGui::GetContentRegionAvail().x : (ImGui::GetContentRegionAvail().x - gap) / 2;
    const float rowHeight = stacked ? 0 : std::max(ui.px(250), middleRowHeight_);
    if (beginCard("##buckets", ImVec2(half, rowHeight))) {
        heading(ui.t(Str::dash_by_bucket), 17);
        ImGui::Spacing();
        // Bars measure the primary currency; the figure beside each names every currency.
        std::int64_t largest = 1;
        for (const auto& a : f.amountPerBucket) largest = std::max(largest, a.in(ui.currency()));
        // The labels' column as wide as the widest; the figures' as wide as theirs, up to 45 %.
        float labelWidth = 0, figureWidth = 0;
        std::string texts[5];
        for (std::size_t b = 0; b < 5; ++b) {
            labelWidth = std::max(labelWidth, ImGui::CalcTextSize(recobra::label(EnumTable<OverdueBucket>::values[b].first, ui.lang)).x);
            texts[b] = ui.money(f.amountPerBucket[b]) + "  (" + formatCount(static_cast<std::int64_t>(f.debtorsPerBucket[b]), ui.lang) + ")";
            figureWidth = std::max(figureWidth, ImGui::CalcTextSize(texts[b].c_str()).x);
        }
        const float inside = ImGui::GetContentRegionAvail().x;
        labelWidth += ui.px(12);
        const float barSpace = inside - labelWidth - std::min(figureWidth, inside * 0.45f) - ImGui::GetStyle().ItemSpacing.x;
        for (std::size_t b = 0; b < 5; ++b) {
            const auto bucket = EnumTable<OverdueBucket>::values[b].first;
            const float left = ImGui::GetCursorPosX();
            ImGui::TextUnformatted(recobra::label(bucket, ui.lang));
            ImGui::SameLine(left + labelWidth);
            const ImVec2 pos = ImGui::GetCursorScreenPos();
            const float w = barSpace * static_cast<float>(f.amountPerBucket[b].in(ui.currency())) / static_cast<float>(largest);
            const ImVec4 tint = b == 0 ? colors::textMuted : overdueColor(b == 1 ? 10 : b == 2 ? 45 : b == 3 ? 75 : 120);
            ImGui::GetWindowDrawList()->AddRectFilled(pos, ImVec2(pos.x + std::max(w, 2.0f), pos.y + ImGui::GetTextLineHeight()),
                                                      ImGui::ColorConvertFloat4ToU32(tint), ui.px(3));
            ImGui::Dummy(ImVec2(barSpace, ImGui::GetTextLineHeight()));
            ImGui::SameLine();
            const std::string& text = texts[b];
            // Several currencies may not fit beside the bar: cut with "…", whole on hover.
            clippedText(text);
            tagLastItem(std::string("dashboard.bucket.") + EnumTable<OverdueBucket>::values[b].second, text);
        }
        // Closed cases left unpaid are out of every figure above: said once, beneath them.
        if (f.debtorsClosedUnpaid > 0) {
            ImGui::Spacing();
            ImGui::PushTextWrapPos(0);
            const std::string text = ui.tf(Str::dash_closed_unpaid, {formatCount(static_cast<std::int64_t>(f.debtorsClosedUnpaid), ui.lang),
                                                                      ui.money(f.closedUnpaid)});
            mutedText(text);
            ImGui::PopTextWrapPos();
            tagLastItem("dashboard.closedUnpaid", text);
        }
    }
    endCard();
    if (!stacked) ImGui::SameLine();
    if (beginCard("##stages", ImVec2(half, rowHeight))) {
        heading(ui.t(Str::dash_by_stage), 17);
        ImGui::Spacing();
        // Two stages a row when their names fit side by side, else one: a chip is never cut.
        // The count column as wide as the widest count ("12.391" at 100,000 debtors).
        float widest = 0;
        float countWidth = ImGui::CalcTextSize("0000").x;
        for (const auto& [stage, count] : f.debtorsPerStage) {
            if (count == 0) continue;
            widest = std::max(widest, ImGui::CalcTextSize(recobra::label(stage, ui.lang)).x);
            countWidth = std::max(
                countWidth, ImGui::CalcTextSize(formatCount(static_cast<std::int64_t>(count), ui.lang).c_str()).x);
        }
        const float chipWidth = widest + ui.px(16);
        const float cellPadding = ImGui::GetStyle().CellPadding.x * 2;
        const int pairs = 2 * (chipWidth + countWidth + cellPadding * 2) <= ImGui::GetContentRegionAvail().x ? 2 : 1;
        if (ImGui::BeginTable("stages", pairs * 2, ImGuiTableFlags_SizingFixedFit)) {
            for (int c = 0; c < pairs; ++c) {
                ImGui::TableSetupColumn(nullptr, ImGuiTableColumnFlags_WidthStretch);
                ImGui::TableSetupColumn(nullptr, ImGuiTableColumnFlags_WidthFixed, countWidth);
            }
            for (const auto& [stage, count] : f.debtorsPerStage) {
                if (count == 0) continue;
                nextCell();
                pill(recobra::label(stage, ui.lang), stageColor(stage));
                nextCell();
                ImGui::TextUnformatted(formatCount(static_cast<std::int64_t>(count), ui.lang).c_str());
            }
            ImGui::EndTable();
        }
        const float needed = ImGui::GetCursorPosY() + ImGui::GetStyle().WindowPadding.y;
        if (!stacked && std::abs(needed - middleRowHeight_) > 0.5f) {
            middleRowHeight_ = needed;
            ui.host.requestFrame();
        }
    }
    endCard();
    ImGui::Spacing();

    if (beginCard("##upcoming", ImVec2(0, 0))) {
        heading(ui.t(Str::dash_upcoming_promises), 17);
        if (f.brokenPromises > 0) {
            ImGui::SameLine();
            ImGui::PushStyleColor(ImGuiCol_Text, colors::danger);
            ImGui::TextUnformatted(
                ui.tf(Str::dash_broken_promises, {formatCount(static_cast<std::int64_t>(f.brokenPromises), ui.lang)}).c_str());
            ImGui::PopStyleColor();
        }
        if (f.upcoming.empty()) mutedText(ui.t(Str::dash_no_upcoming));
        const std::size_t limit = std::min<std::size_t>(f.upcoming.size(), 12);
        if (limit > 0 && ImGui::BeginTable("upcoming", 3, ImGuiTableFlags_RowBg | ImGuiTableFlags_SizingStretchProp)) {
            for (std::size_t i = 0; i < limit; ++i) {
                const auto& promise = s.promises[f.upcoming[i].promise];
                const auto& d = s.debtors[promise.debtor];
                nextRow();
                nextCell();
                ImGui::TextUnformatted(ui.date(promise.dueDate).c_str());
                nextCell();
                ImGui::PushID(static_cast<int>(i));
                if (ImGui::Selectable(d.profile.legalName.c_str(), false, ImGuiSelectableFlags_SpanAllColumns) &&
                    ui.openDebtor)
                    ui.openDebtor(d.id);
                tagLastItem("dashboard.promise." + std::to_string(i));
                ImGui::PopID();
                nextCell();
                textRightAligned(ui.money(promise.amount));
            }
            ImGui::EndTable();
        }
        if (f.upcoming.size() > limit)
            mutedText(ui.tf(Str::and_more, {formatCount(static_cast<std::int64_t>(f.upcoming.size() - limit), ui.lang)}));
    }
    endCard();
}

void Dashboard::drawEmpty(Ui& ui) {
    const float width = std::min(ImGui::GetContentRegionAvail().x, ui.px(720));
    ImGui::Dummy(ImVec2(0, ui.px(30)));
    if (beginCard("##welcome", ImVec2(width, 0), 28)) {
        heading(ui.t(Str::empty_title), 26);
        ImGui::Spacing();
        ImGui::PushTextWrapPos(0);
        ImGui::TextWrapped("%s", ui.t(Str::empty_body));
        ImGui::Spacing();
        for (Str point : {Str::empty_point_1, Str::empty_point_2, Str::empty_point_3}) {
            ImGui::Bullet();
            ImGui::TextWrapped("%s", ui.t(point));
        }
        ImGui::PopTextWrapPos();
        ImGui::Spacing();
        ImGui::Spacing();
        if (ui.loadDemo) {
            if (primaryButton(ui.t(Str::empty_load_demo))) ui.loadDemo();
            tagLastItem("dashboard.loadDemo");
            ImGui::SameLine();
        }
        if (ImGui::Button(ui.t(Str::empty_first_debtor)) && ui.openForm) ui.openForm(newDebtorForm(ui));
        tagLastItem("dashboard.firstDebtor");
    }
    endCard();
}

} // namespace recobra::ui
