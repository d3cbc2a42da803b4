#include "core/rules/agenda.hpp"

#include "core/law/prescription.hpp"
#include "core/letters/templates.hpp"
#include "core/rules/labels.hpp"
#include "core/state/plans.hpp"
#include "core/state/queries.hpp"

#include <algorithm>

namespace recobra {

namespace {

constexpr Timestamp kDayMs = 86'400'000;
constexpr Timestamp kWeekMs = 7 * kDayMs;

bool debtorPausedOn(const State& s, const DebtorState& d, Date day) {
    return std::any_of(d.pauses.begin(), d.pauses.end(), [&](Index p) {
        return s.pauses[p].invoice == kNone && s.pauses[p].activeOn(day);
    });
}

bool invoicePausedOn(const State& s, const DebtorState& d, Index invoice, Date day) {
    return std::any_of(d.pauses.begin(), d.pauses.end(), [&](Index p) {
        return s.pauses[p].invoice == invoice && s.pauses[p].activeOn(day);
    });
}

// Days from the day after `invoice` fell due through `until` covered by a pause of the
// debtor or of that invoice (overlapping pauses counted once): the ladder stands still then.
std::int32_t pausedDays(const State& s, const DebtorState& d, const InvoiceState& inv, Index invoice, Date until) {
    std::vector<std::pair<Date, Date>> spans;
    const Date first = inv.dueDate.addDays(1);
    for (Index p : d.pauses) {
        const auto& pause = s.pauses[p];
        if (pause.invoice != kNone && pause.invoice != invoice) continue;
        const Date from = std::max(pause.from, first);
        const Date to = std::min(pause.lastDay(), until);
        if (from <= to) spans.emplace_back(from, to);
    }
    // A payment plan covering the invoice holds the ladder too, while it runs: broken, the
    // ladder resumes from where it stood (plans.hpp).
    for (Index q : d.plans) {
        const auto& plan = s.plans[q];
        if (std::find(plan.invoices.begin(), plan.invoices.end(), invoice) == plan.invoices.end()) continue;
        Date to = until;
        if (plan.cancelled) to = std::min(to, plan.cancelledOn.addDays(-1));
        if (plan.completedOn) to = std::min(to, *plan.completedOn);
        if (const auto breaks = planBreaksOn(s, plan)) to = std::min(to, breaks->addDays(-1));
        const Date from = std::max(plan.agreedOn, first);
        if (from <= to) spans.emplace_back(from, to);
    }
    if (spans.empty()) return 0;
    std::sort(spans.begin(), spans.end());
    std::int32_t total = 0;
    Date start = spans[0].first, end = spans[0].second;
    for (std::size_t i = 1; i < spans.size(); ++i) {
        if (spans[i].first <= end.addDays(1)) {
            end = std::max(end, spans[i].second);
        } else {
            total += daysBetween(start, end) + 1;
            start = spans[i].first;
            end = spans[i].second;
        }
    }
    return total + daysBetween(start, end) + 1;
}

// The day the ladder of `inv` reached `ladderDay`: its due date plus that many days, plus
// the days paused on the way.
Date ladderDayReached(const State& s, const DebtorState& d, const InvoiceState& inv, Index invoice,
                      std::int64_t ladderDay) {
    const Date plain = inv.dueDate.addDays(static_cast<std::int32_t>(ladderDay));
    Date reached = plain;
    for (int guard = 0; guard < 64; ++guard) { // grows monotonically; each pause adds once
        const Date next = plain.addDays(pausedDays(s, d, inv, invoice, reached));
        if (next == reached) break;
        reached = next;
    }
    return reached;
}

// The day of the latest outbound contact up to the end of `today`, if any: a reminder or a
// ladder step counts as taken when a contact was logged on or after the day it fell due.
// Contacts dated after today (the agenda of a past day) do not count.
std::optional<Date> lastOutbound(const DebtorState& d, Date today) {
    const auto end = std::lower_bound(d.outboundContacts.begin(), d.outboundContacts.end(),
                                      today.addDays(1).startOfDayUtc());
    if (end == d.outboundContacts.begin()) return std::nullopt;
    return Date::ofTimestamp(*(end - 1));
}

std::string keyOf(AgendaKind kind, const std::string& a, const std::string& b = {}, const std::string& c = {}) {
    std::string key = enumName(kind);
    for (const std::string* part : {&a, &b, &c}) {
        if (part->empty()) continue;
        key.push_back(':');
        key += *part;
    }
    return key;
}

// Every rule for one debtor, handled items included. Ordered so that most debtors (closed,
// owing nothing, nothing due yet) are passed over reading the debtor's own record only.
void collect(const State& s, const Policy& policy, const LawTables& tables, Index debtor, Date today,
             std::vector<AgendaItem>& out) {
    const DebtorState& d = s.debtors[debtor];
    const Stage stage = effectiveStage(d, today);
    if (isClosed(stage)) return;
    // oldestOpenDue is set exactly when an invoice still owes something.
    const bool owes = d.oldestOpenDue.has_value();
    auto item = [&](AgendaKind kind, Priority priority, Date due, std::string key) -> AgendaItem& {
        AgendaItem& it = out.emplace_back();
        it.debtor = debtor;
        it.kind = kind;
        it.priority = priority;
        it.due = due;
        it.key = std::move(key);
        return it;
    };

    // contact_limit: the policy's limit reached in the last 7 days (up to the end of today).
    const Timestamp windowEnd = today.addDays(1).startOfDayUtc();
    const auto& contacts = d.outboundContacts;
    if (policy.contactLimit > 0 && contacts.size() >= static_cast<std::size_t>(policy.contactLimit) &&
        contacts.back() >= windowEnd - kWeekMs) {
        const auto from = std::lower_bound(contacts.begin(), contacts.end(), windowEnd - kWeekMs);
        const auto to = std::lower_bound(from, contacts.end(), windowEnd);
        const auto recent = static_cast<std::int64_t>(to - from);
        if (recent >= policy.contactLimit) {
            const Timestamp oldestThatCounts = *(to - static_cast<std::ptrdiff_t>(policy.contactLimit));
            const Date last = Date::ofTimestamp(*(to - 1));
            auto& it = item(AgendaKind::ContactLimit, Priority::Low, last,
                            keyOf(AgendaKind::ContactLimit, d.id, last.iso()));
            it.count = recent;
            it.limit = policy.contactLimit;
            it.date = Date::ofTimestamp(oldestThatCounts + kWeekMs);
        }
    }

    // Everything below chases what is owed.
    if (!owes) return;

    // prescription_near, prescribed: no deadline comes before three years after the due date.
    for (Index i : d.invoices) {
        const auto& inv = s.invoices[i];
        if (!inv.open() || today.addDays(90) < inv.dueDate.addYears(3)) continue;
        const Prescription p = prescriptionOf(s, tables, i);
        const std::int32_t left = daysBetween(today, p.deadline);
        if (left > 90) continue;
        const Money owed{inv.outstanding(), inv.amount.currency};
        if (left < 0) {
            auto& it = item(AgendaKind::Prescribed, Priority::Medium, p.deadline.addDays(1),
                            keyOf(AgendaKind::Prescribed, inv.id, p.deadline.iso()));
            it.invoice = i;
            it.date = p.deadline;
            it.amount = owed;
            continue;
        }
        const int threshold = left <= 30 ? 30 : 90;
        auto& it = item(AgendaKind::PrescriptionNear, threshold == 30 ? Priority::High : Priority::Medium,
                        p.deadline.addDays(-threshold),
                        keyOf(AgendaKind::PrescriptionNear, inv.id, p.deadline.iso(), std::to_string(threshold)));
        it.invoice = i;
        it.date = p.deadline;
        it.count = left;
        it.amount = owed;
    }

    // credit_limit: owes more than the limit, in the limit's currency.
    if (d.profile.creditLimit) {
        const Money limit = *d.profile.creditLimit;
        const std::int64_t owed = d.outstanding.in(limit.currency);
        if (owed > limit.minor) {
            Date latest;
            for (Index i : d.invoices) {
                const auto& inv = s.invoices[i];
                if (inv.open() && inv.amount.currency == limit.currency) latest = std::max(latest, inv.issueDate);
            }
            auto& it = item(AgendaKind::CreditLimit, Priority::Medium, latest,
                            keyOf(AgendaKind::CreditLimit, d.id, limit.currency.str(), std::to_string(limit.minor)));
            it.amount = Money{owed, limit.currency};
            it.other = limit;
        }
    }

    if (debtorPausedOn(s, d, today)) return;
    std::optional<std::optional<Date>> contactedCache;
    auto contacted = [&] {
        if (!contactedCache) contactedCache = lastOutbound(d, today);
        return *contactedCache;
    };

    // One pass over the open invoices: those falling due soon (due_soon), and the one
    // furthest up the ladder (escalation).
    const auto reminderDays = static_cast<std::int32_t>(policy.reminderDaysBefore);
    const Date soonLimit = today.addDays(reminderDays);
    const bool anyDueSoon = reminderDays > 0 && *d.oldestOpenDue <= soonLimit;
    const bool anyOverdue = *d.oldestOpenDue < today && stage != Stage::PaymentPlan;
    Index driving = kNone;
    std::int32_t ladderDays = 0;
    if (anyDueSoon || anyOverdue) {
        for (Index i : d.invoices) {
            const auto& inv = s.invoices[i];
            if (!inv.open() || inv.disputed) continue;
            if (inv.dueDate >= today) {
                // due_soon: a reminder N days before the due date, until the due date.
                if (!anyDueSoon || inv.dueDate > soonLimit || invoicePausedOn(s, d, i, today)) continue;
                const Date remindOn = inv.dueDate.addDays(-reminderDays);
                const auto last = contacted();
                if (last && *last >= remindOn) continue;
                auto& it = item(AgendaKind::DueSoon, Priority::Low, remindOn,
                                keyOf(AgendaKind::DueSoon, inv.id, inv.dueDate.iso()));
                it.invoice = i;
                it.date = inv.dueDate;
                it.amount = Money{inv.outstanding(), inv.amount.currency};
                continue;
            }
            if (!anyOverdue || invoicePausedOn(s, d, i, today)) continue;
            const std::int32_t days = daysBetween(inv.dueDate, today) - pausedDays(s, d, inv, i, today);
            const bool better = days > ladderDays ||
                                (days == ladderDays && driving != kNone &&
                                 (inv.dueDate < s.invoices[driving].dueDate ||
                                  (inv.dueDate == s.invoices[driving].dueDate && inv.id < s.invoices[driving].id)));
            if (days >= 1 && better) {
                driving = i;
                ladderDays = days;
            }
        }
    }

    // escalation: the step the driving invoice reached on the debtor's ladder, unless the
    // stage already stands for it or a contact was logged since it fell due.
    if (driving != kNone) {
        const SegmentResult segment = classifyDebtor(s, debtor, today);
        const auto& ladder = ladderFor(policy, segment.segment);
        const LadderStep* reached = nullptr;
        for (const auto& step : ladder)
            if (step.day <= ladderDays) reached = &step;
        if (reached && severity(reached->action) > severity(stage)) {
            const auto& inv = s.invoices[driving];
            const Date stepDue = ladderDayReached(s, d, inv, driving, reached->day);
            const auto last = contacted();
            if (!(last && *last >= stepDue)) {
                auto& it = item(AgendaKind::Escalation, severity(reached->action) >= 3 ? Priority::High : Priority::Medium,
                                stepDue, keyOf(AgendaKind::Escalation, d.id, inv.id, std::to_string(reached->day)));
                it.invoice = driving;
                it.segment = segment.segment;
                it.step = *reached;
                it.count = daysBetween(inv.dueDate, today);
                it.amount = Money{inv.outstanding(), inv.amount.currency};
                it.other = Money{overdueAmount(d, s, today).in(inv.amount.currency), inv.amount.currency};
            }
        }
    }

    // The latest promise: due today, or broken. A promise still ahead needs nothing.
    if (!d.promises.empty() && s.promises[d.promises.back()].dueDate <= today) {
        const Index p = d.promises.back();
        const auto& promise = s.promises[p];
        const std::int64_t paid = promisePaid(s, promise);
        if (paid < promise.amount.minor) {
            const bool due = promise.dueDate == today;
            const AgendaKind kind = due ? AgendaKind::PromiseDue : AgendaKind::PromiseBroken;
            auto& it = item(kind, due ? Priority::Medium : Priority::High, due ? today : promise.dueDate.addDays(1),
                            keyOf(kind, promise.id));
            it.promise = p;
            it.date = promise.dueDate;
            it.amount = promise.amount;
            it.other = Money{std::min(paid, promise.amount.minor), promise.amount.currency};
        }
    }

    // The plan the case is in (plans.hpp): broken by its acceleration clause, the whole rest is
    // due; else the latest installment missed, and one falling due (from its day through its
    // grace days) not paid yet.
    if (!d.plans.empty())
        if (const auto active = activePlan(s, debtor)) {
            const PlanState& plan = s.plans[*active];
            const PlanProgress progress = planProgress(s, plan, today);
            const CurrencyCode currency = plan.total.currency;
            auto planItem = [&](AgendaKind kind, Priority priority, Date due, std::size_t k, const std::string& what) -> AgendaItem& {
                const auto& installment = progress.installments[k];
                auto& it = item(kind, priority, due, keyOf(kind, plan.id, std::to_string(k + 1) + what, installment.due.iso()));
                it.plan = *active;
                it.count = static_cast<std::int64_t>(k + 1);
                it.limit = static_cast<std::int64_t>(progress.installments.size());
                it.date = installment.due;
                it.amount = installment.amount;
                it.other = Money{installment.paid, currency};
                return it;
            };
            std::optional<std::size_t> missed, due;
            for (std::size_t k = 0; k < progress.installments.size(); ++k) {
                const auto status = progress.installments[k].status;
                if (status == InstallmentStatus::Missed) missed = k;
                else if (!due && (status == InstallmentStatus::Late ||
                                  (progress.installments[k].due == today && status != InstallmentStatus::Paid)))
                    due = k;
            }
            if (progress.status == PlanStatus::Broken) {
                const std::size_t k = missed.value_or(0);
                auto& it = planItem(AgendaKind::InstallmentMissed, Priority::High, *progress.brokenOn, k, "-broken");
                it.broken = true;
                it.amount = Money{progress.remaining, currency};
                it.stage = stage;
            } else {
                if (missed) {
                    auto& it = planItem(AgendaKind::InstallmentMissed, Priority::High,
                                        progress.installments[*missed].due.addDays(static_cast<std::int32_t>(plan.graceDays) + 1),
                                        *missed, "");
                    it.stage = stage;
                }
                if (due) planItem(AgendaKind::InstallmentDue, Priority::Medium, progress.installments[*due].due, *due, "");
            }
        }

    // stale_stage: an active stage nobody has touched for the policy's number of days.
    std::int64_t threshold = 0;
    switch (stage) {
    case Stage::Reminded:
    case Stage::Negotiating:
    case Stage::FormalDemand: threshold = policy.staleDays; break;
    // A plan of its own is watched installment by installment; a plan stage set by hand is not.
    case Stage::PaymentPlan: threshold = d.plans.empty() || !activePlan(s, debtor) ? policy.staleDays : 0; break;
    case Stage::Agency:
    case Stage::Legal: threshold = policy.staleHandedOverDays; break;
    default: break;
    }
    if (threshold > 0) {
        const Date last = Date::ofTimestamp(d.lastActivityAt);
        const std::int32_t idle = daysBetween(last, today);
        if (idle >= threshold) {
            auto& it = item(AgendaKind::StaleStage, Priority::Low, last.addDays(static_cast<std::int32_t>(threshold)),
                            keyOf(AgendaKind::StaleStage, d.id, enumName(stage), last.iso()));
            it.count = idle;
            it.date = last;
            it.stage = stage;
        }
    }
}

enum class Handled { No, Done, Snoozed };

Handled handledOn(const State& s, const AgendaItem& item, Date today) {
    const auto it = s.agendaHandled.find(item.key);
    if (it == s.agendaHandled.end()) return Handled::No;
    if (it->second.done) return Handled::Done;
    return it->second.snoozedUntil > today ? Handled::Snoozed : Handled::No;
}

// Moves the items not handled into `out`; returns how many are snoozed.
std::size_t keepOpen(const State& s, std::vector<AgendaItem>& items, Date today) {
    std::size_t snoozed = 0;
    std::erase_if(items, [&](const AgendaItem& item) {
        const Handled h = handledOn(s, item, today);
        snoozed += h == Handled::Snoozed;
        return h != Handled::No;
    });
    return snoozed;
}

std::string money(Money m, Lang lang) { return formatMoney(m, lang); }

std::string lowerFirst(std::string text) {
    if (!text.empty() && text[0] >= 'A' && text[0] <= 'Z') text[0] = static_cast<char>(text[0] - 'A' + 'a');
    return text;
}

} // namespace

std::vector<AgendaItem> debtorAgenda(const State& state, const Policy& policy, Index debtor, Date today,
                                     bool includeHandled) {
    std::vector<AgendaItem> items;
    collect(state, policy, LawTables(state.law), debtor, today, items);
    if (!includeHandled) keepOpen(state, items, today);
    sortAgenda(state, items);
    return items;
}

Agenda computeAgenda(const State& state, const Policy& policy, Date today) {
    Agenda agenda;
    agenda.today = today;
    const LawTables tables(state.law);
    for (Index d = 0; d < state.debtors.size(); ++d) collect(state, policy, tables, d, today, agenda.items);
    agenda.snoozed = keepOpen(state, agenda.items, today);
    sortAgenda(state, agenda.items);
    return agenda;
}

Agenda computeAgenda(const State& state, Date today) { return computeAgenda(state, effectivePolicy(state), today); }

bool agendaBefore(const State& s, const AgendaItem& a, const AgendaItem& b) {
    if (a.priority != b.priority) return a.priority < b.priority;
    if (a.due != b.due) return a.due < b.due;
    if (a.debtor != b.debtor) {
        const int byName = s.debtors[a.debtor].profile.legalName.compare(s.debtors[b.debtor].profile.legalName);
        if (byName != 0) return byName < 0;
    }
    if (a.kind != b.kind) return a.kind < b.kind;
    return a.key < b.key;
}

void sortAgenda(const State& state, std::vector<AgendaItem>& items) {
    std::sort(items.begin(), items.end(), [&](const AgendaItem& a, const AgendaItem& b) { return agendaBefore(state, a, b); });
}

std::string agendaReason(const State& s, const AgendaItem& it, Lang lang) {
    auto number = [&](Index invoice) { return invoice == kNone ? std::string() : s.invoices[invoice].number; };
    switch (it.kind) {
    case AgendaKind::DueSoon:
        return trf(Str::why_due_soon, lang, {number(it.invoice), money(it.amount, lang), formatDate(it.date, lang)});
    case AgendaKind::Escalation: {
        const LadderStep step = it.step.value_or(LadderStep{});
        // The template by its name in this language ("Recordatorio amable"), not its id.
        const std::string name =
            step.templateName.empty() ? tr(Str::none_dash, lang) : templateName(s.letters, step.templateName, lang);
        return trf(Str::why_escalation, lang,
                   {lowerFirst(label(it.segment, lang)), formatCount(step.day, lang), label(step.action, lang),
                    lowerFirst(label(step.channel, lang)), name, number(it.invoice),
                    formatCount(it.count, lang), money(it.other, lang)});
    }
    case AgendaKind::PromiseDue:
        return trf(Str::why_promise_due, lang, {money(it.amount, lang), money(it.other, lang)});
    case AgendaKind::PromiseBroken:
        return trf(Str::why_promise_broken, lang, {money(it.amount, lang), formatDate(it.date, lang), money(it.other, lang)});
    case AgendaKind::InstallmentDue:
        return trf(Str::why_installment_due, lang,
                   {formatCount(it.count, lang), formatCount(it.limit, lang), money(it.amount, lang),
                    formatDate(it.date, lang), money(it.other, lang)});
    case AgendaKind::InstallmentMissed:
        if (it.broken)
            return trf(Str::why_plan_broken, lang,
                       {formatCount(it.count, lang), formatCount(it.limit, lang), formatDate(it.date, lang),
                        money(it.amount, lang), label(it.stage, lang)});
        return trf(Str::why_installment_missed, lang,
                   {formatCount(it.count, lang), formatCount(it.limit, lang), money(it.amount, lang),
                    formatDate(it.date, lang), money(it.other, lang)});
    case AgendaKind::StaleStage:
        return trf(Str::why_stale_stage, lang, {formatCount(it.count, lang), label(it.stage, lang), formatDate(it.date, lang)});
    case AgendaKind::ContactLimit:
        return trf(Str::why_contact_limit, lang,
                   {formatCount(it.count, lang), formatCount(it.limit, lang), formatDate(it.date, lang)});
    case AgendaKind::CreditLimit:
        return trf(Str::why_credit_limit, lang, {money(it.amount, lang), money(it.other, lang)});
    case AgendaKind::PrescriptionNear:
        return trf(Str::why_prescription_near, lang,
                   {number(it.invoice), money(it.amount, lang), formatDate(it.date, lang), formatCount(it.count, lang)});
    case AgendaKind::Prescribed:
        return trf(Str::why_prescribed, lang, {number(it.invoice), money(it.amount, lang), formatDate(it.date, lang)});
    }
    return {};
}

nlohmann::json agendaJson(const State& s, const Agenda& agenda) {
    nlohmann::json items = nlohmann::json::array();
    for (const auto& it : agenda.items) {
        const auto& d = s.debtors[it.debtor];
        nlohmann::json j = {{"debtor", d.id},
                            {"debtorName", d.profile.legalName},
                            {"due", it.due.iso()},
                            {"key", it.key},
                            {"kind", enumName(it.kind)},
                            {"priority", enumName(it.priority)},
                            {"reason", {{"en", agendaReason(s, it, Lang::en)}, {"es", agendaReason(s, it, Lang::es)}}}};
        if (it.invoice != kNone) j["invoice"] = s.invoices[it.invoice].id;
        if (it.promise != kNone) j["promise"] = s.promises[it.promise].id;
        if (it.plan != kNone) {
            j["plan"] = s.plans[it.plan].id;
            j["installment"] = it.count;
        }
        if (it.step) {
            j["segment"] = enumName(it.segment);
            j["step"] = {{"action", enumName(it.step->action)},
                         {"channel", enumName(it.step->channel)},
                         {"day", it.step->day},
                         {"template", it.step->templateName}};
        }
        items.push_back(std::move(j));
    }
    nlohmann::json out;
    out["count"] = agenda.items.size();
    out["items"] = std::move(items);
    out["snoozed"] = agenda.snoozed;
    out["today"] = agenda.today.iso();
    return out;
}

ContactCheck checkContact(const State& s, const Policy& policy, Index debtor, Timestamp at, Channel channel,
                          int utcOffsetMinutes) {
    ContactCheck check;
    const auto& contacts = s.debtors[debtor].outboundContacts;
    // The rolling window: the 7 × 24 hours up to and including `at`.
    const auto from = std::upper_bound(contacts.begin(), contacts.end(), at - kWeekMs);
    const auto to = std::upper_bound(from, contacts.end(), at);
    check.recent = static_cast<std::size_t>(to - from);
    if (policy.contactLimit > 0 && static_cast<std::int64_t>(check.recent) >= policy.contactLimit) {
        check.overLimit = true;
        check.allowedFrom = *(to - static_cast<std::ptrdiff_t>(policy.contactLimit)) + kWeekMs + 1;
    }
    if (quietHoursApply(channel)) {
        const Timestamp local = at + utcOffsetMinutes * 60'000LL;
        const auto minute = static_cast<int>((local - Date::ofTimestamp(local).startOfDayUtc()) / 60'000);
        check.quietHours = inQuietHours(policy, minute);
    }
    return check;
}

// --- AgendaCache -------------------------------------------------------------------------------

bool AgendaCache::update(const State& s, Date today, std::uint64_t generation) {
    const std::size_t n = s.debtors.size();
    const bool everything = !computed_ || !(day_ == today) || policyRevision_ != s.policyRevision ||
                            lawRevision_ != s.law.revision || generation_ != generation || perDebtor_.size() > n;
    if (everything) {
        perDebtor_.assign(n, {});
        versions_.assign(n, 0xFFFFFFFFu);
        snoozed_.assign(n, 0);
    } else {
        perDebtor_.resize(n);
        versions_.resize(n, 0xFFFFFFFFu);
        snoozed_.resize(n, 0);
    }
    const Policy& policy = effectivePolicy(s);
    const LawTables tables(s.law);
    bool changed = everything;
    for (Index d = 0; d < n; ++d) {
        if (versions_[d] == s.debtors[d].version) continue;
        auto& items = perDebtor_[d];
        items.clear();
        collect(s, policy, tables, d, today, items);
        snoozed_[d] = static_cast<std::uint32_t>(keepOpen(s, items, today));
        versions_[d] = s.debtors[d].version;
        ++recomputed_;
        changed = true;
    }
    day_ = today;
    policyRevision_ = s.policyRevision;
    lawRevision_ = s.law.revision;
    generation_ = generation;
    computed_ = true;
    if (!changed) return false;
    sorted_.clear();
    snoozedTotal_ = 0;
    for (Index d = 0; d < n; ++d) {
        for (const auto& item : perDebtor_[d]) sorted_.push_back(&item);
        snoozedTotal_ += snoozed_[d];
    }
    std::sort(sorted_.begin(), sorted_.end(),
              [&](const AgendaItem* a, const AgendaItem* b) { return agendaBefore(s, *a, *b); });
    return true;
}

} // namespace recobra
