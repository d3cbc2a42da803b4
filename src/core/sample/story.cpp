#include "core/sample/story.hpp"

#include "core/values/rounding.hpp"

#include <algorithm>
#include <array>
#include <optional>

namespace recobra::gen {

CurrencyCode currencyAt(std::uint8_t index) {
    static constexpr const char* kCodes[] = {"EUR", "USD", "MXN", "COP", "CLP", "ARS", "PEN"};
    return *CurrencyCode::parse(kCodes[index % kCurrencyCount]);
}

static_assert(sizeof(Step) <= 40, "a step per event, millions of them");

namespace {

constexpr std::int64_t kDayMs = 86'400'000;
constexpr std::uint32_t kNoSlot = 0xFFFFFFFFu;
constexpr std::uint8_t kLead = 0;  // the member who leads collections
constexpr std::uint8_t kAdmin = 1; // the member who records payments

template <class T> std::uint8_t u8(T v) {
    return static_cast<std::uint8_t>(v);
}

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

// Reasons of the negotiating stage for a promise (variant 2 is for a disputed invoice).
constexpr unsigned kPromiseReasons[] = {0, 1, 3};

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

enum class Do : std::uint8_t {
    Issue,
    ErrorVoid,
    PreDue,
    PayOnTime,
    Collect,
    PromisedPay,
    PlanCheck,
    DisputeResolve,
    AgencyStep,
    LegalStep,
    Recover,
    PayRest,
    Inbound,
    Note,
    Reassign,
    Negotiate,
    Refuse,
    Installment,
    Court,
    WriteOff,
    SettlementPay,
    ConfirmPromise,
    RemindPromise,
    Statement,
};

struct Item {
    std::int32_t day = 0;
    std::uint32_t order = 0;
    Do what = Do::Note;
    std::uint32_t inv = 0;
    std::int64_t amount = 0;
    std::uint8_t currency = 0;
    std::int32_t extra = 0;
};

// A conversation, before it becomes a step.
struct Talk {
    Channel channel = Channel::Call;
    Outcome outcome = Outcome::Other;
    Attitude attitude = Attitude::Unknown;
    std::uint8_t flags = 0;
    PhraseId text = 0;
    std::array<std::uint32_t, 3> invoices{}; // local indexes
    std::uint8_t invoiceCount = 0;
    std::int64_t amount = 0;
    std::uint8_t currency = 0;
    std::int32_t date = 0;
    std::uint8_t n = 0;
    int author = -1; // -1: whoever handles the debtor
};

class Story {
public:
    Story(const World& world, std::uint32_t debtor, Plan& plan)
        : w_(world), plan_(plan), debtor_(debtor), rng_(streamSeed(world.seed, 1, debtor)),
          refTs_(static_cast<Timestamp>(world.referenceDay) * kDayMs) {}

    void run() {
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

private:
    struct Inv {
        std::uint32_t slot = kNoSlot;
        std::int32_t issue = 0, due = 0;
        std::int64_t amount = 0, paid = 0;
        PhraseId description = 0;
        std::uint8_t currency = 0;
        bool late = false, voided = false, disputed = false;

        bool issued() const { return slot != kNoSlot; }
        std::int64_t outstanding() const { return voided ? 0 : amount - paid; }
        bool open() const { return issued() && !voided && outstanding() > 0; }
    };

    // --- who the debtor is -----------------------------------------------------------------------

    void drawProfile() {
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
        d_.assignee =
            static_cast<std::int8_t>(rng_.chance(750) ? static_cast<int>(rng_.below(w_.members)) : -1);
    }

    // --- invoices -------------------------------------------------------------------------------

    std::uint8_t drawCurrency() {
        if (d_.shape.country == Country::ES) return u8(rng_.chance(8) ? 1 : 0);
        const unsigned which = rng_.weighted({50, 25, 25});
        if (which == 1) return 1;                               // USD
        if (which == 2) return 0;                               // EUR
        return u8(static_cast<unsigned>(d_.shape.country) + 1); // MX → 2 (MXN) … PE → 6 (PEN)
    }

    // Invoice totals: 80 € to 25,000 €, most of them small; VAT at 21 % on a round or exact net.
    std::int64_t drawAmount(std::uint8_t currency) {
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

    void drawInvoices() {
        const bool regular = d_.relationship == Relationship::Regular;
        const unsigned count = regular ? 1 + rng_.weighted({14, 17, 18, 16, 12, 8, 6, 4, 3, 2})
                                       : 1 + rng_.weighted({60, 30, 10});
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

    Inv makeInvoice(std::int32_t issue) {
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

    // --- the agenda ------------------------------------------------------------------------------

    void push(std::int32_t day, Do what, std::uint32_t inv = 0, std::int64_t amount = 0,
              std::uint8_t currency = 0, std::int32_t extra = 0) {
        agenda_.push_back(Item{day, order_++, what, inv, amount, currency, extra});
    }

    Item pop() {
        auto best = agenda_.begin();
        for (auto it = agenda_.begin(); it != agenda_.end(); ++it)
            if (it->day < best->day || (it->day == best->day && it->order < best->order)) best = it;
        const Item item = *best;
        agenda_.erase(best);
        return item;
    }

    void dispatch(const Item& item) {
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
        }
    }

    // --- time and steps --------------------------------------------------------------------------

    // A moment in working hours (08:30–18:30 in Spain) on `day`, after everything before it.
    std::optional<Timestamp> stamp(std::int32_t day) {
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

    Step& add(StepKind kind, Timestamp ts, int author) {
        plan_.steps.emplace_back();
        Step& s = plan_.steps.back();
        s.kind = kind;
        s.ts = ts;
        s.debtor = debtor_;
        s.author = u8(author < 0 ? handler() : author);
        return s;
    }

    // Who works this debtor: the assignee, or anyone in the team.
    int handler() { return d_.assignee >= 0 ? d_.assignee : static_cast<int>(rng_.below(w_.members)); }

    bool talk(std::int32_t day, const Talk& t) {
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
    void refresh() {
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

    bool owes() const {
        return std::any_of(inv_.begin(), inv_.end(), [](const Inv& v) { return v.open(); });
    }

    // Changes the stage when the change is a real one (the fold would refuse the others).
    bool setStage(std::int32_t day, Stage to, PhraseId reason, std::int32_t date = 0, std::uint8_t n = 0,
                  int author = -1) {
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
    void escalate(std::int32_t day, Stage to, Phrase reasons, std::uint8_t n = 0) {
        if (stageRank(to) > stageRank(stage_)) setStage(day, to, drawPhrase(rng_, reasons), 0, n);
    }

    // --- money -----------------------------------------------------------------------------------

    std::vector<std::uint32_t> overdue(std::int32_t day, int currency = -1) const {
        std::vector<std::uint32_t> out;
        for (std::uint32_t k = 0; k < inv_.size(); ++k) {
            const auto& v = inv_[k];
            if (v.open() && v.due < day && (currency < 0 || v.currency == currency)) out.push_back(k);
        }
        std::stable_sort(out.begin(), out.end(),
                         [&](std::uint32_t a, std::uint32_t b) { return inv_[a].due < inv_[b].due; });
        return out;
    }

    std::vector<std::uint32_t> openIn(std::uint8_t currency) const {
        std::vector<std::uint32_t> out;
        for (std::uint32_t k = 0; k < inv_.size(); ++k)
            if (inv_[k].open() && inv_[k].currency == currency) out.push_back(k);
        std::stable_sort(out.begin(), out.end(),
                         [&](std::uint32_t a, std::uint32_t b) { return inv_[a].due < inv_[b].due; });
        return out;
    }

    std::int64_t outstandingOf(const std::vector<std::uint32_t>& list) const {
        std::int64_t sum = 0;
        for (auto k : list) sum += inv_[k].outstanding();
        return sum;
    }

    void fillInvoices(Talk& t, const std::vector<std::uint32_t>& list) const {
        t.invoiceCount = u8(std::min<std::size_t>(list.size(), 3));
        for (unsigned k = 0; k < t.invoiceCount; ++k) t.invoices[k] = list[k];
    }

    PaymentMethod drawMethod() {
        if (d_.shape.kind == DebtorKind::Consumer)
            return static_cast<PaymentMethod>(rng_.weighted({45, 30, 15, 0, 8, 2}));
        if (d_.shape.kind == DebtorKind::PublicAdministration) return PaymentMethod::Transfer;
        return static_cast<PaymentMethod>(rng_.weighted({74, 4, 2, 6, 12, 2}));
    }

    // Pays `amount` of `currency` on `valueDay`, to the listed invoices in order; `extra` more
    // than they owe (an overpayment) becomes credit. Without allocations when the payment
    // clears every open invoice of its currency, as a bank transfer with no reference would.
    bool pay(std::int32_t day, std::int32_t valueDay, std::uint8_t currency, std::int64_t amount,
             const std::vector<std::uint32_t>& targets, std::int64_t extra = 0) {
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
            for (const auto& p : parts)
                covered = covered || (&inv_[p.inv] == &v && p.amount == v.outstanding());
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
            for (const auto& p : parts)
                plan_.allocations.push_back(AllocationPlan{inv_[p.inv].slot, p.amount});
        for (const auto& p : parts) inv_[p.inv].paid += p.amount;
        refresh();
        return true;
    }

    // Everything overdue in the main currency (or everything open) paid at once.
    bool payAll(std::int32_t day, std::int32_t valueDay, bool evenNotDue) {
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

    // --- handlers ------------------------------------------------------------------------------

    bool registerDebtor() {
        const auto ts = stamp(regDay_);
        if (!ts) return false;
        add(StepKind::Register, *ts,
            rng_.chance(700) ? kLead : static_cast<int>(std::min<unsigned>(kAdmin, w_.members - 1)));
        return true;
    }

    void issue(std::int32_t day, std::uint32_t k) {
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

    bool busy() const { return inPlan_ || agency_ || legal_ || closed_; }

    bool isPerson() const {
        return d_.shape.kind == DebtorKind::Consumer || d_.shape.kind == DebtorKind::Autonomo;
    }

    // A phrase of `bank` from variants [first, last] (those that fit what happened).
    PhraseId drawBetween(Phrase bank, unsigned first, unsigned last) {
        return phraseId(bank, first + static_cast<unsigned>(rng_.below(last - first + 1)));
    }

    void errorVoid(std::int32_t day, std::uint32_t k) {
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

    void preDue(std::int32_t day, std::uint32_t k) {
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

    void payOnTime(std::int32_t day, std::uint32_t k) {
        if (!inv_[k].open()) return;
        std::int64_t extra = 0;
        if (rng_.chance(15))
            extra =
                rng_.chance(500) ? inv_[k].outstanding() : 500 + static_cast<std::int64_t>(rng_.below(2000));
        pay(day, day, inv_[k].currency, inv_[k].outstanding(), {k}, extra);
    }

    void inbound(std::int32_t day, std::uint32_t k) {
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

    void note(std::int32_t day) {
        const auto ts = stamp(day);
        if (!ts) return;
        Step& s = add(StepKind::Note, *ts, -1);
        s.text = drawPhrase(rng_, !isPerson() && rng_.chance(250) ? Phrase::NoteCompany : Phrase::Note);
        s.date = day - rng_.between(20, 200);
    }

    void reassign(std::int32_t day, int to) {
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

    // The ladder: day 1 a friendly reminder, then three rounds of calls and messages, a firm
    // letter (day 45 or so), a burofax (day 60), the agency (day 90).
    void collect(std::int32_t day) {
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

    void next(std::int32_t day, int level) {
        level_ = level;
        collecting_ = true;
        push(day, Do::Collect);
    }

    void remind(std::int32_t day, const std::vector<std::uint32_t>& late) {
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
        if (attempts_ == 0 && d_.segment != Segment::Punctual && rng_.chance(500)) { // a second reminder
            attempts_ = 1;
            return next(day + rng_.between(6, 10), 0);
        }
        attempts_ = 0;
        next(day + rng_.between(10, 16), 1);
    }

    // The debtor pays within a few days, sometimes telling us first.
    void settleSoon(std::int32_t day, int from, int to) {
        const std::int32_t when = day + rng_.between(from, to);
        push(when, Do::PromisedPay, 0, -1, 0, rng_.chance(350) ? 1 : 0);
    }

    Attitude promiseAttitude() {
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

    void contact(std::int32_t day, const std::vector<std::uint32_t>& late) {
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

    bool keeps() {
        static constexpr unsigned kKept[] = {900, 750, 400, 120, 0};
        return rng_.chance(kKept[static_cast<unsigned>(d_.segment)]);
    }

    // A promise to pay what is overdue (or part of it); returns its due day, -1 if not made.
    std::int32_t promise(std::int32_t day, Channel channel, const std::vector<std::uint32_t>& late,
                         bool partial, Phrase bank = Phrase::Count_, int author = -1) {
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
    void promisedPay(std::int32_t day, std::int64_t amount, std::uint8_t currency, std::int32_t tells) {
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

    void promiseNote(std::int32_t day, Phrase bank, const Item& item) {
        if (openIn(item.currency).empty() || busy()) return;
        Talk t;
        t.channel =
            bank == Phrase::PromiseConfirmation || rng_.chance(500) ? Channel::Email : Channel::WhatsApp;
        t.text = drawPhrase(rng_, bank);
        t.amount = item.amount;
        t.currency = item.currency;
        t.date = item.extra;
        fillInvoices(t, overdue(day, item.currency));
        talk(day, t);
    }

    void statement(std::int32_t day) {
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

    // Confirming a payment that was chased for.
    void thank(std::int32_t day, std::int64_t amount, std::uint8_t currency) {
        if (!rng_.chance(450)) return;
        Talk t;
        t.channel = rng_.chance(800) ? Channel::Email : Channel::WhatsApp;
        t.attitude = Attitude::Cooperative;
        t.text = drawPhrase(rng_, Phrase::PaymentThanks);
        t.amount = amount;
        t.currency = currency;
        talk(day + rng_.between(0, 2), t);
    }

    bool startDispute(std::int32_t day, Channel channel, const std::vector<std::uint32_t>& late) {
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

    void resolveDispute(std::int32_t day, std::uint32_t k) {
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

    void fixContact(std::int32_t day) {
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

    void firmLetter(std::int32_t day, const std::vector<std::uint32_t>& late) {
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

    void burofax(std::int32_t day, const std::vector<std::uint32_t>& late) {
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
    void negotiate(std::int32_t day, std::int32_t way) {
        collecting_ = false;
        const auto late = overdue(day);
        if (late.empty() || busy()) return;
        if (way == 0 && agreePlan(day, late)) return;
        const std::int32_t due = promise(day, Channel::Call, late, false);
        if (due >= 0) next(due + rng_.between(3, 6), 6);
    }

    void refuse(std::int32_t day) {
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

    bool agreePlan(std::int32_t day, const std::vector<std::uint32_t>& late) {
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
        t.outcome = Outcome::Promise;
        t.flags = kPromise;
        t.attitude = Attitude::InDifficulty;
        t.text = drawPhrase(rng_, Phrase::PlanAgreed);
        fillInvoices(t, same);
        t.amount = each;
        t.currency = currency;
        t.date = due;
        t.n = u8(count);
        if (!talk(day, t)) return true;
        if (stage_ != Stage::PaymentPlan)
            setStage(day, Stage::PaymentPlan, drawPhrase(rng_, Phrase::StagePaymentPlan), 0, u8(count));
        inPlan_ = true;
        installments_ = PlanState{1, count, each, total - each * (count - 1), currency, due};
        schedulePlanPayment(day);
        return true;
    }

    struct PlanState {
        unsigned installment = 0, count = 0;
        std::int64_t each = 0, last = 0;
        std::uint8_t currency = 0;
        std::int32_t due = 0;
        bool kept = false;
    } installments_;

    std::int64_t installmentAmount() const {
        return installments_.installment == installments_.count ? installments_.last : installments_.each;
    }

    void schedulePlanPayment(std::int32_t day) {
        static constexpr unsigned kKept[] = {970, 920, 720, 400, 0};
        installments_.kept = rng_.chance(kKept[static_cast<unsigned>(d_.segment)]);
        if (installments_.kept)
            push(rng_.between(day + 1, installments_.due), Do::PromisedPay, 0, installmentAmount(),
                 installments_.currency);
        push(installments_.due + rng_.between(1, 3), Do::PlanCheck);
    }

    void planCheck(std::int32_t day) {
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
            inPlan_ = false;
            setStage(day, Stage::Overdue, phraseId(Phrase::StageOverdue, 2));
            return next(day + rng_.between(5, 10), 5);
        }
        if (installments_.installment >= installments_.count || !owes()) {
            inPlan_ = false;
            if (!overdue(day).empty())
                next(day + rng_.between(3, 8), 1);
            else if (owes() && stage_ == Stage::PaymentPlan)
                setStage(day, Stage::NotDue, phraseId(Phrase::StageNotDue, 2));
            return;
        }
        ++installments_.installment;
        const std::int32_t due =
            workday(Date::fromDaysSinceEpoch(installments_.due).addMonths(1).daysSinceEpoch());
        installments_.due = due;
        push(std::max(day, due - rng_.between(2, 5)), Do::Installment);
    }

    // A call before the next installment: a promise to pay it.
    void installmentCall(std::int32_t when) {
        if (!inPlan_) return;
        const std::int32_t due = installments_.due;
        Talk t;
        t.channel = rng_.chance(600) ? Channel::Call : Channel::Email;
        t.outcome = Outcome::Promise;
        t.flags = kPromise;
        t.attitude = Attitude::Cooperative;
        t.text = drawPhrase(rng_, Phrase::InstallmentReminder);
        t.amount = installmentAmount();
        t.currency = installments_.currency;
        t.date = due;
        fillInvoices(t, openIn(installments_.currency));
        if (!talk(when, t)) return;
        schedulePlanPayment(when);
    }

    void handOver(std::int32_t day, const std::vector<std::uint32_t>& late) {
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

    void agencyStep(std::int32_t day, std::int32_t round) {
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

    void goToCourt(std::int32_t day) {
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

    void legalStep(std::int32_t day, std::int32_t round) {
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

    // A settlement: part of the debt paid, the rest forgiven.
    void settle(std::int32_t day, const std::vector<std::uint32_t>& late) {
        const std::uint8_t currency = inv_[late.front()].currency;
        const auto same = overdue(day, currency);
        const std::int64_t owed = outstandingOf(same);
        const std::int64_t unit = minorPerMajor(currencyAt(currency));
        const std::uint8_t pct = u8(rng_.between(50, 85));
        const std::int64_t amount = std::max(unit, owed * pct / 100 / unit * unit);
        const std::int32_t due = workday(day + rng_.between(7, 20));
        Talk t;
        t.channel = rng_.chance(500) ? Channel::Meeting : Channel::Call;
        t.outcome = Outcome::Promise;
        t.flags = kPromise;
        t.attitude = Attitude::InDifficulty;
        t.text = drawPhrase(rng_, Phrase::SettlementOffer);
        fillInvoices(t, same);
        t.amount = amount;
        t.currency = currency;
        t.date = due;
        t.author = kLead;
        if (!talk(day, t)) return;
        if (!rng_.chance(750)) { // not paid after all: the agency goes on
            push(due + rng_.between(10, 25), Do::AgencyStep, 0, 0, 0, 3);
            return;
        }
        push(rng_.between(day + 1, due), Do::SettlementPay, 0, amount, currency, pct);
    }

    void settlementPay(std::int32_t day, std::int64_t amount, std::uint8_t currency, std::int32_t pct) {
        if (!agency_) return;
        if (!pay(day, day, currency, amount, openIn(currency))) return;
        agency_ = false;
        if (!owes()) return; // nothing left (rounding): closed as paid by the fold already
        if (!setStage(day, Stage::ClosedSettled, drawPhrase(rng_, Phrase::StageClosedSettled), 0, u8(pct),
                      kLead))
            return;
        closed_ = true;
        if (rng_.chance(120)) push(day + rng_.between(60, 300), Do::PayRest);
    }

    void writeOff(std::int32_t day, unsigned why) {
        if (!owes()) return;
        if (!setStage(day, Stage::ClosedWrittenOff, phraseId(Phrase::StageClosedWrittenOff, why), 0, 0,
                      kLead))
            return;
        agency_ = legal_ = false;
        closed_ = true;
        if (rng_.chance(200)) push(day + rng_.between(30, 240), Do::Recover);
    }

    // A written-off debtor comes back and pays everything.
    void recover(std::int32_t day) {
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
        if (setStage(day, Stage::ClosedPaid, phraseId(Phrase::StageClosedPaid, 0), 0, 0, kLead))
            closed_ = false;
    }

    void payRest(std::int32_t day) {
        payEverything(day);
        if (setStage(day, Stage::ClosedPaid, phraseId(Phrase::StageClosedPaid, 1), 0, 0, kLead))
            closed_ = false;
    }

    void payEverything(std::int32_t day) {
        for (std::uint8_t c = 0; c < kCurrencyCount; ++c) {
            const auto list = openIn(c);
            if (!list.empty()) pay(day, day, c, outstandingOf(list), list);
        }
    }

    // --- a debt older than the prescription period ---------------------------------------------------

    // Brought in from an old ledger: due more than five years ago with no documented claim
    // since (Código Civil art. 1964.2), so it is closed as prescribed on review.
    void legacyStory() {
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
        setStage(review, Stage::ClosedPrescribed, drawPhrase(rng_, Phrase::StageClosedPrescribed),
                 inv_[0].due, 0, kLead);
    }

    const World& w_;
    Plan& plan_;
    std::uint32_t debtor_;
    Rng rng_;
    Timestamp refTs_;
    DebtorPlan d_;
    std::vector<Inv> inv_;
    std::vector<Item> agenda_;
    std::uint32_t order_ = 0;
    std::int32_t regDay_ = 0;
    Timestamp last_ = 0;
    bool done_ = false;
    std::optional<Stage> stage_;        // mirrors the fold: set explicitly, or following the invoices
    int level_ = 0;                     // the next rung of the collection ladder
    int attempts_ = 0;                  // unanswered contacts on this rung
    std::int32_t brokenPromiseDue_ = 0; // due day of a promise that will not be kept
    bool lastKept_ = false;             // whether the debtor will keep the last promise
    bool collecting_ = false;           // a Collect is on the agenda
    bool inPlan_ = false, agency_ = false, legal_ = false, closed_ = false, tagged_ = false;
    unsigned removedContacts_ = 0;

public:
    const DebtorPlan& debtorPlan() const { return d_; }
};

} // namespace

void planDebtor(const World& world, std::uint32_t debtor, Plan& plan) {
    Story story(world, debtor, plan);
    story.run();
    plan.debtors.push_back(story.debtorPlan());
}

} // namespace recobra::gen
