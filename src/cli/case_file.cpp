// `recobra case-file FILE --debtor ID --out FILE.html [--today YYYY-MM-DD]`: one debtor's case
// file (docs/letters.md), a page an agency, a lawyer or a court reads alone: both parties,
// every invoice, the claim with its interest and prescription, whether the negotiation attempt
// of LO 1/2025 is proved, every conversation with the full text of each letter sent and its
// proofs, promises, payments and stages. The same page as the debtor's in an agency package.
#include "cli/command.hpp"
#include "cli/options.hpp"

#include "core/exchange/agency/agency.hpp"

namespace recobra::cli {

int runCaseFile(const std::vector<std::string>& args, const Context& cx) {
    Options opts;
    if (auto e = parseOptions(args, {"--today", "--debtor", "--out"}, cx, opts)) return cx.usage(*e);
    const auto* debtorId = opts.find("--debtor");
    if (!debtorId) return cx.usage(cx.say(Str::cli_missing_option, {"--debtor"}));
    const auto* out = opts.find("--out");
    if (!out || out->empty()) return cx.usage(cx.say(Str::cli_missing_option, {"--out"}));
    Book book;
    if (auto code = loadBookArgument(opts, cx, book)) return *code;
    const auto debtor = book.state.debtor(*debtorId);
    if (!debtor) return cx.fail(kInvalid, cx.say(Str::cli_unknown_debtor, {*debtorId}));
    AgencyOptions options;
    options.lang = cx.lang;
    options.today = book.today;
    options.preparedBy = book.settings.userName;
    return saveFile(*out, caseFilePage(book.state, book.log, *debtor, options), cx).value_or(kOk);
}

} // namespace recobra::cli
