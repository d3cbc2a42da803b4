// The collection ladder (docs/policy-and-agenda.md): reminders, rounds of calls and messages,
// a firm letter, a burofax, and what the debtor answers along the way; the promises to pay
// and the payments that keep them.
#include "core/sample/story_internal.hpp"

#include <algorithm>

namespace recobra::gen::story_detail {

namespace {

// Reasons of the negotiating stage for a promise (variant 2 is for a disputed invoice).
constexpr unsigned kPromiseReasons[] = {0, 1, 3};

} // namespace

// --- the ladder ----------------------------------------------------------------------------------

// The ladder: day 1 a friendly reminder, then three rounds of calls and messages, a firm
// letter (day 45 or so), a burofax (day 60), the agency (day 90).
void Story::collect(std::int32_t day) {
    collecting_ = false;
    if (busy()) return;
    const auto late = overdue(day);
    if (late.empty()) {
        level_ = 0;
        attempts_ = 0;
        brokenPromiseDue_ = 0;
        // Paid what was overdue; only invoices not yet due remain: back to following them.
        if (owes() && stageRank(stage_) >= 1 && stageRank(stage_) <= 4)
            setStage(day, Stage::NotDue, phraseId(Phrase::StageNotDue, 2));
        return;
    }
    if (brokenPromiseDue_ != 0 && brokenPromiseDue_ < day && day - brokenPromiseDue_ < 30) {
        // The promise came and went unpaid: the first thing to talk about.
        brokenPromiseDue_ = 0;
        Talk t;
        t.channel = rng_.chance(750) ? Channel::Call : Channel::WhatsApp;
        t.outcome = rng_.chance(450) ? Outcome::NoAnswer : Outcome::Other;
        t.attitude = t.outcome == Outcome::NoAnswer ? Attitude::Unknown : promiseAttitude();
        t.text = t.outcome == Outcome::NoAnswer ? phraseId(Phrase::BrokenPromise, 0)
                                                : drawBetween(Phrase::BrokenPromise, 1, 5);
        fillInvoices(t, late);
        if (!talk(day, t)) return;
        return next(day + rng_.between(2, 6), level_);
    }
    switch (level_) {
    case 0:
        return remind(day, late);
    case 1:
    case 2:
    case 3:
        return contact(day, late);
    case 4:
        return firmLetter(day, late);
    case 5:
        return burofax(day, late);
    default:
        return handOver(day, late);
    }
}

void Story::next(std::int32_t day, int level) {
    level_ = level;
    collecting_ = true;
    push(day, Do::Collect);
}

void Story::remind(std::int32_t day, const std::vector<std::uint32_t>& late) {
    Talk t;
    const bool email = rng_.chance(d_.shape.kind == DebtorKind::Consumer ? 450 : 750);
    t.channel = email ? Channel::Email : (rng_.chance(450) ? Channel::Sms : Channel::WhatsApp);
    t.text = drawPhrase(rng_, email ? Phrase::ReminderEmail : Phrase::ReminderMessage);
    fillInvoices(t, late);
    t.currency = inv_[late.front()].currency;
    t.amount = outstandingOf(overdue(day, t.currency));
    t.date = inv_[late.front()].due;
    if (!talk(day, t)) return;
    escalate(day, Stage::Reminded, Phrase::StageReminded);
    static constexpr unsigned kPays[] = {700, 350, 100, 20, 0};
    if (rng_.chance(kPays[static_cast<unsigned>(d_.segment)])) settleSoon(day, 1, 8);
    else if (attempts_ == 0 && d_.segment != Segment::WontPay && rng_.chance(60)) offerDiscount(day, t.currency);
    if (attempts_ == 0 && d_.segment != Segment::Punctual && rng_.chance(500)) { // a second reminder
        attempts_ = 1;
        return next(day + rng_.between(6, 10), 0);
    }
    attempts_ = 0;
    next(day + rng_.between(10, 16), 1);
}

// The debtor pays within a few days, sometimes telling us first.
void Story::settleSoon(std::int32_t day, int from, int to) {
    const std::int32_t when = day + rng_.between(from, to);
    push(when, Do::PromisedPay, 0, -1, 0, rng_.chance(350) ? 1 : 0);
}

void Story::contact(std::int32_t day, const std::vector<std::uint32_t>& late) {
    const bool person = d_.shape.kind == DebtorKind::Consumer || d_.shape.kind == DebtorKind::Autonomo;
    Channel channel = static_cast<Channel>(rng_.weighted({66, 18, 0, 0, 0, person ? 12u : 3u, 4, 0}));
    if (d_.shape.kind == DebtorKind::PublicAdministration && channel == Channel::WhatsApp)
        channel = Channel::Email;
    enum { NoAnswer, Promise, Partial, Paid, Dispute, Refusal, Wrong, Ack, Extension };
    unsigned what = 0;
    switch (d_.segment) {
    case Segment::Punctual:
        what = rng_.weighted({10, 55, 0, 30, 5, 0, 0, 0, 0});
        break;
    case Segment::Slip:
        what = rng_.weighted({40, 40, 0, 11, 4, 0, 3, 4, 4});
        break;
    case Segment::Chronic:
        what = rng_.weighted({45, 32, 12, 0, 6, 4, 4, 4, 3});
        break;
    default:
        what = rng_.weighted({55, 16, 0, 0, 10, 15, 7, 0, 0});
        break;
    }
    if (channel == Channel::Visit && what == NoAnswer) what = Promise;
    const bool written = channel == Channel::Email || channel == Channel::WhatsApp;
    switch (what) {
    case NoAnswer: {
        Talk t;
        t.channel = channel;
        t.outcome = written ? Outcome::Other : Outcome::NoAnswer;
        t.text = drawPhrase(rng_, written                           ? Phrase::WrittenNoAnswer
                                  : !isPerson() && rng_.chance(250) ? Phrase::CallNoAnswerCompany
                                                                    : Phrase::CallNoAnswer);
        fillInvoices(t, late);
        if (!talk(day, t)) return;
        if (attempts_ < 5 && rng_.chance(750)) {
            ++attempts_;
            return next(day + rng_.between(2, 7), level_);
        }
        attempts_ = 0;
        return next(day + rng_.between(7, 14), level_ + 1);
    }
    case Promise:
    case Partial: {
        const std::int32_t due = promise(day, channel, late, what == Partial);
        if (due < 0) return;
        attempts_ = 0;
        // A debtor who keeps paying part of it is not escalated.
        return next(due + rng_.between(2, 5), lastKept_ ? level_ : level_ + 1);
    }
    case Paid: {
        Talk t;
        t.channel = channel == Channel::Visit ? Channel::Call : channel;
        t.outcome = Outcome::Paid;
        t.attitude = rng_.chance(500) ? Attitude::Cooperative : Attitude::Forgot;
        t.text = drawPhrase(rng_, Phrase::PaidAlready);
        fillInvoices(t, late);
        t.currency = inv_[late.front()].currency;
        t.amount = outstandingOf(overdue(day, t.currency));
        if (!talk(day, t)) return;
        payAll(day, previousWorkday(day - 1), false);
        return next(day + rng_.between(5, 10), 0);
    }
    case Dispute:
        if (startDispute(day, channel, late)) return;
        return next(day + rng_.between(5, 10), level_ + 1);
    case Refusal: {
        Talk t;
        t.channel = channel == Channel::Visit ? Channel::Call : channel;
        t.outcome = Outcome::Refusal;
        t.attitude = rng_.chance(650) ? Attitude::Hostile : Attitude::Evasive;
        t.text = drawPhrase(rng_, Phrase::Refusal);
        fillInvoices(t, late);
        if (!talk(day, t)) return;
        return next(day + rng_.between(4, 9), std::max(level_ + 1, 4));
    }
    case Wrong: {
        Talk t;
        t.channel = channel == Channel::Visit ? Channel::Call : channel;
        t.outcome = Outcome::WrongContact;
        t.text = drawPhrase(rng_, isPerson() ? Phrase::WrongContactPerson : Phrase::WrongContact);
        if (!talk(day, t)) return;
        fixContact(day);
        return next(day + rng_.between(2, 6), level_);
    }
    case Ack: {
        Talk t;
        t.channel = written ? Channel::Email : Channel::Call;
        t.flags = kAcknowledges;
        t.attitude = Attitude::InDifficulty;
        t.text = drawPhrase(rng_, Phrase::Acknowledge);
        fillInvoices(t, late);
        t.currency = inv_[late.front()].currency;
        t.amount = outstandingOf(overdue(day, t.currency));
        if (!talk(day, t)) return;
        return next(day + rng_.between(10, 15), level_ + 1);
    }
    default: { // a new due date, as a promise to pay by then
        if (late.size() != 1) {
            const std::int32_t due = promise(day, channel, late, false);
            if (due >= 0) next(due + rng_.between(2, 5), level_ + 1);
            return;
        }
        const std::uint32_t k = late.front();
        const std::int32_t newDue = workday(day + rng_.between(20, 45));
        Talk t;
        t.channel = channel;
        t.outcome = Outcome::Promise;
        t.flags = kPromise;
        t.attitude = Attitude::InDifficulty;
        t.text = phraseId(Phrase::PromiseDate, 4); // "Pide aplazar al {fecha}; aceptamos"
        t.invoices[0] = k;
        t.invoiceCount = 1;
        t.amount = inv_[k].outstanding();
        t.currency = inv_[k].currency;
        t.date = newDue;
        if (!talk(day, t)) return;
        const auto ts = stamp(day);
        if (!ts) return;
        Step& s = add(StepKind::InvoiceDue, *ts, -1);
        s.ref = inv_[k].slot;
        s.date = newDue;
        inv_[k].due = newDue;
        refresh();
        setStage(day, Stage::NotDue, phraseId(Phrase::StageNotDue, static_cast<unsigned>(rng_.below(2))),
                 newDue);
        if (keeps()) push(rng_.between(day + 1, newDue), Do::PromisedPay, 0, t.amount, t.currency);
        return next(newDue + rng_.between(2, 6), 0);
    }
    }
}

void Story::fixContact(std::int32_t day) {
    const auto ts = stamp(day);
    if (!ts) return;
    const unsigned how = rng_.weighted({60, 30, 10});
    const std::int64_t seed = static_cast<std::int64_t>(rng_.next() >> 1);
    if (how == 1 || removedContacts_ == (1u << d_.shape.contacts) - 1) {
        add(StepKind::ContactAdd, *ts, -1).amount = seed;
        return;
    }
    unsigned k = 0;
    while (removedContacts_ & (1u << k)) ++k;
    if (how == 2 && d_.shape.contacts > 1) {
        unsigned last = d_.shape.contacts - 1u;
        while (last > 0 && (removedContacts_ & (1u << last))) --last;
        if (last > 0) {
            add(StepKind::ContactRemove, *ts, -1).a = u8(last);
            removedContacts_ |= 1u << last;
            return;
        }
    }
    Step& s = add(StepKind::ContactUpdate, *ts, -1);
    s.a = u8(k);
    s.amount = seed;
}

void Story::firmLetter(std::int32_t day, const std::vector<std::uint32_t>& late) {
    static constexpr unsigned kPlan[] = {0, 200, 450, 150, 0};
    if (rng_.chance(kPlan[static_cast<unsigned>(d_.segment)]) && agreePlan(day, late)) return;
    Talk t;
    const bool letter = rng_.chance(500);
    t.channel = letter ? Channel::Letter : Channel::Email;
    t.flags = u8(letter && rng_.chance(400) ? kFormalClaim : 0);
    t.text = drawPhrase(rng_, letter ? Phrase::FirmLetter : Phrase::FirmEmail);
    fillInvoices(t, late);
    t.currency = inv_[late.front()].currency;
    t.amount = outstandingOf(overdue(day, t.currency));
    if (!talk(day, t)) return;
    static constexpr unsigned kPays[] = {700, 450, 150, 50, 0};
    if (rng_.chance(kPays[static_cast<unsigned>(d_.segment)])) settleSoon(day, 3, 12);
    next(day + rng_.between(12, 20), 5);
}

void Story::burofax(std::int32_t day, const std::vector<std::uint32_t>& late) {
    Talk t;
    t.channel = Channel::Burofax;
    t.flags = kFormalClaim;
    t.text = drawPhrase(rng_, Phrase::Burofax);
    fillInvoices(t, late);
    t.currency = inv_[late.front()].currency;
    t.amount = outstandingOf(overdue(day, t.currency));
    t.author = kLead;
    if (!talk(day, t)) return;
    escalate(day, Stage::FormalDemand, Phrase::StageFormalDemand);
    if (!tagged_ && rng_.chance(400)) {
        const auto ts = stamp(day);
        if (!ts) return;
        add(StepKind::DebtorTag, *ts, kLead);
        tagged_ = true;
    }
    if (d_.assignee != kLead && rng_.chance(500)) reassign(day, kLead);
    switch (d_.segment) {
    case Segment::Punctual:
    case Segment::Slip:
        if (rng_.chance(600)) settleSoon(day, 3, 10);
        break;
    case Segment::Chronic: {
        const unsigned r = rng_.weighted({30, 25, 45});
        if (r < 2) { // the burofax works: the debtor calls to negotiate
            collecting_ = true;
            push(day + rng_.between(2, 8), Do::Negotiate, 0, 0, 0, static_cast<std::int32_t>(r));
            return;
        }
        break;
    }
    default:
        if (rng_.chance(200)) push(day + rng_.between(3, 8), Do::Refuse);
        break;
    }
    next(day + rng_.between(20, 35), 6);
}

// After a burofax: a payment plan (way 0) or a promise (way 1).
void Story::negotiate(std::int32_t day, std::int32_t way) {
    collecting_ = false;
    const auto late = overdue(day);
    if (late.empty() || busy()) return;
    if (way == 0 && agreePlan(day, late)) return;
    const std::int32_t due = promise(day, Channel::Call, late, false);
    if (due >= 0) next(due + rng_.between(3, 6), 6);
}

void Story::refuse(std::int32_t day) {
    const auto late = overdue(day);
    if (late.empty() || busy()) return;
    Talk r;
    r.channel = Channel::Call;
    r.flags = kInbound;
    r.outcome = Outcome::Refusal;
    r.attitude = Attitude::Hostile;
    r.text = drawPhrase(rng_, Phrase::Refusal);
    fillInvoices(r, late);
    talk(day, r);
}

// --- promises ------------------------------------------------------------------------------------

Attitude Story::promiseAttitude() {
    switch (d_.segment) {
    case Segment::Punctual:
        return rng_.chance(600) ? Attitude::Cooperative : Attitude::Forgot;
    case Segment::Slip:
        return rng_.chance(550) ? Attitude::Forgot : Attitude::Cooperative;
    case Segment::Chronic: {
        static constexpr Attitude kA[] = {Attitude::InDifficulty, Attitude::InDifficulty,
                                          Attitude::Cooperative, Attitude::Evasive};
        return rng_.pick(kA);
    }
    default:
        return rng_.chance(600) ? Attitude::Evasive : Attitude::InDifficulty;
    }
}

bool Story::keeps() {
    static constexpr unsigned kKept[] = {900, 750, 400, 120, 0};
    return rng_.chance(kKept[static_cast<unsigned>(d_.segment)]);
}

// A promise to pay what is overdue (or part of it); returns its due day, -1 if not made.
std::int32_t Story::promise(std::int32_t day, Channel channel, const std::vector<std::uint32_t>& late,
                            bool partial, Phrase bank, int author) {
    const std::uint8_t currency = inv_[late.front()].currency;
    const auto same = overdue(day, currency);
    std::int64_t amount = outstandingOf(same);
    if (partial) {
        const std::int64_t unit = minorPerMajor(currencyAt(currency));
        amount = std::max(unit, amount * rng_.range(30, 70) / 100 / unit * unit);
    }
    std::int32_t due = 0;
    Phrase phrase = Phrase::PromiseWeekday;
    const unsigned kind = rng_.weighted({50, 20, 30});
    const std::int32_t endOfMonth = lastWorkdayOfMonth(day);
    if (kind == 1 && endOfMonth >= day + 3) {
        due = endOfMonth;
        phrase = Phrase::PromiseEndOfMonth;
    } else if (kind == 2) {
        due = workday(day + rng_.between(10, 30));
        phrase = Phrase::PromiseDate;
    } else {
        due = workday(day + rng_.between(2, 9));
    }
    if (partial) phrase = Phrase::PromisePartial;
    if (channel == Channel::Email || channel == Channel::WhatsApp) phrase = Phrase::PromiseWritten;
    if (channel == Channel::Visit) phrase = Phrase::PromiseVisit;
    if (channel == Channel::Meeting) phrase = Phrase::PromiseMeeting;
    if (bank != Phrase::Count_) phrase = bank;
    Talk t;
    t.channel = channel;
    t.outcome = Outcome::Promise;
    t.flags = u8(kPromise | (rng_.chance(100) ? kInbound : 0));
    t.attitude = promiseAttitude();
    t.text = drawPhrase(rng_, phrase);
    // "paga el viernes" only when that Friday is this week or next.
    for (int tries = 0; tries < 8 && due - day > 6 && phraseMentions(t.text, "{dia}"); ++tries)
        t.text = drawPhrase(rng_, phrase);
    if (phraseMentions(t.text, "reconoce la deuda")) t.flags = u8(t.flags | kAcknowledges);
    fillInvoices(t, same);
    t.amount = amount;
    t.currency = currency;
    t.date = due;
    t.author = author;
    if (!talk(day, t)) return -1;
    if (stageRank(stage_) < stageRank(Stage::Negotiating)) // variant 2 is about disputes
        setStage(day, Stage::Negotiating, phraseId(Phrase::StageNegotiating, rng_.pick(kPromiseReasons)));
    // Written confirmation of what was agreed (evidence for a court, LO 1/2025), and a
    // reminder the day before it is due.
    if (channel != Channel::Email && channel != Channel::WhatsApp && rng_.chance(550))
        push(day + rng_.between(0, 1), Do::ConfirmPromise, 0, amount, currency, due);
    if (due - day >= 4 && rng_.chance(700)) push(due - 1, Do::RemindPromise, 0, amount, currency, due);
    lastKept_ = keeps();
    brokenPromiseDue_ = lastKept_ ? 0 : due;
    if (lastKept_) {
        push(rng_.between(day + 1, due), Do::PromisedPay, 0, amount, currency);
    } else if (d_.segment == Segment::Chronic && rng_.chance(350)) {
        // Broken, but something arrives a few days late.
        const std::int64_t unit = minorPerMajor(currencyAt(currency));
        const std::int64_t part = std::max(unit, amount * rng_.range(30, 60) / 100 / unit * unit);
        push(due + rng_.between(2, 10), Do::PromisedPay, 0, part, currency);
    }
    return due;
}

// amount < 0: everything overdue (settleSoon); `tells` = 1: the debtor tells us first.
void Story::promisedPay(std::int32_t day, std::int64_t amount, std::uint8_t currency, std::int32_t tells) {
    if (amount < 0) {
        const auto late = overdue(day + 1);
        if (late.empty()) return;
        if (tells == 1) {
            Talk t;
            t.channel = rng_.chance(500) ? Channel::Email : Channel::Call;
            t.flags = kInbound;
            t.outcome = Outcome::Paid;
            t.attitude = rng_.chance(500) ? Attitude::Cooperative : Attitude::Forgot;
            t.text = drawPhrase(rng_, Phrase::PaidAlready);
            fillInvoices(t, late);
            t.currency = inv_[late.front()].currency;
            t.amount = outstandingOf(overdue(day + 1, t.currency));
            if (!talk(day, t)) return;
        }
        payAll(day, day, false);
        return;
    }
    auto targets = overdue(day + 1, currency);
    for (auto k : openIn(currency))
        if (std::find(targets.begin(), targets.end(), k) == targets.end()) targets.push_back(k);
    const std::int64_t available = outstandingOf(targets);
    if (available <= 0) return;
    if (pay(day, day, currency, std::min(amount, available), targets))
        thank(day, std::min(amount, available), currency);
}

void Story::promiseNote(std::int32_t day, Phrase bank, const Item& item) {
    if (openIn(item.currency).empty() || busy()) return;
    Talk t;
    t.channel = bank == Phrase::PromiseConfirmation || rng_.chance(500) ? Channel::Email : Channel::WhatsApp;
    t.text = drawPhrase(rng_, bank);
    t.amount = item.amount;
    t.currency = item.currency;
    t.date = item.extra;
    fillInvoices(t, overdue(day, item.currency));
    talk(day, t);
}

// Confirming a payment that was chased for.
void Story::thank(std::int32_t day, std::int64_t amount, std::uint8_t currency) {
    if (!rng_.chance(450)) return;
    Talk t;
    t.channel = rng_.chance(800) ? Channel::Email : Channel::WhatsApp;
    t.attitude = Attitude::Cooperative;
    t.text = drawPhrase(rng_, Phrase::PaymentThanks);
    t.amount = amount;
    t.currency = currency;
    talk(day + rng_.between(0, 2), t);
}

} // namespace recobra::gen::story_detail
