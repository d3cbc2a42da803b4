#pragma once
// The law's figures of one debtor in the 360° view (docs/law.md): the claim tab (the totals,
// each invoice's principal, interest and compensation, and the court route with the articles
// it rests on), and the words the invoice table's tooltips use (interest rows, the reasons of a
// prescription deadline). The figures come from the core (law/); this only says them.
#include "core/law/court_route.hpp"
#include "ui/ui.hpp"

#include <memory>
#include <string>

namespace recobra::ui {

// A debtor's claim, kept while the debtor, the day and the law's tables stay the same.
class ClaimCache {
public:
    const DebtorClaim& get(const Ui& ui, Index debtor);
    const LawTables& tables() const { return *tables_; }

private:
    DebtorClaim claim_;
    std::unique_ptr<LawTables> tables_;
    std::string debtorId_;
    std::uint32_t version_ = 0xFFFFFFFFu, lawRevision_ = 0xFFFFFFFFu;
    Date day_;
};

// "Formal claim on 03/05/2023: the term starts again (CC art. 1973) → 03/05/2028".
std::string prescriptionStepText(const Ui& ui, const PrescriptionStep& step, const LawTables& tables,
                                 PrescriptionTerm term);
// A yearly rate kept in hundredths of a point: "10,15 %" / "10.15%".
std::string percentText(std::int64_t basisPoints, Lang lang);
// "15/06/2031 (1.665 días)", or "15/06/2021 · prescrita" once `daysLeft` is negative.
std::string deadlineText(const Ui& ui, Date deadline, std::int32_t daysLeft);
// The interest of an invoice as a tooltip: its kind, a line per row, the rounding, the gaps.
void interestTooltip(const Ui& ui, const InvoiceInterest& interest, const LawTables& tables);
// The prescription deadline's reasons as a tooltip.
void prescriptionTooltip(const Ui& ui, const Prescription& prescription, const LawTables& tables);

// The claim tab: totals, by invoice, the court route.
void drawClaim(Ui& ui, Index debtor, ClaimCache& cache);

} // namespace recobra::ui
