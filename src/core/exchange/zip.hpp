#pragma once
// A ZIP archive (PKWARE APPNOTE 6.3.x, section 4.3) with every file "stored": no
// compression, so the writer stays small and exact, and every unzip tool, Windows Explorer
// and macOS Archive Utility open it. The browser needs one download for the agency package;
// this puts its files in one.
//
// Limits of the classic format (no ZIP64): at most 65,535 files and 4 GiB in all; past them
// add() refuses and the archive is not written. Names are UTF-8 (general purpose flag bit 11),
// the modification time is the one given (DOS time has a 2-second step and no time zone).
#include "core/values/date.hpp"

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace recobra {

// CRC-32 as ZIP, PNG and Ethernet compute it (ISO 3309, polynomial 0xEDB88320 reflected).
// crc32("123456789") == 0xCBF43926. `crc` continues a CRC over earlier bytes.
std::uint32_t crc32(std::string_view bytes, std::uint32_t crc = 0);

struct ZipTime {
    Date date;
    int hour = 0, minute = 0, second = 0;
};

inline constexpr std::size_t kZipMaxEntries = 0xFFFF;
inline constexpr std::uint64_t kZipMaxBytes = 0xFFFFFFFFull;

// Appends files to `out` one at a time (so a caller can spread the work over frames), then
// finish() writes the central directory. The archive is `out` once finish() returned true.
class ZipWriter {
public:
    ZipWriter(std::string& out, ZipTime time);
    // false (and nothing added) when the archive would pass the format's limits.
    bool add(std::string_view name, std::string_view bytes);
    bool finish();
    std::size_t entries() const { return entries_; }

private:
    std::string& out_;
    std::string directory_;
    std::uint16_t dosTime_ = 0, dosDate_ = 0;
    std::size_t entries_ = 0;
    bool finished_ = false;
};

} // namespace recobra
