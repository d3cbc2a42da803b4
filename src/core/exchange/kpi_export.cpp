// The KPIs' tables as CSV and the report as a printable page with SVG charts (kpi_export.hpp).
#include "core/exchange/kpi_export.hpp"

#include "core/exchange/agency/agency.hpp"
#include "core/values/text.hpp"
#include "core/exchange/csv.hpp"
#include "core/i18n/locale.hpp"

#include <algorithm>

namespace recobra {

namespace {

// One figure of a currency, as a column of the figures table and a line of the page.
struct Figure {
    enum Kind { Amount, Count, Days, Percent };
    Str label;
    Kind kind;
    std::int64_t CurrencyKpis::*amount = nullptr;
    std::uint32_t CurrencyKpis::*count = nullptr;
    Tenths CurrencyKpis::*ratio = nullptr;
    CashExpected CurrencyKpis::*cash = nullptr;
    std::optional<Str> tip; // what it means, for the page's glossary
};

const std::vector<Figure>& figures() {
    using K = CurrencyKpis;
    static const std::vector<Figure> list = {
        {.label = Str::dash_outstanding, .kind = Figure::Amount, .amount = &K::outstanding, .tip = Str::kpi_outstanding_tip},
        {.label = Str::dash_overdue, .kind = Figure::Amount, .amount = &K::overdue, .tip = Str::kpi_overdue_tip},
        {.label = Str::dash_debtors_owing, .kind = Figure::Count, .count = &K::debtorsOwing, .tip = std::nullopt},
        {.label = Str::kpi_delinquent, .kind = Figure::Count, .count = &K::delinquentDebtors, .tip = std::nullopt},
        {.label = Str::kpi_credit_sales, .kind = Figure::Amount, .amount = &K::creditSales, .tip = std::nullopt},
        {.label = Str::kpi_collected, .kind = Figure::Amount, .amount = &K::collected, .tip = Str::kpi_collected_tip},
        {.label = Str::kpi_dso, .kind = Figure::Days, .ratio = &K::dso, .tip = Str::kpi_dso_tip},
        {.label = Str::kpi_best_dso, .kind = Figure::Days, .ratio = &K::bestPossibleDso, .tip = Str::kpi_best_dso_tip},
        {.label = Str::kpi_add, .kind = Figure::Days, .ratio = &K::add, .tip = Str::kpi_add_tip},
        {.label = Str::kpi_countback, .kind = Figure::Days, .ratio = &K::dsoCountback, .tip = Str::kpi_countback_tip},
        {.label = Str::kpi_cei, .kind = Figure::Percent, .ratio = &K::cei, .tip = Str::kpi_cei_tip},
        {.label = Str::kpi_days_to_collect, .kind = Figure::Days, .ratio = &K::averageDaysToCollect, .tip = Str::kpi_days_to_collect_tip},
        {.label = Str::kpi_recovery, .kind = Figure::Percent, .ratio = &K::recoveryRate, .tip = Str::kpi_recovery_tip},
        {.label = Str::kpi_promises, .kind = Figure::Percent, .ratio = &K::promisesKeptRate, .tip = Str::kpi_promises_tip},
        {.label = Str::kpi_written_off, .kind = Figure::Amount, .amount = &K::writtenOff, .tip = Str::kpi_written_off_tip},
        {.label = Str::kpi_prescribed, .kind = Figure::Amount, .amount = &K::prescribed, .tip = std::nullopt},
        {.label = Str::kpi_settled, .kind = Figure::Amount, .amount = &K::settled, .tip = Str::kpi_settled_tip},
        {.label = Str::kpi_cash_4w, .kind = Figure::Amount, .cash = &K::next4Weeks, .tip = Str::kpi_cash_tip},
        {.label = Str::kpi_cash_3m, .kind = Figure::Amount, .cash = &K::next3Months, .tip = std::nullopt},
    };
    return list;
}

std::optional<std::int64_t> valueOf(const Figure& f, const CurrencyKpis& k) {
    if (f.amount) return k.*(f.amount);
    if (f.count) return k.*(f.count);
    if (f.ratio) return k.*(f.ratio);
    if (f.cash) return (k.*(f.cash)).expected();
    return std::nullopt;
}

// As a spreadsheet reads it (no currency sign, no thousands separator in amounts), or as the
// page shows it.
std::string cellText(Figure::Kind kind, std::optional<std::int64_t> v, CurrencyCode currency, Lang lang, bool display) {
    if (!v) return display ? "—" : "";
    switch (kind) {
    case Figure::Amount:
        return display ? formatMoney(Money{*v, currency}, lang) : formatAmountForInput(Money{*v, currency}, lang);
    case Figure::Count: return display ? formatCount(*v, lang) : std::to_string(*v);
    case Figure::Days: return display ? trf(Str::kpi_days, lang, {formatTenths(*v, lang)}) : formatTenths(*v, lang);
    case Figure::Percent: return display ? formatPercent(*v, lang) : formatTenths(*v, lang);
    }
    return {};
}

constexpr std::array<Str, kAgingBuckets> kAgingLabels = {Str::bucket_not_due, Str::bucket_0_30, Str::bucket_31_60,
                                                         Str::bucket_61_90, Str::chart_aging_91_120,
                                                         Str::chart_aging_over_120};

std::string monthLabel(const MonthKpis& m, Lang lang) {
    return std::string(monthShortName(m.start.month(), lang)) + " " + std::to_string(m.start.year());
}

// --- SVG charts ----------------------------------------------------------------------------

// Colours told apart by colour-blind readers too (Okabe and Ito).
constexpr const char* kBlue = "#0072B2";
constexpr const char* kOrange = "#E69F00";
constexpr const char* kVermillion = "#D55E00";
constexpr const char* kGreen = "#009E73";

struct Series {
    std::string name;
    std::vector<std::optional<std::int64_t>> values;
    const char* colour;
};

std::string number(double v) {
    char buffer[32];
    std::snprintf(buffer, sizeof buffer, "%.1f", v);
    return buffer;
}

// How a chart's values read: amounts, tenths (days, or several kinds of figure), percentages.
struct Axis {
    enum Kind { Amount, Tenths, Percent } kind;
    CurrencyCode currency;
    Lang lang;
    std::string operator()(std::int64_t v) const {
        if (kind == Amount) return formatMoneyShort(Money{v, currency}, lang);
        return kind == Percent ? formatPercent(v, lang) : formatTenths(v, lang);
    }
};

// A chart of bars (one series) or lines (several), with its y axis labelled by `label`.
std::string svgChart(const std::string& title, const std::vector<std::string>& xLabels, const std::vector<Series>& series,
                     bool bars, const Axis& label) {
    constexpr double W = 420, H = 220, left = 92, right = 10, top = 28, bottom = 44;
    std::int64_t high = 0;
    for (const auto& s : series)
        for (const auto& v : s.values)
            if (v) high = std::max(high, *v);
    if (high <= 0) high = 1;
    const double plotW = W - left - right, plotH = H - top - bottom;
    const std::size_t n = std::max<std::size_t>(1, xLabels.size());
    const double step = plotW / static_cast<double>(n);
    auto y = [&](std::int64_t v) { return top + plotH - plotH * static_cast<double>(v) / static_cast<double>(high); };
    std::string out = "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"" + number(W) + "\" height=\"" + number(H) +
                      "\" viewBox=\"0 0 " + number(W) + " " + number(H) + "\" role=\"img\"><title>" +
                      htmlEscape(title) + "</title><text x=\"0\" y=\"14\" font-weight=\"bold\">" + htmlEscape(title) +
                      "</text>";
    for (int g = 0; g <= 4; ++g) {
        const std::int64_t v = high * g / 4;
        out += "<line x1=\"" + number(left) + "\" x2=\"" + number(W - right) + "\" y1=\"" + number(y(v)) + "\" y2=\"" +
               number(y(v)) + "\" stroke=\"#ddd\"/><text x=\"" + number(left - 4) + "\" y=\"" + number(y(v) + 4) +
               "\" text-anchor=\"end\">" + htmlEscape(label(v)) + "</text>";
    }
    const std::size_t every = xLabels.size() <= 6 ? 1 : (xLabels.size() + 3) / 4; // a few labels, evenly
    for (std::size_t i = 0; i < xLabels.size(); i += every) {
        // A label longer than its slot goes on two lines, split at its last space.
        const std::string& text = xLabels[i];
        const auto space = text.rfind(' ');
        const std::string x = number(left + step * (static_cast<double>(i) + 0.5));
        out += "<text x=\"" + x + "\" y=\"" + number(H - bottom + 14) + "\" text-anchor=\"middle\">";
        if (space == std::string::npos || static_cast<double>(text.size()) * 6 < step * static_cast<double>(every))
            out += htmlEscape(text);
        else
            out += "<tspan x=\"" + x + "\">" + htmlEscape(text.substr(0, space)) + "</tspan><tspan x=\"" + x +
                   "\" dy=\"12\">" + htmlEscape(text.substr(space + 1)) + "</tspan>";
        out += "</text>";
    }
    for (std::size_t s = 0; s < series.size(); ++s) {
        const auto& one = series[s];
        std::string points;
        for (std::size_t i = 0; i < one.values.size(); ++i) {
            if (!one.values[i]) continue;
            const double x = left + step * static_cast<double>(i);
            if (bars) {
                const double barY = y(*one.values[i]);
                out += "<rect x=\"" + number(x + step * 0.15) + "\" y=\"" + number(barY) + "\" width=\"" +
                       number(step * 0.7) + "\" height=\"" + number(top + plotH - barY) + "\" fill=\"" + one.colour +
                       "\"><title>" + htmlEscape(xLabels[i] + ": " + label(*one.values[i])) + "</title></rect>";
            } else {
                points += number(x + step * 0.5) + "," + number(y(*one.values[i])) + " ";
                out += "<circle r=\"2.5\" cx=\"" + number(x + step * 0.5) + "\" cy=\"" + number(y(*one.values[i])) +
                       "\" fill=\"" + one.colour + "\"><title>" + htmlEscape(xLabels[i] + ": " + label(*one.values[i])) +
                       "</title></circle>";
            }
        }
        if (!bars && !points.empty())
            out += "<polyline fill=\"none\" stroke-width=\"2\" stroke=\"" + std::string(one.colour) + "\" points=\"" +
                   points + "\"/>";
        if (series.size() > 1)
            out += "<rect x=\"" + number(left + 160 * static_cast<double>(s)) + "\" y=\"" + number(H - 12) +
                   "\" width=\"10\" height=\"10\" fill=\"" + one.colour + "\"/><text x=\"" +
                   number(left + 14 + 160 * static_cast<double>(s)) + "\" y=\"" + number(H - 3) + "\">" +
                   htmlEscape(one.name) + "</text>";
    }
    return out + "</svg>";
}

} // namespace

std::string kpiTableCsv(const std::vector<CurrencyKpis>& list, KpiTable table, Lang lang) {
    std::string out;
    CsvWriter csv(out, csvStyle(lang));
    switch (table) {
    case KpiTable::Figures: {
        csv.cell(tr(Str::kpi_col_currency, lang));
        for (const auto& f : figures()) csv.cell(tr(f.label, lang));
        csv.endRow();
        for (const auto& k : list) {
            csv.cell(k.currency.str());
            for (const auto& f : figures()) csv.cell(cellText(f.kind, valueOf(f, k), k.currency, lang, false));
            csv.endRow();
        }
        break;
    }
    case KpiTable::Aging:
        csv.row({tr(Str::kpi_col_currency, lang), tr(Str::kpi_col_age, lang), tr(Str::kpi_col_amount, lang),
                 tr(Str::kpi_col_invoices, lang)});
        for (const auto& k : list)
            for (std::size_t b = 0; b < kAgingBuckets; ++b)
                csv.row({k.currency.str(), tr(kAgingLabels[b], lang),
                         formatAmountForInput(Money{k.aging[b], k.currency}, lang), std::to_string(k.agingInvoices[b])});
        break;
    case KpiTable::Months:
        csv.row({tr(Str::kpi_col_currency, lang), tr(Str::kpi_col_month, lang), tr(Str::dash_outstanding, lang),
                 tr(Str::dash_overdue, lang), tr(Str::bucket_not_due, lang), tr(Str::kpi_col_invoiced, lang),
                 tr(Str::kpi_col_collected, lang), tr(Str::kpi_col_closed, lang), tr(Str::kpi_dso, lang),
                 tr(Str::kpi_cei, lang), tr(Str::kpi_col_promises_due, lang), tr(Str::kpi_col_promises_kept, lang),
                 tr(Str::kpi_promises, lang)});
        for (const auto& k : list)
            for (const auto& m : k.months) {
                auto amount = [&](std::int64_t v) { return formatAmountForInput(Money{v, k.currency}, lang); };
                auto tenths = [&](const Tenths& t) { return t ? formatTenths(*t, lang) : std::string(); };
                csv.row({k.currency.str(), m.start.iso().substr(0, 7), amount(m.outstanding), amount(m.overdue),
                         amount(m.notDue), amount(m.creditSales), amount(m.collected), amount(m.closed), tenths(m.dso),
                         tenths(m.cei), std::to_string(m.promisesDue), std::to_string(m.promisesKept),
                         tenths(m.promisesKeptRate)});
            }
        break;
    }
    return out;
}

std::string kpiTableFileName(KpiTable table, Date asOf, Lang lang) {
    const Str part = table == KpiTable::Figures ? Str::kpi_file_figures
                     : table == KpiTable::Aging ? Str::kpi_file_aging
                                                : Str::kpi_file_months;
    return std::string(tr(Str::kpi_file_report, lang)) + "-" + asOf.iso() + "-" + tr(part, lang) + ".csv";
}

std::string kpiReportFileName(Date asOf, Lang lang) { return std::string(tr(Str::kpi_file_report, lang)) + "-" + asOf.iso() + ".html";
}

std::string kpiReportHtml(const KpiScope& scope, const KpiOptions& options, Lang lang) {
    const std::string title = tr(Str::kpi_report_title, lang);
    std::string out = "<!doctype html>\n<html lang=\"" + std::string(lang == Lang::es ? "es" : "en") +
                      "\"><head><meta charset=\"utf-8\"><title>" + htmlEscape(title) + " " + options.asOf.iso() +
                      "</title><style>body{font:13px/1.45 system-ui,sans-serif;margin:24px;color:#222}"
                      "h1{font-size:20px;margin:0}h2{font-size:16px;margin:24px 0 8px}"
                      "table{border-collapse:collapse;margin:8px 0}td,th{padding:3px 10px;border-bottom:1px solid #e4e4e4}"
                      "td.v{text-align:right;white-space:nowrap}.charts{display:flex;flex-wrap:wrap;gap:12px}"
                      "svg{font:11px system-ui,sans-serif}dt{font-weight:bold}dd{margin:0 0 6px}"
                      "@media print{body{margin:0}section{break-inside:avoid}}</style></head><body>\n";
    const std::string scopeName = scope.name.empty() ? tr(Str::kpi_report_whole, lang) : scope.name;
    out += "<h1>" + htmlEscape(title) + "</h1><p>" +
           htmlEscape(trf(Str::kpi_report_subtitle, lang,
                          {formatDate(options.asOf, lang), formatDate(options.from, lang), formatDate(options.to, lang),
                           scopeName})) +
           "</p>\n";
    const std::vector<CurrencyKpis> none;
    const auto& list = scope.figures ? *scope.figures : none;
    if (list.empty()) out += "<p>" + htmlEscape(tr(Str::kpi_report_none, lang)) + "</p>\n";
    for (const auto& k : list) {
        const CurrencyCode c = k.currency;
        const Axis money{Axis::Amount, c, lang}, plain{Axis::Tenths, c, lang}, percent{Axis::Percent, c, lang};
        out += "<section><h2>" + htmlEscape(c.str()) + "</h2><table>";
        for (const auto& f : figures())
            out += "<tr><td>" + htmlEscape(tr(f.label, lang)) + "</td><td class=\"v\">" +
                   htmlEscape(cellText(f.kind, valueOf(f, k), c, lang, true)) + "</td></tr>";
        out += "</table><div class=\"charts\">";
        std::vector<std::string> ages, months;
        Series aging{tr(Str::chart_aging, lang), {}, kBlue};
        for (std::size_t b = 0; b < kAgingBuckets; ++b) {
            ages.push_back(tr(kAgingLabels[b], lang));
            aging.values.emplace_back(k.aging[b]);
        }
        out += svgChart(tr(Str::chart_aging, lang), ages, {aging}, true, money);
        Series outstanding{tr(Str::dash_outstanding, lang), {}, kBlue}, overdue{tr(Str::dash_overdue, lang), {}, kVermillion},
            collected{tr(Str::kpi_col_collected, lang), {}, kGreen}, dso{tr(Str::kpi_dso, lang), {}, kOrange},
            cei{tr(Str::kpi_cei, lang), {}, kBlue}, promises{tr(Str::kpi_promises, lang), {}, kGreen};
        for (const auto& m : k.months) {
            months.push_back(monthLabel(m, lang));
            outstanding.values.emplace_back(m.outstanding);
            overdue.values.emplace_back(m.overdue);
            collected.values.emplace_back(m.collected);
            dso.values.push_back(m.dso);
            cei.values.push_back(m.cei);
            promises.values.push_back(m.promisesKeptRate);
        }
        out += svgChart(tr(Str::chart_balance, lang), months, {outstanding, overdue}, false, money);
        out += svgChart(tr(Str::chart_collected, lang), months, {collected}, true, money);
        out += svgChart(tr(Str::chart_dso_cei, lang), months, {dso, cei}, false, plain);
        out += svgChart(tr(Str::chart_promises, lang), months, {promises}, true, percent);
        out += "</div></section>\n";
    }
    out += "<section><h2>" + htmlEscape(tr(Str::kpi_report_how, lang)) + "</h2><dl>";
    for (const auto& f : figures())
        if (f.tip)
            out += "<dt>" + htmlEscape(tr(f.label, lang)) + "</dt><dd>" + htmlEscape(tr(*f.tip, lang)) + "</dd>";
    return out + "</dl></section>\n</body></html>\n";
}

} // namespace recobra
