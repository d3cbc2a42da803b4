#include "support.hpp"

#include "core/codec/event_codec.hpp"
#include "core/codec/json_codec.hpp"

#include <algorithm>
#include <doctest/doctest.h>
#include <map>
#include <set>

namespace recobra::test {

std::uint64_t Rng::next() {
    std::uint64_t z = (state_ += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
}

std::size_t Rng::below(std::size_t n) {
    return static_cast<std::size_t>(next() % n);
}

Date day(const char* iso) {
    const auto d = Date::parseIso(iso);
    CHECK_MESSAGE(d.has_value(), "not a date: ", iso);
    return d.value_or(Date{});
}

Timestamp at(const char* iso, int hour, int minute) {
    return day(iso).startOfDayUtc() + hour * 3'600'000LL + minute * 60'000LL;
}

json money(std::int64_t minor, const char* currency) {
    return json{{"currency", currency}, {"minor", minor}};
}

json command(const char* type, json fields) {
    fields["type"] = type;
    return fields;
}

json patched(json base, const char* patch) {
    base.merge_patch(json::parse(patch));
    return base;
}

std::string letters(std::size_t n) {
    return std::string(n, 'a');
}

std::string code(const Problem& problem) {
    return strId(problem.code);
}
std::string code(const std::optional<Problem>& problem) {
    return problem ? code(*problem) : "(none)";
}

// --- the canonical dump ------------------------------------------------------------------------

namespace {

struct Out {
    std::string text;
    Out& operator<<(const std::string& s) {
        text += s;
        return *this;
    }
    Out& operator<<(const char* s) {
        text += s;
        return *this;
    }
    Out& operator<<(std::int64_t n) {
        text += std::to_string(n);
        return *this;
    }
    Out& operator<<(std::uint64_t n) {
        text += std::to_string(n);
        return *this;
    }
    Out& operator<<(Money m) {
        text += std::to_string(m.minor) + " " + m.currency.str();
        return *this;
    }
    Out& operator<<(Date d) {
        text += d.iso();
        return *this;
    }
    Out& operator<<(bool b) {
        text += b ? "true" : "false";
        return *this;
    }
};

std::string quoted(const std::string& s) {
    std::string out;
    appendJsonString(out, s);
    return out;
}

std::string bag(const MoneyBag& b) {
    std::string out = "[";
    for (const auto& m : b.amounts())
        out += (out.size() > 1 ? ", " : "") + std::to_string(m.minor) + " " + m.currency.str();
    return out + "]";
}

template <class E> std::string optionalEnum(const std::optional<E>& e) {
    return e ? enumName(*e) : "-";
}

// Log indexes name events: written as the event's id so the dump does not depend on them.
std::string logRef(const EventLog& log, Index i) {
    return i < log.size() ? log.id(i).str() : "bad-log-index:" + std::to_string(i);
}

template <class F> std::string list(const std::vector<Index>& items, F name) {
    std::string out = "[";
    for (Index i : items) out += (out.size() > 1 ? ", " : "") + name(i);
    return out + "]";
}

std::string sortedMap(const std::map<std::string, Index>& sorted) {
    std::string out;
    for (const auto& [k, v] : sorted) out += " " + k + "=" + std::to_string(v);
    return out;
}
std::string sortedMap(const std::unordered_map<std::string, Index>& map) {
    return sortedMap(std::map<std::string, Index>(map.begin(), map.end()));
}
// What an IdIndex holds, id by id (the ids read from the list it indexes).
template <class List, class IdOf> std::string sortedMap(const IdIndex& index, const List& list, IdOf idOf) {
    std::map<std::string, Index> sorted;
    for (const Index i : index.positions()) sorted.emplace(i < list.size() ? idOf(list[i]) : "<out of range>", i);
    return sortedMap(sorted);
}

} // namespace

std::string dumpState(const State& s, const EventLog& log) {
    Out o;
    auto debtorId = [&](Index i) { return i < s.debtors.size() ? s.debtors[i].id : "?" + std::to_string(i); };
    auto invoiceId = [&](Index i) {
        return i < s.invoices.size() ? s.invoices[i].id : "?" + std::to_string(i);
    };
    for (const auto& m : s.members)
        o << "member " << m.id << " name=" << quoted(m.name) << " email=" << quoted(m.email)
          << " role=" << quoted(m.role) << " active=" << m.active << "\n";
    for (const auto& d : s.debtors) {
        const auto& p = d.profile;
        o << "debtor " << d.id << " legalName=" << quoted(p.legalName) << " tradeName=" << quoted(p.tradeName)
          << " taxId=" << quoted(p.taxId) << " kind=" << enumName(p.kind) << " country=" << p.country
          << " relationship=" << enumName(p.relationship) << " creditLimit="
          << (p.creditLimit ? std::to_string(p.creditLimit->minor) + " " + p.creditLimit->currency.str()
                            : "-")
          << " commercialRefs=" << quoted(p.commercialRefs) << " bankRefs=" << quoted(p.bankRefs)
          << " notes=" << quoted(p.notes) << " tags=";
        for (const auto& t : p.tags) o << quoted(t) << ";";
        o << " assignee=" << d.assignee << " stage=" << optionalEnum(d.stage)
          << " version=" << static_cast<std::int64_t>(d.version) << " registeredAt=" << d.registeredAt
          << " lastActivityAt=" << d.lastActivityAt << " outstanding=" << bag(d.outstanding)
          << " credit=" << bag(d.credit)
          << " oldestOpenDue=" << (d.oldestOpenDue ? d.oldestOpenDue->iso() : "-")
          << "\n  contacts=" << list(d.contacts, [&](Index i) { return s.contacts[i].info.id; })
          << " invoices=" << list(d.invoices, invoiceId)
          << " payments=" << list(d.payments, [&](Index i) { return s.payments[i].id; })
          << " interactions=" << list(d.interactions, [&](Index i) { return logRef(log, i); })
          << " promises=" << list(d.promises, [&](Index i) { return s.promises[i].id; })
          << " notes=" << list(d.notes, [&](Index i) { return logRef(log, i); })
          << " stageChanges=" << list(d.stageChanges, [](Index i) { return std::to_string(i); }) << "\n";
    }
    for (const auto& c : s.contacts)
        o << "contact " << c.info.id << " debtor=" << debtorId(c.debtor) << " name=" << quoted(c.info.name)
          << " role=" << quoted(c.info.role) << " phone=" << quoted(c.info.phone)
          << " email=" << quoted(c.info.email) << " address=" << quoted(c.info.address)
          << " preferred=" << optionalEnum(c.info.preferredChannel) << " removed=" << c.removed << "\n";
    for (const auto& i : s.invoices)
        o << "invoice " << i.id << " debtor=" << debtorId(i.debtor) << " number=" << quoted(i.number)
          << " issue=" << i.issueDate << " due=" << i.dueDate << " amount=" << i.amount
          << " kind=" << enumName(i.kind) << " description=" << quoted(i.description)
          << " voided=" << i.voided << " voidReason=" << quoted(i.voidReason) << " disputed=" << i.disputed
          << " disputeReason=" << quoted(i.disputeReason) << " paid=" << i.paid << " forgiven=" << i.forgiven
          << " addedAt=" << i.addedAt
          << " status=" << enumName(i.status()) << "\n";
    for (const auto& p : s.payments) {
        o << "payment " << p.id << " debtor=" << debtorId(p.debtor) << " date=" << p.date
          << " amount=" << p.amount << " method=" << enumName(p.method)
          << " reference=" << quoted(p.reference) << " unallocated=" << p.unallocated
          << " recordedAt=" << p.recordedAt << " author=" << quoted(p.author) << " allocations=";
        for (const auto& a : p.allocations) o << invoiceId(a.invoice) << ":" << a.amount << ";";
        o << "\n";
    }
    for (const auto& p : s.promises)
        o << "promise " << p.id << " debtor=" << debtorId(p.debtor)
          << " interaction=" << logRef(log, p.interaction) << " amount=" << p.amount << " madeOn=" << p.madeOn
          << " due=" << p.dueDate << "\n";
    for (std::size_t k = 0; k < s.stageChanges.size(); ++k) {
        const auto& c = s.stageChanges[k];
        o << "stageChange " << std::to_string(k) << " debtor=" << debtorId(c.debtor) << " at=" << c.at
          << " author=" << quoted(c.author) << " from=" << optionalEnum(c.from)
          << " to=" << optionalEnum(c.to) << " reason=" << quoted(c.reason)
          << " automatic=" << (c.automaticReason ? strId(*c.automaticReason) : "-") << "\n";
    }
    for (const auto& d : s.debtors) {
        o << "debtorContacts " << d.id << " refusals=" << static_cast<std::uint64_t>(d.refusals)
          << " lastRefusalAt=" << d.lastRefusalAt << " unanswered=" << static_cast<std::uint64_t>(d.unansweredStreak)
          << " outbound=";
        for (Timestamp t : d.outboundContacts) o << t << ";";
        o << " pauses=" << list(d.pauses, [&](Index i) { return s.pauses[i].id; }) << "\n";
    }
    for (const auto& p : s.pauses)
        o << "pause " << p.id << " debtor=" << debtorId(p.debtor)
          << " invoice=" << (p.invoice == kNone ? std::string("-") : invoiceId(p.invoice)) << " reason=" << quoted(p.reason)
          << " from=" << p.from << " until=" << p.until << " setAt=" << p.setAt << " author=" << quoted(p.author)
          << " lifted=" << p.lifted << " liftedOn=" << p.liftedOn << " liftedAt=" << p.liftedAt
          << " liftedBy=" << quoted(p.liftedBy) << " liftReason=" << quoted(p.liftReason) << "\n";
    for (const auto& d : s.debtors)
        if (!d.plans.empty() || !d.offers.empty())
            o << "debtorPlans " << d.id << " plans=" << list(d.plans, [&](Index i) { return s.plans[i].id; })
              << " offers=" << list(d.offers, [&](Index i) { return s.offers[i].id; })
              << " breaksOn=" << (d.planBreaksOn ? d.planBreaksOn->iso() : "-")
              << " returnsTo=" << optionalEnum(d.planReturnsTo) << "\n";
    for (const auto& p : s.plans) {
        o << "plan " << p.id << " debtor=" << debtorId(p.debtor) << " invoices=" << list(p.invoices, invoiceId)
          << " agreedOn=" << p.agreedOn << " total=" << p.total << " interest=" << enumName(p.interest) << ":"
          << p.interestAmount << " grace=" << p.graceDays << " acceleration=" << p.acceleration
          << " before=" << optionalEnum(p.stageBefore) << " cancelled=" << p.cancelled << ":" << p.cancelledOn << ":"
          << quoted(p.cancelReason) << " completedOn=" << (p.completedOn ? p.completedOn->iso() : "-")
          << " reason=" << quoted(p.reason) << "\n";
        for (const auto& schedule : p.schedules) {
            o << "  schedule from=" << schedule.from << " down=" << schedule.downPayment << " covered=" << schedule.covered
              << " at=" << schedule.at << " author=" << quoted(schedule.author) << " reason=" << quoted(schedule.reason) << " :";
            for (const auto& i : schedule.installments) o << " " << i.due << "=" << i.amount;
            o << "\n";
        }
    }
    for (const auto& f : s.offers)
        o << "offer " << f.id << " debtor=" << debtorId(f.debtor) << " kind=" << enumName(f.kind)
          << " invoices=" << list(f.invoices, invoiceId) << " madeOn=" << f.madeOn << " deadline=" << f.deadline
          << " pay=" << f.pay << " debt=" << f.debt << " percent=" << f.percent << " reason=" << quoted(f.reason)
          << " at=" << f.at << " author=" << quoted(f.author)
          << " acceptedOn=" << (f.acceptedOn ? f.acceptedOn->iso() : "-") << " forgiven=" << f.forgiven << "\n";
    {
        std::map<std::string, const AgendaHandling*> handled;
        for (const auto& [key, h] : s.agendaHandled) handled[key] = &h;
        for (const auto& [key, h] : handled)
            o << "agendaHandled " << quoted(key) << " done=" << h->done << " snoozedUntil=" << h->snoozedUntil
              << " at=" << h->at << " author=" << quoted(h->author) << " reason=" << quoted(h->reason) << "\n";
    }
    if (s.policy) {
        std::string policy;
        JsonWriter::writeObject(policy, *s.policy);
        o << "policy " << policy << " setAt=" << s.policySetAt << " by=" << quoted(s.policySetBy)
          << " revision=" << static_cast<std::uint64_t>(s.policyRevision) << "\n";
    }
    o << "interactions=" << static_cast<std::uint64_t>(s.interactionCount)
      << " notes=" << static_cast<std::uint64_t>(s.noteCount) << "\n";
    const auto id = [](const auto& item) { return item.id; };
    o << "debtorById" << sortedMap(s.debtorById, s.debtors, id)
      << "\ncontactById" << sortedMap(s.contactById, s.contacts, [](const ContactState& c) { return c.info.id; })
      << "\ninvoiceById" << sortedMap(s.invoiceById, s.invoices, id)
      << "\npaymentById" << sortedMap(s.paymentById, s.payments, id)
      << "\npromiseById" << sortedMap(s.promiseById, s.promises, id)
      << "\nmemberById" << sortedMap(s.memberById, s.members, id)
      << "\npauseById" << sortedMap(s.pauseById, s.pauses, id)
      << "\nplanById" << sortedMap(s.planById, s.plans, id)
      << "\nofferById" << sortedMap(s.offerById, s.offers, id)
      << "\ndebtorByTaxId" << sortedMap(s.debtorByTaxId) << "\n";
    o << "diagnostics unknown=" << static_cast<std::uint64_t>(s.diagnostics.unknownEvents)
      << " orphan=" << static_cast<std::uint64_t>(s.diagnostics.orphanEvents)
      << " duplicate=" << static_cast<std::uint64_t>(s.diagnostics.duplicateEntities)
      << " lastApplied=" << (s.lastApplied ? s.lastApplied->str() : "-") << "\n";
    return o.text;
}

// --- Book --------------------------------------------------------------------------------------

Book::Book(std::uint32_t device, const char* today) : workspace(device) {
    context.author = "Ana";
    context.now = at(today, 9);
}

void Book::setNow(const char* iso, int hour, int minute) {
    context.now = at(iso, hour, minute);
}

DispatchResult Book::dispatch(const json& cmd) {
    tick();
    return workspace.dispatch(cmd, context);
}

std::string Book::accept(const json& cmd) {
    const auto result = dispatch(cmd);
    CHECK_MESSAGE(result.ok(), "refused: ", cmd.dump(), " -> ",
                  result.problem ? result.problem->describe(Lang::en) : std::string());
    if (result.ok()) workspace.acknowledge(result.event->id);
    return result.createdId;
}

Problem Book::refuse(const json& cmd) {
    const std::string before = dump();
    const auto events = log().size();
    const auto revision = workspace.revision();
    const auto pending = workspace.pendingCount();
    tick();
    // Every field's problem (what a form shows) begins with the one the command is refused
    // for: checked on a copy of the clock, at the same instant.
    Hlc scratch(workspace.hlc().device());
    scratch.observe(workspace.hlc().last());
    const auto every = commandProblems(state(), cmd, context, scratch);
    const auto result = workspace.dispatch(cmd, context);
    CHECK_MESSAGE(!result.ok(), "accepted: ", cmd.dump());
    CHECK_MESSAGE(result.problem.has_value(), "refused without a problem: ", cmd.dump());
    CHECK_MESSAGE(!every.empty(), "no problem among every field's: ", cmd.dump());
    if (result.problem && !every.empty()) {
        CHECK(code(every.front()) == code(*result.problem));
        CHECK(every.front().field == result.problem->field);
        CHECK(every.front().args == result.problem->args);
    }
    std::set<std::string> fields;
    for (const auto& p : every) CHECK_MESSAGE(fields.insert(p.field).second, "two problems for ", p.field);
    CHECK(log().size() == events);
    CHECK(workspace.revision() == revision);
    CHECK(workspace.pendingCount() == pending);
    CHECK(dump() == before);
    return result.problem.value_or(Problem{});
}

void checkRefusals(const Book& book, const json& valid, const std::vector<Refusal>& rows) {
    {
        Book copy = book;
        INFO("the valid command of the table: ", valid.dump());
        copy.accept(valid);
    }
    for (const auto& row : rows) {
        INFO("rule: ", row.rule);
        Book copy = book;
        const Problem p = copy.refuse(patched(valid, row.patch.c_str()));
        CHECK(p.field == row.field);
        CHECK(code(p) == strId(row.reason));
    }
}

namespace {
template <class T>
const T& lookup(const std::vector<T>& items, std::optional<Index> found, const std::string& id) {
    static const T none{};
    CHECK_MESSAGE(found.has_value(), "no such id: ", id);
    return found ? items[*found] : none;
}
} // namespace

const DebtorState& Book::debtor(const std::string& id) const {
    return lookup(state().debtors, state().debtor(id), id);
}
const InvoiceState& Book::invoice(const std::string& id) const {
    return lookup(state().invoices, state().invoice(id), id);
}
const PaymentState& Book::payment(const std::string& id) const {
    return lookup(state().payments, state().payment(id), id);
}
const ContactState& Book::contact(const std::string& id) const {
    return lookup(state().contacts, state().contact(id), id);
}
const MemberState& Book::member(const std::string& id) const {
    return lookup(state().members, state().member(id), id);
}

std::int64_t Book::outstanding(const std::string& d, const char* currency) const {
    return debtor(d).outstanding.in(*CurrencyCode::parse(currency));
}
std::int64_t Book::credit(const std::string& d, const char* currency) const {
    return debtor(d).credit.in(*CurrencyCode::parse(currency));
}

std::string Book::registerDebtor(const char* legalName, const char* taxId, const char* country) {
    return accept(
        command("registerDebtor",
                {{"legalName", legalName}, {"taxId", taxId}, {"country", country}, {"kind", "sme"}}));
}

std::string Book::addInvoice(const std::string& debtor, const char* number, std::int64_t cents,
                             const char* issue, const char* due) {
    return accept(command("addInvoice", {{"debtor", debtor},
                                         {"number", number},
                                         {"amount", eur(cents)},
                                         {"issueDate", issue},
                                         {"dueDate", due}}));
}

std::string Book::pay(const std::string& debtor, std::int64_t cents, const char* date, json allocations) {
    json cmd = command("recordPayment", {{"debtor", debtor}, {"amount", eur(cents)}, {"date", date}});
    if (!allocations.is_null()) cmd["allocations"] = std::move(allocations);
    return accept(cmd);
}

} // namespace recobra::test
