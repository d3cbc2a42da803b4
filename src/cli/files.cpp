#include "cli/files.hpp"

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <functional>
#include <vector>
#include <system_error>
#include <unistd.h>

namespace recobra::cli {

namespace fs = std::filesystem;

ReadStatus readFilePieces(const std::string& path, std::size_t maxBytes,
                          const std::function<bool(std::string_view)>& piece, std::string& detail) {
    std::error_code ec;
    // Not a regular file (a fifo, a device, a socket): reading it could block or never end.
    const auto status = fs::status(path, ec);
    if (ec || !fs::exists(status)) {
        if (!ec || ec == std::errc::no_such_file_or_directory || ec == std::errc::not_a_directory)
            return ReadStatus::Missing;
        detail = ec.message();
        return ReadStatus::Failed;
    }
    if (fs::is_directory(status)) return ReadStatus::Directory;
    if (!fs::is_regular_file(status)) return ReadStatus::NotRegular;
    const auto size = fs::file_size(path, ec);
    if (!ec && size > maxBytes) return ReadStatus::TooLarge;
    std::FILE* file = std::fopen(path.c_str(), "rb");
    if (!file) {
        detail = std::strerror(errno);
        return ReadStatus::Failed;
    }
    std::vector<char> buffer(std::size_t{4} << 20);
    std::size_t total = 0;
    for (;;) {
        const std::size_t n = std::fread(buffer.data(), 1, buffer.size(), file);
        total += n;
        if (total > maxBytes) { // it grew while being read
            std::fclose(file);
            return ReadStatus::TooLarge;
        }
        if (n > 0 && !piece(std::string_view(buffer.data(), n))) break; // the reader has seen enough
        if (n < buffer.size()) break;
    }
    const bool failed = std::ferror(file) != 0;
    const int error = errno;
    std::fclose(file);
    if (failed) {
        detail = std::strerror(error);
        return ReadStatus::Failed;
    }
    return ReadStatus::Ok;
}

FileText readFileText(const std::string& path, std::size_t maxBytes) {
    FileText out;
    std::error_code ec;
    const auto size = fs::file_size(path, ec);
    if (!ec && size <= maxBytes) out.text.reserve(static_cast<std::size_t>(size));
    out.status = readFilePieces(
        path, maxBytes,
        [&](std::string_view bytes) {
            out.text.append(bytes);
            return true;
        },
        out.detail);
    if (out.status != ReadStatus::Ok) out.text.clear();
    return out;
}

FileWriter::FileWriter(std::string path)
    : path_(std::move(path)), temporary_(path_ + ".tmp-" + std::to_string(::getpid())) {}

FileWriter::~FileWriter() {
    if (file_) std::fclose(file_);
    if (!committed_) std::remove(temporary_.c_str());
}

bool FileWriter::open(std::string& error) {
    std::error_code ec;
    if (fs::is_directory(path_, ec)) {
        error = std::strerror(EISDIR);
        return false;
    }
    file_ = std::fopen(temporary_.c_str(), "wb");
    if (!file_) {
        error = std::strerror(errno);
        return false;
    }
    return true;
}

bool FileWriter::write(std::string_view data, std::string& error) {
    if (!file_) return false;
    if (std::fwrite(data.data(), 1, data.size(), file_) != data.size()) {
        error = std::strerror(errno);
        return false;
    }
    written_ += data.size();
    return true;
}

bool FileWriter::commit(std::string& error) {
    if (!file_) return false;
    const bool flushed = std::fflush(file_) == 0;
    const int flushError = errno;
    const bool closed = std::fclose(file_) == 0;
    file_ = nullptr;
    if (!flushed || !closed) {
        error = std::strerror(flushed ? errno : flushError);
        return false;
    }
    if (std::rename(temporary_.c_str(), path_.c_str()) != 0) {
        error = std::strerror(errno);
        return false;
    }
    committed_ = true;
    return true;
}

} // namespace recobra::cli
