// `recobra claim FILE [--debtor ID] [--today YYYY-MM-DD]`: what the law lets the creditor
// claim (docs/law.md), as JSON, exactly what window.recobra.claim(id) returns in the app for
// the same data and day: per invoice the principal, the interest with its rows, the
// compensation and the prescription deadline with its reasons; the totals per currency; and,
// for one debtor, the court route. Without --debtor, every debtor with something to claim.
#include "cli/command.hpp"
#include "cli/options.hpp"

#include "core/law/court_route.hpp"

#include <nlohmann/json.hpp>

namespace recobra::cli {

int runClaim(const std::vector<std::string>& args, const Context& cx) {
    Options opts;
    if (auto e = parseOptions(args, {"--today", "--debtor"}, cx, opts)) return cx.usage(*e);
    Book book;
    if (auto code = loadBookArgument(opts, cx, book)) return *code;
    const LawTables tables(book.state.law);
    if (const auto* id = opts.find("--debtor")) {
        const auto debtor = book.state.debtor(*id);
        if (!debtor) return cx.fail(kInvalid, cx.say(Str::cli_unknown_debtor, {*id}));
        const DebtorClaim claim = claimFor(book.state, tables, *debtor, book.today);
        nlohmann::json j = claimJson(book.state, claim);
        j["courtRoute"] = courtRouteJson(book.state, courtRoute(book.state, claim));
        cx.out << j.dump(2) << "\n";
        return kOk;
    }
    nlohmann::json debtors = nlohmann::json::array();
    MoneyBag claimable, prescribed;
    bool incomplete = false;
    for (Index d = 0; d < book.state.debtors.size(); ++d) {
        const DebtorClaim claim = claimFor(book.state, tables, d, book.today);
        if (claim.invoices.empty()) continue;
        for (const auto& m : claim.claimable.amounts()) claimable.add(m);
        for (const auto& m : claim.prescribed.amounts()) prescribed.add(m);
        incomplete = incomplete || claim.incomplete;
        debtors.push_back(claimJson(book.state, claim));
    }
    auto bag = [](const MoneyBag& b) {
        nlohmann::json out = nlohmann::json::array();
        for (const auto& m : b.amounts()) out.push_back({{"currency", m.currency.str()}, {"minor", m.minor}});
        return out;
    };
    nlohmann::json j = {{"claimable", bag(claimable)},     {"debtors", debtors},
                        {"incomplete", incomplete},         {"prescribed", bag(prescribed)},
                        {"today", book.today.iso()}};
    cx.out << j.dump(2) << "\n";
    return kOk;
}

} // namespace recobra::cli
