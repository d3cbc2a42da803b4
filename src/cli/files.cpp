#include "cli/files.hpp"

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <system_error>
#include <unistd.h>

namespace recobra::cli {

namespace fs = std::filesystem;

FileText readFileText(const std::string& path, std::size_t maxBytes) {
    FileText out;
    std::error_code ec;
    // Not a regular file (a fifo, a device, a socket): reading it could block or never end.
    const auto status = fs::status(path, ec);
    if (ec || !fs::exists(status)) {
        if (!ec || ec == std::errc::no_such_file_or_directory || ec == std::errc::not_a_directory)
            out.status = ReadStatus::Missing;
        else
            out.detail = ec.message();
        return out;
    }
    if (fs::is_directory(status)) {
        out.status = ReadStatus::Directory;
        return out;
    }
    if (!fs::is_regular_file(status)) {
        out.status = ReadStatus::NotRegular;
        return out;
    }
    const auto size = fs::file_size(path, ec);
    if (!ec && size > maxBytes) {
        out.status = ReadStatus::TooLarge;
        return out;
    }
    std::FILE* file = std::fopen(path.c_str(), "rb");
    if (!file) {
        out.detail = std::strerror(errno);
        return out;
    }
    if (!ec) out.text.reserve(static_cast<std::size_t>(size));
    char buffer[1 << 16];
    for (;;) {
        const std::size_t n = std::fread(buffer, 1, sizeof buffer, file);
        out.text.append(buffer, n);
        if (out.text.size() > maxBytes) { // it grew while being read
            std::fclose(file);
            out.text.clear();
            out.status = ReadStatus::TooLarge;
            return out;
        }
        if (n < sizeof buffer) break;
    }
    const bool failed = std::ferror(file) != 0;
    const int error = errno;
    std::fclose(file);
    if (failed) {
        out.text.clear();
        out.detail = std::strerror(error);
        return out;
    }
    out.status = ReadStatus::Ok;
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
