#pragma once
// What the fuzz targets share: how a broken property is reported, what a refusal must name,
// the check `recobra validate` applies to a backup, and the round trip every accepted input
// must survive (written as a backup, read and checked again, folded to the same state).
#include "core/exchange/backup.hpp"
#include "core/i18n/problem.hpp"
#include "core/state/state.hpp"

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace recobra::fuzz {

// A broken property: says which on stderr and traps, so libFuzzer reports a crash and saves
// the input. `detail` is cut to a few hundred bytes.
[[noreturn]] void violated(const char* property, std::string_view detail = {});
inline void require(bool ok, const char* property, std::string_view detail = {}) {
    if (!ok) violated(property, detail);
}

// Whether a check is on. Every one is, since issue 27 landed, but "unchecked-fold": folding
// what the integrity check refused, which no reader does any more (one checked reading path);
// RECOBRA_FUZZ_PENDING=unchecked-fold (or "all") asks for it. The names (fuzz/README.md):
//   duplicate-keys  an input with a key twice is checked as any other (refused by every parser)
//   layouts         both layouts of a backup, and both JSON parsers, read the same bytes alike
//   unchecked-fold  what the backup reader accepts folds without overflow even when the
//                   integrity check refuses it
//   unknown-bytes   an unknown event is written back byte for byte
//   short-messages  a refusal's message stays short
//   empty-key       an unknown key that is itself empty is named
//   image-lengths   a state image whose header claims more items than it holds is refused
//                   without the reader reserving room for them all
bool pending(const char* check);

// RECOBRA_FUZZ_VERBOSE=1 prints each input's outcome (accepted, or the problem): for running a
// target over one input or a corpus by hand (-runs=0).
void note(const char* target, std::string_view what);

// Whether any JSON object in `text` has a key twice (parseJson's refusal; false when `text`
// is not JSON for another reason). Every reader refuses such an input (issue 27, point 4).
bool hasDuplicateKeys(std::string_view text);

// A refusal names where: the file, and the record (event, line, row) or the field. Only a
// problem with the file as a whole (empty, too large, not a backup…) may name the file alone.
void requirePosition(const Problem& p, const std::string& file, const char* reader);

// A problem as one line, for comparing two readings and for reports.
std::string describe(const Problem& p);

// `recobra validate`'s reading of a file: fed to the stream reader in pieces of `piece`
// bytes, checked as a restore while read, then checkIntegrity unless that check covered
// every event. `unchecked` holds what the reader alone accepted when the integrity check
// then refused it (what `stats` and `agenda` read today).
struct Validated {
    std::optional<BackupContents> contents;
    std::optional<Problem> problem;
    std::optional<BackupContents> unchecked;
};
Validated validate(std::string_view bytes, const std::string& file, std::size_t piece);

// The settings as the backup writes them.
std::string settingsText(const Settings& settings);

// Two states the same, fact by fact and index by index; else says which part differs.
void requireSameState(const State& expected, const State& actual, const char* property);

// The export of an accepted input: written as a backup, it is accepted by validate's check,
// its events and settings read back as written, they fold to `expected`, and written again
// they give the same bytes. `piece`: how the re-read is fed (as validate() takes it).
void requireRoundTrip(const Settings& settings, const EventLog& events, const State& expected,
                      std::size_t piece);

// A piece size for the stream reader, from the input itself (1 to 64 bytes): the same input
// is read the same way on every run.
std::size_t pieceSize(std::string_view bytes);

} // namespace recobra::fuzz
