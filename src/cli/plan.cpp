// `recobra plan FILE --debtor ID [--today YYYY-MM-DD]`: a debtor's payment plans and offers
// (docs/plans-and-offers.md) as JSON, exactly what window.recobra.plan(id) returns in the app
// for the same data and day: each plan with its installments' status (pending, partly paid,
// paid, late, missed), what was paid and what is left, its schedules' history; each offer with
// its status (open, accepted, lapsed).
#include "cli/command.hpp"
#include "cli/options.hpp"

#include "core/state/plans.hpp"

namespace recobra::cli {

int runPlan(const std::vector<std::string>& args, const Context& cx) {
    Options opts;
    if (auto e = parseOptions(args, {"--today", "--debtor"}, cx, opts)) return cx.usage(*e);
    const auto* id = opts.find("--debtor");
    if (!id) return cx.usage(cx.say(Str::cli_missing_option, {"--debtor"}));
    Book book;
    if (auto code = loadBookArgument(opts, cx, book)) return *code;
    const auto debtor = book.state.debtor(*id);
    if (!debtor) return cx.fail(kInvalid, cx.say(Str::cli_unknown_debtor, {*id}));
    cx.out << plansJson(book.state, *debtor, book.today).dump(2) << "\n";
    return kOk;
}

} // namespace recobra::cli
