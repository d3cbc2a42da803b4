#include "core/exchange/agency/case_writer.hpp"

namespace recobra {

namespace {

// Dates and times in CSV cells as spreadsheets of that language recognize them.
std::string csvDate(Date d, Lang lang) { return lang == Lang::es ? formatDate(d, lang) : d.iso(); }
std::string csvDateTime(Timestamp ts, int offset, Lang lang) {
    if (lang == Lang::es) return formatDateTime(ts, offset, lang);
    const Timestamp local = ts + static_cast<Timestamp>(offset) * 60'000;
    const std::string iso = isoTimestamp(local);
    return iso.substr(0, 10) + " " + iso.substr(11, 5);
}

} // namespace

std::vector<std::string> CaseWriter::invoiceHeader(Lang lang) {
    std::vector<std::string> h;
    for (Str id : {Str::agency_debtor_id, Str::agency_debtor, Str::agency_tax_id, Str::agency_invoice,
                   Str::agency_issue, Str::agency_due, Str::agency_amount, Str::agency_currency, Str::agency_paid,
                   Str::agency_outstanding, Str::agency_status, Str::agency_days_overdue, Str::agency_stage,
                   Str::agency_description, Str::agency_dispute_reason, Str::agency_invoice_id})
        h.emplace_back(tr(id, lang));
    return h;
}

void CaseWriter::invoiceRows(CsvWriter& csv, Index debtor) const {
    const DebtorState& d = s_.debtors[debtor];
    const std::string stage = label(effectiveStage(d, o_.today), lang_);
    for (Index i : d.invoices) {
        const auto& inv = s_.invoices[i];
        const CurrencyCode cur = inv.amount.currency;
        csv.cell(d.id).cell(d.profile.legalName).cell(d.profile.taxId).cell(inv.number);
        csv.cell(csvDate(inv.issueDate, lang_)).cell(csvDate(inv.dueDate, lang_));
        csv.cell(formatAmountForInput(inv.amount, lang_)).cell(cur.str());
        csv.cell(formatAmountForInput(Money{inv.paid, cur}, lang_));
        csv.cell(formatAmountForInput(Money{inv.outstanding(), cur}, lang_));
        csv.cell(label(inv.status(), lang_)).cell(std::to_string(daysOverdue(inv, o_.today))).cell(stage);
        csv.cell(inv.description).cell(inv.disputed ? inv.disputeReason : std::string()).cell(inv.id);
        csv.endRow();
    }
}

std::vector<std::string> CaseWriter::interactionHeader(Lang lang) {
    std::vector<std::string> h;
    for (Str id : {Str::agency_debtor_id, Str::agency_debtor, Str::agency_tax_id, Str::agency_when,
                   Str::agency_channel, Str::agency_direction, Str::agency_outcome, Str::agency_attitude,
                   Str::agency_author, Str::agency_summary, Str::agency_promise_amount, Str::agency_promise_currency,
                   Str::agency_promise_due, Str::agency_promise_status, Str::agency_formal_claim_short,
                   Str::agency_acknowledges_short, Str::agency_invoices, Str::agency_interaction_id})
        h.emplace_back(tr(id, lang));
    return h;
}

void CaseWriter::interactionRows(CsvWriter& csv, Index debtor, const std::vector<Index>& interactions) const {
    const DebtorState& d = s_.debtors[debtor];
    for (Index e : interactions) {
        const Event event = log_[e];
        const auto& x = std::get<InteractionLogged>(event.payload);
        csv.cell(d.id).cell(d.profile.legalName).cell(d.profile.taxId);
        csv.cell(csvDateTime(x.at, o_.utcOffsetMinutes, lang_));
        csv.cell(label(x.channel, lang_)).cell(label(x.direction, lang_)).cell(label(x.outcome, lang_));
        csv.cell(label(x.attitude, lang_)).cell(event.author).cell(x.summary);
        if (x.promise) {
            csv.cell(formatAmountForInput(x.promise->amount, lang_)).cell(x.promise->amount.currency.str());
            csv.cell(csvDate(x.promise->dueDate, lang_)).cell(label(promiseStatusOf(x.promise->id), lang_));
        } else {
            csv.cell("").cell("").cell("").cell("");
        }
        csv.cell(yesNo(x.formalClaim)).cell(yesNo(x.acknowledgesDebt)).cell(invoiceNumbers(x.invoices));
        csv.cell(x.interaction);
        csv.endRow();
    }
}

} // namespace recobra
