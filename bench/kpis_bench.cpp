// kpis_bench FILE [RUNS]: the KPIs of the whole book (reports/kpis.hpp), natively or in wasm
// (Node): every figure as of the data's last day with the 24-month series, the same broken
// down per assignee and per segment, and their JSON. Prints one JSON object; scripts/bench.sh
// runs it on the 100,000-debtor data set. The goal (bench/README.md): the reports screen
// opens in 200 ms or less in Chromium, so the whole computation well within that in wasm.
#include "bench.hpp"

#include "core/reports/kpis.hpp"

#include <nlohmann/json.hpp>

using namespace recobra;
using namespace recobra::bench;

int main(int argc, char** argv) {
    if (argc < 2) {
        std::fprintf(stderr, "usage: kpis_bench FILE [RUNS]\n");
        return 2;
    }
    const std::string path = argv[1];
    const int runs = argc > 2 ? std::max(3, std::atoi(argv[2])) : 5;
    nlohmann::json out;
    out["bench"] = "kpis";
    out["platform"] = platformName();

    Workspace ws = loadWorkspace(path);
    const State& s = ws.state();
    out["debtors"] = s.debtors.size();
    out["invoices"] = s.invoices.size();
    const Date today = Date::ofTimestamp(ws.log().empty() ? 0 : ws.log().lastId().ms);
    out["today"] = today.iso();

    KpiReport report;
    const KpiOptions options = defaultKpiOptions(today);
    out["kpisMs"] = medianMs(runs, [&] { report = computeKpis(s, options); });
    out["currencies"] = report.currencies.size();
    for (const auto by : {KpiGrouping::Assignee, KpiGrouping::Segment}) {
        KpiOptions grouped = options;
        grouped.by = by;
        KpiReport r;
        out[by == KpiGrouping::Assignee ? "byAssigneeMs" : "bySegmentMs"] =
            medianMs(runs, [&] { r = computeKpis(s, grouped); });
        out[by == KpiGrouping::Assignee ? "assignees" : "segments"] = r.groups.size();
    }
    std::string json;
    out["jsonMs"] = medianMs(runs, [&] { json = kpisJson(report).dump(); });
    out["jsonBytes"] = json.size();
    std::printf("%s\n", out.dump().c_str());
    return 0;
}
