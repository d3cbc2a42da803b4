// `recobra validate`: would this backup restore? Everything an import checks, nothing changed.
#include "cli/command.hpp"
#include "cli/options.hpp"

#include "core/exchange/backup.hpp"
#include "core/i18n/locale.hpp"

namespace recobra::cli {

int runValidate(const std::vector<std::string>& args, const Context& cx) {
    Options opts;
    if (auto e = parseOptions(args, {}, cx, opts)) return cx.usage(*e);
    if (opts.positional.empty()) return cx.usage(cx.say(Str::cli_missing_file));
    if (opts.positional.size() > 1) return cx.usage(cx.say(Str::cli_extra_argument, {opts.positional[1]}));
    const std::string& path = opts.positional.front();

    BackupContents contents;
    if (auto code = loadBackup(path, cx, contents)) return *code; // checked as every command does

    std::size_t debtors = 0, invoices = 0, payments = 0, interactions = 0;
    for (const auto& e : contents.events) {
        if (std::holds_alternative<DebtorRegistered>(e.payload))
            ++debtors;
        else if (std::holds_alternative<InvoiceAdded>(e.payload))
            ++invoices;
        else if (std::holds_alternative<PaymentRecorded>(e.payload))
            ++payments;
        else if (std::holds_alternative<InteractionLogged>(e.payload))
            ++interactions;
    }
    auto n = [&](std::size_t v) { return formatCount(static_cast<std::int64_t>(v), cx.lang); };
    cx.out << cx.say(Str::cli_valid,
                     {path, n(contents.events.size()), n(debtors), n(invoices), n(payments), n(interactions)})
           << "\n";
    return kOk;
}

} // namespace recobra::cli
