#pragma once
// Files for the CLI: reading a backup safely, whole or in pieces (never blocking on a pipe or a device,
// never reading more than a backup can be), and writing one through a temporary file that
// replaces the target only once everything is on disk (a folder the same way, whole).
#include <cstddef>
#include <cstdio>
#include <functional>
#include <string>
#include <string_view>

namespace recobra::cli {

enum class ReadStatus { Ok, Missing, Directory, NotRegular, TooLarge, Failed };

struct FileText {
    ReadStatus status = ReadStatus::Failed;
    std::string text;
    std::string detail; // the system's reason when status is Failed
};

FileText readFileText(const std::string& path, std::size_t maxBytes);
// The same a few megabytes at a time: `piece` sees each (and returns false to stop early).
ReadStatus readFilePieces(const std::string& path, std::size_t maxBytes,
                          const std::function<bool(std::string_view)>& piece, std::string& detail);

// What is at a path, not following a symbolic link: nothing, a regular file, a folder, or
// anything else (a device, a fifo, a socket, a symbolic link, wherever it points).
enum class PathKind { None, Regular, Directory, Other };
PathKind pathKind(const std::string& path);

// A file written whole: into a temporary file beside it, renamed over it once complete. Only
// a new path or a regular file is written: anything else at the path (a device such as
// /dev/null, a fifo, a symbolic link) would be replaced by the file, so open() and commit()
// refuse it (refused() then says so), before anything is written there.
class FileWriter {
public:
    explicit FileWriter(std::string path);
    ~FileWriter(); // a file not committed is removed
    FileWriter(const FileWriter&) = delete;
    FileWriter& operator=(const FileWriter&) = delete;

    // Each returns false and sets `error` (the system's reason) on failure.
    bool open(std::string& error);
    bool write(std::string_view data, std::string& error);
    bool commit(std::string& error); // flush, close, rename over the target
    std::size_t written() const { return written_; }
    bool refused() const { return refused_; } // the path holds something that is not a regular file

private:
    bool targetRefused(std::string& error); // a folder or something else at the path

    std::string path_;
    std::string temporary_;
    std::FILE* file_ = nullptr;
    std::size_t written_ = 0;
    bool committed_ = false;
    bool refused_ = false;
};

// A folder written whole (an agency package): its files go into a temporary folder beside
// it, which then takes its place: the old folder renamed aside, the new one renamed in, the
// old one removed; if the new one cannot be renamed in, the old one is renamed back. On any
// failure the folder is as it was and nothing is left beside it. The caller decides first
// whether what is at the path may be replaced.
class FolderWriter {
public:
    explicit FolderWriter(const std::string& path);
    ~FolderWriter(); // a folder not committed is removed
    FolderWriter(const FolderWriter&) = delete;
    FolderWriter& operator=(const FolderWriter&) = delete;

    // Each returns false and sets `error` (the system's reason) on failure.
    bool open(std::string& error); // the folders above it, and the temporary folder
    bool add(const std::string& name, std::string_view bytes, std::string& error);
    bool commit(std::string& error);

private:
    std::string target_, staging_, aside_;
    bool open_ = false, committed_ = false;
};

// For tests only: when set, asked before each step that puts something in place ("open" a
// file, move the old folder "aside", move the new one "in"), with its path; true makes that
// step fail as a full disk would. The tool never sets it.
extern std::function<bool(std::string_view step, const std::string& path)> injectedWriteFault;

} // namespace recobra::cli
