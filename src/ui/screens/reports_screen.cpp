#include "ui/screens/reports_screen.hpp"

#include "core/exchange/kpi_export.hpp"
#include "core/rules/labels.hpp"
#include "core/values/rounding.hpp"
#include "core/values/text.hpp"
#include "ui/screens/report_charts.hpp"
#include "ui/widgets.hpp"

#include <imgui_internal.h>
#include <imgui_stdlib.h>

#include <algorithm>
#include <cmath>
#include <iterator>

namespace recobra::ui {

namespace {

using namespace charts::palette;

constexpr Str kAgingLabels[kAgingBuckets] = {Str::bucket_not_due, Str::bucket_0_30,        Str::bucket_31_60,
                                             Str::bucket_61_90,   Str::chart_aging_91_120, Str::chart_aging_over_120};
// Not yet due in green, then darker as debt ages (Okabe–Ito: distinct for colour-blind eyes).
constexpr ImU32 kAgingColors[kAgingBuckets] = {green, orange, vermillion, purple, blue, black};

struct PeriodChoice {
    ReportsScreen::Period period;
    const char* key;
    Str label;
    int months; // how far back it starts from the as-of day
};
constexpr PeriodChoice kPeriods[] = {{ReportsScreen::Period::Month, "month", Str::reports_period_month, 1},
                                     {ReportsScreen::Period::Quarter, "quarter", Str::reports_period_quarter, 3},
                                     {ReportsScreen::Period::Year, "year", Str::reports_period_year, 12},
                                     {ReportsScreen::Period::Custom, "custom", Str::reports_period_custom, 1}};

std::string days(const Ui& ui, const Tenths& t) {
    return t ? ui.tf(Str::kpi_days, {formatTenths(*t, ui.lang)}) : std::string(ui.t(Str::none_dash));
}
std::string percent(const Ui& ui, const Tenths& t) {
    return t ? formatPercent(*t, ui.lang) : std::string(ui.t(Str::none_dash));
}

bool sameOptions(const KpiOptions& a, const KpiOptions& b) {
    return a.asOf == b.asOf && a.from == b.from && a.to == b.to && a.by == b.by && a.months == b.months;
}

// Starts the next control of the row, on a new line when `width` no longer fits.
void nextControl(bool& first, float width) {
    if (!first) {
        ImGui::SameLine();
        if (ImGui::GetContentRegionAvail().x < width) ImGui::NewLine();
    }
    first = false;
    ImGui::GetCurrentWindow()->DC.CurrLineTextBaseOffset = 0; // labels line up at the top
    ImGui::BeginGroup();
}

} // namespace

void ReportsScreen::draw(Ui& ui) {
    setTagPrefix("reports");
    heading(ui.t(Str::reports_title), 26);
    if (ui.state().invoices.empty()) return drawEmpty(ui);
    drawControls(ui); // computes the report (refresh) for the options chosen
    ImGui::Spacing();

    // The figures of the whole book or of the group chosen, in the currency chosen.
    const std::vector<CurrencyKpis>* list = &report_.currencies;
    if (options_.by != KpiGrouping::None) {
        const std::string key = assignee_ ? *assignee_ : segment_ ? std::string(enumName(*segment_)) : std::string();
        const auto group = std::find_if(report_.groups.begin(), report_.groups.end(),
                                        [&](const KpiGroup& g) { return g.key == key; });
        list = group == report_.groups.end() ? nullptr : &group->currencies;
    }
    const CurrencyKpis* k = nullptr;
    if (list && !list->empty()) {
        const CurrencyCode want = currency_.value_or(ui.currency());
        k = &list->front();
        for (const auto& c : *list)
            if (c.currency == want) k = &c;
    }
    if (!k) {
        ImGui::Spacing();
        mutedText(ui.t(Str::reports_none_here));
        tagLastItem("reports.none");
        return;
    }
    drawExports(ui, *list);
    drawFigures(ui, *k);
    ImGui::Spacing();
    drawCharts(ui, *k);
}

std::string ReportsScreen::assigneeName(const Ui& ui) const {
    if (!assignee_ || assignee_->empty()) return ui.t(Str::nobody);
    const State& s = ui.state();
    const auto m = s.member(*assignee_);
    return m ? s.members[*m].name : *assignee_;
}

void ReportsScreen::drawExports(Ui& ui, const std::vector<CurrencyKpis>& list) {
    // The page's subtitle: whose figures they are ("": the whole book).
    const std::string scope = assignee_  ? assigneeName(ui)
                              : segment_ ? std::string(recobra::label(*segment_, ui.lang))
                                         : std::string();
    ImGui::AlignTextToFramePadding();
    mutedText(ui.t(Str::reports_export_csv));
    constexpr std::array<std::pair<KpiTable, Str>, 3> kTables{{{KpiTable::Figures, Str::kpi_report_figures},
                                                                {KpiTable::Aging, Str::kpi_col_age},
                                                                {KpiTable::Months, Str::reports_export_months}}};
    for (const auto& [table, label] : kTables) {
        ImGui::SameLine();
        if (ImGui::SmallButton(ui.t(label)))
            ui.host.downloadFile(kpiTableFileName(table, options_.asOf, ui.lang), "text/csv;charset=utf-8",
                                 kpiTableCsv(list, table, ui.lang));
        tagLastItem(std::string("reports.csv.") + (table == KpiTable::Figures ? "figures"
                                                   : table == KpiTable::Aging ? "aging"
                                                                              : "months"));
    }
    ImGui::SameLine(0, ui.px(24));
    if (ImGui::SmallButton(ui.t(Str::reports_export_print)))
        ui.host.downloadFile(kpiReportFileName(options_.asOf, ui.lang), "text/html;charset=utf-8",
                             kpiReportHtml({&list, scope}, options_, ui.lang));
    tagLastItem("reports.print");
    ImGui::Spacing();
}

void ReportsScreen::drawEmpty(Ui& ui) {
    ImGui::Spacing();
    const float width = std::min(ImGui::GetContentRegionAvail().x, ui.px(640));
    if (beginCard("##reports-empty", ImVec2(width, 0), 24)) {
        ImGui::PushTextWrapPos(0);
        ImGui::TextWrapped("%s", ui.t(Str::reports_empty));
        ImGui::PopTextWrapPos();
        tagLastItem("reports.empty");
        ImGui::Spacing();
        if (ui.loadDemo) {
            if (primaryButton(ui.t(Str::empty_load_demo))) ui.loadDemo();
            tagLastItem("reports.loadDemo");
        }
    }
    endCard();
}

bool ReportsScreen::dateField(Ui& ui, Str label, const char* field, std::string& text, std::optional<Date>& value,
                              float width) {
    fieldLabel(ui.t(label));
    ImGui::SetNextItemWidth(width);
    const std::string id = std::string("##") + field;
    const bool bad = badField_ == field;
    if (bad) ImGui::PushStyleColor(ImGuiCol_Border, colors::danger);
    ImGui::InputTextWithHint(id.c_str(), ui.t(Str::date_hint), &text);
    if (bad) ImGui::PopStyleColor();
    tagLastItem(tagFor(field), text);
    if (!ImGui::IsItemDeactivatedAfterEdit()) return false;
    if (trim(text).empty()) { // empty: back to the default (today, the period's own ends)
        value.reset();
    } else if (const auto d = parseDate(text, ui.lang)) {
        value = *d;
    } else {
        badField_ = field;
        error_ = ui.tf(Str::err_date_invalid, {text});
        return false;
    }
    if (bad) {
        badField_.clear();
        error_.clear();
    }
    return true;
}

void ReportsScreen::drawControls(Ui& ui) {
    const Date today = ui.today();
    const Date asOf = asOf_.value_or(today);
    const auto& choice = kPeriods[static_cast<std::size_t>(period_)];
    const Date periodFrom = period_ == Period::Custom ? from_.value_or(asOf.addMonths(-1).addDays(1))
                                                      : asOf.addMonths(-choice.months).addDays(1);
    const Date periodTo = period_ == Period::Custom ? to_.value_or(asOf) : asOf;
    // The fields show the dates in use, in the language's format, unless being typed into.
    auto sync = [&](const char* field, std::string& text, Date shown) {
        if (badField_ != field && ImGui::GetActiveID() != ImGui::GetID((std::string("##") + field).c_str()))
            text = ui.date(shown);
    };
    sync("asOf", asOfText_, asOf);
    sync("from", fromText_, periodFrom);
    sync("to", toText_, periodTo);

    const float dateWidth = ui.px(130);
    bool first = true;
    nextControl(first, dateWidth);
    dateField(ui, Str::reports_as_of, "asOf", asOfText_, asOf_, dateWidth);
    ImGui::EndGroup();

    const float periodWidth = ui.px(180);
    nextControl(first, periodWidth);
    fieldLabel(ui.t(Str::reports_period));
    ImGui::SetNextItemWidth(periodWidth);
    if (ImGui::BeginCombo("##period", ui.t(choice.label))) {
        for (const auto& p : kPeriods) {
            if (ImGui::Selectable(ui.t(p.label), p.period == period_)) {
                if (p.period == Period::Custom) {
                    from_ = periodFrom; // custom starts from the period shown
                    to_ = periodTo;
                }
                period_ = p.period;
            }
            tagLastItem(std::string("reports.period.") + p.key);
        }
        ImGui::EndCombo();
    }
    tagLastItem("reports.period");
    ImGui::EndGroup();
    if (period_ == Period::Custom) {
        nextControl(first, dateWidth);
        dateField(ui, Str::reports_from, "from", fromText_, from_, dateWidth);
        ImGui::EndGroup();
        nextControl(first, dateWidth);
        dateField(ui, Str::reports_to, "to", toText_, to_, dateWidth);
        ImGui::EndGroup();
    }

    // One assignee or one segment: the KPIs group by one of them at a time.
    const State& s = ui.state();
    const float comboWidth = ui.px(190);
    nextControl(first, comboWidth);
    fieldLabel(ui.t(Str::debtors_filter_assignee));
    ImGui::SetNextItemWidth(comboWidth);
    const std::string who = assignee_ ? assigneeName(ui) : std::string(ui.t(Str::any_value));
    if (ImGui::BeginCombo("##assignee", who.c_str())) {
        if (ImGui::Selectable(ui.t(Str::any_value), !assignee_)) assignee_.reset();
        tagLastItem("reports.assignee.any");
        if (ImGui::Selectable(ui.t(Str::nobody), assignee_ && assignee_->empty())) {
            assignee_ = "";
            segment_.reset();
        }
        tagLastItem("reports.assignee.nobody");
        for (const auto& m : s.members) {
            if (ImGui::Selectable(m.name.c_str(), assignee_ == m.id)) {
                assignee_ = m.id;
                segment_.reset();
            }
            tagLastItem("reports.assignee." + m.id);
        }
        ImGui::EndCombo();
    }
    tagLastItem("reports.assignee");
    ImGui::EndGroup();

    nextControl(first, comboWidth);
    fieldLabel(ui.t(Str::debtors_filter_segment));
    ImGui::SetNextItemWidth(comboWidth);
    if (ImGui::BeginCombo("##segment", segment_ ? recobra::label(*segment_, ui.lang) : ui.t(Str::any_value))) {
        if (ImGui::Selectable(ui.t(Str::any_value), !segment_)) segment_.reset();
        tagLastItem("reports.segment.any");
        for (const auto& [segment, name] : EnumTable<Segment>::values) {
            if (ImGui::Selectable(recobra::label(segment, ui.lang), segment_ == segment)) {
                segment_ = segment;
                assignee_.reset();
            }
            tagLastItem(std::string("reports.segment.") + name);
        }
        ImGui::EndCombo();
    }
    tagLastItem("reports.segment");
    ImGui::EndGroup();

    // The options are complete: compute (only if they or the data changed).
    KpiOptions o;
    o.asOf = asOf_.value_or(today);
    o.from = period_ == Period::Custom ? from_.value_or(periodFrom) : periodFrom;
    o.to = period_ == Period::Custom ? to_.value_or(periodTo) : o.asOf;
    o.by = assignee_ ? KpiGrouping::Assignee : segment_ ? KpiGrouping::Segment : KpiGrouping::None;
    if (o.to > o.asOf) error_ = ui.t(Str::err_kpi_after_as_of);
    else if (o.from > o.to) error_ = ui.t(Str::err_kpi_period_order);
    else if (badField_.empty()) error_.clear();
    if (error_.empty() || !computed_) {
        if (!error_.empty()) o = defaultKpiOptions(o.asOf);
        const auto revision = ui.session->workspace().revision();
        if (!computed_ || revision != revision_ || !sameOptions(o, options_)) {
            report_ = computeKpis(s, o);
            options_ = o;
            revision_ = revision;
            computed_ = true;
        }
    }

    // Several currencies: one at a time, never added up.
    if (report_.currencies.size() > 1) {
        const float currencyWidth = ui.px(110);
        nextControl(first, currencyWidth);
        fieldLabel(ui.t(Str::field_currency));
        ImGui::SetNextItemWidth(currencyWidth);
        const CurrencyCode shown = currency_.value_or(ui.currency());
        if (ImGui::BeginCombo("##currency", shown.str().c_str())) {
            for (const auto& c : report_.currencies) {
                if (ImGui::Selectable(c.currency.str().c_str(), c.currency == shown)) currency_ = c.currency;
                tagLastItem("reports.currency." + c.currency.str());
            }
            ImGui::EndCombo();
        }
        tagLastItem("reports.currency");
        ImGui::EndGroup();
    }

    const std::string range = ui.tf(Str::reports_range, {ui.date(options_.from), ui.date(options_.to)});
    if (!error_.empty()) {
        ImGui::PushStyleColor(ImGuiCol_Text, colors::danger);
        ImGui::TextUnformatted(error_.c_str());
        ImGui::PopStyleColor();
        tagLastItem("reports.error", error_);
    } else {
        mutedText(range);
        tagLastItem("reports.range", range);
    }
}

namespace {

// The figures, in rows of five: the money, the days, the rates. Each reads one field of the
// currency's KPIs (an amount, a ratio in tenths or the cash expected); some add a line beneath.
enum class Show : std::uint8_t { Money, Days, Percent };
struct FigureSpec {
    const char* key;
    Str label, tip;
    Show show;
    std::int64_t CurrencyKpis::*amount;
    Tenths CurrencyKpis::*ratio;
    CashExpected CurrencyKpis::*cash;
};
constexpr FigureSpec kFigures[] = {
    {"outstanding", Str::dash_outstanding, Str::kpi_outstanding_tip, Show::Money, &CurrencyKpis::outstanding, nullptr, nullptr},
    {"overdue", Str::dash_overdue, Str::kpi_overdue_tip, Show::Money, &CurrencyKpis::overdue, nullptr, nullptr},
    {"collected", Str::kpi_collected, Str::kpi_collected_tip, Show::Money, &CurrencyKpis::collected, nullptr, nullptr},
    {"cash4w", Str::kpi_cash_4w, Str::kpi_cash_tip, Show::Money, nullptr, nullptr, &CurrencyKpis::next4Weeks},
    {"cash3m", Str::kpi_cash_3m, Str::kpi_cash_tip, Show::Money, nullptr, nullptr, &CurrencyKpis::next3Months},
    {"dso", Str::kpi_dso, Str::kpi_dso_tip, Show::Days, nullptr, &CurrencyKpis::dso, nullptr},
    {"bestDso", Str::kpi_best_dso, Str::kpi_best_dso_tip, Show::Days, nullptr, &CurrencyKpis::bestPossibleDso, nullptr},
    {"add", Str::kpi_add, Str::kpi_add_tip, Show::Days, nullptr, &CurrencyKpis::add, nullptr},
    {"countback", Str::kpi_countback, Str::kpi_countback_tip, Show::Days, nullptr, &CurrencyKpis::dsoCountback, nullptr},
    {"daysToCollect", Str::kpi_days_to_collect, Str::kpi_days_to_collect_tip, Show::Days, nullptr,
     &CurrencyKpis::averageDaysToCollect, nullptr},
    {"cei", Str::kpi_cei, Str::kpi_cei_tip, Show::Percent, nullptr, &CurrencyKpis::cei, nullptr},
    {"recovery", Str::kpi_recovery, Str::kpi_recovery_tip, Show::Percent, nullptr, &CurrencyKpis::recoveryRate, nullptr},
    {"promises", Str::kpi_promises, Str::kpi_promises_tip, Show::Percent, nullptr, &CurrencyKpis::promisesKeptRate, nullptr},
    {"writtenOff", Str::kpi_written_off, Str::kpi_written_off_tip, Show::Money, &CurrencyKpis::writtenOff, nullptr, nullptr},
    {"settled", Str::kpi_settled, Str::kpi_settled_tip, Show::Money, &CurrencyKpis::settled, nullptr, nullptr},
};

// The charts over the months: which fields each series reads, against which axis.
struct MonthSeriesSpec {
    Str name; // Str::Count_: no legend
    ImU32 color;
    bool bars, square, right;
    std::int64_t MonthKpis::*amount;
    Tenths MonthKpis::*ratio;
};
struct MonthChartSpec {
    const char* id;
    Str title;
    charts::Unit left, right;
    bool trend; // a line: one month is no trend, and says so
    std::size_t count;
    MonthSeriesSpec series[2];
};
constexpr MonthChartSpec kMonthCharts[] = {
    {"collected", Str::chart_collected, charts::Unit::Money, charts::Unit::Money, false, 1,
     {{Str::Count_, green, true, true, false, &MonthKpis::collected, nullptr}, {}}},
    {"balance", Str::chart_balance, charts::Unit::Money, charts::Unit::Money, true, 2,
     {{Str::dash_outstanding, blue, false, false, false, &MonthKpis::outstanding, nullptr},
      {Str::dash_overdue, vermillion, false, true, false, &MonthKpis::overdue, nullptr}}},
    {"dsoCei", Str::chart_dso_cei, charts::Unit::Days, charts::Unit::Percent, true, 2,
     {{Str::kpi_dso, blue, false, false, false, nullptr, &MonthKpis::dso},
      {Str::chart_cei, orange, false, true, true, nullptr, &MonthKpis::cei}}},
    {"promises", Str::chart_promises, charts::Unit::Percent, charts::Unit::Percent, false, 1,
     {{Str::Count_, purple, true, true, false, nullptr, &MonthKpis::promisesKeptRate}, {}}},
};

// A figure as the screen and its tooltips write it: money in full, days and rates with their
// one decimal, "—" for a ratio without a denominator (NaN).
std::string valueText(const Ui& ui, charts::Unit unit, double v, CurrencyCode currency) {
    if (std::isnan(v)) return ui.t(Str::none_dash);
    const auto n = static_cast<std::int64_t>(std::floor(v + 0.5));
    if (unit == charts::Unit::Money) return ui.money(Money{n, currency});
    return unit == charts::Unit::Days ? days(ui, n) : percent(ui, n);
}

double value(const Tenths& t) { return t ? static_cast<double>(*t) : std::nan(""); }

// A card the width of half a row, with its title; returns whether it is visible.
bool chartCard(const Ui& ui, const char* id, Str title, float width) {
    const bool open = beginCard((std::string("##chart.") + id).c_str(), ImVec2(width, ui.px(270)), 14);
    if (open) {
        heading(ui.t(title), 16);
        tagLastItem(std::string("reports.chart.") + id);
    }
    return open;
}

} // namespace

void ReportsScreen::drawFigures(Ui& ui, const CurrencyKpis& k) {
    // What each figure shows, and the line beneath it for those that have one.
    constexpr std::size_t kCount = std::size(kFigures);
    std::string texts[kCount], subs[kCount];
    for (std::size_t i = 0; i < kCount; ++i) {
        const auto& f = kFigures[i];
        std::int64_t amount = f.amount ? k.*f.amount : f.cash ? (k.*f.cash).expected() : 0;
        std::string& sub = subs[i];
        const std::string_view key = f.key;
        if (key == "overdue" && k.outstanding > 0)
            sub = ui.tf(Str::kpi_overdue_share,
                        {percent(ui, divideRounded(static_cast<Int128>(k.overdue) * 1000, k.outstanding, Rounding::HalfUp))});
        if (f.cash) {
            const CashExpected& c = k.*f.cash;
            sub = ui.tf(Str::kpi_cash_face, {ui.money(Money{c.promised + c.fallingDue + c.instalments, k.currency})});
        }
        if (key == "countback" && k.countbackCapped) texts[i] = "≥ ";
        if (key == "promises" && k.promisesDue)
            sub = ui.tf(Str::kpi_promises_count, {formatCount(k.promisesKept, ui.lang), formatCount(k.promisesDue, ui.lang)});
        if (key == "writtenOff" && k.prescribed) {
            amount = saturatingAdd(amount, k.prescribed); // lost either way
            sub = ui.tf(Str::kpi_prescribed_part, {ui.money(Money{k.prescribed, k.currency})});
        }
        texts[i] += f.show == Show::Money  ? ui.money(Money{amount, k.currency})
                    : f.show == Show::Days ? days(ui, k.*f.ratio)
                                           : percent(ui, k.*f.ratio);
    }

    // Five to a row (the money, the days, the rates), fewer when the window is narrow; a row
    // as tall as its figures need.
    const float gap = ImGui::GetStyle().ItemSpacing.x;
    const float avail = ImGui::GetContentRegionAvail().x;
    const auto columns = static_cast<std::size_t>(std::clamp(static_cast<int>((avail + gap) / (ui.px(170) + gap)), 2, 5));
    const float width = std::floor((avail - gap * static_cast<float>(columns - 1)) / static_cast<float>(columns));
    const float padding = 12;
    ImGui::PushFont(fonts().bold, 20);
    const float valueHeight = ImGui::GetTextLineHeightWithSpacing();
    ImGui::PopFont();
    const float room = width - ui.px(padding * 2);
    for (std::size_t row = 0; row < kCount; row += columns) {
        const std::size_t end = std::min(kCount, row + columns);
        bool subLine = false;
        for (std::size_t i = row; i < end; ++i) subLine = subLine || !subs[i].empty();
        const float height = ImGui::GetTextLineHeightWithSpacing() * (subLine ? 2.0f : 1.0f) + valueHeight + ui.px(padding * 2);
        for (std::size_t i = row; i < end; ++i) {
            const auto& f = kFigures[i];
            if (i > row) ImGui::SameLine();
            if (beginCard((std::string("##kpi.") + f.key).c_str(), ImVec2(width, height), padding)) {
                mutedText(fitText(ui.t(f.label), room));
                // The value at 20 px, smaller (down to 14) when a large amount would not fit.
                ImGui::PushFont(fonts().bold, 20);
                const float wide = ImGui::CalcTextSize(texts[i].c_str()).x;
                ImGui::PopFont();
                ImGui::PushFont(fonts().bold, wide > room ? std::max(14.0f, std::floor(20 * room / wide)) : 20.0f);
                ImGui::PushStyleColor(ImGuiCol_Text, i == 1 ? colors::danger : colors::text); // overdue
                ImGui::TextUnformatted(texts[i].c_str());
                ImGui::PopStyleColor();
                ImGui::PopFont();
                if (!subs[i].empty()) mutedText(fitText(subs[i], room));
            }
            endCard();
            if (ImGui::IsItemHovered()) charts::tooltip(ui.t(f.tip));
            tagLastItem(std::string("reports.kpi.") + f.key, texts[i]);
        }
        ImGui::Spacing();
    }
}

void ReportsScreen::drawCharts(Ui& ui, const CurrencyKpis& k) {
    const float gap = ImGui::GetStyle().ItemSpacing.x;
    const float half = std::floor((ImGui::GetContentRegionAvail().x - gap) / 2);

    // Aging: a bar per bucket; a click lists the debtors with an invoice in it today.
    if (chartCard(ui, "aging", Str::chart_aging, half)) {
        charts::Chart chart;
        chart.currency = k.currency;
        chart.series.emplace_back();
        for (std::size_t b = 0; b < kAgingBuckets; ++b) {
            // Under the bar in two short lines ("31–60" over "días"), in full in the tooltip.
            const auto [first, last] = agingDays(EnumTable<AgingBucket>::values[b].first);
            chart.labels.push_back(b == 0 ? std::string(ui.t(Str::chart_aging_not_due))
                                   : b + 1 == kAgingBuckets
                                       ? "> " + std::to_string(first - 1) + "\n" + ui.t(Str::chart_days)
                                       : std::to_string(first) + "–" + std::to_string(last) + "\n" + ui.t(Str::chart_days));
            chart.series[0].values.push_back(static_cast<double>(k.aging[b]));
            chart.slotColors.push_back(kAgingColors[b]);
        }
        const auto hit = charts::draw(ui, "reports.aging", chart, ImGui::GetContentRegionAvail());
        if (hit.hovered >= 0) {
            const auto b = static_cast<std::size_t>(hit.hovered);
            ImGui::SetMouseCursor(ImGuiMouseCursor_Hand);
            charts::tooltip(std::string(ui.t(kAgingLabels[b])) + "\n" + ui.money(Money{k.aging[b], k.currency}) + " · " +
                            ui.tf(Str::chart_aging_invoices, {formatCount(k.agingInvoices[b], ui.lang)}) + "\n" +
                            ui.t(Str::chart_aging_click));
        }
        if (hit.clicked >= 0 && ui.openDebtorsPastDue)
            ui.openDebtorsPastDue(agingDays(EnumTable<AgingBucket>::values[static_cast<std::size_t>(hit.clicked)].first));
    }
    endCard();

    // The months shown: from the first with anything in it (a young book has no empty past).
    const auto& months = k.months;
    std::size_t start = 0;
    while (start + 1 < months.size() && !(months[start].outstanding || months[start].collected ||
                                          months[start].creditSales || months[start].promisesDue || months[start].closed))
        ++start;
    charts::Chart chart;
    chart.currency = k.currency;
    for (std::size_t i = start; i < months.size(); ++i) {
        chart.labels.emplace_back(monthShortName(months[i].start.month(), ui.lang));
        chart.years.push_back(std::to_string(months[i].start.year()));
    }
    int cell = 1;
    for (const auto& spec : kMonthCharts) {
        if (cell % 2 == 1) ImGui::SameLine();
        else ImGui::Spacing();
        ++cell;
        if (!chartCard(ui, spec.id, spec.title, half)) {
            endCard();
            continue;
        }
        chart.left = spec.left;
        chart.right = spec.right;
        chart.series.assign(spec.count, {});
        bool any = false;
        for (std::size_t s = 0; s < spec.count; ++s) {
            const auto& ss = spec.series[s];
            auto& series = chart.series[s];
            series = {ss.name == Str::Count_ ? nullptr : ui.t(ss.name), ss.color, ss.bars, ss.square, ss.right, {}};
            for (std::size_t i = start; i < months.size(); ++i) {
                const double v = ss.amount ? static_cast<double>(months[i].*ss.amount) : value(months[i].*ss.ratio);
                series.values.push_back(ss.amount || std::isnan(v) ? v : v / 10); // ratios in tenths
                any = any || (ss.amount ? v > 0 : !std::isnan(v));
            }
        }
        if (!any) {
            mutedText(ui.t(Str::chart_nothing));
            tagLastItem(std::string("reports.") + spec.id + ".nothing");
        } else {
            if (spec.trend && chart.labels.size() == 1) mutedText(ui.t(Str::chart_one_month));
            const auto hit = charts::draw(ui, std::string("reports.") + spec.id, chart, ImGui::GetContentRegionAvail());
            if (hit.hovered >= 0) {
                const auto i = static_cast<std::size_t>(hit.hovered);
                std::string text = chart.labels[i] + " " + chart.years[i];
                for (const auto& series : chart.series) {
                    text += "\n";
                    if (series.name) text = text + series.name + ": ";
                    const auto unit = series.right ? spec.right : spec.left;
                    text += valueText(ui, unit, unit == charts::Unit::Money ? series.values[i] : series.values[i] * 10,
                                      k.currency); // ratios back in tenths
                }
                const auto& m = months[start + i];
                if (spec.series[0].ratio == &MonthKpis::promisesKeptRate && m.promisesDue)
                    text += " · " + ui.tf(Str::kpi_promises_count,
                                          {formatCount(m.promisesKept, ui.lang), formatCount(m.promisesDue, ui.lang)});
                charts::tooltip(text);
            }
        }
        endCard();
    }
}

nlohmann::json ReportsScreen::stateJson() const {
    nlohmann::json j = {{"period", kPeriods[static_cast<std::size_t>(period_)].key}, {"error", error_}};
    if (computed_) {
        j["asOf"] = options_.asOf.iso();
        j["from"] = options_.from.iso();
        j["to"] = options_.to.iso();
        nlohmann::json codes = nlohmann::json::array();
        for (const auto& c : report_.currencies) codes.push_back(c.currency.str());
        j["currencies"] = codes;
    }
    j["assignee"] = assignee_ ? nlohmann::json(*assignee_) : nlohmann::json(nullptr);
    j["segment"] = segment_ ? nlohmann::json(enumName(*segment_)) : nlohmann::json(nullptr);
    j["currency"] = currency_ ? nlohmann::json(currency_->str()) : nlohmann::json(nullptr);
    return j;
}

} // namespace recobra::ui
