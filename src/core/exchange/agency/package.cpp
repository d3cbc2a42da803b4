#include "core/exchange/agency/agency.hpp"

#include "core/codec/event_codec.hpp"
#include "core/codec/json_codec.hpp"
#include "core/exchange/csv.hpp"
#include "core/rules/labels.hpp"
#include "core/state/queries.hpp"
#include "core/values/text.hpp"
#include "core/workspace/workspace.hpp"

#include <algorithm>
#include <cstdio>
#include <nlohmann/json.hpp>

namespace recobra {

// --- selection -------------------------------------------------------------------------------------

AgencySelected selectDebtors(const State& state, const AgencySelection& selection, Date today) {
    AgencySelected out;
    if (!selection.debtors.empty()) {
        std::vector<bool> chosen(state.debtors.size(), false);
        for (const auto& id : selection.debtors) {
            const auto d = state.debtor(id);
            if (!d) {
                out.problem = problem(Str::err_ref_unknown, "debtor", {id});
                out.debtors.clear();
                return out;
            }
            chosen[*d] = true;
        }
        for (Index i = 0; i < state.debtors.size(); ++i)
            if (chosen[i]) out.debtors.push_back(i);
        return out;
    }
    for (Index i = 0; i < state.debtors.size(); ++i) {
        const auto& d = state.debtors[i];
        if (!selection.stages.empty() && !selection.stages.count(effectiveStage(d, today))) continue;
        if (selection.minDaysOverdue && daysOverdue(d, today) < *selection.minDaysOverdue) continue;
        out.debtors.push_back(i);
    }
    return out;
}

// --- small helpers ---------------------------------------------------------------------------------

std::string htmlEscape(std::string_view text) {
    std::string out;
    out.reserve(text.size() + 16);
    for (char c : text) {
        switch (c) {
        case '&': out += "&amp;"; break;
        case '<': out += "&lt;"; break;
        case '>': out += "&gt;"; break;
        case '"': out += "&quot;"; break;
        case '\'': out += "&#39;"; break;
        default: out.push_back(c);
        }
    }
    return out;
}

std::string isoTimestamp(Timestamp ts) {
    const Date day = Date::ofTimestamp(ts);
    const Timestamp ms = ts - day.startOfDayUtc();
    const int seconds = static_cast<int>(ms / 1000);
    char buffer[32];
    std::snprintf(buffer, sizeof buffer, "T%02d:%02d:%02dZ", seconds / 3600, seconds / 60 % 60, seconds % 60);
    return day.iso() + buffer;
}

std::size_t AgencyPackage::bytes() const {
    std::size_t total = 0;
    for (const auto& f : files) total += f.bytes.size();
    return total;
}

const PackageFile* AgencyPackage::find(std::string_view name) const {
    for (const auto& f : files)
        if (f.name == name) return &f;
    return nullptr;
}

namespace {

constexpr std::size_t kDebtorCost = 64; // work units of one debtor, against one event scanned

nlohmann::json moneyJson(Money m) { return {{"currency", m.currency.str()}, {"minor", m.minor}}; }

nlohmann::json bagJson(const MoneyBag& bag) {
    nlohmann::json out = nlohmann::json::array();
    for (const auto& m : bag.amounts()) out.push_back(moneyJson(m));
    return out;
}

std::string formatBag(const MoneyBag& bag, Lang lang) {
    if (bag.isZero()) return formatMoney(Money{}, lang);
    std::string out;
    for (const auto& m : bag.amounts()) out += (out.empty() ? "" : " + ") + formatMoney(m, lang);
    return out;
}

// "0007-graficas-pena-s-l.html": the position keeps pages in order and names unique.
std::string pageName(std::size_t position, std::size_t count, const std::string& legalName, Lang lang) {
    std::string slug;
    for (char c : foldForSearch(legalName)) {
        const bool keep = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
        if (keep) slug.push_back(c);
        else if (!slug.empty() && slug.back() != '-') slug.push_back('-');
        if (slug.size() >= 40) break;
    }
    while (!slug.empty() && slug.back() == '-') slug.pop_back();
    if (slug.empty()) slug = lang == Lang::es ? "deudor" : "debtor";
    std::string number = std::to_string(position + 1);
    const std::size_t width = std::max<std::size_t>(4, std::to_string(count).size());
    if (number.size() < width) number.insert(0, width - number.size(), '0');
    return number + "-" + slug + ".html";
}

// "UTC+01:00", or "UTC".
std::string zoneName(int offsetMinutes) {
    if (offsetMinutes == 0) return "UTC";
    const int abs = offsetMinutes < 0 ? -offsetMinutes : offsetMinutes;
    char buffer[32];
    std::snprintf(buffer, sizeof buffer, "UTC%c%02d:%02d", offsetMinutes < 0 ? '-' : '+', abs / 60, abs % 60);
    return buffer;
}

// Dates and times in CSV cells as spreadsheets of that language recognize them.
std::string csvDate(Date d, Lang lang) { return lang == Lang::es ? formatDate(d, lang) : d.iso(); }
std::string csvDateTime(Timestamp ts, int offset, Lang lang) {
    if (lang == Lang::es) return formatDateTime(ts, offset, lang);
    const Timestamp local = ts + static_cast<Timestamp>(offset) * 60'000;
    const std::string iso = isoTimestamp(local);
    return iso.substr(0, 10) + " " + iso.substr(11, 5);
}

// The debtor's interactions, in the order they happened (then as recorded).
std::vector<Index> chronological(const EventLog& log, const DebtorState& d) {
    std::vector<std::pair<Timestamp, Index>> keyed; // log order is id order
    keyed.reserve(d.interactions.size());
    for (Index i : d.interactions) keyed.emplace_back(std::get<InteractionLogged>(log[i].payload).at, i);
    std::stable_sort(keyed.begin(), keyed.end());
    std::vector<Index> order;
    order.reserve(keyed.size());
    for (const auto& k : keyed) order.push_back(k.second);
    return order;
}

class Writer {
public:
    Writer(const State& state, const EventLog& log, const AgencyOptions& options)
        : s_(state), log_(log), o_(options), lang_(options.lang) {}

    const char* t(Str id) const { return tr(id, lang_); }
    std::string tf(Str id, std::initializer_list<std::string_view> args) const { return trf(id, lang_, args); }
    std::string money(Money m) const { return formatMoney(m, lang_); }
    std::string date(Date d) const { return formatDate(d, lang_); }
    std::string when(Timestamp ts) const { return formatDateTime(ts, o_.utcOffsetMinutes, lang_); }
    std::string yesNo(bool b) const { return t(b ? Str::agency_yes : Str::agency_no); }
    std::string memberName(const std::string& id) const {
        const auto m = s_.member(id);
        return m ? s_.members[*m].name : id;
    }
    std::string invoiceNumbers(const std::vector<std::string>& ids) const {
        std::string out;
        for (const auto& id : ids) {
            const auto i = s_.invoice(id);
            out += (out.empty() ? "" : ", ") + (i ? s_.invoices[*i].number : id);
        }
        return out;
    }
    std::string stageName(const std::optional<Stage>& stage) const {
        return stage ? label(*stage, lang_) : t(Str::agency_stage_following);
    }
    PromiseStatus promiseStatusOf(const std::string& id) const {
        const auto found = s_.promise(id);
        return found ? promiseStatus(s_, s_.promises[*found], o_.today) : PromiseStatus::Pending;
    }

    // --- cases.json ---------------------------------------------------------------------------

    nlohmann::json caseJson(Index debtor, const std::vector<Index>& interactions) const {
        const DebtorState& d = s_.debtors[debtor];
        const DebtorProfile& p = d.profile;
        nlohmann::json c;
        c["debtor"] = {{"assignee", d.assignee.empty() ? std::string() : memberName(d.assignee)},
                       {"bankRefs", p.bankRefs},
                       {"commercialRefs", p.commercialRefs},
                       {"country", p.country},
                       {"creditLimit", p.creditLimit ? moneyJson(*p.creditLimit) : nlohmann::json(nullptr)},
                       {"id", d.id},
                       {"kind", enumName(p.kind)},
                       {"legalName", p.legalName},
                       {"notes", p.notes},
                       {"registeredAt", isoTimestamp(d.registeredAt)},
                       {"relationship", enumName(p.relationship)},
                       {"tags", p.tags},
                       {"taxId", p.taxId},
                       {"tradeName", p.tradeName}};
        c["stage"] = enumName(effectiveStage(d, o_.today));
        c["daysOverdue"] = daysOverdue(d, o_.today);
        c["outstanding"] = bagJson(d.outstanding);
        c["credit"] = bagJson(d.credit);
        auto& contacts = c["contacts"] = nlohmann::json::array();
        for (Index k : d.contacts) {
            const auto& info = s_.contacts[k].info;
            contacts.push_back({{"address", info.address},
                                {"email", info.email},
                                {"id", info.id},
                                {"name", info.name},
                                {"phone", info.phone},
                                {"preferredChannel",
                                 info.preferredChannel ? nlohmann::json(enumName(*info.preferredChannel)) : nlohmann::json(nullptr)},
                                {"removed", s_.contacts[k].removed},
                                {"role", info.role}});
        }
        auto& invoices = c["invoices"] = nlohmann::json::array();
        for (Index i : d.invoices) {
            const auto& inv = s_.invoices[i];
            invoices.push_back({{"amount", moneyJson(inv.amount)},
                                {"daysOverdue", daysOverdue(inv, o_.today)},
                                {"description", inv.description},
                                {"disputeReason", inv.disputeReason},
                                {"disputed", inv.disputed},
                                {"dueDate", inv.dueDate.iso()},
                                {"id", inv.id},
                                {"issueDate", inv.issueDate.iso()},
                                {"kind", enumName(inv.kind)},
                                {"number", inv.number},
                                {"outstanding", moneyJson(Money{inv.outstanding(), inv.amount.currency})},
                                {"paid", moneyJson(Money{inv.paid, inv.amount.currency})},
                                {"status", enumName(inv.status())},
                                {"voidReason", inv.voidReason}});
        }
        auto& payments = c["payments"] = nlohmann::json::array();
        for (Index k : d.payments) {
            const auto& pay = s_.payments[k];
            nlohmann::json allocations = nlohmann::json::array();
            for (const auto& a : pay.allocations)
                allocations.push_back({{"amount", moneyJson(Money{a.amount, pay.amount.currency})},
                                       {"invoice", s_.invoices[a.invoice].id},
                                       {"number", s_.invoices[a.invoice].number}});
            payments.push_back({{"allocations", std::move(allocations)},
                                {"amount", moneyJson(pay.amount)},
                                {"author", pay.author},
                                {"date", pay.date.iso()},
                                {"id", pay.id},
                                {"method", enumName(pay.method)},
                                {"recordedAt", isoTimestamp(pay.recordedAt)},
                                {"reference", pay.reference},
                                {"unallocated", moneyJson(Money{pay.unallocated, pay.amount.currency})}});
        }
        auto& promises = c["promises"] = nlohmann::json::array();
        for (Index k : d.promises) {
            const auto& pr = s_.promises[k];
            promises.push_back({{"amount", moneyJson(pr.amount)},
                                {"dueDate", pr.dueDate.iso()},
                                {"id", pr.id},
                                {"interaction", std::get<InteractionLogged>(log_[pr.interaction].payload).interaction},
                                {"madeOn", pr.madeOn.iso()},
                                {"paid", moneyJson(Money{std::min(promisePaid(s_, pr), pr.amount.minor), pr.amount.currency})},
                                {"status", enumName(promiseStatus(s_, pr, o_.today))}});
        }
        auto& stages = c["stageHistory"] = nlohmann::json::array();
        for (Index k : d.stageChanges) {
            const auto& ch = s_.stageChanges[k];
            stages.push_back({{"at", isoTimestamp(ch.at)},
                              {"author", ch.author},
                              {"automatic", ch.automaticReason ? nlohmann::json(tr(*ch.automaticReason, lang_)) : nlohmann::json(nullptr)},
                              {"from", ch.from ? nlohmann::json(enumName(*ch.from)) : nlohmann::json(nullptr)},
                              {"reason", ch.reason},
                              {"to", ch.to ? nlohmann::json(enumName(*ch.to)) : nlohmann::json(nullptr)}});
        }
        auto& history = c["interactions"] = nlohmann::json::array();
        for (Index e : interactions) {
            const Event event = log_[e];
            const auto& x = std::get<InteractionLogged>(event.payload);
            nlohmann::json promise(nullptr);
            if (x.promise)
                promise = {{"amount", moneyJson(x.promise->amount)},
                           {"dueDate", x.promise->dueDate.iso()},
                           {"id", x.promise->id},
                           {"status", enumName(promiseStatusOf(x.promise->id))}};
            nlohmann::json numbers = nlohmann::json::array();
            for (const auto& id : x.invoices) {
                const auto i = s_.invoice(id);
                numbers.push_back(i ? s_.invoices[*i].number : id);
            }
            history.push_back({{"acknowledgesDebt", x.acknowledgesDebt},
                               {"at", isoTimestamp(x.at)},
                               {"attitude", enumName(x.attitude)},
                               {"author", event.author},
                               {"channel", enumName(x.channel)},
                               {"direction", enumName(x.direction)},
                               {"event", event.id.str()},
                               {"formalClaim", x.formalClaim},
                               {"id", x.interaction},
                               {"invoices", std::move(numbers)},
                               {"outcome", enumName(x.outcome)},
                               {"promise", std::move(promise)},
                               {"summary", x.summary}});
        }
        auto& notes = c["notes"] = nlohmann::json::array();
        for (Index n : d.notes) {
            const Event event = log_[n];
            notes.push_back({{"at", isoTimestamp(event.ts)}, {"author", event.author},
                             {"text", std::get<NoteAdded>(event.payload).text}});
        }
        return c;
    }

    // --- CSV rows ---------------------------------------------------------------------------------

    static std::vector<std::string> invoiceHeader(Lang lang) {
        std::vector<std::string> h;
        for (Str id : {Str::agency_debtor_id, Str::agency_debtor, Str::agency_tax_id, Str::agency_invoice,
                       Str::agency_issue, Str::agency_due, Str::agency_amount, Str::agency_currency, Str::agency_paid,
                       Str::agency_outstanding, Str::agency_status, Str::agency_days_overdue, Str::agency_stage,
                       Str::agency_description, Str::agency_dispute_reason, Str::agency_invoice_id})
            h.emplace_back(tr(id, lang));
        return h;
    }

    void invoiceRows(CsvWriter& csv, Index debtor) const {
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

    static std::vector<std::string> interactionHeader(Lang lang) {
        std::vector<std::string> h;
        for (Str id : {Str::agency_debtor_id, Str::agency_debtor, Str::agency_tax_id, Str::agency_when,
                       Str::agency_channel, Str::agency_direction, Str::agency_outcome, Str::agency_attitude,
                       Str::agency_author, Str::agency_summary, Str::agency_promise_amount, Str::agency_promise_currency,
                       Str::agency_promise_due, Str::agency_promise_status, Str::agency_formal_claim_short,
                       Str::agency_acknowledges_short, Str::agency_invoices, Str::agency_interaction_id})
            h.emplace_back(tr(id, lang));
        return h;
    }

    void interactionRows(CsvWriter& csv, Index debtor, const std::vector<Index>& interactions) const {
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

    // --- HTML -------------------------------------------------------------------------------------

    static std::string pageHead(Lang lang, const std::string& title) {
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
               "thead { display: table-header-group; } tr { break-inside: avoid; page-break-inside: avoid; }\n"
               "footer { margin-top: 2em; font-size: 8.5pt; color: #555; border-top: 1px solid #bbb; padding-top: .5em; }\n"
               "@media print { body { padding: 0; max-width: none; } a { color: inherit; text-decoration: none; } }\n"
               "</style>\n</head>\n<body>\n";
    }

    std::string th(std::initializer_list<Str> ids) const {
        std::string out = "<thead><tr>";
        for (Str id : ids) out += "<th>" + htmlEscape(t(id)) + "</th>";
        return out + "</tr></thead>\n";
    }

    static std::string td(const std::string& text, const char* cls = nullptr) {
        return std::string("<td") + (cls ? std::string(" class=\"") + cls + "\"" : std::string()) + ">" + htmlEscape(text) +
               "</td>";
    }

    std::string dlRow(Str id, const std::string& value) const {
        if (value.empty()) return {};
        return "<dt>" + htmlEscape(t(id)) + "</dt><dd>" + htmlEscape(value) + "</dd>\n";
    }

    std::string page(Index debtor, const std::vector<Index>& interactions) const {
        const DebtorState& d = s_.debtors[debtor];
        const DebtorProfile& p = d.profile;
        std::string h = pageHead(lang_, std::string(t(Str::agency_kicker)) + " — " + p.legalName);
        h += "<header>\n<p class=\"kicker\">" + htmlEscape(t(Str::agency_kicker)) + "</p>\n<h1>" +
             htmlEscape(p.legalName) + "</h1>\n<p class=\"law\">" + htmlEscape(t(Str::agency_law)) + "</p>\n<dl>\n";
        h += dlRow(Str::agency_prepared_by, o_.preparedBy);
        h += dlRow(Str::agency_document_date, date(o_.today));
        h += dlRow(Str::agency_times, zoneName(o_.utcOffsetMinutes));
        h += "</dl>\n</header>\n";

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

    std::string indexRow(std::size_t position, Index debtor, const std::string& file, std::size_t interactions) const {
        const DebtorState& d = s_.debtors[debtor];
        return "<tr>" + td(std::to_string(position + 1), "num") + "<td><a href=\"" + htmlEscape(file) + "\">" +
               htmlEscape(d.profile.legalName) + "</a></td>" + td(d.profile.taxId) + td(formatBag(d.outstanding, lang_), "num") +
               td(std::to_string(daysOverdue(d, o_.today)), "num") + td(label(effectiveStage(d, o_.today), lang_)) +
               td(std::to_string(interactions), "num") + "</tr>\n";
    }

    std::string indexPage(const std::string& rows, std::size_t debtors, const MoneyBag& total) const {
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

private:
    const State& s_;
    const EventLog& log_;
    const AgencyOptions& o_;
    Lang lang_;
};

} // namespace

// --- the builder -----------------------------------------------------------------------------------

AgencyPackageBuilder::AgencyPackageBuilder(const State& state, const EventLog& log, std::vector<Index> debtors,
                                           AgencyOptions options)
    : state_(state), log_(log), debtors_(std::move(debtors)), options_(std::move(options)),
      selected_(state.debtors.size(), false) {
    for (Index d : debtors_) {
        selected_[d] = true;
        if (!state_.debtors[d].assignee.empty()) members_.insert(state_.debtors[d].assignee);
    }
    cases_ = "{\"cases\":[";
    CsvWriter(invoices_, csvStyle(options_.lang)).row(Writer::invoiceHeader(options_.lang));
    CsvWriter(interactions_, csvStyle(options_.lang)).row(Writer::interactionHeader(options_.lang));
}

double AgencyPackageBuilder::progress() const {
    // Until the scan ends, the events that go in the package are estimated by the debtors' share.
    const std::size_t raw = phase_ == Phase::Scan
                                ? log_.size() * debtors_.size() / std::max<std::size_t>(1, state_.debtors.size())
                                : rawEvents_.size();
    const double total = static_cast<double>(log_.size() + raw + debtors_.size() * kDebtorCost + 1);
    return phase_ == Phase::Done ? 1.0 : std::min(1.0, static_cast<double>(units_) / total);
}

void AgencyPackageBuilder::scanEvents(std::size_t& budget) {
    Event e;
    for (; cursor_ < log_.size() && budget > 0; ++cursor_, --budget, ++units_) {
        log_.decode(cursor_, e);
        if (std::holds_alternative<MemberAdded>(e.payload) || std::holds_alternative<MemberUpdated>(e.payload)) {
            memberEvents_.push_back(static_cast<Index>(cursor_));
            continue;
        }
        const auto debtor = affectedDebtor(state_, e.payload);
        if (!debtor || !selected_[*debtor]) continue;
        rawEvents_.push_back(static_cast<Index>(cursor_));
        // The members these events name must come along, or the agency's check would refuse them.
        if (const auto* r = std::get_if<DebtorRegistered>(&e.payload); r && !r->assignee.empty())
            members_.insert(r->assignee);
        if (const auto* a = std::get_if<DebtorAssigned>(&e.payload); a && !a->member.empty()) members_.insert(a->member);
    }
    if (cursor_ < log_.size()) return;
    for (Index m : memberEvents_) {
        const Event event = log_[m];
        const auto& payload = event.payload;
        const std::string& member = std::holds_alternative<MemberAdded>(payload) ? std::get<MemberAdded>(payload).member
                                                                                : std::get<MemberUpdated>(payload).member;
        if (members_.count(member)) rawEvents_.push_back(m);
    }
    std::sort(rawEvents_.begin(), rawEvents_.end());
    phase_ = Phase::Debtors;
    cursor_ = 0;
}

void AgencyPackageBuilder::writeDebtor(std::size_t position) {
    const Writer w(state_, log_, options_);
    const Index debtor = debtors_[position];
    const DebtorState& d = state_.debtors[debtor];
    const std::vector<Index> interactions = chronological(log_, d);

    if (position > 0) cases_ += ",";
    cases_ += "\n";
    cases_ += w.caseJson(debtor, interactions).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);

    CsvStyle continued = csvStyle(options_.lang);
    continued.byteOrderMark = false; // written once, with the header
    CsvWriter invoices(invoices_, continued);
    w.invoiceRows(invoices, debtor);
    CsvWriter interactionsCsv(interactions_, continued);
    w.interactionRows(interactionsCsv, debtor, interactions);

    const std::string name = pageName(position, debtors_.size(), d.profile.legalName, options_.lang);
    pages_.push_back(PackageFile{name, w.page(debtor, interactions)});
    indexRows_ += w.indexRow(position, debtor, name, interactions.size());
    package_.invoices += d.invoices.size();
    package_.interactions += interactions.size();
}

void AgencyPackageBuilder::writeEvents(std::size_t& budget) {
    if (cursor_ == 0) cases_ += debtors_.empty() ? "],\"events\":[" : "\n],\"events\":[";
    for (; cursor_ < rawEvents_.size() && budget > 0; ++cursor_, --budget, ++units_) {
        cases_ += cursor_ == 0 ? "\n" : ",\n";
        log_.appendJson(rawEvents_[cursor_], cases_);
    }
    if (cursor_ < rawEvents_.size()) return;
    finish();
}

void AgencyPackageBuilder::finish() {
    cases_ += rawEvents_.empty() ? "]" : "\n]";
    cases_ += ",\"format\":\"";
    cases_ += kAgencyFormat;
    cases_ += "\",\"generated\":\"" + options_.today.iso() + "\",\"language\":\"" + langCode(options_.lang) +
              "\",\"preparedBy\":";
    appendJsonString(cases_, options_.preparedBy);
    cases_ += ",\"schema\":" + std::to_string(kAgencySchema) + "}\n";

    MoneyBag total;
    for (Index d : debtors_)
        for (const auto& m : state_.debtors[d].outstanding.amounts()) total.add(m);
    const Writer w(state_, log_, options_);
    package_.files.push_back({"cases.json", std::move(cases_)});
    package_.files.push_back({"invoices.csv", std::move(invoices_)});
    package_.files.push_back({"interactions.csv", std::move(interactions_)});
    package_.files.push_back({"index.html", w.indexPage(indexRows_, debtors_.size(), total)});
    for (auto& page : pages_) package_.files.push_back(std::move(page));
    pages_.clear();
    package_.debtors = debtors_.size();
    package_.events = rawEvents_.size();
    phase_ = Phase::Done;
}

bool AgencyPackageBuilder::step(std::size_t budget) {
    if (budget == 0) budget = 1;
    while (budget > 0 && phase_ != Phase::Done) {
        switch (phase_) {
        case Phase::Scan: scanEvents(budget); break;
        case Phase::Debtors:
            if (cursor_ >= debtors_.size()) {
                phase_ = Phase::Events;
                cursor_ = 0;
                break;
            }
            writeDebtor(cursor_++);
            units_ += kDebtorCost;
            budget = budget > kDebtorCost ? budget - kDebtorCost : 0;
            break;
        case Phase::Events: writeEvents(budget); break;
        case Phase::Done: break;
        }
    }
    return phase_ != Phase::Done;
}

AgencyPackage AgencyPackageBuilder::take() {
    while (step(std::size_t{1} << 20)) {
    }
    return std::move(package_);
}

AgencyPackage buildAgencyPackage(const State& state, const EventLog& log, const std::vector<Index>& debtors,
                                 const AgencyOptions& options) {
    AgencyPackageBuilder builder(state, log, debtors, options);
    return builder.take();
}

// --- reading a package back ------------------------------------------------------------------------

bool looksLikeAgencyPackage(std::string_view text) {
    return text.find(std::string("\"") + kAgencyFormat + "\"") != std::string_view::npos;
}

BackupRead readAgencyPackageEvents(std::string_view text, const std::string& fileName) {
    BackupRead out;
    auto fail = [&](Problem p) {
        p.file = fileName;
        out.problem = std::move(p);
        return out;
    };
    if (text.size() > kMaxBackupBytes) return fail(problem(Str::err_file_too_large, "", {std::to_string(kMaxBackupBytes >> 20)}));
    nlohmann::json j;
    if (auto p = parseJson(text, j)) return fail(std::move(*p));
    if (!j.is_object()) return fail(problem(Str::err_backup_not_object));
    const auto format = j.find("format");
    if (format == j.end() || !format->is_string() || format->get_ref<const std::string&>() != kAgencyFormat)
        return fail(problem(Str::err_backup_not_recobra, "format"));
    const auto schema = j.find("schema");
    if (schema == j.end()) return fail(problem(Str::err_field_missing, "schema"));
    if (!schema->is_number_integer() || schema->get<std::int64_t>() < 1) return fail(problem(Str::err_schema_version, "schema"));
    if (schema->get<std::int64_t>() > kAgencySchema)
        return fail(problem(Str::err_backup_newer, "schema", {std::to_string(schema->get<std::int64_t>())}));
    const auto events = j.find("events");
    if (events == j.end()) return fail(problem(Str::err_field_missing, "events"));
    if (!events->is_array()) return fail(problem(Str::err_type_list, "events"));
    BackupContents contents;
    std::vector<Event> decodedEvents;
    decodedEvents.reserve(events->size());
    for (std::size_t i = 0; i < events->size(); ++i) {
        auto decoded = decodeEvent((*events)[i]);
        if (!decoded.event) {
            Problem p = std::move(*decoded.problem);
            p.record = "#" + std::to_string(i + 1) + (p.record.empty() ? "" : " (" + p.record + ")");
            return fail(std::move(p));
        }
        decodedEvents.push_back(std::move(*decoded.event));
    }
    if (auto p = sortRefusingDuplicates(decodedEvents)) return fail(std::move(*p));
    contents.events = EventLog(decodedEvents);
    out.contents = std::move(contents);
    return out;
}

} // namespace recobra
