#include "core/exchange/zip.hpp"

#include <algorithm>
#include <array>

namespace recobra {

namespace {

constexpr std::array<std::uint32_t, 256> makeCrcTable() {
    std::array<std::uint32_t, 256> table{};
    for (std::uint32_t n = 0; n < 256; ++n) {
        std::uint32_t c = n;
        for (int k = 0; k < 8; ++k) c = (c & 1) ? 0xEDB88320u ^ (c >> 1) : c >> 1;
        table[n] = c;
    }
    return table;
}
constexpr auto kCrcTable = makeCrcTable();

// Little-endian, as every number in a ZIP file is.
void put16(std::string& out, std::uint32_t v) {
    out.push_back(static_cast<char>(v & 0xFF));
    out.push_back(static_cast<char>((v >> 8) & 0xFF));
}
void put32(std::string& out, std::uint32_t v) {
    put16(out, v & 0xFFFF);
    put16(out, v >> 16);
}

constexpr std::uint32_t kLocalHeader = 0x04034b50, kCentralHeader = 0x02014b50, kEndOfDirectory = 0x06054b50;
constexpr std::uint32_t kVersion = 20;          // 2.0: what "stored" with these flags needs
constexpr std::uint32_t kUtf8Names = 1u << 11;  // general purpose flag: names are UTF-8
constexpr std::uint32_t kStored = 0;

} // namespace

std::uint32_t crc32(std::string_view bytes, std::uint32_t crc) {
    crc = ~crc;
    for (char c : bytes) crc = kCrcTable[(crc ^ static_cast<unsigned char>(c)) & 0xFF] ^ (crc >> 8);
    return ~crc;
}

ZipWriter::ZipWriter(std::string& out, ZipTime time) : out_(out) {
    // DOS dates start in 1980; anything earlier is written as 1980-01-01.
    const int year = std::clamp(time.date.year(), 1980, 2107);
    const bool early = time.date.year() < 1980;
    const int month = early ? 1 : static_cast<int>(time.date.month());
    const int day = early ? 1 : static_cast<int>(time.date.day());
    dosDate_ = static_cast<std::uint16_t>(((year - 1980) << 9) | (month << 5) | day);
    dosTime_ = static_cast<std::uint16_t>((std::clamp(time.hour, 0, 23) << 11) | (std::clamp(time.minute, 0, 59) << 5) |
                                          (std::clamp(time.second, 0, 59) / 2));
}

bool ZipWriter::add(std::string_view name, std::string_view bytes) {
    if (finished_ || entries_ + 1 > kZipMaxEntries || name.empty() || name.size() > 0xFFFF) return false;
    const std::uint64_t offset = out_.size();
    const std::uint64_t after = offset + 30 + name.size() + bytes.size();
    // The directory (46 bytes + name per file) and its 22-byte end must fit too.
    if (after + directory_.size() + 46 + name.size() + 22 > kZipMaxBytes) return false;
    const std::uint32_t crc = crc32(bytes);
    const auto size = static_cast<std::uint32_t>(bytes.size());
    const auto nameSize = static_cast<std::uint32_t>(name.size());

    put32(out_, kLocalHeader);
    put16(out_, kVersion);
    put16(out_, kUtf8Names);
    put16(out_, kStored);
    put16(out_, dosTime_);
    put16(out_, dosDate_);
    put32(out_, crc);
    put32(out_, size); // compressed size: stored, the same
    put32(out_, size);
    put16(out_, nameSize);
    put16(out_, 0); // no extra field
    out_.append(name);
    out_.append(bytes);

    put32(directory_, kCentralHeader);
    put16(directory_, kVersion); // made by: MS-DOS attributes, version 2.0
    put16(directory_, kVersion);
    put16(directory_, kUtf8Names);
    put16(directory_, kStored);
    put16(directory_, dosTime_);
    put16(directory_, dosDate_);
    put32(directory_, crc);
    put32(directory_, size);
    put32(directory_, size);
    put16(directory_, nameSize);
    put16(directory_, 0); // extra field
    put16(directory_, 0); // comment
    put16(directory_, 0); // disk number
    put16(directory_, 0); // internal attributes
    put32(directory_, 0); // external attributes
    put32(directory_, static_cast<std::uint32_t>(offset));
    directory_.append(name);
    ++entries_;
    return true;
}

bool ZipWriter::finish() {
    if (finished_) return false;
    finished_ = true;
    const auto offset = static_cast<std::uint32_t>(out_.size());
    out_.append(directory_);
    put32(out_, kEndOfDirectory);
    put16(out_, 0); // this disk
    put16(out_, 0); // the disk where the directory starts
    put16(out_, static_cast<std::uint32_t>(entries_));
    put16(out_, static_cast<std::uint32_t>(entries_));
    put32(out_, static_cast<std::uint32_t>(directory_.size()));
    put32(out_, offset);
    put16(out_, 0); // no comment
    directory_ = {};
    return true;
}

} // namespace recobra
