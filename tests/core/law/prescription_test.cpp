// Prescription as the Código Civil reads it (arts. 1964.2, 1967, 1969, 1973; art. 1939 with
// Ley 42/2015 DT 5ª) with 2020's suspension (RD 463/2020 DA 4ª, RD 537/2020 art. 10): the
// deadline is the last day a claim still counts; docs/law.md works each case out.
#include "law_support.hpp"

#include <doctest/doctest.h>

using namespace recobra;
using namespace recobra::test;

namespace {
std::vector<PrescriptionStepKind> kinds(const Prescription& p) {
    std::vector<PrescriptionStepKind> out;
    for (const auto& s : p.steps) out.push_back(s.kind);
    return out;
}
} // namespace

TEST_CASE("five years date to date from the due date, when nothing interrupts it") {
    LawBook book;
    const auto pena = book.debtor();
    const auto invoice = book.invoice(pena, 100000, "2021-03-10");
    book.unansweredCall(pena, "2023-01-10"); // a call with no answer interrupts nothing
    const auto p = book.prescription(invoice);
    CHECK(p.term == PrescriptionTerm::FiveYears);
    CHECK(p.deadline == day("2026-03-10"));
    CHECK(kinds(p) == std::vector{PrescriptionStepKind::Due});
    CHECK_FALSE(p.prescribedOn(day("2026-03-10")));
    CHECK(p.prescribedOn(day("2026-03-11")));
}

TEST_CASE("a formal claim, a payment, a promise or an acknowledgement starts the whole term again") {
    struct Case {
        const char* rule;
        void (*act)(LawBook&, const std::string& debtor, const std::string& invoice);
        const char* deadline;
        PrescriptionStepKind kind;
    };
    const Case cases[] = {
        {"formal claim", [](LawBook& b, const std::string& d, const std::string&) { b.formalClaim(d, "2023-05-05"); },
         "2028-05-05", PrescriptionStepKind::FormalClaim},
        {"formal claim naming the invoice",
         [](LawBook& b, const std::string& d, const std::string& i) { b.formalClaim(d, "2023-05-05", json::array({i})); },
         "2028-05-05", PrescriptionStepKind::FormalClaim},
        {"payment towards it",
         [](LawBook& b, const std::string& d, const std::string& i) { b.payOn(d, 100, "2024-01-15", i); }, "2029-01-15",
         PrescriptionStepKind::Payment},
        {"promise to pay",
         [](LawBook& b, const std::string& d, const std::string&) { b.promise(d, "2022-06-01", 5000, "2022-06-30"); },
         "2027-06-01", PrescriptionStepKind::Promise},
        {"acknowledgement", [](LawBook& b, const std::string& d, const std::string&) { b.acknowledgement(d, "2025-02-03"); },
         "2030-02-03", PrescriptionStepKind::Acknowledgement},
        {"court claim", [](LawBook& b, const std::string& d, const std::string&) {
             b.setNow("2024-09-09");
             b.accept(command("changeStage", {{"debtor", d}, {"stage", "legal"}, {"reason", "Monitorio presentado"}}));
         }, "2029-09-09", PrescriptionStepKind::CourtClaim},
    };
    for (const auto& c : cases) {
        CAPTURE(c.rule);
        LawBook book;
        const auto pena = book.debtor();
        const auto invoice = book.invoice(pena, 100000, "2021-03-10");
        c.act(book, pena, invoice);
        const auto p = book.prescription(invoice);
        CHECK(p.deadline == day(c.deadline));
        CHECK(p.steps.back().kind == c.kind);
    }
}

TEST_CASE("a formal claim naming other invoices, or made after the deadline, interrupts nothing") {
    LawBook book;
    const auto pena = book.debtor();
    const auto old = book.invoice(pena, 100000, "2019-01-31");
    const auto other = book.invoice(pena, 100000, "2021-01-31");
    book.formalClaim(pena, "2023-05-05", json::array({other}));
    // Due 31 Jan 2019: five years to 31 Jan 2024, plus the 82 days of 2020's suspension
    CHECK(book.prescription(old).deadline == day("2024-04-22"));
    CHECK(book.prescription(other).deadline == day("2028-05-05"));
    book.formalClaim(pena, "2024-06-01"); // after 22 April 2024: too late for the old one
    CHECK(book.prescription(old).deadline == day("2024-04-22"));
    CHECK(book.prescription(other).deadline == day("2029-06-01"));
}

TEST_CASE("2020's state of alarm adds the days of it that fall inside a running term") {
    LawBook book;
    const auto pena = book.debtor();
    // Running through the whole suspension: + 82 days
    const auto before = book.invoice(pena, 100000, "2019-01-31");
    auto p = book.prescription(before);
    CHECK(p.deadline == day("2024-04-22"));
    REQUIRE(p.steps.size() == 2);
    CHECK(p.steps[1].kind == PrescriptionStepKind::Suspended);
    CHECK(p.steps[1].days == 82);
    CHECK(p.steps[1].suspension == "es-2020-alarma");
    // Due during it: only the days after the due date (16 April–3 June, 49 days)
    const auto during = book.invoice(pena, 100000, "2020-04-15");
    CHECK(book.prescription(during).deadline == day("2025-06-03"));
    // Due after it: nothing added
    const auto after = book.invoice(pena, 100000, "2020-06-04");
    p = book.prescription(after);
    CHECK(p.deadline == day("2025-06-04"));
    CHECK(p.steps.size() == 1);
}

TEST_CASE("a term whose deadline falls inside the suspension runs what was left of it from 4 June 2020") {
    LawBook book;
    const auto pena = book.debtor();
    book.accept(command("setPrescriptionTerm", {{"debtor", pena}, {"term", "three_years"}, {"reason", "CC art. 1967"}}));
    // Three years to 1 April 2020; on 14 March 19 days were left (14 March–1 April), which run
    // again from 4 June: 22 June 2020. The whole suspension counts: 82 days.
    const auto invoice = book.invoice(pena, 100000, "2017-04-01");
    const auto p = book.prescription(invoice);
    CHECK(p.deadline == day("2020-06-22"));
    REQUIRE(p.steps.size() == 2);
    CHECK(p.steps[1].days == 82);
}

TEST_CASE("a suspension the user adds over 2020's counts the days both cover once") {
    LawBook book;
    const auto pena = book.debtor();
    const auto invoice = book.invoice(pena, 100000, "2019-01-31");
    book.setNow("2021-01-10");
    // Inside 2020's (1–10 May): nothing more. Overlapping its end (1–13 June): 10 more days.
    book.accept(command("setSuspension", {{"suspension", "dentro"}, {"from", "2020-05-01"}, {"until", "2020-05-10"}}));
    CHECK(book.prescription(invoice).deadline == day("2024-04-22"));
    book.accept(command("setSuspension", {{"suspension", "despues"}, {"from", "2020-06-01"}, {"until", "2020-06-13"}}));
    const auto p = book.prescription(invoice);
    CHECK(p.deadline == day("2024-05-02"));
    std::int32_t days = 0;
    for (const auto& step : p.steps) days += step.days;
    CHECK(days == 92);
}

TEST_CASE("a debt due before Ley 42/2015 kept 15 years, at most until 7 October 2020 plus the suspension") {
    LawBook book;
    const auto pena = book.debtor();
    const auto invoice = book.invoice(pena, 100000, "2015-01-20");
    const auto p = book.prescription(invoice);
    // min(20 Jan 2030, 7 Oct 2020) + 82 days
    CHECK(p.deadline == day("2020-12-28"));
    CHECK(kinds(p) == std::vector{PrescriptionStepKind::Transitional, PrescriptionStepKind::Suspended});
    // A claim in 2018 restarts it under the new law: five years
    book.formalClaim(pena, "2018-03-01");
    CHECK(book.prescription(invoice).deadline == day("2023-05-22")); // 1 Mar 2023 + 82 days
}

TEST_CASE("due on 29 February: the deadline is the last day of February five years on") {
    LawBook book;
    const auto pena = book.debtor();
    const auto invoice = book.invoice(pena, 100000, "2024-02-29");
    CHECK(book.prescription(invoice).deadline == day("2029-02-28"));
}

TEST_CASE("three years (art. 1967) where the user marks the debtor or the invoice; the invoice's wins") {
    LawBook book;
    const auto pena = book.debtor();
    const auto a = book.invoice(pena, 100000, "2024-05-10");
    const auto b = book.invoice(pena, 100000, "2024-05-10");
    book.accept(command("setPrescriptionTerm", {{"debtor", pena}, {"term", "three_years"}, {"reason", "Honorarios"}}));
    CHECK(book.prescription(a).deadline == day("2027-05-10"));
    CHECK(book.prescription(a).term == PrescriptionTerm::ThreeYears);
    book.accept(command("setPrescriptionTerm", {{"debtor", pena}, {"invoice", b}, {"term", "five_years"}}));
    CHECK(book.prescription(b).deadline == day("2029-05-10"));
    CHECK(book.prescription(b).termSetOnInvoice);
}
