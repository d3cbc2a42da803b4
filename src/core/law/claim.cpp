#include "core/law/claim.hpp"

#include <algorithm>

namespace recobra {

namespace {

bool belongs(const InvoiceClaim& c) { return c.principal > 0 || c.interest.amount > 0 || c.compensation > 0; }

// The invoice's claim; its prescription only when there is something to claim.
InvoiceClaim invoiceClaim(const State& s, const LawTables& tables, Index i, Date today) {
    const InvoiceState& inv = s.invoices[i];
    InvoiceClaim c;
    c.invoice = i;
    c.principal = inv.dueDate < today ? std::max<std::int64_t>(inv.outstanding(), 0) : 0;
    c.interest = interestOn(s, tables, i, today);
    if (c.interest.kind == InterestKind::Commercial && c.interest.late && !inv.charges)
        c.compensation = kCompensationCents;
    if (!belongs(c)) return c;
    c.prescription = prescriptionOf(s, tables, i);
    c.prescribed = c.prescription.prescribedOn(today);
    c.daysLeft = daysBetween(today, c.prescription.deadline);
    return c;
}

} // namespace

DebtorClaim claimFor(const State& s, const LawTables& tables, Index debtor, Date today) {
    DebtorClaim out;
    out.debtor = debtor;
    out.today = today;
    for (Index i : s.debtors[debtor].invoices) {
        if (s.invoices[i].voided) continue;
        InvoiceClaim c = invoiceClaim(s, tables, i, today);
        if (!belongs(c)) continue;
        const CurrencyCode currency = s.invoices[i].amount.currency;
        out.principal.add(Money{c.principal, currency});
        out.interest.add(Money{c.interest.amount, currency});
        out.compensation.add(euros(c.compensation));
        MoneyBag& into = c.prescribed ? out.prescribed : out.claimable;
        into.add(Money{c.principal + c.interest.amount, currency});
        into.add(euros(c.compensation));
        out.incomplete = out.incomplete || c.interest.incomplete();
        if (!c.prescribed && (!out.nextDeadline || c.prescription.deadline < *out.nextDeadline))
            out.nextDeadline = c.prescription.deadline;
        out.invoices.push_back(std::move(c));
    }
    std::stable_sort(out.invoices.begin(), out.invoices.end(), [&](const InvoiceClaim& a, const InvoiceClaim& b) {
        return s.invoices[a.invoice].dueDate < s.invoices[b.invoice].dueDate;
    });
    return out;
}

std::int64_t claimableIn(const State& s, const LawTables& tables, Index debtor, Date today, CurrencyCode currency) {
    std::int64_t total = 0;
    for (Index i : s.debtors[debtor].invoices) {
        const InvoiceState& inv = s.invoices[i];
        if (inv.voided) continue;
        // Interest and compensation are only ever in euros, on invoices in euros: an invoice in
        // `currency` adds all it owes in it, any other nothing.
        if (!(inv.amount.currency == currency)) continue;
        InvoiceClaim c;
        c.principal = inv.dueDate < today ? std::max<std::int64_t>(inv.outstanding(), 0) : 0;
        c.interest = interestOn(s, tables, i, today);
        if (c.interest.kind == InterestKind::Commercial && c.interest.late && !inv.charges)
            c.compensation = kCompensationCents;
        if (!belongs(c)) continue;
        // No deadline comes before three years after the due date.
        if (!(today < inv.dueDate.addYears(3)) && prescriptionOf(s, tables, i).prescribedOn(today)) continue;
        total = saturatingAdd(total, saturatingAdd(c.principal, saturatingAdd(c.interest.amount, c.compensation)));
    }
    return total;
}

namespace {

nlohmann::json moneyJson(std::int64_t minor, CurrencyCode currency) {
    return {{"currency", currency.str()}, {"minor", minor}};
}

nlohmann::json bagJson(const MoneyBag& bag) {
    nlohmann::json out = nlohmann::json::array();
    for (const auto& m : bag.amounts()) out.push_back(moneyJson(m.minor, m.currency));
    return out;
}

nlohmann::json interestJson(const InvoiceInterest& in, CurrencyCode currency) {
    nlohmann::json rows = nlohmann::json::array();
    for (const auto& r : in.rows)
        rows.push_back({{"amount", r.amount},
                        {"base", r.base},
                        {"basisPoints", r.basisPoints},
                        {"days", r.days},
                        {"from", r.from.iso()},
                        {"period", r.period},
                        {"to", r.to.iso()}});
    nlohmann::json j = {{"amount", moneyJson(in.amount, currency)},
                        {"incomplete", in.incomplete()},
                        {"kind", enumName(in.kind)},
                        {"missingRates", in.missingPeriods},
                        {"rows", rows}};
    if (in.notComputed) j["notComputed"] = strId(*in.notComputed);
    if (in.claimedOn) j["claimedOn"] = in.claimedOn->iso();
    return j;
}

nlohmann::json prescriptionJson(const Prescription& p) {
    nlohmann::json steps = nlohmann::json::array();
    for (const auto& step : p.steps) {
        nlohmann::json j = {{"deadline", step.deadline.iso()}, {"kind", enumName(step.kind)}, {"on", step.on.iso()}};
        if (step.kind == PrescriptionStepKind::Suspended) {
            j["days"] = step.days;
            j["suspension"] = step.suspension;
        }
        steps.push_back(std::move(j));
    }
    return {{"deadline", p.deadline.iso()},
            {"steps", steps},
            {"term", enumName(p.term)},
            {"termSetOnInvoice", p.termSetOnInvoice}};
}

} // namespace

nlohmann::json claimJson(const State& s, const DebtorClaim& claim) {
    const DebtorState& d = s.debtors[claim.debtor];
    nlohmann::json invoices = nlohmann::json::array();
    for (const auto& c : claim.invoices) {
        const InvoiceState& inv = s.invoices[c.invoice];
        invoices.push_back({{"compensation", moneyJson(c.compensation, CurrencyCode::eur())},
                            {"daysLeft", c.daysLeft},
                            {"dueDate", inv.dueDate.iso()},
                            {"interest", interestJson(c.interest, inv.amount.currency)},
                            {"invoice", inv.id},
                            {"kind", enumName(inv.kind)},
                            {"number", inv.number},
                            {"prescribed", c.prescribed},
                            {"prescription", prescriptionJson(c.prescription)},
                            {"principal", moneyJson(c.principal, inv.amount.currency)},
                            {"status", enumName(inv.status())}});
    }
    nlohmann::json j = {{"claimable", bagJson(claim.claimable)},
                        {"compensation", bagJson(claim.compensation)},
                        {"debtor", d.id},
                        {"debtorName", d.profile.legalName},
                        {"incomplete", claim.incomplete},
                        {"interest", bagJson(claim.interest)},
                        {"invoices", invoices},
                        {"prescribed", bagJson(claim.prescribed)},
                        {"principal", bagJson(claim.principal)},
                        {"today", claim.today.iso()}};
    j["nextDeadline"] = claim.nextDeadline ? nlohmann::json(claim.nextDeadline->iso()) : nlohmann::json(nullptr);
    return j;
}

} // namespace recobra
