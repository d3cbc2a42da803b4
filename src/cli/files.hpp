#pragma once
// Files for the CLI: reading a backup safely, whole or in pieces (never blocking on a pipe or a device,
// never reading more than a backup can be), and writing one through a temporary file that
// replaces the target only once everything is on disk.
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

private:
    std::string path_;
    std::string temporary_;
    std::FILE* file_ = nullptr;
    std::size_t written_ = 0;
    bool committed_ = false;
};

} // namespace recobra::cli
