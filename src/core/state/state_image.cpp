#include "core/state/state_image.hpp"

#include <algorithm>

#include "core/codec/binary_codec.hpp"

namespace recobra {

namespace {

using namespace binary;

constexpr char kMagic[8] = {'R', 'B', 'S', 'T', 'A', 'T', 'E', '1'};

// A piece: magic, signature, sequence number, section, index of its first item, the items,
// and a checksum of all that. Section 0 is the header (the scalars, every list's length);
// the others hold one list each, in order.
enum Section : std::size_t {
    kHeader,
    kDebtors,
    kContacts,
    kInvoices,
    kPayments,
    kPromises,
    kStageChanges,
    kMembers,
    kPauses,
    kPlans,
    kOffers,
    kHandled, // agendaHandled, entry by entry
    kTaxIds,  // debtorByTaxId, entry by entry
    kSections
};
static_assert(kSections == StateImageReader::kSectionCount, "StateImageReader counts every section");

// The scalars of the state, as the header writes them.
struct Header {
    std::uint64_t logEvents = 0;
    std::vector<std::uint64_t> lengths;
    std::optional<Policy> policy;
    Timestamp policySetAt = 0;
    std::string policySetBy;
    std::uint32_t policyRevision = 0;
    std::uint64_t interactionCount = 0, noteCount = 0;
    FoldDiagnostics diagnostics;
    std::optional<EventId> lastApplied;
    LawAmendments law;
    LetterSetup letters;

    template <class V> void visit(V& v) {
        v("logEvents", logEvents);
        v("lengths", lengths);
        v("policy", policy);
        v("policySetAt", policySetAt);
        v("policySetBy", policySetBy);
        v("policyRevision", policyRevision);
        v("interactionCount", interactionCount);
        v("noteCount", noteCount);
        v("diagnostics", diagnostics);
        v("lastApplied", lastApplied);
        v("law", law);
        v("letters", letters);
    }
};

std::size_t length(const State& s, std::size_t section) {
    switch (section) {
    case kDebtors: return s.debtors.size();
    case kContacts: return s.contacts.size();
    case kInvoices: return s.invoices.size();
    case kPayments: return s.payments.size();
    case kPromises: return s.promises.size();
    case kStageChanges: return s.stageChanges.size();
    case kMembers: return s.members.size();
    case kPauses: return s.pauses.size();
    case kPlans: return s.plans.size();
    case kOffers: return s.offers.size();
    case kHandled: return s.agendaHandled.size();
    case kTaxIds: return s.debtorByTaxId.size();
    default: return 0;
    }
}

// Calls f with the list of `section` (not the two maps), of a State or a const State.
template <class S, class F> void withList(S& s, std::size_t section, F&& f) {
    switch (section) {
    case kDebtors: return f(s.debtors);
    case kContacts: return f(s.contacts);
    case kInvoices: return f(s.invoices);
    case kPayments: return f(s.payments);
    case kPromises: return f(s.promises);
    case kStageChanges: return f(s.stageChanges);
    case kMembers: return f(s.members);
    case kPauses: return f(s.pauses);
    case kPlans: return f(s.plans);
    case kOffers: return f(s.offers);
    default: return;
    }
}

// Index maps the fold keeps beside the lists: every item's id, the first of a repeated one
// kept (as apply() does).
template <class List, class Id> void index(const List& list, IdIndex& byId, Id id) {
    byId.reserve(list.size());
    const auto idAt = [&](Index i) -> const std::string& { return id(list[i]); };
    for (std::size_t i = 0; i < list.size(); ++i)
        if (!byId.find(id(list[i]), idAt)) byId.insert(id(list[i]), static_cast<Index>(i));
}

bool within(Index i, std::size_t size) { return i < size; }
bool withinOrNone(Index i, std::size_t size) { return i == kNone || i < size; }
bool allWithin(const std::vector<Index>& list, std::size_t size) {
    for (const Index i : list)
        if (i >= size) return false;
    return true;
}

// Every index of the state points inside what it refers to.
bool indexesHold(const State& s, std::size_t logEvents) {
    const std::size_t debtors = s.debtors.size(), invoices = s.invoices.size();
    for (const auto& d : s.debtors)
        if (!allWithin(d.contacts, s.contacts.size()) || !allWithin(d.invoices, invoices) ||
            !allWithin(d.payments, s.payments.size()) || !allWithin(d.interactions, logEvents) ||
            !allWithin(d.promises, s.promises.size()) || !allWithin(d.notes, logEvents) ||
            !allWithin(d.stageChanges, s.stageChanges.size()) || !allWithin(d.pauses, s.pauses.size()) ||
            !allWithin(d.plans, s.plans.size()) || !allWithin(d.offers, s.offers.size()))
            return false;
    for (const auto& c : s.contacts)
        if (!within(c.debtor, debtors)) return false;
    for (const auto& i : s.invoices)
        if (!within(i.debtor, debtors)) return false;
    for (const auto& p : s.payments) {
        if (!within(p.debtor, debtors)) return false;
        for (const auto& a : p.allocations)
            if (!within(a.invoice, invoices)) return false;
    }
    for (const auto& p : s.promises)
        if (!within(p.debtor, debtors) || !withinOrNone(p.interaction, logEvents)) return false;
    for (const auto& c : s.stageChanges)
        if (!within(c.debtor, debtors)) return false;
    for (const auto& p : s.pauses)
        if (!within(p.debtor, debtors) || !withinOrNone(p.invoice, invoices)) return false;
    for (const auto& p : s.plans)
        if (!within(p.debtor, debtors) || !allWithin(p.invoices, invoices)) return false;
    for (const auto& o : s.offers)
        if (!within(o.debtor, debtors) || !allWithin(o.invoices, invoices)) return false;
    for (const auto& [key, debtor] : s.debtorByTaxId)
        if (!within(debtor, debtors)) return false;
    return true;
}

void startPiece(std::string& piece, std::uint64_t sequence, std::size_t section, std::size_t first) {
    piece.clear();
    piece.append(kMagic, sizeof kMagic);
    putFixed64(piece, stateSignature());
    putVarint(piece, sequence);
    putVarint(piece, section);
    putVarint(piece, first);
}

} // namespace

std::uint64_t stateSignature() {
    static const std::uint64_t signature = [] {
        std::string shape = "state image 1\n";
        ShapeWriter w(shape);
        w.shape<Header>();
        w.shape<DebtorState>();
        w.shape<ContactState>();
        w.shape<InvoiceState>();
        w.shape<PaymentState>();
        w.shape<PromiseState>();
        w.shape<StageChange>();
        w.shape<MemberState>();
        w.shape<PauseState>();
        w.shape<PlanState>();
        w.shape<OfferState>();
        w.shape<AgendaHandling>();
        return fnv1a(shape);
    }();
    return signature;
}

bool StateImageWriter::next(std::string& piece, std::size_t bytes) {
    if (section_ >= kSections) return false;
    BinaryWriter w(piece);
    if (section_ == kHeader) {
        startPiece(piece, sequence_++, kHeader, 0);
        Header h;
        h.logEvents = logEvents_;
        for (std::size_t s = kDebtors; s < kSections; ++s) h.lengths.push_back(length(state_, s));
        h.policy = state_.policy;
        h.policySetAt = state_.policySetAt;
        h.policySetBy = state_.policySetBy;
        h.policyRevision = state_.policyRevision;
        h.interactionCount = state_.interactionCount;
        h.noteCount = state_.noteCount;
        h.diagnostics = state_.diagnostics;
        h.lastApplied = state_.lastApplied;
        h.law = state_.law;
        h.letters = state_.letters;
        w.write(h);
        section_ = kDebtors;
        item_ = 0;
        handled_ = state_.agendaHandled.begin();
        taxIds_ = state_.debtorByTaxId.begin();
    } else {
        while (section_ < kSections && item_ >= length(state_, section_)) {
            ++section_;
            item_ = 0;
        }
        if (section_ >= kSections) return false;
        startPiece(piece, sequence_++, section_, item_);
        const std::size_t n = length(state_, section_);
        const std::size_t start = piece.size();
        for (; item_ < n && (piece.size() == start || piece.size() < bytes); ++item_) { // one item at least
            if (section_ == kHandled) {
                w.write(handled_->first);
                w.write(handled_->second);
                ++handled_;
            } else if (section_ == kTaxIds) {
                w.write(taxIds_->first);
                w.write(taxIds_->second);
                ++taxIds_;
            } else {
                withList(state_, section_, [&](const auto& list) { w.write(list[item_]); });
            }
        }
    }
    putFixed64(piece, checksum(piece.data(), piece.size()));
    return true;
}

bool StateImageReader::add(std::string_view piece) {
    const auto fail = [this] { return !(failed_ = true); };
    if (failed_ || piece.size() < sizeof kMagic + 16 || piece.compare(0, sizeof kMagic, kMagic, sizeof kMagic) != 0)
        return fail();
    const std::size_t body = piece.size() - 8;
    CheckedReader tail(piece.data() + body, piece.data() + piece.size());
    if (tail.fixed64() != checksum(piece.data(), body)) return fail();
    CheckedReader r(piece.data() + sizeof kMagic, piece.data() + body);
    if (r.fixed64() != stateSignature() || r.varint() != sequence_++) return fail();
    const std::uint64_t sectionNumber = r.varint(), first = r.varint();
    if (!r.ok() || (sectionNumber == kHeader) == started_ || sectionNumber >= kSections) return fail();
    const auto section = static_cast<std::size_t>(sectionNumber);
    if (section == kHeader) {
        Header h;
        r.read(h);
        if (!r.ok() || !r.atEnd() || h.logEvents != logEvents_ || h.lengths.size() != kSections - 1) return fail();
        for (std::size_t s = kDebtors; s < kSections; ++s) {
            expected_[s] = static_cast<std::size_t>(h.lengths[s - 1]);
            // Every item takes a few bytes: a length beyond what wasm can hold is damage.
            if (h.lengths[s - 1] > (std::uint64_t{1} << 32)) return fail();
        }
        state_.policy = std::move(h.policy);
        state_.policySetAt = h.policySetAt;
        state_.policySetBy = std::move(h.policySetBy);
        state_.policyRevision = h.policyRevision;
        state_.interactionCount = static_cast<std::size_t>(h.interactionCount);
        state_.noteCount = static_cast<std::size_t>(h.noteCount);
        state_.diagnostics = h.diagnostics;
        state_.lastApplied = h.lastApplied;
        state_.law = std::move(h.law);
        state_.letters = std::move(h.letters);
        // Room for what the header declares, but never for more items than the log has events
        // (each comes from one, contacts aside): a damaged header claiming 2^31 debtors must not
        // ask for 1.5 TB before a single item is read (found by fuzz-image). A list longer than
        // that grows as it is read; one shorter than declared is refused at the end.
        auto room = [&](Section s) { return std::min<std::size_t>(expected_[s], logEvents_); };
        state_.debtors.reserve(room(kDebtors));
        state_.contacts.reserve(room(kContacts));
        state_.invoices.reserve(room(kInvoices));
        state_.payments.reserve(room(kPayments));
        state_.promises.reserve(room(kPromises));
        state_.agendaHandled.reserve(room(kHandled));
        state_.debtorByTaxId.reserve(room(kTaxIds));
        started_ = true;
        return true;
    }
    if (first != static_cast<std::uint64_t>(length(state_, section))) return fail(); // pieces in order, none missing
    while (r.ok() && !r.atEnd()) {
        if (length(state_, section) >= expected_[section]) return fail();
        if (section == kHandled || section == kTaxIds) {
            std::string key;
            r.read(key);
            const std::size_t before = length(state_, section);
            if (section == kHandled) r.read(state_.agendaHandled[std::move(key)]);
            else r.read(state_.debtorByTaxId[std::move(key)]);
            if (length(state_, section) == before) return fail(); // a key twice
        } else {
            withList(state_, section, [&](auto& list) { r.read(list.emplace_back()); });
        }
    }
    return r.ok() ? true : fail();
}

std::optional<State> StateImageReader::finish() {
    if (failed_ || !started_) return std::nullopt;
    for (std::size_t s = kDebtors; s < kSections; ++s)
        if (length(state_, s) != expected_[s]) return std::nullopt;
    if (!indexesHold(state_, logEvents_)) return std::nullopt;
    State& s = state_;
    index(s.debtors, s.debtorById, [](const DebtorState& d) -> const std::string& { return d.id; });
    index(s.contacts, s.contactById, [](const ContactState& c) -> const std::string& { return c.info.id; });
    index(s.invoices, s.invoiceById, [](const InvoiceState& i) -> const std::string& { return i.id; });
    index(s.payments, s.paymentById, [](const PaymentState& p) -> const std::string& { return p.id; });
    index(s.promises, s.promiseById, [](const PromiseState& p) -> const std::string& { return p.id; });
    index(s.members, s.memberById, [](const MemberState& m) -> const std::string& { return m.id; });
    index(s.pauses, s.pauseById, [](const PauseState& p) -> const std::string& { return p.id; });
    index(s.plans, s.planById, [](const PlanState& p) -> const std::string& { return p.id; });
    index(s.offers, s.offerById, [](const OfferState& o) -> const std::string& { return o.id; });
    s.invoiceByNumber.built = false; // built when first asked (State::hasInvoiceNumber)
    State out = std::move(state_);
    *this = StateImageReader(logEvents_);
    return out;
}

} // namespace recobra
