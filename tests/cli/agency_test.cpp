// `recobra agency FILE --out DIR`: the package for a collection agency, chosen by stage, days
// overdue or by hand, in Spanish or English.
#include "support.hpp"

#include "core/exchange/agency/agency.hpp"
#include "core/exchange/csv.hpp"
#include "core/exchange/merge.hpp"

#include <doctest/doctest.h>
#include <filesystem>

using namespace recobra;
using namespace recobra::clitest;

namespace {

std::size_t pagesIn(const std::string& dir) {
    std::size_t n = 0;
    for (const auto& f : std::filesystem::directory_iterator(dir))
        if (f.path().extension() == ".html" && f.path().filename() != "index.html") ++n;
    return n;
}

} // namespace

TEST_CASE("agency writes cases.json, the CSVs, an index and a page per debtor") {
    TempDir dir;
    const std::string file = generatedBackup(dir, 40, 11);
    const std::string out = dir.path("agencia");
    const auto r = runRecobra({"--lang", "es", "agency", file, "--out", out, "--stage", "agency"});
    REQUIRE(r.code == 0);
    CHECK(r.err.empty());
    CHECK(r.out.rfind(out + ": paquete para la agencia con ", 0) == 0);
    for (const char* name : {"cases.json", "invoices.csv", "interactions.csv", "index.html"})
        CHECK(std::filesystem::exists(out + "/" + name));
    const BackupRead cases = readMergeable(readFile(out + "/cases.json"), "cases.json");
    REQUIRE(cases.contents.has_value());
    const auto invoices = readCsv(readFile(out + "/invoices.csv"), "invoices.csv");
    REQUIRE(invoices.ok());
    CHECK(invoices.table->separator == ';');
    CHECK(invoices.table->rows[0].cells[3] == "Factura");
    CHECK(readCsv(readFile(out + "/interactions.csv"), "interactions.csv").ok());
    const std::size_t pages = pagesIn(out);
    CHECK(pages > 0);
    CHECK(r.out.find("con " + std::to_string(pages) + (pages == 1 ? " deudor," : " deudores,")) != std::string::npos);
    // No temporary file left behind.
    for (const auto& f : std::filesystem::directory_iterator(out))
        CHECK(f.path().filename().string().find(".tmp-") == std::string::npos);

    const std::string english = dir.path("agency-en");
    REQUIRE(runRecobra({"agency", file, "--out", english, "--stage", "agency", "--lang", "en"}).code == 0);
    CHECK(readCsv(readFile(english + "/invoices.csv"), "i.csv").table->separator == ',');
    CHECK(readFile(english + "/index.html").find("Cases for the collection agency") != std::string::npos);
}

TEST_CASE("agency chooses by stages, days overdue on a day, or by hand") {
    TempDir dir;
    const std::string file = generatedBackup(dir, 40, 11);
    int runs = 0;
    auto count = [&](std::vector<std::string> args) {
        const std::string out = dir.path("package-" + std::to_string(++runs));
        args.insert(args.begin(), {"agency", file, "--out", out});
        const auto r = runRecobra(args);
        CHECK(r.code == 0);
        return std::filesystem::exists(out) ? pagesIn(out) : 0;
    };
    const std::size_t agency = count({"--stage", "agency"});
    const std::size_t legal = count({"--stage", "legal"});
    CHECK(count({"--stage", "agency", "--stage", "legal"}) == agency + legal);
    CHECK(count({"--stage", "agency,legal"}) == agency + legal);
    const std::size_t over90 = count({"--min-days-overdue", "90"});
    CHECK(over90 > 0);
    CHECK(count({"--min-days-overdue", "90", "--today", "2030-01-01"}) >= over90);
    CHECK(count({}) == 40);

    const auto none = runRecobra({"agency", file, "--out", dir.path("none"), "--min-days-overdue", "100000"});
    CHECK(none.code == 0);
    CHECK(none.out.find("no debtor matches the selection") != std::string::npos);
    CHECK_FALSE(std::filesystem::exists(dir.path("none")));

    const auto unknown = runRecobra({"agency", file, "--out", dir.path("u"), "--debtor", "d-nobody"});
    CHECK(unknown.code == 1);
    CHECK(unknown.err.find(file + ", field debtor: “d-nobody” does not exist") != std::string::npos);
}

TEST_CASE("agency: wrong usage exits 2, files that cannot be read or written exit 3") {
    TempDir dir;
    const std::string file = generatedBackup(dir);
    const auto stage = runRecobra({"agency", file, "--out", dir.path("x"), "--stage", "cobro"});
    CHECK(stage.code == 2);
    CHECK(stage.err.find("unknown stage 'cobro'") != std::string::npos);
    CHECK(runRecobra({"agency", file}).code == 2);
    CHECK(runRecobra({"agency", "--out", dir.path("x")}).code == 2);
    CHECK(runRecobra({"agency", file, "--out", dir.path("x"), "--min-days-overdue", "-1"}).code == 2);
    CHECK(runRecobra({"agency", file, "--out", dir.path("x"), "--today", "2026-02-30"}).code == 2);
    CHECK(runRecobra({"agency", dir.path("nope.json"), "--out", dir.path("x")}).code == 3);
    writeFile(dir.path("a-file"), "x");
    CHECK(runRecobra({"agency", file, "--out", dir.path("a-file")}).code == 3);
}
