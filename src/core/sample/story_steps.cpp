// The ground a debtor's story stands on: the calendar (working days), the ladder's rank of
// each stage, and the Story members that write steps (stamps, conversations, stage changes)
// and move money (what is overdue, payments and their allocations).
#include "core/sample/story_internal.hpp"

#include <algorithm>

namespace recobra::gen::story_detail {

// --- calendar ------------------------------------------------------------------------------------

int isoWeekday(std::int32_t day) {
    return static_cast<int>(((day % 7) + 7 + 3) % 7) + 1;
} // 1970-01-01: Thu

std::int32_t workday(std::int32_t day) {
    const int w = isoWeekday(day);
    return w == 6 ? day + 2 : w == 7 ? day + 1 : day;
}

std::int32_t previousWorkday(std::int32_t day) {
    const int w = isoWeekday(day);
    return w == 6 ? day - 1 : w == 7 ? day - 2 : day;
}

std::int32_t lastWorkdayOfMonth(std::int32_t day) {
    return previousWorkday(Date::fromDaysSinceEpoch(day).endOfMonth().daysSinceEpoch());
}

int stageRank(std::optional<Stage> stage) {
    if (!stage) return 0;
    switch (*stage) {
    case Stage::Reminded:
        return 1;
    case Stage::Negotiating:
        return 2;
    case Stage::PaymentPlan:
        return 3;
    case Stage::FormalDemand:
        return 4;
    case Stage::Agency:
        return 5;
    case Stage::Legal:
        return 6;
    case Stage::ClosedSettled:
    case Stage::ClosedWrittenOff:
    case Stage::ClosedPrescribed:
        return 10;
    default:
        return 0; // not due, overdue, closed as paid (reopens with the next invoice)
    }
}

// --- time and steps ------------------------------------------------------------------------------

// A moment in working hours (08:30–18:30 in Spain) on `day`, after everything before it.
std::optional<Timestamp> Story::stamp(std::int32_t day) {
    Timestamp t = static_cast<Timestamp>(workday(day)) * kDayMs + 27'000'000 +
                  static_cast<Timestamp>(rng_.below(36'000'000));
    if (t <= last_) t = last_ + 60'000 + static_cast<Timestamp>(rng_.below(900'000));
    if (t >= refTs_) {
        done_ = true;
        return std::nullopt;
    }
    last_ = t;
    return t;
}

Step& Story::add(StepKind kind, Timestamp ts, int author) {
    plan_.steps.emplace_back();
    Step& s = plan_.steps.back();
    s.kind = kind;
    s.ts = ts;
    s.debtor = debtor_;
    s.author = u8(author < 0 ? handler() : author);
    return s;
}

bool Story::talk(std::int32_t day, const Talk& t) {
    const auto ts = stamp(day);
    if (!ts) return false;
    Step& s = add(StepKind::Interaction, *ts, t.author);
    s.a = u8(t.channel);
    s.b = u8(t.outcome);
    s.c = u8(t.attitude);
    s.flags = t.flags;
    s.text = t.text;
    s.amount = t.amount;
    s.currency = t.currency;
    s.date = t.date;
    s.n = t.n;
    s.ref = static_cast<std::uint32_t>(plan_.invoiceRefs.size());
    s.count = t.invoiceCount;
    for (unsigned k = 0; k < t.invoiceCount; ++k) plan_.invoiceRefs.push_back(inv_[t.invoices[k]].slot);
    return true;
}

// Mirrors what the fold does after invoices or payments change (state.cpp, refreshDebtor):
// a debtor that owes nothing is closed as paid, one closed as paid that owes again reopens.
void Story::refresh() {
    bool any = false, owes = false;
    for (const auto& v : inv_) {
        if (!v.issued() || v.voided) continue;
        any = true;
        owes = owes || v.outstanding() > 0;
    }
    const bool closed = stage_ && isClosed(*stage_);
    if (any && !owes && !closed)
        stage_ = Stage::ClosedPaid;
    else if (owes && stage_ == Stage::ClosedPaid)
        stage_.reset();
}

// Changes the stage when the change is a real one (the fold would refuse the others).
bool Story::setStage(std::int32_t day, Stage to, PhraseId reason, std::int32_t date, std::uint8_t n,
                     int author) {
    const bool automatic = to == Stage::NotDue || to == Stage::Overdue;
    if (automatic ? !stage_ : stage_ == to) return false;
    if (to == Stage::ClosedPaid && owes()) return false;
    const auto ts = stamp(day);
    if (!ts) return false;
    Step& s = add(StepKind::Stage, *ts, author);
    s.a = u8(to);
    s.text = reason;
    s.date = date;
    s.n = n;
    if (automatic)
        stage_.reset();
    else
        stage_ = to;
    return true;
}

// Moves the case up the ladder; never down (a promise made at the agency stays there).
void Story::escalate(std::int32_t day, Stage to, Phrase reasons, std::uint8_t n) {
    if (stageRank(to) > stageRank(stage_)) setStage(day, to, drawPhrase(rng_, reasons), 0, n);
}

// A phrase of `bank` from variants [first, last] (those that fit what happened).
PhraseId Story::drawBetween(Phrase bank, unsigned first, unsigned last) {
    return phraseId(bank, first + static_cast<unsigned>(rng_.below(last - first + 1)));
}

// --- money ---------------------------------------------------------------------------------------

std::vector<std::uint32_t> Story::overdue(std::int32_t day, int currency) const {
    std::vector<std::uint32_t> out;
    for (std::uint32_t k = 0; k < inv_.size(); ++k) {
        const auto& v = inv_[k];
        if (v.open() && v.due < day && (currency < 0 || v.currency == currency)) out.push_back(k);
    }
    std::stable_sort(out.begin(), out.end(),
                     [&](std::uint32_t a, std::uint32_t b) { return inv_[a].due < inv_[b].due; });
    return out;
}

std::vector<std::uint32_t> Story::openIn(std::uint8_t currency) const {
    std::vector<std::uint32_t> out;
    for (std::uint32_t k = 0; k < inv_.size(); ++k)
        if (inv_[k].open() && inv_[k].currency == currency) out.push_back(k);
    std::stable_sort(out.begin(), out.end(),
                     [&](std::uint32_t a, std::uint32_t b) { return inv_[a].due < inv_[b].due; });
    return out;
}

std::int64_t Story::outstandingOf(const std::vector<std::uint32_t>& list) const {
    std::int64_t sum = 0;
    for (auto k : list) sum += inv_[k].outstanding();
    return sum;
}

void Story::fillInvoices(Talk& t, const std::vector<std::uint32_t>& list) const {
    t.invoiceCount = u8(std::min<std::size_t>(list.size(), 3));
    for (unsigned k = 0; k < t.invoiceCount; ++k) t.invoices[k] = list[k];
}

PaymentMethod Story::drawMethod() {
    if (d_.shape.kind == DebtorKind::Consumer)
        return static_cast<PaymentMethod>(rng_.weighted({45, 30, 15, 0, 8, 2}));
    if (d_.shape.kind == DebtorKind::PublicAdministration) return PaymentMethod::Transfer;
    return static_cast<PaymentMethod>(rng_.weighted({74, 4, 2, 6, 12, 2}));
}

// Pays `amount` of `currency` on `valueDay`, to the listed invoices in order; `extra` more
// than they owe (an overpayment) becomes credit. Without allocations when the payment
// clears every open invoice of its currency, as a bank transfer with no reference would.
bool Story::pay(std::int32_t day, std::int32_t valueDay, std::uint8_t currency, std::int64_t amount,
                const std::vector<std::uint32_t>& targets, std::int64_t extra) {
    struct Part {
        std::uint32_t inv;
        std::int64_t amount;
    };
    std::vector<Part> parts;
    std::int64_t left = amount;
    for (auto k : targets) {
        if (left <= 0) break;
        const auto& v = inv_[k];
        if (!v.open() || v.currency != currency) continue;
        const std::int64_t take = std::min(left, v.outstanding());
        parts.push_back(Part{k, take});
        left -= take;
    }
    if (parts.empty()) return false;
    const auto ts = stamp(day);
    if (!ts) return false;
    std::int64_t allocated = 0;
    for (const auto& p : parts) allocated += p.amount;
    // Unassigned only when it settles everything of its currency and nothing is disputed:
    // then the fold's oldest-first rule gives exactly these allocations.
    bool clearsAll = true;
    for (const auto& v : inv_) {
        if (!v.open() || v.currency != currency) continue;
        bool covered = false;
        for (const auto& p : parts) covered = covered || (&inv_[p.inv] == &v && p.amount == v.outstanding());
        if (!covered || v.disputed) clearsAll = false;
    }
    const bool unassigned = clearsAll && rng_.chance(400);
    Step& s = add(StepKind::Payment, *ts, kAdmin < w_.members ? kAdmin : kLead);
    s.amount = allocated + extra;
    s.currency = currency;
    s.date = std::min(valueDay, static_cast<std::int32_t>(*ts / kDayMs));
    s.a = u8(drawMethod());
    s.ref = static_cast<std::uint32_t>(plan_.allocations.size());
    s.count = u8(unassigned ? 0 : parts.size());
    if (!unassigned)
        for (const auto& p : parts) plan_.allocations.push_back(AllocationPlan{inv_[p.inv].slot, p.amount});
    for (const auto& p : parts) inv_[p.inv].paid += p.amount;
    refresh();
    return true;
}

// Everything overdue in the main currency (or everything open) paid at once.
bool Story::payAll(std::int32_t day, std::int32_t valueDay, bool evenNotDue) {
    auto list = overdue(day + 1);
    if (list.empty() && evenNotDue) {
        for (std::uint32_t k = 0; k < inv_.size(); ++k)
            if (inv_[k].open()) list.push_back(k);
    }
    if (list.empty()) return false;
    const std::uint8_t currency = inv_[list.front()].currency;
    std::vector<std::uint32_t> same;
    for (auto k : list)
        if (inv_[k].currency == currency) same.push_back(k);
    if (evenNotDue) {
        for (auto k : openIn(currency))
            if (std::find(same.begin(), same.end(), k) == same.end()) same.push_back(k);
    }
    std::int64_t extra = 0;
    if (rng_.chance(25))
        extra = rng_.chance(600) ? 1000 + static_cast<std::int64_t>(rng_.below(4000))
                                 : inv_[same.front()].outstanding(); // rounded up, or twice
    return pay(day, valueDay, currency, outstandingOf(same), same, extra);
}

void Story::payEverything(std::int32_t day) {
    for (std::uint8_t c = 0; c < kCurrencyCount; ++c) {
        const auto list = openIn(c);
        if (!list.empty()) pay(day, day, c, outstandingOf(list), list);
    }
}

} // namespace recobra::gen::story_detail
