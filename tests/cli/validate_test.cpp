// `recobra validate`: exit 0 for a backup that would restore; otherwise exit 1 and the file,
// record and field of the problem, or exit 3 when the file cannot be read. Whatever the
// input, it answers: no crash, no hang.
#include "support.hpp"

#include "core/exchange/backup.hpp"
#include "core/sample/random.hpp"

#include <doctest/doctest.h>
#include <filesystem>
#include <sys/stat.h>

using namespace recobra;
using namespace recobra::clitest;

namespace {

// The file's text with `from` (its first occurrence after `after`) replaced by `to`.
std::string replaced(std::string text, const std::string& from, const std::string& to,
                     std::size_t after = 0) {
    const auto at = text.find(from, after);
    REQUIRE(at != std::string::npos);
    return text.replace(at, from.size(), to);
}

} // namespace

TEST_CASE("a generated backup is valid: exit 0 and what it holds") {
    TempDir dir;
    const std::string file = generatedBackup(dir);
    const auto r = runRecobra({"validate", file});
    CHECK(r.code == 0);
    CHECK(r.err.empty());
    CHECK(r.out.find(file + ": valid backup: ") == 0);
    CHECK(r.out.find(" 12 debtors, ") != std::string::npos);
    const auto es = runRecobra({"validate", "--lang", "es", file});
    CHECK(es.out.find("copia válida") != std::string::npos);
}

TEST_CASE("a backup cut short anywhere is refused with the file and the line") {
    TempDir dir;
    const std::string bytes = readFile(generatedBackup(dir, 3, 2));
    const std::string cut = dir.path("cut.json");
    // Every offset near both ends, and a spread of offsets in between.
    std::vector<std::size_t> offsets;
    for (std::size_t i = 0; i < 64; ++i) offsets.push_back(i);
    for (std::size_t i = 64; i < bytes.size() - 64; i += bytes.size() / 97) offsets.push_back(i);
    for (std::size_t i = bytes.size() - 64; i < bytes.size(); ++i) offsets.push_back(i);
    for (std::size_t n : offsets) {
        writeFile(cut, bytes.substr(0, n));
        const auto r = runRecobra({"validate", cut});
        CAPTURE(n);
        if (n == bytes.size() - 1) { // only the final newline is missing: still the same JSON
            CHECK(r.code == 0);
            continue;
        }
        CHECK(r.code == 1);
        CHECK(r.err.rfind("recobra: " + cut, 0) == 0);
        if (n > 0)
            CHECK(r.err.find(", line ") != std::string::npos);
        else
            CHECK(r.err.find("the file is empty") != std::string::npos);
    }
}

TEST_CASE("a wrong value is refused naming the file, the event and the field") {
    TempDir dir;
    const std::string bytes = readFile(generatedBackup(dir));
    const std::string file = dir.path("bad.json");
    const auto invoiceAt = bytes.find("\"type\":\"invoice.added\"");
    REQUIRE(invoiceAt != std::string::npos);
    const auto lineStart = bytes.rfind('\n', invoiceAt) + 1;
    const std::string id = bytes.substr(bytes.find("\"id\":\"", lineStart) + 6, 26);
    struct Case {
        std::string text;
        std::string expected;
    };
    const Case cases[] = {
        // A negative invoice amount: the integrity check names the event.
        {replaced(bytes, "\"minor\":", "\"minor\":-", lineStart),
         "event " + id + ", field payload.amount: must be greater than zero"},
        // A reference to a debtor that does not exist.
        {replaced(bytes, "\"debtor\":\"d-", "\"debtor\":\"d-0", lineStart),
         "event " + id + ", field payload.debtor: "},
        // A date that is not one.
        {replaced(bytes, "\"dueDate\":\"", "\"dueDate\":\"2026-13-", lineStart), "field payload.dueDate: "},
        // An unknown currency.
        {replaced(bytes, "\"currency\":\"", "\"currency\":\"X", lineStart),
         "field payload.amount.currency: "},
        // Not a backup at all.
        {replaced(bytes, "\"recobra-backup\"", "\"something-else\""), "is not a Recobra backup"},
        {"[1,2,3]", "is not a Recobra backup"},
        {"{\"events\":[]}", "field format"},
    };
    for (const auto& c : cases) {
        writeFile(file, c.text);
        const auto r = runRecobra({"validate", file});
        CHECK(r.code == 1);
        CHECK_MESSAGE(r.err.rfind("recobra: " + file, 0) == 0, r.err);
        CHECK_MESSAGE(r.err.find(c.expected) != std::string::npos, r.err);
        CHECK(r.out.empty());
    }
}

TEST_CASE("corrupted bytes anywhere: an answer every time, never a crash") {
    TempDir dir;
    const std::string bytes = readFile(generatedBackup(dir, 3, 3));
    const std::string file = dir.path("corrupt.json");
    gen::Rng rng(77);
    int refused = 0;
    for (int round = 0; round < 150; ++round) {
        std::string text = bytes;
        const int changes = 1 + static_cast<int>(rng.below(3));
        for (int k = 0; k < changes; ++k) text[rng.index(text.size())] = static_cast<char>(rng.below(256));
        writeFile(file, text);
        const auto r = runRecobra({"validate", file});
        CHECK((r.code == 0 || r.code == 1));
        if (r.code == 1) {
            ++refused;
            CHECK(r.err.rfind("recobra: " + file, 0) == 0);
        }
    }
    CHECK(refused > 75);
}

TEST_CASE("garbage, empty files and deep nesting are refused") {
    TempDir dir;
    const std::string file = dir.path("junk.json");
    gen::Rng rng(5);
    std::string binary;
    for (int i = 0; i < 5000; ++i) binary.push_back(static_cast<char>(rng.below(256)));
    const std::string deep = std::string(200'000, '[') + std::string(200'000, ']');
    const std::string deepInEvent =
        "{\"events\":[{\"x\":" + deep + "}],\"format\":\"recobra-backup\",\"schema\":1}";
    const std::string deepUnknown =
        "{\"events\":[{\"author\":\"a\",\"id\":\"000000000001-0000-00000001\",\"payload\":" +
        std::string(100'000, '[') + std::string(100'000, ']') +
        ",\"ts\":1,\"type\":\"future.thing\",\"v\":1}],\"format\":\"recobra-backup\",\"schema\":1}";
    struct Case {
        std::string text;
        const char* expected;
    };
    const Case cases[] = {
        {"", "the file is empty"},
        {binary, "malformed JSON"},
        {std::string(3, '\0'), "malformed JSON"},
        {"\xEF\xBB\xBF{}", ""},
        {"null", "is not a Recobra backup"},
        {"{\"events\":[{}]", ""},
        {deep, ""},
        {deepInEvent, ""},
        {deepUnknown, ""},
        {"{\"events\":[],\"format\":\"recobra-backup\",\"schema\":2}", "newer version"},
    };
    for (const auto& c : cases) {
        writeFile(file, c.text);
        const auto r = runRecobra({"validate", file});
        CHECK(r.code == 1);
        CHECK(r.err.rfind("recobra: " + file, 0) == 0);
        CHECK_MESSAGE(r.err.find(c.expected) != std::string::npos, r.err);
    }
}

TEST_CASE("files that cannot be read exit 3 and say why, without blocking") {
    TempDir dir;
    const auto missing = runRecobra({"validate", dir.path("missing.json")});
    CHECK(missing.code == 3);
    CHECK(missing.err == "recobra: " + dir.path("missing.json") + ": no such file\n");
    const auto folder = runRecobra({"validate", dir.path("")});
    CHECK(folder.code == 3);
    CHECK(folder.err.find("is a directory") != std::string::npos);
    // A named pipe with no writer: opening it would wait forever.
    const std::string fifo = dir.path("pipe");
    REQUIRE(::mkfifo(fifo.c_str(), 0600) == 0);
    const auto pipe = runRecobra({"validate", fifo});
    CHECK(pipe.code == 3);
    CHECK(pipe.err.find("is not a regular file") != std::string::npos);
    CHECK(runRecobra({"validate", "/dev/zero"}).code == 3);
    const auto es = runRecobra({"--lang", "es", "validate", dir.path("missing.json")});
    CHECK(es.err.find("no existe") != std::string::npos);
}

TEST_CASE("a file larger than any backup is refused without being read") {
    TempDir dir;
    const std::string file = dir.path("huge.json");
    writeFile(file, "{");
    std::filesystem::resize_file(file, kMaxBackupBytes + 1); // sparse: takes no disk
    const auto r = runRecobra({"validate", file});
    CHECK(r.code == 1);
    CHECK(r.err.find(file + ": the file is too large to be a Recobra backup") != std::string::npos);
}

TEST_CASE("validate needs exactly one file") {
    CHECK(runRecobra({"validate"}).code == 2);
    CHECK(runRecobra({"validate", "a.json", "b.json"}).code == 2);
    CHECK(runRecobra({"validate", "--strict", "a.json"}).code == 2);
    const auto r = runRecobra({"validate"});
    CHECK(r.err.find("name the file") != std::string::npos);
}
