#pragma once
// Colours, spacing and fonts: one place, so every screen looks like the same product.
#include <imgui.h>

namespace recobra::ui {

namespace colors {
inline constexpr ImVec4 text{0.118f, 0.165f, 0.208f, 1.0f};      // #1E2A35
inline constexpr ImVec4 textMuted{0.416f, 0.471f, 0.525f, 1.0f}; // #6A7886
inline constexpr ImVec4 accent{0.122f, 0.373f, 0.545f, 1.0f};    // #1F5F8B
inline constexpr ImVec4 accentHover{0.157f, 0.447f, 0.639f, 1.0f};
inline constexpr ImVec4 accentSoft{0.871f, 0.918f, 0.953f, 1.0f}; // #DEEAF3
inline constexpr ImVec4 background{0.957f, 0.965f, 0.973f, 1.0f}; // #F4F6F8
inline constexpr ImVec4 surface{1.0f, 1.0f, 1.0f, 1.0f};
inline constexpr ImVec4 border{0.851f, 0.878f, 0.902f, 1.0f}; // #D9E0E6
inline constexpr ImVec4 sidebar{0.110f, 0.165f, 0.224f, 1.0f}; // #1C2A39
inline constexpr ImVec4 sidebarText{0.839f, 0.871f, 0.902f, 1.0f};
inline constexpr ImVec4 success{0.180f, 0.490f, 0.196f, 1.0f}; // #2E7D32
inline constexpr ImVec4 warning{0.698f, 0.416f, 0.0f, 1.0f};   // #B26A00
inline constexpr ImVec4 danger{0.776f, 0.157f, 0.157f, 1.0f};  // #C62828
} // namespace colors

inline constexpr float kBaseFontSize = 16.0f;

struct Fonts {
    ImFont* regular = nullptr;
    ImFont* bold = nullptr;
};
Fonts& fonts();

// Resets the style to the theme and scales every size for the screen's pixel density.
void applyTheme(float scale);

// The main action of a form or screen: filled with the accent colour.
bool primaryButton(const char* label, ImVec2 size = ImVec2(0, 0));

// Heading text in the bold face at `size` (unscaled pixels).
void heading(const char* text, float size = 22.0f);

} // namespace recobra::ui
