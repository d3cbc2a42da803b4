#include "ui/screens/report_charts.hpp"

#include "ui/locator.hpp"
#include "ui/mirror.hpp"
#include "ui/theme.hpp"

#include <algorithm>
#include <cmath>

namespace recobra::ui::charts {

namespace {

constexpr float kTickFont = 13; // the axes' labels, in unscaled pixels

// An axis from 0 to a round top, in four or five steps of 1, 2 or 5 times a power of ten (never
// under 1: a day, a cent, a percent; ticks that would print alike).
struct Scale {
    double top = 1, step = 1;
    bool used = false;
    float y(double v, float y0, float y1) const {
        return y1 - static_cast<float>(std::clamp(v, 0.0, top) / top) * (y1 - y0);
    }
};

Scale scaleFor(const Chart& chart, bool right) {
    Scale s;
    double top = (right ? chart.right : chart.left) == Unit::Percent ? 100 : 0;
    for (const auto& series : chart.series) {
        if (series.right != right) continue;
        s.used = true;
        for (double v : series.values)
            if (v > top) top = v; // NaN compares false
    }
    const double raw = std::max(top / 4, 1.0);
    double power = 1;
    while (power * 10 <= raw) power *= 10;
    s.step = raw <= power ? power : raw <= 2 * power ? 2 * power : raw <= 5 * power ? 5 * power : 10 * power;
    s.top = std::max(1.0, std::ceil(top / s.step - 1e-9)) * s.step;
    return s;
}

ImU32 color(ImVec4 c) { return ImGui::ColorConvertFloat4ToU32(c); }

void marker(ImDrawList* draw, ImVec2 at, bool square, ImU32 c, float r) {
    if (square) draw->AddRectFilled(ImVec2(at.x - r, at.y - r), ImVec2(at.x + r, at.y + r), c);
    else draw->AddCircleFilled(at, r, c);
}

} // namespace

std::string tick(const Ui& ui, Unit unit, double value, CurrencyCode currency) {
    const auto n = static_cast<std::int64_t>(std::floor(value + 0.5));
    if (unit == Unit::Money) return formatMoneyShort(Money{n, currency}, ui.lang);
    return formatCount(n, ui.lang) + (unit == Unit::Days ? "" : ui.lang == Lang::es ? " %" : "%");
}

void tooltip(const std::string& text) {
    ImGui::BeginTooltip();
    ImGui::TextUnformatted(text.c_str());
    tagLastItem("reports.tooltip", text);
    ImGui::EndTooltip();
}

Hit draw(Ui& ui, const std::string& tag, const Chart& chart, ImVec2 size) {
    Hit hit;
    const std::size_t n = chart.labels.size();
    const ImVec2 origin = ImGui::GetCursorScreenPos();
    ImDrawList* draw = ImGui::GetWindowDrawList();
    const Scale scales[2] = {scaleFor(chart, false), scaleFor(chart, true)};
    const Unit units[2] = {chart.left, chart.right};

    ImGui::PushFont(nullptr, kTickFont);
    const float line = ImGui::GetTextLineHeight();
    // Each axis' ticks and the room their labels take.
    std::vector<std::pair<double, std::string>> ticks[2];
    float width[2] = {0, 0};
    for (int a = 0; a < 2; ++a) {
        if (!scales[a].used) continue;
        for (double v = 0; v <= scales[a].top * 1.000001; v += scales[a].step) {
            ticks[a].emplace_back(v, tick(ui, units[a], v, chart.currency));
            width[a] = std::max(width[a], ImGui::CalcTextSize(ticks[a].back().second.c_str()).x);
        }
    }
    bool legend = false;
    for (const auto& s : chart.series) legend = legend || s.name;
    const float gap = ui.px(6);
    const float x0 = origin.x + width[0] + gap, x1 = origin.x + size.x - (width[1] > 0 ? width[1] + gap : ui.px(4));
    const float y0 = origin.y + (legend ? line + ui.px(10) : line / 2);
    // Room under the plot for the labels' lines (an aging label takes two) and the years'.
    float labelLines = 1;
    for (const auto& label : chart.labels)
        labelLines = std::max(labelLines, 1.0f + static_cast<float>(std::count(label.begin(), label.end(), '\n')));
    const float y1 = origin.y + size.y - line * (labelLines + (chart.years.empty() ? 0.0f : 1.0f)) - gap;
    if (n == 0 || x1 - x0 < ui.px(40) || y1 - y0 < ui.px(30)) {
        ImGui::PopFont();
        ImGui::Dummy(size);
        return hit;
    }
    const ImU32 muted = color(colors::textMuted);
    // A single slot has no line to draw: its lines become bars too.
    auto barred = [&](const Series& s) { return s.bars || n == 1; };

    // The legend above the plot: a swatch in each series' colour and shape, and its name.
    float lx = x0;
    for (const auto& s : chart.series) {
        if (!s.name) continue;
        const float r = ui.px(4.5f);
        marker(draw, ImVec2(lx + r, origin.y + line / 2), barred(s) || s.square, s.color, r);
        lx += 2 * r + ui.px(5);
        draw->AddText(ImVec2(lx, origin.y), color(colors::text), s.name);
        lx += ImGui::CalcTextSize(s.name).x + ui.px(16);
    }

    // Grid lines at the ticks of the left axis (else the right one's), the labels beside them.
    const int grid = scales[0].used ? 0 : 1;
    for (const auto& [v, text] : ticks[grid]) {
        const float y = std::round(scales[grid].y(v, y0, y1));
        draw->AddLine(ImVec2(x0, y), ImVec2(x1, y), color(v == 0 ? colors::textMuted : colors::border), ui.px(1));
    }
    for (int a = 0; a < 2; ++a)
        for (const auto& [v, text] : ticks[a]) {
            const float x = a == 0 ? x0 - gap - ImGui::CalcTextSize(text.c_str()).x : x1 + gap;
            draw->AddText(ImVec2(x, scales[a].y(v, y0, y1) - line / 2), muted, text.c_str());
        }

    // Slots: an item each (hover, click, locate), the x labels as many as fit, ending at the last.
    const float slot = (x1 - x0) / static_cast<float>(n);
    float widest = 0;
    for (const auto& label : chart.labels) widest = std::max(widest, ImGui::CalcTextSize(label.c_str()).x);
    const auto every = static_cast<std::size_t>(std::max(1.0f, std::ceil((widest + ui.px(8)) / slot)));
    const std::string* year = nullptr;
    for (std::size_t i = 0; i < n; ++i) {
        const float sx = x0 + slot * static_cast<float>(i), cx = sx + slot / 2;
        ImGui::SetCursorScreenPos(ImVec2(sx, y0));
        ImGui::PushID(static_cast<int>(i));
        if (ImGui::InvisibleButton("##slot", ImVec2(std::max(slot, 1.0f), y1 - y0))) hit.clicked = static_cast<int>(i);
        ImGui::PopID();
        if (mirror::on()) { // to a screen reader the slot says its period and figures
            std::string said = chart.labels[i] + (i < chart.years.size() ? " " + chart.years[i] : "");
            for (const auto& s : chart.series)
                if (i < s.values.size() && !std::isnan(s.values[i]))
                    said += std::string(", ") + (s.name ? s.name : "") + " " +
                            tick(ui, s.right ? chart.right : chart.left, s.values[i], chart.currency);
            std::replace(said.begin(), said.end(), '\n', ' ');
            mirror::name(said);
        }
        if (ImGui::IsItemHovered()) {
            hit.hovered = static_cast<int>(i);
            draw->AddRectFilled(ImVec2(sx, y0), ImVec2(sx + slot, y1), color(colors::accentSoft));
        }
        tagLastItem(tag + "." + std::to_string(i));
        if ((n - 1 - i) % every != 0) continue;
        // Each line centred under the slot (kept inside the chart at its ends).
        auto centred = [&](const std::string& text, float y) {
            for (std::size_t from = 0; from <= text.size(); y += line) {
                const std::size_t to = std::min(text.find('\n', from), text.size());
                const char* begin = text.data() + from;
                const float w = ImGui::CalcTextSize(begin, text.data() + to).x;
                draw->AddText(ImVec2(std::clamp(cx - w / 2, origin.x, origin.x + size.x - w), y), muted, begin, text.data() + to);
                from = to + 1;
            }
        };
        centred(chart.labels[i], y1 + gap / 2);
        if (i < chart.years.size() && (!year || *year != chart.years[i])) {
            year = &chart.years[i];
            centred(*year, y1 + gap / 2 + line * labelLines);
        }
    }

    // Bars side by side within each slot, then the lines over them.
    std::size_t bars = 0;
    for (const auto& s : chart.series) bars += barred(s);
    const float group = std::min(slot * 0.72f, ui.px(56) * static_cast<float>(std::max<std::size_t>(bars, 1)));
    float offset = (slot - group) / 2;
    for (const auto& s : chart.series) {
        const Scale& scale = scales[s.right ? 1 : 0];
        const std::size_t count = std::min(n, s.values.size());
        if (barred(s)) {
            const float w = group / static_cast<float>(bars);
            for (std::size_t i = 0; i < count; ++i) {
                if (!(s.values[i] > 0)) continue;
                const float bx = std::round(x0 + slot * static_cast<float>(i) + offset);
                const float top = std::round(std::min(scale.y(s.values[i], y0, y1), y1 - ui.px(1))); // a tiny amount shows
                const ImU32 c = &s == &chart.series[0] && i < chart.slotColors.size() ? chart.slotColors[i] : s.color;
                draw->AddRectFilled(ImVec2(bx, top), ImVec2(std::round(bx + w), y1), c, ui.px(2), ImDrawFlags_RoundCornersTop);
            }
            offset += w;
            continue;
        }
        auto point = [&](std::size_t i) {
            return ImVec2(x0 + slot * (static_cast<float>(i) + 0.5f), scale.y(s.values[i], y0, y1));
        };
        for (std::size_t i = 0; i < count; ++i) {
            if (std::isnan(s.values[i])) continue;
            const bool joined = i + 1 < count && !std::isnan(s.values[i + 1]);
            if (joined) draw->AddLine(point(i), point(i + 1), s.color, ui.px(2));
            const bool alone = !joined && (i == 0 || std::isnan(s.values[i - 1]));
            const bool hovered = hit.hovered == static_cast<int>(i);
            if (n <= 12 || alone || hovered) marker(draw, point(i), s.square, s.color, ui.px(hovered ? 4.5f : 3.5f));
        }
    }
    ImGui::PopFont();
    ImGui::SetCursorScreenPos(origin);
    ImGui::Dummy(size);
    return hit;
}

} // namespace recobra::ui::charts
