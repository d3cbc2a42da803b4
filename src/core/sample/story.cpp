// A debtor's story, from the top: planDebtor(), who the debtor is and what they buy, the
// agenda that runs the story day by day, the routine events around an invoice (issue,
// payment on time, reminders before the due date, notes) and the debts that are already
// prescribed. The ladder and what follows it are in story_collection.cpp and
// story_escalation.cpp; writing steps and moving money in story_steps.cpp.
#include "core/sample/story.hpp"

#include "core/sample/story_internal.hpp"
#include "core/values/rounding.hpp"

#include <algorithm>

namespace recobra::gen {

CurrencyCode currencyAt(std::uint8_t index) {
    static constexpr const char* kCodes[] = {"EUR", "USD", "MXN", "COP", "CLP", "ARS", "PEN"};
    return *CurrencyCode::parse(kCodes[index % kCurrencyCount]);
}

static_assert(sizeof(Step) <= 40, "a step per event, millions of them");

namespace story_detail {

void Story::run() {
    drawProfile();
    if (d_.segment == Segment::Legacy) return legacyStory();
    drawInvoices();
    if (!registerDebtor()) return;
    for (std::uint32_t k = 0; k < inv_.size(); ++k) push(inv_[k].issue, Do::Issue, k);
    if (rng_.chance(300)) push(rng_.between(regDay_ + 1, w_.referenceDay - 1), Do::Note);
    if (rng_.chance(90)) push(rng_.between(regDay_ + 1, w_.referenceDay - 1), Do::Note);
    if (rng_.chance(40) && w_.members > 1)
        push(rng_.between(regDay_ + 30, w_.referenceDay - 1), Do::Reassign);
    // Quarterly statements of account to regular business customers.
    const bool business = d_.shape.kind != DebtorKind::Consumer && d_.shape.kind != DebtorKind::Autonomo;
    if (business && d_.relationship == Relationship::Regular && rng_.chance(700)) {
        for (std::int32_t day = regDay_ + rng_.between(60, 100); day < w_.referenceDay;
             day += rng_.between(85, 95))
            push(day, Do::Statement);
    }
    while (!agenda_.empty() && !done_) {
        const Item item = pop();
        if (item.day >= w_.referenceDay) break;
        dispatch(item);
    }
}

// --- who the debtor is ---------------------------------------------------------------------------

void Story::drawProfile() {
    auto& s = d_.shape;
    const unsigned countryDraw = rng_.weighted({900, 25, 20, 15, 20, 20});
    s.country = static_cast<Country>(countryDraw);
    const bool spain = s.country == Country::ES;
    s.kind = static_cast<DebtorKind>(spain ? rng_.weighted({20, 26, 42, 8, 2})
                                           : rng_.weighted({18, 14, 55, 13, 0}));
    const bool person = s.kind == DebtorKind::Consumer || s.kind == DebtorKind::Autonomo;
    s.foreignResident = spain && person && rng_.chance(80);
    s.contactName = drawFirstName(rng_, s.foreignResident);
    if (person)
        s.contacts = u8(rng_.chance(150) ? 2 : 1);
    else if (s.kind == DebtorKind::PublicAdministration)
        s.contacts = u8(rng_.between(1, 2));
    else
        s.contacts = u8(rng_.weighted({0, 50, 35, 15}));
    d_.relationship = rng_.chance(s.kind == DebtorKind::PublicAdministration ? 900 : 700)
                          ? Relationship::Regular
                          : Relationship::Occasional;
    switch (s.kind) {
    case DebtorKind::Consumer:
        d_.segment = static_cast<Segment>(rng_.weighted({28, 30, 26, 16}));
        break;
    case DebtorKind::Autonomo:
        d_.segment = static_cast<Segment>(rng_.weighted({30, 30, 27, 13}));
        break;
    case DebtorKind::Sme:
        d_.segment = static_cast<Segment>(rng_.weighted({31, 31, 25, 13}));
        break;
    case DebtorKind::LargeCompany:
        d_.segment = static_cast<Segment>(rng_.weighted({40, 42, 15, 3}));
        break;
    case DebtorKind::PublicAdministration:
        d_.segment = static_cast<Segment>(rng_.weighted({10, 65, 25, 0}));
        break;
    }
    if (s.kind != DebtorKind::PublicAdministration && rng_.chance(14)) d_.segment = Segment::Legacy;
    d_.assignee = static_cast<std::int8_t>(rng_.chance(750) ? static_cast<int>(rng_.below(w_.members)) : -1);
}

// --- invoices ------------------------------------------------------------------------------------

std::uint8_t Story::drawCurrency() {
    if (d_.shape.country == Country::ES) return u8(rng_.chance(8) ? 1 : 0);
    const unsigned which = rng_.weighted({50, 25, 25});
    if (which == 1) return 1;                               // USD
    if (which == 2) return 0;                               // EUR
    return u8(static_cast<unsigned>(d_.shape.country) + 1); // MX → 2 (MXN) … PE → 6 (PEN)
}

// Invoice totals: 80 € to 25,000 €, most of them small; VAT at 21 % on a round or exact net.
std::int64_t Story::drawAmount(std::uint8_t currency) {
    static constexpr std::int64_t kBuckets[] = {67, 165, 413, 826, 2066, 4132, 8264, 20661}; // net euros
    unsigned bucket = 0;
    switch (d_.shape.kind) {
    case DebtorKind::Consumer:
        bucket = rng_.weighted({38, 35, 17, 7, 2, 1, 0});
        break;
    case DebtorKind::LargeCompany:
    case DebtorKind::PublicAdministration:
        bucket = rng_.weighted({4, 12, 18, 24, 20, 15, 7});
        break;
    default:
        bucket = rng_.weighted({16, 26, 22, 17, 10, 6, 3});
        break;
    }
    const std::int64_t lo = kBuckets[bucket], hi = kBuckets[bucket + 1];
    std::int64_t netCents = 0;
    if (rng_.chance(450)) {
        const std::int64_t step = lo >= 400 ? 50 : lo >= 150 ? 10 : 5;
        netCents = rng_.range((lo + step - 1) / step, hi / step) * step * 100;
    } else {
        netCents = rng_.range(lo * 100, hi * 100);
    }
    // 21 % VAT, then the currency's minor units at a plausible rate, rounded as people price
    // there: `rate / per` minor units for each euro cent, half up to a multiple of `step`.
    const std::int64_t gross = *divideRounded(Int128{netCents} * 121, 100, Rounding::HalfUp);
    auto priced = [gross](std::int64_t rate, std::int64_t per, std::int64_t step) {
        return *divideRounded(Int128{gross} * rate, Int128{per} * step, Rounding::HalfUp) * step;
    };
    switch (currency) {
    case 0:
        return gross;
    case 1:
        return priced(108, 100, 1); // USD 1.08
    case 2:
        return priced(20, 1, 100); // MXN 20, whole pesos
    case 3:
        return priced(4300, 1, 100'000); // COP 4,300, thousands
    case 4:
        return priced(10, 1, 100); // CLP 1,000 (no minor unit), hundreds
    case 5:
        return priced(1100, 1, 1000); // ARS 1,100, tens of pesos
    default:
        return gross * 4; // PEN 4
    }
}

void Story::drawInvoices() {
    const bool regular = d_.relationship == Relationship::Regular;
    const unsigned count =
        regular ? 1 + rng_.weighted({14, 17, 18, 16, 12, 8, 6, 4, 3, 2}) : 1 + rng_.weighted({60, 30, 10});
    // First sale: regular customers mostly early in the two years, occasional ones anywhere.
    const std::int32_t span = w_.referenceDay - 20 - w_.windowStart;
    std::int32_t first = 0;
    if (regular) {
        const auto a = rng_.range(0, span);
        const auto b = rng_.range(0, span);
        first = w_.windowStart + static_cast<std::int32_t>(std::min(a, b));
    } else {
        first = w_.windowStart + static_cast<std::int32_t>(rng_.range(0, span));
    }
    regDay_ = std::max(w_.windowStart, first - rng_.between(0, 10));
    const std::int32_t last = regular ? w_.referenceDay - 3 : std::min(w_.referenceDay - 3, first + 150);
    std::vector<std::int32_t> days{first};
    for (unsigned k = 1; k < count; ++k) days.push_back(rng_.between(first, std::max(first, last)));
    std::sort(days.begin(), days.end());
    for (std::int32_t issue : days) inv_.push_back(makeInvoice(issue));
}

Story::Inv Story::makeInvoice(std::int32_t issue) {
    Inv v;
    v.issue = issue;
    v.currency = drawCurrency();
    v.amount = drawAmount(v.currency);
    int terms = 30;
    switch (d_.shape.kind) {
    case DebtorKind::Consumer:
        terms = static_cast<int>(rng_.weighted({35, 35, 30})) * 15;
        break;
    case DebtorKind::Autonomo:
        terms = rng_.chance(500) ? 15 : 30;
        break;
    case DebtorKind::Sme: {
        static constexpr int kTerms[] = {30, 45, 60, 90};
        terms = kTerms[rng_.weighted({40, 10, 35, 15})];
        break;
    }
    case DebtorKind::LargeCompany:
        terms = rng_.chance(600) ? 60 : 90;
        break;
    case DebtorKind::PublicAdministration:
        terms = 30;
        break;
    }
    v.due = issue + terms;
    v.description = drawPhrase(rng_, Phrase::InvoiceDescription);
    // Will it need chasing?
    static constexpr unsigned kLate[] = {250, 780, 930, 980, 0};
    v.late = rng_.chance(kLate[static_cast<unsigned>(d_.segment)]);
    return v;
}

// --- the agenda ----------------------------------------------------------------------------------

void Story::push(std::int32_t day, Do what, std::uint32_t inv, std::int64_t amount, std::uint8_t currency,
                 std::int32_t extra) {
    agenda_.push_back(Item{day, order_++, what, inv, amount, currency, extra});
}

Item Story::pop() {
    auto best = agenda_.begin();
    for (auto it = agenda_.begin(); it != agenda_.end(); ++it)
        if (it->day < best->day || (it->day == best->day && it->order < best->order)) best = it;
    const Item item = *best;
    agenda_.erase(best);
    return item;
}

void Story::dispatch(const Item& item) {
    const std::int32_t day = workday(item.day);
    switch (item.what) {
    case Do::Issue:
        return issue(day, item.inv);
    case Do::ErrorVoid:
        return errorVoid(day, item.inv);
    case Do::PreDue:
        return preDue(day, item.inv);
    case Do::PayOnTime:
        return payOnTime(day, item.inv);
    case Do::Collect:
        return collect(day);
    case Do::PromisedPay:
        return promisedPay(day, item.amount, item.currency, item.extra);
    case Do::PlanCheck:
        return planCheck(day);
    case Do::DisputeResolve:
        return resolveDispute(day, item.inv);
    case Do::AgencyStep:
        return agencyStep(day, item.extra);
    case Do::LegalStep:
        return legalStep(day, item.extra);
    case Do::Recover:
        return recover(day);
    case Do::PayRest:
        return payRest(day);
    case Do::Inbound:
        return inbound(day, item.inv);
    case Do::Note:
        return note(day);
    case Do::Reassign:
        return reassign(day, -1);
    case Do::Negotiate:
        return negotiate(day, item.extra);
    case Do::Refuse:
        return refuse(day);
    case Do::Installment:
        return installmentCall(day);
    case Do::Court:
        return goToCourt(day);
    case Do::WriteOff:
        return writeOff(day, static_cast<unsigned>(item.extra));
    case Do::SettlementPay:
        return settlementPay(day, item.amount, item.currency, item.extra);
    case Do::ConfirmPromise:
        return promiseNote(day, Phrase::PromiseConfirmation, item);
    case Do::RemindPromise:
        return promiseNote(day, Phrase::PromiseReminder, item);
    case Do::Statement:
        return statement(day);
    case Do::DiscountPay:
        return discountPay(day, item.amount, item.currency);
    }
}

// --- routine events ------------------------------------------------------------------------------

bool Story::registerDebtor() {
    const auto ts = stamp(regDay_);
    if (!ts) return false;
    add(StepKind::Register, *ts,
        rng_.chance(700) ? kLead : static_cast<int>(std::min<unsigned>(kAdmin, w_.members - 1)));
    return true;
}

void Story::issue(std::int32_t day, std::uint32_t k) {
    // No more sales to a customer whose debts went to a formal claim or beyond.
    if (stageRank(stage_) >= 4) return;
    const auto ts = stamp(day);
    if (!ts) return;
    auto& v = inv_[k];
    v.slot = static_cast<std::uint32_t>(plan_.invoices.size());
    InvoicePlan p;
    p.amount = v.amount;
    p.debtor = debtor_;
    p.issue = v.issue;
    p.due = v.due;
    p.description = v.description;
    p.currency = v.currency;
    p.kind = d_.shape.kind == DebtorKind::Consumer               ? InvoiceKind::B2C
             : d_.shape.kind == DebtorKind::PublicAdministration ? InvoiceKind::PublicAdministration
                                                                 : InvoiceKind::B2B;
    plan_.invoices.push_back(p);
    add(StepKind::Invoice, *ts, kAdmin < w_.members ? kAdmin : kLead).ref = v.slot;
    refresh();

    if (rng_.chance(12)) { // issued by mistake: voided and issued again
        push(day + rng_.between(1, 10), Do::ErrorVoid, k);
        return;
    }
    static constexpr unsigned kPreDue[] = {400, 550, 550, 400, 0};
    if (v.due - v.issue >= 10 && rng_.chance(kPreDue[static_cast<unsigned>(d_.segment)]))
        push(v.due - rng_.between(2, 5), Do::PreDue, k);
    if (rng_.chance(250)) push(day + rng_.between(3, 25), Do::Inbound, k);
    if (!v.late) {
        push(std::max(v.issue + 1, v.due + rng_.between(-12, 3)), Do::PayOnTime, k);
    } else if (!collecting_ && !busy()) {
        collecting_ = true;
        level_ = 0;
        push(v.due + rng_.between(1, 6), Do::Collect);
    }
}

void Story::errorVoid(std::int32_t day, std::uint32_t k) {
    auto& v = inv_[k];
    if (v.voided || v.paid > 0 || !v.issued()) return;
    const auto ts = stamp(day);
    if (!ts) return;
    add(StepKind::Void, *ts, kAdmin < w_.members ? kAdmin : kLead).ref = v.slot;
    v.voided = true;
    refresh();
    Inv again = v;
    again.slot = kNoSlot;
    again.voided = false;
    again.issue = day;
    again.due = day + (v.due - v.issue);
    if (rng_.chance(500)) again.amount = drawAmount(again.currency); // the amount was the mistake
    inv_.push_back(again);
    issue(day, static_cast<std::uint32_t>(inv_.size() - 1));
}

void Story::preDue(std::int32_t day, std::uint32_t k) {
    const auto& v = inv_[k];
    if (!v.open() || busy()) return;
    Talk t;
    switch (rng_.weighted({55, 20, 25})) {
    case 0:
        t.channel = Channel::Email;
        t.text = drawPhrase(rng_, Phrase::PreDueEmail);
        break;
    case 1:
        t.channel = rng_.chance(500) ? Channel::Sms : Channel::WhatsApp;
        t.text = drawPhrase(rng_, Phrase::PreDueMessage);
        break;
    default:
        t.channel = Channel::Call;
        t.attitude = Attitude::Cooperative;
        t.text = drawPhrase(rng_, Phrase::PreDueCall);
        break;
    }
    t.invoices[0] = k;
    t.invoiceCount = 1;
    t.amount = v.outstanding();
    t.currency = v.currency;
    t.date = v.due;
    talk(day, t);
}

void Story::payOnTime(std::int32_t day, std::uint32_t k) {
    if (!inv_[k].open()) return;
    std::int64_t extra = 0;
    if (rng_.chance(15))
        extra = rng_.chance(500) ? inv_[k].outstanding() : 500 + static_cast<std::int64_t>(rng_.below(2000));
    pay(day, day, inv_[k].currency, inv_[k].outstanding(), {k}, extra);
}

void Story::inbound(std::int32_t day, std::uint32_t k) {
    if (!inv_[k].issued() || inv_[k].voided) return;
    Talk t;
    t.channel = rng_.chance(600) ? Channel::Call : Channel::Email;
    t.flags = kInbound;
    t.attitude = Attitude::Cooperative;
    t.text = drawPhrase(rng_, t.channel == Channel::Call ? Phrase::InboundCall : Phrase::InboundEmail);
    t.invoices[0] = k;
    t.invoiceCount = 1;
    t.amount = inv_[k].amount;
    t.currency = inv_[k].currency;
    t.date = inv_[k].due;
    talk(day, t);
}

void Story::note(std::int32_t day) {
    const auto ts = stamp(day);
    if (!ts) return;
    Step& s = add(StepKind::Note, *ts, -1);
    s.text = drawPhrase(rng_, !isPerson() && rng_.chance(250) ? Phrase::NoteCompany : Phrase::Note);
    s.date = day - rng_.between(20, 200);
}

void Story::reassign(std::int32_t day, int to) {
    if (to < 0) {
        to = static_cast<int>(rng_.below(w_.members));
        if (to == d_.assignee) to = (to + 1) % static_cast<int>(w_.members);
    }
    if (to == d_.assignee) return;
    const auto ts = stamp(day);
    if (!ts) return;
    add(StepKind::Assign, *ts, kLead).a = u8(to);
    d_.assignee = static_cast<std::int8_t>(to);
}

void Story::statement(std::int32_t day) {
    std::vector<std::uint32_t> open;
    for (std::uint32_t k = 0; k < inv_.size(); ++k)
        if (inv_[k].open()) open.push_back(k);
    if (open.empty() || closed_) return;
    Talk t;
    t.channel = Channel::Email;
    t.text = drawPhrase(rng_, Phrase::Statement);
    t.currency = inv_[open.front()].currency;
    t.amount = outstandingOf(openIn(t.currency));
    t.date = day;
    fillInvoices(t, open);
    t.author = kAdmin < w_.members ? kAdmin : kLead;
    talk(day, t);
}

// --- a debt older than the prescription period ---------------------------------------------------

// Brought in from an old ledger: due more than five years ago with no documented claim
// since (Código Civil art. 1964.2), so it is closed as prescribed on review.
void Story::legacyStory() {
    regDay_ =
        w_.windowStart + static_cast<std::int32_t>(rng_.range(0, w_.referenceDay - 40 - w_.windowStart));
    Inv v;
    v.issue = w_.referenceDay - 5 * 365 - rng_.between(150, 800);
    v.currency = drawCurrency();
    v.amount = drawAmount(v.currency);
    v.due = v.issue + 30 * rng_.between(1, 3);
    v.description = drawPhrase(rng_, Phrase::InvoiceDescription);
    v.late = true;
    inv_.push_back(v);
    if (!registerDebtor()) return;
    issue(regDay_, 0);
    if (!inv_[0].issued()) return;
    const std::int32_t review = regDay_ + rng_.between(1, 30);
    if (rng_.chance(400)) {
        Talk t;
        t.channel = Channel::Call;
        t.outcome = Outcome::Refusal;
        t.attitude = Attitude::Hostile;
        t.text = drawPhrase(rng_, Phrase::Refusal);
        t.invoices[0] = 0;
        t.invoiceCount = 1;
        if (!talk(review, t)) return;
    }
    setStage(review, Stage::ClosedPrescribed, drawPhrase(rng_, Phrase::StageClosedPrescribed), inv_[0].due, 0,
             kLead);
}

} // namespace story_detail

void planDebtor(const World& world, std::uint32_t debtor, Plan& plan) {
    story_detail::Story story(world, debtor, plan);
    story.run();
    plan.debtors.push_back(story.debtorPlan());
}

} // namespace recobra::gen
