#pragma once
// What a creditor may claim from a debtor on a day (docs/law.md): per invoice, the principal
// still owed, the interest to date (interest.hpp) and the 40 € compensation (Ley 3/2004,
// art. 8), with the day it prescribes (prescription.hpp); and the totals per currency, never
// summed across currencies. An invoice paid late stays in the claim for its interest and
// compensation until they are recorded as collected or waived (ChargesClosed). An invoice
// past its prescription deadline stays listed, marked prescribed, out of the claimable total.
#include "core/law/interest.hpp"
#include "core/law/prescription.hpp"

#include <nlohmann/json.hpp>

namespace recobra {

struct InvoiceClaim {
    Index invoice = kNone;
    std::int64_t principal = 0; // still owed, in the invoice's currency
    InvoiceInterest interest;
    std::int64_t compensation = 0; // in euro cents
    Prescription prescription;
    bool prescribed = false;
    std::int32_t daysLeft = 0; // until the deadline (negative once past it)
    std::int64_t total() const { return principal + interest.amount + compensation; }
};

struct DebtorClaim {
    Index debtor = kNone;
    Date today;
    std::vector<InvoiceClaim> invoices; // oldest due first
    MoneyBag principal, interest, compensation;
    MoneyBag claimable;  // principal + interest + compensation of what has not prescribed
    MoneyBag prescribed; // the same of what has
    bool incomplete = false; // some interest lacks a rate
    std::optional<Date> nextDeadline; // the earliest deadline still ahead
};

// The invoices that belong in a claim: due before `today` and still owed, or with interest or
// compensation not yet collected or waived.
DebtorClaim claimFor(const State& state, const LawTables& tables, Index debtor, Date today);

// The claimable total in one currency (what the debtors list shows and sorts by), computed
// without building the rows.
std::int64_t claimableIn(const State& state, const LawTables& tables, Index debtor, Date today, CurrencyCode currency);

// The claim as JSON (`recobra claim`, window.recobra.claim): sorted keys, amounts in minor
// units, each invoice named by its id and its number (docs/law.md shows one).
nlohmann::json claimJson(const State& state, const DebtorClaim& claim);

} // namespace recobra
