// `recobra plan`: a debtor's payment plans and offers as JSON (docs/plans-and-offers.md), the
// same bytes for the same data and day, each installment's status; refusals name the problem.
#include "support.hpp"

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>
#include <set>

using namespace recobra::clitest;
using nlohmann::json;

TEST_CASE("plan prints every plan and offer of a generated data set's debtors, each installment with its status") {
    TempDir dir;
    const std::string file = generatedBackup(dir, 160, 7);
    // Which debtors have plans or offers: from the backup's events.
    std::set<std::string> debtors;
    const std::string backup = readFile(file);
    for (const char* type : {"\"type\":\"plan.agreed\"", "\"type\":\"offer.made\""}) {
        for (auto at = backup.find(type); at != std::string::npos; at = backup.find(type, at + 1)) {
            const auto line = backup.rfind('\n', at);
            std::string text = backup.substr(line + 1, backup.find('\n', at) - line - 1);
            while (!text.empty() && (text.back() == ',' || text.back() == '\r')) text.pop_back(); // one event a line
            const json event = json::parse(text);
            debtors.insert(event["payload"]["debtor"].get<std::string>());
        }
    }
    REQUIRE(debtors.size() > 10);
    while (debtors.size() > 16) debtors.erase(std::prev(debtors.end())); // enough to see every status
    std::set<std::string> planStatuses, installmentStatuses, offerStatuses;
    for (const auto& debtor : debtors) {
        INFO(debtor);
        const auto r = runRecobra({"plan", file, "--debtor", debtor, "--today", "2026-03-10"});
        REQUIRE(r.code == 0);
        const json j = json::parse(r.out);
        CHECK(j["debtor"] == debtor);
        CHECK(j["today"] == "2026-03-10");
        for (const auto& plan : j["plans"]) {
            planStatuses.insert(plan["status"].get<std::string>());
            std::int64_t sum = 0, paid = 0;
            for (const auto& i : plan["schedules"][0]["installments"]) sum += i["amount"]["minor"].get<std::int64_t>();
            CHECK(sum == plan["total"]["minor"].get<std::int64_t>());
            for (const auto& i : plan["installments"]) {
                installmentStatuses.insert(i["status"].get<std::string>());
                paid += i["paid"]["minor"].get<std::int64_t>();
            }
            CHECK(paid <= plan["paid"]["minor"].get<std::int64_t>());
        }
        for (const auto& offer : j["offers"]) offerStatuses.insert(offer["status"].get<std::string>());
        CHECK(runRecobra({"plan", file, "--debtor", debtor, "--today", "2026-03-10"}).out == r.out);
    }
    CHECK(planStatuses.count("completed"));
    CHECK(planStatuses.count("cancelled"));
    CHECK(installmentStatuses.count("paid"));
    CHECK(offerStatuses.count("accepted"));
    CHECK(offerStatuses.count("lapsed"));

    const auto unknown = runRecobra({"plan", file, "--debtor", "d-nope"});
    CHECK(unknown.code == 1);
    CHECK(unknown.err.find("d-nope") != std::string::npos);
    CHECK(runRecobra({"plan", file}).code == 2);
}
