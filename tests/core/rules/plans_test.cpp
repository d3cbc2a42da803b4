// Payment plans, early-payment discounts, settlements and write-offs (state/plans.hpp,
// docs/plans-and-offers.md): schedules built across month ends and leap years, payments
// matched to installments in order, grace days, the acceleration clause and the stage a
// broken plan returns to, offers paid in time or a day late, what the commands refuse, two
// devices amending the same plan, and the same state whatever order the events come in.
#include "core/law/prescription.hpp"
#include "core/law/tables.hpp"
#include "core/model/plan_schedule.hpp"
#include "core/rules/agenda.hpp"
#include "core/state/plans.hpp"
#include "core/state/queries.hpp"
#include "support.hpp"

#include <doctest/doctest.h>
#include <set>

using namespace recobra;
using namespace recobra::test;

namespace {

std::string schedule(const std::vector<PlanInstallment>& list) {
    std::string out;
    for (const auto& i : list) {
        if (!out.empty()) out += " ";
        out += i.due.iso() + "=" + std::to_string(i.amount.minor);
    }
    return out;
}

json installments(std::initializer_list<std::pair<const char*, std::int64_t>> list) {
    json out = json::array();
    for (const auto& [due, cents] : list) out.push_back({{"amount", eur(cents)}, {"due", due}});
    return out;
}

// Gráficas Peña owes 900 € (F-001, due 31 January 2026); on 10 March it agrees to pay in
// three monthly installments of 300 € from 31 March.
struct Plan {
    Book book{1, "2026-03-10"};
    std::string pena, f1, plan;
    explicit Plan(json extra = json::object(), const char* stage = "reminded") {
        book.setNow("2026-01-01");
        pena = book.registerDebtor("Gráficas Peña S.L.", "B12345674");
        f1 = book.addInvoice(pena, "F-001", 90000, "2026-01-01", "2026-01-31");
        book.setNow("2026-02-15");
        book.accept(command("changeStage", {{"debtor", pena}, {"stage", stage}, {"reason", "Primer aviso"}}));
        book.setNow("2026-03-10");
        json cmd = command("agreePlan",
                           {{"debtor", pena},
                            {"installments", installments({{"2026-03-31", 30000}, {"2026-04-30", 30000}, {"2026-05-31", 30000}})},
                            {"reason", "Tres plazos"}});
        cmd.merge_patch(extra);
        plan = book.accept(cmd);
    }
    const PlanState& state() const { return book.state().plans[*book.state().plan(plan)]; }
    PlanProgress on(const char* today) const { return planProgress(book.state(), state(), day(today)); }
    std::string statuses(const char* today) const {
        std::string out;
        for (const auto& i : on(today).installments) out += std::string(out.empty() ? "" : " ") + enumName(i.status);
        return out;
    }
    Stage stage(const char* today) const { return effectiveStage(book.debtor(pena), day(today)); }
    std::string agenda(const char* today) const {
        std::string out;
        for (const auto& it : computeAgenda(book.state(), day(today)).items) {
            if (!out.empty()) out += "; ";
            out += std::string(enumName(it.kind)) + (it.broken ? "/broken" : "") + "@" + it.due.iso();
            if (it.plan != kNone) out += "#" + std::to_string(it.count);
        }
        return out;
    }
};

} // namespace

TEST_CASE("schedules: equal installments, the cents that do not divide on the last, month ends and leap years") {
    struct Row {
        const char* rule;
        std::int64_t total;
        std::optional<std::int64_t> down;
        int count;
        PlanFrequency frequency;
        const char* first;
        int dayOfMonth;
        const char* expected;
    };
    const Row rows[] = {
        {"100 € in 3 monthly from 31 January 2026: 28 February, 31 March", 10000, {}, 3, PlanFrequency::Monthly,
         "2026-01-31", 0, "2026-01-31=3333 2026-02-28=3333 2026-03-31=3334"},
        {"the same in 2028, a leap year: 29 February", 10000, {}, 3, PlanFrequency::Monthly, "2028-01-31", 0,
         "2028-01-31=3333 2028-02-29=3333 2028-03-31=3334"},
        {"on the 30th: February's last day, then 30 March", 9000, {}, 3, PlanFrequency::Monthly, "2026-01-30", 0,
         "2026-01-30=3000 2026-02-28=3000 2026-03-30=3000"},
        {"on the 5th from 15 January: the first on 5 February", 9000, {}, 3, PlanFrequency::Monthly, "2026-01-15", 5,
         "2026-02-05=3000 2026-03-05=3000 2026-04-05=3000"},
        {"a down payment first, the rest in 2", 10000, 4000, 2, PlanFrequency::Monthly, "2026-02-10", 0,
         "2026-02-10=3000 2026-03-10=3000"},
        {"weekly", 1000, {}, 3, PlanFrequency::Weekly, "2026-12-28", 0, "2026-12-28=333 2027-01-04=333 2027-01-11=334"},
        {"fortnightly", 1000, {}, 2, PlanFrequency::Fortnightly, "2026-02-20", 0, "2026-02-20=500 2026-03-06=500"},
        {"more installments than cents", 2, {}, 3, PlanFrequency::Weekly, "2026-02-20", 0, ""},
        {"none", 1000, {}, 0, PlanFrequency::Weekly, "2026-02-20", 0, ""},
        {"more than 120", 100000, {}, 121, PlanFrequency::Weekly, "2026-02-20", 0, ""},
        {"a down payment of everything", 1000, 1000, 2, PlanFrequency::Weekly, "2026-02-20", 0, ""},
    };
    for (const auto& row : rows) {
        INFO(row.rule);
        const auto list = buildSchedule(ScheduleRequest{
            .total = euros(row.total),
            .downPayment = row.down ? std::optional<Money>(euros(*row.down)) : std::nullopt,
            .count = row.count,
            .frequency = row.frequency,
            .first = day(row.first),
            .dayOfMonth = row.dayOfMonth,
        });
        CHECK(schedule(list) == row.expected);
    }
    // 1,000,000.00 € in 120 monthly installments: 8,333.33 € each and 8,333.73 € last, exactly.
    const auto big = buildSchedule(ScheduleRequest{.total = euros(100'000'000),
                                                   .downPayment = std::nullopt,
                                                   .count = 120,
                                                   .frequency = PlanFrequency::Monthly,
                                                   .first = day("2026-01-31"),
                                                   .dayOfMonth = 0});
    REQUIRE(big.size() == 120);
    std::int64_t sum = 0;
    for (const auto& i : big) sum += i.amount.minor;
    CHECK(sum == 100'000'000);
    CHECK(big.front().amount.minor == 833'333);
    CHECK(big.back().amount.minor == 833'373);
    CHECK(big.back().due == day("2035-12-31"));
    CHECK(big[1].due == day("2026-02-28"));
    CHECK(big[25].due == day("2028-02-29"));
}

TEST_CASE("payments go to the installments in order: one and a half paid, then the rest") {
    Plan t;
    CHECK(t.stage("2026-03-10") == Stage::PaymentPlan);
    CHECK(t.statuses("2026-03-10") == "pending pending pending");
    t.book.setNow("2026-03-20");
    t.book.pay(t.pena, 45000, "2026-03-20");
    CHECK(t.statuses("2026-03-20") == "paid partly_paid pending");
    const auto p = t.on("2026-03-20");
    CHECK(p.paid == 45000);
    CHECK(p.remaining == 45000);
    CHECK(p.next == 1u);
    CHECK(p.installments[1].paid == 15000);
    // The second falls due with 150 € still to pay: on the agenda that day, missed the next.
    CHECK(t.agenda("2026-04-30") == "installment_due@2026-04-30#2");
    CHECK(t.statuses("2026-05-01") == "paid missed pending");
    CHECK(t.agenda("2026-05-01") == "installment_missed@2026-05-01#2");
    // Without an acceleration clause the plan goes on: still in the plan's stage.
    CHECK(t.on("2026-05-01").status == PlanStatus::Active);
    CHECK(t.stage("2026-05-01") == Stage::PaymentPlan);
    // Everything paid: the plan is completed, the case closes as paid, its interest waived.
    t.book.setNow("2026-05-20");
    t.book.pay(t.pena, 45000, "2026-05-20");
    CHECK(t.state().completedOn == day("2026-05-20"));
    CHECK(t.on("2026-05-20").status == PlanStatus::Completed);
    CHECK(t.book.debtor(t.pena).stage == Stage::ClosedPaid);
    REQUIRE(t.book.invoice(t.f1).charges.has_value());
    CHECK(t.book.invoice(t.f1).charges->outcome == ChargesOutcome::Waived);
    CHECK(t.agenda("2026-06-01") == "");
}

TEST_CASE("grace days: paid one day inside the grace keeps the plan, one day past breaks it (acceleration on)") {
    struct Row {
        const char* rule;
        bool acceleration;
        const char* paidOn;
        PlanStatus status;
        Stage stage;
    };
    const Row rows[] = {
        {"acceleration, paid on the grace's last day", true, "2026-04-05", PlanStatus::Active, Stage::PaymentPlan},
        {"acceleration, paid the day after", true, "2026-04-06", PlanStatus::Broken, Stage::Reminded},
        {"no acceleration, paid the day after", false, "2026-04-06", PlanStatus::Active, Stage::PaymentPlan},
    };
    for (const auto& row : rows) {
        INFO(row.rule);
        Plan t({{"graceDays", 5}, {"acceleration", row.acceleration}});
        // Late inside the grace: on the agenda as due, not missed.
        CHECK(t.statuses("2026-04-03") == "late pending pending");
        CHECK(t.agenda("2026-04-03") == "installment_due@2026-03-31#1");
        t.book.setNow(row.paidOn);
        t.book.pay(t.pena, 30000, row.paidOn);
        CHECK(t.on("2026-04-10").status == row.status);
        CHECK(t.stage("2026-04-10") == row.stage);
        CHECK(t.statuses("2026-04-10") == "paid pending pending");
    }
}

TEST_CASE("a plan broken by its acceleration clause: the whole rest due, the case back in its stage, the ladder resuming") {
    Plan t({{"acceleration", true}, {"graceDays", 3}});
    CHECK(t.book.debtor(t.pena).planBreaksOn == day("2026-04-04"));
    // Before the break: the ladder stands still (the invoice is 62 days overdue on 3 April).
    CHECK(t.agenda("2026-04-03") == "installment_due@2026-03-31#1");
    CHECK(t.stage("2026-04-03") == Stage::PaymentPlan);
    // On 4 April the plan is broken: back to «Reminded», the rest (900 €) due.
    CHECK(t.stage("2026-04-04") == Stage::Reminded);
    const auto items = computeAgenda(t.book.state(), day("2026-04-04")).items;
    const auto broken = std::find_if(items.begin(), items.end(), [](const AgendaItem& it) { return it.broken; });
    REQUIRE(broken != items.end());
    CHECK(broken->amount.minor == 90000);
    CHECK(agendaReason(t.book.state(), *broken, Lang::en) ==
          "Payment plan broken: installment 1 of 3 (due 31 Mar 2026) was not paid and the plan has an acceleration "
          "clause. The whole rest is due, €900.00; the case is back in “Reminded”.");
    CHECK(agendaReason(t.book.state(), *broken, Lang::es) ==
          "Plan de pagos roto: el plazo 1 de 3 (del 31/03/2026) no se pagó y el plan tiene cláusula de vencimiento "
          "anticipado. Se debe todo lo pendiente, 900,00 €; el caso vuelve a «Recordado».");
    // The ladder resumes from where it stood: the 25 days in the plan (10 March – 3 April) do
    // not count. The interest notice (day 30 of the default ladder) was sent on 5 March; the
    // formal demand (day 60) would have been due on 1 April without the plan, and is on 26 April.
    t.book.accept(command("logInteraction", {{"debtor", t.pena},
                                             {"at", at("2026-03-05")},
                                             {"channel", "letter"},
                                             {"direction", "outbound"},
                                             {"outcome", "other"}}));
    const auto ladder = [&](const char* today) {
        std::string out;
        for (const auto& it : computeAgenda(t.book.state(), day(today)).items)
            if (it.kind == AgendaKind::Escalation) out += std::string(enumName(it.step->action)) + "@" + it.due.iso();
        return out;
    };
    CHECK(ladder("2026-04-25") == "");
    CHECK(ladder("2026-04-26") == "formal_demand@2026-04-26");
    // A payment after the break does not mend it.
    t.book.setNow("2026-04-12");
    t.book.pay(t.pena, 30000, "2026-04-12");
    CHECK(t.on("2026-04-12").status == PlanStatus::Broken);
}

TEST_CASE("a plan including the interest keeps the case open until its total is paid, then closes it as paid") {
    Plan t({{"interest", "included"},
            {"interestAmount", eur(3000)},
            {"installments", installments({{"2026-03-31", 30000}, {"2026-04-30", 30000}, {"2026-05-31", 33000}})}});
    t.book.setNow("2026-04-30");
    t.book.pay(t.pena, 90000, "2026-04-30");
    // The invoice is paid; the plan's interest is not: still in the plan.
    CHECK(t.book.outstanding(t.pena) == 0);
    CHECK(t.book.debtor(t.pena).stage == Stage::PaymentPlan);
    CHECK(t.on("2026-04-30").remaining == 3000);
    t.book.setNow("2026-05-31");
    t.book.pay(t.pena, 3000, "2026-05-31");
    CHECK(t.book.debtor(t.pena).stage == Stage::ClosedPaid);
    CHECK(t.book.invoice(t.f1).charges->outcome == ChargesOutcome::Collected);
}

TEST_CASE("amended and cancelled: the new schedule replaces the rest, the history stays, the case returns to its stage") {
    Plan t;
    t.book.setNow("2026-03-31");
    t.book.pay(t.pena, 30000, "2026-03-31");
    // 600 € left: two installments become four of 150 €.
    const json amend = command("amendPlan", {{"debtor", t.pena},
                                             {"plan", t.plan},
                                             {"reason", "Pide más tiempo"},
                                             {"installments", installments({{"2026-05-15", 15000},
                                                                            {"2026-06-15", 15000},
                                                                            {"2026-07-15", 15000},
                                                                            {"2026-08-15", 15000}})}});
    CHECK(code(t.book.refuse(patched(amend, R"({"installments":[{"amount":{"currency":"EUR","minor":90000},"due":"2026-05-15"}]})"))) ==
          "err_plan_total");
    t.book.accept(amend);
    REQUIRE(t.state().schedules.size() == 2);
    CHECK(t.state().current().covered == 30000);
    CHECK(t.statuses("2026-05-01") == "pending pending pending pending");
    t.book.setNow("2026-05-15");
    t.book.pay(t.pena, 15000, "2026-05-15");
    CHECK(t.statuses("2026-05-16") == "paid pending pending pending");
    // Cancelled: back to «Reminded», the ladder's again.
    t.book.setNow("2026-05-20");
    t.book.accept(command("cancelPlan", {{"debtor", t.pena}, {"plan", t.plan}, {"reason", "Deja de pagar"}}));
    CHECK(t.on("2026-05-20").status == PlanStatus::Cancelled);
    CHECK(t.book.debtor(t.pena).stage == Stage::Reminded);
    CHECK(code(t.book.refuse(command("cancelPlan", {{"debtor", t.pena}, {"plan", t.plan}, {"reason", "Otra vez"}}))) ==
          "err_plan_not_active");
    // A new plan can be agreed now; its agreement is another acknowledgement of the debt.
    t.book.accept(command("agreePlan", {{"debtor", t.pena}, {"installments", installments({{"2026-06-20", 45000}})}}));
    CHECK(t.book.debtor(t.pena).plans.size() == 2);
}

TEST_CASE("agreeing a plan acknowledges the debt: prescription starts again that day") {
    Plan t;
    const LawTables tables(t.book.state().law);
    const auto p = prescriptionOf(t.book.state(), tables, *t.book.state().invoice(t.f1));
    CHECK(p.deadline == day("2031-03-10"));
}

TEST_CASE("an early-payment discount: paid by the deadline closes the case as paid; a day late it lapsed") {
    struct Row {
        const char* rule;
        const char* paidOn;
        OfferStatus status;
        std::int64_t owes;
        std::optional<Stage> stage;
    };
    const Row rows[] = {
        {"paid on the deadline", "2026-03-20", OfferStatus::Accepted, 0, Stage::ClosedPaid},
        {"paid a day late", "2026-03-21", OfferStatus::Lapsed, 10000, Stage::Reminded},
    };
    for (const auto& row : rows) {
        INFO(row.rule);
        Book book(1, "2026-01-01");
        const auto pena = book.registerDebtor("Gráficas Peña S.L.", "B12345674");
        const auto f1 = book.addInvoice(pena, "F-001", 100000, "2026-01-01", "2026-01-31");
        book.setNow("2026-02-15");
        book.accept(command("changeStage", {{"debtor", pena}, {"stage", "reminded"}, {"reason", "Primer aviso"}}));
        book.setNow("2026-03-10");
        const auto offer = book.accept(command(
            "makeOffer",
            {{"debtor", pena}, {"kind", "discount"}, {"pay", eur(90000)}, {"percent", 1000}, {"deadline", "2026-03-20"}}));
        book.setNow(row.paidOn);
        book.pay(pena, 90000, row.paidOn);
        const auto& o = book.state().offers[*book.state().offer(offer)];
        CHECK(offerStatus(o, day("2026-03-25")) == row.status);
        CHECK(book.outstanding(pena) == row.owes);
        CHECK(book.debtor(pena).stage == row.stage);
        CHECK(o.forgiven == (row.owes == 0 ? 10000 : 0));
        CHECK(book.invoice(f1).forgiven == (row.owes == 0 ? 10000 : 0));
    }
}

TEST_CASE("a settlement: accepted and paid closes the case as settled, the rest let go; lapsed, nothing changes") {
    Book book(1, "2026-01-01");
    const auto pena = book.registerDebtor("Gráficas Peña S.L.", "B12345674");
    book.addInvoice(pena, "F-001", 100000, "2026-01-01", "2026-01-31");
    book.setNow("2026-03-10");
    const json settle = command("makeOffer", {{"debtor", pena},
                                              {"kind", "settlement"},
                                              {"pay", eur(60000)},
                                              {"deadline", "2026-03-31"},
                                              {"reason", "Concurso de acreedores en puertas"}});
    Book lapsed = book;
    lapsed.accept(settle);
    lapsed.setNow("2026-04-05");
    lapsed.pay(pena, 60000, "2026-04-05");
    CHECK(lapsed.outstanding(pena) == 40000);
    CHECK(effectiveStage(lapsed.debtor(pena), day("2026-04-05")) == Stage::Overdue);

    book.accept(settle);
    book.setNow("2026-03-25");
    book.pay(pena, 20000, "2026-03-25");
    CHECK(book.outstanding(pena) == 80000); // part of it: nothing let go yet
    book.setNow("2026-03-31");
    book.pay(pena, 40000, "2026-03-31");
    CHECK(book.outstanding(pena) == 0);
    CHECK(book.debtor(pena).stage == Stage::ClosedSettled);
    const auto summary = summarize(book.state(), book.log().size(), day("2026-04-01"));
    CHECK(summary["settled"]["EUR"] == 40000);
    CHECK(summary["outstanding"].empty());
}

TEST_CASE("a write-off: the amount and the reason recorded, counted as lost, not as open") {
    Book book(1, "2026-01-01");
    const auto pena = book.registerDebtor("Gráficas Peña S.L.", "B12345674");
    const auto ruiz = book.registerDebtor("Taller Ruiz S.L.");
    book.addInvoice(pena, "F-001", 100000, "2026-01-01", "2026-01-31");
    book.addInvoice(ruiz, "R-001", 50000, "2026-01-01", "2026-01-31");
    book.setNow("2026-03-10");
    book.pay(pena, 25000, "2026-03-10");
    book.accept(command("changeStage", {{"debtor", pena}, {"stage", "closed_written_off"}, {"reason", "Empresa disuelta"}}));
    const auto summary = summarize(book.state(), book.log().size(), day("2026-03-11"));
    CHECK(summary["writtenOff"]["EUR"] == 75000);
    CHECK(summary["outstanding"]["EUR"] == 50000);
    const auto& change = book.state().stageChanges[book.debtor(pena).stageChanges.back()];
    CHECK(change.reason == "Empresa disuelta");
}

TEST_CASE("what the commands refuse, naming the field, recording nothing") {
    Book book(1, "2026-01-01");
    const auto pena = book.registerDebtor("Gráficas Peña S.L.", "B12345674");
    const auto f1 = book.addInvoice(pena, "F-001", 90000, "2026-01-01", "2026-01-31");
    const auto f2 = book.addInvoice(pena, "F-002", 10000, "2026-01-01", "2026-01-31");
    const auto f3 = book.addInvoice(pena, "F-003", 5000, "2026-01-01", "2026-01-31");
    book.setNow("2026-02-01");
    book.pay(pena, 5000, "2026-02-01", json::array({{{"invoice", f3}, {"amount", 5000}}}));
    book.accept(command("setInvoiceDisputed", {{"invoice", f2}, {"disputed", true}, {"reason", "Mal servido"}}));
    book.setNow("2026-03-10");
    const json plan = command("agreePlan", {{"debtor", pena},
                                            {"installments", installments({{"2026-03-31", 45000}, {"2026-04-30", 45000}})}});
    const std::string eur0 = R"({"currency":"EUR","minor":0})";
    checkRefusals(book, plan,
                  std::vector<Refusal>{
                      {"installments that do not add up to what is owed",
                       R"({"installments":[{"amount":{"currency":"EUR","minor":45000},"due":"2026-03-31"},{"amount":{"currency":"EUR","minor":44999},"due":"2026-04-30"}]})",
                       "installments", Str::err_plan_total},
                      {"a date before today",
                       R"({"installments":[{"amount":{"currency":"EUR","minor":45000},"due":"2026-03-09"},{"amount":{"currency":"EUR","minor":45000},"due":"2026-04-30"}]})",
                       "installments[0].due", Str::err_plan_before_start},
                      {"dates out of order",
                       R"({"installments":[{"amount":{"currency":"EUR","minor":45000},"due":"2026-04-30"},{"amount":{"currency":"EUR","minor":45000},"due":"2026-03-31"}]})",
                       "installments[1].due", Str::err_plan_out_of_order},
                      {"a zero installment",
                       R"({"installments":[{"amount":{"currency":"EUR","minor":90000},"due":"2026-03-31"},{"amount":)" + eur0 +
                           R"(,"due":"2026-04-30"}]})",
                       "installments[1].amount", Str::err_amount_positive},
                      {"a negative installment",
                       R"({"installments":[{"amount":{"currency":"EUR","minor":-45000},"due":"2026-03-31"},{"amount":{"currency":"EUR","minor":135000},"due":"2026-04-30"}]})",
                       "installments[0].amount", Str::err_amount_positive},
                      {"no installment", R"({"installments":[]})", "installments", Str::err_plan_no_installments},
                      {"a plan over the disputed invoice", (R"({"invoices":[")" + f1 + R"(",")" + f2 + R"("]})"),
                       "invoices[1]", Str::err_plan_invoice_disputed},
                      {"a plan over a paid invoice", (R"({"invoices":[")" + f3 + R"("]})"), "invoices[0]",
                       Str::err_plan_invoice_closed},
                      {"grace days out of range", R"({"graceDays":91})", "graceDays", Str::err_plan_grace},
                      {"interest included without its amount", R"({"interest":"included"})", "interestAmount",
                       Str::err_plan_interest_amount},
                      {"agreed tomorrow", R"({"agreedOn":"2026-03-11"})", "agreedOn", Str::err_date_future},
                  });
    {
        INFO("more than 120 installments");
        json many = plan;
        many["installments"] = json::array();
        for (int k = 0; k < 121; ++k)
            many["installments"].push_back({{"amount", eur(k < 120 ? 743 : 90000 - 743 * 120)},
                                            {"due", day("2026-03-31").addDays(k).iso()}});
        Book copy = book;
        const Problem p = copy.refuse(many);
        CHECK(p.field == "installments");
        CHECK(code(p) == "err_plan_too_many");
    }
    // The commands of a plan agreed.
    Book agreed = book;
    const auto q = agreed.accept(plan);
    CHECK(code(agreed.refuse(plan)) == "err_plan_active");
    CHECK(code(agreed.refuse(command("makeOffer", {{"debtor", pena}, {"kind", "discount"}, {"pay", eur(80000)},
                                                   {"deadline", "2026-03-20"}}))) == "err_offer_plan_active");
    CHECK(agreed.refuse(command("makeOffer", {{"debtor", pena}, {"kind", "discount"}, {"pay", eur(80000)},
                                              {"deadline", "2026-03-20"}})).field == "invoices[0]");
    CHECK(code(agreed.refuse(command("cancelPlan", {{"debtor", pena}, {"plan", q}, {"reason", " "}}))) == "err_required");
    CHECK(code(agreed.refuse(command("cancelPlan", {{"debtor", pena}, {"plan", "q-nope"}, {"reason", "x"}}))) == "err_ref_unknown");

    const json discount = command(
        "makeOffer", {{"debtor", pena}, {"kind", "discount"}, {"pay", eur(81000)}, {"percent", 1000}, {"deadline", "2026-03-20"}});
    checkRefusals(book, discount,
                  std::vector<Refusal>{
                      {"a discount over 100 %", R"({"percent":10001})", "percent", Str::err_offer_percent},
                      {"paying more than the debt", R"({"pay":{"currency":"EUR","minor":90001}})", "pay",
                       Str::err_offer_discount_above},
                      {"a deadline already past", R"({"deadline":"2026-03-09"})", "deadline", Str::err_offer_deadline},
                      {"a settlement above the debt",
                       R"({"kind":"settlement","pay":{"currency":"EUR","minor":90000},"percent":0,"reason":"Quita"})", "pay",
                       Str::err_offer_settlement_above},
                      {"a settlement without its reason", R"({"kind":"settlement","percent":0})", "reason",
                       Str::err_required},
                  });
    // A closed case takes no plan and no offer.
    Book closed = book;
    closed.accept(command("changeStage", {{"debtor", pena}, {"stage", "closed_written_off"}, {"reason", "Disuelta"}}));
    CHECK(code(closed.refuse(plan)) == "err_plan_case_closed");
    CHECK(code(closed.refuse(discount)) == "err_plan_case_closed");
}

TEST_CASE("two devices amend the same plan offline: both amendments in the history, the later one applies") {
    Plan ana;
    Book luis(2, "2026-03-10");
    luis.workspace.integrate(ana.book.log().decodeAll());
    const auto amend = [&](const char* reason, const char* due) {
        return command("amendPlan", {{"debtor", ana.pena},
                                     {"plan", ana.plan},
                                     {"reason", reason},
                                     {"installments", installments({{due, 90000}})}});
    };
    ana.book.setNow("2026-03-12", 9);
    ana.book.accept(amend("Ana: todo en junio", "2026-06-30"));
    luis.setNow("2026-03-12", 10);
    luis.accept(amend("Luis: todo en julio", "2026-07-31"));
    ana.book.workspace.integrate(luis.log().decodeAll());
    luis.workspace.integrate(ana.book.log().decodeAll());
    CHECK(ana.book.dump() == luis.dump());
    const PlanState& plan = ana.state();
    REQUIRE(plan.schedules.size() == 3);
    CHECK(plan.schedules[1].reason == "Ana: todo en junio");
    CHECK(plan.current().reason == "Luis: todo en julio");
    CHECK(plan.current().installments[0].due == day("2026-07-31"));
}

TEST_CASE("the fold of plans and offers does not depend on the order the events arrive in") {
    Plan t({{"acceleration", true}, {"graceDays", 2}, {"downPayment", eur(10000)},
            {"installments", installments({{"2026-03-31", 40000}, {"2026-04-30", 40000}})}});
    t.book.setNow("2026-03-10", 13);
    t.book.pay(t.pena, 10000, "2026-03-10");
    t.book.setNow("2026-03-31");
    t.book.pay(t.pena, 25000, "2026-03-31");
    t.book.accept(command("amendPlan", {{"debtor", t.pena},
                                        {"plan", t.plan},
                                        {"reason", "Más plazos"},
                                        {"installments", installments({{"2026-04-15", 27500}, {"2026-05-15", 27500}})}}));
    const auto f2 = t.book.addInvoice(t.pena, "F-002", 20000, "2026-03-01", "2026-03-31");
    t.book.accept(command("makeOffer", {{"debtor", t.pena},
                                        {"kind", "settlement"},
                                        {"invoices", {f2}},
                                        {"pay", eur(15000)},
                                        {"deadline", "2026-04-30"},
                                        {"reason", "Servicio con retraso"}}));
    t.book.setNow("2026-04-15");
    t.book.pay(t.pena, 15000, "2026-04-15", json::array({{{"invoice", f2}, {"amount", 15000}}}));
    t.book.pay(t.pena, 27500, "2026-04-15");
    const std::string expected = t.book.dump();
    CHECK(t.book.invoice(f2).forgiven == 5000);
    CHECK(t.statuses("2026-04-16") == "paid pending");
    auto events = t.book.log().decodeAll();
    Rng rng(25);
    for (int round = 0; round < 20; ++round) {
        rng.shuffle(events);
        Workspace w(3);
        w.load(events);
        CHECK(dumpState(w.state(), w.log()) == expected);
    }
}
