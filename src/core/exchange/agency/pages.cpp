#include "core/exchange/agency/case_writer.hpp"

#include "core/values/text.hpp"

#include <cstdio>

namespace recobra {

namespace {

std::string formatBag(const MoneyBag& bag, Lang lang) {
    if (bag.isZero()) return formatMoney(Money{}, lang);
    std::string out;
    for (const auto& m : bag.amounts()) out += (out.empty() ? "" : " + ") + formatMoney(m, lang);
    return out;
}

// "UTC+01:00", or "UTC".
std::string zoneName(int offsetMinutes) {
    if (offsetMinutes == 0) return "UTC";
    const int abs = offsetMinutes < 0 ? -offsetMinutes : offsetMinutes;
    char buffer[32];
    std::snprintf(buffer, sizeof buffer, "UTC%c%02d:%02d", offsetMinutes < 0 ? '-' : '+', abs / 60, abs % 60);
    return buffer;
}

} // namespace

// "0007-graficas-pena-s-l.html": the position keeps pages in order and names unique.
std::string pageName(std::size_t position, std::size_t count, const std::string& legalName, Lang lang) {
    std::string slug = slugOf(legalName, 40);
    if (slug.empty()) slug = lang == Lang::es ? "deudor" : "debtor";
    std::string number = std::to_string(position + 1);
    const std::size_t width = std::max<std::size_t>(4, std::to_string(count).size());
    if (number.size() < width) number.insert(0, width - number.size(), '0');
    return number + "-" + slug + ".html";
}

std::string CaseWriter::pageHead(Lang lang, const std::string& title) {
    // Print-friendly; no script and no external resource (the policy forbids both).
    return "<!DOCTYPE html>\n<html lang=\"" + std::string(langCode(lang)) +
           "\">\n<head>\n<meta charset=\"utf-8\">\n"
           "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">\n"
           "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>" +
           htmlEscape(title) +
           "</title>\n<style>\n"
           "@page { size: A4; margin: 16mm 14mm; }\n"
           "body { font: 10pt/1.45 \"Helvetica Neue\", Helvetica, Arial, sans-serif; color: #111; "
           "max-width: 60rem; margin: 0 auto; padding: 1.5rem; }\n"
           "h1 { font-size: 17pt; margin: .1em 0 .3em; } h2 { font-size: 12pt; margin: 1.6em 0 .5em; "
           "padding-bottom: .2em; border-bottom: 1.5px solid #333; }\n"
           ".kicker { text-transform: uppercase; letter-spacing: .06em; font-size: 8.5pt; color: #444; margin: 0; }\n"
           ".law { font-size: 9pt; color: #333; border-left: 3px solid #999; padding-left: .6em; }\n"
           "dl { display: grid; grid-template-columns: max-content 1fr; gap: .15em 1.2em; margin: 0; }\n"
           "dt { color: #444; } dd { margin: 0; }\n"
           "table { width: 100%; border-collapse: collapse; margin: .3em 0; }\n"
           "th, td { border: 1px solid #bbb; padding: 3px 5px; text-align: left; vertical-align: top; }\n"
           "th { background: #eee; font-weight: 600; } td.num { text-align: right; white-space: nowrap; }\n"
           "td.when { white-space: nowrap; } .text { white-space: pre-wrap; overflow-wrap: anywhere; }\n"
           ".note { color: #444; font-size: 9pt; } .flag { font-weight: 600; }\n"
           "blockquote { margin: .4em 0; padding: .4em .7em; border-left: 3px solid #999; font-size: 9pt; }\n"
           "thead { display: table-header-group; } tr { break-inside: avoid; page-break-inside: avoid; }\n"
           "footer { margin-top: 2em; font-size: 8.5pt; color: #555; border-top: 1px solid #bbb; padding-top: .5em; }\n"
           "@media print { body { padding: 0; max-width: none; } a { color: inherit; text-decoration: none; } }\n"
           "</style>\n</head>\n<body>\n";
}

std::string CaseWriter::th(std::initializer_list<Str> ids) const {
    std::string out = "<thead><tr>";
    for (Str id : ids) out += "<th>" + htmlEscape(t(id)) + "</th>";
    return out + "</tr></thead>\n";
}

std::string CaseWriter::td(const std::string& text, const char* cls) {
    return std::string("<td") + (cls ? std::string(" class=\"") + cls + "\"" : std::string()) + ">" + htmlEscape(text) +
           "</td>";
}

std::string CaseWriter::dlRow(Str id, const std::string& value) const {
    if (value.empty()) return {};
    return "<dt>" + htmlEscape(t(id)) + "</dt><dd>" + htmlEscape(value) + "</dd>\n";
}

std::string CaseWriter::page(Index debtor, const std::vector<Index>& interactions) const {
    const DebtorState& d = s_.debtors[debtor];
    const DebtorProfile& p = d.profile;
    std::string h = pageHead(lang_, std::string(t(Str::agency_kicker)) + " — " + p.legalName);
    h += "<header>\n<p class=\"kicker\">" + htmlEscape(t(Str::agency_kicker)) + "</p>\n<h1>" +
         htmlEscape(p.legalName) + "</h1>\n<p class=\"law\">" + htmlEscape(t(Str::agency_law)) + "</p>\n<dl>\n";
    h += dlRow(Str::agency_prepared_by, o_.preparedBy);
    h += dlRow(Str::agency_document_date, date(o_.today));
    h += dlRow(Str::agency_times, zoneName(o_.utcOffsetMinutes));
    h += "</dl>\n</header>\n";

    if (const auto& c = s_.letters.creditor) {
        h += "<section>\n<h2>" + htmlEscape(t(Str::case_section_creditor)) + "</h2>\n<dl>\n";
        h += dlRow(Str::agency_legal_name, c->legalName);
        h += dlRow(Str::agency_trade_name, c->tradeName);
        h += dlRow(Str::agency_tax_id, c->taxId);
        h += dlRow(Str::agency_address, c->address);
        h += dlRow(Str::agency_email, c->email);
        h += dlRow(Str::agency_phone, c->phone);
        h += "</dl>\n</section>\n";
    }

    h += "<section>\n<h2>" + htmlEscape(t(Str::agency_section_debtor)) + "</h2>\n<dl>\n";
    h += dlRow(Str::agency_legal_name, p.legalName);
    h += dlRow(Str::agency_trade_name, p.tradeName);
    h += dlRow(Str::agency_tax_id, p.taxId);
    h += dlRow(Str::agency_kind, label(p.kind, lang_));
    h += dlRow(Str::agency_country, p.country);
    h += dlRow(Str::agency_relationship, label(p.relationship, lang_));
    h += dlRow(Str::agency_credit_limit, p.creditLimit ? money(*p.creditLimit) : std::string());
    h += dlRow(Str::agency_commercial_refs, p.commercialRefs);
    h += dlRow(Str::agency_bank_refs, p.bankRefs);
    h += dlRow(Str::agency_assignee, d.assignee.empty() ? std::string() : memberName(d.assignee));
    h += dlRow(Str::agency_registered, date(Date::ofTimestamp(d.registeredAt)));
    h += "</dl>\n</section>\n";

    h += "<section>\n<h2>" + htmlEscape(t(Str::agency_section_contacts)) + "</h2>\n";
    std::string rows;
    for (Index k : d.contacts) {
        if (s_.contacts[k].removed) continue;
        const auto& c = s_.contacts[k].info;
        rows += "<tr>" + td(c.name) + td(c.role) + td(c.phone) + td(c.email) + td(c.address, "text") + "</tr>\n";
    }
    h += rows.empty() ? "<p>" + htmlEscape(t(Str::agency_none)) + "</p>\n"
                      : "<table>\n" + th({Str::agency_contact_name, Str::agency_role, Str::agency_phone,
                                          Str::agency_email, Str::agency_address}) +
                            "<tbody>\n" + rows + "</tbody>\n</table>\n";
    h += "</section>\n";

    h += "<section>\n<h2>" + htmlEscape(t(Str::agency_section_debt)) + "</h2>\n<dl>\n";
    h += dlRow(Str::agency_outstanding, formatBag(d.outstanding, lang_));
    h += dlRow(Str::agency_days_overdue, std::to_string(daysOverdue(d, o_.today)));
    h += dlRow(Str::agency_stage, label(effectiveStage(d, o_.today), lang_));
    if (!d.credit.isZero()) h += dlRow(Str::agency_credit, formatBag(d.credit, lang_));
    h += "</dl>\n";
    rows.clear();
    for (Index i : d.invoices) {
        const auto& inv = s_.invoices[i];
        const CurrencyCode cur = inv.amount.currency;
        std::string status = label(inv.status(), lang_);
        if (inv.voided && !inv.voidReason.empty()) status += ": " + inv.voidReason;
        if (inv.disputed && !inv.disputeReason.empty()) status += ": " + inv.disputeReason;
        rows += "<tr>" + td(inv.number) + td(date(inv.issueDate), "when") + td(date(inv.dueDate), "when") +
                td(money(inv.amount), "num") + td(money(Money{inv.paid, cur}), "num") +
                td(money(Money{inv.outstanding(), cur}), "num") + td(std::to_string(daysOverdue(inv, o_.today)), "num") +
                td(status) + td(inv.description, "text") + "</tr>\n";
    }
    if (!rows.empty())
        h += "<table>\n" +
             th({Str::agency_invoice, Str::agency_issue, Str::agency_due, Str::agency_amount, Str::agency_paid,
                 Str::agency_outstanding, Str::agency_days_overdue, Str::agency_status, Str::agency_description}) +
             "<tbody>\n" + rows + "</tbody>\n</table>\n";
    h += "</section>\n";

    h += claimSection(debtor);

    h += "<section>\n<h2>" + htmlEscape(t(Str::agency_section_history)) + "</h2>\n";
    rows.clear();
    std::size_t n = 0;
    for (Index e : interactions) {
        const Event event = log_[e];
        const auto& x = std::get<InteractionLogged>(event.payload);
        std::string detail = "<div class=\"text\">" + htmlEscape(x.summary) + "</div>";
        std::vector<std::string> notes;
        if (x.promise)
            notes.push_back(tf(Str::agency_promise_line, {money(x.promise->amount), date(x.promise->dueDate),
                                                           label(promiseStatusOf(x.promise->id), lang_)}));
        if (!x.invoices.empty()) notes.push_back(tf(Str::agency_invoices_concerned, {invoiceNumbers(x.invoices)}));
        for (const auto& note : notes) detail += "<div class=\"note\">" + htmlEscape(note) + "</div>";
        if (x.formalClaim) detail += "<div class=\"flag\">" + htmlEscape(t(Str::agency_formal_claim)) + "</div>";
        detail += letterAndProof(d, x);
        if (x.acknowledgesDebt) detail += "<div class=\"flag\">" + htmlEscape(t(Str::agency_acknowledges)) + "</div>";
        rows += "<tr>" + td(std::to_string(++n), "num") + td(when(x.at), "when") + td(label(x.channel, lang_)) +
                td(label(x.direction, lang_)) + td(label(x.outcome, lang_)) + td(label(x.attitude, lang_)) +
                td(event.author) + "<td>" + detail + "</td></tr>\n";
    }
    h += rows.empty() ? "<p>" + htmlEscape(t(Str::agency_history_none)) + "</p>\n"
                      : "<table>\n" + th({Str::agency_number, Str::agency_when, Str::agency_channel,
                                          Str::agency_direction, Str::agency_outcome, Str::agency_attitude,
                                          Str::agency_author, Str::agency_summary}) +
                            "<tbody>\n" + rows + "</tbody>\n</table>\n";
    h += "</section>\n";

    h += "<section>\n<h2>" + htmlEscape(t(Str::agency_section_promises)) + "</h2>\n";
    rows.clear();
    std::vector<Index> promises = d.promises;
    std::stable_sort(promises.begin(), promises.end(),
                     [&](Index a, Index b) { return s_.promises[a].madeOn < s_.promises[b].madeOn; });
    for (Index k : promises) {
        const auto& pr = s_.promises[k];
        rows += "<tr>" + td(date(pr.madeOn), "when") + td(money(pr.amount), "num") + td(date(pr.dueDate), "when") +
                td(money(Money{std::min(promisePaid(s_, pr), pr.amount.minor), pr.amount.currency}), "num") +
                td(label(promiseStatus(s_, pr, o_.today), lang_)) + "</tr>\n";
    }
    h += rows.empty() ? "<p>" + htmlEscape(t(Str::agency_none)) + "</p>\n"
                      : "<table>\n" + th({Str::agency_made_on, Str::agency_promise_amount, Str::agency_promise_due,
                                          Str::agency_paid, Str::agency_status}) +
                            "<tbody>\n" + rows + "</tbody>\n</table>\n";
    h += "</section>\n";

    h += "<section>\n<h2>" + htmlEscape(t(Str::agency_section_payments)) + "</h2>\n";
    rows.clear();
    std::vector<Index> payments = d.payments;
    std::stable_sort(payments.begin(), payments.end(),
                     [&](Index a, Index b) { return s_.payments[a].date < s_.payments[b].date; });
    for (Index k : payments) {
        const auto& pay = s_.payments[k];
        std::string applied;
        for (const auto& a : pay.allocations)
            applied += (applied.empty() ? "" : ", ") + s_.invoices[a.invoice].number + " " +
                       money(Money{a.amount, pay.amount.currency});
        if (pay.unallocated > 0)
            applied += (applied.empty() ? "" : ", ") + tf(Str::agency_as_credit, {money(Money{pay.unallocated, pay.amount.currency})});
        rows += "<tr>" + td(date(pay.date), "when") + td(money(pay.amount), "num") + td(label(pay.method, lang_)) +
                td(pay.reference) + td(applied) + td(pay.author) + "</tr>\n";
    }
    h += rows.empty() ? "<p>" + htmlEscape(t(Str::agency_none)) + "</p>\n"
                      : "<table>\n" + th({Str::agency_date, Str::agency_amount, Str::agency_method,
                                          Str::agency_reference, Str::agency_applied, Str::agency_author}) +
                            "<tbody>\n" + rows + "</tbody>\n</table>\n";
    h += "</section>\n";

    h += "<section>\n<h2>" + htmlEscape(t(Str::agency_section_stages)) + "</h2>\n";
    rows.clear();
    for (Index k : d.stageChanges) {
        const auto& ch = s_.stageChanges[k];
        const std::string reason = ch.automaticReason ? tf(Str::agency_automatic, {t(*ch.automaticReason)}) : ch.reason;
        rows += "<tr>" + td(when(ch.at), "when") + td(stageName(ch.from)) + td(stageName(ch.to)) + td(reason, "text") +
                td(ch.automaticReason ? std::string(t(Str::agency_system)) : ch.author) + "</tr>\n";
    }
    h += rows.empty() ? "<p>" + htmlEscape(t(Str::agency_none)) + "</p>\n"
                      : "<table>\n" + th({Str::agency_when, Str::agency_from, Str::agency_to, Str::agency_reason,
                                          Str::agency_author}) +
                            "<tbody>\n" + rows + "</tbody>\n</table>\n";
    h += "</section>\n";

    h += "<footer>" +
         htmlEscape(tf(Str::agency_footer, {date(o_.today), formatCount(static_cast<std::int64_t>(interactions.size()), lang_)})) +
         "</footer>\n</body>\n</html>\n";
    return h;
}

// What the law lets the creditor claim on the page's day: per invoice the principal, the
// interest (each stretch of days at its rate), the compensation and the day it prescribes;
// the totals; and whether the negotiation attempt a court asks for is proved.
std::string CaseWriter::claimSection(Index debtor) const {
    const DebtorClaim claim = claimFor(s_, tables_, debtor, o_.today);
    std::string h = "<section>\n<h2>" + htmlEscape(tf(Str::case_section_claim, {date(o_.today)})) + "</h2>\n";
    h += "<p class=\"note\">" + htmlEscape(t(Str::case_claim_note)) + "</p>\n";
    std::string rows;
    for (const auto& row : claim.invoices) {
        const auto& inv = s_.invoices[row.invoice];
        const CurrencyCode cur = inv.amount.currency;
        std::string interest = "<div>" + htmlEscape(money(Money{row.interest.amount, cur})) + "</div>";
        for (const auto& r : row.interest.rows)
            interest += "<div class=\"note\">" +
                        htmlEscape(trf(Str::law_row, lang_, {r.period, std::to_string(r.days), money(Money{r.base, cur}),
                                                             formatAmount(euros(r.basisPoints), lang_) + " %",
                                                             money(Money{r.amount, cur})})) +
                        "</div>";
        rows += "<tr>" + td(inv.number) + td(money(Money{row.principal, cur}), "num") + "<td class=\"num\">" + interest +
                "</td>" + td(money(euros(row.compensation)), "num") + td(money(Money{row.total(), cur}), "num") +
                td(row.prescribed ? std::string(t(Str::law_prescribed)) : date(row.prescription.deadline), "when") + "</tr>\n";
    }
    if (rows.empty()) return h + "<p>" + htmlEscape(t(Str::agency_none)) + "</p>\n</section>\n";
    h += "<table>\n" +
         th({Str::agency_invoice, Str::letter_col_principal, Str::letter_col_interest, Str::letter_col_compensation,
             Str::letter_col_total, Str::col_prescribes}) +
         "<tbody>\n" + rows + "</tbody>\n</table>\n<dl>\n";
    h += dlRow(Str::case_claimable, formatBag(claim.claimable, lang_));
    if (!claim.prescribed.isZero()) h += dlRow(Str::case_prescribed, formatBag(claim.prescribed, lang_));
    h += dlRow(Str::case_next_prescription, claim.nextDeadline ? date(*claim.nextDeadline) : std::string());
    const Masc masc = mascOf(s_, debtor, o_.today);
    h += dlRow(Str::case_masc, std::string(label(masc.status, lang_)) + " — " + mascExplanation(masc, lang_));
    h += "</dl>\n";
    if (claim.incomplete) h += "<p class=\"flag\">" + htmlEscape(t(Str::case_interest_incomplete)) + "</p>\n";
    return h + "</section>\n";
}

// The letter a conversation sent, whole, with its fingerprint; the proof of receipt attached
// to it, if any.
std::string CaseWriter::letterAndProof(const DebtorState& d, const InteractionLogged& x) const {
    std::string h;
    if (x.letter) {
        const auto& l = *x.letter;
        h += "<div class=\"note\">" +
             htmlEscape(tf(Str::case_letter_sent, {templateName(s_.letters, l.templateId, lang_), l.lang, l.sha256})) + "</div>";
        if (!l.reference.empty()) h += "<div class=\"note\">" + htmlEscape(tf(Str::case_burofax_reference, {l.reference})) + "</div>";
        h += "<blockquote class=\"text\">" + htmlEscape((l.subject.empty() ? "" : l.subject + "\n\n") + l.text) + "</blockquote>";
    }
    for (const auto& act : d.legalActs) {
        if (act.interaction != x.interaction || !act.proof) continue;
        h += "<div class=\"flag\">" +
             htmlEscape(tf(Str::case_proof, {label(*act.proof, lang_), date(act.proofReceivedOn),
                                             act.proofReference.empty() ? std::string() : " · " + act.proofReference})) +
             "</div>";
    }
    return h;
}

std::string CaseWriter::indexRow(std::size_t position, Index debtor, const std::string& file, std::size_t interactions) const {
    const DebtorState& d = s_.debtors[debtor];
    return "<tr>" + td(std::to_string(position + 1), "num") + "<td><a href=\"" + htmlEscape(file) + "\">" +
           htmlEscape(d.profile.legalName) + "</a></td>" + td(d.profile.taxId) + td(formatBag(d.outstanding, lang_), "num") +
           td(std::to_string(daysOverdue(d, o_.today)), "num") + td(label(effectiveStage(d, o_.today), lang_)) +
           td(std::to_string(interactions), "num") + "</tr>\n";
}

std::string CaseWriter::indexPage(const std::string& rows, std::size_t debtors, const MoneyBag& total) const {
    std::string h = pageHead(lang_, t(Str::agency_index_title));
    h += "<header>\n<p class=\"kicker\">" + htmlEscape(t(Str::agency_kicker)) + "</p>\n<h1>" +
         htmlEscape(t(Str::agency_index_title)) + "</h1>\n<p class=\"law\">" + htmlEscape(t(Str::agency_law)) +
         "</p>\n<dl>\n";
    h += dlRow(Str::agency_prepared_by, o_.preparedBy);
    h += dlRow(Str::agency_document_date, date(o_.today));
    h += dlRow(Str::agency_cases, formatCount(static_cast<std::int64_t>(debtors), lang_));
    h += dlRow(Str::agency_outstanding, formatBag(total, lang_));
    h += "</dl>\n</header>\n<section>\n<table>\n" +
         th({Str::agency_number, Str::agency_debtor, Str::agency_tax_id, Str::agency_outstanding,
             Str::agency_days_overdue, Str::agency_stage, Str::agency_interactions}) +
         "<tbody>\n" + rows + "</tbody>\n</table>\n</section>\n";
    h += "<footer>" + htmlEscape(t(Str::agency_index_footer)) + "</footer>\n</body>\n</html>\n";
    return h;
}

std::string caseFilePage(const State& state, const EventLog& log, Index debtor, const AgencyOptions& options) {
    const CaseWriter writer(state, log, options);
    return writer.page(debtor, chronological(log, state.debtors[debtor]));
}

} // namespace recobra
