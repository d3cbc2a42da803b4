// `recobra import-csv FILE.csv --map … --into BACKUP --out FILE`: invoices from accounting
// software into a new backup, all or nothing; --into is never modified.
#include "support.hpp"

#include "core/exchange/backup.hpp"

#include <doctest/doctest.h>
#include <filesystem>

using namespace recobra;
using namespace recobra::clitest;

namespace {

const std::string kMap = "number=Factura,customer=Cliente,taxId=NIF,issue=Fecha,due=Vencimiento,amount=Importe";

std::string invoicesCsv(const TempDir& dir, const std::string& rows) {
    const std::string file = dir.path("facturas.csv");
    writeFile(file, "\xEF\xBB\xBF" "Factura;Cliente;NIF;Fecha;Vencimiento;Importe\r\n" + rows);
    return file;
}

std::size_t eventCount(const std::string& backup) {
    const auto read = readBackup(readFile(backup), backup);
    REQUIRE(read.contents);
    return read.contents->events.size();
}

} // namespace

TEST_CASE("import-csv adds the invoices and new debtors to a new backup; --into is untouched") {
    TempDir dir;
    const std::string into = generatedBackup(dir);
    const std::string before = readFile(into);
    const std::string csv = invoicesCsv(dir, "Z-1;Nuevo Cliente S.A.;A58818501;10/03/2026;09/04/2026;1.234,56\r\n"
                                             "Z-2;nuevo cliente sa;;11/03/2026;10/04/2026;100\r\n"
                                             "Z-3;\"Taller \"\"Ruiz\"\"; S.L.\";ESB87654323;12/03/2026;11/04/2026;50,5\r\n");
    const std::string out = dir.path("with-invoices.json");
    const auto r = runRecobra({"import-csv", csv, "--map", kMap, "--into", into, "--out", out});
    REQUIRE(r.code == 0);
    CHECK(r.err.empty());
    CHECK(r.out.rfind(csv + ": 3 invoices imported for €1,385.06 (2 new debtors, 0 already known)\n", 0) == 0);
    CHECK(readFile(into) == before);
    CHECK(eventCount(out) == eventCount(into) + 5);
    const auto valid = runRecobra({"validate", out});
    CHECK(valid.code == 0);
    CHECK(valid.out.find(" 14 debtors,") != std::string::npos);

    // Again into the result: every number is already recorded; nothing is written.
    const std::string twice = dir.path("twice.json");
    const auto again = runRecobra({"import-csv", csv, "--map", kMap, "--into", out, "--out", twice});
    CHECK(again.code == 1);
    CHECK(again.err.find("nothing was imported; 3 problems:") != std::string::npos);
    CHECK(again.err.find(csv + ", row 2, field Factura (A): invoice Z-1 is already recorded") != std::string::npos);
    CHECK_FALSE(std::filesystem::exists(twice));
}

TEST_CASE("import-csv with other formats: ISO dates, decimal point, comma separator, positions") {
    TempDir dir;
    const std::string into = generatedBackup(dir);
    auto run = [&](std::vector<std::string> extra) {
        std::vector<std::string> args = {"import-csv", dir.path("export.csv"), "--map", "number=#1,customer=#2,issue=#3,due=#4,amount=#5",
                                         "--into", into, "--out", dir.path("x.json")};
        args.insert(args.end(), extra.begin(), extra.end());
        return runRecobra(args);
    };
    const std::string csv = dir.path("export.csv");
    writeFile(csv, "INV-1,Smith Ltd,2026-03-01,2026-03-31,\"1,000.50\",usd\nINV-2,Smith Ltd,2026-03-02,2026-04-01,5,\n");
    const std::string out = dir.path("out.json");
    const auto r = runRecobra({"import-csv", csv, "--map", "number=#1,customer=#2,issue=#3,due=#4,amount=#5,currency=#6",
                               "--date-format", "yyyy-mm-dd", "--decimal", "point", "--separator", ",", "--currency", "GBP",
                               "--country", "GB", "--header", "no", "--into", into, "--out", out});
    REQUIRE(r.code == 0);
    CHECK(r.out.find(": 2 invoices imported for £5.00 + $1,000.50 (1 new debtor,") != std::string::npos);
    // With a header row (the default) the first row names the columns: only INV-2 imports.
    const auto header = runRecobra({"import-csv", csv, "--map", "number=#1,customer=#2,issue=#3,due=#4,amount=#5",
                                    "--date-format", "yyyy-mm-dd", "--decimal", "point", "--into", into, "--out", out});
    REQUIRE(header.code == 0);
    CHECK(header.out.find(": 1 invoice imported for €5.00 (1 new debtor,") != std::string::npos);
    CHECK(run({"--header", "maybe"}).code == 2);
}

TEST_CASE("import-csv refuses the whole file for any bad row, listing the problems") {
    TempDir dir;
    const std::string into = generatedBackup(dir);
    const std::string csv = invoicesCsv(dir, "Z-1;Uno;;10/03/2026;09/04/2026;10\r\n"
                                             "Z-2;Dos;;31/02/2026;09/04/2026;10\r\n"
                                             "Z-3;Tres;;10/03/2026;09/04/2026;-5\r\n"
                                             "Z-1;Cuatro;;10/03/2026;09/04/2026;10\r\n");
    const std::string out = dir.path("out.json");
    const auto r = runRecobra({"--lang", "es", "import-csv", csv, "--map", kMap, "--into", into, "--out", out});
    CHECK(r.code == 1);
    CHECK(r.err.find("no se ha importado nada; 3 problemas:") != std::string::npos);
    CHECK(r.err.find(csv + ", fila 3, campo Fecha (D): «31/02/2026» no es una fecha válida con el formato dd/mm/yyyy") !=
          std::string::npos);
    CHECK(r.err.find("fila 4, campo Importe (F): debe ser mayor que cero") != std::string::npos);
    CHECK(r.err.find("fila 5, campo Factura (A): la factura Z-1 ya aparece en la fila 2") != std::string::npos);
    CHECK_FALSE(std::filesystem::exists(out));

    // Malformed CSV, broken UTF-16, and a file far larger than any CSV of invoices.
    writeFile(csv, "Factura;Cliente\n\"Z-1;Uno\n");
    CHECK(runRecobra({"import-csv", csv, "--map", kMap, "--into", into, "--out", out}).err.find("never closed") !=
          std::string::npos);
    writeFile(csv, std::string("\xFF\xFE" "F\0\x3D\xD8", 6)); // UTF-16 cut after half a character
    CHECK(runRecobra({"import-csv", csv, "--map", kMap, "--into", into, "--out", out})
              .err.find("breaks off in the middle of a character") != std::string::npos);
    writeFile(csv, "x");
    std::filesystem::resize_file(csv, (std::size_t{64} << 20) + 1);
    const auto huge = runRecobra({"import-csv", csv, "--map", kMap, "--into", into, "--out", out});
    CHECK(huge.code == 1);
    CHECK(huge.err.find("the file is too large for a CSV of invoices") != std::string::npos);
    CHECK_FALSE(std::filesystem::exists(out));
}

TEST_CASE("import-csv: wrong usage exits 2; --out may not be --into") {
    TempDir dir;
    const std::string into = generatedBackup(dir);
    const std::string before = readFile(into);
    const std::string csv = invoicesCsv(dir, "Z-1;Uno;;10/03/2026;09/04/2026;10\r\n");
    const std::string out = dir.path("out.json");
    auto run = [&](std::vector<std::string> extra) {
        std::vector<std::string> args = {"import-csv", csv, "--into", into, "--out", out};
        args.insert(args.end(), extra.begin(), extra.end());
        return runRecobra(args);
    };
    const auto same = runRecobra({"import-csv", csv, "--map", kMap, "--into", into, "--out", into});
    CHECK(same.code == 2);
    CHECK(same.err.find("--out cannot be the same file as --into") != std::string::npos);
    CHECK(readFile(into) == before);
    CHECK(run({}).code == 2); // no --map
    CHECK(run({"--map", "number=Factura"}).err.find("--map: field customer: say which column is “customer”") !=
          std::string::npos);
    CHECK(run({"--map", kMap, "--date-format", "yyyymmdd"}).code == 2);
    CHECK(run({"--map", kMap, "--decimal", "coma"}).code == 2);
    CHECK(run({"--map", kMap, "--separator", "|"}).code == 2);
    CHECK(run({"--map", kMap, "--currency", "PTS"}).code == 2);
    CHECK(run({"--map", kMap, "--country", "es"}).code == 2);
    CHECK(runRecobra({"import-csv", csv, "--map", kMap, "--out", out}).code == 2);
    CHECK(runRecobra({"import-csv", dir.path("nope.csv"), "--map", kMap, "--into", into, "--out", out}).code == 3);
    CHECK(runRecobra({"import-csv", csv, "--map", kMap, "--into", dir.path("nope.json"), "--out", out}).code == 3);
    CHECK_FALSE(std::filesystem::exists(out));
    CHECK(run({"--map", kMap}).code == 0);
}
