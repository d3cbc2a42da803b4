#include "core/sample/generator.hpp"

#include "core/sample/identity.hpp"
#include "core/sample/phrases.hpp"
#include "core/sample/story.hpp"
#include "core/sample/story_internal.hpp"

#include <algorithm>
#include <cstdio>
#include <unordered_map>
#include <utility>

namespace recobra {

using namespace gen;

namespace {

constexpr std::int64_t kDayMs = 86'400'000;

// entityId() without printf: the generator writes millions of ids (the test checks both
// give the same text).
std::string idOf(char prefix, const EventId& id) {
    static constexpr char kHex[] = "0123456789abcdef";
    char text[26];
    text[0] = prefix;
    text[1] = '-';
    auto put = [&](std::size_t at, std::uint64_t value, std::size_t digits) {
        for (std::size_t k = digits; k-- > 0;) {
            text[at + k] = kHex[value & 0xF];
            value >>= 4;
        }
    };
    put(2, static_cast<std::uint64_t>(id.ms), 12);
    put(14, id.counter, 4);
    put(18, id.device, 8);
    return std::string(text, sizeof text);
}

std::string invoiceNumber(const InvoicePlan& inv) {
    char buffer[24];
    std::snprintf(buffer, sizeof buffer, "%04d/%06u", Date::fromDaysSinceEpoch(inv.issue).year(), inv.number);
    return buffer;
}

// Invoice numbers follow the date of issue within each year, as an accounting series does.
void numberInvoices(Plan& plan) {
    std::vector<std::pair<std::int32_t, std::uint32_t>> byDate;
    byDate.reserve(plan.invoices.size());
    for (std::uint32_t i = 0; i < plan.invoices.size(); ++i) byDate.emplace_back(plan.invoices[i].issue, i);
    std::sort(byDate.begin(), byDate.end());
    int year = 0;
    std::uint32_t counter = 0;
    for (const auto& [issue, index] : byDate) {
        const int y = Date::fromDaysSinceEpoch(issue).year();
        if (y != year) {
            year = y;
            counter = 0;
        }
        plan.invoices[index].number = ++counter;
    }
}

// Writes events from steps, in time order, with the ids each member's device gives them.
class StoryEventWriter {
public:
    StoryEventWriter(const GeneratorOptions& options, const std::vector<TeamMember>& team, Plan& plan,
           const std::function<void(const Event&)>& sink)
        : options_(options), team_(team), plan_(plan), sink_(sink) {
        for (std::uint32_t k = 0; k < team.size(); ++k) clocks_.emplace_back(options.device + k);
    }

    void members(Timestamp start) {
        for (std::uint8_t k = 0; k < team_.size(); ++k) {
            const Timestamp ts = start + static_cast<Timestamp>(k) * 7 * 60'000;
            Event e = envelope(ts, 0);
            MemberAdded p;
            p.member = idOf('m', e.id);
            p.name = team_[k].name;
            p.email = team_[k].email;
            p.role = team_[k].role;
            memberIds_.push_back(p.member);
            e.payload = std::move(p);
            emit(std::move(e));
            ++summary.members;
        }
    }

    // The creditor's own details, as the team lead fills them in on the first day, so letters
    // can be written for any debtor of the data set (docs/letters.md).
    void creditor(Timestamp ts) {
        Event e = envelope(ts, 0);
        CreditorUpdated p;
        p.creditor = Creditor{.address = "Avinguda del Port 112, 4ª\n46023 València",
                              .email = "cobros@instalmed.es",
                              .iban = "ES9121000418450200051332",
                              .legalName = "Instalaciones Mediterráneo S.L.",
                              .paymentOther = "Bizum 600 000 000",
                              .phone = "+34 961 000 000",
                              .place = "València",
                              .signerName = team_.front().name,
                              .signerRole = team_.front().role,
                              .taxId = "B46123451",
                              .tradeName = "Instalmed"};
        e.payload = std::move(p);
        emit(std::move(e));
    }

    void step(const Step& s) {
        Event e = envelope(s.ts, s.author);
        switch (s.kind) {
        case StepKind::Member:
            break;
        case StepKind::Register:
            e.payload = registration(s, e.id);
            break;
        case StepKind::Invoice:
            e.payload = invoiceAdded(s, e.id);
            break;
        case StepKind::InvoiceAmount: {
            InvoiceUpdated p;
            p.invoice = invoiceId(s.ref);
            p.amount = Money{s.amount, currencyAt(plan_.invoices[s.ref].currency)};
            e.payload = std::move(p);
            break;
        }
        case StepKind::InvoiceDue: {
            InvoiceUpdated p;
            p.invoice = invoiceId(s.ref);
            p.dueDate = Date::fromDaysSinceEpoch(s.date);
            e.payload = std::move(p);
            break;
        }
        case StepKind::Void: {
            InvoiceVoided p;
            p.invoice = invoiceId(s.ref);
            p.reason = renderPhrase(s.text, details(s));
            e.payload = std::move(p);
            break;
        }
        case StepKind::Dispute:
        case StepKind::Undispute: {
            InvoiceDisputeSet p;
            p.invoice = invoiceId(s.ref);
            p.disputed = s.kind == StepKind::Dispute;
            p.reason = renderPhrase(s.text, details(s));
            e.payload = std::move(p);
            break;
        }
        case StepKind::Payment:
            e.payload = payment(s, e.id);
            break;
        case StepKind::Interaction:
            e.payload = interaction(s, e.id);
            break;
        case StepKind::Stage: {
            StageChanged p;
            p.debtor = debtorId(s.debtor);
            p.stage = static_cast<Stage>(s.a);
            p.reason = renderPhrase(s.text, details(s));
            ++summary.stageChanges;
            e.payload = std::move(p);
            break;
        }
        case StepKind::Assign: {
            DebtorAssigned p;
            p.debtor = debtorId(s.debtor);
            if (s.a != kNobody) p.member = memberIds_[s.a % memberIds_.size()];
            e.payload = std::move(p);
            break;
        }
        case StepKind::Note: {
            NoteAdded p;
            p.debtor = debtorId(s.debtor);
            p.note = idOf('n', e.id);
            p.text = renderPhrase(s.text, details(s));
            ++summary.notes;
            e.payload = std::move(p);
            break;
        }
        case StepKind::ContactAdd: {
            ContactAdded p;
            p.debtor = debtorId(s.debtor);
            p.contact = makeLaterContact(static_cast<std::uint64_t>(s.amount), plan_.debtors[s.debtor].shape);
            p.contact.id = idOf('c', e.id);
            ++summary.contacts;
            e.payload = std::move(p);
            break;
        }
        case StepKind::ContactUpdate: {
            ContactUpdated p;
            p.contact = contactId(s.debtor, s.a);
            Rng rng(static_cast<std::uint64_t>(s.amount));
            const bool mobile = rng.chance(500);
            p.phone = makePhone(rng, plan_.debtors[s.debtor].shape.country, mobile);
            e.payload = std::move(p);
            break;
        }
        case StepKind::ContactRemove: {
            ContactRemoved p;
            p.contact = contactId(s.debtor, s.a);
            --summary.contacts;
            e.payload = std::move(p);
            break;
        }
        case StepKind::PlanAgree: {
            PlanAgreed p;
            p.debtor = debtorId(s.debtor);
            p.plan = idOf('q', e.id);
            p.agreedOn = Date::ofTimestamp(s.ts);
            p.invoices = invoiceIds(s);
            // The story's schedule: equal whole units, the rest on the last, monthly from the
            // first (each moved off a weekend), as Story::planCheck() follows it.
            const CurrencyCode currency = currencyAt(s.currency);
            const std::int64_t unit = minorPerMajor(currency);
            const std::int64_t each = s.amount / s.n / unit * unit;
            std::int32_t due = s.date;
            for (unsigned k = 0; k < s.n; ++k) {
                if (k > 0) due = story_detail::workday(Date::fromDaysSinceEpoch(due).addMonths(1).daysSinceEpoch());
                const std::int64_t amount = k + 1 == s.n ? s.amount - each * (s.n - 1) : each;
                p.installments.push_back(PlanInstallment{Money{amount, currency}, Date::fromDaysSinceEpoch(due)});
            }
            p.graceDays = s.a;
            p.acceleration = s.b != 0;
            p.reason = renderPhrase(s.text, details(s));
            planOf_[s.debtor] = p.plan;
            ++summary.plans;
            e.payload = std::move(p);
            break;
        }
        case StepKind::PlanCancel: {
            PlanCancelled p;
            p.debtor = debtorId(s.debtor);
            p.plan = planOf_[s.debtor];
            p.on = Date::ofTimestamp(s.ts);
            p.reason = renderPhrase(s.text, details(s));
            e.payload = std::move(p);
            break;
        }
        case StepKind::Offer: {
            OfferMade p;
            p.debtor = debtorId(s.debtor);
            p.offer = idOf('o', e.id);
            p.kind = static_cast<OfferKind>(s.a);
            p.madeOn = Date::ofTimestamp(s.ts);
            p.deadline = Date::fromDaysSinceEpoch(s.date);
            p.pay = Money{s.amount, currencyAt(s.currency)};
            p.percent = static_cast<std::int64_t>(s.n) * 100;
            p.invoices = invoiceIds(s);
            p.reason = renderPhrase(s.text, details(s));
            ++summary.offers;
            e.payload = std::move(p);
            break;
        }
        case StepKind::DebtorTag: {
            DebtorUpdated p;
            p.debtor = debtorId(s.debtor);
            auto tags = makeIdentity(options_.seed, s.debtor, plan_.debtors[s.debtor].shape).tags;
            tags.emplace_back("Riesgo alto");
            p.tags = std::move(tags);
            e.payload = std::move(p);
            break;
        }
        }
        emit(std::move(e));
    }

    void finish() { flush(); }

    GeneratorSummary summary;

private:
    Event envelope(Timestamp ts, std::uint8_t author) {
        const std::size_t who = author % clocks_.size();
        Event e;
        e.id = clocks_[who].next(ts);
        e.ts = ts;
        e.author = team_[who].name;
        return e;
    }

    std::string debtorId(std::uint32_t debtor) const { return idOf('d', plan_.debtors[debtor].registeredBy); }
    std::vector<std::string> invoiceIds(const Step& s) const {
        std::vector<std::string> out;
        for (unsigned k = 0; k < s.count; ++k) out.push_back(invoiceId(plan_.invoiceRefs[s.ref + k]));
        return out;
    }
    std::string invoiceId(std::uint32_t slot) const { return idOf('i', plan_.invoices[slot].createdBy); }
    std::string contactId(std::uint32_t debtor, unsigned k) const {
        return idOf('c', plan_.debtors[debtor].registeredBy) + "-" + std::to_string(k);
    }

    PhraseDetails details(const Step& s) const {
        PhraseDetails d;
        d.amount = Money{s.amount, currencyAt(s.currency)};
        d.date = Date::fromDaysSinceEpoch(s.date);
        d.person = firstName(plan_.debtors[s.debtor].shape.contactName);
        d.n = s.n;
        return d;
    }

    DebtorRegistered registration(const Step& s, const EventId& id) {
        auto& plan = plan_.debtors[s.debtor];
        plan.registeredBy = id;
        Identity who = makeIdentity(options_.seed, s.debtor, plan.shape);
        DebtorRegistered p;
        p.debtor = idOf('d', id);
        p.legalName = std::move(who.legalName);
        p.tradeName = std::move(who.tradeName);
        p.taxId = std::move(who.taxId);
        p.kind = plan.shape.kind;
        p.country = countryCode(plan.shape.country);
        p.relationship = plan.relationship;
        p.creditLimit = who.creditLimit;
        p.commercialRefs = std::move(who.commercialRefs);
        p.bankRefs = std::move(who.bankRefs);
        p.tags = std::move(who.tags);
        if (plan.assignee >= 0)
            p.assignee = memberIds_[static_cast<std::size_t>(plan.assignee) % memberIds_.size()];
        p.contacts = std::move(who.contacts);
        for (std::size_t k = 0; k < p.contacts.size(); ++k)
            p.contacts[k].id = idOf('c', id) + "-" + std::to_string(k);
        summary.contacts += p.contacts.size();
        ++summary.debtors;
        return p;
    }

    InvoiceAdded invoiceAdded(const Step& s, const EventId& id) {
        auto& inv = plan_.invoices[s.ref];
        inv.createdBy = id;
        InvoiceAdded p;
        p.invoice = idOf('i', id);
        p.debtor = debtorId(inv.debtor);
        p.amount = Money{inv.amount, currencyAt(inv.currency)};
        p.issueDate = Date::fromDaysSinceEpoch(inv.issue);
        p.dueDate = Date::fromDaysSinceEpoch(inv.due);
        p.kind = inv.kind;
        p.number = invoiceNumber(inv);
        PhraseDetails d;
        d.date = p.issueDate;
        p.description = renderPhrase(inv.description, d);
        ++summary.invoices;
        return p;
    }

    PaymentRecorded payment(const Step& s, const EventId& id) {
        PaymentRecorded p;
        p.payment = idOf('p', id);
        p.debtor = debtorId(s.debtor);
        p.amount = Money{s.amount, currencyAt(s.currency)};
        p.date = Date::fromDaysSinceEpoch(s.date);
        p.method = static_cast<PaymentMethod>(s.a);
        for (unsigned k = 0; k < s.count; ++k) {
            const auto& a = plan_.allocations[s.ref + k];
            p.allocations.push_back(Allocation{a.amount, invoiceId(a.invoice)});
        }
        const std::string first =
            s.count > 0 ? invoiceNumber(plan_.invoices[plan_.allocations[s.ref].invoice]) : "";
        char digits[16];
        std::snprintf(digits, sizeof digits, "%06lld", static_cast<long long>((s.ts / 1000) % 1'000'000));
        switch (p.method) {
        case PaymentMethod::Transfer:
            p.reference = first.empty() ? "Transferencia" : "TRF factura " + first;
            break;
        case PaymentMethod::DirectDebit:
            p.reference = first.empty() ? "Recibo domiciliado" : "Recibo " + first;
            break;
        case PaymentMethod::Card:
            p.reference = std::string("TPV ") + digits;
            break;
        case PaymentMethod::Cheque:
            p.reference = std::string("Cheque nº ") + digits;
            break;
        case PaymentMethod::Cash:
            break;
        case PaymentMethod::Other:
            p.reference = "Compensación de saldos";
            break;
        }
        ++summary.payments;
        return p;
    }

    InteractionLogged interaction(const Step& s, const EventId& id) {
        InteractionLogged p;
        p.interaction = idOf('x', id);
        p.debtor = debtorId(s.debtor);
        // The conversation took place a few minutes before it was written down.
        p.at = s.ts - 60'000 * (1 + (s.ts / 1000) % 20);
        p.channel = static_cast<Channel>(s.a);
        p.outcome = static_cast<Outcome>(s.b);
        p.attitude = static_cast<Attitude>(s.c);
        p.direction = (s.flags & kInbound) ? Direction::Inbound : Direction::Outbound;
        p.formalClaim = (s.flags & kFormalClaim) != 0;
        p.acknowledgesDebt = (s.flags & kAcknowledges) != 0;
        for (unsigned k = 0; k < s.count; ++k) p.invoices.push_back(invoiceId(plan_.invoiceRefs[s.ref + k]));
        PhraseDetails d = details(s);
        const std::string number = s.count > 0 ? invoiceNumber(plan_.invoices[plan_.invoiceRefs[s.ref]]) : "";
        d.invoice = number;
        if (s.flags & kPromise) {
            PromiseTerms promise;
            promise.id = idOf('r', id);
            promise.amount = d.amount;
            promise.dueDate = d.date;
            p.promise = std::move(promise);
            ++summary.promises;
        }
        p.summary = renderPhrase(s.text, d);
        ++summary.interactions;
        return p;
    }

    // Ids of events in the same millisecond from different devices sort by device, not by
    // the order they were written in: hold them until the millisecond is over.
    void emit(Event&& e) {
        if (!pending_.empty() && e.id.ms > pendingMs_) flush();
        pendingMs_ = std::max(pendingMs_, e.id.ms);
        pending_.push_back(std::move(e));
    }

    void flush() {
        std::sort(pending_.begin(), pending_.end(),
                  [](const Event& a, const Event& b) { return a.id < b.id; });
        for (const auto& e : pending_) sink_(e);
        summary.events += pending_.size();
        pending_.clear();
    }

    const GeneratorOptions& options_;
    const std::vector<TeamMember>& team_;
    Plan& plan_;
    const std::function<void(const Event&)>& sink_;
    std::vector<Hlc> clocks_;
    std::vector<std::string> memberIds_;
    std::unordered_map<std::uint32_t, std::string> planOf_; // each debtor's latest plan
    std::vector<Event> pending_;
    std::int64_t pendingMs_ = 0;
};

} // namespace

GeneratorSummary generateDataset(const GeneratorOptions& options,
                                 const std::function<void(const Event&)>& sink) {
    const auto team = makeTeam(options.seed);
    World world;
    world.seed = options.seed;
    world.referenceDay = options.referenceDate.daysSinceEpoch();
    world.windowStart = world.referenceDay - 730;
    world.members = static_cast<unsigned>(team.size());

    Plan plan;
    plan.debtors.reserve(options.debtors);
    plan.steps.reserve(std::size_t{options.debtors} * 21);
    plan.invoices.reserve(std::size_t{options.debtors} * 3 + 16);
    for (std::uint32_t d = 0; d < options.debtors; ++d) planDebtor(world, d, plan);
    numberInvoices(plan);

    // Every step in time order; steps of one debtor already are, and never share a time.
    std::vector<std::pair<Timestamp, std::uint32_t>> order;
    order.reserve(plan.steps.size());
    for (std::uint32_t i = 0; i < plan.steps.size(); ++i) order.emplace_back(plan.steps[i].ts, i);
    std::sort(order.begin(), order.end());

    StoryEventWriter writer(options, team, plan, sink);
    // The team is set up two weeks before the first debtor, at 09:00 Spanish time.
    writer.members(static_cast<Timestamp>(world.windowStart - 14) * kDayMs + 8 * 3'600'000);
    writer.creditor(static_cast<Timestamp>(world.windowStart - 14) * kDayMs + 9 * 3'600'000);
    for (const auto& [ts, index] : order) writer.step(plan.steps[index]);
    writer.finish();
    writer.summary.teamLead = team.front().name;
    return writer.summary;
}

std::vector<Event> generateDataset(const GeneratorOptions& options) {
    std::vector<Event> events;
    generateDataset(options, [&](const Event& e) { events.push_back(e); });
    return events;
}

} // namespace recobra
