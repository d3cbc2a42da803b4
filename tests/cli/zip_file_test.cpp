// The ZIP writer's archives, checked by tools that are not ours: Info-ZIP's `unzip -t` and
// Python's zipfile both read every entry and verify its CRC.
#include "support.hpp"

#include "core/exchange/zip.hpp"

#include <doctest/doctest.h>

#include <cstdlib>
#include <string>

using namespace recobra;
using namespace recobra::clitest;

TEST_CASE("unzip -t and Python's zipfile accept the archive and find every file intact") {
    TempDir dir;
    std::string zip;
    ZipWriter writer(zip, ZipTime{*Date::fromYmd(2026, 11, 22), 9, 30, 0});
    std::string big;
    for (int i = 0; i < 200000; ++i) big.push_back(static_cast<char>('a' + i % 26));
    REQUIRE(writer.add("cases.json", "{\"cases\":[]}"));
    REQUIRE(writer.add("invoices.csv", "\xEF\xBB\xBF" "Factura;Importe\r\nF-1;12,50\r\n"));
    REQUIRE(writer.add("0001-pe\xC3\xB1" "a.html", "<p>Pe\xC3\xB1" "a</p>"));
    REQUIRE(writer.add("big.txt", big));
    REQUIRE(writer.finish());
    const std::string file = dir.path("agencia-2026-11-22.zip");
    writeFile(file, zip);

    const std::string quiet = " >" + dir.path("log.txt") + " 2>&1";
    CHECK(std::system(("unzip -t '" + file + "'" + quiet).c_str()) == 0);
    const std::string python =
        "python3 -c \"import sys, zipfile; z = zipfile.ZipFile(sys.argv[1]); "
        "assert z.testzip() is None; "
        "assert sorted(z.namelist()) == sorted(['cases.json', 'invoices.csv', '0001-pe\\u00f1a.html', 'big.txt']), z.namelist(); "
        "assert z.read('big.txt') == bytes((97 + i % 26) for i in range(200000))\" '" +
        file + "'";
    CHECK(std::system((python + quiet).c_str()) == 0);

    // A damaged byte in the data is caught by both (the CRC no longer matches).
    zip[30 + 10 + 3] ^= 0x20;
    writeFile(file, zip);
    CHECK(std::system(("unzip -t '" + file + "'" + quiet).c_str()) != 0);
    CHECK(std::system((python + quiet).c_str()) != 0);
}
