// The claim per debtor: principal + interest to date + the 40 € of Ley 3/2004 art. 8, per
// currency, each invoice with its prescription; and the refusals of the law's commands.
#include "law_support.hpp"

#include <doctest/doctest.h>

using namespace recobra;
using namespace recobra::test;

TEST_CASE("compensation: 40 € once per late B2B or public-administration invoice, never for a consumer") {
    LawBook book;
    const auto pena = book.debtor();
    const auto b2b = book.invoice(pena, 100000, "2025-01-31", "b2b");
    const auto pa = book.invoice(pena, 100000, "2025-01-31", "public_administration");
    const auto b2c = book.invoice(pena, 100000, "2025-01-31", "b2c");
    const auto onTime = book.invoice(pena, 100000, "2025-01-31", "b2b");
    book.payOn(pena, 100000, "2025-01-31", onTime);
    const auto c = book.claim(pena, "2025-03-02");
    REQUIRE(c.invoices.size() == 3); // the one paid on time has nothing to claim
    for (const auto& i : c.invoices) {
        const auto& id = book.state().invoices[i.invoice].id;
        CHECK(i.compensation == (id == b2c ? 0 : 4000));
    }
    CHECK(c.compensation.in(CurrencyCode::eur()) == 8000);
    (void)b2b;
    (void)pa;
}

TEST_CASE("an invoice paid late keeps its interest and compensation until they are collected or waived") {
    LawBook book;
    const auto pena = book.debtor();
    const auto invoice = book.invoice(pena, 100000, "2025-01-31");
    book.payOn(pena, 100000, "2025-03-02", invoice); // 30 days late (1 February–2 March)
    auto c = book.claim(pena, "2025-06-30");
    REQUIRE(c.invoices.size() == 1);
    CHECK(c.invoices[0].principal == 0);
    CHECK(c.invoices[0].interest.amount == 916); // 100,000 × 1115 × 30 / 3,650,000 = 916.4
    CHECK(c.invoices[0].compensation == 4000);
    CHECK(c.claimable.in(CurrencyCode::eur()) == 916 + 4000);
    book.setNow("2025-06-30");
    book.accept(command("closeCharges", {{"invoice", invoice}, {"on", "2025-06-30"}, {"outcome", "collected"}}));
    c = book.claim(pena, "2025-07-31");
    CHECK(c.invoices.empty());
    CHECK(c.claimable.isZero());
}

TEST_CASE("claim summary in two currencies: never summed, interest only in euros") {
    LawBook book;
    const auto pena = book.debtor();
    book.invoice(pena, 100000, "2025-06-20");
    book.invoice(pena, 50000, "2025-06-20", "b2b", "USD");
    book.invoice(pena, 70000, "2025-12-31"); // not due yet: not claimed
    const auto c = book.claim(pena, "2025-07-10");
    REQUIRE(c.invoices.size() == 2);
    // 10 days at 11.15 % and 10 at 10.15 % on 1,000 €: 583.6 → 5.84 €
    CHECK(c.interest.in(CurrencyCode::eur()) == 584);
    CHECK(c.interest.in(*CurrencyCode::parse("USD")) == 0);
    CHECK(c.claimable.in(CurrencyCode::eur()) == 100000 + 584 + 4000);
    CHECK(c.claimable.in(*CurrencyCode::parse("USD")) == 50000);
    CHECK(c.principal.amounts().size() == 2);
    CHECK(c.nextDeadline == day("2030-06-20"));
    const auto j = claimJson(book.state(), c);
    CHECK(j["invoices"][1]["interest"]["notComputed"] == "law_not_euro");
    CHECK(j["invoices"][0]["interest"]["rows"].size() == 2);
    CHECK(j["invoices"][0]["prescription"]["deadline"] == "2030-06-20");
    CHECK(j["invoices"][0]["number"] == "F-1");
}

TEST_CASE("a prescribed invoice stays listed, marked, out of the claimable total") {
    LawBook book;
    const auto pena = book.debtor();
    book.invoice(pena, 100000, "2019-01-31"); // deadline 22 April 2024
    book.invoice(pena, 20000, "2023-01-31");
    const auto c = book.claim(pena, "2024-05-01");
    REQUIRE(c.invoices.size() == 2);
    CHECK(c.invoices[0].prescribed);
    CHECK(c.invoices[0].daysLeft == -9);
    CHECK_FALSE(c.invoices[1].prescribed);
    CHECK(c.prescribed.in(CurrencyCode::eur()) == c.invoices[0].total());
    CHECK(c.claimable.in(CurrencyCode::eur()) == c.invoices[1].total());
    CHECK(claimableIn(book.state(), book.tables(), *book.state().debtor(pena), day("2024-05-01"),
                      CurrencyCode::eur()) == c.invoices[1].total());
}

TEST_CASE("the law's commands refuse bad input, naming the field, and change nothing") {
    LawBook book;
    const auto pena = book.debtor();
    const auto invoice = book.invoice(pena, 100000, "2025-01-31");
    book.formalClaim(pena, "2025-03-01");
    book.setNow("2025-03-10");
    checkRefusals(book,
                  command("setRate", {{"table", "late_payment"}, {"period", "2026-H2"}, {"basisPoints", 1040},
                                      {"source", "BOE"}}),
                  {{"a period that is no half-year", R"({"period":"2026-H3"})", "period", Str::err_rate_period},
                   {"a legal-interest period is a year", R"({"table":"legal_interest"})", "period", Str::err_rate_period},
                   {"a negative rate", R"({"basisPoints":-1})", "basisPoints", Str::err_rate_range},
                   {"over 100 %", R"({"basisPoints":10001})", "basisPoints", Str::err_rate_range},
                   {"clearing a rate never set", R"({"clear":true})", "period", Str::err_rate_not_set}});
    checkRefusals(book,
                  command("setSuspension", {{"suspension", "es-2030-alarma"}, {"from", "2030-03-01"},
                                            {"until", "2030-04-01"}}),
                  {{"ends before it starts", R"({"until":"2030-02-01"})", "until", Str::err_suspension_dates},
                   {"an id of other letters", R"({"suspension":"Alarma 2030"})", "suspension", Str::err_suspension_id},
                   {"the shipped one", R"({"suspension":"es-2020-alarma"})", "suspension", Str::err_suspension_shipped},
                   {"clearing one never set", R"({"clear":true})", "suspension", Str::err_suspension_not_set}});
    checkRefusals(book,
                  command("logInteraction", {{"debtor", pena}, {"at", at("2025-03-10", 9)}, {"channel", "call"},
                                             {"direction", "outbound"}, {"outcome", "other"}, {"formalClaim", true},
                                             {"acknowledgesDebt", true}}),
                  {{"a call nobody answered claims nothing", R"({"outcome":"no_answer","acknowledgesDebt":false})",
                    "formalClaim", Str::err_claim_not_reached},
                   {"nor does one with the wrong person", R"({"outcome":"wrong_contact"})", "formalClaim",
                    Str::err_claim_not_reached},
                   {"no answer acknowledges nothing", R"({"channel":"burofax","outcome":"no_answer"})",
                    "acknowledgesDebt", Str::err_ack_no_answer}});
    const auto claim = book.state().debtors[*book.state().debtor(pena)].legalActs.at(0).interaction;
    checkRefusals(book,
                  command("attachProof", {{"debtor", pena}, {"interaction", claim}, {"kind", "burofax_receipt"},
                                          {"receivedOn", "2025-03-03"}, {"reference", "BF-0001"}}),
                  {{"received before it was sent", R"({"receivedOn":"2025-02-27"})", "receivedOn",
                    Str::err_proof_before_act},
                   {"received in the future", R"({"receivedOn":"2025-03-11"})", "receivedOn", Str::err_date_future},
                   {"a conversation that claimed nothing", R"({"interaction":"x-000000000000000000000000"})",
                    "interaction", Str::err_not_legal_act}});
    checkRefusals(book, command("closeCharges", {{"invoice", invoice}, {"on", "2025-03-10"}, {"outcome", "waived"}}),
                  {{"closed in the future", R"({"on":"2025-03-11"})", "on", Str::err_date_future},
                   {"an unknown invoice", R"({"invoice":"i-000000000000000000000000"})", "invoice",
                    Str::err_ref_unknown}});
    checkRefusals(book, command("setPrescriptionTerm", {{"debtor", pena}, {"term", "three_years"}}),
                  {{"the term it has already", R"({"term":"five_years"})", "term", Str::err_term_unchanged}});
}

TEST_CASE("a proof of receipt is attached to the formal claim it proves") {
    LawBook book;
    const auto pena = book.debtor();
    book.invoice(pena, 100000, "2025-01-31");
    book.formalClaim(pena, "2025-03-01");
    const auto& act = book.state().debtors[*book.state().debtor(pena)].legalActs.at(0);
    CHECK_FALSE(act.proof);
    book.setNow("2025-03-05");
    book.accept(command("attachProof", {{"debtor", pena}, {"interaction", act.interaction},
                                        {"kind", "burofax_receipt"}, {"receivedOn", "2025-03-03"},
                                        {"reference", "BF-0001"}}));
    const auto& proved = book.state().debtors[*book.state().debtor(pena)].legalActs.at(0);
    CHECK(proved.proof == ProofKind::BurofaxReceipt);
    CHECK(proved.proofReference == "BF-0001");
    CHECK(proved.proofReceivedOn == day("2025-03-03"));
}

TEST_CASE("court route: monitorio, lawyer above 2,000 €, ordinario above 15,000 €, and the MASC proof") {
    LawBook book;
    const auto pena = book.debtor();
    book.invoice(pena, 180000, "2025-05-31"); // 1,800 €
    auto route = courtRoute(book.state(), book.claim(pena, "2025-06-10"));
    CHECK(route.monitorioFits);
    CHECK_FALSE(route.lawyerIfOpposed); // 1,800 + 5.50 interest + 40 = 1,845.50 < 2,000
    CHECK(route.masc.status == MascStatus::NotMet);
    CHECK(route.masc.reason == MascReason::NoClaim);

    book.invoice(pena, 1400000, "2025-05-31"); // 14,000 € more
    route = courtRoute(book.state(), book.claim(pena, "2025-06-10"));
    CHECK(route.lawyerIfOpposed);
    CHECK(route.ordinaryIfOpposed); // 15,800 € + interest + 80 €

    book.formalClaim(pena, "2025-06-05"); // a burofax, no receipt yet: weak
    route = courtRoute(book.state(), book.claim(pena, "2025-06-10"));
    CHECK(route.masc.status == MascStatus::Weak);
    CHECK(route.masc.reason == MascReason::NoProof);

    const auto& act = book.state().debtors[*book.state().debtor(pena)].legalActs.at(0);
    book.setNow("2025-06-10");
    book.accept(command("attachProof", {{"debtor", pena}, {"interaction", act.interaction},
                                        {"kind", "burofax_receipt"}, {"receivedOn", "2025-06-07"}}));
    route = courtRoute(book.state(), book.claim(pena, "2025-06-10"));
    CHECK(route.masc.status == MascStatus::Met);
    // A year and a day later the attempt no longer counts (LO 1/2025 art. 7.3)
    route = courtRoute(book.state(), book.claim(pena, "2026-06-06"));
    CHECK(route.masc.status == MascStatus::Weak);
    CHECK(route.masc.reason == MascReason::ProvedTooOld);
    const auto j = courtRouteJson(book.state(), route);
    CHECK(j["masc"]["proof"] == "burofax_receipt");
    CHECK(j["masc"]["status"] == "weak");
}

TEST_CASE("the debtors list sorts by what may be claimed, and keeps it per debtor version") {
    LawBook book;
    const auto small = book.debtor("Alba Ruiz");
    const auto large = book.debtor("Bruno Díaz");
    const auto none = book.debtor("Carla Sanz");
    book.invoice(small, 10000, "2025-01-31");
    book.invoice(large, 1000000, "2025-01-31");
    book.invoice(none, 50000, "2026-01-31"); // not due yet: nothing to claim
    DebtorList list;
    DebtorSort sort;
    sort.column = DebtorColumn::Claimable;
    sort.descending = true;
    list.update(book.state(), DebtorFilter{}, sort, day("2025-06-30"), CurrencyCode::eur());
    REQUIRE(list.rows().size() == 3);
    CHECK(book.state().debtors[list.rows()[0].debtor].id == large);
    CHECK(book.state().debtors[list.rows()[2].debtor].id == none);
    const Index bruno = *book.state().debtor(large);
    CHECK(list.claimable(book.state(), bruno, day("2025-06-30"), CurrencyCode::eur()) ==
          book.claim(large, "2025-06-30").claimable.in(CurrencyCode::eur()));
    book.payOn(large, 1000000, "2025-06-30");
    list.update(book.state(), DebtorFilter{}, sort, day("2025-06-30"), CurrencyCode::eur());
    // Paid late: interest and the 40 € remain, less than what Alba owes
    CHECK(list.claimable(book.state(), bruno, day("2025-06-30"), CurrencyCode::eur()) ==
          book.claim(large, "2025-06-30").claimable.in(CurrencyCode::eur()));
}
