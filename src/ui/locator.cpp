#include "ui/locator.hpp"

#include <imgui.h>
#include <imgui_internal.h>
#include <algorithm>
#include <unordered_map>

namespace recobra::ui {

namespace {
struct Tagged {
    ItemRect rect;
    int frame = -1;
};
std::unordered_map<std::string, Tagged>& registry() {
    static std::unordered_map<std::string, Tagged> items;
    return items;
}
std::vector<std::string> cutItems;
int currentFrame = 0;

// Whether the item just drawn is cut where no scrolling brings it into view. Along each axis,
// from its window out: past a window's edge is fine when that window scrolls that way (the
// item then counts as at that edge, for the windows around it), and cut when it does not.
// Across, overflowing what clips it inside its window (a table's column, a tab bar) is cut.
bool cutWithoutScroll(ImRect item) {
    constexpr float e = 1.0f;
    const ImGuiWindow* w = ImGui::GetCurrentWindowRead();
    // (A row spanning every column starts left of its cell's clip: not a cell's content.)
    if (item.Max.x > w->ClipRect.Max.x + e && w->ClipRect.Max.x < w->InnerClipRect.Max.x - e &&
        item.Min.x >= w->ClipRect.Min.x - e)
        return true;
    for (; w; w = (w->Flags & ImGuiWindowFlags_ChildWindow) ? w->ParentWindow : nullptr) {
        for (std::size_t axis = 0; axis < 2; ++axis) {
            const float low = w->InnerRect.Min[axis], high = w->InnerRect.Max[axis];
            const bool past = item.Max[axis] > high + e, before = item.Min[axis] < low - e;
            if (!past && !before) continue;
            if (!(axis == 0 ? w->ScrollbarX : w->ScrollbarY)) return true;
            if ((past && w->Scroll[axis] >= w->ScrollMax[axis]) || (before && w->Scroll[axis] <= 0)) return true;
            item.Min[axis] = std::max(item.Min[axis], low);
            item.Max[axis] = std::min(item.Max[axis], high);
        }
    }
    return false;
}
} // namespace

void beginLocatorFrame() {
    ++currentFrame;
    cutItems.clear();
}

void tagLastItem(std::string_view id, std::string_view text) {
    const ImVec2 min = ImGui::GetItemRectMin();
    const ImVec2 max = ImGui::GetItemRectMax();
    // (A window out of view skips its items: nothing was drawn, and the last item is another's.)
    if (!ImGui::GetCurrentWindowRead()->SkipItems && cutWithoutScroll(ImRect(min, max))) cutItems.emplace_back(id);
    if (!ImGui::IsItemVisible()) return;
    auto& entry = registry()[std::string(id)];
    entry.rect = ItemRect{min.x, min.y, max.x - min.x, max.y - min.y, std::string(text)};
    entry.frame = currentFrame;
}

std::optional<ItemRect> locate(std::string_view id) {
    auto it = registry().find(std::string(id));
    if (it == registry().end() || it->second.frame != currentFrame) return std::nullopt;
    return it->second.rect;
}

const std::vector<std::string>& cutLastFrame() { return cutItems; }

} // namespace recobra::ui
