#include "platform/native/file_storage.hpp"

#include "core/codec/event_codec.hpp"
#include "core/codec/json_codec.hpp"

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fcntl.h>
#include <fstream>
#include <sstream>
#include <sys/stat.h>
#include <unistd.h>

namespace recobra {

namespace {
bool writeAll(int fd, const std::string& data) {
    std::size_t done = 0;
    while (done < data.size()) {
        const auto n = ::write(fd, data.data() + done, data.size() - done);
        if (n < 0) {
            if (errno == EINTR) continue;
            return false;
        }
        done += static_cast<std::size_t>(n);
    }
    return true;
}
} // namespace

FileEventStorage::FileEventStorage(std::string directory) : directory_(std::move(directory)) {
    ::mkdir(directory_.c_str(), 0755);
}

FileEventStorage::Loaded FileEventStorage::load() const {
    Loaded out;
    std::ifstream events(directory_ + "/events.jsonl", std::ios::binary);
    std::string line;
    while (std::getline(events, line)) {
        if (line.empty()) continue;
        auto decoded = decodeEventText(std::string_view(line));
        if (decoded.event) out.events.push_back(std::move(*decoded.event));
        else ++out.ignoredLines;
    }
    std::ifstream settingsFile(directory_ + "/settings.json", std::ios::binary);
    if (settingsFile) {
        std::stringstream buffer;
        buffer << settingsFile.rdbuf();
        nlohmann::json j;
        if (!parseJson(buffer.str(), j)) JsonReader::readObject(j, out.settings);
    }
    return out;
}

void FileEventStorage::append(std::uint32_t request, const std::vector<Event>& events) {
    std::string data;
    for (const auto& e : events) {
        appendEvent(data, e);
        data.push_back('\n');
    }
    const std::string path = directory_ + "/events.jsonl";
    const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0644);
    bool ok = fd >= 0 && writeAll(fd, data) && ::fsync(fd) == 0;
    const std::string error = ok ? std::string() : path + ": " + std::strerror(errno);
    if (fd >= 0) ::close(fd);
    completed(request, ok, error);
}

void FileEventStorage::replaceAll(std::uint32_t request, const EventLog& events, std::uint64_t /*staged*/) {
    // A new file renamed over the old one: the old log stays whole until the rename. Nothing
    // is ever staged here (tools write a file in one go).
    std::string data;
    for (std::size_t i = 0; i < events.size(); ++i) {
        events.appendJson(i, data);
        data.push_back('\n');
    }
    const std::string path = directory_ + "/events.jsonl";
    const std::string temporary = path + ".tmp";
    const int fd = ::open(temporary.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    const bool ok = fd >= 0 && writeAll(fd, data) && ::fsync(fd) == 0 && ::close(fd) == 0 &&
                    std::rename(temporary.c_str(), path.c_str()) == 0;
    if (!ok && fd >= 0) ::close(fd);
    completed(request, ok, ok ? std::string() : path + ": " + std::strerror(errno));
}

void FileEventStorage::saveSettings(const Settings& settings) {
    std::string data;
    JsonWriter::writeObject(data, settings);
    const std::string path = directory_ + "/settings.json";
    const std::string temporary = path + ".tmp";
    const int fd = ::open(temporary.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    if (fd < 0) return;
    const bool ok = writeAll(fd, data) && ::fsync(fd) == 0;
    ::close(fd);
    if (ok) std::rename(temporary.c_str(), path.c_str());
}

} // namespace recobra
