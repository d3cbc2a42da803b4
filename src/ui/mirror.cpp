#include "ui/mirror.hpp"

#include <imgui_internal.h>

#include <algorithm>
#include <cfloat>
#include <cstring>
#include <vector>

namespace recobra::ui::mirror {

namespace {

// A node's states (web/mirror.js turns them into aria-* attributes).
enum : unsigned { Checked = 1, Current = 2, Expanded = 4, Invalid = 8, Disabled = 16 };
// Roles, one letter each (web/mirror.js has the table): t text, h heading, b button, c checkbox,
// r radio, x combobox, e text field, a tab, B tab list, o option, O list box (a popup), T table,
// R row, C cell, H column header, L list, I list item, g a list item's part, D dialog, A alert,
// P progress bar, M the main area.
constexpr ImGuiID kRoot = 0, kMain = 1, kSkip = ~0u; // kSkip: inside a tooltip, not mirrored

struct Node {
    ImGuiID key = 0, parent = 0;
    char role = 't';
    unsigned state = 0;
    int number = 0;    // heading level, row count or index, progress percent
    ImGuiID error = 0; // the alert that describes a control
    ImGuiID kids = 0;  // a hash of its children's keys, in order
    std::string name, value;

    bool sameAs(const Node& o) const {
        return parent == o.parent && role == o.role && state == o.state && number == o.number && error == o.error &&
               name == o.name && value == o.value;
    }
};

// The interactive item being drawn, from its ItemAdd until its ItemInfo (or the next item).
struct Item {
    ImGuiID id = 0, parent = 0;
    int logAt = 0;
    unsigned state = 0;
};

struct Mirror {
    bool on = true, active = false;
    // (ImGuiStorage, ImGui's sorted key -> int map: no more code in the page for a map of our own.)
    std::vector<Node> nodes, last; // this frame's, the previous frame's
    ImGuiStorage where, lastWhere; // key -> 1 + index in nodes (last)
    ImGuiStorage texts;            // parent -> text nodes in it so far
    ImGuiStorage windows;          // a child window -> the container it began in
    ImGuiStorage listTables;       // tables shown as lists -> 1
    ImGuiID rootKids = 0, lastRootKids = 0;
    ImGuiID focus = 0, lastFocus = 0, wantFocus = 0;
    Item item;
    ImGuiID infoId = 0; // a tab tells its label before it is added
    std::string infoLabel;
    ImGuiItemStatusFlags infoFlags = 0;
    ImGuiID context = kMain; // where the text drawn since the last flush goes
    int logRead = 0;         // how much of ImGui's log has been read
    std::string nextLabel;
    int lastControl = -1, unnamed = -1;
    std::string announcements;
};
Mirror m;

Node& at(int i) { return m.nodes[static_cast<std::size_t>(i)]; }

ImGuiTextBuffer& log() { return GImGui->LogBuffer; }

int add(ImGuiID key, ImGuiID parent, char role) {
    if (parent == kSkip) return -1;
    if (const int i = m.where.GetInt(key)) return i - 1;
    Node& n = m.nodes.emplace_back();
    n.key = key;
    n.parent = parent;
    n.role = role;
    m.where.SetInt(key, static_cast<int>(m.nodes.size()));
    return static_cast<int>(m.nodes.size()) - 1;
}

int find(ImGuiID key) { return m.where.GetInt(key) - 1; }

bool isListTable(ImGuiID table) { return m.listTables.GetInt(table) != 0; }

ImGuiID windowContainer(ImGuiWindow* w);

// The row table `t` is drawing (and the table), created if new: its key, kSkip if not mirrored.
ImGuiID rowOf(const ImGuiTable* t) {
    const bool list = isListTable(t->ID);
    if (list && (t->RowFlags & ImGuiTableRowFlags_Headers)) return kSkip; // a list's items say what they are
    if (add(t->ID, windowContainer(t->OuterWindow), list ? 'L' : 'T') < 0) return kSkip;
    const ImGuiID row = ImHashData(&t->CurrentRow, sizeof t->CurrentRow, t->ID);
    add(row, t->ID, list ? 'I' : 'R');
    return row;
}

// The container of what window `w` draws now: the table cell it is in, else its window's.
ImGuiID here(ImGuiWindow* w) {
    const ImGuiTable* t = GImGui->CurrentTable;
    if (t && t->InnerWindow == w && t->CurrentRow >= 0 && t->CurrentColumn >= 0) {
        const ImGuiID row = rowOf(t);
        if (row == kSkip) return kSkip;
        const ImGuiID cell = ImHashData(&t->CurrentColumn, sizeof t->CurrentColumn, row);
        add(cell, row, isListTable(t->ID) ? 'g' : (t->RowFlags & ImGuiTableRowFlags_Headers) ? 'H' : 'C');
        return cell;
    }
    return windowContainer(w);
}

ImGuiID windowContainer(ImGuiWindow* w) {
    if (w->Flags & ImGuiWindowFlags_Tooltip) return kSkip;
    if (w->Flags & ImGuiWindowFlags_ChildWindow) {
        const auto began = static_cast<ImGuiID>(m.windows.GetInt(w->ID));
        return began ? began : windowContainer(w->ParentWindow);
    }
    if (w->Flags & (ImGuiWindowFlags_Modal | ImGuiWindowFlags_Popup)) {
        const bool modal = (w->Flags & ImGuiWindowFlags_Modal) != 0;
        const int i = add(w->ID, kRoot, modal ? 'D' : 'O');
        if (modal && at(i).name.empty()) at(i).name = std::string(static_cast<const char*>(w->Name), ImGui::FindRenderedTextEnd(w->Name));
        return w->ID;
    }
    return kMain;
}

std::string_view trim(std::string_view s) {
    const auto first = s.find_first_not_of(" |");
    if (first == std::string_view::npos) return {};
    return s.substr(first, s.find_last_not_of(" |") - first + 1);
}

// The text logged in [from, to), one line at a time.
template <class Each>
void lines(int from, int to, Each each) {
    std::string_view all(log().begin() + from, static_cast<std::size_t>(to - from));
    while (!all.empty()) {
        const auto end = all.find('\n');
        if (const auto line = trim(all.substr(0, end)); !line.empty()) each(line);
        if (end == std::string_view::npos) break;
        all.remove_prefix(end + 1);
    }
}

int textNode(ImGuiID parent, std::string_view text, char role = 't') {
    if (parent == kSkip || text.empty()) return -1;
    // A control with no name of its own (a table row's selectable) is named by the text after it.
    if (role == 't' && m.unnamed >= 0 && at(m.unnamed).parent == parent) {
        at(m.unnamed).name = text;
        m.unnamed = -1;
        return -1;
    }
    const int ordinal = (*m.texts.GetIntRef(parent, 0))++;
    const int i = add(ImHashData(&ordinal, sizeof ordinal, parent ^ 0x9e3779b9u), parent, role);
    at(i).name = text;
    return i;
}

// The control being drawn, once ImGui told its label and state (or the next item began).
void control(const char* label, ImGuiItemStatusFlags flags, int end) {
    ImGuiContext& g = *GImGui;
    const std::string seg(trim(std::string_view(log().begin() + m.item.logAt, static_cast<std::size_t>(end - m.item.logAt))));
    std::string name = label ? std::string(trim(std::string_view(label, static_cast<std::size_t>(ImGui::FindRenderedTextEnd(label) - label)))) : "";
    std::string value;
    unsigned state = m.item.state;
    ImGuiID parent = m.item.parent;
    const auto braces = [&] {
        const auto open = seg.find('{'), close = seg.rfind('}');
        return open != std::string::npos && close > open ? seg.substr(open + 1, close - open - 1) : std::string();
    };
    char role = 'b';
    if (ImGuiTabBar* bar = g.CurrentTabBar; bar && ImGui::TabBarFindTabByID(bar, m.item.id)) {
        add(bar->ID, parent, 'B');
        parent = bar->ID;
        role = 'a';
        if (bar->SelectedTabId == m.item.id) state |= Current;
    } else if (flags & ImGuiItemStatusFlags_Inputable) {
        role = 'e';
        value = braces();
    } else if (flags & ImGuiItemStatusFlags_Checkable) {
        role = 'c';
        if (flags & ImGuiItemStatusFlags_Checked) state |= Checked;
    } else if (seg.rfind("(x)", 0) == 0 || seg.rfind("( )", 0) == 0) {
        role = 'r';
        if (seg[1] == 'x') state |= Checked;
    } else if (!label && seg.find('{') != std::string::npos) { // a combo: "{preview} label"
        role = 'x';
        value = braces();
        name = trim(seg.substr(seg.rfind('}') + 1));
        if (ImGui::IsPopupOpen(ImHashStr("##ComboPopup", 0, m.item.id), ImGuiPopupFlags_None)) state |= Expanded;
    } else if (!label) {
        lines(m.item.logAt, end, [&](std::string_view line) { textNode(parent, line); }); // a column's header
        m.item.id = 0;
        return;
    } else if ((g.CurrentWindow->RootWindow->Flags & (ImGuiWindowFlags_Popup | ImGuiWindowFlags_Modal)) ==
               ImGuiWindowFlags_Popup) {
        role = 'o';
    }
    if (name.empty()) name = m.nextLabel;
    m.nextLabel.clear();
    // A field in a table's cell without a label of its own: its column's header names it.
    if (const ImGuiTable* t = g.CurrentTable; name.empty() && t && t->CurrentRow > 0 && strchr("excr", role)) {
        const int zero = 0;
        const ImGuiID head = ImHashData(&t->CurrentColumn, sizeof t->CurrentColumn, ImHashData(&zero, sizeof zero, t->ID));
        if (const int h = find(ImHashData(&zero, sizeof zero, head ^ 0x9e3779b9u)); h >= 0) name = at(h).name;
    }
    if (name.empty() && role == 'x') name = value; // a filter's combo says "Stage: any"
    const int i = add(m.item.id, parent, role);
    m.item.id = 0;
    if (i < 0) return;
    Node& n = at(i);
    n.name = std::move(name);
    n.value = std::move(value);
    n.state = state;
    m.lastControl = i;
    m.unnamed = n.name.empty() ? i : -1;
    // The keyboard's focus, when it shows (not where a click left it), or the field typed in.
    if (n.key == g.ActiveId || (n.key == g.NavId && g.NavCursorVisible)) m.focus = n.key;
}

void finishItem(int end) {
    if (m.item.id != m.infoId) return control(nullptr, 0, end);
    control(m.infoLabel.c_str(), m.infoFlags, end);
    m.infoId = 0;
}

void itemAdd(ImGuiID id) {
    ImGuiContext& g = *GImGui;
    flush();
    ImGuiWindow* w = g.CurrentWindow;
    if (id == w->ID) { // a window begins: a child's content belongs where it began
        if ((w->Flags & ImGuiWindowFlags_ChildWindow) && w->ParentWindow) m.windows.SetInt(id, static_cast<int>(here(w->ParentWindow)));
        m.context = here(w);
        return;
    }
    m.item = Item{id, m.context, log().size(), (g.CurrentItemFlags & ImGuiItemFlags_Disabled) ? Disabled : 0u};
    if (id == m.wantFocus) {
        m.wantFocus = 0;
        ImGui::SetFocusID(id, w);
        ImGui::SetNavCursorVisible(true);
        ImGui::ScrollToItem(ImGuiScrollFlags_KeepVisibleEdgeY);
    }
}

void itemInfo(ImGuiID id, const char* label, ImGuiItemStatusFlags flags) {
    if (id == GImGui->CurrentWindow->ID) return;
    if (id != m.item.id) { // a tab: its label comes before it is added (the tab before it is done)
        flush();
        m.infoId = id;
        m.infoLabel = label;
        m.infoFlags = flags;
        return;
    }
    control(label, flags, log().size());
    m.logRead = log().size();
}

std::string key36(ImGuiID key) {
    char buf[8];
    int n = 0;
    do buf[n++] = "0123456789abcdefghijklmnopqrstuvwxyz"[key % 36];
    while ((key /= 36) != 0);
    return std::string(std::reverse_iterator(buf + n), std::reverse_iterator(buf));
}

void clean(std::string& out, std::string_view text) {
    for (const char c : text) out += (c == '\t' || c == '\n' || c == '\r') ? ' ' : c;
}

std::string encode(const Node& n) {
    std::string line = key36(n.key);
    line += '\t';
    line += key36(n.parent);
    line += '\t';
    line += n.role;
    line += '\t' + std::to_string(n.state) + '\t' + std::to_string(n.number) + '\t' + (n.error ? key36(n.error) : "") + '\t';
    clean(line, n.name);
    line += '\t';
    clean(line, n.value);
    return line;
}

Node* lastControl() { return m.lastControl >= 0 ? &at(m.lastControl) : nullptr; }

} // namespace

bool on() { return m.on; }
void setOn(bool on) { m.on = on; }

void beginFrame() {
    if (!m.on) return;
    ImGuiContext& g = *GImGui;
    m.active = true;
    m.nodes.clear();
    m.where.Clear();
    m.texts.Clear();
    m.windows.Clear();
    m.listTables.Clear();
    m.item = {};
    m.infoId = 0;
    m.nextLabel.clear();
    m.lastControl = m.unnamed = -1;
    m.context = kMain;
    m.focus = 0;
    add(kMain, kRoot, 'M');
    // ImGui's text log into its buffer, set up as LogToBuffer would, but without its side effects
    // on layout: items are still clipped (LogBegin unclips them all) and nothing opens itself.
    g.TestEngineHookItems = true;
    g.LogEnabled = true;
    g.LogFlags = ImGuiLogFlags_OutputBuffer;
    g.LogWindow = nullptr;
    g.LogBuffer.clear();
    g.LogNextPrefix = g.LogNextSuffix = nullptr;
    g.LogDepthRef = 0;
    g.LogDepthToExpand = 0;
    g.LogLinePosY = FLT_MAX;
    g.LogLineFirstItem = true;
    m.logRead = 0;
}

std::string endFrame() {
    std::string out;
    if (!m.active) {
        if (!m.last.empty()) { // just switched off: the copy goes
            out = "X\n";
            m.last.clear();
            m.lastWhere.Clear();
            m.lastRootKids = 0;
            m.lastFocus = 0;
        }
        return out;
    }
    flush();
    ImGuiContext& g = *GImGui;
    g.LogEnabled = false;
    g.LogBuffer.clear();
    g.TestEngineHookItems = false;
    m.active = false;

    // Each container's children, as a hash of their keys in order: a list to send when it changed.
    m.rootKids = 0;
    for (const Node& n : m.nodes) {
        const int parent = find(n.parent);
        ImGuiID& kids = parent < 0 ? m.rootKids : at(parent).kids; // (kRoot is no node)
        kids = ImHashData(&n.key, sizeof n.key, kids);
    }
    const auto kidsOf = [&](ImGuiID parent) {
        std::string list = '=' + key36(parent) + '\t';
        for (const Node& n : m.nodes)
            if (n.parent == parent) list += key36(n.key) + ' ';
        return list + '\n';
    };
    for (const Node& n : m.nodes) {
        const int was = m.lastWhere.GetInt(n.key) - 1;
        if (was < 0 || !n.sameAs(m.last[static_cast<std::size_t>(was)])) out += '+' + encode(n) + '\n';
    }
    for (const Node& n : m.last)
        if (find(n.key) < 0) out += '-' + key36(n.key) + '\n';
    if (m.rootKids != m.lastRootKids) out += kidsOf(kRoot);
    for (const Node& n : m.nodes) {
        const int was = m.lastWhere.GetInt(n.key) - 1;
        if (n.kids != (was < 0 ? 0 : m.last[static_cast<std::size_t>(was)].kids)) out += kidsOf(n.key);
    }
    if (m.focus != m.lastFocus) out += '!' + key36(m.focus) + '\n';
    m.lastFocus = m.focus;
    out += m.announcements;
    m.announcements.clear();
    std::swap(m.last, m.nodes);
    std::swap(m.lastWhere, m.where);
    m.lastRootKids = m.rootKids;
    return out;
}

void flush() {
    if (!m.active) return;
    const int end = log().size();
    if (m.item.id) finishItem(end);
    else lines(m.logRead, end, [](std::string_view line) { textNode(m.context, line); });
    m.logRead = end;
    m.context = here(GImGui->CurrentWindow);
}

namespace {
// Whether anything was drawn since the last flush; it is then read.
bool drawn() {
    const bool any = log().size() > m.logRead;
    m.logRead = log().size();
    return any;
}
} // namespace

void heading(std::string_view text, int level) {
    if (!m.active || !drawn()) return;
    const int i = textNode(m.context, text, 'h');
    if (i < 0) return;
    at(i).number = level;
    // A dialog without a title of its own is named by its first heading.
    if (const int d = find(m.context); d >= 0 && at(d).role == 'D' && at(d).name.empty()) at(d).name = at(i).name;
}

void label(std::string_view text) {
    if (!m.active) return;
    drawn();
    m.nextLabel = text;
}

void error(std::string_view text, bool ofControl) {
    if (!m.active) return;
    const int i = drawn() ? textNode(m.context, text, 'A') : -1;
    if (Node* c = lastControl(); ofControl && c) {
        c->state |= Invalid;
        if (i >= 0) c->error = at(i).key;
    }
}

void current() {
    if (Node* c = lastControl(); m.active && c) c->state |= Current;
}

void value(std::string_view value) {
    if (Node* c = lastControl(); m.active && c && c->role == 'e') c->value = value;
}

void text(std::string_view text) {
    if (!m.active) return;
    flush();
    textNode(m.context, text);
}

void whole(std::string_view text) {
    if (!m.active) return;
    m.logRead = log().size();
    textNode(m.context, text);
}

void name(std::string_view name) {
    if (Node* c = lastControl(); m.active && c) c->name = name;
}

void progress(std::string_view label, float fraction) {
    if (!m.active) return;
    m.logRead = log().size(); // the bar's own text: it is the label
    const int i = textNode(m.context, label, 'P');
    if (i >= 0) at(i).number = static_cast<int>(std::clamp(fraction, 0.0f, 1.0f) * 100 + 0.5f);
}

namespace {
int tableNode() {
    const ImGuiTable* t = GImGui->CurrentTable;
    return m.active && t ? add(t->ID, windowContainer(t->OuterWindow), isListTable(t->ID) ? 'L' : 'T') : -1;
}
} // namespace

void rowCount(int rows) {
    if (const int i = tableNode(); i >= 0) at(i).number = rows + 1; // with the header row
}

void rowIndex(int index) {
    const ImGuiTable* t = GImGui->CurrentTable;
    if (!m.active || !t || t->CurrentRow < 0) return;
    const ImGuiID row = rowOf(t);
    if (row != kSkip) at(find(row)).number = index + 1;
}

void tableIsList() {
    const ImGuiTable* t = GImGui->CurrentTable;
    if (!m.active || !t) return;
    m.listTables.SetInt(t->ID, 1);
    if (const int i = tableNode(); i >= 0) at(i).role = 'L';
}

void announce(std::string_view text, bool urgent) {
    if (!m.on) return;
    m.announcements += urgent ? "@a\t" : "@p\t";
    clean(m.announcements, text);
    m.announcements += '\n';
}

bool step(ImGuiListClipper& clipper) {
    ImGuiContext& g = *GImGui;
    const bool logging = g.LogEnabled;
    g.LogEnabled = false;
    const bool more = clipper.Step();
    g.LogEnabled = logging;
    return more;
}

void focus(ImGuiID id) { m.wantFocus = id; }

void activate(ImGuiID id) {
    m.wantFocus = id;
    ImGui::ActivateItemByID(id);
    GImGui->NavNextActivateFlags = ImGuiActivateFlags_PreferInput; // a text field: start typing
}

ImGuiID focused() { return m.lastFocus; }

} // namespace recobra::ui::mirror

// Dear ImGui's item hooks (IMGUI_ENABLE_TEST_ENGINE, cmake/ThirdParty.cmake). It calls them only
// while ImGuiContext::TestEngineHookItems is set: during a mirrored frame.
void ImGuiTestEngineHook_ItemAdd(ImGuiContext*, ImGuiID id, const ImRect&, const ImGuiLastItemData*) {
    recobra::ui::mirror::itemAdd(id);
}
void ImGuiTestEngineHook_ItemInfo(ImGuiContext*, ImGuiID id, const char* label, ImGuiItemStatusFlags flags) {
    recobra::ui::mirror::itemInfo(id, label, flags);
}
void ImGuiTestEngineHook_Log(ImGuiContext*, const char*, ...) {}
const char* ImGuiTestEngine_FindItemDebugLabel(ImGuiContext*, ImGuiID) { return nullptr; }
