// `recobra kpis FILE [--as-of D] [--from D] [--to D] [--by assignee|segment] [--months N]
// [--format json|html|csv-figures|csv-aging|csv-months --out FILE]`: the collection KPIs as of
// a day (docs/kpis.md) as JSON, exactly what window.recobra.kpis() returns in the app for the
// same data and options; or written as the reports screen exports them (a table as CSV, the
// report as a page to print). Without --as-of, the day of the latest event; without a
// period, the month of the as-of day up to it.
#include "cli/command.hpp"
#include "cli/options.hpp"

#include "core/exchange/kpi_export.hpp"
#include "core/reports/kpis.hpp"

#include <map>
#include <tuple>
#include <nlohmann/json.hpp>

namespace recobra::cli {

int runKpis(const std::vector<std::string>& args, const Context& cx) {
    Options opts;
    if (auto e = parseOptions(args, {"--as-of", "--from", "--to", "--by", "--months", "--format", "--out"}, cx, opts))
        return cx.usage(*e);
    // --format html or csv-TABLE writes a file (--out) instead of printing JSON.
    enum class Format { Json, Html, Csv };
    Format format = Format::Json;
    KpiTable table = KpiTable::Figures;
    if (const auto* name = opts.find("--format")) {
        static const std::map<std::string, std::pair<Format, KpiTable>> formats = {
            {"json", {Format::Json, KpiTable::Figures}},
            {"html", {Format::Html, KpiTable::Figures}},
            {"csv-figures", {Format::Csv, KpiTable::Figures}},
            {"csv-aging", {Format::Csv, KpiTable::Aging}},
            {"csv-months", {Format::Csv, KpiTable::Months}}};
        const auto it = formats.find(*name);
        if (it == formats.end())
            return cx.usage("--format: " + cx.say(Str::err_field_choice, {*name, "json, html, csv-figures, csv-aging, csv-months"}));
        std::tie(format, table) = it->second;
    }
    const auto* out = opts.find("--out");
    if (format != Format::Json && !out) return cx.usage(cx.say(Str::cli_missing_option, {"--out"}));
    if (format == Format::Json && out) return cx.usage(cx.say(Str::cli_extra_argument, {"--out"}));
    if (out)
        if (auto code = checkOutput(*out, cx)) return *code;
    // The options as window.recobra.kpis() takes them, checked by the same reader.
    nlohmann::json request = nlohmann::json::object();
    for (const auto& [flag, key] : {std::pair{"--as-of", "asOf"}, {"--from", "from"}, {"--to", "to"}, {"--by", "by"}}) {
        if (const auto* text = opts.find(flag)) {
            if (std::string(key) != "by") {
                Date date;
                if (auto e = readDate(cx, flag, *text, date)) return cx.usage(*e);
            }
            request[key] = *text;
        }
    }
    if (const auto* text = opts.find("--months")) {
        std::uint64_t months = 0;
        if (auto e = readCount(cx, "--months", *text, 1, kMaxKpiMonths, months)) return cx.usage(*e);
        request["months"] = months;
    }
    Book book;
    if (opts.positional.empty()) return cx.usage(cx.say(Str::cli_missing_file));
    if (opts.positional.size() > 1) return cx.usage(cx.say(Str::cli_extra_argument, {opts.positional[1]}));
    if (auto code = loadBook(opts.positional.front(), cx, std::nullopt, book)) return *code;
    const KpiOptionsRead read = readKpiOptions(request, book.today);
    if (read.problem) {
        static const std::map<std::string, std::string> flags = {
            {"asOf", "--as-of"}, {"from", "--from"}, {"to", "--to"}, {"by", "--by"}, {"months", "--months"}};
        const auto flag = flags.find(read.problem->field);
        return cx.usage((flag == flags.end() ? read.problem->field : flag->second) + ": " + read.problem->reason(cx.lang));
    }
    const KpiReport report = computeKpis(book.state, read.options);
    if (format == Format::Csv) return saveFile(*out, kpiTableCsv(report.currencies, table, cx.lang), cx).value_or(kOk);
    if (format == Format::Html)
        return saveFile(*out, kpiReportHtml({&report.currencies, ""}, read.options, cx.lang), cx).value_or(kOk);
    cx.out << kpisJson(report).dump(2) << "\n";
    return kOk;
}

} // namespace recobra::cli
