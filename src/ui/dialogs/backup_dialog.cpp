#include "ui/dialogs/backup_dialog.hpp"

#include "ui/widgets.hpp"

#include <cmath>
#include <imgui.h>

namespace recobra::ui {

namespace {

// "12 KB", "765 MB" (the same in both languages, grouped as the language groups).
std::string fileSize(double bytes, Lang lang) {
    constexpr double kKiB = 1024.0;
    constexpr double kMiB = 1024.0 * 1024.0;
    if (bytes < kMiB) return formatCount(std::max<std::int64_t>(1, std::llround(bytes / kKiB)), lang) + " KB";
    return formatCount(std::llround(bytes / kMiB), lang) + " MB";
}

void dangerText(const std::string& text) {
    ImGui::PushStyleColor(ImGuiCol_Text, colors::danger);
    ImGui::TextWrapped("%s", text.c_str());
    ImGui::PopStyleColor();
}

// The dialog's row of buttons, below a rule: Cancel first; true when it was clicked. The row
// is disabled while the file is being applied (the caller ends it with ImGui::EndDisabled).
bool beginButtons(Ui& ui, bool applying) {
    ImGui::Spacing();
    ImGui::Separator();
    ImGui::Spacing();
    ImGui::BeginDisabled(applying);
    const bool cancel = ImGui::Button(ui.t(Str::action_cancel), ImVec2(ui.px(130), 0));
    tagLastItem("import.cancel");
    return cancel;
}

} // namespace

void reloadPageNotice(Ui& ui) {
    errorBanner(ui.t(Str::import_reload_failed));
    tagLastItem("import.reload_failed");
    ImGui::Spacing();
    if (primaryButton(ui.t(Str::import_reload_page))) ui.host.reloadPage();
    tagLastItem("import.reload_page");
}

void BackupDialog::open(const Ui& ui, std::string fileName, ImportMode mode, bool unread) {
    open_ = true;
    opened_ = false;
    applying_ = false;
    pendingMerge_ = false;
    unread_ = unread;
    fileName_ = std::move(fileName);
    mode_ = mode;
    problem_.reset();
    contents_.reset();
    fileBytes_ = 0;
    fileModified_ = 0;
    fileEvents_ = fileDebtors_ = newEvents_ = newDebtors_ = 0;
    currentEvents_ = ui.session ? ui.session->workspace().log().size() : 0;
    currentDebtors_ = ui.session ? ui.state().debtors.size() : 0;
}

void BackupDialog::offerUnread(const Ui& ui, std::string fileName, ImportMode mode, double bytes, Timestamp modified) {
    if (open_ && applying_) return; // one file at a time
    open(ui, std::move(fileName), mode, true);
    fileBytes_ = bytes;
    fileModified_ = modified;
}

void BackupDialog::offerMerge(const Ui& ui, std::string fileName, BackupRead read) {
    open(ui, std::move(fileName), ImportMode::Merge, false);
    problem_ = std::move(read.problem);
    contents_ = std::move(read.contents);
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

std::function<void(const CommandOutcome&)> BackupDialog::finished(Ui& ui, ImportMode mode) {
    return [this, &ui, mode](const CommandOutcome& outcome) {
        applying_ = false;
        contents_.reset();
        if (outcome.ok) {
            open_ = false;
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
        }
        ui.host.requestFrame();
    };
}

void BackupDialog::restoreRead(Ui& ui, BackupRead read) {
    if (!ui.session) return;
    open_ = true; // it stays open while its restore runs; this only makes sure it shows the end
    auto done = finished(ui, ImportMode::Restore);
    if (read.problem) {
        // Storage's data comes back first when the restore let it go (Session::failReleased).
        if (ui.session->released()) return ui.session->failReleased(*read.problem, done);
        CommandOutcome outcome;
        outcome.problem = std::move(read.problem);
        return done(outcome);
    }
    fileEvents_ = read.contents->events.size();
    ui.session->beginRestore(std::move(*read.contents), fileName_, done);
}

void BackupDialog::draw(Ui& ui) {
    if (!open_) return;
    if (pendingMerge_ && contents_ && ui.session) {
        pendingMerge_ = false;
        BackupContents contents = std::move(*contents_);
        contents_.reset();
        ui.session->beginMerge(std::move(contents), fileName_, finished(ui, ImportMode::Merge));
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
    } else if (unread_) {
        drawUnread(ui, close);
    } else if (contents_ || applying_) {
        drawMerge(ui, close);
    }
    ImGui::PopTextWrapPos();
    if (!applying_ && (close || ImGui::IsKeyPressed(ImGuiKey_Escape, false))) {
        open_ = false;
        if (unread_ && !problem_) ui.host.forgetOfferedFile();
        if (contents_ && ui.session) ui.session->discardImport(*contents_); // what was staged of it goes
        contents_.reset();
        ImGui::CloseCurrentPopup();
    }
    endDialog();
}

// Before reading: what the file is (its size, when it was saved) and what a restore replaces.
void BackupDialog::drawUnread(Ui& ui, bool& close) {
    ImGui::TextWrapped("%s", ui.tf(Str::import_unread_file, {fileSize(fileBytes_, ui.lang), ui.dateTime(fileModified_)}).c_str());
    ImGui::Spacing();
    dangerText(ui.tf(Str::import_restore_warning, {formatCount(static_cast<std::int64_t>(currentDebtors_), ui.lang),
                                                   formatCount(static_cast<std::int64_t>(currentEvents_), ui.lang)}));
    ImGui::TextWrapped("%s", ui.t(Str::import_checked_first));
    if (mode_ == ImportMode::Ask) ImGui::TextWrapped("%s", ui.t(Str::import_merge_unread));
    close = beginButtons(ui, applying_);
    if (mode_ == ImportMode::Ask) {
        ImGui::SameLine();
        if (primaryButton(ui.t(Str::import_merge_button))) {
            // Read to be merged: the dialog then says what the file adds (offerMerge).
            applying_ = true;
            ui.host.readOfferedFile(FilePurpose::Merge);
        }
        tagLastItem("import.merge");
    }
    ImGui::SameLine();
    ImGui::PushStyleColor(ImGuiCol_Button, colors::danger);
    ImGui::PushStyleColor(ImGuiCol_ButtonHovered, ImVec4(0.85f, 0.25f, 0.25f, 1));
    ImGui::PushStyleColor(ImGuiCol_Text, ImVec4(1, 1, 1, 1));
    if (ImGui::Button(ui.t(Str::import_restore_button))) {
        applying_ = true;
        mode_ = ImportMode::Restore;
        ui.host.readOfferedFile(FilePurpose::RestoreConfirmed);
    }
    ImGui::PopStyleColor(3);
    tagLastItem("import.restore");
    ImGui::EndDisabled();
    if (applying_) drawWorking(ui);
}

// A file read to be merged: what it holds and what it adds.
void BackupDialog::drawMerge(Ui& ui, bool& close) {
    ImGui::TextWrapped("%s", ui.tf(Str::import_file_holds, {formatCount(static_cast<std::int64_t>(fileDebtors_), ui.lang),
                                                           formatCount(static_cast<std::int64_t>(fileEvents_), ui.lang)})
                                 .c_str());
    ImGui::Spacing();
    ImGui::TextWrapped("%s", ui.tf(Str::import_merge_explain, {formatCount(static_cast<std::int64_t>(newEvents_), ui.lang)})
                                 .c_str());
    close = beginButtons(ui, applying_);
    ImGui::SameLine();
    if (primaryButton(ui.t(Str::import_merge_button))) {
        applying_ = true;
        pendingMerge_ = true;
        ui.host.requestFrame();
    }
    tagLastItem("import.merge");
    ImGui::EndDisabled();
    if (applying_) drawWorking(ui);
}

void BackupDialog::drawWorking(Ui& ui) {
    if (ui.reloadFailed) {
        ImGui::Spacing();
        reloadPageNotice(ui);
        return;
    }
    ImGui::SameLine();
    const Session* session = ui.session;
    const Str status = !session || !session->released() ? Str::saving_wait
                       : session->reloadNeeded()         ? Str::import_reloading
                                                         : Str::import_replacing;
    mutedText(ui.t(status));
    if (session && session->importing()) {
        ImGui::ProgressBar(static_cast<float>(session->importProgress()), ImVec2(-1, 0));
        mirror::progress(ui.t(status), static_cast<float>(session->importProgress()));
    }
}

nlohmann::json BackupDialog::stateJson() const {
    if (!open_) return nullptr;
    nlohmann::json j = {{"file", fileName_},
                        {"mode", mode_ == ImportMode::Restore ? "restore" : mode_ == ImportMode::Merge ? "merge" : "ask"},
                        {"read", !unread_},
                        {"bytes", fileBytes_},
                        {"events", fileEvents_},
                        {"debtors", fileDebtors_},
                        {"new", newEvents_},
                        {"newDebtors", newDebtors_},
                        {"applying", applying_}};
    if (problem_) j["problem"] = problem_->describe(Lang::en);
    return j;
}

} // namespace recobra::ui
