#pragma once
// What every `recobra` subcommand shares: the language of its messages, where they go, and
// how a failure is reported (a message on stderr and the exit code).
#include "core/exchange/backup.hpp"
#include "core/i18n/strings.hpp"

#include <initializer_list>
#include <optional>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

namespace recobra::cli {

// Exit codes (see the usage text).
inline constexpr int kOk = 0;
inline constexpr int kInvalid = 1;
inline constexpr int kUsage = 2;
inline constexpr int kIo = 3;

struct Context {
    Lang lang = Lang::en;
    std::ostream& out;
    std::ostream& err;

    std::string say(Str id, std::initializer_list<std::string_view> args = {}) const {
        return trf(id, lang, args);
    }
    // "recobra: <message>" on stderr; returns `code`.
    int fail(int code, const std::string& message) const;
    // Wrong usage: the message and a pointer to --help; returns 2.
    int usage(const std::string& message) const;
};

// How a file read is checked. Every command checks it whole, as `validate` and a restore in
// the app do (the format, every field, every reference: docs/backup-format.md, "Reading: all or
// nothing"), and refuses it with the same message; `merge` checks both files' union instead
// (mergeFiles), which refuses what either would.
enum class FileCheck { Whole, InMerge };

// Reads, decodes and checks a backup file. On failure reports why (the file, record and field
// of a problem in it, or the I/O error) and returns the exit code. Checked whole, it also
// gives the state the events fold to (out.restoreState, all of them: restoreChecked).
// With `agencyPackageToo`, the cases.json of an agency package is read too (its events).
std::optional<int> loadBackup(const std::string& path, const Context& cx, BackupContents& out,
                              bool agencyPackageToo = false, FileCheck check = FileCheck::Whole);

// A backup read and folded, and the day to work on: `today` when given, else the day of the
// latest event (the data's own "today"). Used by stats, agenda and agency.
struct Book {
    Settings settings;
    EventLog log;
    State state;
    Date today;
};
std::optional<int> loadBook(const std::string& path, const Context& cx, std::optional<Date> today, Book& out);

// Writes a backup (in pieces, through a temporary file renamed into place when complete), or
// any bytes; on failure reports why and returns the exit code. `written`: the bytes written.
std::optional<int> saveBackup(const std::string& path, const Settings& settings, const EventLog& events,
                              const Context& cx, std::size_t* written = nullptr);
std::optional<int> saveFile(const std::string& path, std::string_view bytes, const Context& cx);
// Refuses an output path that holds something other than a regular file, which writing
// would replace (a device, a fifo, a symbolic link): called before the work whose result the
// file would hold, so that nothing is done in vain (FileWriter refuses it again).
std::optional<int> checkOutput(const std::string& path, const Context& cx);
class FileWriter;
// Why `file` (writing `path`) failed, as the tool says it; returns the exit code.
int writeFailed(const FileWriter& file, const std::string& path, const std::string& error, const Context& cx);
// "12,3 MB" / "12.3 MB".
std::string sizeText(std::size_t bytes, Lang lang);

// Each subcommand gets the arguments after its name (--lang already taken out).
int runGenerate(const std::vector<std::string>& args, const Context& cx);
int runValidate(const std::vector<std::string>& args, const Context& cx);
int runStats(const std::vector<std::string>& args, const Context& cx);
int runAgenda(const std::vector<std::string>& args, const Context& cx);
int runClaim(const std::vector<std::string>& args, const Context& cx);
int runMerge(const std::vector<std::string>& args, const Context& cx);
int runKpis(const std::vector<std::string>& args, const Context& cx);
int runLetter(const std::vector<std::string>& args, const Context& cx);
int runCaseFile(const std::vector<std::string>& args, const Context& cx);
int runPlan(const std::vector<std::string>& args, const Context& cx);
int runAgency(const std::vector<std::string>& args, const Context& cx);
int runImportCsv(const std::vector<std::string>& args, const Context& cx);

} // namespace recobra::cli
