// `recobra stats`: counts and totals as JSON, the same bytes every time.
#include "support.hpp"

#include "core/exchange/backup.hpp"
#include "core/state/queries.hpp"

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

using namespace recobra;
using namespace recobra::clitest;
using nlohmann::json;

namespace {

struct Loaded {
    EventLog log;
    State state;
};

Loaded load(const std::string& file) {
    auto read = readBackup(readFile(file), file);
    REQUIRE(read.contents);
    Loaded out;
    out.log = std::move(read.contents->events);
    out.state = fold(out.log);
    return out;
}

std::int64_t sum(const json& perCurrency) {
    std::int64_t total = 0;
    for (const auto& [code, minor] : perCurrency.items()) total += minor.get<std::int64_t>();
    return total;
}

} // namespace

TEST_CASE("stats prints JSON whose counts match the backup") {
    TempDir dir;
    const std::string file = generatedBackup(dir, 40, 6);
    const auto r = runRecobra({"stats", file});
    REQUIRE(r.code == 0);
    CHECK(r.err.empty());
    const json j = json::parse(r.out, nullptr, false);
    REQUIRE(j.is_object());
    const auto data = load(file);
    const auto& s = data.state;
    CHECK(j["events"] == data.log.size());
    CHECK(j["debtors"] == 40);
    CHECK(j["debtors"] == s.debtors.size());
    CHECK(j["invoices"] == s.invoices.size());
    CHECK(j["payments"] == s.payments.size());
    CHECK(j["interactions"] == s.interactionCount);
    CHECK(j["promises"]["total"] == s.promises.size());
    CHECK(j["promises"]["kept"].get<std::size_t>() + j["promises"]["broken"].get<std::size_t>() + j["promises"]["pending"].get<std::size_t>() == s.promises.size());
    CHECK(j["members"] == s.members.size());
    CHECK(j["notes"] == s.noteCount);
    CHECK(j["unknownEvents"] == 0);
    std::size_t contacts = 0;
    for (const auto& c : s.contacts) contacts += !c.removed;
    CHECK(j["contacts"] == contacts);
    std::size_t perStage = 0;
    for (const auto& [stage, count] : j["stages"].items()) perStage += count.get<std::size_t>();
    CHECK(perStage == 40);
    CHECK(j["stages"].size() == 12);
    // Outstanding is what open invoices of open cases still owe; overdue a part of it. What
    // closed cases (settled, written off, prescribed) leave unpaid is apart.
    Timestamp latest = 0; // stats' own "today": the day of the latest event
    for (const auto& e : data.log.decodeAll()) latest = std::max(latest, e.ts);
    const Date today = Date::ofTimestamp(latest);
    std::int64_t eur = 0, closed = 0;
    for (const auto& inv : s.invoices)
        if (inv.open() && inv.amount.currency == CurrencyCode::eur())
            (isOpenCase(s.debtors[inv.debtor], today) ? eur : closed) += inv.outstanding();
    CHECK(closed > 0);
    CHECK(j["outstanding"]["EUR"] == eur);
    CHECK(j["closedUnpaid"]["EUR"] == closed);
    CHECK(j["overdue"]["EUR"].get<std::int64_t>() <= eur);
    // Keys sorted, output deterministic.
    CHECK(r.out == j.dump(2) + "\n");
    CHECK(runRecobra({"stats", file}).out == r.out);
}

TEST_CASE("today is the day of the latest event unless --today says otherwise") {
    TempDir dir;
    const std::string file = generatedBackup(dir, 40, 6);
    const auto data = load(file);
    Timestamp latest = 0;
    for (const auto& e : data.log) latest = std::max(latest, e.ts);
    const json byDefault = json::parse(runRecobra({"stats", file}).out);
    CHECK(byDefault["today"] == Date::ofTimestamp(latest).iso());
    const json early = json::parse(runRecobra({"stats", file, "--today", "2025-01-01"}).out);
    const json late = json::parse(runRecobra({"stats", "--today=2030-01-01", file}).out);
    CHECK(early["today"] == "2025-01-01");
    CHECK(sum(early["overdue"]) < sum(byDefault["overdue"]));
    // Years later everything still owed is overdue, and the debtors following their
    // invoices are all overdue too.
    CHECK(late["overdue"] == late["outstanding"]);
    CHECK(late["stages"]["not_due"] == 0);
    std::size_t overdue = 0;
    for (const auto& d : data.state.debtors) overdue += effectiveStage(d, *Date::fromYmd(2025, 1, 1)) == Stage::Overdue;
    CHECK(early["stages"]["overdue"] == overdue);
}

TEST_CASE("stats refuses what it cannot read, like validate") {
    TempDir dir;
    const std::string bad = dir.path("bad.json");
    writeFile(bad, "{\"events\":[");
    const auto invalid = runRecobra({"stats", bad});
    CHECK(invalid.code == 1);
    CHECK(invalid.out.empty());
    CHECK(invalid.err.find(bad + ", line 1: malformed JSON") != std::string::npos);
    CHECK(runRecobra({"stats", dir.path("missing.json")}).code == 3);
    CHECK(runRecobra({"stats"}).code == 2);
    const auto badDay = runRecobra({"stats", bad, "--today", "tomorrow"});
    CHECK(badDay.code == 2);
    CHECK(badDay.err.find("--today must be a date YYYY-MM-DD, not 'tomorrow'") != std::string::npos);
    // An empty backup has nothing to count.
    writeFile(bad, "{\"events\":[],\"format\":\"recobra-backup\",\"schema\":1}");
    const auto empty = runRecobra({"stats", bad, "--today", "2026-01-01"});
    REQUIRE(empty.code == 0);
    const json j = json::parse(empty.out);
    CHECK(j["events"] == 0);
    CHECK(j["outstanding"].empty());
}
