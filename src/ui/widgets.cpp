#include "ui/widgets.hpp"

#include <imgui_internal.h>
#include <imgui_stdlib.h>

#include <algorithm>
#include <cmath>
#include <cstring>

namespace recobra::ui {

namespace {
std::string tagPrefix = "form";

ImVec4 mix(ImVec4 a, ImVec4 b, float t) {
    return ImVec4(a.x + (b.x - a.x) * t, a.y + (b.y - a.y) * t, a.z + (b.z - a.z) * t, 1.0f);
}
} // namespace

void setTagPrefix(const char* prefix) { tagPrefix = prefix; }
std::string tagFor(const char* field) { return tagPrefix + "." + field; }

void fieldLabel(const char* label) {
    mirror::flush();
    ImGui::PushStyleColor(ImGuiCol_Text, colors::textMuted);
    ImGui::TextUnformatted(label);
    ImGui::PopStyleColor();
    mirror::label(label);
}

bool nextCell() {
    mirror::flush();
    const bool shown = ImGui::TableNextColumn();
    mirror::flush(); // what follows is in the new cell
    return shown;
}

bool cell(int column) {
    mirror::flush();
    const bool shown = ImGui::TableSetColumnIndex(column);
    mirror::flush();
    return shown;
}

void nextRow(ImGuiTableRowFlags flags, float minHeight) {
    mirror::flush();
    ImGui::TableNextRow(flags, minHeight);
    mirror::flush();
}

void nextFieldColumn(float width) {
    ImGui::EndGroup();
    if (width > 0) wrapBeside(width);
    else ImGui::SameLine();
    ImGui::GetCurrentWindow()->DC.CurrLineTextBaseOffset = 0;
    ImGui::BeginGroup();
}

namespace {
bool focusError = false;
std::set<std::string>* recordedFields = nullptr;
} // namespace

void focusFirstError(bool on) { focusError = on; }
void recordFields(std::set<std::string>* into) { recordedFields = into; }

void fieldError(const FieldErrors& errors, const char* field, bool input) {
    if (recordedFields) recordedFields->insert(field);
    const auto it = errors.find(field);
    if (it == errors.end()) return;
    // As wide as the field above it: side by side, two fields' errors wrap each in its column.
    // Beneath what is no field (a small button) a short sentence's width.
    const float scale = ImGui::GetStyle().FontScaleDpi;
    float width = ImGui::GetItemRectSize().x;
    if (width < 120 * scale) width = 260 * scale;
    if (focusError && input) ImGui::SetKeyboardFocusHere(-1);
    mirror::flush();
    ImGui::PushStyleColor(ImGuiCol_Text, colors::danger);
    ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + width);
    ImGui::TextWrapped("%s", it->second.c_str());
    ImGui::PopTextWrapPos();
    ImGui::PopStyleColor();
    mirror::error(it->second);
    tagLastItem(tagFor(field) + ".error", it->second);
    if (focusError) ImGui::ScrollToItem(ImGuiScrollFlags_KeepVisibleEdgeY);
    focusError = false;
}

namespace {
void beginErrorFrame(const FieldErrors& errors, const char* field) {
    const bool bad = errors.count(field) > 0;
    ImGui::PushStyleColor(ImGuiCol_Border, bad ? colors::danger : colors::border);
}
} // namespace

bool textField(Ui&, const char* label, const char* field, std::string& value, const FieldErrors& errors, float width,
               const char* hint) {
    fieldLabel(label);
    ImGui::SetNextItemWidth(width);
    beginErrorFrame(errors, field);
    const std::string id = std::string("##") + field;
    const bool changed = ImGui::InputTextWithHint(id.c_str(), hint ? hint : "", &value);
    ImGui::PopStyleColor();
    mirror::value(value); // the log shows the hint when it is empty
    tagLastItem(tagFor(field), value); // a test reads what the field holds
    fieldError(errors, field, true);
    return changed;
}

bool multilineField(Ui&, const char* label, const char* field, std::string& value, const FieldErrors& errors,
                    float width, float height) {
    fieldLabel(label);
    beginErrorFrame(errors, field);
    const std::string id = std::string("##") + field;
    const bool changed =
        ImGui::InputTextMultiline(id.c_str(), &value, ImVec2(width, height));
    ImGui::PopStyleColor();
    mirror::value(value);
    tagLastItem(tagFor(field));
    fieldError(errors, field, true);
    return changed;
}

bool checkField(const char* label, const char* field, bool& value) {
    const bool changed = ImGui::Checkbox(label, &value);
    tagLastItem(tagFor(field));
    return changed;
}

ImVec4 stageColor(Stage stage) {
    switch (stage) {
    case Stage::NotDue: return ImVec4(0.42f, 0.49f, 0.55f, 1);
    case Stage::Overdue: return colors::warning;
    case Stage::Reminded: return ImVec4(0.16f, 0.50f, 0.73f, 1);
    case Stage::Negotiating: return colors::accent;
    case Stage::PaymentPlan: return ImVec4(0.0f, 0.51f, 0.49f, 1);
    case Stage::FormalDemand: return ImVec4(0.85f, 0.35f, 0.05f, 1);
    case Stage::Agency: return ImVec4(0.45f, 0.25f, 0.62f, 1);
    case Stage::Legal: return colors::danger;
    case Stage::ClosedPaid: return colors::success;
    case Stage::ClosedSettled: return ImVec4(0.30f, 0.55f, 0.31f, 1);
    case Stage::ClosedWrittenOff: return ImVec4(0.45f, 0.45f, 0.45f, 1);
    case Stage::ClosedPrescribed: return ImVec4(0.45f, 0.45f, 0.45f, 1);
    }
    return colors::textMuted;
}

ImVec4 promiseColor(PromiseStatus status) {
    switch (status) {
    case PromiseStatus::Pending: return colors::accent;
    case PromiseStatus::Kept: return colors::success;
    case PromiseStatus::Broken: return colors::danger;
    }
    return colors::textMuted;
}

ImVec4 invoiceStatusColor(InvoiceStatus status) {
    switch (status) {
    case InvoiceStatus::Open: return colors::warning;
    case InvoiceStatus::PartiallyPaid: return colors::accent;
    case InvoiceStatus::Paid: return colors::success;
    case InvoiceStatus::Void: return colors::textMuted;
    case InvoiceStatus::Disputed: return ImVec4(0.45f, 0.25f, 0.62f, 1);
    }
    return colors::textMuted;
}

ImVec4 overdueColor(int days) {
    if (days <= 0) return colors::textMuted;
    if (days <= 30) return colors::warning;
    if (days <= 90) return ImVec4(0.85f, 0.35f, 0.05f, 1);
    return colors::danger;
}

namespace {
// In a table's column sized to what it holds, the column grows to its content: nothing is cut.
bool inGrowingColumn() {
    const ImGuiTable* table = ImGui::GetCurrentTable();
    return table && (table->Columns[table->CurrentColumn].Flags & ImGuiTableColumnFlags_WidthFixed);
}
} // namespace

void pill(const char* text, ImVec4 color) {
    const ImVec2 padding(8 * ImGui::GetStyle().FontScaleDpi, 2 * ImGui::GetStyle().FontScaleDpi);
    // Narrower than the room left (a table's column): cut with "…", whole on hover.
    const std::string shown = inGrowingColumn() ? text : fitText(text, ImGui::GetContentRegionAvail().x - padding.x * 2);
    const ImVec2 size = ImGui::CalcTextSize(shown.c_str());
    const ImVec2 pos = ImGui::GetCursorScreenPos();
    const ImVec2 end(pos.x + size.x + padding.x * 2, pos.y + size.y + padding.y * 2);
    ImDrawList* draw = ImGui::GetWindowDrawList();
    draw->AddRectFilled(pos, end, ImGui::GetColorU32(mix(color, ImVec4(1, 1, 1, 1), 0.86f)), size.y);
    draw->AddText(ImVec2(pos.x + padding.x, pos.y + padding.y), ImGui::GetColorU32(mix(color, ImVec4(0, 0, 0, 1), 0.15f)),
                  shown.c_str());
    ImGui::Dummy(ImVec2(end.x - pos.x, end.y - pos.y));
    mirror::text(text); // drawn by hand: ImGui's log does not see it
    if (shown != text && ImGui::IsItemHovered(ImGuiHoveredFlags_DelayShort)) ImGui::SetTooltip("%s", text);
}

bool beginCard(const char* id, ImVec2 size, float padding) {
    const float dpi = ImGui::GetStyle().FontScaleDpi;
    ImGui::PushStyleColor(ImGuiCol_ChildBg, colors::surface);
    ImGui::PushStyleColor(ImGuiCol_Border, colors::border);
    ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(padding * dpi, padding * dpi));
    ImGui::PushStyleVar(ImGuiStyleVar_ChildRounding, 8 * dpi);
    ImGui::PushStyleVar(ImGuiStyleVar_ChildBorderSize, 1);
    return ImGui::BeginChild(id, size,
                             ImGuiChildFlags_Borders | ImGuiChildFlags_AlwaysUseWindowPadding | ImGuiChildFlags_NavFlattened |
                                 (size.y == 0 ? ImGuiChildFlags_AutoResizeY : 0));
}

bool beginDialog(const char* id, bool& opened, ImVec2 size, ImVec2 maxSize) {
    if (!opened) {
        ImGui::OpenPopup(id);
        opened = true;
    }
    const ImGuiViewport* viewport = ImGui::GetMainViewport();
    const bool sized = size.x > 0;
    ImGui::SetNextWindowPos(viewport->GetCenter(), sized ? ImGuiCond_Always : ImGuiCond_Appearing, ImVec2(0.5f, 0.5f));
    if (sized) ImGui::SetNextWindowSize(size);
    else if (maxSize.x > 0) ImGui::SetNextWindowSizeConstraints(ImVec2(0, 0), maxSize);
    const float dpi = ImGui::GetStyle().FontScaleDpi;
    ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(24 * dpi, 20 * dpi));
    ImGui::PushStyleVar(ImGuiStyleVar_WindowRounding, 10 * dpi);
    const ImGuiWindowFlags flags = ImGuiWindowFlags_NoSavedSettings | ImGuiWindowFlags_NoMove |
                                   ImGuiWindowFlags_NoTitleBar |
                                   (sized ? ImGuiWindowFlags_NoResize | ImGuiWindowFlags_NoScrollbar
                                          : ImGuiWindowFlags_AlwaysAutoResize);
    if (ImGui::BeginPopupModal(id, nullptr, flags)) return true;
    ImGui::PopStyleVar(2);
    return false;
}

void endDialog() {
    ImGui::EndPopup();
    ImGui::PopStyleVar(2);
}

void endCard() {
    ImGui::EndChild();
    ImGui::PopStyleVar(3);
    ImGui::PopStyleColor(2);
}

FigureLayout layoutFigure(const std::string& value, float room, float valueSize) {
    FigureLayout out;
    out.size = valueSize;
    auto widthAt = [](const std::string& text, float size) {
        ImGui::PushFont(fonts().bold, size);
        const float width = ImGui::CalcTextSize(text.c_str()).x;
        ImGui::PopFont();
        return width;
    };
    // Several currencies that do not fit on one line: one amount a line.
    if (room > 0 && widthAt(value, valueSize) > room && value.find(" + ") != std::string::npos) {
        for (std::size_t start = 0;;) {
            const std::size_t plus = value.find(" + ", start);
            out.lines.push_back((start == 0 ? "" : "+ ") + value.substr(start, plus == std::string::npos ? plus : plus - start));
            if (plus == std::string::npos) break;
            start = plus + 3;
        }
    } else {
        out.lines.push_back(value);
    }
    // Still too wide: smaller, down to 60 %.
    float widest = 0;
    for (const auto& line : out.lines) widest = std::max(widest, widthAt(line, valueSize));
    if (room > 0 && widest > room) out.size = std::max(valueSize * 0.6f, std::floor(valueSize * room / widest));
    ImGui::PushFont(fonts().bold, out.size);
    out.height = ImGui::GetTextLineHeightWithSpacing() * static_cast<float>(out.lines.size());
    ImGui::PopFont();
    out.height += ImGui::GetTextLineHeightWithSpacing(); // the label
    return out;
}

void figure(const char* labelText, const std::string& value, ImVec4 color, float valueSize) {
    figure(labelText, layoutFigure(value, ImGui::GetContentRegionAvail().x, valueSize), color);
}

void figure(const char* labelText, const FigureLayout& layout, ImVec4 color) {
    ImGui::PushStyleColor(ImGuiCol_Text, colors::textMuted);
    clippedText(labelText); // a label too long for its card: "…", whole on hover
    ImGui::PopStyleColor();
    ImGui::PushFont(fonts().bold, layout.size);
    ImGui::PushStyleColor(ImGuiCol_Text, color);
    for (const auto& line : layout.lines) ImGui::TextUnformatted(line.c_str());
    ImGui::PopStyleColor();
    ImGui::PopFont();
}

void mutedText(const std::string& text) {
    ImGui::PushStyleColor(ImGuiCol_Text, colors::textMuted);
    ImGui::TextUnformatted(text.c_str());
    ImGui::PopStyleColor();
}

void textRightAligned(const std::string& text) { clippedText(text, 0, true); }

void clippedText(const std::string& text, float width, bool right) {
    const bool grows = width <= 0 && inGrowingColumn();
    if (width <= 0) width = ImGui::GetContentRegionAvail().x;
    const std::string shown = grows ? text : fitText(text, width);
    if (right) ImGui::SetCursorPosX(ImGui::GetCursorPosX() + std::max(0.0f, width - ImGui::CalcTextSize(shown.c_str()).x));
    const bool cut = shown != text; // ("…" takes as many bytes as the three letters it may replace)
    if (cut) mirror::flush();
    ImGui::TextUnformatted(shown.c_str());
    if (cut) mirror::whole(text);
    if (cut && ImGui::IsItemHovered(ImGuiHoveredFlags_DelayShort)) ImGui::SetTooltip("%s", text.c_str());
}

void wrapBeside(float width) {
    ImGui::SameLine();
    if (ImGui::GetContentRegionAvail().x < width) ImGui::NewLine();
}

float buttonWidth(const char* label) { return ImGui::CalcTextSize(label, nullptr, true).x + ImGui::GetStyle().FramePadding.x * 2; }

void errorBanner(const std::string& text) {
    const float dpi = ImGui::GetStyle().FontScaleDpi;
    ImGui::PushStyleColor(ImGuiCol_ChildBg, ImVec4(0.99f, 0.93f, 0.93f, 1));
    ImGui::PushStyleColor(ImGuiCol_Border, ImVec4(0.93f, 0.70f, 0.70f, 1));
    ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(12 * dpi, 8 * dpi));
    ImGui::BeginChild("##error-banner", ImVec2(0, 0),
                      ImGuiChildFlags_Borders | ImGuiChildFlags_AutoResizeY | ImGuiChildFlags_AlwaysUseWindowPadding);
    mirror::flush();
    ImGui::PushStyleColor(ImGuiCol_Text, colors::danger);
    ImGui::TextWrapped("%s", text.c_str());
    ImGui::PopStyleColor();
    mirror::error(text, false);
    ImGui::EndChild();
    ImGui::PopStyleVar();
    ImGui::PopStyleColor(2);
}

std::string fitText(const std::string& text, float width) {
    if (ImGui::CalcTextSize(text.c_str()).x <= width) return text;
    const float ellipsis = ImGui::CalcTextSize("…").x;
    std::size_t end = text.size();
    while (end > 0) {
        // Step back one UTF-8 character.
        do --end;
        while (end > 0 && (static_cast<unsigned char>(text[end]) & 0xC0) == 0x80);
        if (ImGui::CalcTextSize(text.data(), text.data() + end).x + ellipsis <= width) break;
    }
    return text.substr(0, end) + "…";
}

} // namespace recobra::ui
