#pragma once
// "A new version is available — Update": shown when the service worker has installed a new
// build (web/offline.js). The page reloads into it only when the user asks.
#include "ui/ui.hpp"

namespace recobra::ui {

// Draws the banner; returns true when its button was pressed.
bool updateBanner(const Ui& ui);

} // namespace recobra::ui
