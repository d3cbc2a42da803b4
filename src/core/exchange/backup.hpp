#pragma once
// The backup file (docs/backup-format.md): every event, one per line, sorted by id, and
// the settings; keys sorted, so identical data gives identical bytes. Reading streams the
// file event by event (a backup of 100,000 debtors is hundreds of megabytes), checks the
// envelope, every field and the integrity of the whole, and either returns everything or a
// Problem naming the file, the record and the field.
#include "core/codec/event_codec.hpp"
#include "core/i18n/problem.hpp"
#include "core/model/events.hpp"
#include "core/model/settings.hpp"
#include "core/rules/commands.hpp"
#include "core/state/state.hpp"
#include "core/workspace/checked_fold.hpp"

#include <cstdint>
#include <functional>
#include <memory>
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
    void add(const EventLog& log, std::size_t i); // written from the record, not decoded
    void end(const Settings& settings);

private:
    std::string& out_;
    bool first_ = true;
};

std::string writeBackup(const Settings& settings, const std::vector<Event>& events);
std::string writeBackup(const Settings& settings, const EventLog& events);

struct BackupContents {
    Settings settings;
    EventLog events; // sorted by id, unique
    // Nonzero when storage already holds exactly these events, written aside while the file
    // was read (the browser stages a restore's new generation): a restore hands it to
    // EventStorage::replaceAll, which then need not write them again.
    std::uint64_t staged = 0;
    // The state a restore of these events folds to, when the reader was asked to check them
    // as a restore while reading (BackupStreamReader::checkAsRestore) and every event it
    // checked was in order and valid against the state before it. Absent otherwise. It holds
    // the first `restoreChecked` events: all of them, or those before a part the reader
    // adopted unchecked (the browser's second part), which a restore's fold then resumes from.
    std::optional<State> restoreState;
    std::size_t restoreChecked = 0;
};

struct BackupRead {
    std::optional<BackupContents> contents;
    std::optional<Problem> problem; // file, record and field filled in
};

// Reads and checks a backup's structure and every event's fields.
BackupRead readBackup(std::string_view text, const std::string& fileName);

// The end of a backup read by a reader of its own (BackupStreamReader::forPart), handed over
// a piece at a time: the browser reads the second part of a large file in a worker while the
// page reads the first, and checks each piece the worker hands over while it reads on.
struct BackupPart {
    EventLog events;   // in the order the part lists them
    std::string tail;  // the lines after the events: format, schema, settings (last piece only)
    std::size_t lines = 0; // the piece's lines and bytes (whole lines)
    std::size_t bytes = 0;
    bool last = false; // the file's end: the events up to the tail, and the tail
};

// Reads a backup fed in pieces (a file read a few megabytes at a time): events are decoded
// line by line when the file has the layout writeBackup gives it, so a large backup is never
// held whole in memory; a file laid out otherwise (edited by hand) is read whole at the end.
class BackupStreamReader {
public:
    explicit BackupStreamReader(std::string fileName) : fileName_(std::move(fileName)) {}
    // A reader for the rest of a file from one of its event lines on (fed from the start of
    // that line): it reads event lines and the tail as the whole file's reader would.
    static BackupStreamReader forPart(std::string fileName);
    // The file's size, when known before reading: one far larger than any backup is refused
    // at once, without reading it.
    void expectSize(double bytes);
    // Returns false once the file is known to be bad (no need to read further).
    bool feed(std::string_view bytes);
    BackupRead finish();
    // A part's reader (forPart) once fed its bytes: what it read, or nothing when the part has
    // a problem or does not end with the tail. The whole file's reader then reads those bytes
    // itself, and names the problem with the file's own line and event numbers.
    std::optional<BackupPart> finishPart();
    // A part's reader part-way: the events of the whole lines read so far (nothing if none, or
    // once past the events or a problem), handed over before the rest so that they can be
    // checked while this reader goes on. finishPart() then gives what follows them.
    std::optional<BackupPart> takeEvents();
    // Takes `part` as the bytes that follow those fed so far: false, and nothing changes, unless
    // this reader is reading event lines with no line cut and the part's first event comes
    // after the last one read. After a piece that is not the last, the rest is adopted or fed.
    // Adopted events are not passed to onEventLine (the part's reader had its own).
    bool adopt(BackupPart&& part);
    // With checkAsRestore, adopted events (and those read before checkAsRestore was called, or
    // fed while the check was behind) are checked by calls to this, up to `budget` at a time,
    // in order; true while some remain and the check goes on. Those left unchecked at the end
    // are left to the check after reading (restoreChecked).
    bool checkAdopted(std::size_t budget);
    std::size_t bytesRead() const { return total_; }
    // Called with each event line read in the layout writeBackup gives, once the event decoded:
    // where the line lies among the bytes fed to this reader, [begin, end), its comma and line
    // end included. The browser stages a restore's new generation as those bytes of the file
    // itself while it is read (BlockPacker). A file in another layout calls it for nothing.
    using LineSink = std::function<void(const EventId& id, std::size_t begin, std::size_t end)>;
    void onEventLine(LineSink sink) { sink_ = std::move(sink); }
    // Checks and folds the events as a restore would while they are read (RestoreCheck).
    // finish() then gives BackupContents::restoreState.
    void checkAsRestore();
    std::size_t eventsRead() const { return contents_.events.size(); }

private:
    enum class Mode { Start, Events, Tail, Whole };
    bool lines(std::string_view bytes); // after the first line
    // [begin, end): where the line's bytes lie among those fed; `slack`: bytes of the same
    // buffer readable after `text` (the decoder then parses it where it lies).
    void line(std::string_view text, std::size_t begin, std::size_t end, std::size_t slack = 0);

    std::string fileName_;
    Mode mode_ = Mode::Start;
    std::string pending_; // an incomplete line
    std::string tail_;    // after the events: format, schema, settings
    std::string whole_;   // the file, when it is not laid out as this app writes it
    BackupContents contents_;
    std::optional<Problem> problem_;
    LineSink sink_;
    EventDecoder decoder_; // reused from line to line
    std::unique_ptr<RestoreCheck> check_;
    std::size_t total_ = 0;
    std::size_t lineNumber_ = 0;
    std::size_t takenLines_ = 0; // a part's reader: lines and bytes handed over by takeEvents()
    std::size_t takenBytes_ = 0;
    Event adopted_;              // an adopted event being checked
};

} // namespace recobra
