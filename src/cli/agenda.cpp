// `recobra agenda`: the daily agenda of a backup as JSON, exactly what
// window.recobra.agenda() returns in the app for the same data and day (sorted, keys sorted).
#include "cli/command.hpp"
#include "cli/options.hpp"

#include "core/rules/agenda.hpp"

#include <nlohmann/json.hpp>

namespace recobra::cli {

int runAgenda(const std::vector<std::string>& args, const Context& cx) {
    Options opts;
    if (auto e = parseOptions(args, {"--today"}, cx, opts)) return cx.usage(*e);
    Book book;
    if (auto code = loadBookArgument(opts, cx, book)) return *code;
    cx.out << agendaJson(book.state, computeAgenda(book.state, book.today)).dump(2) << "\n";
    return kOk;
}

} // namespace recobra::cli
