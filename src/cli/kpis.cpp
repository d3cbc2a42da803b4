// `recobra kpis FILE [--as-of D] [--from D] [--to D] [--by assignee|segment] [--months N]`:
// the collection KPIs as of a day (docs/kpis.md) as JSON, exactly what window.recobra.kpis()
// returns in the app for the same data and options. Without --as-of, the day of the latest
// event; without a period, the month of the as-of day up to it.
#include "cli/command.hpp"
#include "cli/options.hpp"

#include "core/reports/kpis.hpp"

#include <map>
#include <nlohmann/json.hpp>

namespace recobra::cli {

int runKpis(const std::vector<std::string>& args, const Context& cx) {
    Options opts;
    if (auto e = parseOptions(args, {"--as-of", "--from", "--to", "--by", "--months"}, cx, opts)) return cx.usage(*e);
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
    cx.out << kpisJson(computeKpis(book.state, read.options)).dump(2) << "\n";
    return kOk;
}

} // namespace recobra::cli
