#pragma once
// The reports' charts, drawn with ImGui's draw lists: slots along the x axis (the aging
// buckets, the months), each holding bars or the points of lines, against a value axis on the
// left and, when a series asks, one on the right. Every slot is a real item: hovering it
// highlights it, a click is reported, and it is tagged for recobra.locate as "<tag>.<slot>".
// The caller writes the hovered slot's tooltip (tooltip() tags it "reports.tooltip").
#include "ui/ui.hpp"

#include <imgui.h>
#include <string>
#include <vector>

namespace recobra::ui::charts {

// Okabe & Ito's colour-blind-safe palette.
namespace palette {
inline constexpr ImU32 orange = IM_COL32(0xE6, 0x9F, 0x00, 0xFF);
inline constexpr ImU32 green = IM_COL32(0x00, 0x9E, 0x73, 0xFF);
inline constexpr ImU32 blue = IM_COL32(0x00, 0x72, 0xB2, 0xFF);
inline constexpr ImU32 vermillion = IM_COL32(0xD5, 0x5E, 0x00, 0xFF);
inline constexpr ImU32 purple = IM_COL32(0xCC, 0x79, 0xA7, 0xFF);
inline constexpr ImU32 black = IM_COL32(0x00, 0x00, 0x00, 0xFF);
} // namespace palette

// What an axis counts: amounts in minor units, days, percentages (0–100).
enum class Unit : std::uint8_t { Money, Days, Percent };

struct Series {
    const char* name = nullptr; // in the legend (none: no legend)
    ImU32 color = palette::blue;
    bool bars = true;           // else a line
    bool square = false;        // a line's points as squares (two lines differ by shape too)
    bool right = false;         // against the right axis
    std::vector<double> values; // one per slot; NaN: no bar, a gap in the line
};

struct Chart {
    std::vector<std::string> labels; // one per slot, under the x axis
    std::vector<std::string> years;  // a second line, drawn where it changes (or empty)
    std::vector<Series> series;
    std::vector<ImU32> slotColors;   // the first series' bars, a colour per slot (or empty)
    Unit left = Unit::Money, right = Unit::Percent;
    CurrencyCode currency;
};

struct Hit {
    int hovered = -1, clicked = -1;
};

// Draws the chart filling `size` from the cursor; returns the slot under the mouse and the one
// clicked, if any.
Hit draw(Ui& ui, const std::string& tag, const Chart& chart, ImVec2 size);

// A value as an axis writes it: "12 mil €", "45", "80 %".
std::string tick(const Ui& ui, Unit unit, double value, CurrencyCode currency);

// The hovered slot's figures in a tooltip, tagged "reports.tooltip" with its text.
void tooltip(const std::string& text);

} // namespace recobra::ui::charts
