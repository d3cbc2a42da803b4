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
    std::string text; // what a figure widget shows, when it was tagged with it
};

void beginLocatorFrame();
// Records the rectangle of the last ImGui item under this id, and for a figure the text it
// shows, so a test can compare what the UI says with what the core computed.
void tagLastItem(std::string_view id, std::string_view text = {});
std::optional<ItemRect> locate(std::string_view id);

} // namespace recobra::ui
