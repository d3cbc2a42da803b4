// `recobra agenda`: the daily agenda of a backup as JSON, exactly what
// window.recobra.agenda() returns in the app for the same data and day (sorted, keys sorted).
#include "cli/command.hpp"
#include "cli/options.hpp"

#include "core/agenda.hpp"

#include <algorithm>
#include <nlohmann/json.hpp>

namespace recobra::cli {

int runAgenda(const std::vector<std::string>& args, const Context& cx) {
    Options opts;
    if (auto e = parseOptions(args, {"--today"}, cx, opts)) return cx.usage(*e);
    if (opts.positional.empty()) return cx.usage(cx.say(Str::cli_missing_file));
    if (opts.positional.size() > 1) return cx.usage(cx.say(Str::cli_extra_argument, {opts.positional[1]}));
    std::optional<Date> today;
    if (const auto* text = opts.find("--today")) {
        Date date;
        if (auto e = readDate(cx, "--today", *text, date)) return cx.usage(*e);
        today = date;
    }

    BackupContents contents;
    if (auto code = loadBackup(opts.positional.front(), cx, contents)) return *code;
    EventLog log;
    log.events = std::move(contents.events);
    const State state = fold(log);
    if (!today) { // as `recobra stats`: the day of the latest event
        Timestamp latest = 0;
        for (const auto& e : log.events) latest = std::max(latest, e.ts);
        today = Date::ofTimestamp(latest);
    }
    cx.out << agendaJson(state, computeAgenda(state, *today)).dump(2) << "\n";
    return kOk;
}

} // namespace recobra::cli
