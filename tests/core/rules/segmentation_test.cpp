// Segmentation by payment behaviour (segmentation.hpp): the rule on built histories, and the
// evidence it gives in words.
#include "core/rules/debtor_list.hpp"
#include "core/rules/segmentation.hpp"
#include "core/sample/generator.hpp"
#include "support.hpp"

#include <doctest/doctest.h>
#include <map>

using namespace recobra;
using namespace recobra::test;

namespace {

// A debtor whose history is a list of invoices, each due on a day and paid on others.
struct History {
    Book book{1, "2025-01-01"};
    std::string debtor;
    int next = 0;

    History() { debtor = book.registerDebtor("Gráficas Peña S.L.", "B12345674"); }

    // An invoice of `cents` due on `due`, and payments {date, cents} towards it.
    History& invoice(const char* due, std::int64_t cents, std::vector<std::pair<const char*, std::int64_t>> payments = {}) {
        book.setNow("2025-01-01");
        const auto id = book.addInvoice(debtor, ("F-" + std::to_string(++next)).c_str(), cents, "2025-01-01", due);
        for (const auto& p : payments) {
            book.setNow(p.first);
            book.pay(debtor, p.second, p.first, json::array({{{"invoice", id}, {"amount", p.second}}}));
        }
        return *this;
    }
    History& talk(const char* when, const char* direction, const char* outcome) {
        book.setNow(when, 12);
        book.accept(command("logInteraction", {{"debtor", debtor},
                                               {"at", at(when, 11)},
                                               {"channel", "email"},
                                               {"direction", direction},
                                               {"outcome", outcome},
                                               {"limitOverride", "prueba"}}));
        return *this;
    }
    History& promise(const char* when, std::int64_t cents, const char* due) {
        book.setNow(when, 12);
        book.accept(command("logInteraction", {{"debtor", debtor},
                                               {"at", at(when, 11)},
                                               {"channel", "call"},
                                               {"direction", "inbound"},
                                               {"outcome", "promise"},
                                               {"promise", {{"amount", eur(cents)}, {"dueDate", due}}}}));
        return *this;
    }
    SegmentResult on(const char* today) const { return classifyDebtor(book.state(), 0, day(today)); }
};

} // namespace

TEST_CASE("segments on built histories, first rule that matches") {
    struct Row {
        const char* rule;
        History history;
        Segment expected;
        const char* why; // the evidence, in English
    };
    auto h = [] { return History(); };
    std::vector<Row> rows;
    rows.push_back({"no invoice yet: new", h(), Segment::New, "No invoice paid or past due yet: no history"});
    rows.push_back({"one invoice paid: still new", h().invoice("2025-02-01", 10000, {{"2025-02-01", 10000}}),
                    Segment::New, "Only one invoice paid or past due: little history"});
    rows.push_back({"three paid on time, one within the grace days: punctual",
                    h().invoice("2025-02-01", 10000, {{"2025-01-30", 10000}})
                        .invoice("2025-03-01", 10000, {{"2025-03-01", 10000}})
                        .invoice("2025-04-01", 10000, {{"2025-04-06", 10000}}),
                    Segment::Punctual, "3 invoices, all paid on time"});
    rows.push_back({"one of four paid six days late: an occasional slip",
                    h().invoice("2025-02-01", 10000, {{"2025-01-30", 10000}})
                        .invoice("2025-03-01", 10000, {{"2025-03-07", 10000}})
                        .invoice("2025-04-01", 10000, {{"2025-04-01", 10000}})
                        .invoice("2025-05-01", 10000, {{"2025-05-01", 10000}}),
                    Segment::OccasionalSlip, "1 of 4 invoices paid late (6 days on average)"});
    rows.push_back({"two of four paid late: chronic",
                    h().invoice("2025-02-01", 10000, {{"2025-03-03", 10000}})
                        .invoice("2025-03-01", 10000, {{"2025-03-01", 10000}})
                        .invoice("2025-04-01", 10000, {{"2025-05-01", 10000}})
                        .invoice("2025-05-01", 10000, {{"2025-05-01", 10000}}),
                    Segment::Chronic, "2 of 4 invoices paid late (30 days on average)"});
    rows.push_back({"paid in parts, on time: chronic all the same (a partial payer)",
                    h().invoice("2025-02-01", 10000, {{"2025-01-20", 5000}, {"2025-02-01", 5000}})
                        .invoice("2025-03-01", 10000, {{"2025-02-20", 5000}, {"2025-03-01", 5000}})
                        .invoice("2025-04-01", 10000, {{"2025-04-01", 10000}}),
                    Segment::Chronic, "3 invoices paid on time · 2 paid in parts"});
    rows.push_back({"a refusal about what is overdue: won't pay",
                    h().invoice("2025-02-01", 10000, {{"2025-02-01", 10000}})
                        .invoice("2025-03-01", 10000, {{"2025-03-01", 10000}})
                        .invoice("2025-04-01", 20000)
                        .talk("2025-04-20", "inbound", "refusal"),
                    Segment::WontPay, "Refused to pay on 20 Apr 2025 · Overdue since 1 Apr 2025"});
    rows.push_back({"three contacts without an answer: won't pay",
                    h().invoice("2025-04-01", 20000)
                        .talk("2025-04-10", "outbound", "no_answer")
                        .talk("2025-04-17", "outbound", "no_answer")
                        .talk("2025-04-24", "outbound", "no_answer"),
                    Segment::WontPay, "3 contacts in a row unanswered · Overdue since 1 Apr 2025"});
    rows.push_back({"an answer breaks the streak",
                    h().invoice("2025-04-01", 20000)
                        .talk("2025-04-10", "outbound", "no_answer")
                        .talk("2025-04-17", "outbound", "no_answer")
                        .talk("2025-04-20", "inbound", "other")
                        .talk("2025-04-24", "outbound", "no_answer"),
                    Segment::New, "Only one invoice paid or past due: little history"});
    rows.push_back({"two promises broken on the debt: won't pay",
                    h().invoice("2025-04-01", 20000)
                        .promise("2025-04-10", 10000, "2025-04-15")
                        .promise("2025-04-20", 10000, "2025-04-25"),
                    Segment::WontPay, "2 broken promises on this debt · Overdue since 1 Apr 2025"});
    rows.push_back({"a refusal long ago, everything paid since: not won't pay",
                    h().invoice("2025-02-01", 10000, {{"2025-03-15", 10000}})
                        .talk("2025-02-10", "inbound", "refusal")
                        .invoice("2025-03-01", 10000, {{"2025-03-01", 10000}}),
                    Segment::OccasionalSlip, "1 of 2 invoices paid late (42 days on average)"});
    rows.push_back({"one broken promise, kept the next: an occasional slip",
                    h().invoice("2025-02-01", 10000, {{"2025-02-01", 10000}})
                        .invoice("2025-03-01", 10000, {{"2025-03-01", 10000}})
                        .invoice("2025-04-01", 10000, {{"2025-04-03", 10000}})
                        .promise("2025-03-20", 5000, "2025-03-25"),
                    Segment::OccasionalSlip, "3 invoices paid on time · 1 broken promise"});
    for (auto& row : rows) {
        INFO(row.rule);
        const auto result = row.history.on("2025-06-01");
        CHECK(enumName(result.segment) == std::string(enumName(row.expected)));
        CHECK(segmentExplanation(result, Lang::en) == row.why);
        CHECK_FALSE(segmentExplanation(result, Lang::es).empty());
    }
}

TEST_CASE("the evidence in Spanish") {
    History h;
    h.invoice("2025-02-01", 10000, {{"2025-03-03", 10000}})
        .invoice("2025-03-01", 10000, {{"2025-03-01", 10000}})
        .invoice("2025-04-01", 10000, {{"2025-04-15", 6000}, {"2025-05-01", 4000}});
    const auto r = h.on("2025-06-01");
    CHECK(r.segment == Segment::Chronic);
    CHECK(segmentExplanation(r, Lang::es) == "2 de 3 facturas pagadas tarde (30 días de media) · 1 pagada en partes");
}

TEST_CASE("the segment follows the day: an open invoice counts once it is past its grace days") {
    History h;
    h.invoice("2025-02-01", 10000, {{"2025-02-01", 10000}})
        .invoice("2025-03-01", 10000, {{"2025-03-01", 10000}})
        .invoice("2025-04-01", 10000);
    CHECK(h.on("2025-04-06").segment == Segment::Punctual); // five days: within the grace
    CHECK(h.on("2025-04-07").segment == Segment::OccasionalSlip);
}

TEST_CASE("on a generated book every segment appears, and mostly as the generator meant") {
    GeneratorOptions options;
    options.debtors = 300;
    options.seed = 11;
    options.referenceDate = day("2026-11-01");
    Workspace ws(1);
    ws.load(generateDataset(options));
    std::map<Segment, int> counts;
    for (Index d = 0; d < ws.state().debtors.size(); ++d) ++counts[classifyDebtor(ws.state(), d, day("2026-11-01")).segment];
    for (const auto& entry : EnumTable<Segment>::values) {
        INFO(entry.second);
        CHECK(counts[entry.first] > 0);
    }
}

TEST_CASE("the debtors list filters by segment") {
    History h;
    h.invoice("2025-02-01", 10000, {{"2025-02-01", 10000}})
        .invoice("2025-03-01", 10000, {{"2025-03-01", 10000}})
        .invoice("2025-07-01", 10000);
    h.book.setNow("2025-01-01");
    h.book.registerDebtor("Academia Nueva S.L.");
    DebtorList list;
    DebtorFilter filter;
    filter.segments = {Segment::Punctual};
    list.update(h.book.state(), filter, DebtorSort{}, day("2025-06-01"), CurrencyCode::eur());
    REQUIRE(list.rows().size() == 1);
    CHECK(h.book.state().debtors[list.rows()[0].debtor].profile.legalName == "Gráficas Peña S.L.");
    filter.segments = {Segment::New, Segment::Punctual};
    list.update(h.book.state(), filter, DebtorSort{}, day("2025-06-01"), CurrencyCode::eur());
    CHECK(list.rows().size() == 2);
    // Later the open invoice is past due: Peña slipped once.
    filter.segments = {Segment::Punctual};
    list.update(h.book.state(), filter, DebtorSort{}, day("2025-07-10"), CurrencyCode::eur());
    CHECK(list.rows().empty());
}

TEST_CASE("the grace days over month ends and leap days: five days late is on time, six is a slip") {
    struct Row {
        const char* rule;
        const char* due;
        const char* paidOn;
        Segment expected;
    };
    const Row rows[] = {
        {"due 28 February 2026, paid 5 March: five days, on time", "2026-02-28", "2026-03-05", Segment::Punctual},
        {"due 28 February 2026, paid 6 March: six days, a slip", "2026-02-28", "2026-03-06", Segment::OccasionalSlip},
        {"due 28 February 2028, paid 4 March: five days over the leap day", "2028-02-28", "2028-03-04", Segment::Punctual},
        {"due 28 February 2028, paid 5 March: six days", "2028-02-28", "2028-03-05", Segment::OccasionalSlip},
        {"due 31 December, paid 5 January", "2026-12-31", "2027-01-05", Segment::Punctual},
        {"due 31 December, paid 6 January", "2026-12-31", "2027-01-06", Segment::OccasionalSlip},
    };
    for (const auto& row : rows) {
        INFO(row.rule);
        History h;
        h.invoice("2025-02-01", 10000, {{"2025-02-01", 10000}}).invoice("2025-03-01", 10000, {{"2025-03-01", 10000}});
        h.invoice(row.due, 10000, {{row.paidOn, 10000}});
        CHECK(enumName(h.on("2028-06-01").segment) == std::string(enumName(row.expected)));
    }
}

TEST_CASE("a disputed or paused invoice is not a habit; a partial payment on an open invoice is") {
    History h;
    h.invoice("2025-02-01", 10000, {{"2025-02-01", 10000}}).invoice("2025-03-01", 10000, {{"2025-03-01", 10000}});
    h.invoice("2025-04-01", 10000);
    const std::string open = h.book.state().invoices.back().id;
    CHECK(h.on("2025-06-01").segment == Segment::OccasionalSlip);
    History disputed = h;
    disputed.book.setNow("2025-05-01");
    disputed.book.accept(command("setInvoiceDisputed", {{"invoice", open}, {"disputed", true}, {"reason", "Pedido incompleto"}}));
    CHECK(disputed.on("2025-06-01").segment == Segment::Punctual);
    History paused = h;
    paused.book.setNow("2025-05-01");
    paused.book.accept(command("setPause", {{"debtor", h.debtor}, {"invoice", open}, {"reason", "Acuerdo verbal"},
                                            {"until", "2025-06-30"}}));
    CHECK(paused.on("2025-06-01").segment == Segment::Punctual);
    CHECK(paused.on("2025-07-01").segment == Segment::OccasionalSlip); // the pause is over
    // Partly paid and still open past its grace days: late, and paid in parts.
    History partly = h;
    partly.book.setNow("2025-04-20");
    partly.book.pay(h.debtor, 4000, "2025-04-20");
    const auto r = partly.on("2025-06-01");
    CHECK(r.evidence.paidInParts == 1);
    CHECK(r.evidence.paidLate == 1);
}

TEST_CASE("segments are the same whatever order the events were loaded in") {
    GeneratorOptions options;
    options.debtors = 120;
    options.seed = 5;
    options.referenceDate = day("2026-11-01");
    std::vector<Event> events = generateDataset(options);
    auto segments = [&](const std::vector<Event>& log) {
        Workspace ws(1);
        ws.load(log);
        std::string out;
        for (Index d = 0; d < ws.state().debtors.size(); ++d) {
            const auto r = classifyDebtor(ws.state(), d, day("2026-11-01"));
            out += ws.state().debtors[d].id + "=" + enumName(r.segment) + ":" + segmentExplanation(r, Lang::en) + "\n";
        }
        return out;
    };
    const std::string expected = segments(events);
    Rng rng(99);
    rng.shuffle(events);
    CHECK(segments(events) == expected);
}
