// The KPIs as JSON (docs/kpis.md lists every key) and the options read from JSON: the same
// for `recobra kpis` and window.recobra.kpis().
#include "core/reports/kpis.hpp"

namespace recobra {

namespace {

// A ratio in tenths as a number with one decimal (45.3), or null.
nlohmann::json tenths(const Tenths& t) {
    if (!t) return nullptr;
    return static_cast<double>(*t) / 10.0;
}

// The keys and the fields they show, as tables walked by one loop: the JSON is built by a
// few lines of code whatever the number of figures (the page's size budget pays for code).
template <class T> struct Amounts {
    const char* key;
    std::int64_t T::*field;
};
template <class T> struct Counts {
    const char* key;
    std::uint32_t T::*field;
};
template <class T> struct Ratios {
    const char* key;
    Tenths T::*field;
};

template <class T, std::size_t A, std::size_t C, std::size_t R>
void put(nlohmann::json& j, const T& from, const std::array<Amounts<T>, A>& amounts,
         const std::array<Counts<T>, C>& counts, const std::array<Ratios<T>, R>& ratios) {
    for (const auto& a : amounts) j[a.key] = from.*(a.field);
    for (const auto& c : counts) j[c.key] = from.*(c.field);
    for (const auto& r : ratios) j[r.key] = tenths(from.*(r.field));
}

constexpr std::array<Amounts<CashExpected>, 6> kCashAmounts{{{"promised", &CashExpected::promised},
                                                             {"promisedWeighted", &CashExpected::promisedWeighted},
                                                             {"fallingDue", &CashExpected::fallingDue},
                                                             {"fallingDueWeighted", &CashExpected::fallingDueWeighted},
                                                             {"instalments", &CashExpected::instalments},
                                                             {"instalmentsWeighted", &CashExpected::instalmentsWeighted}}};

constexpr std::array<Amounts<MonthKpis>, 6> kMonthAmounts{{{"outstanding", &MonthKpis::outstanding},
                                                           {"overdue", &MonthKpis::overdue},
                                                           {"notDue", &MonthKpis::notDue},
                                                           {"creditSales", &MonthKpis::creditSales},
                                                           {"collected", &MonthKpis::collected},
                                                           {"closed", &MonthKpis::closed}}};
constexpr std::array<Counts<MonthKpis>, 2> kMonthCounts{
    {{"promisesDue", &MonthKpis::promisesDue}, {"promisesKept", &MonthKpis::promisesKept}}};
constexpr std::array<Ratios<MonthKpis>, 3> kMonthRatios{
    {{"dso", &MonthKpis::dso}, {"cei", &MonthKpis::cei}, {"promisesKeptRate", &MonthKpis::promisesKeptRate}}};

constexpr std::array<Amounts<CurrencyKpis>, 17> kAmounts{{{"outstanding", &CurrencyKpis::outstanding},
                                                          {"overdue", &CurrencyKpis::overdue},
                                                          {"beginning", &CurrencyKpis::beginning},
                                                          {"ending", &CurrencyKpis::ending},
                                                          {"endingNotDue", &CurrencyKpis::endingNotDue},
                                                          {"creditSales", &CurrencyKpis::creditSales},
                                                          {"collected", &CurrencyKpis::collected},
                                                          {"writtenOff", &CurrencyKpis::writtenOff},
                                                          {"settled", &CurrencyKpis::settled},
                                                          {"prescribed", &CurrencyKpis::prescribed},
                                                          {"closedOther", &CurrencyKpis::closedOther},
                                                          {"recoverable", &CurrencyKpis::recoverable},
                                                          {"recovered", &CurrencyKpis::recovered},
                                                          {"paidInvoices", &CurrencyKpis::paidInvoices},
                                                          {"promisedDue", &CurrencyKpis::promisedDue},
                                                          {"promisedKept", &CurrencyKpis::promisedKept},
                                                          {"paidInvoiceDays", &CurrencyKpis::paidInvoiceDays}}};
constexpr std::array<Counts<CurrencyKpis>, 4> kCounts{{{"debtorsOwing", &CurrencyKpis::debtorsOwing},
                                                       {"delinquentDebtors", &CurrencyKpis::delinquentDebtors},
                                                       {"promisesDue", &CurrencyKpis::promisesDue},
                                                       {"promisesKept", &CurrencyKpis::promisesKept}}};
constexpr std::array<Ratios<CurrencyKpis>, 8> kRatios{{{"dso", &CurrencyKpis::dso},
                                                       {"bestPossibleDso", &CurrencyKpis::bestPossibleDso},
                                                       {"add", &CurrencyKpis::add},
                                                       {"dsoCountback", &CurrencyKpis::dsoCountback},
                                                       {"cei", &CurrencyKpis::cei},
                                                       {"averageDaysToCollect", &CurrencyKpis::averageDaysToCollect},
                                                       {"recoveryRate", &CurrencyKpis::recoveryRate},
                                                       {"promisesKeptRate", &CurrencyKpis::promisesKeptRate}}};

nlohmann::json cashJson(const CashExpected& c) {
    nlohmann::json j = nlohmann::json::object();
    put(j, c, kCashAmounts, std::array<Counts<CashExpected>, 0>{}, std::array<Ratios<CashExpected>, 0>{});
    j["expected"] = c.expected();
    return j;
}

nlohmann::json currencyJson(const CurrencyKpis& k) {
    nlohmann::json j = nlohmann::json::object();
    j["currency"] = k.currency.str();
    put(j, k, kAmounts, kCounts, kRatios);
    j["countbackCapped"] = k.countbackCapped;
    nlohmann::json aging = nlohmann::json::object(), agingInvoices = nlohmann::json::object();
    for (const auto& [bucket, name] : EnumTable<AgingBucket>::values) {
        aging[name] = k.aging[static_cast<std::size_t>(bucket)];
        agingInvoices[name] = k.agingInvoices[static_cast<std::size_t>(bucket)];
    }
    j["aging"] = std::move(aging);
    j["agingInvoices"] = std::move(agingInvoices);
    j["next4Weeks"] = cashJson(k.next4Weeks);
    j["next3Months"] = cashJson(k.next3Months);
    nlohmann::json months = nlohmann::json::array();
    for (const auto& m : k.months) {
        nlohmann::json month = nlohmann::json::object();
        month["month"] = m.start.iso().substr(0, 7);
        month["end"] = m.end.iso();
        put(month, m, kMonthAmounts, kMonthCounts, kMonthRatios);
        months.push_back(std::move(month));
    }
    j["months"] = std::move(months);
    return j;
}

nlohmann::json currenciesJson(const std::vector<CurrencyKpis>& list) {
    nlohmann::json out = nlohmann::json::array();
    for (const auto& k : list) out.push_back(currencyJson(k));
    return out;
}

} // namespace

nlohmann::json kpisJson(const KpiReport& report) {
    const auto& o = report.options;
    nlohmann::json j = {{"asOf", o.asOf.iso()},
                        {"from", o.from.iso()},
                        {"to", o.to.iso()},
                        {"months", o.months},
                        {"currencies", currenciesJson(report.currencies)}};
    if (o.by != KpiGrouping::None) {
        j["by"] = o.by == KpiGrouping::Assignee ? "assignee" : "segment";
        nlohmann::json groups = nlohmann::json::array();
        for (const auto& g : report.groups)
            groups.push_back({{"key", g.key}, {"name", g.name}, {"currencies", currenciesJson(g.currencies)}});
        j["groups"] = groups;
    }
    return j;
}

KpiOptionsRead readKpiOptions(const nlohmann::json& args, Date today) {
    KpiOptionsRead out;
    if (!args.is_null() && !args.is_object()) {
        out.problem = problem(Str::err_type_object, "");
        return out;
    }
    auto date = [&](const char* field, std::optional<Date>& value) -> bool {
        if (!args.is_object()) return true;
        const auto it = args.find(field);
        if (it == args.end() || it->is_null()) return true;
        if (!it->is_string()) {
            out.problem = problem(Str::err_type_date, field);
            return false;
        }
        value = Date::parseIso(it->get<std::string>());
        if (!value) out.problem = problem(Str::err_date_invalid, field, {it->get<std::string>()});
        return value.has_value();
    };
    std::optional<Date> asOf, from, to;
    if (!date("asOf", asOf) || !date("from", from) || !date("to", to)) return out;
    out.options = defaultKpiOptions(asOf.value_or(today));
    if (to) out.options.to = *to;
    if (from) out.options.from = *from;
    else if (to) out.options.from = defaultKpiOptions(*to).from;
    if (out.options.to > out.options.asOf) {
        out.problem = problem(Str::err_kpi_after_as_of, "to");
        return out;
    }
    if (out.options.from > out.options.to) {
        out.problem = problem(Str::err_kpi_period_order, "from");
        return out;
    }
    if (args.is_object()) {
        if (auto it = args.find("by"); it != args.end() && !it->is_null()) {
            const std::string by = it->is_string() ? it->get<std::string>() : it->dump();
            if (by == "assignee") out.options.by = KpiGrouping::Assignee;
            else if (by == "segment") out.options.by = KpiGrouping::Segment;
            else if (by != "none") {
                out.problem = problem(Str::err_field_choice, "by", {by, "none, assignee, segment"});
                return out;
            }
        }
        if (auto it = args.find("months"); it != args.end() && !it->is_null()) {
            if (!it->is_number_integer() || it->get<std::int64_t>() < 1 || it->get<std::int64_t>() > kMaxKpiMonths) {
                out.problem = problem(Str::err_kpi_months, "months", {std::to_string(kMaxKpiMonths)});
                return out;
            }
            out.options.months = static_cast<int>(it->get<std::int64_t>());
        }
    }
    return out;
}

} // namespace recobra
