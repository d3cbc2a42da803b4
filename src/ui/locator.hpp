#pragma once
// Where named widgets were drawn in the last frame, so browser tests and scripts can click
// the real UI with real mouse events (window.recobra.locate(id)). Coordinates are canvas
// pixels; the page converts them to CSS pixels.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

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
// The tagged widgets of the last frame drawn cut where no scrolling shows them whole (off the
// window's right edge, overflowing a table column, below a window that cannot scroll): a small
// window's layout test asks that none be (window.recobra.cutWidgets()).
const std::vector<std::string>& cutLastFrame();

} // namespace recobra::ui
