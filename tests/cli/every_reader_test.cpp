// One reading path: every command that reads a backup checks it as `validate` (and a restore
// in the app) does, and refuses it with the same message. `stats`, `agenda`, `claim`,
// `agency` and `import-csv --into` used to read files validate refuses, with exit 0: agency
// packaged them, import-csv wrote a new backup validate refused, and an invoice of
// 9223372036854775807 minor units made stats print a negative total.
#include "support.hpp"

#include <doctest/doctest.h>
#include <filesystem>

using namespace recobra;
using namespace recobra::clitest;

namespace {

std::string replacedAfter(std::string text, const std::string& marker, const std::string& from, const std::string& to) {
    const auto markerAt = text.find(marker);
    REQUIRE(markerAt != std::string::npos);
    const auto lineStart = text.rfind('\n', markerAt) + 1;
    const auto at = text.find(from, lineStart);
    REQUIRE(at != std::string::npos);
    return text.replace(at, from.size(), to);
}

} // namespace

TEST_CASE("every command refuses what validate refuses, with the same message, and writes nothing") {
    TempDir dir;
    const std::string good = readFile(generatedBackup(dir));
    const std::string invoice = "\"type\":\"invoice.added\"";
    const std::string payment = "\"type\":\"payment.recorded\"";
    const std::string debtor = "\"type\":\"debtor.registered\"";
    struct Case {
        const char* rule;
        std::string text;
    };
    const Case cases[] = {
        {"an invoice of a debtor that does not exist", replacedAfter(good, invoice, "\"debtor\":\"d-", "\"debtor\":\"d-0")},
        {"a negative amount", replacedAfter(good, invoice, "\"minor\":", "\"minor\":-")},
        {"a payment of nothing", [&] {
             std::string t = good;
             const auto at = t.find("\"minor\":", t.rfind('\n', t.find(payment)) + 1);
             const auto end = t.find_first_of(",}", at);
             return t.replace(at, end - at, "\"minor\":0");
         }()},
        {"due before issue", replacedAfter(good, invoice, "\"dueDate\":\"2", "\"dueDate\":\"1")},
        {"an invoice of 9223372036854775807 minor units", [&] {
             std::string t = good;
             const auto at = t.find("\"minor\":", t.rfind('\n', t.find(invoice)) + 1);
             const auto end = t.find_first_of(",}", at);
             return t.replace(at, end - at, "\"minor\":9223372036854775807");
         }()},
        {"a wrong tax id", [&] {
             std::string t = good;
             const auto line = t.rfind('\n', t.find("\"taxId\":\"", t.find(debtor))) + 1;
             const auto at = t.find("\"taxId\":\"", line) + 9;
             t[at + 8] = t[at + 8] == '0' ? '1' : '0'; // the check character or digit changed
             return t;
         }()},
        {"a key written twice", replacedAfter(good, invoice, "\"dueDate\":", "\"dueDate\":\"2026-01-01\",\"dueDate\":")},
        {"a payment id that is not one", replacedAfter(good, payment, "\"payment\":\"p-", "\"payment\":\"hello\",\"x\":\"")},
    };
    const std::string csv = dir.path("facturas.csv");
    writeFile(csv, "Factura;Cliente;Fecha;Vencimiento;Importe\r\nZ-1;Nuevo S.A.;10/03/2026;09/04/2026;100\r\n");
    const std::string map = "number=Factura,customer=Cliente,issue=Fecha,due=Vencimiento,amount=Importe";
    for (const auto& c : cases) {
        INFO(c.rule);
        const std::string file = dir.path("bad.json");
        writeFile(file, c.text);
        const auto validate = runRecobra({"validate", file});
        REQUIRE(validate.code == 1);
        CHECK(validate.err.rfind("recobra: " + file + ", event ", 0) == 0);
        const std::string out = dir.path("out");
        const std::vector<std::vector<std::string>> commands = {
            {"stats", file},
            {"agenda", file},
            {"claim", file},
            {"agency", file, "--out", out},
            {"import-csv", csv, "--map", map, "--into", file, "--out", out},
        };
        for (const auto& args : commands) {
            INFO(args.front());
            const auto r = runRecobra(args);
            CHECK(r.code == 1);
            CHECK(r.err == validate.err);
            CHECK(r.out.empty());
            CHECK_FALSE(std::filesystem::exists(out));
        }
    }
    // The good file still reads everywhere.
    const std::string file = dir.path("good.json");
    writeFile(file, good);
    CHECK(runRecobra({"stats", file}).code == 0);
    CHECK(runRecobra({"agenda", file}).code == 0);
    CHECK(runRecobra({"claim", file}).code == 0);
}
