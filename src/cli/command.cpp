#include "cli/command.hpp"

#include "cli/files.hpp"

namespace recobra::cli {

int Context::fail(int code, const std::string& message) const {
    err << "recobra: " << message << "\n";
    return code;
}

int Context::usage(const std::string& message) const {
    err << "recobra: " << message << "\n" << tr(Str::cli_see_help, lang) << "\n";
    return kUsage;
}

std::optional<int> loadBackup(const std::string& path, const Context& cx, BackupContents& out) {
    FileText file = readFileText(path, kMaxBackupBytes);
    switch (file.status) {
    case ReadStatus::Ok:
        break;
    case ReadStatus::Missing:
        return cx.fail(kIo, cx.say(Str::cli_io_missing, {path}));
    case ReadStatus::Directory:
        return cx.fail(kIo, cx.say(Str::cli_io_directory, {path}));
    case ReadStatus::NotRegular:
        return cx.fail(kIo, cx.say(Str::cli_io_not_regular, {path}));
    case ReadStatus::Failed:
        return cx.fail(kIo, cx.say(Str::cli_io_read, {path, file.detail}));
    case ReadStatus::TooLarge: {
        // Not read at all: a file this size is not a backup, whatever it holds.
        Problem p = problem(Str::err_file_too_large, "", {std::to_string(kMaxBackupBytes >> 20)});
        p.file = path;
        return cx.fail(kInvalid, p.describe(cx.lang));
    }
    }
    BackupRead read = readBackup(file.text, path);
    if (read.problem) return cx.fail(kInvalid, read.problem->describe(cx.lang));
    out = std::move(*read.contents);
    return std::nullopt;
}

} // namespace recobra::cli
