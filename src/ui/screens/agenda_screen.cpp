#include "ui/screens/agenda_screen.hpp"

#include "core/letters/templates.hpp"
#include "core/rules/labels.hpp"
#include "core/state/queries.hpp"
#include "ui/forms/form.hpp"
#include "ui/widgets.hpp"

#include <algorithm>
#include <imgui.h>

namespace recobra::ui {

ImVec4 priorityColor(Priority priority) {
    switch (priority) {
    case Priority::High: return colors::danger;
    case Priority::Medium: return colors::warning;
    case Priority::Low: return colors::accent;
    }
    return colors::textMuted;
}

namespace {

Str groupTitle(Priority priority) {
    switch (priority) {
    case Priority::High: return Str::agenda_group_high;
    case Priority::Medium: return Str::agenda_group_medium;
    case Priority::Low: return Str::agenda_group_low;
    }
    return Str::agenda_group_low;
}

// A reason shown with the form: what is being done or put off, and for whom.
void itemContext(const std::string& debtorName, const std::string& reason, float width) {
    ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + width);
    ImGui::PushFont(fonts().bold, 0);
    ImGui::TextWrapped("%s", debtorName.c_str());
    ImGui::PopFont();
    ImGui::PushStyleColor(ImGuiCol_Text, colors::textMuted);
    ImGui::TextWrapped("%s", reason.c_str());
    ImGui::PopStyleColor();
    ImGui::PopTextWrapPos();
    ImGui::Spacing();
}

class AgendaHandleForm final : public Form {
public:
    AgendaHandleForm(Ui& ui, const AgendaItem& item, bool snooze)
        : snooze_(snooze), key_(item.key), debtor_(ui.state().debtors[item.debtor].id),
          debtorName_(ui.state().debtors[item.debtor].profile.legalName), reasonEs_(agendaReason(ui.state(), item, Lang::es)),
          reasonEn_(agendaReason(ui.state(), item, Lang::en)) {
        until_ = ui.date(ui.today().addDays(7));
    }
    const char* title(const Ui& ui) const override { return ui.t(snooze_ ? Str::form_agenda_snooze : Str::form_agenda_done); }
    const char* tag() const override { return snooze_ ? "snooze" : "done"; }

private:
    void fields(Ui& ui) override {
        const float w = width(ui);
        itemContext(debtorName_, ui.lang == Lang::es ? reasonEs_ : reasonEn_, w);
        if (snooze_) textField(ui, ui.t(Str::field_snooze_until), "until", until_, errors_, w / 2, ui.t(Str::date_hint));
        multilineField(ui, ui.t(snooze_ ? Str::field_snooze_reason : Str::field_done_reason), "reason", reason_, errors_,
                       w, ui.px(80));
        fieldError(errors_, "key");
    }
    std::optional<Command> command(Ui& ui) override {
        if (!snooze_) {
            AgendaDone c;
            c.debtor = debtor_;
            c.key = key_;
            c.reason = reason_;
            return c;
        }
        // Unread, its error is in errors_; a day the core cannot fault stands in for it.
        untilDay_ = readDate(ui, until_, "until").value_or(ui.today().addDays(1));
        AgendaSnoozed c;
        c.debtor = debtor_;
        c.key = key_;
        c.reason = reason_;
        c.until = untilDay_;
        return c;
    }
    void succeeded(Ui& ui, const CommandOutcome&) override {
        if (!ui.toast) return;
        if (snooze_) ui.toast(ui.tf(Str::toast_agenda_snoozed, {ui.date(untilDay_)}), ToastKind::Success);
        else ui.toast(ui.t(Str::toast_agenda_done), ToastKind::Success);
    }

    bool snooze_;
    std::string key_, debtor_, debtorName_, reasonEs_, reasonEn_;
    std::string reason_, until_;
    Date untilDay_;
};

} // namespace

std::shared_ptr<Form> agendaDoneForm(Ui& ui, const AgendaItem& item) {
    return std::make_shared<AgendaHandleForm>(ui, item, false);
}
std::shared_ptr<Form> agendaSnoozeForm(Ui& ui, const AgendaItem& item) {
    return std::make_shared<AgendaHandleForm>(ui, item, true);
}

void AgendaScreen::refresh(Ui& ui) {
    if (!ui.session) return;
    const auto& ws = ui.session->workspace();
    const Date today = ui.today();
    const auto me = myMember(ui.session->settings(), ws.state());
    const std::string mine = mineOnly_ && me ? ws.state().members[*me].id : std::string();
    if (ws.revision() == revision_ && today == day_ && mine == mine_) return;
    if (cache_.update(ws.state(), today, ws.folds()) || mine != mine_) {
        mine_ = mine;
        rebuildRows(ws.state());
    }
    revision_ = ws.revision();
    day_ = today;
}

void AgendaScreen::rebuildRows(const State& state) {
    rows_.clear();
    shown_ = 0;
    const auto& items = cache_.items();
    std::size_t heading = 0;
    const AgendaItem* previous = nullptr;
    for (std::size_t i = 0; i < items.size(); ++i) {
        if (!mine_.empty() && state.debtors[items[i]->debtor].assignee != mine_) continue;
        if (!previous || items[i]->priority != previous->priority) {
            heading = rows_.size();
            rows_.push_back(Row{nullptr, items[i]->priority, 0, 0});
        }
        ++rows_[heading].count;
        rows_.push_back(Row{items[i], items[i]->priority, 0, i});
        previous = items[i];
        ++shown_;
    }
}

void AgendaScreen::draw(Ui& ui) {
    setTagPrefix("agenda");
    refresh(ui);
    const State& s = ui.state();
    heading(ui.t(Str::agenda_title), 26);
    // The day on the heading's baseline.
    const float headingBottom = ImGui::GetItemRectMax().y;
    ImGui::SameLine();
    ImGui::SetCursorScreenPos(
        ImVec2(ImGui::GetCursorScreenPos().x, headingBottom - ImGui::GetTextLineHeight() - ui.px(3)));
    mutedText(ui.date(ui.today()));
    const std::size_t n = count();
    const std::string counted = n == 1 ? std::string(ui.t(Str::agenda_count_one))
                                       : ui.tf(Str::agenda_count, {formatCount(static_cast<std::int64_t>(n), ui.lang)});
    std::string line = counted;
    if (cache_.snoozed() > 0)
        line += "  ·  " + ui.tf(Str::agenda_snoozed_n, {formatCount(static_cast<std::int64_t>(cache_.snoozed()), ui.lang)});
    mutedText(line);
    tagLastItem("agenda.count");
    if (myMember(ui.session->settings(), s)) {
        wrapBeside(buttonWidth(ui.t(Str::agenda_mine)) + ImGui::GetFrameHeight());
        if (ImGui::Checkbox(ui.t(Str::agenda_mine), &mineOnly_)) refresh(ui);
        tagLastItem("agenda.mine");
        if (mineOnly_) {
            ImGui::SameLine();
            mutedText("(" + formatCount(static_cast<std::int64_t>(shown_), ui.lang) + ")");
        }
    }
    // The letters picked below, prepared together (one document to print, all marked as sent).
    std::erase_if(picked_, [&](const std::string& key) {
        return std::none_of(rows_.begin(), rows_.end(), [&](const Row& r) { return r.item && r.item->key == key; });
    });
    if (!picked_.empty()) {
        const std::string prepare = ui.tf(Str::lui_bulk_prepare, {std::to_string(picked_.size())});
        wrapBeside(buttonWidth(prepare.c_str()));
        if (primaryButton(prepare.c_str()) && ui.openLetters) {
            std::vector<std::pair<Index, std::string>> letters;
            std::optional<Channel> channel;
            for (const Row& r : rows_)
                if (r.item && picked_.count(r.item->key)) {
                    letters.emplace_back(r.item->debtor, r.item->step->templateName);
                    if (!channel) channel = r.item->step->channel;
                }
            ui.openLetters(std::move(letters), channel);
            picked_.clear();
        }
        tagLastItem("agenda.bulk");
    }
    ImGui::Spacing();
    if (n == 0) {
        const float width = std::min(ImGui::GetContentRegionAvail().x, ui.px(720));
        if (beginCard("##agenda-empty", ImVec2(width, 0), 24)) {
            ImGui::PushTextWrapPos(0);
            ImGui::TextWrapped("%s", ui.t(Str::agenda_empty));
            ImGui::PopTextWrapPos();
        }
        endCard();
        return;
    }

    // "What" is as wide as the widest kind in this language, so no pill is cut.
    float kindWidth = ImGui::CalcTextSize(ui.t(Str::agenda_col_what)).x;
    for (const auto& [kind, name] : EnumTable<AgendaKind>::values)
        kindWidth = std::max(kindWidth, ImGui::CalcTextSize(recobra::label(kind, ui.lang)).x);
    kindWidth += ui.px(20);
    // "Since" as wide as its longest date, so none is cut.
    const float sinceWidth = std::max(ImGui::CalcTextSize(ui.t(Str::agenda_col_since)).x,
                                      ImGui::CalcTextSize(ui.date(Date::fromYmd(2026, 9, 30).value_or(Date{})).c_str()).x) +
                             ui.px(8);
    const ImGuiStyle& style = ImGui::GetStyle();
    const float letterWidth = std::max(ImGui::CalcTextSize(ui.t(Str::lui_prepare)).x, ImGui::CalcTextSize(ui.t(Str::lui_script)).x);
    const float actionsWidth = ImGui::GetFrameHeight() + style.ItemSpacing.x + letterWidth + ImGui::CalcTextSize(ui.t(Str::agenda_done)).x +
                               ImGui::CalcTextSize(ui.t(Str::agenda_snooze)).x + style.FramePadding.x * 6 +
                               style.ItemSpacing.x * 2 + ui.px(8);
    // Never narrower than a name and a reason can be read in: in a small window the table
    // scrolls sideways, the debtors' names staying in view. Their column, frozen, holds the
    // groups' titles whole, and takes 2 parts of the room the reasons take 4.6 of.
    const ImGuiTableFlags flags = ImGuiTableFlags_ScrollY | ImGuiTableFlags_ScrollX | ImGuiTableFlags_RowBg |
                                  ImGuiTableFlags_BordersInnerH | ImGuiTableFlags_BordersOuter | ImGuiTableFlags_SizingStretchProp;
    float nameLeast = ui.px(150);
    ImGui::PushFont(fonts().bold, 0);
    for (const auto& [priority, name] : EnumTable<Priority>::values)
        nameLeast = std::max(nameLeast, ImGui::CalcTextSize((std::string(ui.t(groupTitle(priority))) + "  ·  000").c_str()).x);
    ImGui::PopFont();
    const float fixed = kindWidth + sinceWidth + actionsWidth + style.CellPadding.x * 10;
    const float inner = std::max(ImGui::GetContentRegionAvail().x, fixed + nameLeast + ui.px(180));
    if (!ImGui::BeginTable("agenda", 5, flags, ImVec2(0, std::max(ImGui::GetContentRegionAvail().y, ui.px(300))), inner))
        return;
    ImGui::TableSetupScrollFreeze(1, 1);
    mirror::tableIsList(); // to a screen reader each item is a list item with its reason
    ImGui::TableSetupColumn(ui.t(Str::agenda_col_debtor), ImGuiTableColumnFlags_WidthFixed,
                            std::max(nameLeast, (inner - fixed) * 2.0f / 6.6f));
    ImGui::TableSetupColumn(ui.t(Str::agenda_col_what), ImGuiTableColumnFlags_WidthFixed, kindWidth);
    ImGui::TableSetupColumn(ui.t(Str::agenda_col_why), ImGuiTableColumnFlags_WidthStretch);
    ImGui::TableSetupColumn(ui.t(Str::agenda_col_since), ImGuiTableColumnFlags_WidthFixed, sinceWidth);
    ImGui::TableSetupColumn("##actions", ImGuiTableColumnFlags_WidthFixed, actionsWidth);
    ImGui::TableHeadersRow();

    const float rowHeight = ui.px(36);
    const Date today = ui.today();
    ImGuiListClipper clipper;
    clipper.Begin(static_cast<int>(rows_.size()), rowHeight);
    while (mirror::step(clipper)) {
        for (int k = clipper.DisplayStart; k < clipper.DisplayEnd; ++k) {
            const Row& row = rows_[static_cast<std::size_t>(k)];
            nextRow(ImGuiTableRowFlags_None, rowHeight);
            if (!row.item) {
                ImGui::TableSetBgColor(ImGuiTableBgTarget_RowBg0, ImGui::GetColorU32(colors::background));
                cell(0);
                ImGui::AlignTextToFramePadding();
                ImGui::PushFont(fonts().bold, 0);
                ImGui::PushStyleColor(ImGuiCol_Text, priorityColor(row.priority));
                ImGui::TextUnformatted(
                    (std::string(ui.t(groupTitle(row.priority))) + "  ·  " +
                     formatCount(static_cast<std::int64_t>(row.count), ui.lang))
                        .c_str());
                ImGui::PopStyleColor();
                ImGui::PopFont();
                tagLastItem(std::string("agenda.group.") + enumName(row.priority));
                continue;
            }
            const AgendaItem& item = *row.item;
            const DebtorState& d = s.debtors[item.debtor];
            const bool tagged = row.index < 50;
            const std::string prefix = "agenda.item." + std::to_string(row.index);
            ImGui::PushID(k);
            cell(0);
            ImGui::AlignTextToFramePadding();
            const float nameWidth = ImGui::GetContentRegionAvail().x;
            if (ImGui::Selectable(fitText(d.profile.legalName, nameWidth).c_str(), false, 0, ImVec2(0, ui.px(28))) &&
                ui.openDebtor)
                ui.openDebtor(d.id);
            mirror::name(d.profile.legalName);
            if (tagged) tagLastItem(prefix + ".debtor");
            cell(1);
            // Centred on the row's text line, like the other cells.
            ImGui::SetCursorPosY(ImGui::GetCursorPosY() + ImGui::GetStyle().FramePadding.y - ui.px(2));
            pill(recobra::label(item.kind, ui.lang), priorityColor(item.priority));
            cell(2);
            ImGui::AlignTextToFramePadding();
            const std::string reason = agendaReason(s, item, ui.lang);
            const std::string shown = fitText(reason, ImGui::GetContentRegionAvail().x);
            mirror::flush();
            ImGui::TextUnformatted(shown.c_str());
            mirror::whole(reason);
            if (shown != reason && ImGui::IsItemHovered()) {
                ImGui::BeginTooltip();
                ImGui::PushTextWrapPos(ui.px(460));
                ImGui::TextWrapped("%s", reason.c_str());
                ImGui::PopTextWrapPos();
                ImGui::EndTooltip();
            }
            if (tagged) tagLastItem(prefix + ".reason");
            cell(3);
            ImGui::AlignTextToFramePadding();
            ImGui::PushStyleColor(ImGuiCol_Text, item.due < today ? colors::danger : colors::text);
            ImGui::TextUnformatted(ui.date(item.due).c_str());
            ImGui::PopStyleColor();
            cell(4);
            // A ladder step with a template: its letter or call script, in one click.
            if (item.step && !item.step->templateName.empty()) {
                const auto t = findTemplate(s.letters, item.step->templateName, ui.lang);
                const bool script = t && t->kind == TemplateKind::Script;
                // Picked to be prepared with others of the same action (not a call script).
                bool picked = picked_.count(item.key) > 0;
                ImGui::BeginDisabled(script || (!picked_.empty() && item.step->action != pickedAction_));
                if (ImGui::Checkbox("##pick", &picked)) {
                    if (picked) picked_.insert(item.key);
                    else picked_.erase(item.key);
                    pickedAction_ = item.step->action;
                }
                ImGui::EndDisabled();
                mirror::name(ui.tf(Str::a11y_pick, {d.profile.legalName}));
                if (tagged) tagLastItem(prefix + ".pick");
                ImGui::SameLine();
                const std::string label = std::string(ui.t(script ? Str::lui_script : Str::lui_prepare));
                if (ImGui::Button(label.c_str(), ImVec2(letterWidth + style.FramePadding.x * 2, 0)) && ui.openLetter)
                    ui.openLetter(item.debtor, item.step->templateName, item.step->channel);
                if (tagged) tagLastItem(prefix + ".letter");
            } else {
                ImGui::Dummy(ImVec2(ImGui::GetFrameHeight() + style.ItemSpacing.x + letterWidth + style.FramePadding.x * 2, 0));
            }
            ImGui::SameLine();
            if (primaryButton(ui.t(Str::agenda_done)) && ui.openForm) ui.openForm(agendaDoneForm(ui, item));
            if (tagged) tagLastItem(prefix + ".done");
            ImGui::SameLine();
            if (ImGui::Button(ui.t(Str::agenda_snooze)) && ui.openForm) ui.openForm(agendaSnoozeForm(ui, item));
            if (tagged) tagLastItem(prefix + ".snooze");
            ImGui::PopID();
        }
    }
    ImGui::EndTable();
}

nlohmann::json AgendaScreen::stateJson(const Ui& ui) const {
    nlohmann::json items = nlohmann::json::array();
    if (!ui.session) return items;
    const State& s = ui.state();
    for (const Row& row : rows_) {
        if (!row.item) continue;
        if (items.size() == 50) break;
        const AgendaItem& item = *row.item;
        items.push_back({{"key", item.key},
                         {"debtor", s.debtors[item.debtor].id},
                         {"debtorName", s.debtors[item.debtor].profile.legalName},
                         {"kind", recobra::label(item.kind, ui.lang)},
                         {"priority", enumName(item.priority)},
                         {"reason", agendaReason(s, item, ui.lang)},
                         {"due", ui.date(item.due)}});
    }
    return {{"count", cache_.items().size()},
            {"snoozed", cache_.snoozed()},
            {"items", items},
            {"mineOnly", !mine_.empty()},
            {"shown", shown_}};
}

} // namespace recobra::ui
