#include "core/rules/commands.hpp"

#include "core/rules/validation.hpp"

#include "core/codec/event_codec.hpp"
#include "core/codec/json_codec.hpp"
#include "core/law/tables.hpp"
#include "core/model/tax_id.hpp"
#include "core/rules/agenda.hpp"
#include "core/values/text.hpp"

#include <algorithm>
#include <cctype>
#include <limits>
#include <set>

namespace recobra {

using namespace checks;

namespace {

// --- one validate() per payload type -----------------------------------------------------------
//
// Each records what it finds in `found`, in the order it always checked: `found.add()` for a
// field judged on its own (the validation goes on when every problem is wanted), `stop()` and
// `fail()` for what the checks after depend on (a reference, the id of a new thing).

void validate(const State& s, DebtorRegistered& p, const CommandContext& ctx, Findings& found) {
    if (found.stop(newId("debtor", p.debtor, 'd'))) return;
    if (s.debtor(p.debtor)) return found.fail(problem(Str::err_id_duplicate, "debtor", {p.debtor}));
    if (found.add(text("legalName", p.legalName, kNameMax, true))) return;
    if (found.add(text("tradeName", p.tradeName, kNameMax, false))) return;
    if (found.add(country("country", p.country))) return;
    if (found.add(taxId(s, "taxId", p.taxId, trim(p.country), p.debtor, ctx.importing))) return;
    if (p.creditLimit && p.creditLimit->minor != 0 && found.add(amount("creditLimit", *p.creditLimit))) return;
    if (found.add(text("commercialRefs", p.commercialRefs, kTextMax, false))) return;
    if (found.add(text("bankRefs", p.bankRefs, kTextMax, false))) return;
    if (found.add(text("notes", p.notes, kTextMax, false))) return;
    if (found.add(tags("tags", p.tags))) return;
    if (found.add(activeMember(s, "assignee", p.assignee, ctx.importing))) return;
    std::set<std::string> ids;
    for (std::size_t i = 0; i < p.contacts.size(); ++i) {
        const std::string at = "contacts[" + std::to_string(i) + "]";
        if (found.stop(newId(at + ".id", p.contacts[i].id, 'c'))) return;
        if (contact(at + ".", p.contacts[i], found)) return;
        if (!ids.insert(p.contacts[i].id).second || s.contact(p.contacts[i].id))
            return found.fail(problem(Str::err_id_duplicate, at + ".id", {p.contacts[i].id}));
    }
}

void validate(const State& s, DebtorUpdated& p, const CommandContext& ctx, Findings& found) {
    const auto d = s.debtor(p.debtor);
    if (!d) return found.fail(problem(Str::err_ref_unknown, "debtor", {p.debtor}));
    const auto& current = s.debtors[*d].profile;
    if (found.add(optionalText("legalName", p.legalName, kNameMax, true))) return;
    if (found.add(optionalText("tradeName", p.tradeName, kNameMax, false))) return;
    if (p.country && found.add(country("country", *p.country))) return;
    if (p.taxId && found.add(taxId(s, "taxId", *p.taxId, p.country ? trim(*p.country) : current.country, p.debtor,
                                   ctx.importing)))
        return;
    if (p.creditLimit && p.creditLimit->minor != 0 && found.add(amount("creditLimit", *p.creditLimit))) return;
    if (found.add(optionalText("commercialRefs", p.commercialRefs, kTextMax, false))) return;
    if (found.add(optionalText("bankRefs", p.bankRefs, kTextMax, false))) return;
    if (found.add(optionalText("notes", p.notes, kTextMax, false))) return;
    if (p.tags && found.add(tags("tags", *p.tags))) return;
    const bool any = p.legalName || p.tradeName || p.taxId || p.kind || p.country || p.relationship ||
                     p.creditLimit || p.clearCreditLimit || p.commercialRefs || p.bankRefs || p.tags || p.notes;
    if (!any) found.add(problem(Str::err_nothing_to_change, ""));
}

void validate(const State& s, ContactAdded& p, const CommandContext&, Findings& found) {
    if (found.stop(debtorExists(s, p.debtor))) return;
    if (found.stop(newId("contact.id", p.contact.id, 'c'))) return;
    if (s.contact(p.contact.id)) return found.fail(problem(Str::err_id_duplicate, "contact.id", {p.contact.id}));
    contact("contact.", p.contact, found);
}

// From a file, an edit of a contact someone else removed meanwhile is what concurrent work
// produces (the fold keeps the edit and the removal); only a person is stopped.
void validate(const State& s, ContactUpdated& p, const CommandContext& ctx, Findings& found) {
    const auto known = s.contact(p.contact);
    if (!known || (s.contacts[*known].removed && !ctx.importing))
        return found.fail(problem(Str::err_ref_unknown, "contact", {p.contact}));
    if (found.add(optionalText("name", p.name, kNameMax, true))) return;
    if (found.add(optionalText("role", p.role, kNameMax, false))) return;
    if (p.phone && found.add(phone("phone", *p.phone))) return;
    if (p.email && found.add(email("email", *p.email))) return;
    if (found.add(optionalText("address", p.address, kReasonMax, false))) return;
    if (!(p.name || p.role || p.phone || p.email || p.address || p.preferredChannel))
        found.add(problem(Str::err_nothing_to_change, ""));
}

// From a file, two people removing the same contact is what concurrent work produces.
void validate(const State& s, ContactRemoved& p, const CommandContext& ctx, Findings& found) {
    const auto known = s.contact(p.contact);
    if (!known || (s.contacts[*known].removed && !ctx.importing))
        found.fail(problem(Str::err_ref_unknown, "contact", {p.contact}));
}

void validate(const State& s, InvoiceAdded& p, const CommandContext& ctx, Findings& found) {
    const auto d = s.debtor(p.debtor);
    if (!d) return found.fail(problem(Str::err_ref_unknown, "debtor", {p.debtor}));
    if (found.stop(newId("invoice", p.invoice, 'i'))) return;
    if (s.invoice(p.invoice)) return found.fail(problem(Str::err_id_duplicate, "invoice", {p.invoice}));
    if (found.add(invoiceNumber(s, *d, p.number, p.invoice, ctx.importing))) return;
    if (p.dueDate < p.issueDate && found.add(problem(Str::err_due_before_issue, "dueDate"))) return;
    if (found.add(amount("amount", p.amount))) return;
    found.add(text("description", p.description, kReasonMax, false));
}

void validate(const State& s, InvoiceUpdated& p, const CommandContext& ctx, Findings& found) {
    const auto i = s.invoice(p.invoice);
    if (!i) return found.fail(problem(Str::err_ref_unknown, "invoice", {p.invoice}));
    const auto& inv = s.invoices[*i];
    // From a file, another device may have voided the invoice, or moved the other date,
    // meanwhile: only the dates this event sets are compared there.
    if (inv.voided && !ctx.importing) return found.fail(problem(Str::err_invoice_void, "invoice", {inv.number}));
    if (p.number && found.add(invoiceNumber(s, inv.debtor, *p.number, p.invoice, ctx.importing))) return;
    if ((!ctx.importing || (p.dueDate && p.issueDate)) &&
        p.dueDate.value_or(inv.dueDate) < p.issueDate.value_or(inv.issueDate) &&
        found.add(problem(Str::err_due_before_issue, "dueDate")))
        return;
    if (p.amount) {
        Check wrong = amount("amount", *p.amount);
        if (!wrong && !(p.amount->currency == inv.amount.currency))
            wrong = problem(Str::err_currency_change, "amount", {inv.amount.currency.str()});
        if (found.add(std::move(wrong))) return;
    }
    if (found.add(optionalText("description", p.description, kReasonMax, false))) return;
    if (!(p.number || p.issueDate || p.dueDate || p.amount || p.kind || p.description))
        found.add(problem(Str::err_nothing_to_change, ""));
}

// From a file, two people voiding the same invoice is what concurrent work produces (the
// fold keeps the first); only a person is stopped.
void validate(const State& s, InvoiceVoided& p, const CommandContext& ctx, Findings& found) {
    const auto i = s.invoice(p.invoice);
    if (!i) return found.fail(problem(Str::err_ref_unknown, "invoice", {p.invoice}));
    if (s.invoices[*i].voided && !ctx.importing)
        return found.fail(problem(Str::err_invoice_void, "invoice", {s.invoices[*i].number}));
    found.add(text("reason", p.reason, kReasonMax, true));
}

void validate(const State& s, InvoiceDisputeSet& p, const CommandContext& ctx, Findings& found) {
    const auto i = s.invoice(p.invoice);
    if (!i) return found.fail(problem(Str::err_ref_unknown, "invoice", {p.invoice}));
    // From a file, another device may have voided the invoice meanwhile.
    if (s.invoices[*i].voided && !ctx.importing)
        return found.fail(problem(Str::err_invoice_void, "invoice", {s.invoices[*i].number}));
    if (s.invoices[*i].disputed == p.disputed && found.add(problem(Str::err_nothing_to_change, "disputed"))) return;
    found.add(text("reason", p.reason, kReasonMax, p.disputed));
}

// A payment's allocations, judged together: the first problem among them.
Check allocations(const State& s, Index d, const PaymentRecorded& p, const CommandContext& ctx) {
    std::int64_t total = 0;
    for (std::size_t k = 0; k < p.allocations.size(); ++k) {
        const auto& a = p.allocations[k];
        // Named only when refused: a payment names its invoices, most of a quarter of a million
        // payments are checked with no text built.
        const auto field = [k](const char* part) { return "allocations[" + std::to_string(k) + "]." + part; };
        const auto i = s.invoice(a.invoice);
        if (!i || s.invoices[*i].debtor != d) return problem(Str::err_ref_unknown, field("invoice"), {a.invoice});
        const auto& inv = s.invoices[*i];
        // From a file, another device may have voided or paid the invoice meanwhile: the fold
        // turns what this payment can no longer allocate into credit. Only a person is stopped.
        if (inv.voided && !ctx.importing)
            return problem(Str::err_invoice_void, field("invoice"), {inv.number});
        if (!(inv.amount.currency == p.amount.currency))
            return problem(Str::err_currency_mismatch, field("invoice"), {inv.number});
        const auto repeated = [&](const Allocation& b) { return b.invoice == a.invoice; };
        if (std::any_of(p.allocations.begin(), p.allocations.begin() + static_cast<std::ptrdiff_t>(k), repeated))
            return problem(Str::err_id_duplicate, field("invoice"), {inv.number});
        if (a.amount <= 0) return problem(Str::err_amount_positive, field("amount"));
        if (a.amount > inv.outstanding() && !ctx.importing)
            return problem(Str::err_allocation_exceeds, field("amount"),
                           {inv.number, std::to_string(inv.outstanding())});
        // Saturating: from a file an allocation is not bounded by what the invoice owes.
        total = checkedAdd(total, a.amount).value_or(std::numeric_limits<std::int64_t>::max());
    }
    if (total > p.amount.minor) return problem(Str::err_allocation_sum, "allocations");
    return std::nullopt;
}

void validate(const State& s, PaymentRecorded& p, const CommandContext& ctx, Findings& found) {
    const auto d = s.debtor(p.debtor);
    if (!d) return found.fail(problem(Str::err_ref_unknown, "debtor", {p.debtor}));
    if (found.stop(newId("payment", p.payment, 'p'))) return;
    if (s.payment(p.payment)) return found.fail(problem(Str::err_id_duplicate, "payment", {p.payment}));
    if (found.add(amount("amount", p.amount))) return;
    if (!ctx.importing && p.date > ctx.today() && found.add(problem(Str::err_date_future, "date"))) return;
    if (found.add(text("reference", p.reference, kNameMax, false))) return;
    found.add(allocations(s, *d, p, ctx));
}

// When an interaction happened: later than the last day the calendar accepts (31 December
// 2200) is a corrupted file, not a conversation. Compared as instants: a day count that far
// out does not fit a Date.
Check interactionTime(Timestamp at, const CommandContext& ctx) {
    if (at <= 0) return problem(Str::err_required, "at");
    const Timestamp calendarEnd = Date::fromYmd(2200, 12, 31)->addDays(1).startOfDayUtc();
    if (at >= calendarEnd) return problem(Str::err_date_invalid, "at", {std::to_string(at)});
    if (!ctx.importing && at > ctx.now + 5 * 60'000) return problem(Str::err_date_future, "at");
    return std::nullopt;
}

// The collection policy's protection of the debtor (policy.hpp): an outbound contact beyond
// the limit of the rolling 7 days, or in quiet hours, is refused unless the person says why.
// A file records what happened elsewhere: it is not refused. `timed`: the interaction's time
// is one the policy can judge.
void contactPolicy(const State& s, Index debtor, InteractionLogged& p, const CommandContext& ctx, bool timed,
                   Findings& found) {
    if (found.add(text("limitOverride", p.limitOverride, kReasonMax, false))) return;
    if (!timed || ctx.importing || p.direction != Direction::Outbound || !p.limitOverride.empty()) return;
    const Policy& policy = effectivePolicy(s);
    const auto check = checkContact(s, policy, debtor, p.at, p.channel, ctx.utcOffsetMinutes);
    if (check.overLimit)
        found.add(problem(Str::err_contact_limit, "limitOverride",
                          {std::to_string(check.recent), std::to_string(policy.contactLimit)}));
    else if (check.quietHours)
        found.add(problem(Str::err_quiet_hours, "limitOverride",
                          {clockText(policy.quietHoursStart), clockText(policy.quietHoursEnd)}));
}

void validate(const State& s, InteractionLogged& p, const CommandContext& ctx, Findings& found) {
    const auto d = s.debtor(p.debtor);
    if (!d) return found.fail(problem(Str::err_ref_unknown, "debtor", {p.debtor}));
    if (found.stop(newId("interaction", p.interaction, 'x'))) return;
    Check when = interactionTime(p.at, ctx);
    const bool timed = !when; // what depends on the time is judged only then
    if (found.add(std::move(when))) return;
    if (found.add(text("summary", p.summary, kTextMax, false))) return;
    if (p.letter && found.add(letterSent(*p.letter, ctx))) return;
    // An interaction names a few invoices: a repeat is found among the earlier ones, without
    // building a set of texts for each of a million interactions.
    for (std::size_t k = 0; k < p.invoices.size(); ++k) {
        const auto i = s.invoice(p.invoices[k]);
        const auto earlier = p.invoices.begin() + static_cast<std::ptrdiff_t>(k);
        if ((!i || s.invoices[*i].debtor != *d || std::find(p.invoices.begin(), earlier, p.invoices[k]) != earlier) &&
            found.add(problem(Str::err_ref_unknown, "invoices[" + std::to_string(k) + "]", {p.invoices[k]})))
            return;
    }
    // An unanswered call is no formal claim, and no answer acknowledges nothing (docs/law.md).
    // A file may hold them from before this rule: the fold ignores them there.
    if (!ctx.importing && p.formalClaim && !claimReachedDebtor(p) &&
        found.add(problem(Str::err_claim_not_reached, "formalClaim")))
        return;
    if (!ctx.importing && p.acknowledgesDebt && !debtorAnswered(p) &&
        found.add(problem(Str::err_ack_no_answer, "acknowledgesDebt")))
        return;
    if (p.outcome == Outcome::Promise && !p.promise && found.add(problem(Str::err_promise_required, "promise"))) return;
    if (p.outcome != Outcome::Promise && p.promise && found.add(problem(Str::err_promise_unexpected, "promise"))) return;
    if (p.promise) {
        if (found.stop(newId("promise.id", p.promise->id, 'r'))) return;
        if (s.promise(p.promise->id)) return found.fail(problem(Str::err_id_duplicate, "promise.id", {p.promise->id}));
        if (found.add(amount("promise.amount", p.promise->amount))) return;
        // A file does not say in which time zone it was written: allow a day either way.
        if (timed) {
            const Date made = ctx.importing ? Date::ofTimestamp(p.at).addDays(-1) : ctx.localDate(p.at);
            if (p.promise->dueDate < made && found.add(problem(Str::err_promise_due_past, "promise.dueDate"))) return;
        }
    }
    contactPolicy(s, *d, p, ctx, timed, found);
}

void validate(const State& s, StageChanged& p, const CommandContext& ctx, Findings& found) {
    const auto d = s.debtor(p.debtor);
    if (!d) return found.fail(problem(Str::err_ref_unknown, "debtor", {p.debtor}));
    if (found.add(text("reason", p.reason, kReasonMax, true))) return;
    const auto& debtor = s.debtors[*d];
    const bool automatic = p.stage == Stage::NotDue || p.stage == Stage::Overdue;
    if ((automatic && !debtor.stage) || (!automatic && debtor.stage == p.stage))
        found.add(problem(Str::err_nothing_to_change, "stage"));
    // From a file, an invoice added on another device meanwhile may still be owed.
    else if (p.stage == Stage::ClosedPaid && debtor.outstanding.anyPositive() && !ctx.importing)
        found.add(problem(Str::err_stage_paid_outstanding, "stage"));
}

void validate(const State& s, DebtorAssigned& p, const CommandContext& ctx, Findings& found) {
    const auto d = s.debtor(p.debtor);
    if (!d) return found.fail(problem(Str::err_ref_unknown, "debtor", {p.debtor}));
    Check member = activeMember(s, "member", p.member, ctx.importing);
    if (!member && !ctx.importing && s.debtors[*d].assignee == p.member)
        member = problem(Str::err_nothing_to_change, "member");
    found.add(std::move(member));
}

void validate(const State& s, NoteAdded& p, const CommandContext&, Findings& found) {
    if (found.stop(debtorExists(s, p.debtor))) return;
    if (found.stop(newId("note", p.note, 'n'))) return;
    found.add(text("text", p.text, kTextMax, true));
}

Check memberName(const State& s, std::string& name, const std::string& self, bool importing) {
    if (auto e = text("name", name, kNameMax, true)) return e;
    if (importing) return std::nullopt;
    for (const auto& m : s.members)
        if (m.id != self && lower(m.name) == lower(name)) return problem(Str::err_member_duplicate, "name", {name});
    return std::nullopt;
}

void validate(const State& s, MemberAdded& p, const CommandContext& ctx, Findings& found) {
    if (found.stop(newId("member", p.member, 'm'))) return;
    if (s.member(p.member)) return found.fail(problem(Str::err_id_duplicate, "member", {p.member}));
    if (found.add(memberName(s, p.name, p.member, ctx.importing))) return;
    if (found.add(email("email", p.email))) return;
    found.add(text("role", p.role, kNameMax, false));
}

void validate(const State& s, MemberUpdated& p, const CommandContext& ctx, Findings& found) {
    if (!s.member(p.member)) return found.fail(problem(Str::err_ref_unknown, "member", {p.member}));
    if (p.name && found.add(memberName(s, *p.name, p.member, ctx.importing))) return;
    if (p.email && found.add(email("email", *p.email))) return;
    if (found.add(optionalText("role", p.role, kNameMax, false))) return;
    if (!(p.name || p.email || p.role || p.active)) found.add(problem(Str::err_nothing_to_change, ""));
}

void validate(const State& s, PolicyUpdated& p, const CommandContext&, Findings& found) {
    // validatePolicy trims and sorts as it checks: while the values are kept, it checks a copy
    // (a file changes its policy a few times at most).
    Policy copy;
    Policy& policy = tKeepValues ? (copy = p.policy) : p.policy;
    if (validatePolicy(policy, found)) return;
    if (found.empty() && s.policy && *s.policy == policy)
        found.add(problem(Str::err_nothing_to_change, "policy"));
}

// Until when a pause lasts: at most a year ahead; a person cannot set one that is already over.
// Starts today unless it says otherwise.
Check pauseEnd(PauseSet& p, const CommandContext& ctx) {
    if (!ctx.importing && p.until < ctx.today()) return problem(Str::err_pause_until_past, "until");
    if (!p.from && !ctx.importing && !tKeepValues) p.from = ctx.today();
    if (p.from && p.until < *p.from) return problem(Str::err_pause_from_after_until, "until");
    if (!ctx.importing && p.until > p.from.value_or(ctx.today()).addDays(366))
        return problem(Str::err_pause_too_long, "until");
    return std::nullopt;
}

void validate(const State& s, PauseSet& p, const CommandContext& ctx, Findings& found) {
    const auto d = s.debtor(p.debtor);
    if (!d) return found.fail(problem(Str::err_ref_unknown, "debtor", {p.debtor}));
    if (found.stop(newId("pause", p.pause, 'h'))) return;
    if (s.pause(p.pause)) return found.fail(problem(Str::err_id_duplicate, "pause", {p.pause}));
    if (!p.invoice.empty()) {
        const auto i = s.invoice(p.invoice);
        if (!i || s.invoices[*i].debtor != *d) return found.fail(problem(Str::err_ref_unknown, "invoice", {p.invoice}));
        if (s.invoices[*i].voided && !ctx.importing &&
            found.add(problem(Str::err_invoice_void, "invoice", {s.invoices[*i].number})))
            return;
    }
    if (found.add(text("reason", p.reason, kReasonMax, true))) return;
    found.add(pauseEnd(p, ctx));
}

void validate(const State& s, PauseLifted& p, const CommandContext& ctx, Findings& found) {
    const auto known = s.pause(p.pause);
    if (!known) return found.fail(problem(Str::err_ref_unknown, "pause", {p.pause}));
    const auto& pause = s.pauses[*known];
    if (!ctx.importing && (pause.lifted || pause.lastDay() < ctx.today()) &&
        found.add(problem(Str::err_pause_not_active, "pause")))
        return;
    if (found.add(text("reason", p.reason, kReasonMax, false))) return;
    if (!p.on && !ctx.importing && !tKeepValues) p.on = ctx.today();
}

constexpr std::size_t kKeyMax = 300;

// A person can only deal with what is on the debtor's agenda today (done or snoozed before
// included: a snoozed item can be done, a done one snoozed back). The key is the app's, not
// typed: what follows depends on it. True when the validation is over.
bool agendaItem(const State& s, Index debtor, std::string& key, std::string& reason, const CommandContext& ctx,
                Findings& found) {
    if (found.stop(text("key", key, kKeyMax, true))) return true;
    if (found.add(text("reason", reason, kReasonMax, true))) return true;
    if (ctx.importing) return false;
    const auto items = debtorAgenda(s, effectivePolicy(s), debtor, ctx.today(), true);
    if (std::none_of(items.begin(), items.end(), [&](const AgendaItem& item) { return item.key == key; }))
        return found.stop(problem(Str::err_agenda_item_unknown, "key", {key}));
    return false;
}

void validate(const State& s, AgendaDone& p, const CommandContext& ctx, Findings& found) {
    const auto d = s.debtor(p.debtor);
    if (!d) return found.fail(problem(Str::err_ref_unknown, "debtor", {p.debtor}));
    if (agendaItem(s, *d, p.key, p.reason, ctx, found)) return;
    const auto handled = s.agendaHandled.find(std::string(trim(p.key))); // as agendaItem() judged it
    if (handled != s.agendaHandled.end() && handled->second.done) found.add(problem(Str::err_agenda_item_done, "key"));
}

void validate(const State& s, AgendaSnoozed& p, const CommandContext& ctx, Findings& found) {
    const auto d = s.debtor(p.debtor);
    if (!d) return found.fail(problem(Str::err_ref_unknown, "debtor", {p.debtor}));
    if (agendaItem(s, *d, p.key, p.reason, ctx, found)) return;
    if (!ctx.importing && (p.until <= ctx.today() || p.until > ctx.today().addDays(366)))
        found.add(problem(Str::err_snooze_until, "until"));
}

// --- the law's records (docs/law.md) ----------------------------------------------------------

// "2026-H1" / "2026-H2" for the half-yearly late-payment rate, "2026" for the legal interest rate.
bool validRatePeriod(RateTable table, std::string_view period) {
    auto year = [](std::string_view digits) {
        if (digits.size() != 4 || !std::all_of(digits.begin(), digits.end(), [](char c) { return c >= '0' && c <= '9'; }))
            return false;
        const int y = std::stoi(std::string(digits));
        return y >= 1990 && y <= 2100;
    };
    if (table == RateTable::LegalInterest) return year(period);
    return period.size() == 7 && year(period.substr(0, 4)) && (period.substr(4) == "-H1" || period.substr(4) == "-H2");
}

void validate(const State& s, RateSet& p, const CommandContext& ctx, Findings& found) {
    const bool period = validRatePeriod(p.table, trimValue(p.period));
    if (!period && found.add(problem(Str::err_rate_period, "period", {p.period}))) return;
    if (found.add(text("source", p.source, kReasonMax, false))) return;
    if (p.clear) {
        const bool mine = std::any_of(s.law.rates.begin(), s.law.rates.end(), [&](const RateAmendment& r) {
            return r.table == p.table && r.period == trim(p.period);
        });
        if (period && !mine && !ctx.importing) found.add(problem(Str::err_rate_not_set, "period"));
        return;
    }
    if (p.basisPoints < 0 || p.basisPoints > 10'000) found.add(problem(Str::err_rate_range, "basisPoints"));
}

bool suspensionId(std::string_view id) {
    return !id.empty() && std::all_of(id.begin(), id.end(), [](char c) {
        return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-';
    });
}

Check suspensionName(std::string& id) {
    if (auto e = text("suspension", id, kShortMax, true)) return e;
    if (!suspensionId(trim(id))) return problem(Str::err_suspension_id, "suspension");
    if (trim(id) == kShippedSuspensionId) return problem(Str::err_suspension_shipped, "suspension");
    return std::nullopt;
}

void validate(const State& s, SuspensionSet& p, const CommandContext& ctx, Findings& found) {
    Check name = suspensionName(p.suspension);
    const bool named = !name;
    if (found.add(std::move(name))) return;
    if (found.add(text("source", p.source, kReasonMax, false))) return;
    if (p.clear) {
        const bool mine = std::any_of(s.law.suspensions.begin(), s.law.suspensions.end(),
                                      [&](const SuspensionAmendment& a) { return a.id == trim(p.suspension); });
        if (named && !mine && !ctx.importing) found.add(problem(Str::err_suspension_not_set, "suspension"));
        return;
    }
    if (p.until < p.from || p.until > p.from.addDays(3653)) found.add(problem(Str::err_suspension_dates, "until"));
}

void validate(const State& s, PrescriptionTermSet& p, const CommandContext& ctx, Findings& found) {
    const auto d = s.debtor(p.debtor);
    if (!d) return found.fail(problem(Str::err_ref_unknown, "debtor", {p.debtor}));
    if (found.add(text("reason", p.reason, kReasonMax, false))) return;
    if (p.invoice.empty()) {
        if (!ctx.importing && s.debtors[*d].prescriptionTerm.value_or(PrescriptionTerm::FiveYears) == p.term)
            found.add(problem(Str::err_term_unchanged, "term"));
        return;
    }
    const auto i = s.invoice(p.invoice);
    if (!i || s.invoices[*i].debtor != *d) return found.fail(problem(Str::err_ref_unknown, "invoice", {p.invoice}));
    if (!ctx.importing && s.invoices[*i].prescriptionTerm == p.term) found.add(problem(Str::err_term_unchanged, "term"));
}

void validate(const State& s, ProofAttached& p, const CommandContext& ctx, Findings& found) {
    const auto d = s.debtor(p.debtor);
    if (!d) return found.fail(problem(Str::err_ref_unknown, "debtor", {p.debtor}));
    const auto& acts = s.debtors[*d].legalActs;
    const auto act =
        std::find_if(acts.begin(), acts.end(), [&](const LegalAct& a) { return a.interaction == p.interaction; });
    if (act == acts.end()) return found.fail(problem(Str::err_not_legal_act, "interaction"));
    if (found.add(text("reference", p.reference, kShortMax * 2, false))) return;
    if (p.receivedOn < act->on) found.add(problem(Str::err_proof_before_act, "receivedOn", {act->on.iso()}));
    else if (!ctx.importing && p.receivedOn > ctx.today()) found.add(problem(Str::err_date_future, "receivedOn"));
}

void validate(const State& s, ChargesClosed& p, const CommandContext& ctx, Findings& found) {
    const auto i = s.invoice(p.invoice);
    if (!i) return found.fail(problem(Str::err_ref_unknown, "invoice", {p.invoice}));
    if (s.invoices[*i].voided && found.add(problem(Str::err_charges_void, "invoice", {s.invoices[*i].number}))) return;
    if (found.add(text("reason", p.reason, kReasonMax, false))) return;
    if (!ctx.importing && p.on > ctx.today()) found.add(problem(Str::err_date_future, "on"));
}

void validate(const State&, UnknownEvent&, const CommandContext&, Findings& found) {
    found.fail(problem(Str::err_invalid, "type"));
}

// Fills the ids of new things when the command leaves them out: the event id, prefixed by
// the kind of thing, plus a position for several things created at once.
void fillIds(nlohmann::json& cmd, std::string_view type, const EventId& id) {
    auto fill = [&](nlohmann::json& obj, const char* key, char prefix, const std::string& suffix = {}) {
        if (!obj.is_object()) return;
        auto it = obj.find(key);
        if (it == obj.end() || it->is_null() || (it->is_string() && it->get_ref<const std::string&>().empty()))
            obj[key] = entityId(prefix, id) + suffix;
    };
    if (type == "registerDebtor") {
        fill(cmd, "debtor", 'd');
        auto contacts = cmd.find("contacts");
        if (contacts != cmd.end() && contacts->is_array())
            for (std::size_t i = 0; i < contacts->size(); ++i) fill((*contacts)[i], "id", 'c', "-" + std::to_string(i));
    } else if (type == "addContact") {
        auto c = cmd.find("contact");
        if (c != cmd.end()) fill(*c, "id", 'c');
    } else if (type == "addInvoice") {
        fill(cmd, "invoice", 'i');
    } else if (type == "recordPayment") {
        fill(cmd, "payment", 'p');
    } else if (type == "logInteraction") {
        fill(cmd, "interaction", 'x');
        auto promise = cmd.find("promise");
        if (promise != cmd.end() && promise->is_object()) fill(*promise, "id", 'r');
    } else if (type == "addNote") {
        fill(cmd, "note", 'n');
    } else if (type == "addMember") {
        fill(cmd, "member", 'm');
    } else if (type == "setPause") {
        fill(cmd, "pause", 'h');
    } else if (type == "agreePlan") {
        fill(cmd, "plan", 'q');
    } else if (type == "makeOffer") {
        fill(cmd, "offer", 'o');
    }
}

// The same for a typed command: the ids the JSON above leaves out are those left empty here.
void fillIds(Payload& payload, const EventId& id) {
    auto fill = [&](std::string& field, char prefix, const std::string& suffix = {}) {
        if (field.empty()) field = entityId(prefix, id) + suffix;
    };
    std::visit(
        [&](auto& p) {
            using T = std::decay_t<decltype(p)>;
            if constexpr (std::is_same_v<T, DebtorRegistered>) {
                fill(p.debtor, 'd');
                for (std::size_t i = 0; i < p.contacts.size(); ++i) fill(p.contacts[i].id, 'c', "-" + std::to_string(i));
            } else if constexpr (std::is_same_v<T, ContactAdded>) {
                fill(p.contact.id, 'c');
            } else if constexpr (std::is_same_v<T, InvoiceAdded>) {
                fill(p.invoice, 'i');
            } else if constexpr (std::is_same_v<T, PaymentRecorded>) {
                fill(p.payment, 'p');
            } else if constexpr (std::is_same_v<T, InteractionLogged>) {
                fill(p.interaction, 'x');
                if (p.promise) fill(p.promise->id, 'r');
            } else if constexpr (std::is_same_v<T, NoteAdded>) {
                fill(p.note, 'n');
            } else if constexpr (std::is_same_v<T, MemberAdded>) {
                fill(p.member, 'm');
            } else if constexpr (std::is_same_v<T, PauseSet>) {
                fill(p.pause, 'h');
            } else if constexpr (std::is_same_v<T, PlanAgreed>) {
                fill(p.plan, 'q');
            } else if constexpr (std::is_same_v<T, OfferMade>) {
                fill(p.offer, 'o');
            }
        },
        payload);
}

std::string createdIdOf(const Payload& payload) {
    return std::visit(
        [](const auto& p) -> std::string {
            using T = std::decay_t<decltype(p)>;
            if constexpr (std::is_same_v<T, DebtorRegistered>) return p.debtor;
            else if constexpr (std::is_same_v<T, ContactAdded>) return p.contact.id;
            else if constexpr (std::is_same_v<T, InvoiceAdded>) return p.invoice;
            else if constexpr (std::is_same_v<T, PaymentRecorded>) return p.payment;
            else if constexpr (std::is_same_v<T, InteractionLogged>) return p.interaction;
            else if constexpr (std::is_same_v<T, NoteAdded>) return p.note;
            else if constexpr (std::is_same_v<T, MemberAdded>) return p.member;
            else if constexpr (std::is_same_v<T, PauseSet>) return p.pause;
            else if constexpr (std::is_same_v<T, PlanAgreed>) return p.plan;
            else if constexpr (std::is_same_v<T, OfferMade>) return p.offer;
            else return {};
        },
        payload);
}

} // namespace

namespace {

// Every validate() above, for whichever payload it is.
[[gnu::noinline]] void validateAny(const State& state, Payload& payload, const CommandContext& context, Findings& found) {
    std::visit([&](auto& p) { validate(state, p, context, found); }, payload);
    // In a file, repeating what is already so (two people set the same stage) is harmless.
    auto& problems = found.problems();
    if (context.importing && !problems.empty() && problems.front().code == Str::err_nothing_to_change)
        problems.clear();
}

} // namespace

std::optional<Problem> validatePayload(const State& state, Payload& payload, const CommandContext& context) {
    Findings found;
    validateAny(state, payload, context, found);
    if (found.empty()) return std::nullopt;
    return std::move(found.problems().front());
}

std::vector<Problem> payloadProblems(const State& state, Payload& payload, const CommandContext& context) {
    Findings found(Findings::Want::Every);
    validateAny(state, payload, context, found);
    return std::move(found.problems());
}

std::optional<Problem> checkImported(const State& state, const Payload& payload, CommandContext context) {
    context.importing = true;
    struct Keep {
        Keep() { tKeepValues = true; }
        ~Keep() { tKeepValues = false; }
        Keep(const Keep&) = delete;
        Keep& operator=(const Keep&) = delete;
    } keep;
    // While the values are kept, the checks only read the payload (see tKeepValues).
    return validatePayload(state, const_cast<Payload&>(payload), context);
}

namespace {

// What both kinds of command come to: the ids of new things filled from the event's id, the
// payload validated against the state, the event made.
PreparedCommand prepare(const State& state, Payload payload, const EventId& id, const CommandContext& context) {
    PreparedCommand out;
    fillIds(payload, id);
    if (auto p = validatePayload(state, payload, context)) {
        out.problem = std::move(p);
        return out;
    }
    out.createdId = createdIdOf(payload);
    Event event;
    event.id = id;
    event.ts = context.now;
    event.author = context.author;
    event.version = kSchemaVersion;
    event.payload = std::move(payload);
    out.event = std::move(event);
    return out;
}

// A command sent as JSON, read as the payload it becomes: the ids of new things filled from
// the id of its event (taken from `hlc` once its type is known), or why it cannot be read.
struct ReadCommand {
    Payload payload;
    EventId id;
    std::optional<Problem> problem;
};

ReadCommand readCommand(const nlohmann::json& command, const CommandContext& context, Hlc& hlc) {
    ReadCommand out;
    if (!command.is_object()) {
        out.problem = problem(Str::err_type_object, "");
        return out;
    }
    const auto typeIt = command.find("type");
    if (typeIt == command.end() || !typeIt->is_string()) {
        out.problem = problem(Str::err_field_missing, "type");
        return out;
    }
    const std::string type = typeIt->get<std::string>();
    const auto index = payloadIndexForCommand(type);
    if (!index) {
        out.problem = problem(Str::err_command_unknown, "type", {type});
        return out;
    }
    out.id = hlc.next(context.now);
    nlohmann::json body = command;
    body.erase("type");
    fillIds(body, type, out.id);

    if (auto p = readPayloadJson(body, *index, out.payload)) out.problem = std::move(p);
    return out;
}

std::vector<Problem> problemsOf(const State& state, Payload payload, const EventId& id, const CommandContext& context) {
    fillIds(payload, id);
    return payloadProblems(state, payload, context);
}

} // namespace

PreparedCommand prepareCommand(const State& state, const nlohmann::json& command, const CommandContext& context,
                               Hlc& hlc) {
    ReadCommand read = readCommand(command, context, hlc);
    if (read.problem) {
        PreparedCommand out;
        out.problem = std::move(read.problem);
        return out;
    }
    return prepare(state, std::move(read.payload), read.id, context);
}

PreparedCommand prepareCommand(const State& state, Command command, const CommandContext& context, Hlc& hlc) {
    if (std::holds_alternative<UnknownEvent>(command)) {
        PreparedCommand out;
        out.problem = problem(Str::err_command_unknown, "type", {""});
        return out;
    }
    const EventId id = hlc.next(context.now);
    return prepare(state, std::move(command), id, context);
}

std::vector<Problem> commandProblems(const State& state, const nlohmann::json& command, const CommandContext& context,
                                     Hlc& hlc) {
    ReadCommand read = readCommand(command, context, hlc);
    if (read.problem) return {std::move(*read.problem)};
    return problemsOf(state, std::move(read.payload), read.id, context);
}

std::vector<Problem> commandProblems(const State& state, Command command, const CommandContext& context, Hlc& hlc) {
    if (std::holds_alternative<UnknownEvent>(command)) return {problem(Str::err_command_unknown, "type", {""})};
    const EventId id = hlc.next(context.now);
    return problemsOf(state, std::move(command), id, context);
}

nlohmann::json commandJson(const Command& command) {
    nlohmann::json out = nlohmann::json::parse(encodePayload(command), nullptr, false);
    std::visit(
        [&](const auto& p) {
            using T = std::decay_t<decltype(p)>;
            if constexpr (!std::is_same_v<T, UnknownEvent>) out["type"] = T::kCommand;
        },
        command);
    return out;
}

} // namespace recobra
