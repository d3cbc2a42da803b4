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

nlohmann::json cashJson(const CashExpected& c) {
    return {{"promised", c.promised},
            {"promisedWeighted", c.promisedWeighted},
            {"fallingDue", c.fallingDue},
            {"fallingDueWeighted", c.fallingDueWeighted},
            {"instalments", c.instalments},
            {"instalmentsWeighted", c.instalmentsWeighted},
            {"expected", c.expected()}};
}

nlohmann::json monthJson(const MonthKpis& m) {
    return {{"month", m.start.iso().substr(0, 7)},
            {"end", m.end.iso()},
            {"outstanding", m.outstanding},
            {"overdue", m.overdue},
            {"notDue", m.notDue},
            {"creditSales", m.creditSales},
            {"collected", m.collected},
            {"closed", m.closed},
            {"dso", tenths(m.dso)},
            {"cei", tenths(m.cei)},
            {"promisesDue", m.promisesDue},
            {"promisesKept", m.promisesKept},
            {"promisesKeptRate", tenths(m.promisesKeptRate)}};
}

nlohmann::json currencyJson(const CurrencyKpis& k) {
    nlohmann::json aging = nlohmann::json::object(), agingInvoices = nlohmann::json::object();
    for (const auto& [bucket, name] : EnumTable<AgingBucket>::values) {
        aging[name] = k.aging[static_cast<std::size_t>(bucket)];
        agingInvoices[name] = k.agingInvoices[static_cast<std::size_t>(bucket)];
    }
    nlohmann::json months = nlohmann::json::array();
    for (const auto& m : k.months) months.push_back(monthJson(m));
    return {{"currency", k.currency.str()},
            {"outstanding", k.outstanding},
            {"overdue", k.overdue},
            {"aging", aging},
            {"agingInvoices", agingInvoices},
            {"debtorsOwing", k.debtorsOwing},
            {"delinquentDebtors", k.delinquentDebtors},
            {"beginning", k.beginning},
            {"ending", k.ending},
            {"endingNotDue", k.endingNotDue},
            {"creditSales", k.creditSales},
            {"collected", k.collected},
            {"writtenOff", k.writtenOff},
            {"settled", k.settled},
            {"prescribed", k.prescribed},
            {"closedOther", k.closedOther},
            {"recoverable", k.recoverable},
            {"recovered", k.recovered},
            {"paidInvoices", k.paidInvoices},
            {"promisesDue", k.promisesDue},
            {"promisesKept", k.promisesKept},
            {"promisedDue", k.promisedDue},
            {"promisedKept", k.promisedKept},
            {"dso", tenths(k.dso)},
            {"bestPossibleDso", tenths(k.bestPossibleDso)},
            {"add", tenths(k.add)},
            {"dsoCountback", tenths(k.dsoCountback)},
            {"countbackCapped", k.countbackCapped},
            {"cei", tenths(k.cei)},
            {"averageDaysToCollect", tenths(k.averageDaysToCollect)},
            {"recoveryRate", tenths(k.recoveryRate)},
            {"promisesKeptRate", tenths(k.promisesKeptRate)},
            {"next4Weeks", cashJson(k.next4Weeks)},
            {"next3Months", cashJson(k.next3Months)},
            {"months", months}};
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
