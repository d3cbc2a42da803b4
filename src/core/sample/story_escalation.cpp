// Where a debt goes past the ladder: disputes over an invoice, payment plans, the collection
// agency, the court, settlements, write-offs and the debtors who come back to pay.
#include "core/sample/story_internal.hpp"

#include <algorithm>

namespace recobra::gen::story_detail {

namespace {

// What an amount is worth in euro cents, roughly: for thresholds only.
std::int64_t euroCents(std::int64_t minor, std::uint8_t currency) {
    switch (currency) {
    case 0:
        return minor;
    case 1:
        return minor * 100 / 108;
    case 2:
        return minor / 20;
    case 3:
        return minor / 4300;
    case 4:
        return minor / 10;
    case 5:
        return minor / 1100;
    default:
        return minor / 4;
    }
}

} // namespace

// --- disputes ------------------------------------------------------------------------------------

bool Story::startDispute(std::int32_t day, Channel channel, const std::vector<std::uint32_t>& late) {
    std::uint32_t k = kNoSlot;
    for (auto candidate : late)
        if (!inv_[candidate].disputed) {
            k = candidate;
            break;
        }
    if (k == kNoSlot) return false;
    const unsigned variant = static_cast<unsigned>(rng_.below(phraseVariants(Phrase::Dispute)));
    Talk t;
    t.channel = channel == Channel::Visit ? Channel::Call : channel;
    t.outcome = Outcome::Dispute;
    t.attitude = rng_.chance(350) ? Attitude::Hostile : Attitude::Cooperative;
    t.text = phraseId(Phrase::Dispute, variant);
    t.invoices[0] = k;
    t.invoiceCount = 1;
    if (!talk(day, t)) return true;
    const auto ts = stamp(day);
    if (!ts) return true;
    Step& s = add(StepKind::Dispute, *ts, -1);
    s.ref = inv_[k].slot;
    s.text = phraseId(Phrase::DisputeReason, variant);
    inv_[k].disputed = true;
    if (stageRank(stage_) < stageRank(Stage::Negotiating))
        setStage(day, Stage::Negotiating, phraseId(Phrase::StageNegotiating, 2)); // a claim is open
    push(day + rng_.between(7, 35), Do::DisputeResolve, k);
    return true;
}

void Story::resolveDispute(std::int32_t day, std::uint32_t k) {
    auto& v = inv_[k];
    if (!v.disputed || v.voided) return;
    const unsigned how =
        d_.segment == Segment::WontPay ? rng_.weighted({15, 15, 70}) : rng_.weighted({35, 20, 45});
    if (how == 0) { // credit note
        const auto ts = stamp(day);
        if (!ts) return;
        Step& s = add(StepKind::Void, *ts, -1);
        s.ref = v.slot;
        s.text = drawPhrase(rng_, Phrase::DisputeCreditVoid);
        v.voided = true;
        refresh();
    } else {
        Talk t;
        t.attitude = Attitude::Cooperative;
        t.invoices[0] = k;
        t.invoiceCount = 1;
        const std::uint8_t pct = u8(rng_.between(5, 30));
        t.n = pct;
        t.text = drawPhrase(rng_, how == 1 ? Phrase::DisputeDiscount : Phrase::DisputeRejected);
        // Variant 3 of the rejections is a meeting; the others an email or a call.
        t.channel = t.text == phraseId(Phrase::DisputeRejected, 3) ? Channel::Meeting
                    : rng_.chance(500)                             ? Channel::Email
                                                                   : Channel::Call;
        if (!talk(day, t)) return;
        if (how == 1) {
            const std::int64_t lowered = std::max<std::int64_t>(100, v.amount * (100 - pct) / 100);
            const auto ts = stamp(day);
            if (!ts) return;
            Step& s = add(StepKind::InvoiceAmount, *ts, -1);
            s.ref = v.slot;
            s.amount = lowered;
            v.amount = lowered;
            v.paid = std::min(v.paid, v.amount);
            refresh();
        }
        const auto ts = stamp(day);
        if (!ts) return;
        Step& s = add(StepKind::Undispute, *ts, -1);
        s.ref = v.slot;
        s.text = drawPhrase(rng_, Phrase::DisputeCleared);
        v.disputed = false;
    }
    if (!overdue(day + 1).empty() && stage_ == Stage::Negotiating && rng_.chance(500))
        setStage(day, Stage::Overdue, phraseId(Phrase::StageOverdue, 0));
    if (!collecting_ && !busy()) next(day + rng_.between(3, 10), std::max(level_, 1));
}

// --- payment plans -------------------------------------------------------------------------------

Step* Story::addCovering(StepKind kind, std::int32_t day, const std::vector<std::uint32_t>& list, int author) {
    if (list.empty() || list.size() > 255) return nullptr;
    const auto ts = stamp(day);
    if (!ts) return nullptr;
    Step& s = add(kind, *ts, author);
    s.ref = static_cast<std::uint32_t>(plan_.invoiceRefs.size());
    s.count = u8(list.size());
    for (auto k : list) plan_.invoiceRefs.push_back(inv_[k].slot);
    s.currency = inv_[list.front()].currency;
    return &s;
}

void Story::forgive(const std::vector<std::uint32_t>& list) {
    for (auto k : list) inv_[k].paid = std::max(inv_[k].paid, inv_[k].amount);
}

// A plan of 2 to 6 monthly installments over what is overdue, recorded as a plan (plan.agreed):
// the fold puts the case in the plan's stage; some plans carry grace days and an acceleration
// clause.
bool Story::agreePlan(std::int32_t day, const std::vector<std::uint32_t>& late) {
    if (late.empty()) return false;
    const std::uint8_t currency = inv_[late.front()].currency;
    const auto same = overdue(day, currency);
    const std::int64_t total = outstandingOf(same);
    const std::int64_t unit = minorPerMajor(currencyAt(currency));
    const unsigned count = static_cast<unsigned>(rng_.between(2, d_.segment == Segment::Chronic ? 6 : 4));
    const std::int64_t each = total / count / unit * unit;
    if (each <= 0) return false;
    const std::int32_t due = workday(day + rng_.between(7, 15));
    Talk t;
    t.channel = static_cast<Channel>(rng_.weighted({50, 25, 0, 0, 0, 0, 5, 20}));
    t.attitude = Attitude::InDifficulty;
    t.text = drawPhrase(rng_, Phrase::PlanAgreed);
    fillInvoices(t, same);
    t.amount = each;
    t.currency = currency;
    t.date = due;
    t.n = u8(count);
    if (!talk(day, t)) return true;
    Step* s = addCovering(StepKind::PlanAgree, day, same);
    if (!s) return true;
    s->amount = total;
    s->date = due;
    s->n = u8(count);
    static constexpr int kGraceDays[] = {0, 3, 5, 7};
    const int grace = rng_.pick(kGraceDays);
    s->a = u8(grace);
    s->b = rng_.chance(500) ? 1 : 0;
    s->text = drawPhrase(rng_, Phrase::StagePaymentPlan);
    inPlan_ = true;
    installments_ = PlanState{1, count, each, total - each * (count - 1), currency, due, false, stage_, grace};
    if (!(stage_ && isClosed(*stage_))) stage_ = Stage::PaymentPlan; // as the fold does
    schedulePlanPayment(day);
    return true;
}

void Story::schedulePlanPayment(std::int32_t day) {
    // Each installment kept or not: about two plans in three are paid to the end.
    static constexpr unsigned kKept[] = {990, 975, 900, 700, 0};
    installments_.kept = rng_.chance(kKept[static_cast<unsigned>(d_.segment)]);
    if (installments_.kept)
        push(rng_.between(day + 1, installments_.due), Do::PromisedPay, 0, installmentAmount(),
             installments_.currency);
    // A missed one is noticed after its grace days, sometimes late (the plan stands broken
    // by its acceleration clause until it is cancelled).
    push(installments_.due + installments_.grace + rng_.between(1, 12), Do::PlanCheck);
}

void Story::planCheck(std::int32_t day) {
    if (!inPlan_) return;
    if (!installments_.kept) {
        Talk t;
        t.channel = Channel::Call;
        t.outcome = rng_.chance(500) ? Outcome::NoAnswer : Outcome::Other;
        t.attitude = t.outcome == Outcome::NoAnswer ? Attitude::Unknown : Attitude::InDifficulty;
        // Variant 0: nobody answers; the others are what the debtor or the bank said.
        t.text = t.outcome == Outcome::NoAnswer ? phraseId(Phrase::PlanBroken, 0)
                                                : drawBetween(Phrase::PlanBroken, 1, 2);
        if (!talk(day, t)) return;
        // The plan given up (plan.cancelled): the fold returns the case to its earlier stage.
        const auto ts = stamp(day);
        if (!ts) return;
        Step& s = add(StepKind::PlanCancel, *ts, -1);
        s.text = t.text;
        inPlan_ = false;
        if (stage_ == Stage::PaymentPlan) stage_ = installments_.before;
        setStage(day, Stage::Overdue, phraseId(Phrase::StageOverdue, 2));
        return next(day + rng_.between(5, 10), 5);
    }
    if (installments_.installment >= installments_.count || !owes()) {
        // Paid in full: the fold ended the plan with the last payment.
        inPlan_ = false;
        if (stage_ == Stage::PaymentPlan) stage_ = installments_.before;
        refresh();
        if (!overdue(day).empty()) next(day + rng_.between(3, 8), 1);
        return;
    }
    ++installments_.installment;
    const std::int32_t due =
        workday(Date::fromDaysSinceEpoch(installments_.due).addMonths(1).daysSinceEpoch());
    installments_.due = due;
    push(std::max(day, due - rng_.between(2, 5)), Do::Installment);
}

// A call before the next installment: a reminder of its day and amount.
void Story::installmentCall(std::int32_t when) {
    if (!inPlan_) return;
    const std::int32_t due = installments_.due;
    Talk t;
    t.channel = rng_.chance(600) ? Channel::Call : Channel::Email;
    t.attitude = Attitude::Cooperative;
    t.text = drawPhrase(rng_, Phrase::InstallmentReminder);
    t.amount = installmentAmount();
    t.currency = installments_.currency;
    t.date = due;
    fillInvoices(t, openIn(installments_.currency));
    if (!talk(when, t)) return;
    schedulePlanPayment(when);
}

// --- early-payment discounts ---------------------------------------------------------------------

// After a reminder: 2 to 5 % off everything owed in the currency if paid within two weeks
// (offer.made); most who take it pay in time, the others let it lapse.
void Story::offerDiscount(std::int32_t day, std::uint8_t currency) {
    const auto open = openIn(currency);
    const std::int64_t owed = outstandingOf(open);
    const std::int64_t unit = minorPerMajor(currencyAt(currency));
    const std::uint8_t pct = u8(rng_.between(2, 5));
    const std::int64_t pay = (owed - owed * pct / 100) / unit * unit;
    if (pay <= 0 || pay >= owed) return;
    const std::int32_t deadline = workday(day + rng_.between(7, 14));
    Step* s = addCovering(StepKind::Offer, day, open);
    if (!s) return;
    s->amount = pay;
    s->date = deadline;
    s->a = u8(OfferKind::Discount);
    s->n = pct;
    s->text = drawPhrase(rng_, Phrase::ReminderEmail);
    if (rng_.chance(650)) push(rng_.between(day + 1, deadline), Do::DiscountPay, 0, pay, currency);
}

void Story::discountPay(std::int32_t day, std::int64_t amount, std::uint8_t currency) {
    const auto open = openIn(currency);
    if (closed_ || open.empty() || !pay(day, day, currency, amount, open)) return;
    forgive(open); // the fold lets the rest go and closes the case as paid
    refresh();
}

void Story::handOver(std::int32_t day, const std::vector<std::uint32_t>& late) {
    const std::uint8_t currency = inv_[late.front()].currency;
    const std::int64_t euros = euroCents(outstandingOf(overdue(day, currency)), currency);
    if (euros < 30'000) { // under 300 €: not worth an agency's fee
        writeOff(day, 2);
        return;
    }
    Talk t;
    t.channel = Channel::Email;
    t.text = drawPhrase(rng_, Phrase::AgencyHandover);
    fillInvoices(t, late);
    t.author = kLead;
    if (!talk(day, t)) return;
    setStage(day, Stage::Agency, drawPhrase(rng_, Phrase::StageAgency), 0, 0, kLead);
    agency_ = true;
    push(day + rng_.between(15, 40), Do::AgencyStep, 0, 0, 0, 0);
}

void Story::agencyStep(std::int32_t day, std::int32_t round) {
    const auto late = overdue(day);
    if (late.empty()) {
        agency_ = false;
        return;
    }
    const unsigned what = rng_.weighted({22, 16, 62});
    if (what == 0) { // the agency gets a promise
        const std::int32_t due = promise(day, Channel::Visit, late, false, Phrase::AgencyPromise, kLead);
        if (due < 0) return;
        push(due + rng_.between(5, 15), Do::AgencyStep, 0, 0, 0, round + 1);
        return;
    }
    if (what == 1) return settle(day, late);
    Talk t;
    t.channel = rng_.chance(500) ? Channel::Visit : Channel::Call;
    t.text = drawPhrase(rng_, Phrase::AgencyUpdate);
    // Variants 0 and 1: the debtor was not found; the others are news from the debtor.
    t.outcome = t.text < phraseId(Phrase::AgencyUpdate, 2) ? Outcome::NoAnswer : Outcome::Other;
    t.author = kLead;
    if (!talk(day, t)) return;
    if (round < rng_.between(2, 6)) {
        push(day + rng_.between(20, 45), Do::AgencyStep, 0, 0, 0, round + 1);
        return;
    }
    const std::uint8_t currency = inv_[late.front()].currency;
    const std::int64_t euros = euroCents(outstandingOf(overdue(day, currency)), currency);
    if (euros >= 100'000 && rng_.chance(750)) return push(day + rng_.between(10, 30), Do::Court);
    const std::int32_t when = day + rng_.between(5, 20);
    const unsigned why = rng_.chance(500) ? 3 : static_cast<unsigned>(rng_.below(2));
    push(when, Do::WriteOff, 0, 0, 0, static_cast<std::int32_t>(why));
}

void Story::goToCourt(std::int32_t day) {
    const auto late = overdue(day);
    if (late.empty()) return;
    Talk t;
    t.channel = Channel::Letter;
    t.flags = kFormalClaim;
    t.text = drawPhrase(rng_, Phrase::LegalFiled);
    fillInvoices(t, late);
    t.currency = inv_[late.front()].currency;
    t.amount = outstandingOf(overdue(day, t.currency));
    t.author = kLead;
    if (!talk(day, t)) return;
    setStage(day, Stage::Legal, drawPhrase(rng_, Phrase::StageLegal), 0, 0, kLead);
    agency_ = false;
    legal_ = true;
    push(day + rng_.between(30, 90), Do::LegalStep, 0, 0, 0, 0);
}

void Story::legalStep(std::int32_t day, std::int32_t round) {
    if (overdue(day).empty()) {
        legal_ = false;
        return;
    }
    Talk t;
    t.channel = Channel::Letter;
    t.text = drawPhrase(rng_, Phrase::LegalUpdate);
    t.author = kLead;
    if (!talk(day, t)) return;
    const unsigned what = rng_.weighted({35, 25, 40});
    if (what == 0) { // pays once required by the court
        push(day + rng_.between(10, 30), Do::PromisedPay, 0, -1);
        legal_ = false;
        return;
    }
    if (what == 1 && round >= 1) return push(day + rng_.between(30, 90), Do::WriteOff, 0, 0, 0, 4);
    if (round < 3) push(day + rng_.between(45, 120), Do::LegalStep, 0, 0, 0, round + 1);
}

// A settlement (quita, offer.made): part of the debt paid by a deadline, the rest forgiven.
void Story::settle(std::int32_t day, const std::vector<std::uint32_t>& late) {
    const std::uint8_t currency = inv_[late.front()].currency;
    const auto open = openIn(currency);
    const std::int64_t owed = outstandingOf(open);
    const std::int64_t unit = minorPerMajor(currencyAt(currency));
    const std::uint8_t pct = u8(rng_.between(50, 85));
    const std::int64_t amount = std::max(unit, owed * pct / 100 / unit * unit);
    if (amount >= owed) return;
    const std::int32_t due = workday(day + rng_.between(7, 20));
    Talk t;
    t.channel = rng_.chance(500) ? Channel::Meeting : Channel::Call;
    t.outcome = Outcome::Promise;
    t.flags = kPromise;
    t.attitude = Attitude::InDifficulty;
    t.text = drawPhrase(rng_, Phrase::SettlementOffer);
    fillInvoices(t, open);
    t.amount = amount;
    t.currency = currency;
    t.date = due;
    t.author = kLead;
    if (!talk(day, t)) return;
    if (Step* s = addCovering(StepKind::Offer, day, open, kLead)) {
        s->amount = amount;
        s->date = due;
        s->a = u8(OfferKind::Settlement);
        s->text = t.text;
    }
    if (!rng_.chance(750)) { // not paid after all: the offer lapses, the agency goes on
        push(due + rng_.between(10, 25), Do::AgencyStep, 0, 0, 0, 3);
        return;
    }
    push(rng_.between(day + 1, due), Do::SettlementPay, 0, amount, currency, pct);
}

void Story::settlementPay(std::int32_t day, std::int64_t amount, std::uint8_t currency, std::int32_t) {
    if (!agency_) return;
    const auto open = openIn(currency);
    if (!pay(day, day, currency, amount, open)) return;
    agency_ = false;
    if (!owes()) return; // nothing left (rounding): closed as paid by the fold already
    // Paid in time: the fold lets the rest go and closes the case as settled.
    forgive(open);
    stage_ = Stage::ClosedSettled;
    closed_ = true;
}

// --- closing -------------------------------------------------------------------------------------

void Story::writeOff(std::int32_t day, unsigned why) {
    if (!owes()) return;
    if (!setStage(day, Stage::ClosedWrittenOff, phraseId(Phrase::StageClosedWrittenOff, why), 0, 0, kLead))
        return;
    agency_ = legal_ = false;
    closed_ = true;
    if (rng_.chance(200)) push(day + rng_.between(30, 240), Do::Recover);
}

// A written-off debtor comes back and pays everything.
void Story::recover(std::int32_t day) {
    std::vector<std::uint32_t> all;
    for (std::uint32_t k = 0; k < inv_.size(); ++k)
        if (inv_[k].open()) all.push_back(k);
    if (all.empty()) return;
    Talk t;
    t.channel = Channel::Call;
    t.flags = kInbound;
    t.outcome = Outcome::Paid;
    t.attitude = Attitude::Cooperative;
    t.text = drawPhrase(rng_, Phrase::Recovery);
    fillInvoices(t, all);
    t.currency = inv_[all.front()].currency;
    t.amount = outstandingOf(openIn(t.currency));
    if (!talk(day, t)) return;
    payEverything(day);
    if (setStage(day, Stage::ClosedPaid, phraseId(Phrase::StageClosedPaid, 0), 0, 0, kLead)) closed_ = false;
}

void Story::payRest(std::int32_t day) {
    payEverything(day);
    if (setStage(day, Stage::ClosedPaid, phraseId(Phrase::StageClosedPaid, 1), 0, 0, kLead)) closed_ = false;
}

} // namespace recobra::gen::story_detail
