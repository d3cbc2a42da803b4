// The commands of payment plans and offers (docs/plans-and-offers.md): a plan agreed, amended
// or cancelled; a discount or a settlement offered. Each refuses what would not add up, with
// the field named, and records nothing then.
#include "core/i18n/locale.hpp"
#include "core/model/plan_schedule.hpp"
#include "core/rules/commands.hpp"
#include "core/rules/validation.hpp"
#include "core/state/plans.hpp"
#include "core/state/queries.hpp"

#include <algorithm>

namespace recobra {

using namespace checks;

namespace {

// An amount in a message, the same in both languages: "1,234.56 EUR".
std::string plain(Money m) { return formatAmount(m, Lang::en) + " " + m.currency.str(); }

std::string at(const char* list, std::size_t k, const char* field) {
    return std::string(list) + "[" + std::to_string(k) + "]" + (field[0] ? "." : "") + field;
}

// The case must be open, and a person cannot agree or offer on something already over.
Check openCase(const State& s, Index d, const CommandContext& ctx) {
    if (!ctx.importing && isClosed(effectiveStage(s.debtors[d], ctx.today())))
        return problem(Str::err_plan_case_closed, "debtor");
    return std::nullopt;
}

// The invoices a plan or an offer covers: named ones checked (the debtor's, open, not
// disputed, in `currency`), or, none named, every open undisputed invoice in `currency`.
// Returns what they owe, or nothing after a problem.
std::optional<std::int64_t> coveredInvoices(const State& s, Index d, std::vector<std::string>& ids, CurrencyCode currency,
                                            const CommandContext& ctx, Findings& found) {
    if (ids.empty() && !ctx.importing && !tKeepValues)
        for (Index i : s.debtors[d].invoices) {
            const auto& inv = s.invoices[i];
            if (inv.open() && !inv.disputed && inv.amount.currency == currency) ids.push_back(inv.id);
        }
    if (ids.empty()) {
        found.add(problem(Str::err_plan_nothing_owed, "invoices", {currency.str()}));
        return std::nullopt;
    }
    std::int64_t owed = 0;
    for (std::size_t k = 0; k < ids.size(); ++k) {
        const auto i = s.invoice(ids[k]);
        if (!i || s.invoices[*i].debtor != d) {
            found.add(problem(Str::err_ref_unknown, at("invoices", k, ""), {ids[k]}));
            return std::nullopt;
        }
        const auto& inv = s.invoices[*i];
        if (std::find(ids.begin(), ids.begin() + static_cast<std::ptrdiff_t>(k), ids[k]) != ids.begin() + static_cast<std::ptrdiff_t>(k)) {
            found.add(problem(Str::err_id_duplicate, at("invoices", k, ""), {inv.number}));
            return std::nullopt;
        }
        if (ctx.importing) continue; // another device may have paid it meanwhile
        Check wrong;
        if (!inv.open()) wrong = problem(Str::err_plan_invoice_closed, at("invoices", k, ""), {inv.number});
        else if (inv.disputed) wrong = problem(Str::err_plan_invoice_disputed, at("invoices", k, ""), {inv.number});
        else if (!(inv.amount.currency == currency))
            wrong = problem(Str::err_currency_mismatch, at("invoices", k, ""), {inv.number});
        if (wrong) {
            found.add(std::move(wrong));
            return std::nullopt;
        }
        owed = saturatingAdd(owed, inv.outstanding());
    }
    return owed;
}

// A schedule's installments: 1 to kMaxInstallments, each a positive amount in `currency`, in
// date order, none before `from` nor (for a person) before today. Returns their sum, or
// nothing after a problem.
std::optional<std::int64_t> installments(const std::vector<PlanInstallment>& list, CurrencyCode currency, Date from,
                                         const CommandContext& ctx, Findings& found) {
    if (list.empty()) {
        found.add(problem(Str::err_plan_no_installments, "installments"));
        return std::nullopt;
    }
    if (list.size() > static_cast<std::size_t>(kMaxInstallments)) {
        found.add(problem(Str::err_plan_too_many, "installments", {std::to_string(kMaxInstallments)}));
        return std::nullopt;
    }
    std::int64_t sum = 0;
    bool ok = true;
    for (std::size_t k = 0; k < list.size(); ++k) {
        const auto& i = list[k];
        Check wrong = amount(at("installments", k, "amount"), i.amount);
        if (!wrong && !(i.amount.currency == currency))
            wrong = problem(Str::err_plan_currency, at("installments", k, "amount"), {currency.str()});
        if (wrong) {
            ok = false;
            if (found.add(std::move(wrong))) return std::nullopt;
        }
        Check date;
        if (k > 0 && i.due <= list[k - 1].due) date = problem(Str::err_plan_out_of_order, at("installments", k, "due"));
        else if (i.due < from) date = problem(Str::err_plan_before_start, at("installments", k, "due"), {from.iso()});
        else if (!ctx.importing && i.due < ctx.today()) date = problem(Str::err_plan_due_past, at("installments", k, "due"));
        if (date) {
            ok = false;
            if (found.add(std::move(date))) return std::nullopt;
        }
        sum = saturatingAdd(sum, i.amount.minor);
    }
    if (!ok) return std::nullopt;
    return sum;
}

// The plan an amendment or a cancellation names: the debtor's, and (for a person) still
// running; `on` filled with today when left out. Nothing after a problem.
template <class P> const PlanState* namedPlan(const State& s, P& p, const CommandContext& ctx, Findings& found) {
    const auto d = s.debtor(p.debtor);
    if (!d) return found.fail(problem(Str::err_ref_unknown, "debtor", {p.debtor})), nullptr;
    const auto known = s.plan(p.plan);
    if (!known || s.plans[*known].debtor != *d) return found.fail(problem(Str::err_ref_unknown, "plan", {p.plan})), nullptr;
    const PlanState& plan = s.plans[*known];
    if (!ctx.importing && (plan.cancelled || plan.completedOn))
        return found.fail(problem(Str::err_plan_not_active, "plan")), nullptr;
    if (!p.on && !ctx.importing && !tKeepValues) p.on = ctx.today();
    return &plan;
}

} // namespace

void validate(const State& s, PlanAgreed& p, const CommandContext& ctx, Findings& found) {
    const auto d = s.debtor(p.debtor);
    if (!d) return found.fail(problem(Str::err_ref_unknown, "debtor", {p.debtor}));
    if (found.stop(newId("plan", p.plan, 'q'))) return;
    if (s.plan(p.plan)) return found.fail(problem(Str::err_id_duplicate, "plan", {p.plan}));
    if (found.stop(openCase(s, *d, ctx))) return;
    if (!ctx.importing && activePlan(s, *d)) return found.fail(problem(Str::err_plan_active, "plan"));
    if (!p.agreedOn && !ctx.importing && !tKeepValues) p.agreedOn = ctx.today();
    const Date agreedOn = p.agreedOn.value_or(ctx.today());
    if (!ctx.importing && agreedOn > ctx.today() && found.add(problem(Str::err_date_future, "agreedOn"))) return;
    if (p.installments.empty()) return found.fail(problem(Str::err_plan_no_installments, "installments"));
    const CurrencyCode currency = p.installments[0].amount.currency;
    std::int64_t down = 0;
    if (p.downPayment) {
        Check wrong = amount("downPayment", *p.downPayment);
        if (!wrong && !(p.downPayment->currency == currency))
            wrong = problem(Str::err_plan_currency, "downPayment", {currency.str()});
        if (found.add(std::move(wrong))) return;
        down = p.downPayment->minor;
    }
    const auto sum = installments(p.installments, currency, agreedOn, ctx, found);
    if (p.graceDays < 0 || p.graceDays > 90) {
        if (found.add(problem(Str::err_plan_grace, "graceDays", {"90"}))) return;
    }
    std::int64_t interest = 0;
    if (p.interest == PlanInterest::Included) {
        Check wrong = p.interestAmount ? amount("interestAmount", *p.interestAmount)
                                       : problem(Str::err_plan_interest_amount, "interestAmount");
        if (!wrong && !(p.interestAmount->currency == currency))
            wrong = problem(Str::err_plan_currency, "interestAmount", {currency.str()});
        if (found.add(std::move(wrong))) return;
        if (p.interestAmount) interest = p.interestAmount->minor;
    } else if (p.interestAmount && p.interestAmount->minor != 0) {
        if (found.add(problem(Str::err_plan_interest_waived, "interestAmount"))) return;
    }
    if (found.add(text("reason", p.reason, kReasonMax, false))) return;
    const auto owed = coveredInvoices(s, *d, p.invoices, currency, ctx, found);
    if (!sum || !owed || ctx.importing) return;
    const std::int64_t total = saturatingAdd(*sum, down), expected = saturatingAdd(*owed, interest);
    if (total != expected)
        found.add(problem(Str::err_plan_total, "installments",
                          {plain(Money{total, currency}), plain(Money{expected, currency})}));
}

void validate(const State& s, PlanAmended& p, const CommandContext& ctx, Findings& found) {
    const PlanState* named = namedPlan(s, p, ctx, found);
    if (!named) return;
    const PlanState& plan = *named;
    const Date on = p.on.value_or(ctx.today());
    if (!ctx.importing && on > ctx.today() && found.add(problem(Str::err_date_future, "on"))) return;
    const auto sum = installments(p.installments, plan.total.currency, on, ctx, found);
    if (found.add(text("reason", p.reason, kReasonMax, true))) return;
    if (!sum || ctx.importing) return;
    const std::int64_t left = std::max<std::int64_t>(plan.total.minor - planPaid(s, plan), 0);
    if (*sum != left)
        found.add(problem(Str::err_plan_total, "installments",
                          {plain(Money{*sum, plan.total.currency}), plain(Money{left, plan.total.currency})}));
}

void validate(const State& s, PlanCancelled& p, const CommandContext& ctx, Findings& found) {
    if (!namedPlan(s, p, ctx, found)) return;
    if (!ctx.importing && p.on && *p.on > ctx.today() && found.add(problem(Str::err_date_future, "on"))) return;
    found.add(text("reason", p.reason, kReasonMax, true));
}

void validate(const State& s, OfferMade& p, const CommandContext& ctx, Findings& found) {
    const auto d = s.debtor(p.debtor);
    if (!d) return found.fail(problem(Str::err_ref_unknown, "debtor", {p.debtor}));
    if (found.stop(newId("offer", p.offer, 'o'))) return;
    if (s.offer(p.offer)) return found.fail(problem(Str::err_id_duplicate, "offer", {p.offer}));
    if (found.stop(openCase(s, *d, ctx))) return;
    if (!p.madeOn && !ctx.importing && !tKeepValues) p.madeOn = ctx.today();
    const Date madeOn = p.madeOn.value_or(ctx.today());
    if (!ctx.importing && madeOn > ctx.today() && found.add(problem(Str::err_date_future, "madeOn"))) return;
    if (p.deadline < madeOn || (!ctx.importing && p.deadline < ctx.today()))
        if (found.add(problem(Str::err_offer_deadline, "deadline"))) return;
    if (found.add(amount("pay", p.pay))) return;
    if (p.percent < 0 || p.percent > 10'000) {
        if (found.add(problem(Str::err_offer_percent, "percent"))) return;
    }
    if (found.add(text("reason", p.reason, kReasonMax, p.kind == OfferKind::Settlement))) return;
    const auto owed = coveredInvoices(s, *d, p.invoices, p.pay.currency, ctx, found);
    if (!owed || ctx.importing) return;
    // An invoice in a running plan: its installments are what is owed now (amend or cancel it).
    if (const auto plan = activePlan(s, *d))
        for (std::size_t k = 0; k < p.invoices.size(); ++k) {
            const auto& covered = s.plans[*plan].invoices;
            if (std::find(covered.begin(), covered.end(), *s.invoice(p.invoices[k])) != covered.end()) {
                found.add(problem(Str::err_offer_plan_active, at("invoices", k, "")));
                return;
            }
        }
    if (p.kind == OfferKind::Settlement && p.pay.minor >= *owed)
        found.add(problem(Str::err_offer_settlement_above, "pay", {plain(Money{*owed, p.pay.currency})}));
    else if (p.kind == OfferKind::Discount && p.pay.minor > *owed)
        found.add(problem(Str::err_offer_discount_above, "pay", {plain(Money{*owed, p.pay.currency})}));
}

} // namespace recobra
