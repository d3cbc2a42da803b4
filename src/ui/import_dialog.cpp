#include "ui/import_dialog.hpp"

#include "ui/widgets.hpp"

#include <imgui.h>

namespace recobra::ui {

void ImportDialog::offer(const Ui& ui, std::string fileName, ImportMode mode, BackupRead read) {
    open_ = true;
    opened_ = false;
    applying_ = false;
    pending_.reset();
    fileName_ = std::move(fileName);
    mode_ = mode;
    problem_ = std::move(read.problem);
    contents_ = std::move(read.contents);
    fileEvents_ = fileDebtors_ = newEvents_ = newDebtors_ = 0;
    currentEvents_ = ui.session ? ui.session->workspace().log().size() : 0;
    currentDebtors_ = ui.session ? ui.state().debtors.size() : 0;
    if (!contents_) return;
    // Counted from the ids and each record's type, without decoding: a large backup (two
    // million events) took seconds here. Both logs are sorted by id, so one walk finds which
    // of the file's events are new.
    const EventLog& file = contents_->events;
    const EventLog* base = ui.session ? &ui.session->workspace().log() : nullptr;
    const std::size_t debtorType = Payload(DebtorRegistered{}).index();
    fileEvents_ = file.size();
    std::size_t b = 0;
    for (std::size_t i = 0; i < file.size(); ++i) {
        const bool debtor = file.payloadIndex(i) == debtorType;
        if (debtor) ++fileDebtors_;
        if (base)
            while (b < base->size() && base->id(b) < file.id(i)) ++b;
        if (!base || b >= base->size() || !(base->id(b) == file.id(i))) {
            ++newEvents_;
            if (debtor) ++newDebtors_;
        }
    }
}

void ImportDialog::apply(Ui& ui, ImportMode mode) {
    if (!contents_ || !ui.session) return;
    applying_ = true;
    auto done = [this, &ui, mode](const CommandOutcome& outcome) {
        applying_ = false;
        if (outcome.ok) {
            open_ = false;
            contents_.reset();
            if (ui.toast)
                ui.toast(mode == ImportMode::Restore
                             ? ui.t(Str::import_restored)
                             : ui.tf(Str::import_merged_debtors,
                                     {formatCount(static_cast<std::int64_t>(outcome.added), ui.lang),
                                      formatCount(static_cast<std::int64_t>(newDebtors_), ui.lang)}),
                         ToastKind::Success);
            if (ui.showScreen) ui.showScreen(Screen::Dashboard);
        } else if (outcome.problem) {
            problem_ = outcome.problem;
            contents_.reset();
        }
    };
    BackupContents contents = std::move(*contents_);
    contents_.reset();
    // Confirmed: the loaded data goes before the file's is checked, so that both are not held
    // at once (if the file is refused, storage's data is loaded again before `done` hears it).
    if (mode == ImportMode::Restore) ui.session->releaseForRestore();
    if (mode == ImportMode::Restore) ui.session->beginRestore(std::move(contents), fileName_, done);
    else ui.session->beginMerge(std::move(contents), fileName_, done);
}

void ImportDialog::draw(Ui& ui) {
    if (!open_) return;
    if (pending_) {
        const ImportMode mode = *pending_;
        pending_.reset();
        apply(ui, mode);
    }
    const char* id = "###import";
    if (!beginDialog(id, opened_)) {
        open_ = false;
        return;
    }
    setTagPrefix("import");
    const float width = ui.px(560);
    ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + width);
    heading(fileName_.c_str(), 20);
    ImGui::Dummy(ImVec2(width, 0)); // the dialog's width, whatever the message (a banner fills it)
    bool close = false;
    if (problem_) {
        errorBanner(ui.tf(Str::import_refused, {problem_->describe(ui.lang)}));
        tagLastItem("import.problem");
        ImGui::Spacing();
        mutedText(ui.t(Str::import_nothing_changed));
        ImGui::Spacing();
        close = ImGui::Button(ui.t(Str::action_close), ImVec2(ui.px(130), 0));
        tagLastItem("import.close");
    } else if (contents_ || applying_) {
        ImGui::TextWrapped("%s", ui.tf(Str::import_file_holds, {formatCount(static_cast<std::int64_t>(fileDebtors_), ui.lang),
                                                               formatCount(static_cast<std::int64_t>(fileEvents_), ui.lang)})
                                     .c_str());
        ImGui::Spacing();
        if (mode_ != ImportMode::Merge) {
            ImGui::PushStyleColor(ImGuiCol_Text, colors::danger);
            ImGui::TextWrapped("%s", ui.tf(Str::import_restore_warning,
                                           {formatCount(static_cast<std::int64_t>(currentDebtors_), ui.lang),
                                            formatCount(static_cast<std::int64_t>(currentEvents_), ui.lang)})
                                         .c_str());
            ImGui::PopStyleColor();
        }
        if (mode_ != ImportMode::Restore)
            ImGui::TextWrapped("%s", ui.tf(Str::import_merge_explain,
                                           {formatCount(static_cast<std::int64_t>(newEvents_), ui.lang)})
                                         .c_str());
        ImGui::Spacing();
        ImGui::Separator();
        ImGui::Spacing();
        ImGui::BeginDisabled(applying_);
        close = ImGui::Button(ui.t(Str::action_cancel), ImVec2(ui.px(130), 0));
        tagLastItem("import.cancel");
        if (mode_ != ImportMode::Restore) {
            ImGui::SameLine();
            if (primaryButton(ui.t(Str::import_merge_button))) {
                applying_ = true;
                pending_ = ImportMode::Merge;
                ui.host.requestFrame();
            }
            tagLastItem("import.merge");
        }
        if (mode_ != ImportMode::Merge) {
            ImGui::SameLine();
            ImGui::PushStyleColor(ImGuiCol_Button, colors::danger);
            ImGui::PushStyleColor(ImGuiCol_ButtonHovered, ImVec4(0.85f, 0.25f, 0.25f, 1));
            ImGui::PushStyleColor(ImGuiCol_Text, ImVec4(1, 1, 1, 1));
            if (ImGui::Button(ui.t(Str::import_restore_button))) {
                applying_ = true;
                pending_ = ImportMode::Restore;
                ui.host.requestFrame();
            }
            ImGui::PopStyleColor(3);
            tagLastItem("import.restore");
        }
        ImGui::EndDisabled();
        if (applying_) {
            ImGui::SameLine();
            mutedText(ui.t(ui.session && ui.session->reloadNeeded() ? Str::import_reloading : Str::saving_wait));
            if (ui.session && ui.session->importing())
                ImGui::ProgressBar(static_cast<float>(ui.session->importProgress()), ImVec2(-1, 0));
        }
    }
    ImGui::PopTextWrapPos();
    if (!applying_ && (close || ImGui::IsKeyPressed(ImGuiKey_Escape, false))) {
        open_ = false;
        if (contents_ && ui.session) ui.session->discardImport(*contents_); // what was staged of it goes
        contents_.reset();
        ImGui::CloseCurrentPopup();
    }
    endDialog();
}

nlohmann::json ImportDialog::stateJson() const {
    if (!open_) return nullptr;
    nlohmann::json j = {{"file", fileName_},
                        {"mode", mode_ == ImportMode::Restore ? "restore" : mode_ == ImportMode::Merge ? "merge" : "ask"},
                        {"events", fileEvents_},
                        {"debtors", fileDebtors_},
                        {"new", newEvents_},
                        {"newDebtors", newDebtors_},
                        {"applying", applying_}};
    if (problem_) j["problem"] = problem_->describe(Lang::en);
    return j;
}

} // namespace recobra::ui
