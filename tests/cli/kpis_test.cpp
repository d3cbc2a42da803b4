// `recobra kpis`: the KPIs of a backup as JSON, the same bytes every time, the groups adding
// up to the whole, and options refused naming the flag.
#include "support.hpp"

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

using namespace recobra::clitest;
using nlohmann::json;

namespace {

const json* currency(const json& list, const std::string& code) {
    for (const auto& c : list)
        if (c["currency"] == code) return &c;
    return nullptr;
}

} // namespace

TEST_CASE("kpis prints every figure per currency, the same bytes every time, matching stats") {
    TempDir dir;
    const std::string file = generatedBackup(dir, 60, 4);
    const auto r = runRecobra({"kpis", file});
    REQUIRE(r.code == 0);
    CHECK(r.err.empty());
    CHECK(runRecobra({"kpis", file}).out == r.out);
    const json j = json::parse(r.out, nullptr, false);
    REQUIRE(j.is_object());
    const json stats = json::parse(runRecobra({"stats", file}).out);
    // As of the data's own today (the day of its last event), the month up to it.
    CHECK(j["asOf"] == stats["today"]);
    CHECK(j["to"] == j["asOf"]);
    CHECK(j["from"].get<std::string>().substr(0, 7) == j["asOf"].get<std::string>().substr(0, 7));
    CHECK(j["from"].get<std::string>().substr(8) == "01");
    REQUIRE_FALSE(j["currencies"].empty());
    for (const auto& c : j["currencies"]) {
        INFO(c["currency"]);
        // Open cases only, as the dashboard and `stats` count them.
        CHECK(c["outstanding"] == stats["outstanding"].value(c["currency"].get<std::string>(), 0));
        CHECK(c["overdue"] == stats["overdue"].value(c["currency"].get<std::string>(), 0));
        std::int64_t aged = 0;
        for (const auto& [bucket, amount] : c["aging"].items()) aged += amount.get<std::int64_t>();
        CHECK(aged == c["outstanding"]);
        CHECK(c["months"].size() == 24);
        CHECK(c["months"].back()["end"] == j["asOf"]);
        for (const char* key : {"dso", "dsoCountback", "cei", "recoveryRate", "promisesKeptRate", "next4Weeks",
                                "next3Months", "writtenOff", "settled", "averageDaysToCollect"})
            CHECK(c.contains(key));
    }
}

TEST_CASE("kpis --by assignee and --by segment: the groups add up to the whole") {
    TempDir dir;
    const std::string file = generatedBackup(dir, 60, 4);
    for (const char* by : {"assignee", "segment"}) {
        const auto r = runRecobra({"kpis", file, "--by", by, "--months", "6"});
        REQUIRE(r.code == 0);
        const json j = json::parse(r.out);
        CHECK(j["by"] == by);
        REQUIRE(j["groups"].size() >= 2);
        for (const auto& whole : j["currencies"]) {
            const std::string code = whole["currency"];
            std::int64_t outstanding = 0, collected = 0, sales = 0;
            for (const auto& g : j["groups"])
                if (const json* c = currency(g["currencies"], code)) {
                    outstanding += (*c)["outstanding"].get<std::int64_t>();
                    collected += (*c)["collected"].get<std::int64_t>();
                    sales += (*c)["months"][5]["creditSales"].get<std::int64_t>();
                }
            INFO(by << " " << code);
            CHECK(outstanding == whole["outstanding"]);
            CHECK(collected == whole["collected"]);
            CHECK(sales == whole["months"][5]["creditSales"]);
        }
    }
}

TEST_CASE("kpis as of an earlier day and over a chosen period") {
    TempDir dir;
    const std::string file = generatedBackup(dir, 30, 2);
    const auto r = runRecobra({"kpis", file, "--as-of", "2026-06-30", "--from", "2026-04-01", "--to", "2026-06-30"});
    REQUIRE(r.code == 0);
    const json j = json::parse(r.out);
    CHECK(j["asOf"] == "2026-06-30");
    CHECK(j["from"] == "2026-04-01");
    CHECK(j["currencies"].front()["months"].back()["month"] == "2026-06");
}

TEST_CASE("kpis refuses wrong options, naming the option, and writes nothing") {
    TempDir dir;
    const std::string file = generatedBackup(dir, 5, 1);
    struct Case {
        std::vector<std::string> args;
        const char* says;
    };
    const std::vector<Case> cases = {
        {{"--as-of", "2026-02-30"}, "--as-of"},
        {{"--as-of", "2026-03-31", "--to", "2026-04-01"}, "--to"},
        {{"--as-of", "2026-03-31", "--from", "2026-03-20", "--to", "2026-03-10"}, "--from"},
        {{"--by", "team"}, "--by"},
        {{"--months", "0"}, "--months"},
        {{"--months", "121"}, "--months"},
        {{"--today", "2026-03-10"}, "--today"},
    };
    for (const auto& c : cases) {
        std::vector<std::string> args = {"kpis", file};
        args.insert(args.end(), c.args.begin(), c.args.end());
        const auto r = runRecobra(args);
        INFO(c.says);
        CHECK(r.code == 2);
        CHECK(r.out.empty());
        CHECK(r.err.find(c.says) != std::string::npos);
    }
    CHECK(runRecobra({"kpis"}).code == 2);
    CHECK(runRecobra({"kpis", dir.path("missing.json")}).code == 3);
}

TEST_CASE("kpis --format writes the report to print or a table as CSV, as the reports screen exports them") {
    TempDir dir;
    const std::string file = generatedBackup(dir, 30, 2);
    const std::string html = dir.path("report.html"), csv = dir.path("months.csv");
    REQUIRE(runRecobra({"kpis", file, "--format", "html", "--out", html, "--lang", "es"}).code == 0);
    const std::string page = readFile(html);
    CHECK(page.rfind("<!doctype html>", 0) == 0);
    CHECK(page.find("Informe de cobros") != std::string::npos);
    CHECK(page.find("<svg") != std::string::npos);
    const auto r = runRecobra({"kpis", file, "--format", "csv-months", "--months", "6", "--out", csv, "--lang", "en"});
    REQUIRE(r.code == 0);
    CHECK(r.out.empty());
    const std::string text = readFile(csv);
    CHECK(text.rfind("\xEF\xBB\xBF" "Currency,Month,Outstanding", 0) == 0);
    const json j = json::parse(runRecobra({"kpis", file}).out);
    std::size_t lines = 0;
    for (char c : text) lines += c == '\n';
    CHECK(lines == 1 + 6 * j["currencies"].size());
    // Refused before anything is written: an unknown format, a file without --out, --out for JSON.
    CHECK(runRecobra({"kpis", file, "--format", "pdf", "--out", dir.path("x")}).code == 2);
    CHECK(runRecobra({"kpis", file, "--format", "html"}).code == 2);
    CHECK(runRecobra({"kpis", file, "--out", dir.path("x.json")}).code == 2);
    CHECK_FALSE(std::filesystem::exists(dir.path("x")));
}
