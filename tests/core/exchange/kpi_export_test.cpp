// The KPIs' tables as CSV and the printable report (exchange/kpi_export.hpp): read back with
// the CSV reader, the figures are the core's; the page draws its charts as SVG.
#include "core/exchange/csv.hpp"
#include "core/exchange/kpi_export.hpp"
#include "core/i18n/locale.hpp"
#include "support.hpp"

#include <doctest/doctest.h>

using namespace recobra;
using namespace recobra::test;

namespace {

// A book of two currencies: 1.234,56 € owed 40 days past due, and 500 US$ not due.
Book smallBook() {
    Book book{1, "2026-03-31"};
    const auto a = book.registerDebtor("Gráficas Peña S.L.");
    book.addInvoice(a, "A-1", 123456, "2026-01-20", "2026-02-19");
    book.accept(command("addInvoice", {{"debtor", a}, {"number", "A-2"}, {"amount", money(50000, "USD")},
                                       {"issueDate", "2026-03-10"}, {"dueDate", "2026-04-09"}}));
    return book;
}

CsvTable readBack(const std::string& csv, char separator) {
    auto read = readCsv(decodeCsvBytes(csv).text(csv), "kpis.csv", CsvReadOptions{separator, true});
    REQUIRE(read.ok());
    return *read.table;
}

} // namespace

TEST_CASE("kpi export: the figures table, in Spanish with ';' and a byte-order mark, read back") {
    Book book = smallBook();
    const auto report = computeKpis(book.state(), defaultKpiOptions(day("2026-03-31")));
    const std::string es = kpiTableCsv(report.currencies, KpiTable::Figures, Lang::es);
    CHECK(es.rfind("\xEF\xBB\xBF", 0) == 0);
    const CsvTable t = readBack(es, ';');
    REQUIRE(t.rows.size() == 3); // header, EUR, USD
    CHECK(t.rows[0].cells[0] == "Moneda");
    CHECK(t.rows[0].cells[1] == "Pendiente de cobro");
    CHECK(t.rows[1].cells[0] == "EUR");
    CHECK(t.rows[1].cells[1] == "1234,56");
    CHECK(t.rows[1].cells[2] == "1234,56"); // overdue
    CHECK(t.rows[2].cells[0] == "USD");
    CHECK(t.rows[2].cells[2] == "0,00");
    // A ratio with nothing to divide by is an empty cell, not 0.
    const auto cei = std::find(t.rows[0].cells.begin(), t.rows[0].cells.end(), "Eficacia de cobro (CEI)");
    REQUIRE(cei != t.rows[0].cells.end());
    CHECK(t.rows[2].cells[static_cast<std::size_t>(cei - t.rows[0].cells.begin())].empty());

    const CsvTable en = readBack(kpiTableCsv(report.currencies, KpiTable::Figures, Lang::en), ',');
    CHECK(en.rows[0].cells[1] == "Outstanding");
    CHECK(en.rows[1].cells[1] == "1234.56");
    CHECK(kpiTableFileName(KpiTable::Months, day("2026-03-31"), Lang::es) == "informe-cobros-2026-03-31-meses.csv");
    CHECK(kpiTableFileName(KpiTable::Aging, day("2026-03-31"), Lang::en) == "collections-report-2026-03-31-aging.csv");
}

TEST_CASE("kpi export: aging and the monthly series, a row per currency and bucket or month") {
    Book book = smallBook();
    KpiOptions o = defaultKpiOptions(day("2026-03-31"));
    o.months = 3;
    const auto report = computeKpis(book.state(), o);
    const CsvTable aging = readBack(kpiTableCsv(report.currencies, KpiTable::Aging, Lang::es), ';');
    REQUIRE(aging.rows.size() == 1 + 2 * kAgingBuckets);
    CHECK(aging.rows[3].cells == std::vector<std::string>{"EUR", "31–60 días", "1234,56", "1"});
    CHECK(aging.rows[7].cells == std::vector<std::string>{"USD", "No vencido", "500,00", "1"});
    const CsvTable months = readBack(kpiTableCsv(report.currencies, KpiTable::Months, Lang::en), ',');
    REQUIRE(months.rows.size() == 1 + 2 * 3);
    CHECK(months.rows[1].cells[0] == "EUR");
    CHECK(months.rows[1].cells[1] == "2026-01");
    CHECK(months.rows[1].cells[2] == "1234.56");
    CHECK(months.rows[3].cells[1] == "2026-03");
    CHECK(months.rows[3].cells[3] == "1234.56"); // overdue at the end of March
}

TEST_CASE("kpi export: the name of the group a page is about is written as text, not markup") {
    Book book = smallBook();
    const auto report = computeKpis(book.state(), defaultKpiOptions(day("2026-03-31")));
    const std::string html = kpiReportHtml({&report.currencies, "<b>Luis</b>"}, report.options, Lang::es);
    CHECK(html.find("<b>Luis</b>") == std::string::npos);
    CHECK(html.find("&lt;b&gt;Luis&lt;/b&gt;") != std::string::npos);
}

TEST_CASE("kpi export: the printable report has the figures and an SVG chart of each series, in both languages") {
    Book book = smallBook();
    const auto report = computeKpis(book.state(), defaultKpiOptions(day("2026-03-31")));
    const std::string es = kpiReportHtml({&report.currencies, ""}, report.options, Lang::es);
    CHECK(es.rfind("<!doctype html>", 0) == 0);
    CHECK(es.find("<html lang=\"es\">") != std::string::npos);
    CHECK(es.find("Informe de cobros") != std::string::npos);
    CHECK(es.find("A fecha 31/03/2026 · periodo del 01/03/2026 al 31/03/2026 · todo el negocio") != std::string::npos);
    CHECK(es.find("1.234,56 €") != std::string::npos);
    std::size_t charts = 0;
    for (std::size_t at = es.find("<svg"); at != std::string::npos; at = es.find("<svg", at + 1)) ++charts;
    CHECK(charts == 2 * 5); // aging, balance, collected, DSO and CEI, promises; per currency
    CHECK(es.find("Cómo se calcula cada cifra") != std::string::npos);
    const std::string en = kpiReportHtml({&report.currencies, "Luis Ruiz"}, report.options, Lang::en);
    CHECK(en.find("As of " + formatDate(day("2026-03-31"), Lang::en) + " · period ") != std::string::npos);
    CHECK(en.find("Luis Ruiz") != std::string::npos);
    CHECK(en.find("€1,234.56") != std::string::npos);
    const std::string empty = kpiReportHtml({nullptr, ""}, report.options, Lang::en);
    CHECK(empty.find("No invoices to report on") != std::string::npos);
    CHECK(kpiReportFileName(day("2026-03-31"), Lang::es) == "informe-cobros-2026-03-31.html");
}
