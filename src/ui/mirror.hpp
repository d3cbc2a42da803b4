#pragma once
// The screen-reader mirror (docs/accessibility.md): what each frame drew — text, headings,
// controls with their names, values and states, tables, lists, tabs, dialogs, errors — is
// collected while it is drawn, compared with the frame before, and only the difference goes
// to the page (web/mirror.js), which keeps an off-screen ARIA copy of it that screen readers
// read and move through.
//
// How it is collected, without patching Dear ImGui: its item hooks (IMGUI_ENABLE_TEST_ENGINE's
// ItemAdd/ItemInfo: every interactive item, its rectangle, label and state) and its text log
// (every piece of text it renders, with the decorations that tell a button "[..]", a radio
// "(x)", a field's value "{..}"), read between items. The widget layer adds what ImGui cannot
// know: a field's label, its error, headings, a table's real row count, progress, messages.
// While it is off (Settings) none of this runs; while the app is idle nothing is drawn at all.
#include <imgui.h>

#include <string>
#include <string_view>

namespace recobra::ui::mirror {

bool on();
void setOn(bool on);

// Around the widgets of one frame. endFrame returns the changes as lines for web/mirror.js
// (empty when nothing changed).
void beginFrame();
std::string endFrame();

// Text drawn before this point is attributed to where it was drawn: call before moving to
// another table cell or row (nextCell, cell, nextRow in widgets.hpp do).
void flush();
// The text just drawn (since a flush) is a heading of that level; it reads `text`. Nothing
// when it was not drawn (out of view): the mirror holds what is on screen.
void heading(std::string_view text, int level);
// The label just drawn names the next control (a field's label above its input), even when
// the label itself is scrolled out of view.
void label(std::string_view text);
// The text just drawn is an error: an alert and, `ofControl`, the error of the control drawn
// before it, which is marked invalid and described by it.
void error(std::string_view text, bool ofControl = true);
// The last control is the current one of its group (the screen shown in the sidebar).
void current();
// The last text field holds `value` (what the log shows may be its hint).
void value(std::string_view value);
// Text drawn without ImGui's text functions (a pill's label).
void text(std::string_view text);
// The text just drawn (since a flush) was cut to fit: the mirror reads it whole.
void whole(std::string_view text);
// The last control's name, when its label was cut to fit.
void name(std::string_view name);
// A progress bar just drawn: what it says and how far (0-1).
void progress(std::string_view label, float fraction);
// The table being drawn lists `rows` rows in all (only those on screen are drawn); the row
// being drawn is the `index`-th (from 1).
void rowCount(int rows);
void rowIndex(int index);
// The table being drawn is a list to a screen reader: each row an item (the agenda).
void tableIsList();
// A message for the live region: a saved change (polite) or a refusal (urgent).
void announce(std::string_view text, bool urgent);

// Steps a list clipper with the text log paused: ImGui submits every item of a clipper while
// it logs, which would draw all 100,000 debtors.
bool step(ImGuiListClipper& clipper);

// The page moved the focus to the mirror's copy of a widget, or clicked it.
void focus(ImGuiID id);
void activate(ImGuiID id);
// The widget with the keyboard focus (what the mirror's focus follows), 0 if none.
ImGuiID focused();

} // namespace recobra::ui::mirror
