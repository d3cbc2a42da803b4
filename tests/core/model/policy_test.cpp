// The collection policy (policy.hpp): what ships, what a person may set, quiet hours.
#include "core/codec/event_codec.hpp"
#include "core/model/policy.hpp"
#include "support.hpp"

#include <doctest/doctest.h>

using namespace recobra;
using namespace recobra::test;

TEST_CASE("the default policy: day 1 friendly, 15 firmer, 30 interest, 60 formal demand, 90 agency") {
    const Policy& p = defaultPolicy();
    REQUIRE(p.ladder.size() == 5);
    const std::pair<std::int64_t, LadderAction> expected[] = {{1, LadderAction::FriendlyReminder},
                                                              {15, LadderAction::FirmLetter},
                                                              {30, LadderAction::InterestNotice},
                                                              {60, LadderAction::FormalDemand},
                                                              {90, LadderAction::Agency}};
    for (std::size_t i = 0; i < 5; ++i) {
        CHECK(p.ladder[i].day == expected[i].first);
        CHECK(p.ladder[i].action == expected[i].second);
        CHECK_FALSE(p.ladder[i].templateName.empty());
    }
    CHECK(p.contactLimit == 3);
    CHECK(p.quietHoursStart == 21 * 60);
    CHECK(p.quietHoursEnd == 9 * 60);
    CHECK(p.reminderDaysBefore == 3);
    CHECK(p.paymentTermsDays == 30);
    // Its own ladders for punctual, chronic and won't-pay debtors; the rest use the default.
    CHECK(ladderFor(p, Segment::New).data() == p.ladder.data());
    CHECK(ladderFor(p, Segment::OccasionalSlip).data() == p.ladder.data());
    CHECK(ladderFor(p, Segment::Punctual).front().day == 3);
    CHECK(ladderFor(p, Segment::Chronic).front().action == LadderAction::Call);
    CHECK(ladderFor(p, Segment::WontPay).back().action == LadderAction::Legal);
    Policy copy = p;
    CHECK_FALSE(validatePolicy(copy).has_value());
    CHECK(copy == p); // already canonical
}

TEST_CASE("a policy a person sets is checked, and stored in canonical order") {
    Book book;
    Policy p = defaultPolicy();
    std::swap(p.ladder[0], p.ladder[3]);
    p.ladder[1].templateName = "  carta_firme  ";
    const json valid = command("updatePolicy", {{"policy", json::parse(policyJson(p))}});
    checkRefusals(book, valid,
                  {{"at least one contact a week", R"({"policy":{"contactLimit":0}})", "policy.contactLimit",
                    Str::err_policy_range},
                   {"quiet hours within the day", R"({"policy":{"quietHoursStart":1440}})", "policy.quietHoursStart",
                    Str::err_policy_range},
                   {"a step on day 1 or later", R"({"policy":{"ladder":[{"action":"call","channel":"call","day":0,"template":""}]}})",
                    "policy.ladder[0].day", Str::err_policy_range},
                   {"no two steps the same day",
                    R"({"policy":{"ladder":[{"action":"call","channel":"call","day":5,"template":""},{"action":"legal","channel":"letter","day":5,"template":""}]}})",
                    "policy.ladder[1].day", Str::err_policy_step_day_twice},
                   {"one ladder per segment",
                    R"({"policy":{"segmentLadders":[{"segment":"chronic","steps":[]},{"segment":"chronic","steps":[]}]}})",
                    "policy.segmentLadders[1].segment", Str::err_policy_segment_twice},
                   {"an action the ladder knows",
                    R"({"policy":{"ladder":[{"action":"threaten","channel":"call","day":5,"template":""}]}})",
                    "policy.ladder[0].action", Str::err_field_choice},
                   {"stale days at least one", R"({"policy":{"staleDays":0}})", "policy.staleDays", Str::err_policy_range}});
    book.accept(valid);
    const Policy& stored = *book.state().policy;
    CHECK(stored.ladder[0].day == 1);
    CHECK(stored.ladder[3].day == 60);
    CHECK(stored.ladder[1].templateName == "carta_firme");
    CHECK(book.state().policySetBy == "Ana");
    CHECK(book.state().policyRevision == 1);
    // The event carries the whole policy, canonical.
    CHECK(encodePayload(book.log().decodeAll().back().payload) == "{\"policy\":" + policyJson(stored) + "}");
}

TEST_CASE("quiet hours across midnight, within a day, or none") {
    Policy p;
    p.quietHoursStart = 21 * 60;
    p.quietHoursEnd = 9 * 60;
    CHECK(inQuietHours(p, 21 * 60));
    CHECK(inQuietHours(p, 0));
    CHECK(inQuietHours(p, 9 * 60 - 1));
    CHECK_FALSE(inQuietHours(p, 9 * 60));
    CHECK_FALSE(inQuietHours(p, 21 * 60 - 1));
    p.quietHoursStart = 14 * 60; // a siesta
    p.quietHoursEnd = 16 * 60;
    CHECK(inQuietHours(p, 15 * 60));
    CHECK_FALSE(inQuietHours(p, 16 * 60));
    CHECK_FALSE(inQuietHours(p, 23 * 60));
    p.quietHoursEnd = p.quietHoursStart;
    CHECK_FALSE(inQuietHours(p, 15 * 60));
    CHECK(quietHoursApply(Channel::Call));
    CHECK(quietHoursApply(Channel::WhatsApp));
    CHECK_FALSE(quietHoursApply(Channel::Email));
    CHECK_FALSE(quietHoursApply(Channel::Burofax));
}

TEST_CASE("clock times as people type them") {
    CHECK(parseClock("21:00") == 1260);
    CHECK(parseClock(" 9:05 ") == 545);
    CHECK(parseClock("9.30") == 570);
    CHECK(parseClock("9h30") == 570);
    CHECK_FALSE(parseClock("24:00").has_value());
    CHECK_FALSE(parseClock("9").has_value());
    CHECK_FALSE(parseClock("9:5x").has_value());
    CHECK_FALSE(parseClock("").has_value());
    CHECK(clockText(545) == "09:05");
    CHECK(clockText(0) == "00:00");
}
