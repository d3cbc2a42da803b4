#include "core/letters/letter.hpp"

#include "core/law/claim.hpp"
#include "core/letters/template_text.hpp"
#include "core/state/plans.hpp"
#include "core/state/queries.hpp"
#include "core/values/text.hpp"

#include <algorithm>

namespace recobra {

namespace {

// A placeholder's value: inline text, or a table (block placeholders) as lines of text and
// as HTML. `missing` says what the record lacks (the text marks it, a warning names it).
struct Value {
    std::string text;
    std::string html; // tables only
    bool missing = false;
    std::string why;  // what is missing, when not the placeholder's own meaning

    static Value of(std::string text) { return {std::move(text), {}, false, {}}; }
    static Value lacking(std::string why = {}) { return {{}, {}, true, std::move(why)}; }
};

struct Table {
    std::vector<std::string> header;
    std::vector<std::vector<std::string>> rows;
    std::vector<std::string> footer;
    std::string text; // the same, as lines for the plain text

    std::string html() const {
        auto row = [](const std::vector<std::string>& cells, const char* tag) {
            std::string out = "<tr>";
            for (std::size_t i = 0; i < cells.size(); ++i)
                out += std::string("<") + tag + (i == 0 ? ">" : " class=\"n\">") + htmlEscape(cells[i]) + "</" + tag + ">";
            return out + "</tr>\n";
        };
        std::string out = "<table>\n<thead>" + row(header, "th") + "</thead>\n<tbody>\n";
        for (const auto& r : rows) out += row(r, "td");
        out += "</tbody>\n";
        if (!footer.empty()) out += "<tfoot>" + row(footer, "th") + "</tfoot>\n";
        return out + "</table>\n";
    }
};

class Writer {
public:
    Writer(const State& s, const LawTables& tables, Index debtor, const LetterOptions& o)
        : s_(s), d_(s.debtors[debtor]), o_(o), claim_(claimFor(s, tables, debtor, o.today)), open_(openInvoices()) {}

    Value value(Placeholder p) const {
        const Creditor& c = *s_.letters.creditor;
        switch (p) {
        case Placeholder::CreditorName: return given(c.legalName);
        case Placeholder::CreditorTaxId: return given(c.taxId);
        case Placeholder::CreditorAddress: return given(c.address);
        case Placeholder::CreditorEmail: return given(c.email);
        case Placeholder::CreditorPhone: return given(c.phone);
        case Placeholder::CreditorPayment: return payment(c);
        case Placeholder::CreditorSigner: return given(c.signerName);
        case Placeholder::CreditorSignerRole: return given(c.signerRole);
        case Placeholder::CreditorPlace: return given(c.place);
        case Placeholder::DebtorName: return given(d_.profile.legalName);
        case Placeholder::DebtorTaxId: return given(d_.profile.taxId);
        case Placeholder::DebtorAddress: return given(contactField(&ContactInfo::address));
        case Placeholder::DebtorEmail: return given(contactField(&ContactInfo::email));
        case Placeholder::ContactName: return given(attention().empty() ? d_.profile.legalName : attention());
        case Placeholder::Invoices: return table(invoices());
        case Placeholder::Claim: return table(claimTable());
        case Placeholder::Statement: return table(statement());
        case Placeholder::Outstanding: return Value::of(money(d_.outstanding));
        case Placeholder::DueDate: return dueDate();
        case Placeholder::DaysOverdue: return Value::of(std::to_string(std::max(0, daysOverdue(d_, o_.today))));
        case Placeholder::Interest: return Value::of(money(claim_.interest));
        case Placeholder::Compensation: return Value::of(money(claim_.compensation));
        case Placeholder::Claimable: return Value::of(money(claim_.claimable));
        case Placeholder::PrescriptionDate: return claim_.nextDeadline ? Value::of(date(*claim_.nextDeadline)) : Value::lacking();
        case Placeholder::Promise: return promise();
        case Placeholder::Plan: return plan() ? table(planTable(*plan())) : Value::lacking(t(Str::letter_warn_no_plan));
        case Placeholder::PlanTerms: return plan() ? Value::of(planTerms(*plan())) : Value::lacking(t(Str::letter_warn_no_plan));
        case Placeholder::OfferAmount: return offerValue([&](const OfferState& f) { return money(f.pay); });
        case Placeholder::OfferDeadline: return offerValue([&](const OfferState& f) { return date(f.deadline); });
        case Placeholder::OfferForgiven:
            return offerValue([&](const OfferState& f) {
                return money(Money{std::max<std::int64_t>(f.debt.minor - f.pay.minor, 0), f.pay.currency});
            });
        case Placeholder::Deadline: return Value::of(date(o_.today.addDays(o_.deadlineDays)));
        case Placeholder::Today: return Value::of(date(o_.today));
        case Placeholder::User: return given(o_.user.empty() ? c.signerName : o_.user);
        case Placeholder::Reference: return given(reference());
        }
        return {};
    }

    // The open invoices' numbers; with none open, those whose interest or compensation is
    // still claimed (paid late).
    std::string reference() const {
        std::string out;
        for (const Index i : open_) out += (out.empty() ? "" : ", ") + s_.invoices[i].number;
        if (!out.empty()) return out;
        for (const auto& row : claim_.invoices)
            if (!row.prescribed) out += (out.empty() ? "" : ", ") + s_.invoices[row.invoice].number;
        return out;
    }
    std::string attention() const {
        for (const Index c : d_.contacts)
            if (!s_.contacts[c].removed) return s_.contacts[c].info.name;
        return {};
    }
    std::string contactField(std::string ContactInfo::*field) const {
        for (const Index c : d_.contacts)
            if (!s_.contacts[c].removed && !trim(s_.contacts[c].info.*field).empty()) return s_.contacts[c].info.*field;
        return {};
    }
    const DebtorClaim& claim() const { return claim_; }
    bool owesNothing() const { return !d_.outstanding.anyPositive() && !claim_.claimable.anyPositive(); }

private:
    static Value given(std::string text) {
        const bool missing = trim(text).empty();
        return {std::move(text), {}, missing, {}};
    }
    static Value table(const Table& t) { return {t.text, t.html(), t.rows.empty(), {}}; }
    std::string money(Money m) const { return formatMoney(m, o_.lang); }
    std::string money(const MoneyBag& bag) const { return formatMoneyBag(bag, CurrencyCode::eur(), o_.lang); }
    std::string date(Date d) const { return formatDate(d, o_.lang); }
    std::string t(Str id) const { return tr(id, o_.lang); }
    std::string tf(Str id, std::initializer_list<std::string_view> args) const { return trf(id, o_.lang, args); }

    Value payment(const Creditor& c) const {
        std::string out = c.iban.empty() ? std::string() : "IBAN " + groupedIban(c.iban);
        if (!trim(c.paymentOther).empty()) out += (out.empty() ? "" : " · ") + std::string(trim(c.paymentOther));
        return given(out);
    }

    // Open invoices, the oldest due first (found once: open_).
    std::vector<Index> openInvoices() const {
        std::vector<Index> out;
        for (const Index i : d_.invoices) {
            const auto& inv = s_.invoices[i];
            if (inv.outstanding() > 0) out.push_back(i);
        }
        std::stable_sort(out.begin(), out.end(),
                         [&](Index a, Index b) { return s_.invoices[a].dueDate < s_.invoices[b].dueDate; });
        return out;
    }

    Value dueDate() const {
        std::optional<Date> earliest, ahead;
        for (const Index i : open_) {
            const Date due = s_.invoices[i].dueDate;
            if (!earliest) earliest = due;
            if (due >= o_.today && !ahead) ahead = due;
        }
        const auto chosen = ahead ? ahead : earliest;
        return chosen ? Value::of(date(*chosen)) : Value::lacking();
    }

    Value promise() const {
        for (auto it = d_.promises.rbegin(); it != d_.promises.rend(); ++it) {
            const auto& p = s_.promises[*it];
            if (promiseStatus(s_, p, o_.today) == PromiseStatus::Pending)
                return Value::of(tf(Str::letter_promise, {money(p.amount), date(p.dueDate)}));
        }
        return Value::lacking();
    }

    // The plan the case is in, or the latest one.
    const PlanState* plan() const {
        if (d_.plans.empty()) return nullptr;
        const auto active = activePlan(s_, static_cast<Index>(&d_ - s_.debtors.data()));
        return &s_.plans[active.value_or(d_.plans.back())];
    }
    Table planTable(const PlanState& p) const {
        Table out;
        out.header = {t(Str::letter_col_installment), t(Str::letter_col_due), t(Str::letter_col_amount),
                      t(Str::letter_col_status)};
        const PlanProgress progress = planProgress(s_, p, o_.today);
        for (std::size_t k = 0; k < progress.installments.size(); ++k) {
            const auto& i = progress.installments[k];
            out.rows.push_back({std::to_string(k + 1), date(i.due), money(i.amount), t(*strFromId(std::string("installment_") + enumName(i.status)))});
            out.text += tf(Str::letter_row_installment, {std::to_string(k + 1), money(i.amount), date(i.due)}) + "\n";
        }
        const Money left{progress.remaining, p.total.currency};
        out.footer = {t(Str::letter_col_outstanding), "", money(left), ""};
        out.text += tf(Str::letter_row_total, {money(left)}) + "\n";
        return out;
    }
    std::string planTerms(const PlanState& p) const {
        const auto& list = p.current().installments;
        std::string out = tf(Str::letter_plan_count, {std::to_string(list.size()), date(list.front().due),
                                                      date(list.back().due), money(p.total)});
        if (p.graceDays > 0) out += tf(Str::letter_plan_grace, {std::to_string(p.graceDays)});
        if (p.acceleration) out += t(Str::letter_plan_acceleration);
        out += p.interest == PlanInterest::Waived ? t(Str::letter_plan_waived)
                                                  : tf(Str::letter_plan_included, {money(Money{p.interestAmount, p.total.currency})});
        return out;
    }
    // The latest offer still open.
    template <class F> Value offerValue(F&& f) const {
        for (auto it = d_.offers.rbegin(); it != d_.offers.rend(); ++it)
            if (offerStatus(s_.offers[*it], o_.today) == OfferStatus::Open) return Value::of(f(s_.offers[*it]));
        return Value::lacking(t(Str::letter_warn_no_offer));
    }

    Table invoices() const {
        Table out;
        out.header = {t(Str::letter_col_invoice), t(Str::letter_col_issued), t(Str::letter_col_due),
                      t(Str::letter_col_amount), t(Str::letter_col_outstanding), t(Str::letter_col_days)};
        MoneyBag total;
        for (const Index i : open_) {
            const auto& inv = s_.invoices[i];
            const Money owed{inv.outstanding(), inv.amount.currency};
            const int days = std::max(0, daysOverdue(inv, o_.today));
            total.add(owed);
            out.rows.push_back({inv.number, date(inv.issueDate), date(inv.dueDate), money(inv.amount), money(owed),
                                std::to_string(days)});
            out.text += "— " + tf(days > 0 ? Str::letter_row_invoice : Str::letter_row_not_due,
                                  {inv.number, money(owed), money(inv.amount), date(inv.dueDate), std::to_string(days)}) +
                        "\n";
        }
        out.footer = {t(Str::letter_col_total), "", "", "", money(total), ""};
        out.text += tf(Str::letter_row_total, {money(total)}) + "\n";
        return out;
    }

    Table claimTable() const {
        Table out;
        out.header = {t(Str::letter_col_invoice), t(Str::letter_col_due), t(Str::letter_col_principal),
                      t(Str::letter_col_interest), t(Str::letter_col_compensation), t(Str::letter_col_total)};
        for (const auto& row : claim_.invoices) {
            if (row.prescribed) continue;
            const auto& inv = s_.invoices[row.invoice];
            const CurrencyCode cur = inv.amount.currency;
            const std::string principal = money(Money{row.principal, cur}), interest = money(Money{row.interest.amount, cur}),
                              compensation = money(euros(row.compensation)), total = money(Money{row.total(), cur});
            out.rows.push_back({inv.number, date(inv.dueDate), principal, interest, compensation, total});
            out.text += "— " + tf(Str::letter_row_claim, {inv.number, principal, interest, compensation, total}) + "\n";
            for (const auto& r : row.interest.rows)
                out.text += tf(Str::letter_row_interest, {std::to_string(r.days), formatAmount(euros(r.basisPoints), o_.lang),
                                                          money(Money{r.base, cur}), money(Money{r.amount, cur})}) +
                            "\n";
        }
        out.footer = {t(Str::letter_col_total), "", money(claim_.principal), money(claim_.interest),
                      money(claim_.compensation), money(claim_.claimable)};
        out.text += tf(Str::letter_row_total, {money(claim_.claimable)}) + "\n";
        return out;
    }

    // Every invoice and payment in date order, with the balance after each, per currency.
    Table statement() const {
        struct Entry {
            Date on;
            std::string item;
            Money charge, payment;
        };
        std::vector<Entry> entries;
        for (const Index i : d_.invoices) {
            const auto& inv = s_.invoices[i];
            if (!inv.voided)
                entries.push_back({inv.issueDate, tf(Str::letter_statement_invoice, {inv.number}), inv.amount,
                                   Money{0, inv.amount.currency}});
        }
        for (const Index p : d_.payments) {
            const auto& pay = s_.payments[p];
            entries.push_back({pay.date, tf(Str::letter_statement_payment, {pay.reference}), Money{0, pay.amount.currency},
                               pay.amount});
        }
        std::stable_sort(entries.begin(), entries.end(), [](const Entry& a, const Entry& b) { return a.on < b.on; });
        Table out;
        out.header = {t(Str::letter_col_date), t(Str::letter_col_concept), t(Str::letter_col_charge),
                      t(Str::letter_col_payment), t(Str::letter_col_balance)};
        MoneyBag balance;
        for (const auto& e : entries) {
            balance.add(e.charge);
            balance.subtract(e.payment);
            const Money now{balance.in(e.charge.currency), e.charge.currency};
            const std::string charge = e.charge.minor ? money(e.charge) : "", paid = e.payment.minor ? money(e.payment) : "";
            out.rows.push_back({date(e.on), std::string(trim(e.item)), charge, paid, money(now)});
            out.text += "— " + tf(Str::letter_row_statement, {date(e.on), trim(e.item), charge.empty() ? "−" + paid : charge,
                                                               money(now)}) +
                        "\n";
        }
        out.footer = {t(Str::letter_col_balance), "", "", "", money(balance)};
        out.text += tf(Str::letter_row_total, {money(balance)}) + "\n";
        return out;
    }

    const State& s_;
    const DebtorState& d_;
    const LetterOptions& o_;
    DebtorClaim claim_;
    std::vector<Index> open_;
};

// The body as HTML: runs of lines are paragraphs (a line break inside), blank lines part
// them, a table stands on its own.
class HtmlBody {
public:
    void text(std::string_view piece) {
        std::size_t from = 0;
        for (std::size_t nl; (nl = piece.find('\n', from)) != std::string_view::npos; from = nl + 1) {
            line_ += htmlEscape(piece.substr(from, nl - from));
            endLine();
        }
        line_ += htmlEscape(piece.substr(from));
    }
    void inlineHtml(const std::string& html) { line_ += html; }
    void block(const std::string& html) {
        closeParagraph();
        out_ += html;
        line_.clear();
        afterBlock_ = true;
    }
    std::string finish() {
        if (!trim(line_).empty()) endLine();
        closeParagraph();
        return std::move(out_);
    }

private:
    void endLine() {
        if (afterBlock_ && trim(line_).empty()) { // the rest of a table's own line
            afterBlock_ = false;
            line_.clear();
            return;
        }
        afterBlock_ = false;
        if (trim(line_).empty()) closeParagraph();
        else paragraph_.push_back(std::move(line_));
        line_.clear();
    }
    void closeParagraph() {
        if (paragraph_.empty()) return;
        out_ += "<p>";
        for (std::size_t i = 0; i < paragraph_.size(); ++i) out_ += (i ? "<br>\n" : "") + paragraph_[i];
        out_ += "</p>\n";
        paragraph_.clear();
    }
    std::string out_, line_;
    std::vector<std::string> paragraph_;
    bool afterBlock_ = false;
};

std::string withBreaks(const std::string& escaped) {
    std::string out;
    for (char c : escaped) out += c == '\n' ? std::string("<br>\n") : std::string(1, c);
    return out;
}

} // namespace

std::vector<std::string> missingCreditorFields(const LetterSetup& setup) {
    std::vector<std::string> out;
    const Creditor none;
    const Creditor& c = setup.creditor ? *setup.creditor : none;
    if (trim(c.legalName).empty()) out.emplace_back("legalName");
    if (trim(c.taxId).empty()) out.emplace_back("taxId");
    if (trim(c.address).empty()) out.emplace_back("address");
    return out;
}

std::variant<Letter, Problem> writeLetter(const State& state, const LawTables& tables, Index debtor,
                                          std::string_view templateId, const LetterOptions& options) {
    const auto found = findTemplate(state.letters, templateId, options.lang);
    if (!found) return problem(Str::err_template_unknown, "template", {std::string(templateId)});
    return writeLetter(state, tables, debtor, *found, options);
}

std::variant<Letter, Problem> writeLetter(const State& state, const LawTables& tables, Index debtor,
                                          const TemplateText& text, const LetterOptions& options) {
    const TemplateText* found = &text;
    if (const auto missing = missingCreditorFields(state.letters); !missing.empty()) {
        std::string names;
        for (const auto& field : missing) {
            const Str label = field == "legalName" ? Str::creditor_legal_name
                              : field == "taxId"   ? Str::creditor_tax_id
                                                   : Str::creditor_address;
            names += (names.empty() ? "" : ", ") + std::string(tr(label, options.lang));
        }
        return problem(Str::err_creditor_incomplete, "creditor", {names});
    }
    const Lang lang = found->lang; // a template of the team's own may exist in one language only
    LetterOptions o = options;
    o.lang = lang;
    const Writer writer(state, tables, debtor, o);
    Letter letter;
    letter.debtor = debtor;
    letter.templateId = found->id;
    letter.kind = found->kind;
    letter.lang = lang;
    letter.today = o.today;
    letter.recipientName = state.debtors[debtor].profile.legalName;
    letter.attention = writer.attention();
    letter.recipientAddress = writer.contactField(&ContactInfo::address);
    letter.to = writer.contactField(&ContactInfo::email);
    letter.reference = writer.reference();

    std::vector<Placeholder> warned;
    auto fill = [&](Placeholder p) {
        Value v = writer.value(p);
        if (v.missing && std::find(warned.begin(), warned.end(), p) == warned.end()) {
            warned.push_back(p);
            const std::string meaning = tr(info(p).meaning, lang);
            letter.warnings.push_back({info(p).name, v.why.empty() ? trf(Str::letter_warn_missing, lang, {meaning})
                                                                  : trf(Str::letter_warn_missing, lang, {v.why})});
        }
        if (v.missing) v.text = trf(Str::letter_missing, lang, {tr(info(p).meaning, lang)});
        return v;
    };

    for (const auto& piece : scanTemplate(found->subject).pieces) {
        letter.subject += piece.text;
        if (piece.placeholder) letter.subject += info(*piece.placeholder).block ? std::string() : fill(*piece.placeholder).text;
    }
    HtmlBody html;
    for (const auto& piece : scanTemplate(found->body).pieces) {
        letter.text += piece.text;
        html.text(piece.text);
        if (!piece.placeholder) continue;
        const Value v = fill(*piece.placeholder);
        if (info(*piece.placeholder).block) {
            std::string lines = v.text;
            if (!lines.empty() && lines.back() == '\n') lines.pop_back(); // the template's own line break follows
            letter.text += lines;
            html.block(v.missing ? "<p><mark>" + htmlEscape(v.text) + "</mark></p>\n" : v.html);
        } else {
            letter.text += v.text;
            html.inlineHtml(v.missing ? "<mark>" + htmlEscape(v.text) + "</mark>" : withBreaks(htmlEscape(v.text)));
        }
    }
    letter.html = html.finish();
    if (!letter.text.empty() && letter.text.back() != '\n') letter.text += '\n';
    if (writer.claim().incomplete) {
        std::string periods;
        for (const auto& row : writer.claim().invoices)
            for (const auto& period : row.interest.missingPeriods)
                if (periods.find(period) == std::string::npos) periods += (periods.empty() ? "" : ", ") + period;
        letter.warnings.push_back({"interest", trf(Str::letter_warn_incomplete, lang, {periods})});
    }
    if (writer.owesNothing()) letter.warnings.push_back({"", tr(Str::letter_warn_nothing_owed, lang)});
    // Ley 3/2004 is for debts between businesses: a text that cites it is wrong for a consumer.
    if (state.debtors[debtor].profile.kind == DebtorKind::Consumer && found->body.find("3/2004") != std::string::npos)
        letter.warnings.push_back({"", tr(Str::letter_warn_consumer, lang)});
    return letter;
}

nlohmann::json letterJson(const Letter& letter) {
    nlohmann::json warnings = nlohmann::json::array();
    for (const auto& w : letter.warnings) warnings.push_back({{"placeholder", w.placeholder}, {"message", w.message}});
    return {{"template", letter.templateId},
            {"lang", langCode(letter.lang)},
            {"kind", letter.kind == TemplateKind::Script ? "script" : "letter"},
            {"to", letter.to},
            {"subject", letter.subject},
            {"text", letter.text},
            {"html", letter.html},
            {"warnings", std::move(warnings)}};
}

} // namespace recobra
