#pragma once
// A backup file coming in. A restore replaces everything, so it is confirmed before the file
// is even read: then the loaded data is let go (its memory goes to the file's), and the file
// is read, checked and switched to; if it is refused, the data is loaded again from storage
// before the problem is shown. A merge only adds, so its file is read first and the dialog
// says what it would add before a confirmation. A dropped file asks which of the two. Every
// problem is shown with the file, record and field it concerns.
#include "core/exchange/backup.hpp"
#include "ui/ui.hpp"

#include <optional>
#include <string>

namespace recobra::ui {

enum class ImportMode { Restore, Merge, Ask };

// Storage's data could not be loaded again after a refused restore (Ui::reloadFailed): says
// so, with a button that reloads the page.
void reloadPageNotice(Ui& ui);

class BackupDialog {
public:
    // A file chosen to restore, or dropped (Ask), not read yet: `bytes` and `modified` (when the
    // file was last saved, ms since 1970) are what the browser tells of it.
    void offerUnread(const Ui& ui, std::string fileName, ImportMode mode, double bytes, Timestamp modified);
    // A file read to be merged (or refused while read).
    void offerMerge(const Ui& ui, std::string fileName, BackupRead read);
    // The file a confirmed restore read: restored, or its problem shown once the data is back.
    void restoreRead(Ui& ui, BackupRead read);
    bool isOpen() const { return open_; }
    void draw(Ui& ui);
    nlohmann::json stateJson() const;

private:
    void open(const Ui& ui, std::string fileName, ImportMode mode, bool unread); // a fresh dialog
    void drawUnread(Ui& ui, bool& close);
    void drawMerge(Ui& ui, bool& close);
    void drawWorking(Ui& ui);
    std::function<void(const CommandOutcome&)> finished(Ui& ui, ImportMode mode);

    bool open_ = false;
    bool opened_ = false;
    bool applying_ = false;
    bool unread_ = false; // offered before reading: nothing of the file is known but its size
    std::string fileName_;
    ImportMode mode_ = ImportMode::Ask;
    std::optional<BackupContents> contents_;
    std::optional<Problem> problem_;
    // A confirmed merge waits one frame, so "saving" is on screen while a large file is
    // checked and folded (that takes seconds at 100,000 debtors).
    bool pendingMerge_ = false;
    double fileBytes_ = 0;
    Timestamp fileModified_ = 0;
    std::size_t fileEvents_ = 0, fileDebtors_ = 0, newEvents_ = 0, newDebtors_ = 0, currentEvents_ = 0, currentDebtors_ = 0;
};

} // namespace recobra::ui
