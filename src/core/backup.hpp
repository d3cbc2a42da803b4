#pragma once
// The backup file (docs/backup-format.md): every event, one per line, sorted by id, and
// the settings; keys sorted, so identical data gives identical bytes. Reading streams the
// file event by event (a backup of 100,000 debtors is hundreds of megabytes), checks the
// envelope, every field and the integrity of the whole, and either returns everything or a
// Problem naming the file, the record and the field.
#include "commands.hpp"
#include "events.hpp"
#include "problem.hpp"
#include "settings.hpp"
#include "state.hpp"

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace recobra {

inline constexpr const char* kBackupFormat = "recobra-backup";
inline constexpr int kBackupSchema = 1;
// Far above any real backup (100,000 debtors with a million interactions is ~400 MB).
inline constexpr std::size_t kMaxBackupBytes = std::size_t{1} << 30;

// Writes a backup in pieces so a large one never needs a second full copy in memory.
class BackupWriter {
public:
    explicit BackupWriter(std::string& out) : out_(out) {}
    void begin();
    void add(const Event& event);
    void end(const Settings& settings);

private:
    std::string& out_;
    bool first_ = true;
};

std::string writeBackup(const Settings& settings, const std::vector<Event>& events);

struct BackupContents {
    Settings settings;
    std::vector<Event> events; // sorted by id, unique
};

struct BackupRead {
    std::optional<BackupContents> contents;
    std::optional<Problem> problem; // file, record and field filled in
};

// Reads and checks a backup's structure and every event's fields.
BackupRead readBackup(std::string_view text, const std::string& fileName);

// Checks that `incoming` makes sense on top of `base` (empty for a restore): every event's
// values are sane and every reference resolves. Problems name the event. `now` bounds dates.
std::optional<Problem> checkIntegrity(const std::vector<Event>& base, const std::vector<Event>& incoming,
                                      const std::string& fileName);

} // namespace recobra
