// The ZIP writer of the agency package: CRC-32 as every unzip tool checks it, and archives
// whose bytes follow APPNOTE 4.3 (local headers, central directory, end record), read back
// here by a small reader that trusts nothing but the format.
#include "core/exchange/agency/agency_zip.hpp"
#include "core/exchange/zip.hpp"
#include "core/sample/demo.hpp"
#include "core/workspace/workspace.hpp"

#include <doctest/doctest.h>

#include <map>
#include <string>

using namespace recobra;

namespace {

std::uint32_t le16(const std::string& s, std::size_t at) {
    return static_cast<std::uint32_t>(static_cast<unsigned char>(s[at])) |
           static_cast<std::uint32_t>(static_cast<unsigned char>(s[at + 1])) << 8;
}
std::uint32_t le32(const std::string& s, std::size_t at) { return le16(s, at) | le16(s, at + 2) << 16; }

// Reads the archive through its central directory, checking every local header and CRC.
std::map<std::string, std::string> unzip(const std::string& zip) {
    std::map<std::string, std::string> files;
    REQUIRE(zip.size() >= 22);
    const std::size_t end = zip.size() - 22;
    REQUIRE(le32(zip, end) == 0x06054b50u);
    const std::uint32_t count = le16(zip, end + 10);
    CHECK(le16(zip, end + 8) == count);
    const std::uint32_t dirSize = le32(zip, end + 12);
    std::size_t at = le32(zip, end + 16);
    CHECK(at + dirSize == end);
    for (std::uint32_t i = 0; i < count; ++i) {
        REQUIRE(le32(zip, at) == 0x02014b50u);
        const std::uint32_t crc = le32(zip, at + 16), size = le32(zip, at + 24), nameSize = le16(zip, at + 28);
        CHECK(le16(zip, at + 10) == 0); // stored
        CHECK(le32(zip, at + 20) == size);
        const std::size_t local = le32(zip, at + 42);
        const std::string name = zip.substr(at + 46, nameSize);
        REQUIRE(le32(zip, local) == 0x04034b50u);
        CHECK(le32(zip, local + 14) == crc);
        CHECK(zip.substr(local + 30, le16(zip, local + 26)) == name);
        const std::string bytes = zip.substr(local + 30 + nameSize + le16(zip, local + 28), size);
        CHECK(crc32(bytes) == crc);
        files[name] = bytes;
        at += 46 + nameSize + le16(zip, at + 30) + le16(zip, at + 32);
    }
    return files;
}

const ZipTime kTime{*Date::fromYmd(2026, 11, 22), 17, 45, 31};

} // namespace

TEST_CASE("CRC-32 gives the published check values") {
    CHECK(crc32("") == 0u);
    CHECK(crc32("123456789") == 0xCBF43926u); // the standard check value of CRC-32/ISO-HDLC
    CHECK(crc32("The quick brown fox jumps over the lazy dog") == 0x414FA339u);
    CHECK(crc32("a") == 0xE8B7BE43u);
    // Continued over pieces it is the CRC of the whole.
    CHECK(crc32("56789", crc32("1234")) == 0xCBF43926u);
}

TEST_CASE("a one-file archive is exactly the bytes APPNOTE describes") {
    std::string zip;
    ZipWriter writer(zip, kTime);
    REQUIRE(writer.add("hola.txt", "hello"));
    REQUIRE(writer.finish());
    // 30 + name + data, then 46 + name, then 22.
    REQUIRE(zip.size() == 30 + 8 + 5 + 46 + 8 + 22);
    const std::string local("PK\x03\x04"
                            "\x14\x00"  // version 2.0
                            "\x00\x08"  // UTF-8 names
                            "\x00\x00", // stored
                            10);
    CHECK(zip.substr(0, 10) == local);
    // 17:45:31 -> 17<<11 | 45<<5 | 15 = 0x8DAF; 2026-11-22 -> 46<<9 | 11<<5 | 22 = 0x5D76.
    CHECK(le16(zip, 10) == 0x8DAFu);
    CHECK(le16(zip, 12) == 0x5D76u);
    CHECK(le32(zip, 14) == 0x3610A686u); // crc32("hello")
    CHECK(le32(zip, 18) == 5);
    CHECK(le32(zip, 22) == 5);
    CHECK(zip.substr(30, 13) == "hola.txthello");
    const auto files = unzip(zip);
    REQUIRE(files.size() == 1);
    CHECK(files.at("hola.txt") == "hello");
}

TEST_CASE("several files, UTF-8 names, empty and binary contents read back exactly") {
    std::string binary;
    for (int i = 0; i < 1000; ++i) binary.push_back(static_cast<char>(i * 37 % 256));
    const std::map<std::string, std::string> input = {
        {"cases.json", "{\"format\":\"recobra-agency-package\"}"},
        {"invoices.csv", "\xEF\xBB\xBFN.\xC2\xBA;Importe\r\nF-1;12,50\r\n"},
        {"0001-pena-martinez.html", "<p>Pe\xC3\xB1" "a</p>"},
        {"empty.txt", ""},
        {"bin.dat", binary},
    };
    std::string zip;
    ZipWriter writer(zip, kTime);
    for (const auto& [name, bytes] : input) REQUIRE(writer.add(name, bytes));
    CHECK(writer.entries() == 5);
    REQUIRE(writer.finish());
    CHECK(unzip(zip) == input);
    CHECK_FALSE(writer.add("late.txt", "x")); // nothing goes in after the directory
}

TEST_CASE("an empty archive is the 22-byte end record alone") {
    std::string zip;
    ZipWriter writer(zip, kTime);
    REQUIRE(writer.finish());
    CHECK(zip == std::string("PK\x05\x06", 4) + std::string(18, '\0'));
}

TEST_CASE("dates before 1980 (DOS time's epoch) are written as 1980-01-01; names must not be empty") {
    std::string zip;
    ZipWriter writer(zip, ZipTime{*Date::fromYmd(1975, 6, 1), 0, 0, 0});
    CHECK_FALSE(writer.add("", "x"));
    REQUIRE(writer.add("a", "x"));
    CHECK(le16(zip, 12) == ((0u << 9) | (1u << 5) | 1u));
}

// --- the agency package as one download -------------------------------------------------------------


TEST_CASE("the agency package zips into one folder named like the archive, every file intact") {
    const Date today = *Date::fromYmd(2026, 11, 22);
    Workspace ws(7);
    ws.load(demoDataset(today));
    AgencySelection selection;
    selection.stages = {Stage::Agency, Stage::Legal};
    const auto chosen = selectDebtors(ws.state(), selection, today);
    REQUIRE_FALSE(chosen.debtors.empty());
    AgencyOptions options;
    options.today = today;
    const AgencyPackage package = buildAgencyPackage(ws.state(), ws.log(), chosen.debtors, options);
    CHECK(agencyZipName(Lang::es, today) == "agencia-2026-11-22.zip");
    CHECK(agencyZipName(Lang::en, today) == "agency-2026-11-22.zip");

    // Step by step with a tiny budget gives the same bytes as all at once.
    const std::string folder = agencyZipFolder(Lang::es, today);
    const std::string whole = zipAgencyPackage(package, folder, kTime);
    AgencyZipper zipper(package, folder, kTime);
    std::size_t steps = 0;
    while (zipper.step(1)) ++steps;
    CHECK(steps + 1 == package.files.size());
    CHECK_FALSE(zipper.failed());
    CHECK(zipper.take() == whole);

    const auto files = unzip(whole);
    REQUIRE(files.size() == package.files.size());
    for (const auto& f : package.files) CHECK(files.at(folder + "/" + f.name) == f.bytes);
    CHECK(files.count(folder + "/cases.json") == 1);
    CHECK(files.count(folder + "/invoices.csv") == 1);
    CHECK(files.count(folder + "/interactions.csv") == 1);
    CHECK(files.count(folder + "/index.html") == 1);
}
