#pragma once
// The native event store: a folder with events.jsonl (one canonical event per line,
// appended and fsync'ed before a write is reported done) and settings.json (replaced
// atomically). Used by the CLI, tests and benchmarks; same contract as IndexedDB.
#include "platform/storage.hpp"

#include <string>
#include <vector>

namespace recobra {

class FileEventStorage final : public EventStorage {
public:
    explicit FileEventStorage(std::string directory);

    struct Loaded {
        std::vector<Event> events;
        Settings settings;
        std::size_t ignoredLines = 0; // a torn last line from a crash mid-write, never acknowledged
        std::string error;            // the folder could not be read
    };
    Loaded load() const;

    void append(std::uint32_t request, const std::vector<Event>& events) override;
    void saveSettings(const Settings& settings) override;
    void replaceAll(std::uint32_t request, const EventLog& events, std::uint64_t staged) override;

private:
    std::string directory_;
};

} // namespace recobra
