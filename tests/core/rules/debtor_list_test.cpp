// The queries behind the debtors list and dashboard: search, filters, sort, totals, and the
// promise of doing no work when nothing changed.
#include "core/reports/kpis.hpp"
#include "core/rules/debtor_list.hpp"
#include "core/rules/labels.hpp"
#include "core/sample/generator.hpp"
#include "core/values/text.hpp"
#include "support.hpp"

#include <doctest/doctest.h>

using namespace recobra;
using namespace recobra::test;

namespace {

struct Ledger {
    Book book{1, "2026-11-20"};
    std::string pena, ruiz, norte, ayto, nueva;
    std::string lucia;

    Ledger() {
        lucia = book.accept(command("addMember", {{"name", "Lucía Romero"}}));
        pena = book.accept(command("registerDebtor", {{"legalName", "Peña Martínez, José"}, {"kind", "autonomo"},
                                                      {"country", "ES"}, {"taxId", "12345678Z"},
                                                      {"contacts", json::array({{{"name", "José Peña"},
                                                                                 {"email", "jose@correo.es"},
                                                                                 {"phone", "600 111 222"}}})}}));
        ruiz = book.accept(command("registerDebtor", {{"legalName", "Talleres Ruiz S.L."}, {"tradeName", "Ruiz Motor"},
                                                      {"kind", "sme"}, {"country", "ES"}, {"assignee", lucia}}));
        norte = book.accept(command("registerDebtor", {{"legalName", "Distribuciones Norte S.A."}, {"kind", "large_company"},
                                                       {"country", "ES"}, {"assignee", lucia}}));
        ayto = book.accept(command("registerDebtor", {{"legalName", "Ayuntamiento de Teruel"},
                                                      {"kind", "public_administration"}, {"country", "ES"}}));
        nueva = book.accept(command("registerDebtor", {{"legalName", "Nueva Cliente"}, {"kind", "consumer"}, {"country", "ES"}}));
        invoice(pena, "F-001", "2026-10-01", "2026-10-31", 120000);  // 20 days overdue on 2026-11-20
        invoice(ruiz, "R-77", "2026-08-01", "2026-08-31", 450000);   // 81 days
        invoice(norte, "N-1", "2026-05-01", "2026-05-31", 980000);   // 173 days
        invoice(ayto, "A-9", "2026-09-01", "2026-10-01", 55000);     // 50 days
        invoice(nueva, "X-1", "2026-11-10", "2026-12-10", 30000);    // not yet due
        book.accept(command("changeStage", {{"debtor", norte}, {"stage", "agency"}, {"reason", "Sin respuesta en 90 días"}}));
        book.accept(command("logInteraction", {{"debtor", pena}, {"at", at("2026-11-18")}, {"channel", "call"},
                                               {"direction", "outbound"}, {"outcome", "promise"},
                                               {"promise", {{"amount", eur(60000)}, {"dueDate", "2026-11-27"}}}}));
    }

    void invoice(const std::string& debtor, const char* number, const char* issue, const char* due, std::int64_t cents) {
        book.accept(command("addInvoice", {{"debtor", debtor}, {"number", number}, {"issueDate", issue},
                                           {"dueDate", due}, {"amount", eur(cents)}}));
    }

    std::vector<std::string> names(DebtorList& list, const DebtorFilter& filter, const DebtorSort& sort = {}) {
        list.update(book.state(), filter, sort, day("2026-11-20"), CurrencyCode::eur());
        std::vector<std::string> out;
        for (const auto& row : list.rows()) out.push_back(book.state().debtors[row.debtor].profile.legalName);
        return out;
    }
};

DebtorFilter text(const char* t) {
    DebtorFilter f;
    f.text = t;
    return f;
}

} // namespace

TEST_CASE("search folds accents and case: 'pena' finds Peña, 'JOSE' finds José") {
    CHECK(foldForSearch("Peña Martínez, JOSÉ") == "pena martinez, jose");
    Ledger l;
    DebtorList list;
    CHECK(l.names(list, text("pena")) == std::vector<std::string>{"Peña Martínez, José"});
    CHECK(l.names(list, text("JOSE")) == std::vector<std::string>{"Peña Martínez, José"});
}

TEST_CASE("search covers trade name, tax id, invoice number and contacts") {
    Ledger l;
    DebtorList list;
    CHECK(l.names(list, text("ruiz motor")) == std::vector<std::string>{"Talleres Ruiz S.L."});
    CHECK(l.names(list, text("12345678z")) == std::vector<std::string>{"Peña Martínez, José"});
    CHECK(l.names(list, text("R-77")) == std::vector<std::string>{"Talleres Ruiz S.L."});
    CHECK(l.names(list, text("jose@correo")) == std::vector<std::string>{"Peña Martínez, José"});
    CHECK(l.names(list, text("600 111")) == std::vector<std::string>{"Peña Martínez, José"});
    CHECK(l.names(list, text("no existe nadie")).empty());
}

TEST_CASE("the default order is most days overdue first") {
    Ledger l;
    DebtorList list;
    CHECK(l.names(list, {}) == std::vector<std::string>{"Distribuciones Norte S.A.", "Talleres Ruiz S.L.",
                                                        "Ayuntamiento de Teruel", "Peña Martínez, José", "Nueva Cliente"});
}

TEST_CASE("sort by any column, both ways, ties broken by name") {
    Ledger l;
    DebtorList list;
    CHECK(l.names(list, {}, {DebtorColumn::Name, false}).front() == "Ayuntamiento de Teruel");
    CHECK(l.names(list, {}, {DebtorColumn::Name, true}).front() == "Talleres Ruiz S.L.");
    CHECK(l.names(list, {}, {DebtorColumn::Outstanding, true}).front() == "Distribuciones Norte S.A.");
    CHECK(l.names(list, {}, {DebtorColumn::Outstanding, false}).front() == "Nueva Cliente");
    CHECK(l.names(list, {}, {DebtorColumn::Stage, false}).front() == "Nueva Cliente"); // not due sorts first
    // Only Peña has a pending promise: first by next date, ascending or descending alike.
    CHECK(l.names(list, {}, {DebtorColumn::NextDate, false}).front() == "Peña Martínez, José");
    CHECK(l.names(list, {}, {DebtorColumn::NextDate, true}).front() == "Peña Martínez, José");
    // The unassigned come last either way.
    const auto byAssignee = l.names(list, {}, {DebtorColumn::Assignee, false});
    CHECK(byAssignee[0] == "Distribuciones Norte S.A.");
    CHECK(byAssignee[1] == "Talleres Ruiz S.L.");
    CHECK(l.names(list, {}, {DebtorColumn::Kind, false}).front() == "Nueva Cliente"); // consumer
}

TEST_CASE("filters by stage, assignee and overdue bucket combine") {
    Ledger l;
    DebtorList list;
    DebtorFilter agency;
    agency.stages = {Stage::Agency};
    CHECK(l.names(list, agency) == std::vector<std::string>{"Distribuciones Norte S.A."});

    DebtorFilter lucia;
    lucia.assignee = l.lucia;
    CHECK(l.names(list, lucia).size() == 2);
    DebtorFilter nobody;
    nobody.assignee = "";
    CHECK(l.names(list, nobody).size() == 3);

    DebtorFilter buckets;
    buckets.buckets = {OverdueBucket::UpTo30, OverdueBucket::UpTo60};
    CHECK(l.names(list, buckets) == std::vector<std::string>{"Ayuntamiento de Teruel", "Peña Martínez, José"});
    DebtorFilter notDue;
    notDue.buckets = {OverdueBucket::NotDue};
    CHECK(l.names(list, notDue) == std::vector<std::string>{"Nueva Cliente"});

    DebtorFilter both = lucia;
    both.stages = {Stage::Overdue};
    CHECK(l.names(list, both) == std::vector<std::string>{"Talleres Ruiz S.L."});
}

TEST_CASE("a filter by days past due finds debtors with any open invoice in the range, as the reports' aging counts") {
    Ledger l;
    // Peña also owes an invoice not yet due, and one 45 days past due; Ruiz paid his in full.
    l.invoice(l.pena, "F-002", "2026-11-01", "2026-12-01", 20000);
    l.invoice(l.pena, "F-000", "2026-09-01", "2026-10-06", 7000); // 45 days on 2026-11-20
    l.book.pay(l.ruiz, 450000, "2026-11-19");
    DebtorList list;
    auto range = [](AgingBucket bucket) {
        DebtorFilter f;
        f.pastDue = agingDays(bucket);
        return f;
    };
    CHECK(l.names(list, range(AgingBucket::NotDue)) == std::vector<std::string>{"Peña Martínez, José", "Nueva Cliente"});
    CHECK(list.pastDueInvoices() == 2);
    CHECK(list.pastDueAmount().in(CurrencyCode::eur()) == 30000 + 20000);
    // Peña's invoices 20 and 45 days past due: he is in both ranges, with only that invoice counted.
    CHECK(l.names(list, range(AgingBucket::Days1To30)) == std::vector<std::string>{"Peña Martínez, José"});
    CHECK(list.pastDueAmount().in(CurrencyCode::eur()) == 120000);
    CHECK(l.names(list, range(AgingBucket::Days31To60)) ==
          std::vector<std::string>{"Ayuntamiento de Teruel", "Peña Martínez, José"});
    CHECK(list.pastDueInvoices() == 2);
    CHECK(list.pastDueAmount().in(CurrencyCode::eur()) == 55000 + 7000);
    CHECK(l.names(list, range(AgingBucket::Days61To90)).empty()); // Ruiz's invoice is paid
    CHECK(list.pastDueInvoices() == 0);
    CHECK(l.names(list, range(AgingBucket::Over120)) == std::vector<std::string>{"Distribuciones Norte S.A."});

    // It combines with the other filters, and the reports' aging agrees invoice by invoice.
    DebtorFilter both = range(AgingBucket::Days31To60);
    both.text = "teruel";
    CHECK(l.names(list, both) == std::vector<std::string>{"Ayuntamiento de Teruel"});
    const auto kpis = computeKpis(l.book.state(), defaultKpiOptions(day("2026-11-20")));
    for (const auto& entry : EnumTable<AgingBucket>::values) { // (clang 14: no structured bindings in doctest messages)
        const AgingBucket bucket = entry.first;
        const std::string name = entry.second;
        l.names(list, range(bucket));
        const auto b = static_cast<std::size_t>(bucket);
        CHECK_MESSAGE(list.pastDueInvoices() == kpis.currencies.front().agingInvoices[b], name);
        CHECK_MESSAGE(list.pastDueAmount().in(CurrencyCode::eur()) == kpis.currencies.front().aging[b], name);
    }

    // A closed case is out, whatever its invoices.
    l.book.accept(command("changeStage", {{"debtor", l.norte}, {"stage", "closed_written_off"}, {"reason", "Concurso"}}));
    CHECK(l.names(list, range(AgingBucket::Over120)).empty());
}

TEST_CASE("overdue buckets: 1–30, 31–60, 61–90 and more") {
    CHECK(overdueBucket(0) == OverdueBucket::NotDue);
    CHECK(overdueBucket(1) == OverdueBucket::UpTo30);
    CHECK(overdueBucket(30) == OverdueBucket::UpTo30);
    CHECK(overdueBucket(31) == OverdueBucket::UpTo60);
    CHECK(overdueBucket(60) == OverdueBucket::UpTo60);
    CHECK(overdueBucket(61) == OverdueBucket::UpTo90);
    CHECK(overdueBucket(90) == OverdueBucket::UpTo90);
    CHECK(overdueBucket(91) == OverdueBucket::Over90);
}

TEST_CASE("the visible count and total outstanding follow the filter") {
    Ledger l;
    DebtorList list;
    l.names(list, {});
    CHECK(list.rows().size() == 5);
    CHECK(list.total().in(CurrencyCode::eur()) == 120000 + 450000 + 980000 + 55000 + 30000);
    l.names(list, text("ruiz"));
    CHECK(list.total().in(CurrencyCode::eur()) == 450000);
}

TEST_CASE("no work in frames where nothing changed; typing narrows the previous matches") {
    Ledger l;
    DebtorList list;
    const Date today = day("2026-11-20");
    DebtorFilter f;
    CHECK(list.update(l.book.state(), f, {}, today, CurrencyCode::eur()));
    const auto updates = list.updates();
    CHECK_FALSE(list.update(l.book.state(), f, {}, today, CurrencyCode::eur()));
    CHECK(list.updates() == updates);

    f.text = "a";
    CHECK(list.update(l.book.state(), f, {}, today, CurrencyCode::eur()));
    const auto withA = list.rows().size();
    f.text = "al"; // narrows: Talleres, and nobody else
    CHECK(list.update(l.book.state(), f, {}, today, CurrencyCode::eur()));
    CHECK(list.rows().size() <= withA);
    CHECK(l.names(list, f) == std::vector<std::string>{"Talleres Ruiz S.L."});

    // A change to one debtor is seen.
    l.book.accept(command("updateDebtor", {{"debtor", l.ayto}, {"legalName", "Ayuntamiento de Alcañiz"}}));
    f.text = "alcañiz";
    CHECK(l.names(list, f) == std::vector<std::string>{"Ayuntamiento de Alcañiz"});
}

TEST_CASE("a new payment changes the row's outstanding and the total at once") {
    Ledger l;
    DebtorList list;
    l.names(list, text("ruiz"));
    CHECK(list.rows().at(0).outstanding == 450000);
    l.book.accept(command("recordPayment", {{"debtor", l.ruiz}, {"date", "2026-11-19"}, {"amount", eur(50000)}}));
    l.names(list, text("ruiz"));
    CHECK(list.rows().at(0).outstanding == 400000);
    CHECK(list.total().in(CurrencyCode::eur()) == 400000);
}

TEST_CASE("every enumeration value has a label in both languages") {
    auto check = [](auto tag) {
        using E = typename decltype(tag)::type;
        for (const auto& entry : EnumTable<E>::values) // (clang 14 cannot capture a structured binding)
            CHECK_MESSAGE(labelId(entry.first).has_value(), entry.second);
    };
    check(Tag<DebtorKind>{});
    check(Tag<Relationship>{});
    check(Tag<Channel>{});
    check(Tag<Direction>{});
    check(Tag<Outcome>{});
    check(Tag<Attitude>{});
    check(Tag<InvoiceKind>{});
    check(Tag<PaymentMethod>{});
    check(Tag<Stage>{});
    check(Tag<PromiseStatus>{});
    check(Tag<InvoiceStatus>{});
    check(Tag<OverdueBucket>{});
    check(Tag<AgendaKind>{});
    check(Tag<RateTable>{});
    check(Tag<PrescriptionTerm>{});
    check(Tag<ProofKind>{});
    check(Tag<ChargesOutcome>{});
    check(Tag<InterestKind>{});
    check(Tag<MascStatus>{});
}

namespace {
// What a list shows: its rows in order, then its totals.
std::string shown(const State& state, const DebtorList& list) {
    std::string out;
    for (const auto& row : list.rows()) out += state.debtors[row.debtor].id + ",";
    for (const MoneyBag* bag : {&list.total(), &list.closedUnpaid()}) {
        out += "|";
        for (const auto& m : bag->amounts()) out += std::to_string(m.minor) + m.currency.str() + " ";
    }
    return out;
}
} // namespace

TEST_CASE("a search spread over calls (a budget of rows each) ends as the one done at once, matches shown in order as found") {
    const State state = fold(EventLog(generateDataset(GeneratorOptions{300, 7})));
    const Date today = day("2026-11-01");
    auto once = [&](const std::string& text) {
        DebtorList list;
        DebtorFilter filter;
        filter.text = text;
        list.update(state, filter, {}, today, CurrencyCode::eur());
        CHECK(list.complete());
        return shown(state, list);
    };
    for (std::size_t budget : {1u, 7u, 64u, 299u}) {
        CAPTURE(budget);
        DebtorList list;
        DebtorFilter filter;
        list.update(state, filter, {}, today, CurrencyCode::eur(), budget); // the whole book: not a search, at once
        REQUIRE(list.complete());
        // Typing "s", then "s.", then "s.l": each narrows what the one before found (or was still finding).
        std::size_t calls = 0;
        for (const char* text : {"s", "s.", "s.l"}) {
            filter.text = text;
            list.update(state, filter, {}, today, CurrencyCode::eur(), budget);
            // Mid-way: what is shown is a prefix, in order, of the final answer.
            const std::string partial = shown(state, list);
            const std::string whole = once(text);
            CHECK(whole.rfind(partial.substr(0, partial.find('|')), 0) == 0);
            // One more letter typed after a single call: the search goes on from what it had.
            while (!list.complete() && ++calls < 10'000) list.update(state, filter, {}, today, CurrencyCode::eur(), budget);
            CHECK(list.complete());
            CHECK(shown(state, list) == whole);
        }
        // A letter typed while a search is half-way narrows it further, and still ends right.
        filter.text = "a";
        list.update(state, filter, {}, today, CurrencyCode::eur(), budget);
        filter.text = "an";
        list.update(state, filter, {}, today, CurrencyCode::eur(), budget);
        while (!list.complete()) list.update(state, filter, {}, today, CurrencyCode::eur(), budget);
        CHECK(shown(state, list) == once("an"));
        // Widening (a letter deleted) is done at once, whatever the budget.
        filter.text = "a";
        list.update(state, filter, {}, today, CurrencyCode::eur(), budget);
        CHECK(list.complete());
        CHECK(shown(state, list) == once("a"));
    }
}
