// agenda_bench FILE [RUNS]: the daily agenda over a backup, natively or in wasm (Node): the
// whole computation (computeAgenda, median of RUNS, at least 5), the cache's first fill, and
// the cache brought up to date after one debtor changed (what the app does after a command).
// Prints one JSON object; scripts/bench.sh runs it on the 100,000-debtor data set.
#include "bench.hpp"

#include "core/rules/agenda.hpp"

#include <nlohmann/json.hpp>

using namespace recobra;
using namespace recobra::bench;

int main(int argc, char** argv) {
    if (argc < 2) {
        std::fprintf(stderr, "usage: agenda_bench FILE [RUNS]\n");
        return 2;
    }
    const std::string path = argv[1];
    const int runs = argc > 2 ? std::max(5, std::atoi(argv[2])) : 7;
    nlohmann::json out;
    out["bench"] = "agenda";
    out["platform"] = platformName();

    Workspace ws = loadWorkspace(path);
    const State& s = ws.state();
    out["debtors"] = s.debtors.size();
    out["events"] = ws.log().size();
    // The generator's "today" is the day of its latest event.
    const Timestamp now = ws.log().empty() ? 0 : ws.log().lastId().ms + 60'000;
    const CommandContext context{now, 60, "Bench", false};
    const Date today = context.today();
    out["today"] = today.iso();

    std::size_t items = 0, snoozed = 0;
    out["fullMs"] = medianMs(runs, [&] {
        const Agenda agenda = computeAgenda(s, today);
        items = agenda.items.size();
        snoozed = agenda.snoozed;
    });
    out["items"] = items;
    out["snoozed"] = snoozed;

    // The agenda as JSON for window.recobra.agenda() / `recobra agenda` (both languages).
    std::size_t jsonBytes = 0;
    out["jsonMs"] = medianMs(std::max(1, runs / 2),
                             [&] { jsonBytes = agendaJson(s, computeAgenda(s, today)).dump().size(); });
    out["jsonBytes"] = jsonBytes;

    // The cache: the first fill (what the app does at startup), then one debtor changed.
    AgendaCache cache;
    out["cacheFillMs"] = medianMs(1, [&] { cache.update(s, today, ws.folds()); });
    if (cache.items().size() != items) {
        std::fprintf(stderr, "cache and full computation disagree: %zu vs %zu\n", cache.items().size(),
                     items);
        return 1;
    }
    std::vector<double> times;
    for (int i = 0; i < runs; ++i) {
        const std::string debtor =
            s.debtors[(s.debtors.size() / 7 * static_cast<std::size_t>(i + 1)) % s.debtors.size()].id;
        const nlohmann::json command{
            {"type", "logInteraction"}, {"debtor", debtor},        {"at", now},
            {"channel", "email"},       {"direction", "outbound"}, {"outcome", "no_answer"},
            {"limitOverride", "bench"}};
        const auto result = ws.dispatch(command, context);
        if (!result.ok()) {
            std::fprintf(stderr, "dispatch refused: %s\n", result.problem->describe(Lang::en).c_str());
            return 1;
        }
        ws.acknowledge(result.event->id);
        const std::size_t before = cache.recomputed();
        const double start = nowMs();
        cache.update(ws.state(), today, ws.folds());
        times.push_back(nowMs() - start);
        if (cache.recomputed() != before + 1) {
            std::fprintf(stderr, "the cache recomputed %zu debtors for one change\n",
                         cache.recomputed() - before);
            return 1;
        }
    }
    std::sort(times.begin(), times.end());
    out["cacheOneDebtorMs"] = times[times.size() / 2];
    std::printf("%s\n", out.dump().c_str());
    return 0;
}
