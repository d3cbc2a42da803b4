// A file coming in (files_in.cpp) once it is read, or could not be: what the page and the dialogs
// are told, and automation's restore or merge of what was read. Once per file, compiled for size
// (src/app/CMakeLists.txt); reading the file a chunk at a time stays in files_in.cpp.
#include "app/runtime.hpp"

#include "core/exchange/csv_import.hpp"

#include <nlohmann/json.hpp>

using namespace recobra;
using namespace recobra::app;

namespace {

// A CSV of invoices has been read whole: the import dialog takes it (or shows why not).
std::string csvImportEnd(Import& i) {
    nlohmann::json summary = {{"ok", !i.csvTooLarge}, {"file", i.fileName}, {"csv", true}, {"bytes", i.csv.size()}};
    std::optional<Problem> tooLarge;
    if (i.csvTooLarge) {
        tooLarge = problem(Str::csv_err_too_large, "", {std::to_string(kMaxCsvBytes >> 20)});
        tooLarge->file = i.fileName;
        summary["error"] = tooLarge->describe(uiLanguage());
        i.csv.clear();
    }
    if (rt->ui) rt->ui->offerCsvImport(i.fileName, std::move(i.csv), std::move(tooLarge));
    i = Import{};
    rt->host.requestFrame();
    return summary.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

} // namespace

extern "C" {

// A backup chosen to restore (FilePurpose::Restore) or dropped (Ask), not read yet: the dialog
// asks first.
EMSCRIPTEN_KEEPALIVE void rb_file_offered(int purpose, double size, double modified, const char* name, int length) {
    if (!rt->ui) return;
    const bool restore = static_cast<FilePurpose>(purpose) == FilePurpose::Restore;
    rt->ui->offerUnreadBackup(std::string(name, static_cast<std::size_t>(length)),
                              restore ? ui::ImportMode::Restore : ui::ImportMode::Ask, size,
                              static_cast<Timestamp>(modified));
}

// The file is read: hand it to the dialog (or keep it for rb_import_apply). Returns a summary.
EMSCRIPTEN_KEEPALIVE const char* rb_import_end() {
    auto& i = rt->importing;
    if (i.purpose == FilePurpose::Csv) return keep(csvImportEnd(i));
    if (!i.reader) return "{\"ok\":false}";
    BackupRead read = i.reader->finish();
    i.reader.reset();
    i.partLoader = EventLog::ImageLoader{}; // a part not taken in whole goes
    // Staged only if the page was handed every event of the file, in the file's (id) order (the
    // second part's by the worker that read it).
    const auto* packer = i.stage.packer.get();
    if (read.contents && packer && !packer->broken() && packer->drained() && i.partStaged >= 0 &&
        static_cast<double>(packer->count()) + i.partStaged > 0 &&
        static_cast<double>(packer->count()) + i.partStaged == static_cast<double>(read.contents->events.size()))
        read.contents->staged = i.stageToken;
    i.stage = Staging{};
    // Automation's restore refused while read: storage's log is loaded again (the page waits
    // for it; the dialog's restore does the same in restoreRead).
    if (read.problem && i.purpose == FilePurpose::ApplyRestore && rt->session && rt->session->released())
        rt->session->failReleased(*read.problem, nullptr);
    nlohmann::json summary = {{"ok", !read.problem}, {"file", i.fileName}};
    if (read.problem) {
        summary["error"] = read.problem->describe(uiLanguage());
        summary["code"] = strId(read.problem->code);
        summary["field"] = read.problem->field;
    } else {
        summary["events"] = read.contents->events.size();
        summary["staged"] = read.contents->staged != 0;
    }
    if (i.purpose == FilePurpose::Merge && rt->ui) {
        rt->ui->offerMergeFile(i.fileName, std::move(read));
    } else if (i.purpose == FilePurpose::RestoreConfirmed && rt->ui) {
        rt->ui->restoreRead(std::move(read));
    } else if (read.contents) {
        i.ready = std::move(read.contents);
    }
    rt->host.requestFrame();
    return keep(summary.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
}

// The browser could not read the file (it was moved or changed on disk): what was read goes,
// and the problem is told as rb_import_end tells one (the same summary).
EMSCRIPTEN_KEEPALIVE const char* rb_import_abort(const char* why, int length) {
    auto& i = rt->importing;
    const FilePurpose purpose = i.purpose;
    BackupRead read;
    read.problem = problem(Str::err_file_unreadable, "", {std::string(why, static_cast<std::size_t>(length))});
    read.problem->file = i.fileName;
    const nlohmann::json summary = {{"ok", false},
                                    {"file", i.fileName},
                                    {"error", read.problem->describe(uiLanguage())},
                                    {"code", strId(read.problem->code)},
                                    {"field", ""}};
    i = Import{};
    if (purpose == FilePurpose::RestoreConfirmed && rt->ui) rt->ui->restoreRead(std::move(read));
    else if (purpose == FilePurpose::Merge && rt->ui) rt->ui->offerMergeFile(read.problem->file, std::move(read));
    else if (purpose == FilePurpose::Csv && rt->ui) rt->ui->offerCsvImport(read.problem->file, "", read.problem);
    else if (rt->session && rt->session->released()) rt->session->failReleased(*read.problem, nullptr);
    rt->host.requestFrame();
    return keep(summary.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
}

// window.recobra.importBackup(): applies what rb_import_end kept, without asking.
EMSCRIPTEN_KEEPALIVE void rb_import_apply(int request) {
    auto& i = rt->importing;
    auto done = [request](const CommandOutcome& outcome) {
        nlohmann::json j = nlohmann::json::parse(resultJson(outcome));
        j["added"] = outcome.added;
        rb_js_command_done(request, j.dump().c_str());
        rt->host.requestFrame();
    };
    if (!i.ready) {
        CommandOutcome outcome;
        outcome.problem = problem(Str::err_invalid, "");
        return done(outcome);
    }
    BackupContents contents = std::move(*i.ready);
    i.ready.reset();
    if (i.purpose == FilePurpose::ApplyRestore) rt->session->beginRestore(std::move(contents), i.fileName, done);
    else rt->session->beginMerge(std::move(contents), i.fileName, done);
}

} // extern "C"
