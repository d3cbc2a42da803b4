// `recobra generate`: a reproducible backup streamed to a file, and a one-line summary.
#include "support.hpp"

#include "core/exchange/backup.hpp"
#include "core/sample/generator.hpp"

#include <doctest/doctest.h>
#include <filesystem>

using namespace recobra;
using namespace recobra::clitest;

TEST_CASE("generating twice with the same seed writes identical bytes; another seed differs") {
    TempDir dir;
    const auto a = runRecobra({"generate", "--debtors", "40", "--seed", "3", "--out", dir.path("a.json")});
    const auto b = runRecobra({"generate", "--seed=3", "--out", dir.path("b.json"), "--debtors=40"});
    const auto c = runRecobra({"generate", "--debtors", "40", "--seed", "4", "--out", dir.path("c.json")});
    REQUIRE(a.code == 0);
    REQUIRE(b.code == 0);
    REQUIRE(c.code == 0);
    const std::string bytes = readFile(dir.path("a.json"));
    CHECK(bytes == readFile(dir.path("b.json")));
    CHECK(bytes != readFile(dir.path("c.json")));
    // Nothing else is left in the folder (no temporary file).
    CHECK(std::distance(std::filesystem::directory_iterator(dir.path("")), {}) == 3);
}

TEST_CASE("the file is the generator's data set as a backup, which reads back whole") {
    TempDir dir;
    const auto r = runRecobra({"generate", "--debtors", "25", "--seed", "8", "--out", dir.path("g.json")});
    REQUIRE(r.code == 0);
    GeneratorOptions options;
    options.debtors = 25;
    options.seed = 8;
    const auto events = generateDataset(options);
    const std::string bytes = readFile(dir.path("g.json"));
    const auto read = readBackup(bytes, "g.json");
    REQUIRE(read.contents);
    CHECK(read.contents->events.size() == events.size());
    CHECK(writeBackup(read.contents->settings, read.contents->events) == bytes);
    CHECK(writeBackup(read.contents->settings, events) == bytes);
    CHECK(!read.contents->settings.userName.empty());
}

TEST_CASE("the summary names the file and the counts, in the chosen language") {
    TempDir dir;
    const auto en = runRecobra({"generate", "--debtors", "30", "--out", dir.path("en.json")});
    REQUIRE(en.code == 0);
    CHECK(en.out.find(dir.path("en.json") + ": ") == 0);
    CHECK(en.out.find(" 30 debtors, ") != std::string::npos);
    CHECK(en.out.find(" MB): ") != std::string::npos);
    CHECK(std::count(en.out.begin(), en.out.end(), '\n') == 1);
    const auto es = runRecobra({"--lang", "es", "generate", "--debtors", "30", "--out", dir.path("es.json")});
    REQUIRE(es.code == 0);
    CHECK(es.out.find(" 30 deudores, ") != std::string::npos);
    CHECK(readFile(dir.path("en.json")) == readFile(dir.path("es.json")));
}

TEST_CASE("the reference date and the device are options; events stay before that date") {
    TempDir dir;
    const auto r = runRecobra({"generate", "--debtors", "10", "--reference-date", "2025-06-01", "--device",
                               "0xabc", "--out", dir.path("g.json")});
    REQUIRE(r.code == 0);
    const auto read = readBackup(readFile(dir.path("g.json")), "g.json");
    REQUIRE(read.contents);
    for (const auto& e : read.contents->events) {
        CHECK(e.ts < Date::fromYmd(2025, 6, 1)->startOfDayUtc());
        CHECK(e.id.device >= 0xabc);
        CHECK(e.id.device < 0xabc + 6);
    }
    CHECK(runRecobra({"generate", "--debtors", "0", "--out", dir.path("empty.json")}).code == 0);
    CHECK(runRecobra({"validate", dir.path("empty.json")}).code == 0);
}

TEST_CASE("wrong arguments exit 2 and say which; unwritable output exits 3") {
    TempDir dir;
    const std::string out = dir.path("g.json");
    struct Case {
        std::vector<std::string> args;
        const char* message;
    };
    const Case cases[] = {
        {{"generate", "--out", out}, "--debtors is required"},
        {{"generate", "--debtors", "5"}, "--out is required"},
        {{"generate", "--debtors", "five", "--out", out},
         "--debtors must be a whole number from 0 to 1,000,000, not 'five'"},
        {{"generate", "--debtors", "-1", "--out", out}, "not '-1'"},
        {{"generate", "--debtors", "2000000", "--out", out}, "not '2000000'"},
        {{"generate", "--debtors", "5", "--seed", "1.5", "--out", out}, "--seed must be"},
        {{"generate", "--debtors", "5", "--seed", "99999999999999999999", "--out", out}, "--seed must be"},
        {{"generate", "--debtors", "5", "--reference-date", "2026-02-30", "--out", out},
         "--reference-date must be a date YYYY-MM-DD, not '2026-02-30'"},
        {{"generate", "--debtors", "5", "--device", "xyz", "--out", out},
         "--device must be a hexadecimal number"},
        {{"generate", "--debtors", "5", "--device", "123456789", "--out", out}, "--device must be"},
        {{"generate", "--debtors", "5", "--out", out, "extra"}, "unexpected argument 'extra'"},
        {{"generate", "--debtors", "5", "--out", out, "--colour", "red"}, "unknown option '--colour'"},
        {{"generate", "--debtors", "5", "--out"}, "--out needs a value"},
    };
    for (const auto& c : cases) {
        const auto r = runRecobra(c.args);
        CHECK_MESSAGE(r.code == 2, c.message);
        CHECK_MESSAGE(r.err.find(c.message) != std::string::npos, r.err);
        CHECK(r.out.empty());
    }
    CHECK(!std::filesystem::exists(out));

    const auto intoFolder = runRecobra({"generate", "--debtors", "5", "--out", dir.path("")});
    CHECK(intoFolder.code == 3);
    const auto missingFolder =
        runRecobra({"generate", "--debtors", "5", "--out", dir.path("no/such/folder.json")});
    CHECK(missingFolder.code == 3);
    CHECK(missingFolder.err.find("cannot be written") != std::string::npos);
    CHECK(std::distance(std::filesystem::directory_iterator(dir.path("")), {}) == 0);
}
