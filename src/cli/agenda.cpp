// `recobra agenda`: the daily agenda of a backup as JSON, exactly what
// window.recobra.agenda() returns in the app for the same data and day (sorted, keys sorted).
#include "cli/command.hpp"
#include "cli/options.hpp"

#include "core/agenda.hpp"

#include <nlohmann/json.hpp>

namespace recobra::cli {

int runAgenda(const std::vector<std::string>& args, const Context& cx) {
    Options opts;
    if (auto e = parseOptions(args, {"--today"}, cx, opts)) return cx.usage(*e);
    if (opts.positional.empty()) return cx.usage(cx.say(Str::cli_missing_file));
    if (opts.positional.size() > 1) return cx.usage(cx.say(Str::cli_extra_argument, {opts.positional[1]}));
    std::optional<Date> day;
    if (auto e = readToday(opts, cx, day)) return cx.usage(*e);
    Book book;
    if (auto code = loadBook(opts.positional.front(), cx, day, book)) return *code;
    cx.out << agendaJson(book.state, computeAgenda(book.state, book.today)).dump(2) << "\n";
    return kOk;
}

} // namespace recobra::cli
