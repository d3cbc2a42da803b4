#include "core/state/state.hpp"

#include "core/state/fold_detail.hpp"
#include "core/state/plans.hpp"

#include "core/values/text.hpp"

#include <algorithm>
#include <cctype>
#include <tuple>

namespace recobra {

InvoiceStatus InvoiceState::status() const {
    if (voided) return InvoiceStatus::Void;
    if (disputed && outstanding() > 0) return InvoiceStatus::Disputed;
    if (outstanding() <= 0) return InvoiceStatus::Paid;
    return paid > 0 ? InvoiceStatus::PartiallyPaid : InvoiceStatus::Open;
}

std::optional<Index> State::debtor(std::string_view id) const {
    return debtorById.find(id, [this](Index i) -> const std::string& { return debtors[i].id; });
}
std::optional<Index> State::contact(std::string_view id) const {
    return contactById.find(id, [this](Index i) -> const std::string& { return contacts[i].info.id; });
}
std::optional<Index> State::invoice(std::string_view id) const {
    return invoiceById.find(id, [this](Index i) -> const std::string& { return invoices[i].id; });
}
std::optional<Index> State::payment(std::string_view id) const {
    return paymentById.find(id, [this](Index i) -> const std::string& { return payments[i].id; });
}
std::optional<Index> State::promise(std::string_view id) const {
    return promiseById.find(id, [this](Index i) -> const std::string& { return promises[i].id; });
}
std::optional<Index> State::member(std::string_view id) const {
    return memberById.find(id, [this](Index i) -> const std::string& { return members[i].id; });
}
std::optional<Index> State::pause(std::string_view id) const {
    return pauseById.find(id, [this](Index i) -> const std::string& { return pauses[i].id; });
}
std::optional<Index> State::plan(std::string_view id) const {
    return planById.find(id, [this](Index i) -> const std::string& { return plans[i].id; });
}
std::optional<Index> State::offer(std::string_view id) const {
    return offerById.find(id, [this](Index i) -> const std::string& { return offers[i].id; });
}

namespace {

thread_local std::uint64_t tInvoiceVisits = 0;

char asciiLower(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; }

// The key of invoiceByNumber: the debtor and the number without its blanks, in lowercase.
std::uint64_t numberHash(Index debtor, std::string_view number) {
    std::uint64_t h = 0xcbf29ce484222325ULL; // FNV-1a
    const auto mixIn = [&h](unsigned char byte) {
        h ^= byte;
        h *= 0x100000001b3ULL;
    };
    for (int shift = 0; shift < 32; shift += 8) mixIn(static_cast<unsigned char>(debtor >> shift));
    for (const char c : trim(number)) mixIn(static_cast<unsigned char>(asciiLower(c)));
    return h;
}

bool sameNumber(std::string_view a, std::string_view b) {
    a = trim(a);
    b = trim(b);
    return a.size() == b.size() &&
           std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) { return asciiLower(x) == asciiLower(y); });
}

// Whether the invoice at `position` is the debtor's and has the number: one invoice looked at.
auto numbered(const State& s, Index debtor, std::string_view number) {
    return [&s, debtor, number](NumberIndex::Position position) {
        ++tInvoiceVisits;
        const auto& inv = s.invoices[position];
        return inv.debtor == debtor && sameNumber(inv.number, number);
    };
}

void indexNumber(const State& s, Index invoice) {
    if (!s.invoiceByNumber.built) return; // built whole when first asked
    const auto& inv = s.invoices[invoice];
    s.invoiceByNumber.index.insert(numberHash(inv.debtor, inv.number), invoice, numbered(s, inv.debtor, inv.number));
}

void unindexNumber(State& s, Index invoice) {
    if (!s.invoiceByNumber.built) return;
    const auto& inv = s.invoices[invoice];
    s.invoiceByNumber.index.erase(numberHash(inv.debtor, inv.number), invoice, numbered(s, inv.debtor, inv.number));
}

} // namespace

std::uint64_t invoiceVisits() { return tInvoiceVisits; }

bool State::hasInvoiceNumber(Index debtor, std::string_view number, std::string_view self) const {
    if (!invoiceByNumber.built) indexInvoiceNumbers(*this);
    const auto first = invoiceByNumber.index.first(numberHash(debtor, number), numbered(*this, debtor, number));
    if (first == NumberIndex::kEnd) return false;
    // Ids are unique: if this one is `self`, any other in its list is another invoice.
    return invoices[first].id != self || invoiceByNumber.index.next(first) != NumberIndex::kEnd;
}

void indexInvoiceNumbers(const State& state) {
    state.invoiceByNumber.index = NumberIndex{};
    state.invoiceByNumber.built = true;
    state.invoiceByNumber.index.reserve(state.invoices.size());
    for (Index i = 0; i < state.invoices.size(); ++i) indexNumber(state, i);
}

const Policy& effectivePolicy(const State& state) { return state.policy ? *state.policy : defaultPolicy(); }

std::vector<Index> automaticAllocationOrder(const State& s, Index debtor, CurrencyCode currency) {
    std::vector<Index> open;
    for (Index i : s.debtors[debtor].invoices) {
        ++tInvoiceVisits;
        const auto& inv = s.invoices[i];
        // A disputed invoice is not paid off by a payment nobody assigned to it.
        if (!inv.voided && !inv.disputed && inv.amount.currency == currency && inv.outstanding() > 0) open.push_back(i);
    }
    std::sort(open.begin(), open.end(), [&](Index a, Index b) {
        const auto& x = s.invoices[a];
        const auto& y = s.invoices[b];
        if (x.dueDate != y.dueDate) return x.dueDate < y.dueDate;
        if (x.issueDate != y.issueDate) return x.issueDate < y.issueDate;
        if (x.number != y.number) return x.number < y.number;
        return x.id < y.id;
    });
    return open;
}

// --- apply -------------------------------------------------------------------------------------

namespace fold_detail {

ApplyResult orphan(State& s, std::string field, const std::string& id) {
    ++s.diagnostics.orphanEvents;
    return ApplyResult{false, problem(Str::err_ref_unknown, "payload." + field, {id})};
}

ApplyResult duplicate(State& s, std::string field, const std::string& id) {
    ++s.diagnostics.duplicateEntities;
    return ApplyResult{false, problem(Str::err_id_duplicate, "payload." + field, {id})};
}

void touch(DebtorState& d, Timestamp at) { d.lastActivityAt = std::max(d.lastActivityAt, at); }

void recordStage(State& s, Index debtor, const Event& e, std::optional<Stage> to, std::string reason,
                 std::optional<Str> automatic) {
    auto& d = s.debtors[debtor];
    StageChange change;
    change.debtor = debtor;
    change.at = e.ts;
    change.author = automatic ? std::string() : e.author;
    change.from = d.stage;
    change.to = to;
    change.reason = std::move(reason);
    change.automaticReason = automatic;
    d.stageChanges.push_back(static_cast<Index>(s.stageChanges.size()));
    s.stageChanges.push_back(std::move(change));
    d.stage = to;
}

} // namespace fold_detail

namespace {

using namespace fold_detail;

// Closes the case as paid when nothing is left (or reopens an automatically closed one when
// something is owed again), once what the debtor owes is up to date. A plan neither cancelled
// nor paid keeps the case open (its interest may still be to come); a case whose last accepted
// offer was a settlement closes as settled.
void settleStage(State& s, Index debtor, const Event& e, bool anyInvoice) {
    auto& d = s.debtors[debtor];
    const bool owes = d.outstanding.anyPositive();
    if (anyInvoice && !owes && !(d.stage && isClosed(*d.stage)) && !(d.plans.size() && activePlan(s, debtor))) {
        std::optional<OfferKind> offer;
        for (auto it = d.offers.rbegin(); it != d.offers.rend() && !offer; ++it)
            if (s.offers[*it].acceptedOn) offer = s.offers[*it].kind;
        if (offer == OfferKind::Settlement) recordStage(s, debtor, e, Stage::ClosedSettled, {}, Str::stage_auto_settled);
        else recordStage(s, debtor, e, Stage::ClosedPaid, {}, offer ? Str::stage_auto_discount : Str::stage_auto_paid);
    } else if (owes && d.stage == Stage::ClosedPaid) {
        recordStage(s, debtor, e, std::nullopt, {}, Str::stage_auto_reopened);
    }
}

// The same after an invoice is added, from what the debtor owed before: a new invoice changes
// no other, so what it owes is added (summing them all again made adding N invoices to one
// debtor N²/2 steps: 20,000 rows of a CSV import for one customer took 42 s).
void addToDebtor(State& s, Index debtor, const InvoiceState& inv, const Event& e) {
    auto& d = s.debtors[debtor];
    if (inv.outstanding() > 0) {
        d.outstanding.add(Money{inv.outstanding(), inv.amount.currency});
        if (!d.oldestOpenDue || inv.dueDate < *d.oldestOpenDue) d.oldestOpenDue = inv.dueDate;
    }
    settleStage(s, debtor, e, !inv.voided);
}

void addCredit(State& s, Index debtor, Money amount) { s.debtors[debtor].credit.add(amount); }

} // namespace

namespace fold_detail {

// Recomputes what a debtor owes from its invoices, after a payment or a change to one of them.
void refreshDebtor(State& s, Index debtor, const Event& e) {
    auto& d = s.debtors[debtor];
    MoneyBag outstanding;
    std::optional<Date> oldest;
    bool anyInvoice = false;
    for (Index i : d.invoices) {
        ++tInvoiceVisits;
        const auto& inv = s.invoices[i];
        if (inv.voided) continue;
        anyInvoice = true;
        if (inv.outstanding() > 0) {
            outstanding.add(Money{inv.outstanding(), inv.amount.currency});
            if (!oldest || inv.dueDate < *oldest) oldest = inv.dueDate;
        }
    }
    d.outstanding = outstanding;
    d.oldestOpenDue = oldest;
    settleStage(s, debtor, e, anyInvoice);
}

} // namespace fold_detail

namespace {


ApplyResult applyPayload(State& s, const Event& e, Index, const DebtorRegistered& p) {
    if (s.debtor(p.debtor)) return duplicate(s, "debtor", p.debtor);
    for (const auto& c : p.contacts)
        if (s.contact(c.id)) return duplicate(s, "contacts.id", c.id);
    const auto index = static_cast<Index>(s.debtors.size());
    DebtorState d;
    d.id = p.debtor;
    d.profile = DebtorProfile{p.legalName, p.tradeName,      p.taxId,    p.kind,  p.country, p.relationship,
                              p.creditLimit, p.commercialRefs, p.bankRefs, p.tags, p.notes};
    d.assignee = p.assignee;
    d.registeredAt = e.ts;
    d.lastActivityAt = e.ts;
    for (const auto& c : p.contacts) {
        d.contacts.push_back(static_cast<Index>(s.contacts.size()));
        // One registration naming a contact id twice (refused as a command or import, kept by a
        // tolerant load): the first is the one found by that id.
        if (!s.contact(c.id)) s.contactById.insert(c.id, static_cast<Index>(s.contacts.size()));
        s.contacts.push_back(ContactState{index, c, false});
    }
    s.debtorById.insert(d.id, index);
    if (!p.taxId.empty()) s.debtorByTaxId.emplace(normalizeTaxId(p.taxId), index);
    s.debtors.push_back(std::move(d));
    return {};
}

ApplyResult applyPayload(State& s, const Event&, Index, const DebtorUpdated& p) {
    const auto found = s.debtor(p.debtor);
    if (!found) return orphan(s, "debtor", p.debtor);
    auto& prof = s.debtors[*found].profile;
    if (p.legalName) prof.legalName = *p.legalName;
    if (p.tradeName) prof.tradeName = *p.tradeName;
    if (p.taxId) {
        const auto oldKey = normalizeTaxId(prof.taxId);
        auto it = s.debtorByTaxId.find(oldKey);
        if (it != s.debtorByTaxId.end() && it->second == *found) s.debtorByTaxId.erase(it);
        prof.taxId = *p.taxId;
        if (!prof.taxId.empty()) s.debtorByTaxId.emplace(normalizeTaxId(prof.taxId), *found);
    }
    if (p.kind) prof.kind = *p.kind;
    if (p.country) prof.country = *p.country;
    if (p.relationship) prof.relationship = *p.relationship;
    if (p.clearCreditLimit) prof.creditLimit.reset();
    if (p.creditLimit) prof.creditLimit = *p.creditLimit;
    if (p.commercialRefs) prof.commercialRefs = *p.commercialRefs;
    if (p.bankRefs) prof.bankRefs = *p.bankRefs;
    if (p.tags) prof.tags = *p.tags;
    if (p.notes) prof.notes = *p.notes;
    return {};
}

ApplyResult applyPayload(State& s, const Event&, Index, const ContactAdded& p) {
    const auto found = s.debtor(p.debtor);
    if (!found) return orphan(s, "debtor", p.debtor);
    if (s.contact(p.contact.id)) return duplicate(s, "contact.id", p.contact.id);
    const auto index = static_cast<Index>(s.contacts.size());
    s.contactById.insert(p.contact.id, index);
    s.contacts.push_back(ContactState{*found, p.contact, false});
    s.debtors[*found].contacts.push_back(index);
    return {};
}

ApplyResult applyPayload(State& s, const Event&, Index, const ContactUpdated& p) {
    const auto found = s.contact(p.contact);
    if (!found) return orphan(s, "contact", p.contact);
    auto& c = s.contacts[*found].info;
    if (p.name) c.name = *p.name;
    if (p.role) c.role = *p.role;
    if (p.phone) c.phone = *p.phone;
    if (p.email) c.email = *p.email;
    if (p.address) c.address = *p.address;
    if (p.preferredChannel) c.preferredChannel = *p.preferredChannel;
    return {};
}

ApplyResult applyPayload(State& s, const Event&, Index, const ContactRemoved& p) {
    const auto found = s.contact(p.contact);
    if (!found) return orphan(s, "contact", p.contact);
    s.contacts[*found].removed = true;
    return {};
}

ApplyResult applyPayload(State& s, const Event& e, Index, const InvoiceAdded& p) {
    const auto found = s.debtor(p.debtor);
    if (!found) return orphan(s, "debtor", p.debtor);
    if (s.invoice(p.invoice)) return duplicate(s, "invoice", p.invoice);
    const auto index = static_cast<Index>(s.invoices.size());
    InvoiceState inv;
    inv.id = p.invoice;
    inv.debtor = *found;
    inv.number = p.number;
    inv.issueDate = p.issueDate;
    inv.dueDate = p.dueDate;
    inv.amount = p.amount;
    inv.kind = p.kind;
    inv.description = p.description;
    inv.addedAt = e.ts;
    s.invoiceById.insert(inv.id, index);
    s.invoices.push_back(std::move(inv));
    s.debtors[*found].invoices.push_back(index);
    indexNumber(s, index);
    addToDebtor(s, *found, s.invoices[index], e);
    return {};
}

ApplyResult applyPayload(State& s, const Event& e, Index, const InvoiceUpdated& p) {
    const auto found = s.invoice(p.invoice);
    if (!found) return orphan(s, "invoice", p.invoice);
    auto& inv = s.invoices[*found];
    if (p.number) {
        unindexNumber(s, *found);
        inv.number = *p.number;
        indexNumber(s, *found);
    }
    if (p.issueDate) inv.issueDate = *p.issueDate;
    if (p.dueDate) inv.dueDate = *p.dueDate;
    if (p.kind) inv.kind = *p.kind;
    if (p.description) inv.description = *p.description;
    if (p.amount && p.amount->currency == inv.amount.currency) {
        inv.amount = *p.amount;
        if (inv.paid > inv.amount.minor) { // lowered below what was paid: the excess is credit
            addCredit(s, inv.debtor, Money{inv.paid - inv.amount.minor, inv.amount.currency});
            inv.paid = inv.amount.minor;
        }
    }
    refreshDebtor(s, inv.debtor, e);
    return {};
}

ApplyResult applyPayload(State& s, const Event& e, Index, const InvoiceVoided& p) {
    const auto found = s.invoice(p.invoice);
    if (!found) return orphan(s, "invoice", p.invoice);
    auto& inv = s.invoices[*found];
    if (inv.voided) return {};
    inv.voided = true;
    inv.voidReason = p.reason;
    if (inv.paid > 0) { // money paid against a voided invoice is owed back or reused: credit
        addCredit(s, inv.debtor, Money{inv.paid, inv.amount.currency});
        inv.paid = 0;
    }
    refreshDebtor(s, inv.debtor, e);
    return {};
}

ApplyResult applyPayload(State& s, const Event& e, Index, const InvoiceDisputeSet& p) {
    const auto found = s.invoice(p.invoice);
    if (!found) return orphan(s, "invoice", p.invoice);
    auto& inv = s.invoices[*found];
    inv.disputed = p.disputed;
    inv.disputeReason = p.disputed ? p.reason : std::string();
    inv.disputes.push_back(DisputeChange{Date::ofTimestamp(e.ts), p.disputed});
    return {};
}

ApplyResult applyPayload(State& s, const Event& e, Index, const PaymentRecorded& p) {
    const auto found = s.debtor(p.debtor);
    if (!found) return orphan(s, "debtor", p.debtor);
    if (s.payment(p.payment)) return duplicate(s, "payment", p.payment);
    auto& d = s.debtors[*found];
    PaymentState pay;
    pay.id = p.payment;
    pay.debtor = *found;
    pay.date = p.date;
    pay.amount = p.amount;
    pay.method = p.method;
    pay.reference = p.reference;
    pay.recordedAt = e.ts;
    pay.author = e.author;
    std::int64_t remaining = p.amount.minor;
    auto allocate = [&](Index invoice, std::int64_t wanted) {
        auto& inv = s.invoices[invoice];
        const std::int64_t take = std::min({wanted, remaining, std::max<std::int64_t>(inv.outstanding(), 0)});
        if (take <= 0) return;
        inv.paid += take;
        remaining -= take;
        pay.allocations.push_back(AppliedAllocation{invoice, take});
    };
    auto eligible = [&](Index i) {
        const auto& inv = s.invoices[i];
        return inv.debtor == *found && !inv.voided && inv.amount.currency == p.amount.currency;
    };
    if (!p.allocations.empty()) {
        for (const auto& a : p.allocations) {
            const auto inv = s.invoice(a.invoice);
            if (inv && eligible(*inv)) allocate(*inv, a.amount);
        }
    } else {
        const std::vector<Index> open = automaticAllocationOrder(s, *found, p.amount.currency);
        for (Index i : open) allocate(i, remaining);
    }
    pay.unallocated = remaining;
    if (remaining > 0) addCredit(s, *found, Money{remaining, p.amount.currency});
    const auto index = static_cast<Index>(s.payments.size());
    s.paymentById.insert(pay.id, index);
    s.payments.push_back(std::move(pay));
    d.payments.push_back(index);
    touch(d, e.ts);
    if (!d.offers.empty()) settleOffers(s, *found, e);
    const Index completed = d.plans.empty() ? kNone : updatePlans(s, *found, e);
    refreshDebtor(s, *found, e);
    if (completed != kNone) leavePlan(s, *found, completed, e, {}, Str::stage_auto_plan_done);
    return {};
}

// What the contact limit and the segmentation need to know of a conversation.
void noteConversation(DebtorState& d, const InteractionLogged& p) {
    if (p.direction == Direction::Outbound)
        d.outboundContacts.insert(std::upper_bound(d.outboundContacts.begin(), d.outboundContacts.end(), p.at), p.at);
    if (p.outcome == Outcome::Refusal) {
        ++d.refusals;
        d.lastRefusalAt = std::max(d.lastRefusalAt, p.at);
    }
    if (p.direction == Direction::Outbound && p.outcome == Outcome::NoAnswer) ++d.unansweredStreak;
    else if (p.outcome != Outcome::WrongContact) d.unansweredStreak = 0;
}

ApplyResult applyPayload(State& s, const Event& e, Index logIndex, const InteractionLogged& p) {
    const auto found = s.debtor(p.debtor);
    if (!found) return orphan(s, "debtor", p.debtor);
    if (p.promise && s.promise(p.promise->id)) return duplicate(s, "promise.id", p.promise->id);
    auto& d = s.debtors[*found];
    d.interactions.push_back(logIndex);
    ++s.interactionCount;
    touch(d, std::max(e.ts, p.at));
    noteConversation(d, p);
    // Only what reached the debtor interrupts prescription (an unanswered call claims nothing);
    // new commands refuse the rest, older files may hold it.
    const bool claims = p.formalClaim && claimReachedDebtor(p), acknowledges = p.acknowledgesDebt && debtorAnswered(p);
    if (claims || acknowledges) {
        LegalAct act;
        act.interaction = p.interaction;
        act.on = Date::ofTimestamp(p.at);
        act.formalClaim = claims;
        act.acknowledgement = acknowledges;
        act.channel = p.channel;
        for (const auto& id : p.invoices)
            if (const auto i = s.invoice(id); i && s.invoices[*i].debtor == *found) act.invoices.push_back(*i);
        d.legalActs.push_back(std::move(act));
    }
    if (p.promise) {
        PromiseState promise;
        promise.id = p.promise->id;
        promise.debtor = *found;
        promise.interaction = logIndex;
        promise.amount = p.promise->amount;
        promise.madeOn = Date::ofTimestamp(p.at);
        promise.dueDate = p.promise->dueDate;
        const auto index = static_cast<Index>(s.promises.size());
        s.promiseById.insert(promise.id, index);
        s.promises.push_back(std::move(promise));
        d.promises.push_back(index);
    }
    return {};
}

ApplyResult applyPayload(State& s, const Event& e, Index, const StageChanged& p) {
    const auto found = s.debtor(p.debtor);
    if (!found) return orphan(s, "debtor", p.debtor);
    // Not due and overdue are not set: they follow the invoices.
    const std::optional<Stage> to =
        (p.stage == Stage::NotDue || p.stage == Stage::Overdue) ? std::nullopt : std::optional<Stage>(p.stage);
    recordStage(s, *found, e, to, p.reason, std::nullopt);
    touch(s.debtors[*found], e.ts);
    return {};
}

ApplyResult applyPayload(State& s, const Event&, Index, const DebtorAssigned& p) {
    const auto found = s.debtor(p.debtor);
    if (!found) return orphan(s, "debtor", p.debtor);
    if (!p.member.empty() && !s.member(p.member)) return orphan(s, "member", p.member);
    s.debtors[*found].assignee = p.member;
    return {};
}

ApplyResult applyPayload(State& s, const Event&, Index logIndex, const NoteAdded& p) {
    const auto found = s.debtor(p.debtor);
    if (!found) return orphan(s, "debtor", p.debtor);
    s.debtors[*found].notes.push_back(logIndex);
    ++s.noteCount;
    return {};
}

ApplyResult applyPayload(State& s, const Event&, Index, const MemberAdded& p) {
    if (s.member(p.member)) return duplicate(s, "member", p.member);
    s.memberById.insert(p.member, static_cast<Index>(s.members.size()));
    s.members.push_back(MemberState{p.member, p.name, p.email, p.role, true});
    return {};
}

ApplyResult applyPayload(State& s, const Event&, Index, const MemberUpdated& p) {
    const auto found = s.member(p.member);
    if (!found) return orphan(s, "member", p.member);
    auto& m = s.members[*found];
    if (p.name) m.name = *p.name;
    if (p.email) m.email = *p.email;
    if (p.role) m.role = *p.role;
    if (p.active) m.active = *p.active;
    return {};
}

ApplyResult applyPayload(State& s, const Event& e, Index, const PolicyUpdated& p) {
    s.policy = p.policy;
    s.policySetAt = e.ts;
    s.policySetBy = e.author;
    ++s.policyRevision;
    return {};
}

ApplyResult applyPayload(State& s, const Event& e, Index, const PauseSet& p) {
    const auto found = s.debtor(p.debtor);
    if (!found) return orphan(s, "debtor", p.debtor);
    if (s.pause(p.pause)) return duplicate(s, "pause", p.pause);
    Index invoice = kNone;
    if (!p.invoice.empty()) {
        const auto i = s.invoice(p.invoice);
        if (!i || s.invoices[*i].debtor != *found) return orphan(s, "invoice", p.invoice);
        invoice = *i;
    }
    PauseState pause;
    pause.id = p.pause;
    pause.debtor = *found;
    pause.invoice = invoice;
    pause.reason = p.reason;
    pause.from = p.from.value_or(Date::ofTimestamp(e.ts));
    pause.until = p.until;
    pause.setAt = e.ts;
    pause.author = e.author;
    const auto index = static_cast<Index>(s.pauses.size());
    s.pauseById.insert(pause.id, index);
    s.pauses.push_back(std::move(pause));
    s.debtors[*found].pauses.push_back(index);
    touch(s.debtors[*found], e.ts);
    return {};
}

// Two people lifting the same pause offline: the first lift stands.
ApplyResult applyPayload(State& s, const Event& e, Index, const PauseLifted& p) {
    const auto found = s.pause(p.pause);
    if (!found) return orphan(s, "pause", p.pause);
    auto& pause = s.pauses[*found];
    if (pause.lifted) return {};
    pause.lifted = true;
    pause.liftedOn = p.on.value_or(Date::ofTimestamp(e.ts));
    pause.liftReason = p.reason;
    pause.liftedAt = e.ts;
    pause.liftedBy = e.author;
    return {};
}

// The latest word on an item stands: done, or snoozed again.
ApplyResult applyPayload(State& s, const Event& e, Index, const AgendaDone& p) {
    const auto found = s.debtor(p.debtor);
    if (!found) return orphan(s, "debtor", p.debtor);
    s.agendaHandled[p.key] = AgendaHandling{true, Date{}, e.ts, e.author, p.reason};
    touch(s.debtors[*found], e.ts); // dealing with an item is work on the case
    return {};
}

ApplyResult applyPayload(State& s, const Event& e, Index, const AgendaSnoozed& p) {
    const auto found = s.debtor(p.debtor);
    if (!found) return orphan(s, "debtor", p.debtor);
    s.agendaHandled[p.key] = AgendaHandling{false, p.until, e.ts, e.author, p.reason};
    return {};
}

// The latest word on a period's rate, or on a suspension, stands.
ApplyResult applyPayload(State& s, const Event& e, Index, const RateSet& p) {
    auto& rates = s.law.rates;
    const auto it = std::find_if(rates.begin(), rates.end(),
                                 [&](const RateAmendment& r) { return r.table == p.table && r.period == p.period; });
    if (p.clear) {
        if (it != rates.end()) rates.erase(it);
    } else {
        RateAmendment r{p.table, p.period, p.basisPoints, p.source, e.ts, e.author};
        if (it != rates.end()) *it = std::move(r);
        else rates.push_back(std::move(r));
    }
    ++s.law.revision;
    return {};
}

ApplyResult applyPayload(State& s, const Event& e, Index, const SuspensionSet& p) {
    auto& list = s.law.suspensions;
    const auto it =
        std::find_if(list.begin(), list.end(), [&](const SuspensionAmendment& x) { return x.id == p.suspension; });
    if (p.clear) {
        if (it != list.end()) list.erase(it);
    } else {
        SuspensionAmendment x{p.suspension, p.from, p.until, p.source, e.ts, e.author};
        if (it != list.end()) *it = std::move(x);
        else list.push_back(std::move(x));
    }
    ++s.law.revision;
    return {};
}

ApplyResult applyPayload(State& s, const Event&, Index, const PrescriptionTermSet& p) {
    const auto found = s.debtor(p.debtor);
    if (!found) return orphan(s, "debtor", p.debtor);
    if (p.invoice.empty()) {
        s.debtors[*found].prescriptionTerm = p.term;
        return {};
    }
    const auto i = s.invoice(p.invoice);
    if (!i || s.invoices[*i].debtor != *found) return orphan(s, "invoice", p.invoice);
    s.invoices[*i].prescriptionTerm = p.term;
    return {};
}

// A proof attached twice: the later one stands.
ApplyResult applyPayload(State& s, const Event&, Index, const ProofAttached& p) {
    const auto found = s.debtor(p.debtor);
    if (!found) return orphan(s, "debtor", p.debtor);
    auto& acts = s.debtors[*found].legalActs;
    const auto act = std::find_if(acts.begin(), acts.end(), [&](const LegalAct& a) { return a.interaction == p.interaction; });
    if (act == acts.end()) return orphan(s, "interaction", p.interaction);
    act->proof = p.kind;
    act->proofReference = p.reference;
    act->proofReceivedOn = p.receivedOn;
    return {};
}

ApplyResult applyPayload(State& s, const Event& e, Index, const ChargesClosed& p) {
    const auto found = s.invoice(p.invoice);
    if (!found) return orphan(s, "invoice", p.invoice);
    s.invoices[*found].charges = ChargesClosure{p.outcome, p.on, e.ts, e.author, p.reason};
    return {};
}

ApplyResult applyPayload(State& s, const Event& e, Index, const CreditorUpdated& p) {
    s.letters.creditor = p.creditor;
    s.letters.creditorSetAt = e.ts;
    s.letters.creditorSetBy = e.author;
    ++s.letters.revision;
    return {};
}

ApplyResult applyPayload(State& s, const Event& e, Index, const TemplateSaved& p) {
    auto& list = s.letters.templates;
    const auto at = std::lower_bound(list.begin(), list.end(), p, [](const TemplateEdit& t, const TemplateSaved& k) {
        return std::tie(t.templateId, t.lang) < std::tie(k.templateId, k.lang);
    });
    const bool found = at != list.end() && at->templateId == p.templateId && at->lang == p.lang;
    if (p.reset) {
        if (found) list.erase(at);
    } else {
        TemplateEdit edit{p.templateId, p.lang, p.name, p.subject, p.body, e.ts, e.author};
        if (found) *at = std::move(edit);
        else list.insert(at, std::move(edit));
    }
    ++s.letters.revision;
    return {};
}

ApplyResult applyPayload(State& s, const Event&, Index, const UnknownEvent&) {
    ++s.diagnostics.unknownEvents;
    return ApplyResult{false, std::nullopt};
}

} // namespace

// The debtor an event is about, found from the ids in its payload.
std::optional<Index> affectedDebtor(const State& s, const Payload& payload) {
    return std::visit(
        [&](const auto& p) -> std::optional<Index> {
            using T = std::decay_t<decltype(p)>;
            if constexpr (requires { p.debtor; }) {
                return s.debtor(p.debtor);
            } else if constexpr (requires { p.invoice; }) {
                const auto i = s.invoice(p.invoice);
                return i ? std::optional<Index>(s.invoices[*i].debtor) : std::nullopt;
            } else if constexpr (std::is_same_v<T, PauseLifted>) {
                const auto found = s.pause(p.pause);
                return found ? std::optional<Index>(s.pauses[*found].debtor) : std::nullopt;
            } else if constexpr (std::is_same_v<T, ContactUpdated> || std::is_same_v<T, ContactRemoved>) {
                const auto found = s.contact(p.contact);
                return found ? std::optional<Index>(s.contacts[*found].debtor) : std::nullopt;
            } else {
                return std::nullopt;
            }
        },
        payload);
}

ApplyResult apply(State& state, const Event& event, Index index) {
    state.lastApplied = event.id;
    auto result =
        std::visit([&](const auto& payload) { return applyPayload(state, event, index, payload); }, event.payload);
    if (result.applied)
        if (const auto debtor = affectedDebtor(state, event.payload)) ++state.debtors[*debtor].version;
    return result;
}

namespace {
template <class T, std::size_t I = 0> constexpr std::size_t payloadIndexOf() {
    if constexpr (std::is_same_v<std::variant_alternative_t<I, Payload>, T>) return I;
    else return payloadIndexOf<T, I + 1>();
}
} // namespace

void reserveFor(State& state, const EventLog& log, std::size_t from) {
    constexpr std::size_t kDebtor = payloadIndexOf<DebtorRegistered>();
    constexpr std::size_t kInvoice = payloadIndexOf<InvoiceAdded>();
    constexpr std::size_t kPayment = payloadIndexOf<PaymentRecorded>();
    std::size_t debtors = 0, invoices = 0, payments = 0;
    for (std::size_t i = from; i < log.size(); ++i) {
        const std::size_t type = log.payloadIndex(i);
        debtors += type == kDebtor;
        invoices += type == kInvoice;
        payments += type == kPayment;
    }
    state.debtors.reserve(state.debtors.size() + debtors);
    state.debtorById.reserve(state.debtorById.size() + debtors);
    state.debtorByTaxId.reserve(state.debtorByTaxId.size() + debtors);
    state.invoices.reserve(state.invoices.size() + invoices);
    state.invoiceById.reserve(state.invoiceById.size() + invoices);
    if (state.invoiceByNumber.built) state.invoiceByNumber.index.reserve(state.invoiceByNumber.index.size() + invoices);
    state.payments.reserve(state.payments.size() + payments);
    state.paymentById.reserve(state.paymentById.size() + payments);
}

State fold(const EventLog& log) {
    State state;
    reserveFor(state, log);
    Index i = 0;
    for (const Event& e : log) apply(state, e, i++);
    return state;
}

namespace {

template <class V> void shrink(V& items, std::size_t& budget) {
    const std::size_t n = std::min(budget, items.size());
    items.erase(items.end() - static_cast<std::ptrdiff_t>(n), items.end());
    budget -= n;
    if (items.empty()) V().swap(items); // its storage too
}

template <class M> void drain(M& map, std::size_t& budget) {
    for (; budget > 0 && !map.empty(); --budget) map.erase(map.begin());
    if (map.empty()) M().swap(map); // the bucket array too
}

} // namespace

bool releaseSome(State& s, std::size_t budget) {
    shrink(s.debtors, budget);
    shrink(s.contacts, budget);
    shrink(s.invoices, budget);
    shrink(s.payments, budget);
    shrink(s.promises, budget);
    shrink(s.stageChanges, budget);
    shrink(s.members, budget);
    shrink(s.pauses, budget);
    shrink(s.plans, budget);
    shrink(s.offers, budget);
    drain(s.agendaHandled, budget);
    drain(s.debtorByTaxId, budget);
    if (budget == 0) return true; // something may remain: the next call says
    s = State{};                  // what is left is small (an IdIndex is one block)
    return false;
}

} // namespace recobra
