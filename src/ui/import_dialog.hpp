#pragma once
// What happens to a backup file once it has been read: a problem is shown with the file,
// record and field it concerns; otherwise the dialog says what the file holds and what will
// change, and only a confirmation restores (replaces everything) or merges (adds what is
// new). A dropped file asks which of the two.
#include "core/backup.hpp"
#include "ui/context.hpp"

#include <optional>
#include <string>

namespace recobra::ui {

enum class ImportMode { Restore, Merge, Ask };

class ImportDialog {
public:
    void offer(const Ui& ui, std::string fileName, ImportMode mode, BackupRead read);
    bool isOpen() const { return open_; }
    void draw(Ui& ui);
    nlohmann::json stateJson() const;

private:
    void apply(Ui& ui, ImportMode mode);

    bool open_ = false;
    bool opened_ = false;
    bool applying_ = false;
    std::string fileName_;
    ImportMode mode_ = ImportMode::Ask;
    std::optional<BackupContents> contents_;
    std::optional<Problem> problem_;
    // A confirmed import waits one frame, so "saving" is on screen while a large file is
    // checked and folded (that takes seconds at 100,000 debtors).
    std::optional<ImportMode> pending_;
    std::size_t fileEvents_ = 0, fileDebtors_ = 0, newEvents_ = 0, newDebtors_ = 0, currentEvents_ = 0, currentDebtors_ = 0;
};

} // namespace recobra::ui
