#pragma once
// What the UI needs from the page it runs in. The browser implements it in src/app; the UI
// never asks which platform it is on.
#include "core/values/date.hpp"

#include <string>

namespace recobra::ui {

// What a file is read for, from the picker, a drop or window.recobra. The page's JS knows the
// same values by name (web/files-in.js `purposes`); the numbers cross between the two.
enum class FilePurpose {
    Restore = 0,          // a backup to restore: offered unread, the dialog asks first
    Merge = 1,            // a teammate's backup, read, then what it adds is shown
    Ask = 2,              // a backup dropped on the window: offered unread, restore or merge?
    ApplyRestore = 3,     // window.recobra.importBackup(file, 'replace'): no question
    ApplyMerge = 4,       // window.recobra.importBackup(file, 'merge'): no question
    Csv = 5,              // invoices from accounting software, read whole for the CSV dialog
    RestoreConfirmed = 6, // the dialog's restore, confirmed: the loaded data goes first
};

class Host {
public:
    virtual ~Host() = default;
    virtual void requestFrame() = 0;              // draw again soon (data changed)
    virtual void wakeAfter(int milliseconds) = 0; // draw again later (a toast expires)
    virtual void copyToClipboard(const std::string& text) = 0;
    virtual Timestamp now() = 0;                  // the clock (fixed by ?today= for demonstrations)
    virtual int utcOffsetMinutes() = 0;           // the user's time zone
    virtual void downloadBackup() = 0;            // the browser downloads a full backup
    // The browser downloads `bytes` as a file called `name` (the agency package's .zip).
    virtual void downloadFile(const std::string& name, const std::string& mimeType, const std::string& bytes) = 0;
    // Opens the file picker. A file to merge or a CSV is read and handed back to UiApp
    // (offerMergeFile, offerCsvImport); one to restore is offered unread (offerUnreadBackup),
    // and read only once confirmed (readOfferedFile).
    virtual void pickFile(FilePurpose purpose) = 0;
    // The file offered unread: read it, to merge or (RestoreConfirmed) to restore, the loaded
    // data let go first; or forget it (the user cancelled).
    virtual void readOfferedFile(FilePurpose purpose) = 0;
    virtual void forgetOfferedFile() = 0;
    // Prints `html` (a whole document: the letters' pages) from a hidden frame of the page, with
    // the browser's print dialog (where "Save as PDF" is); the app's canvas is not printed.
    virtual void printHtml(const std::string& html) = 0;
    // Opens a `mailto:` link in the user's mail client; any other URL is ignored.
    virtual void openUrl(const std::string& url) = 0;
    // A new version of the app is installed and waiting: switch to it (the page reloads).
    virtual void applyUpdate() {}
    // Team sync (web/sync.js): {"connect":{url,db,user,password}}, {"pause":bool}, {"disconnect":true}.
    virtual void sync(const std::string& actionJson) { (void)actionJson; }
    // Remembers in this browser whether the screen-reader mirror is on (ui/mirror.hpp).
    virtual void saveMirror(bool on) { (void)on; }
    // Starts the app again (its data is read from storage as at any start).
    virtual void reloadPage() = 0;
};

} // namespace recobra::ui
