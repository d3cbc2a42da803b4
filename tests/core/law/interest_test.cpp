// Late-payment interest as Ley 3/2004 (arts. 5 and 7) and the Código Civil (arts. 1100 and
// 1108) read, worked out by hand in docs/law.md: simple interest on what was unpaid each day,
// actual days / 365, from the day after the due date (or after the formal claim, for a
// consumer) through today or the day of payment, at each day's published rate, rounded half
// up once per invoice.
#include "law_support.hpp"

#include <doctest/doctest.h>

using namespace recobra;
using namespace recobra::test;

TEST_CASE("commercial interest: paid on the due date accrues nothing, paid the day after accrues one day") {
    LawBook book;
    const auto pena = book.debtor();
    const auto onTime = book.invoice(pena, 100000, "2025-03-31");
    book.payOn(pena, 100000, "2025-03-31", onTime);
    const auto dayLate = book.invoice(pena, 100000, "2025-03-31");
    book.payOn(pena, 100000, "2025-04-01", dayLate);

    const auto none = book.interest(onTime, "2025-06-30");
    CHECK(none.kind == InterestKind::Commercial);
    CHECK(none.amount == 0);
    CHECK(none.rows.empty());
    CHECK_FALSE(none.late);

    // 1,000.00 € × 11.15 % × 1/365 = 0.3055 € → 0.31 €
    const auto one = book.interest(dayLate, "2025-06-30");
    CHECK(one.amount == 31);
    REQUIRE(one.rows.size() == 1);
    CHECK(one.rows[0].days == 1);
    CHECK(one.rows[0].from == day("2025-04-01"));
    CHECK(one.rows[0].basisPoints == 1115);
    CHECK(one.late);
}

TEST_CASE("commercial interest: each day at its half-year's rate, across a half-year and a year end") {
    struct Case {
        const char* rule;
        std::int64_t cents;
        const char* due;
        const char* today;
        std::int64_t interest;
        std::vector<std::pair<std::string, std::int32_t>> rows; // period, days
    };
    const Case cases[] = {
        // 10,000.00 €: 10 days at 11.15 % (21–30 June 2025), 10 at 10.15 % (1–10 July):
        // 1,000,000 × (1115 × 10 + 1015 × 10) / 3,650,000 = 5,835.6 → 58.36 €
        {"half-year boundary", 1000000, "2025-06-20", "2025-07-10", 5836, {{"2025-H1", 10}, {"2025-H2", 10}}},
        // 11 days at 12.25 % (21–31 Dec 2024), 10 at 11.15 % (1–10 Jan 2025):
        // 1,000,000 × (1225 × 11 + 1115 × 10) / 3,650,000 = 6,746.6 → 67.47 €
        {"year end", 1000000, "2024-12-20", "2025-01-10", 6747, {{"2024-H2", 11}, {"2025-H1", 10}}},
        // 2024 is a leap year and still counts over 365: 28 and 29 Feb, 1 and 2 March at
        // 12.50 %: 100,000 × 1250 × 4 / 3,650,000 = 136.99 → 1.37 €
        {"leap year", 100000, "2024-02-27", "2024-03-02", 137, {{"2024-H1", 4}}},
        // 1,000,000.00 €, a whole year: 181 days at 11.15 %, 184 at 10.15 %:
        // 100,000,000 × 388,575 / 3,650,000 = 10,645,890.41 → 106,458.90 €
        {"a million euros", 100000000, "2024-12-31", "2025-12-31", 10645890, {{"2025-H1", 181}, {"2025-H2", 184}}},
        // 0.01 €: the interest rounds to nothing
        {"one cent", 1, "2024-12-31", "2025-12-31", 0, {{"2025-H1", 181}, {"2025-H2", 184}}},
    };
    for (const auto& c : cases) {
        CAPTURE(c.rule);
        LawBook book;
        const auto pena = book.debtor();
        const auto invoice = book.invoice(pena, c.cents, c.due);
        const auto in = book.interest(invoice, c.today);
        CHECK(in.amount == c.interest);
        REQUIRE(in.rows.size() == c.rows.size());
        std::int64_t sum = 0;
        for (std::size_t k = 0; k < c.rows.size(); ++k) {
            CHECK(in.rows[k].period == c.rows[k].first);
            CHECK(in.rows[k].days == c.rows[k].second);
            sum += in.rows[k].amount;
        }
        CHECK(sum == in.amount); // the rows add up to the rounded total
        CHECK_FALSE(in.incomplete());
    }
}

TEST_CASE("commercial interest: a partial payment lowers the base from the day after it is paid") {
    LawBook book;
    const auto pena = book.debtor();
    const auto invoice = book.invoice(pena, 120000, "2025-01-31");
    book.payOn(pena, 40000, "2025-02-10", invoice);
    book.payOn(pena, 40000, "2025-02-20", invoice);
    book.payOn(pena, 40000, "2025-03-02", invoice);
    // 1–10 Feb on 1,200 €, 11–20 Feb on 800 €, 21 Feb–2 Mar on 400 €, at 11.15 %; nothing after
    // the last payment: 1115 × (120,000 + 80,000 + 40,000) × 10 / 3,650,000 = 733.15 → 7.33 €
    const auto in = book.interest(invoice, "2025-06-30");
    CHECK(in.amount == 733);
    REQUIRE(in.rows.size() == 3);
    CHECK(in.rows[0].base == 120000);
    CHECK(in.rows[1].base == 80000);
    CHECK(in.rows[2].base == 40000);
    CHECK(in.rows[2].to == day("2025-03-02"));
    for (const auto& r : in.rows) CHECK(r.days == 10);
}

TEST_CASE("commercial interest: nothing accrues while the invoice is disputed") {
    LawBook book;
    const auto pena = book.debtor();
    const auto invoice = book.invoice(pena, 100000, "2025-01-31");
    book.dispute(invoice, "2025-02-11");
    book.dispute(invoice, "2025-02-21", false);
    // 1–10 Feb and 21–28 Feb: 18 days × 1115 × 100,000 / 3,650,000 = 549.86 → 5.50 €
    const auto in = book.interest(invoice, "2025-02-28");
    CHECK(in.amount == 550);
    REQUIRE(in.rows.size() == 2);
    CHECK(in.rows[0].to == day("2025-02-10"));
    CHECK(in.rows[1].from == day("2025-02-21"));
}

TEST_CASE("interest: a day with no known rate makes the figure incomplete, never a guess") {
    LawBook book;
    const auto pena = book.debtor();
    const auto invoice = book.invoice(pena, 1000000, "2026-06-20");
    // 2026-H2 is not shipped (docs/law.md): 21–30 June at 10.15 % only
    auto in = book.interest(invoice, "2026-07-10");
    CHECK(in.incomplete());
    CHECK(in.missingPeriods == std::vector<std::string>{"2026-H2"});
    REQUIRE(in.rows.size() == 1);
    CHECK(in.amount == 2781); // 1,000,000 × 1015 × 10 / 3,650,000 = 2,780.8
    // The user enters it, with its source: the figure is whole
    book.accept(command("setRate", {{"table", "late_payment"}, {"period", "2026-H2"}, {"basisPoints", 1040},
                                    {"source", "BOE de prueba"}}));
    in = book.interest(invoice, "2026-07-10");
    CHECK_FALSE(in.incomplete());
    CHECK(in.amount == 2781 + 2849); // + 1,000,000 × 1040 × 10 / 3,650,000 = 2,849.3
    // …and can take it back
    book.accept(command("setRate", {{"table", "late_payment"}, {"period", "2026-H2"}, {"clear", true}}));
    CHECK(book.interest(invoice, "2026-07-10").incomplete());
}

TEST_CASE("legal interest for a consumer: none before a formal claim, then the year's legal rate") {
    LawBook book;
    const auto ana = book.debtor("Ana García");
    const auto invoice = book.invoice(ana, 100000, "2025-01-31", "b2c");
    auto in = book.interest(invoice, "2025-04-14");
    CHECK(in.kind == InterestKind::Legal);
    CHECK(in.amount == 0);
    CHECK(in.notComputed == Str::law_not_claimed);
    book.formalClaim(ana, "2025-03-15");
    // From the day of the claim (CC arts. 1100 and 1108): 15 March–14 April, 31 days ×
    // 325 × 100,000 / 3,650,000 = 276.03 → 2.76 €
    in = book.interest(invoice, "2025-04-14");
    CHECK(in.claimedOn == day("2025-03-15"));
    CHECK(in.amount == 276);
    REQUIRE(in.rows.size() == 1);
    CHECK(in.rows[0].period == "2025");
    CHECK(in.rows[0].from == day("2025-03-15"));
    CHECK(in.rows[0].days == 31);
}

TEST_CASE("only debts in euros: another currency's interest is not computed, and says why") {
    LawBook book;
    const auto pena = book.debtor();
    const auto invoice = book.invoice(pena, 100000, "2025-01-31", "b2b", "USD");
    const auto in = book.interest(invoice, "2025-04-14");
    CHECK(in.kind == InterestKind::None);
    CHECK(in.notComputed == Str::law_not_euro);
    CHECK(in.amount == 0);
}
