// `recobra stats`: counts and totals of a backup as JSON (sorted keys: the same backup and
// day always print the same bytes).
#include "cli/command.hpp"
#include "cli/options.hpp"

#include "core/state/queries.hpp"

#include <nlohmann/json.hpp>

namespace recobra::cli {

int runStats(const std::vector<std::string>& args, const Context& cx) {
    Options opts;
    if (auto e = parseOptions(args, {"--today"}, cx, opts)) return cx.usage(*e);
    Book book;
    if (auto code = loadBookArgument(opts, cx, book)) return *code;
    // The same figures as window.recobra.summary() in the app.
    const nlohmann::json j = summarize(book.state, book.log.size(), book.today);
    if (j.contains("saturated")) // a total past int64: no figure is printed rather than a wrong one
        return cx.fail(kInvalid, cx.say(Str::err_total_overflow, {j["saturated"].front().get<std::string>()}));
    cx.out << j.dump(2) << "\n";
    return kOk;
}

} // namespace recobra::cli
