#pragma once
// The KPIs (reports/kpis.hpp, docs/kpis.md) taken out of the app: each table of the reports
// screen as a CSV file a spreadsheet opens in the user's language (`;` and a byte-order mark
// in Spanish, cells guarded against formulas, as the agency's sheets are), and the whole
// report as a page ready to print, its charts drawn as SVG here (not a picture of the canvas:
// sharp on paper, the same figures as the tables).
#include "core/reports/kpis.hpp"

#include <string>
#include <vector>

namespace recobra {

enum class KpiTable {
    Figures, // a row per currency: every figure of the period and the day
    Aging,   // a row per currency and age of debt: amount and invoices
    Months,  // a row per currency and month: the monthly series
};

// What a report shows: the whole book's figures or one group's (an assignee, a segment),
// with its name for the page's subtitle.
struct KpiScope {
    const std::vector<CurrencyKpis>* figures = nullptr;
    std::string name; // "" for the whole book
};

std::string kpiTableCsv(const std::vector<CurrencyKpis>& figures, KpiTable table, Lang lang);
// "informe-cobros-2026-03-31-meses.csv" / "collections-report-2026-03-31-months.csv".
std::string kpiTableFileName(KpiTable table, Date asOf, Lang lang);

std::string kpiReportHtml(const KpiScope& scope, const KpiOptions& options, Lang lang);
std::string kpiReportFileName(Date asOf, Lang lang); // "informe-cobros-2026-03-31.html"

} // namespace recobra
