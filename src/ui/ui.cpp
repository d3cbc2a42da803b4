#include "ui/ui.hpp"

#include "core/state/queries.hpp"

namespace recobra::ui {

CurrencyCode Ui::currency() const {
    if (session)
        if (auto code = CurrencyCode::parse(session->settings().currency); code && findCurrency(*code)) return *code;
    return CurrencyCode::eur();
}

CommandContext Ui::commandContext() const {
    CommandContext context;
    context.now = now();
    context.utcOffsetMinutes = host.utcOffsetMinutes();
    context.author = session ? authorName(session->settings(), session->workspace().state()) : std::string();
    return context;
}

void Ui::submit(Command command, Session::Done done) {
    if (!session) return;
    session->submit(std::move(command), commandContext(), [this, done = std::move(done)](const CommandOutcome& outcome) {
        if (done) done(outcome);
        host.requestFrame();
    });
    host.requestFrame();
}

std::vector<Problem> Ui::problems(const Command& command) const {
    return session ? session->problems(command, commandContext()) : std::vector<Problem>();
}

std::string Ui::money(const MoneyBag& bag) const { return formatMoneyBag(bag, currency(), lang); }

} // namespace recobra::ui
