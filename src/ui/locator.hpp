#pragma once
// Where named widgets were drawn in the last frame, so browser tests and scripts can click
// the real UI with real mouse events (window.recobra.locate(id)). Coordinates are canvas
// pixels; the page converts them to CSS pixels.
#include <optional>
#include <string>
#include <string_view>

namespace recobra::ui {

struct ItemRect {
    float x = 0, y = 0, width = 0, height = 0;
};

void beginLocatorFrame();
// Records the rectangle of the last ImGui item under this id.
void tagLastItem(std::string_view id);
std::optional<ItemRect> locate(std::string_view id);

} // namespace recobra::ui
