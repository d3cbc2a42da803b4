#include "cli/command.hpp"

#include "cli/files.hpp"

#include "core/exchange/merge.hpp"

#include <algorithm>

namespace recobra::cli {

int Context::fail(int code, const std::string& message) const {
    err << "recobra: " << message << "\n";
    return code;
}

int Context::usage(const std::string& message) const {
    err << "recobra: " << message << "\n" << tr(Str::cli_see_help, lang) << "\n";
    return kUsage;
}

std::optional<int> loadBackup(const std::string& path, const Context& cx, BackupContents& out,
                              bool agencyPackageToo, FileCheck check) {
    // Read in pieces, as the app reads a file: a backup is never held whole in memory.
    BackupStreamReader reader(path);
    if (check == FileCheck::Whole) reader.checkAsRestore();
    std::string detail;
    const ReadStatus status = readFilePieces(path, kMaxBackupBytes, [&](std::string_view bytes) { return reader.feed(bytes); }, detail);
    switch (status) {
    case ReadStatus::Ok:
        break;
    case ReadStatus::Missing:
        return cx.fail(kIo, cx.say(Str::cli_io_missing, {path}));
    case ReadStatus::Directory:
        return cx.fail(kIo, cx.say(Str::cli_io_directory, {path}));
    case ReadStatus::NotRegular:
        return cx.fail(kIo, cx.say(Str::cli_io_not_regular, {path}));
    case ReadStatus::Failed:
        return cx.fail(kIo, cx.say(Str::cli_io_read, {path, detail}));
    case ReadStatus::TooLarge: {
        // Not read at all: a file this size is not a backup, whatever it holds.
        Problem p = problem(Str::err_file_too_large, "", {std::to_string(kMaxBackupBytes >> 20)});
        p.file = path;
        return cx.fail(kInvalid, p.describe(cx.lang));
    }
    }
    BackupRead read = reader.finish();
    // A merge also takes an agency package's cases.json (refused as a backup for its "cases").
    if (agencyPackageToo && read.problem && read.problem->code == Str::err_field_unknown &&
        read.problem->field == "cases") {
        const FileText file = readFileText(path, kMaxBackupBytes);
        if (file.status == ReadStatus::Ok) read = readMergeable(file.text, path);
    }
    if (read.problem) return cx.fail(kInvalid, read.problem->describe(cx.lang));
    out = std::move(*read.contents);
    if (check == FileCheck::Whole && (!out.restoreState || out.restoreChecked != out.events.size())) {
        // Checked while read unless its events were out of order or one has a problem: the
        // check after reading then says which (and folds them, as a restore would).
        if (auto p = checkIntegrity(EventLog{}, out.events, path)) return cx.fail(kInvalid, p->describe(cx.lang));
        out.restoreState = fold(out.events);
        out.restoreChecked = out.events.size();
    }
    return std::nullopt;
}

std::optional<int> loadBook(const std::string& path, const Context& cx, std::optional<Date> today, Book& out) {
    BackupContents contents;
    if (auto code = loadBackup(path, cx, contents)) return code;
    out.settings = std::move(contents.settings);
    out.log = std::move(contents.events);
    out.state = std::move(*contents.restoreState); // checked and folded by loadBackup
    if (!today) {
        Timestamp latest = 0;
        for (const auto& e : out.log) latest = std::max(latest, e.ts);
        today = Date::ofTimestamp(latest);
    }
    out.today = *today;
    return std::nullopt;
}

std::optional<int> saveBackup(const std::string& path, const Settings& settings, const EventLog& events,
                              const Context& cx, std::size_t* written) {
    constexpr std::size_t kChunk = std::size_t{4} << 20;
    FileWriter file(path);
    std::string error;
    if (!file.open(error)) return writeFailed(file, path, error, cx);
    std::string buffer;
    buffer.reserve(kChunk + (std::size_t{1} << 16));
    BackupWriter writer(buffer);
    bool ok = true;
    writer.begin();
    for (std::size_t i = 0; i < events.size(); ++i) {
        writer.add(events, i);
        if (buffer.size() >= kChunk) {
            ok = ok && file.write(buffer, error);
            buffer.clear();
        }
    }
    writer.end(settings);
    ok = ok && file.write(buffer, error) && file.commit(error);
    if (!ok) return writeFailed(file, path, error, cx);
    if (written) *written = file.written();
    return std::nullopt;
}

std::optional<int> saveFile(const std::string& path, std::string_view bytes, const Context& cx) {
    FileWriter file(path);
    std::string error;
    if (!file.open(error) || !file.write(bytes, error) || !file.commit(error))
        return writeFailed(file, path, error, cx);
    return std::nullopt;
}

std::optional<int> checkOutput(const std::string& path, const Context& cx) {
    if (pathKind(path) == PathKind::Other) return cx.fail(kIo, cx.say(Str::cli_io_out_not_regular, {path}));
    return std::nullopt;
}

int writeFailed(const FileWriter& file, const std::string& path, const std::string& error, const Context& cx) {
    if (file.refused()) return cx.fail(kIo, cx.say(Str::cli_io_out_not_regular, {path}));
    return cx.fail(kIo, cx.say(Str::cli_io_write, {path, error}));
}

std::string sizeText(std::size_t bytes, Lang lang) {
    const std::uint64_t tenths = (static_cast<std::uint64_t>(bytes) * 10 + (1u << 19)) >> 20;
    return std::to_string(tenths / 10) + (lang == Lang::es ? "," : ".") + std::to_string(tenths % 10) + " MB";
}

} // namespace recobra::cli
