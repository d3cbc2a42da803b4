// `recobra merge BASE OTHER --out FILE`: the union of two backups, written through a
// temporary file; both checked; a refusal names the file, record and field and writes nothing.
#include "support.hpp"

#include "core/exchange/backup.hpp"
#include "core/exchange/merge.hpp"

#include <doctest/doctest.h>
#include <filesystem>

using namespace recobra;
using namespace recobra::clitest;

namespace {

// Everything but the settings line: the events of a backup, one per line.
std::string eventsOf(const std::string& file) {
    const std::string text = readFile(file);
    return text.substr(0, text.rfind("\n]"));
}

std::string otherBackup(const TempDir& dir) {
    const std::string file = dir.path("luis.json");
    if (!std::filesystem::exists(file))
        runRecobra({"generate", "--debtors", "9", "--seed", "8", "--device", "7eed0000", "--out", file});
    return file;
}

} // namespace

TEST_CASE("merge writes the union and says what was added; again, nothing new") {
    TempDir dir;
    const std::string ana = generatedBackup(dir);
    const std::string luis = otherBackup(dir);
    const std::string out = dir.path("merged.json");
    const auto r = runRecobra({"merge", ana, luis, "--out", out});
    REQUIRE(r.code == 0);
    CHECK(r.err.empty());
    CHECK(r.out.rfind(luis + ": ", 0) == 0);
    CHECK(r.out.find(" 9 new debtors") != std::string::npos);
    CHECK(r.out.find("  9 debtors registered\n") != std::string::npos);
    CHECK(r.out.find(out + ": written (") != std::string::npos);
    CHECK(runRecobra({"validate", out}).out.find(" 21 debtors,") != std::string::npos);
    // The base's settings are kept.
    CHECK(readFile(out).substr(readFile(out).rfind("\"settings\"")) ==
          readFile(ana).substr(readFile(ana).rfind("\"settings\"")));

    const std::string again = dir.path("again.json");
    const auto twice = runRecobra({"merge", out, luis, "--out", again});
    REQUIRE(twice.code == 0);
    CHECK(twice.out.rfind(luis + ": nothing new (", 0) == 0);
    CHECK(readFile(again) == readFile(out));

    const std::string reverse = dir.path("reverse.json");
    REQUIRE(runRecobra({"merge", luis, ana, "--out", reverse}).code == 0);
    CHECK(eventsOf(reverse) == eventsOf(out));

    const auto es = runRecobra({"--lang", "es", "merge", ana, luis, "--out", dir.path("es.json")});
    CHECK(es.out.find("9 deudores nuevos") != std::string::npos);
    CHECK(es.out.find("escrito (") != std::string::npos);
}

TEST_CASE("merge refuses a broken file, naming it, and writes nothing") {
    TempDir dir;
    const std::string ana = generatedBackup(dir);
    std::string text = readFile(otherBackup(dir));
    const auto at = text.find("\"type\":\"invoice.added\"");
    REQUIRE(at != std::string::npos);
    const auto line = text.rfind('\n', at) + 1;
    text.replace(text.find("\"minor\":", line), 8, "\"minor\":-");
    const std::string bad = dir.path("bad.json");
    writeFile(bad, text);
    const std::string out = dir.path("merged.json");
    for (const auto& order : {std::vector<std::string>{ana, bad}, std::vector<std::string>{bad, ana}}) {
        const auto r = runRecobra({"merge", order[0], order[1], "--out", out});
        CHECK(r.code == 1);
        CHECK(r.err.rfind("recobra: " + bad + ", event ", 0) == 0);
        CHECK(r.err.find("field payload.amount: must be greater than zero") != std::string::npos);
        CHECK_FALSE(std::filesystem::exists(out));
    }
    // Malformed JSON, and a file far larger than any backup.
    writeFile(bad, "{\"events\":[");
    CHECK(runRecobra({"merge", ana, bad, "--out", out}).err.find("malformed JSON") != std::string::npos);
    const std::string huge = dir.path("huge.json");
    writeFile(huge, "{");
    std::filesystem::resize_file(huge, kMaxBackupBytes + 1);
    const auto tooLarge = runRecobra({"merge", ana, huge, "--out", out});
    CHECK(tooLarge.code == 1);
    CHECK(tooLarge.err.find(huge + ": the file is too large") != std::string::npos);
    CHECK_FALSE(std::filesystem::exists(out));
    // Nothing left behind but the inputs.
    std::size_t files = 0;
    for ([[maybe_unused]] const auto& f : std::filesystem::directory_iterator(dir.path(""))) ++files;
    CHECK(files == 4);
}

TEST_CASE("merge takes an agency package's cases.json") {
    TempDir dir;
    const std::string ana = generatedBackup(dir, 30, 4);
    REQUIRE(runRecobra({"agency", ana, "--out", dir.path("pkg"), "--stage", "agency,legal"}).code == 0);
    const std::string empty = dir.path("empty.json");
    writeFile(empty, writeBackup(Settings{}, std::vector<Event>{}));
    const std::string out = dir.path("agency-side.json");
    const auto r = runRecobra({"merge", empty, dir.path("pkg/cases.json"), "--out", out});
    REQUIRE(r.code == 0);
    CHECK(r.out.find("new debtors") != std::string::npos);
    CHECK(runRecobra({"validate", out}).code == 0);
}

TEST_CASE("merge: wrong usage exits 2, unreadable or unwritable files exit 3") {
    TempDir dir;
    const std::string ana = generatedBackup(dir);
    CHECK(runRecobra({"merge", ana, ana}).code == 2);
    CHECK(runRecobra({"merge", ana, "--out", dir.path("x.json")}).code == 2);
    CHECK(runRecobra({"merge", ana, ana, ana, "--out", dir.path("x.json")}).code == 2);
    CHECK(runRecobra({"merge", ana, ana, "--out", dir.path("x.json"), "--force", "1"}).code == 2);
    const auto missing = runRecobra({"merge", ana, dir.path("nope.json"), "--out", dir.path("x.json")});
    CHECK(missing.code == 3);
    CHECK(missing.err.find("no such file") != std::string::npos);
    CHECK(runRecobra({"merge", ana, ana, "--out", dir.path("no/such/dir/x.json")}).code == 3);
    CHECK(runRecobra({"merge", ana, ana, "--out", dir.path("")}).code == 3);
}
