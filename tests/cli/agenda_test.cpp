// `recobra agenda`: the day's agenda of a backup as JSON, the same bytes every time, the same
// content as the core computes (and window.recobra.agenda() returns).
#include "support.hpp"

#include "core/exchange/backup.hpp"
#include "core/rules/agenda.hpp"

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

using namespace recobra;
using namespace recobra::clitest;
using nlohmann::json;

TEST_CASE("agenda prints the day's agenda as JSON, sorted, identical to the core's") {
    TempDir dir;
    const std::string file = generatedBackup(dir, 40, 6);
    const auto r = runRecobra({"agenda", file, "--today", "2026-11-01"});
    REQUIRE(r.code == 0);
    CHECK(r.err.empty());
    const json j = json::parse(r.out, nullptr, false);
    REQUIRE(j.is_object());
    CHECK(j["today"] == "2026-11-01");
    CHECK(j["count"] == j["items"].size());
    CHECK_FALSE(j["items"].empty());

    auto read = readBackup(readFile(file), file);
    REQUIRE(read.contents);
    EventLog log;
    log = std::move(read.contents->events);
    const State state = fold(log);
    const auto expected = agendaJson(state, computeAgenda(state, *Date::parseIso("2026-11-01")));
    CHECK(j == expected);
    CHECK(r.out == expected.dump(2) + "\n");

    // Sorted: priority first (high, medium, low), then due date.
    const std::map<std::string, int> rank = {{"high", 0}, {"medium", 1}, {"low", 2}};
    for (std::size_t i = 1; i < j["items"].size(); ++i) {
        const auto& a = j["items"][i - 1];
        const auto& b = j["items"][i];
        const int ra = rank.at(a["priority"].get<std::string>()), rb = rank.at(b["priority"].get<std::string>());
        CHECK(ra <= rb);
        if (ra == rb) CHECK(a["due"].get<std::string>() <= b["due"].get<std::string>());
    }
    // The same bytes every time; --today= works too.
    CHECK(runRecobra({"agenda", "--today=2026-11-01", file}).out == r.out);
    // Another day, another agenda.
    CHECK(runRecobra({"agenda", file, "--today", "2027-03-01"}).out != r.out);
}

TEST_CASE("agenda without --today uses the day of the latest event; refuses what it cannot read") {
    TempDir dir;
    const std::string file = generatedBackup(dir, 12, 5);
    const auto r = runRecobra({"agenda", file});
    REQUIRE(r.code == 0);
    CHECK(json::parse(r.out)["today"].is_string());
    CHECK(runRecobra({"agenda"}).code == 2);
    CHECK(runRecobra({"agenda", file, "--today", "mañana"}).code == 2);
    CHECK(runRecobra({"agenda", dir.path("missing.json")}).code == 3);
    const std::string bad = dir.path("bad.json");
    writeFile(bad, "{\"events\":[");
    CHECK(runRecobra({"agenda", bad}).code == 1);
}
