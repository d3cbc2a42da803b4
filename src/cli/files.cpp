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

std::function<bool(std::string_view step, const std::string& path)> injectedWriteFault;

namespace {

// A step a test made fail: the reason a full disk gives.
bool faulted(std::string_view step, const std::string& path, std::string& error) {
    if (!injectedWriteFault || !injectedWriteFault(step, path)) return false;
    error = std::strerror(ENOSPC);
    return true;
}

} // namespace

PathKind pathKind(const std::string& path) {
    std::error_code ec;
    const auto status = fs::symlink_status(path, ec);
    // Not there, or not to be looked at (a folder above it missing or closed): opening says why.
    if (ec || !fs::exists(status)) return PathKind::None;
    if (fs::is_regular_file(status)) return PathKind::Regular;
    if (fs::is_directory(status)) return PathKind::Directory;
    return PathKind::Other;
}

FileWriter::FileWriter(std::string path)
    : path_(std::move(path)), temporary_(path_ + ".tmp-" + std::to_string(::getpid())) {}

FileWriter::~FileWriter() {
    if (file_) std::fclose(file_);
    if (!committed_) std::remove(temporary_.c_str());
}

bool FileWriter::targetRefused(std::string& error) {
    switch (pathKind(path_)) {
    case PathKind::None:
    case PathKind::Regular: return false;
    case PathKind::Directory: error = std::strerror(EISDIR); return true;
    case PathKind::Other: refused_ = true; error = std::strerror(EEXIST); return true;
    }
    return false;
}

bool FileWriter::open(std::string& error) {
    if (targetRefused(error) || faulted("open", path_, error)) return false;
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
    // Looked at again: something may have taken the path meanwhile.
    if (targetRefused(error)) return false;
    if (std::rename(temporary_.c_str(), path_.c_str()) != 0) {
        error = std::strerror(errno);
        return false;
    }
    committed_ = true;
    return true;
}

namespace {

// The folder a path names, absolute and without a trailing separator ("agencia/" is "agencia").
fs::path folderPath(const std::string& path) {
    std::error_code ec;
    fs::path p = fs::absolute(path, ec);
    if (ec) p = path;
    p = p.lexically_normal();
    while (!p.has_filename() && p.has_relative_path()) p = p.parent_path();
    return p;
}

} // namespace

FolderWriter::FolderWriter(const std::string& path) {
    const fs::path target = folderPath(path);
    const std::string pid = std::to_string(::getpid());
    target_ = target.string();
    staging_ = target_ + ".tmp-" + pid;
    aside_ = target_ + ".old-" + pid;
}

FolderWriter::~FolderWriter() {
    std::error_code ec;
    if (open_ && !committed_) fs::remove_all(staging_, ec);
}

bool FolderWriter::open(std::string& error) {
    std::error_code ec;
    const fs::path parent = fs::path(target_).parent_path();
    if (!parent.empty()) fs::create_directories(parent, ec);
    if (!ec) fs::remove_all(staging_, ec); // one left by an earlier run that had this process id
    if (!ec) fs::create_directory(staging_, ec);
    if (ec) {
        error = ec.message();
        return false;
    }
    open_ = true;
    return true;
}

bool FolderWriter::add(const std::string& name, std::string_view bytes, std::string& error) {
    if (!open_) return false;
    FileWriter file((fs::path(staging_) / name).string());
    return file.open(error) && file.write(bytes, error) && file.commit(error);
}

bool FolderWriter::commit(std::string& error) {
    if (!open_) return false;
    std::error_code ec;
    const PathKind old = pathKind(target_);
    if (old == PathKind::Directory) {
        if (faulted("aside", aside_, error)) return false;
        fs::rename(target_, aside_, ec);
        if (ec) {
            error = ec.message();
            return false;
        }
    } else if (old != PathKind::None) { // the caller looked; something else has taken the path since
        error = std::strerror(EEXIST);
        return false;
    }
    if (!faulted("in", target_, error)) {
        fs::rename(staging_, target_, ec);
        if (!ec) {
            committed_ = true;
            fs::remove_all(aside_, ec); // the old package: if it cannot all go, what is left is only old
            return true;
        }
        error = ec.message();
    }
    if (old == PathKind::Directory) {
        fs::rename(aside_, target_, ec); // the old one back
        if (ec) error += "; " + aside_ + ": " + ec.message();
    }
    return false;
}

} // namespace recobra::cli
