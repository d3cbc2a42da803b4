// What `--out` may name: a new path or a regular file (a file), a new folder or an earlier
// package (agency). Anything else (a device, a fifo, a symbolic link) would be replaced by
// what is written: refused before anything is written. A package is replaced whole or not at all.
#include "support.hpp"

#include "cli/files.hpp"

#include <algorithm>
#include <doctest/doctest.h>
#include <filesystem>
#include <map>
#include <sys/stat.h>
#include <sys/sysmacros.h>

using namespace recobra;
using namespace recobra::clitest;

namespace fs = std::filesystem;

namespace {

const std::string kMap = "number=Factura,customer=Cliente,issue=Fecha,due=Vencimiento,amount=Importe";

// Every file under a folder with its bytes (a folder as "/"), to compare before and after.
std::map<std::string, std::string> tree(const std::string& dir) {
    std::map<std::string, std::string> out;
    for (const auto& entry : fs::recursive_directory_iterator(dir)) {
        const std::string name = fs::relative(entry.path(), dir).string();
        if (entry.is_symlink()) out[name] = "-> " + fs::read_symlink(entry.path()).string();
        else if (entry.is_directory()) out[name] = "/";
        else out[name] = readFile(entry.path().string());
    }
    return out;
}

// The names in a folder that are not `kept` (temporary files or folders left behind).
std::vector<std::string> leftovers(const std::string& dir, const std::vector<std::string>& kept) {
    std::vector<std::string> out;
    for (const auto& entry : fs::directory_iterator(dir)) {
        const std::string name = entry.path().filename().string();
        if (std::find(kept.begin(), kept.end(), name) == kept.end()) out.push_back(name);
    }
    return out;
}

// The commands that write a file, each given `out`.
std::vector<std::vector<std::string>> writers(const TempDir& dir, const std::string& backup, const std::string& out) {
    const std::string csv = dir.path("facturas.csv");
    writeFile(csv, "Factura;Cliente;Fecha;Vencimiento;Importe\r\nZ-1;Nuevo Cliente S.A.;10/03/2026;09/04/2026;100\r\n");
    return {
        {"generate", "--debtors", "3", "--out", out},
        {"merge", backup, backup, "--out", out},
        {"import-csv", csv, "--map", kMap, "--into", backup, "--out", out},
    };
}

} // namespace

TEST_CASE("--out that is a fifo, a device or a symbolic link is refused by every command that writes, and left as it was") {
    TempDir dir;
    const std::string backup = generatedBackup(dir);
    const std::string precious = dir.path("precious.json");
    writeFile(precious, "not to be replaced");

    std::vector<std::string> targets;
    const std::string fifo = dir.path("fifo");
    REQUIRE(::mkfifo(fifo.c_str(), 0600) == 0);
    targets.push_back(fifo);
    const std::string link = dir.path("link.json");
    fs::create_symlink(precious, link);
    targets.push_back(link);
    const std::string dangling = dir.path("dangling.json");
    fs::create_symlink(dir.path("nowhere.json"), dangling);
    targets.push_back(dangling);
    // A device like /dev/null, made here (only where the system lets this process make one).
    const std::string device = dir.path("null");
    if (::mknod(device.c_str(), S_IFCHR | 0600, makedev(1, 3)) == 0) targets.push_back(device);
    const std::vector<std::string> kept = {"fifo", "link.json", "dangling.json", "null", "precious.json",
                                           fs::path(backup).filename().string(), "facturas.csv"};

    for (const auto& out : targets) {
        for (const auto& args : writers(dir, backup, out)) {
            CAPTURE(out);
            CAPTURE(args.front());
            const auto r = runRecobra(args);
            CHECK(r.code == 3);
            CHECK(r.err == "recobra: " + out + ": exists and is not a regular file (a device, a pipe, a symbolic link…): not written over\n");
            CHECK(r.out.empty());
        }
    }
    CHECK(fs::is_fifo(fs::symlink_status(fifo)));
    CHECK(fs::is_symlink(fs::symlink_status(link)));
    CHECK(fs::read_symlink(link) == precious);
    CHECK(fs::is_symlink(fs::symlink_status(dangling)));
    CHECK_FALSE(fs::exists(dir.path("nowhere.json")));
    if (fs::exists(fs::symlink_status(device))) CHECK(fs::is_character_file(fs::symlink_status(device)));
    CHECK(readFile(precious) == "not to be replaced");
    CHECK(leftovers(dir.path(""), kept).empty());

    const auto es = runRecobra({"--lang", "es", "generate", "--debtors", "3", "--out", link});
    CHECK(es.code == 3);
    CHECK(es.err == "recobra: " + link + ": ya existe y no es un archivo normal (un dispositivo, una tubería, un enlace simbólico…): no se escribe encima\n");

    // A new path and an existing regular file are written.
    for (const auto& args : writers(dir, backup, dir.path("new.json"))) CHECK(runRecobra(args).code == 0);
    for (const auto& args : writers(dir, backup, precious)) CHECK(runRecobra(args).code == 0);
    CHECK(readFile(precious) != "not to be replaced");
}

TEST_CASE("agency --out that is a file, a fifo or a symbolic link is refused, and the folder a link names is untouched") {
    TempDir dir;
    const std::string backup = generatedBackup(dir, 20, 3);
    const std::string elsewhere = dir.path("elsewhere");
    fs::create_directories(elsewhere);
    writeFile(elsewhere + "/mine.txt", "mine");
    const std::string link = dir.path("link");
    fs::create_symlink(elsewhere, link);
    const std::string file = dir.path("a-file");
    writeFile(file, "x");
    const std::string fifo = dir.path("fifo");
    REQUIRE(::mkfifo(fifo.c_str(), 0600) == 0);
    for (const auto& out : {link, file, fifo}) {
        CAPTURE(out);
        const auto r = runRecobra({"agency", backup, "--out", out});
        CHECK(r.code == 3);
        CHECK(r.err == "recobra: " + out + ": exists and is not a folder (a file, a device, a pipe, a symbolic link…): not written over\n");
    }
    CHECK(tree(elsewhere) == std::map<std::string, std::string>{{"mine.txt", "mine"}});
    CHECK(fs::is_symlink(fs::symlink_status(link)));
    CHECK(readFile(file) == "x");
    CHECK(fs::is_fifo(fs::symlink_status(fifo)));
    const auto es = runRecobra({"--lang", "es", "agency", backup, "--out", file});
    CHECK(es.err == "recobra: " + file + ": ya existe y no es una carpeta (un archivo, un dispositivo, una tubería, un enlace simbólico…): no se escribe encima\n");
}

TEST_CASE("agency over an earlier package leaves only the new package: no page of the old one remains") {
    TempDir dir;
    const std::string backup = generatedBackup(dir, 40, 11);
    const std::string out = dir.path("agencia");
    REQUIRE(runRecobra({"agency", backup, "--out", out}).code == 0); // every debtor: 40 pages
    const auto r = runRecobra({"agency", backup, "--out", out + "/", "--stage", "agency", "--lang", "es"});
    REQUIRE(r.code == 0);
    // What a fresh folder gets, byte for byte, and nothing beside it.
    const std::string fresh = dir.path("fresh");
    REQUIRE(runRecobra({"agency", backup, "--out", fresh, "--stage", "agency", "--lang", "es"}).code == 0);
    CHECK(tree(out) == tree(fresh));
    CHECK(tree(out).size() < 40);
    CHECK(leftovers(dir.path(""), {"agencia", "fresh", fs::path(backup).filename().string()}).empty());
}

TEST_CASE("agency that cannot replace an earlier package part-way leaves it byte-identical") {
    TempDir dir;
    const std::string backup = generatedBackup(dir, 40, 11);
    const std::string out = dir.path("agencia");
    REQUIRE(runRecobra({"--lang", "es", "agency", backup, "--out", out}).code == 0);
    // One file of the package cannot be written over: a folder has taken its name.
    fs::remove(out + "/interactions.csv");
    fs::create_directories(out + "/interactions.csv/kept");
    const auto before = tree(out);
    const auto r = runRecobra({"--lang", "en", "agency", backup, "--out", out, "--stage", "agency"});
    CHECK(r.code == 3);
    CHECK(r.err.find("recobra: " + out + ": ") == 0);
    CHECK(tree(out) == before);
    CHECK(leftovers(dir.path(""), {"agencia", fs::path(backup).filename().string()}).empty());
}

TEST_CASE("agency refuses a folder that holds more than an earlier package: the package would replace it whole") {
    TempDir dir;
    const std::string backup = generatedBackup(dir, 20, 3);
    const std::string out = dir.path("documentos");
    fs::create_directories(out);
    writeFile(out + "/notas.txt", "mis notas");
    writeFile(out + "/cases.json", "{}");
    const auto before = tree(out);
    const auto r = runRecobra({"agency", backup, "--out", out});
    CHECK(r.code == 3);
    CHECK(r.err == "recobra: " + out + ": the folder holds 'notas.txt', which is not part of an agency package, and the "
                   "package replaces the whole folder: give a new or empty folder, or one holding an earlier package\n");
    const auto es = runRecobra({"--lang", "es", "agency", backup, "--out", out});
    CHECK(es.err == "recobra: " + out + ": la carpeta tiene «notas.txt», que no es de un paquete para la agencia, y el "
                    "paquete sustituye la carpeta entera: indica una carpeta nueva, vacía o con un paquete anterior\n");
    CHECK(tree(out) == before);
    // An empty folder takes the package.
    fs::remove(out + "/notas.txt");
    fs::remove(out + "/cases.json");
    CHECK(runRecobra({"agency", backup, "--out", out}).code == 0);
    CHECK(fs::exists(out + "/cases.json"));
}

TEST_CASE("agency failing at any step of writing the package or putting it in place leaves the earlier one byte-identical") {
    TempDir dir;
    const std::string backup = generatedBackup(dir, 40, 11);
    const std::string out = dir.path("agencia");
    REQUIRE(runRecobra({"--lang", "es", "agency", backup, "--out", out}).code == 0);
    const auto before = tree(out);
    const std::vector<std::string> kept = {"agencia", fs::path(backup).filename().string()};
    struct Fault {
        std::string step;
        std::size_t after; // how many such steps succeed first
    };
    for (const Fault& fault : {Fault{"open", 0}, Fault{"open", 6}, Fault{"aside", 0}, Fault{"in", 0}}) {
        CAPTURE(fault.step);
        CAPTURE(fault.after);
        std::size_t seen = 0;
        std::string failedAt;
        cli::injectedWriteFault = [&](std::string_view step, const std::string& path) {
            if (step != fault.step || seen++ < fault.after) return false;
            failedAt = path;
            return true;
        };
        const auto r = runRecobra({"--lang", "en", "agency", backup, "--out", out});
        cli::injectedWriteFault = nullptr;
        CHECK(r.code == 3);
        CHECK_FALSE(failedAt.empty());
        CHECK(r.err.find("No space left on device") != std::string::npos);
        CHECK(tree(out) == before);
        CHECK(leftovers(dir.path(""), kept).empty());
    }
    // Without a fault, the new package replaces it whole.
    REQUIRE(runRecobra({"--lang", "en", "agency", backup, "--out", out, "--stage", "agency"}).code == 0);
    CHECK(tree(out) != before);
    CHECK(leftovers(dir.path(""), kept).empty());
}
