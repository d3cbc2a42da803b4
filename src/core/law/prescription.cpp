#include "core/law/prescription.hpp"

#include <algorithm>

namespace recobra {

namespace {

struct Interruption {
    Date on;
    PrescriptionStepKind kind;
};

// Everything that interrupted the invoice's term, by day: its formal claims and
// acknowledgements (those naming it, or naming none), promises, payments towards it, and the
// case's moves to the legal stage.
std::vector<Interruption> interruptions(const State& s, const InvoiceState& inv, Index invoice) {
    std::vector<Interruption> out;
    const DebtorState& d = s.debtors[inv.debtor];
    for (const auto& act : d.legalActs) {
        const bool names = act.invoices.empty() ||
                           std::find(act.invoices.begin(), act.invoices.end(), invoice) != act.invoices.end();
        if (!names) continue;
        if (act.formalClaim) out.push_back({act.on, PrescriptionStepKind::FormalClaim});
        else if (act.acknowledgement) out.push_back({act.on, PrescriptionStepKind::Acknowledgement});
    }
    for (Index p : d.promises) out.push_back({s.promises[p].madeOn, PrescriptionStepKind::Promise});
    for (Index p : d.payments)
        for (const auto& a : s.payments[p].allocations)
            if (a.invoice == invoice && a.amount > 0) out.push_back({s.payments[p].date, PrescriptionStepKind::Payment});
    for (Index c : d.stageChanges) {
        const auto& change = s.stageChanges[c];
        if (change.to == Stage::Legal && change.from != Stage::Legal)
            out.push_back({Date::ofTimestamp(change.at), PrescriptionStepKind::CourtClaim});
    }
    std::stable_sort(out.begin(), out.end(), [](const auto& a, const auto& b) { return a.on < b.on; });
    return out;
}

struct Term {
    Prescription& out;
    const LawTables& tables;

    // A term running from `start` to `deadline`: the suspensions that fall inside it add
    // their days (each recorded as a step). They come earliest first; a day two of them
    // cover counts once.
    Date suspend(Date start, Date deadline) {
        Date covered = start;
        for (const auto& s : tables.suspensions()) {
            // A suspension that starts before the term ends stops it to its last day, even when
            // the deadline falls inside it: what was left runs again the day after.
            const Date first = std::max(s.from, covered.addDays(1));
            const Date last = s.until;
            if (last < first || deadline < first) continue;
            covered = last;
            const std::int32_t days = daysBetween(first, last) + 1;
            deadline = deadline.addDays(days);
            out.steps.push_back({PrescriptionStepKind::Suspended, first, deadline, days, s.id});
        }
        return deadline;
    }

    // The deadline of a term that starts (again) on `start`.
    Date from(Date start, PrescriptionStepKind kind) {
        const int years = out.term == PrescriptionTerm::ThreeYears ? 3 : 5;
        Date deadline = start.addYears(years);
        PrescriptionStepKind shown = kind;
        if (out.term == PrescriptionTerm::FiveYears && start < kLey42_2015) {
            deadline = std::min(start.addYears(15), kLey42_2015.addYears(5));
            if (kind == PrescriptionStepKind::Due) shown = PrescriptionStepKind::Transitional;
        }
        out.steps.push_back({shown, start, deadline, 0, {}});
        return suspend(start, deadline);
    }
};

} // namespace

Prescription prescriptionOf(const State& s, const LawTables& tables, Index invoice) {
    const InvoiceState& inv = s.invoices[invoice];
    Prescription out;
    if (inv.prescriptionTerm) {
        out.term = *inv.prescriptionTerm;
        out.termSetOnInvoice = true;
    } else {
        out.term = s.debtors[inv.debtor].prescriptionTerm.value_or(PrescriptionTerm::FiveYears);
    }
    Term term{out, tables};
    Date start = inv.dueDate;
    Date deadline = term.from(start, PrescriptionStepKind::Due);
    for (const auto& i : interruptions(s, inv, invoice)) {
        if (!(start < i.on)) continue; // before the term (re)started: nothing to interrupt
        if (deadline < i.on) break;     // prescribed already: nothing revives it
        start = i.on;
        deadline = term.from(start, i.kind);
    }
    out.deadline = deadline;
    return out;
}

} // namespace recobra
