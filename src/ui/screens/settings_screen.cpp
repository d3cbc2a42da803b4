#include "ui/screens/settings_screen.hpp"

#include "core/state/queries.hpp"
#include "ui/screens/law_settings.hpp"
#include "ui/screens/policy_editor.hpp"

#include <cstdio>
#include <imgui_stdlib.h>

namespace recobra::ui {

namespace {
// A team member retired (kept in the history, no longer offered) or brought back.
MemberUpdated activation(const std::string& member, bool active) {
    MemberUpdated c;
    c.member = member;
    c.active = active;
    return c;
}
} // namespace

void SettingsScreen::draw(Ui& ui) {
    setTagPrefix("settings");
    heading(ui.t(Str::settings_title), 26);
    ImGui::Spacing();
    const float width = std::min(ImGui::GetContentRegionAvail().x, ui.px(760));
    if (beginCard("##you", ImVec2(width, 0))) drawYou(ui);
    endCard();
    ImGui::Spacing();
    if (scrollToBusiness_) {
        ImGui::SetScrollHereY(0.0f);
        scrollToBusiness_ = false;
    }
    if (beginCard("##business", ImVec2(width, 0))) letters_.drawBusiness(ui);
    endCard();
    ImGui::Spacing();
    // The templates' editor and preview side by side: as wide as the screen allows.
    if (beginCard("##templates", ImVec2(std::min(ImGui::GetContentRegionAvail().x, ui.px(1400)), 0)))
        letters_.drawTemplates(ui);
    endCard();
    ImGui::Spacing();
    if (beginCard("##team", ImVec2(width, 0))) drawTeam(ui);
    endCard();
    ImGui::Spacing();
    if (beginCard("##policy", ImVec2(width, 0))) drawPolicyCard(ui);
    endCard();
    ImGui::Spacing();
    if (beginCard("##law", ImVec2(width, 0))) drawLawCard(ui);
    endCard();
    ImGui::Spacing();
    if (beginCard("##backups", ImVec2(width, 0))) drawBackups(ui);
    endCard();
    ImGui::Spacing();
    if (beginCard("##sync", ImVec2(width, 0))) drawSync(ui);
    endCard();
    ImGui::Spacing();
    if (beginCard("##storage", ImVec2(width, 0))) drawStorage(ui);
    endCard();
}

// Team sync (docs/sync.md): the server, database and user; the password only while signing in.
void SettingsScreen::drawSync(Ui& ui) {
    heading(ui.t(Str::sync_title), 17);
    const auto& info = ui.syncInfo;
    const auto text = [&](const char* key) {
        const auto it = info.find(key);
        return it != info.end() && it->is_string() ? it->get<std::string>() : std::string();
    };
    const auto number = [&](const char* key) {
        const auto it = info.find(key);
        return it != info.end() && it->is_number() ? it->get<double>() : 0.0;
    };
    const std::string state = text("state"), error = text("error"), detail = text("detail");
    const bool configured = !text("url").empty();
    if (!syncLoaded_ && configured) {
        syncUrl_ = text("url");
        syncDb_ = text("db");
        syncUser_ = text("user");
    }
    syncLoaded_ = syncLoaded_ || configured;
    ImGui::PushTextWrapPos(0);
    mutedText(ui.t(Str::sync_explain));
    if (ui.demoLoaded) mutedText(ui.t(Str::sync_example_local));
    setTagPrefix("settings.sync");
    const FieldErrors none;
    ImGui::BeginGroup();
    textField(ui, ui.t(Str::sync_server), "url", syncUrl_, none, ui.px(300), "https://couch.example.com");
    nextFieldColumn(ui.px(180));
    textField(ui, ui.t(Str::sync_database), "db", syncDb_, none, ui.px(180));
    ImGui::EndGroup();
    ImGui::BeginGroup();
    textField(ui, ui.t(Str::sync_user), "user", syncUser_, none, ui.px(180));
    nextFieldColumn(ui.px(180));
    fieldLabel(ui.t(Str::sync_password));
    ImGui::SetNextItemWidth(ui.px(180));
    ImGui::InputText("##password", &syncPassword_, ImGuiInputTextFlags_Password);
    tagLastItem("settings.sync.password"); // its text is never exposed
    nextFieldColumn(buttonWidth(ui.t(Str::sync_connect)));
    fieldLabel(" ");
    if (primaryButton(ui.t(Str::sync_connect))) {
        const auto quoted = [](const std::string& v) { return nlohmann::json(v).dump(); };
        ui.host.sync("{\"connect\":{\"url\":" + quoted(syncUrl_) + ",\"db\":" + quoted(syncDb_) + ",\"user\":" +
                     quoted(syncUser_) + ",\"password\":" + quoted(syncPassword_) + "}}");
        syncPassword_.clear();
    }
    tagLastItem("settings.sync.connect");
    ImGui::EndGroup();
    setTagPrefix("settings");
    mutedText(ui.t(Str::sync_reload_note));

    // The state, and what went wrong in words the user can act on.
    static const std::pair<const char*, Str> states[] = {
        {"connecting", Str::sync_state_connecting}, {"syncing", Str::sync_state_syncing},
        {"connected", Str::sync_state_connected},   {"offline", Str::sync_state_offline},
        {"paused", Str::sync_state_paused},         {"signed_out", Str::sync_state_signed_out},
    };
    for (const auto& [name, label] : states)
        if (state == name) {
            ImGui::PushStyleColor(ImGuiCol_Text, state == "connected" ? colors::success : colors::text);
            ImGui::TextUnformatted(ui.t(label));
            ImGui::PopStyleColor();
            tagLastItem("settings.sync.state", state);
        }
    // What went wrong, in words the user can act on (`detail`: the server, database or answer).
    static const std::pair<const char*, Str> errors[] = {
        {"unreachable", Str::sync_err_unreachable}, {"credentials", Str::sync_err_credentials},
        {"member", Str::sync_err_member},           {"missing", Str::sync_err_missing},
        {"url", Str::sync_err_url},
    };
    std::string problemText;
    if (!error.empty()) {
        Str reason = Str::sync_err_server;
        for (const auto& [name, str] : errors)
            if (error == name) reason = str;
        problemText = ui.tf(reason, {detail.empty() ? error : detail});
    }
    if (!problemText.empty()) {
        ImGui::PushStyleColor(ImGuiCol_Text, colors::danger);
        ImGui::TextWrapped("%s", problemText.c_str());
        ImGui::PopStyleColor();
        tagLastItem("settings.sync.error", error);
    }
    if (configured) {
        if (number("last") > 0) mutedText(ui.tf(Str::sync_last, {ui.dateTime(static_cast<Timestamp>(number("last")))}));
        mutedText(ui.tf(Str::sync_waiting, {formatCount(static_cast<std::int64_t>(number("up")), ui.lang),
                                             formatCount(static_cast<std::int64_t>(number("down")), ui.lang)}));
        for (const auto& why : ui.syncRefused) {
            ImGui::PushStyleColor(ImGuiCol_Text, colors::warning);
            ImGui::TextWrapped("%s", ui.tf(Str::sync_refused_down, {why.describe(ui.lang)}).c_str());
            ImGui::PopStyleColor();
        }
        if (const auto up = info.find("refusedUp"); up != info.end() && up->is_array())
            for (const auto& r : *up)
                if (r.is_array() && r.size() == 2 && r[0].is_string() && r[1].is_string())
                    mutedText(ui.tf(Str::sync_refused_up, {r[0].get<std::string>(), r[1].get<std::string>()}));
        const bool paused = state == "paused";
        if (ImGui::Button(ui.t(paused ? Str::sync_resume : Str::sync_pause)))
            ui.host.sync(paused ? "{\"pause\":false}" : "{\"pause\":true}");
        tagLastItem("settings.sync.pause");
        ImGui::SameLine();
        if (ImGui::Button(ui.t(Str::sync_disconnect))) ui.host.sync("{\"disconnect\":true}");
        tagLastItem("settings.sync.disconnect");
    }
    ImGui::PopTextWrapPos();
}

void SettingsScreen::drawYou(Ui& ui) {
    heading(ui.t(Str::settings_you), 17);
    Settings settings = ui.session->settings();
    if (!nameLoaded_) {
        name_ = settings.userName;
        nameLoaded_ = true;
    }
    const float field = ui.px(280);
    ImGui::BeginGroup();
    fieldLabel(ui.t(Str::language));
    ImGui::SetNextItemWidth(field);
    const char* current = ui.t(ui.lang == Lang::es ? Str::language_es : Str::language_en);
    if (ImGui::BeginCombo("##language", current)) {
        for (Lang lang : {Lang::es, Lang::en}) {
            if (ImGui::Selectable(ui.t(lang == Lang::es ? Str::language_es : Str::language_en), lang == ui.lang) &&
                setLanguage)
                setLanguage(lang);
            tagLastItem(std::string("settings.language.") + langCode(lang));
        }
        ImGui::EndCombo();
    }
    tagLastItem("settings.language");
    nextFieldColumn(); // the labels level
    fieldLabel(ui.t(Str::settings_currency));
    ImGui::SetNextItemWidth(ui.px(140));
    if (ImGui::BeginCombo("##currency", settings.currency.c_str())) {
        for (const auto code : knownCurrencies()) {
            if (ImGui::Selectable(code.str().c_str(), code.str() == settings.currency)) {
                settings.currency = code.str();
                ui.session->updateSettings(settings);
            }
        }
        ImGui::EndCombo();
    }
    tagLastItem("settings.currency");
    ImGui::EndGroup();

    fieldLabel(ui.t(Str::settings_your_name));
    ImGui::SetNextItemWidth(field);
    // A hint that reads as one ("p. ej."), not as a name already typed.
    ImGui::InputTextWithHint("##name", ui.t(Str::settings_name_hint), &name_);
    tagLastItem("settings.name");
    if (ImGui::IsItemDeactivatedAfterEdit() && name_ != settings.userName) {
        settings.userName = name_;
        ui.session->updateSettings(settings);
        if (ui.toast) ui.toast(ui.t(Str::saved_ok), ToastKind::Success);
    }

    // The screen-reader mirror (docs/accessibility.md): on unless switched off in this browser.
    ImGui::Spacing();
    bool mirrored = mirror::on();
    if (ImGui::Checkbox(ui.t(Str::a11y_mirror), &mirrored)) {
        mirror::setOn(mirrored);
        ui.host.saveMirror(mirrored);
    }
    tagLastItem("settings.mirror");
    ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + ui.px(520));
    mutedText(ui.t(Str::a11y_mirror_hint));
    ImGui::PopTextWrapPos();

    // Which member of the team I am: my actions carry that name, "Only mine" filters on it.
    const State& s = ui.state();
    if (s.members.empty()) return;
    fieldLabel(ui.t(Str::settings_who_am_i));
    ImGui::SetNextItemWidth(field);
    const auto me = myMember(settings, s);
    const std::string shown = me ? s.members[*me].name : std::string(ui.t(Str::settings_who_nobody));
    if (ImGui::BeginCombo("##me", shown.c_str())) {
        auto choose = [&](const std::string& id) {
            settings.memberId = id;
            ui.session->updateSettings(settings);
            if (ui.toast) ui.toast(ui.t(Str::saved_ok), ToastKind::Success);
        };
        if (ImGui::Selectable(ui.t(Str::settings_who_nobody), !me)) choose("");
        tagLastItem("settings.me.none");
        for (std::size_t i = 0; i < s.members.size(); ++i) {
            const auto& m = s.members[i];
            if (!m.active && (!me || *me != i)) continue; // retired: no longer offered
            ImGui::PushID(static_cast<int>(i));
            if (ImGui::Selectable(m.name.c_str(), me && *me == i)) choose(m.id);
            tagLastItem("settings.me." + std::to_string(i));
            ImGui::PopID();
        }
        ImGui::EndCombo();
    }
    tagLastItem("settings.me");
    ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + ui.px(520));
    mutedText(ui.t(Str::settings_who_hint));
    ImGui::PopTextWrapPos();
}

void SettingsScreen::drawTeam(Ui& ui) {
    heading(ui.t(Str::settings_team), 17);
    const State& s = ui.state();
    if (s.members.empty()) mutedText(ui.t(Str::settings_team_empty));
    for (std::size_t i = 0; i < s.members.size(); ++i) {
        const auto& m = s.members[i];
        ImGui::PushID(static_cast<int>(i));
        if (!m.active) ImGui::PushStyleColor(ImGuiCol_Text, colors::textMuted);
        ImGui::TextUnformatted(m.name.c_str());
        if (m.id == ui.session->settings().memberId) {
            ImGui::SameLine();
            mutedText(ui.t(Str::settings_member_you));
        }
        if (!m.role.empty()) {
            ImGui::SameLine();
            mutedText("· " + m.role);
        }
        if (!m.active) ImGui::PopStyleColor();
        ImGui::SameLine(ui.px(420));
        const Str toggle = m.active ? Str::settings_member_deactivate : Str::settings_member_reactivate;
        if (ImGui::SmallButton(ui.t(toggle)))
            ui.submit(activation(m.id, !m.active), nullptr);
        tagLastItem("settings.member." + std::to_string(i));
        ImGui::PopID();
    }
    ImGui::Spacing();
    setTagPrefix("settings.member");
    ImGui::BeginGroup();
    textField(ui, ui.t(Str::settings_member_name), "name", memberName_, memberErrors_, ui.px(240));
    ImGui::EndGroup();
    ImGui::SameLine();
    ImGui::BeginGroup();
    textField(ui, ui.t(Str::settings_member_role), "role", memberRole_, memberErrors_, ui.px(200), ui.t(Str::optional_hint));
    ImGui::EndGroup();
    ImGui::SameLine();
    ImGui::BeginGroup();
    fieldLabel(" ");
    ImGui::BeginDisabled(addingMember_);
    if (ImGui::Button(ui.t(Str::settings_member_add))) {
        memberErrors_.clear();
        MemberAdded member;
        member.name = memberName_;
        member.role = memberRole_;
        // Every field's problem at once, each beside its field; nothing is sent while any remains.
        for (const auto& p : ui.problems(member))
            memberErrors_.emplace(p.field == "role" ? "role" : "name", p.reason(ui.lang));
        if (memberErrors_.empty()) {
            addingMember_ = true;
            ui.submit(member, [this, &ui](const CommandOutcome& outcome) {
                addingMember_ = false;
                if (outcome.ok) {
                    memberName_.clear();
                    memberRole_.clear();
                } else if (outcome.problem) {
                    memberErrors_[outcome.problem->field.empty() ? "name" : outcome.problem->field] =
                        outcome.problem->reason(ui.lang);
                }
            });
        }
    }
    ImGui::EndDisabled();
    tagLastItem("settings.member.add");
    ImGui::EndGroup();
    setTagPrefix("settings");
}

void SettingsScreen::drawBackups(Ui& ui) {
    heading(ui.t(Str::backup_title), 17);
    Settings settings = ui.session->settings();
    ImGui::PushTextWrapPos(0);
    if (settings.lastBackupAt > 0) mutedText(ui.tf(Str::backup_last, {ui.dateTime(settings.lastBackupAt)}));
    else mutedText(ui.t(Str::backup_never));
    ImGui::TextWrapped("%s", ui.t(Str::backup_explain));
    ImGui::PopTextWrapPos();
    ImGui::Spacing();
    if (primaryButton(ui.t(Str::backup_export))) ui.host.downloadBackup();
    tagLastItem("settings.export");
    ImGui::SameLine();
    if (ImGui::Button(ui.t(Str::backup_restore))) ui.host.pickFile(FilePurpose::Restore);
    tagLastItem("settings.restore");
    ImGui::SameLine();
    if (ImGui::Button(ui.t(Str::backup_merge))) ui.host.pickFile(FilePurpose::Merge);
    tagLastItem("settings.merge");
    ImGui::Spacing();
    fieldLabel(ui.t(Str::backup_reminder_days));
    ImGui::SetNextItemWidth(ui.px(140));
    int days = static_cast<int>(settings.backupReminderDays);
    if (ImGui::InputInt("##reminder", &days, 1, 7) && days >= kMinBackupReminderDays && days <= kMaxBackupReminderDays) {
        settings.backupReminderDays = days;
        ui.session->updateSettings(settings);
    }
    tagLastItem("settings.reminderDays");
}

void SettingsScreen::drawStorage(Ui& ui) {
    heading(ui.t(Str::settings_storage), 17);
    const auto& info = ui.storageInfo;
    ImGui::PushTextWrapPos(0);
    const auto persisted = info.find("persisted");
    if (persisted == info.end() || persisted->is_null()) ImGui::TextWrapped("%s", ui.t(Str::settings_persisted_unknown));
    else if (persisted->is_boolean() && persisted->get<bool>()) ImGui::TextWrapped("%s", ui.t(Str::settings_persisted_yes));
    else {
        ImGui::PushStyleColor(ImGuiCol_Text, colors::warning);
        ImGui::TextWrapped("%s", ui.t(Str::settings_persisted_no));
        ImGui::PopStyleColor();
    }
    tagLastItem("settings.persisted");
    const auto usage = info.find("usage");
    const auto quota = info.find("quota");
    if (usage != info.end() && usage->is_number() && quota != info.end() && quota->is_number())
        mutedText(ui.tf(Str::settings_usage, {formatBytes(usage->get<double>(), ui.lang), formatBytes(quota->get<double>(), ui.lang)}));
    mutedText(ui.tf(Str::settings_events,
                    {formatCount(static_cast<std::int64_t>(ui.session->workspace().log().size()), ui.lang)}));
    mutedText(ui.t(ui.session->writer() ? Str::settings_writer_yes : Str::settings_writer_no));
    ImGui::PopTextWrapPos();
    if (ui.demoLoaded && ui.clearDemo) {
        ImGui::Spacing();
        heading(ui.t(Str::settings_demo), 17);
        if (ImGui::Button(ui.t(Str::demo_remove))) ui.clearDemo();
        tagLastItem("settings.clearDemo");
    }
}

} // namespace recobra::ui
