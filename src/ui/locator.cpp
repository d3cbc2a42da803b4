#include "ui/locator.hpp"

#include <imgui.h>
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
int currentFrame = 0;
} // namespace

void beginLocatorFrame() { ++currentFrame; }

void tagLastItem(std::string_view id, std::string_view text) {
    if (!ImGui::IsItemVisible()) return;
    const ImVec2 min = ImGui::GetItemRectMin();
    const ImVec2 max = ImGui::GetItemRectMax();
    auto& entry = registry()[std::string(id)];
    entry.rect = ItemRect{min.x, min.y, max.x - min.x, max.y - min.y, std::string(text)};
    entry.frame = currentFrame;
}

std::optional<ItemRect> locate(std::string_view id) {
    auto it = registry().find(std::string(id));
    if (it == registry().end() || it->second.frame != currentFrame) return std::nullopt;
    return it->second.rect;
}

} // namespace recobra::ui
