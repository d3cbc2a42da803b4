#include "ui/forms/form.hpp"

#include "core/rules/agenda.hpp"
#include "core/state/queries.hpp"
#include "core/values/text.hpp"

#include <cstdio>
#include <imgui_internal.h>
#include <imgui_stdlib.h>

namespace recobra::ui {

namespace {
// Enter in a multi-line field starts a new line; anywhere else it submits the form.
bool multilineFieldActive() {
    const ImGuiInputTextState* state = ImGui::GetInputTextState(ImGui::GetActiveID());
    return state && (state->Flags & ImGuiInputTextFlags_Multiline);
}
} // namespace

// --- the form frame -----------------------------------------------------------------------------

void Form::draw(Ui& ui) {
    setTagPrefix(tag());
    if (!generalError_.empty()) {
        errorBanner(generalError_);
        ImGui::Spacing();
    }
    if (focusFirst_) {
        ImGui::SetKeyboardFocusHere();
        focusFirst_ = false;
    }
    ImGui::BeginDisabled(saving_);
    fields(ui);
    ImGui::EndDisabled();

    ImGui::Spacing();
    ImGui::Separator();
    ImGui::Spacing();
    const float buttonWidth = ui.px(130);
    ImGui::SetCursorPosX(ImGui::GetCursorPosX() + width(ui) - buttonWidth * 2 - ImGui::GetStyle().ItemSpacing.x);
    const bool cancel = ImGui::Button(ui.t(Str::action_cancel), ImVec2(buttonWidth, 0));
    tagLastItem(tagFor("cancel"));
    ImGui::SameLine();
    ImGui::BeginDisabled(saving_);
    const bool save = primaryButton(saving_ ? ui.t(Str::saving_wait) : ui.t(Str::action_save), ImVec2(buttonWidth, 0));
    ImGui::EndDisabled();
    tagLastItem(tagFor("submit"));

    // Keys count only when the form itself has focus, not an open combo list.
    const bool focused = ImGui::IsWindowFocused(ImGuiFocusedFlags_ChildWindows | ImGuiFocusedFlags_NoPopupHierarchy);
    const bool enter = focused && !multilineFieldActive() &&
                       (ImGui::IsKeyPressed(ImGuiKey_Enter, false) || ImGui::IsKeyPressed(ImGuiKey_KeypadEnter, false));
    const bool escape = focused && ImGui::IsKeyPressed(ImGuiKey_Escape, false);
    if (cancel || (escape && !saving_)) finished_ = !saving_;
    else if ((save || enter) && !saving_) submit(ui);
}

void Form::submit(Ui& ui) {
    errors_.clear();
    generalError_.clear();
    auto built = command(ui);
    if (!built) return;
    saving_ = true;
    std::weak_ptr<Form> self = shared_from_this();
    ui.submit(*built, [self, &ui](const CommandOutcome& outcome) {
        auto form = self.lock();
        if (!form) return;
        form->saving_ = false;
        if (outcome.ok) {
            form->finished_ = true;
            form->succeeded(ui, outcome);
            return;
        }
        if (!outcome.problem) return;
        const auto& p = *outcome.problem;
        if (!p.field.empty() && p.file.empty()) form->errors_[p.field] = p.reason(ui.lang);
        else form->generalError_ = p.describe(ui.lang);
    });
}

void Form::succeeded(Ui& ui, const CommandOutcome&) {
    if (ui.toast) ui.toast(ui.t(Str::toast_saved), ToastKind::Success);
}

std::optional<std::int64_t> Form::readAmount(Ui& ui, const std::string& text, CurrencyCode currency,
                                             const char* field, bool required) {
    const auto parsed = parseAmount(text, ui.lang, currency);
    if (parsed.minor) return parsed.minor;
    if (!required && parsed.error == AmountError::Empty) return std::nullopt;
    Str reason = Str::err_amount_format;
    switch (parsed.error) {
    case AmountError::Empty: reason = Str::err_required; break;
    case AmountError::NotANumber: reason = Str::err_amount_format; break;
    case AmountError::BadGrouping: reason = Str::err_amount_grouping; break;
    case AmountError::WrongDecimalMark: reason = Str::err_amount_decimal_mark; break;
    case AmountError::TooManyDecimals: reason = Str::err_amount_decimals; break;
    case AmountError::TooLarge: reason = Str::err_amount_too_large; break;
    }
    errors_[field] = ui.t(reason);
    return std::nullopt;
}

std::optional<Date> Form::readDate(Ui& ui, const std::string& text, const char* field) {
    if (auto d = parseDate(text, ui.lang)) return d;
    errors_[field] = text.empty() ? ui.t(Str::err_required) : problem(Str::err_date_invalid, "", {text}).reason(ui.lang);
    return std::nullopt;
}

std::vector<std::string> splitTags(const std::string& text) {
    std::vector<std::string> tags;
    std::string current;
    for (char c : text) {
        if (c == ',') {
            tags.push_back(current);
            current.clear();
        } else {
            current.push_back(c);
        }
    }
    tags.push_back(current);
    std::vector<std::string> out;
    for (const auto& t : tags)
        if (const auto kept = trim(t); !kept.empty()) out.emplace_back(kept);
    return out;
}

namespace {

nlohmann::json moneyJson(std::int64_t minor, CurrencyCode currency) {
    return {{"minor", minor}, {"currency", currency.str()}};
}

// Two fields side by side: call next() between them.
struct Columns {
    Ui& ui;
    float half;
    explicit Columns(Ui& u, float total) : ui(u), half((total - ImGui::GetStyle().ItemSpacing.x) / 2) {
        ImGui::BeginGroup();
    }
    void next() { nextFieldColumn(); }
    ~Columns() { ImGui::EndGroup(); }
};

std::string memberName(const State& s, const std::string& id) {
    const auto m = s.member(id);
    return m ? s.members[*m].name : std::string();
}

// A combo of the active team members, with "unassigned" first.
void memberField(Ui& ui, const char* label, const char* field, std::string& member, const FieldErrors& errors,
                 float width) {
    fieldLabel(label);
    ImGui::SetNextItemWidth(width);
    const std::string current = member.empty() ? ui.t(Str::nobody) : memberName(ui.state(), member);
    const std::string id = std::string("##") + field;
    if (ImGui::BeginCombo(id.c_str(), current.c_str())) {
        if (ImGui::Selectable(ui.t(Str::nobody), member.empty())) member.clear();
        for (const auto& m : ui.state().members) {
            if (!m.active) continue;
            if (ImGui::Selectable(m.name.c_str(), m.id == member)) member = m.id;
            tagLastItem(tagFor(field) + "." + m.id);
        }
        ImGui::EndCombo();
    }
    tagLastItem(tagFor(field));
    fieldError(errors, field);
}

void currencyField(Ui& ui, const char* field, CurrencyCode& currency, float width) {
    fieldLabel(ui.t(Str::field_currency));
    ImGui::SetNextItemWidth(width);
    const std::string id = std::string("##") + field;
    if (ImGui::BeginCombo(id.c_str(), currency.str().c_str())) {
        for (const auto code : knownCurrencies())
            if (ImGui::Selectable(code.str().c_str(), code == currency)) currency = code;
        ImGui::EndCombo();
    }
    tagLastItem(tagFor(field));
}

// --- debtor -----------------------------------------------------------------------------------------

class DebtorForm final : public Form {
public:
    DebtorForm(Ui& ui, std::optional<Index> debtor) : debtor_(debtor) {
        if (!debtor) {
            currency_ = ui.currency();
            return;
        }
        const auto& d = ui.state().debtors[*debtor];
        const auto& p = d.profile;
        legalName_ = p.legalName;
        tradeName_ = p.tradeName;
        taxId_ = p.taxId;
        kind_ = p.kind;
        country_ = p.country;
        relationship_ = p.relationship;
        currency_ = p.creditLimit ? p.creditLimit->currency : ui.currency();
        creditLimit_ = p.creditLimit ? formatAmountForInput(*p.creditLimit, ui.lang) : std::string();
        commercialRefs_ = p.commercialRefs;
        bankRefs_ = p.bankRefs;
        for (const auto& t : p.tags) tags_ += (tags_.empty() ? "" : ", ") + t;
        notes_ = p.notes;
        assignee_ = d.assignee;
        original_ = *this;
    }
    const char* title(const Ui& ui) const override { return ui.t(debtor_ ? Str::form_edit_debtor : Str::form_new_debtor); }
    const char* tag() const override { return "debtorForm"; }
    float width(const Ui& ui) const override { return ui.px(620); }

private:
    void fields(Ui& ui) override {
        const float w = width(ui);
        {
            Columns c(ui, w);
            textField(ui, ui.t(Str::field_legal_name), "legalName", legalName_, errors_, c.half);
            c.next();
            textField(ui, ui.t(Str::field_trade_name), "tradeName", tradeName_, errors_, c.half, ui.t(Str::optional_hint));
        }
        {
            Columns c(ui, w);
            textField(ui, ui.t(Str::field_tax_id), "taxId", taxId_, errors_, c.half, "B12345674");
            c.next();
            enumField(ui, ui.t(Str::field_kind), "kind", kind_, errors_, c.half);
        }
        {
            Columns c(ui, w);
            textField(ui, ui.t(Str::field_country), "country", country_, errors_, c.half, "ES");
            c.next();
            enumField(ui, ui.t(Str::field_relationship), "relationship", relationship_, errors_, c.half);
        }
        {
            Columns c(ui, w);
            textField(ui, ui.t(Str::field_credit_limit), "creditLimit", creditLimit_, errors_, c.half,
                      ui.t(Str::optional_hint));
            c.next();
            memberField(ui, ui.t(Str::field_assignee), "assignee", assignee_, errors_, c.half);
        }
        textField(ui, ui.t(Str::field_tags), "tags", tags_, errors_, w);
        if (!debtor_) {
            ImGui::Spacing();
            heading(ui.t(Str::form_first_contact), 17);
            {
                Columns c(ui, w);
                textField(ui, ui.t(Str::field_contact_name), "contacts[0].name", contactName_, errors_, c.half);
                c.next();
                textField(ui, ui.t(Str::field_role), "contacts[0].role", contactRole_, errors_, c.half,
                          ui.t(Str::optional_hint));
            }
            Columns c(ui, w);
            textField(ui, ui.t(Str::field_phone), "contacts[0].phone", contactPhone_, errors_, c.half, "+34 600 000 000");
            c.next();
            textField(ui, ui.t(Str::field_email), "contacts[0].email", contactEmail_, errors_, c.half, "nombre@empresa.es");
        } else {
            textField(ui, ui.t(Str::field_commercial_refs), "commercialRefs", commercialRefs_, errors_, w);
            textField(ui, ui.t(Str::field_bank_refs), "bankRefs", bankRefs_, errors_, w);
            multilineField(ui, ui.t(Str::field_notes), "notes", notes_, errors_, w, ui.px(70));
        }
    }

    std::optional<nlohmann::json> command(Ui& ui) override {
        std::optional<std::int64_t> limit;
        if (!creditLimit_.empty()) {
            limit = readAmount(ui, creditLimit_, currency_, "creditLimit");
            if (!limit) return std::nullopt;
        }
        if (!debtor_) {
            nlohmann::json c = {{"type", "registerDebtor"}, {"legalName", legalName_}, {"tradeName", tradeName_},
                                {"taxId", taxId_}, {"kind", enumName(kind_)}, {"country", country_},
                                {"relationship", enumName(relationship_)}, {"tags", splitTags(tags_)},
                                {"assignee", assignee_}};
            if (limit) c["creditLimit"] = moneyJson(*limit, currency_);
            const bool anyContact = !contactName_.empty() || !contactPhone_.empty() || !contactEmail_.empty();
            if (anyContact) {
                c["contacts"] = nlohmann::json::array(
                    {{{"name", contactName_.empty() ? legalName_ : contactName_}, {"role", contactRole_},
                      {"phone", contactPhone_}, {"email", contactEmail_}}});
            }
            return c;
        }
        const auto& d = ui.state().debtors[*debtor_];
        nlohmann::json c = {{"type", "updateDebtor"}, {"debtor", d.id}};
        auto changed = [&](const char* key, const std::string& now, const std::string& before) {
            if (now != before) c[key] = now;
        };
        changed("legalName", legalName_, original_.legalName_);
        changed("tradeName", tradeName_, original_.tradeName_);
        changed("taxId", taxId_, original_.taxId_);
        changed("country", country_, original_.country_);
        changed("commercialRefs", commercialRefs_, original_.commercialRefs_);
        changed("bankRefs", bankRefs_, original_.bankRefs_);
        changed("notes", notes_, original_.notes_);
        if (kind_ != original_.kind_) c["kind"] = enumName(kind_);
        if (relationship_ != original_.relationship_) c["relationship"] = enumName(relationship_);
        if (tags_ != original_.tags_) c["tags"] = splitTags(tags_);
        if (creditLimit_ != original_.creditLimit_) {
            if (limit) c["creditLimit"] = moneyJson(*limit, currency_);
            else c["clearCreditLimit"] = true;
        }
        if (assignee_ != original_.assignee_) assigneeChange_ = assignee_;
        if (c.size() == 2 && assigneeChange_) {
            // Only the assignee changed: that is its own command.
            return nlohmann::json{{"type", "assignDebtor"}, {"debtor", d.id}, {"member", *assigneeChange_}};
        }
        return c;
    }

    void succeeded(Ui& ui, const CommandOutcome& outcome) override {
        if (!debtor_) {
            if (ui.toast) ui.toast(ui.t(Str::toast_debtor_created), ToastKind::Success);
            if (ui.openDebtor && !outcome.createdId.empty()) ui.openDebtor(outcome.createdId);
            return;
        }
        if (assigneeChange_ && ui.session) {
            const auto& d = ui.state().debtors[*debtor_];
            if (d.assignee != *assigneeChange_)
                ui.submit({{"type", "assignDebtor"}, {"debtor", d.id}, {"member", *assigneeChange_}}, nullptr);
        }
        Form::succeeded(ui, outcome);
    }

    std::optional<Index> debtor_;
    std::string legalName_, tradeName_, taxId_, country_ = "ES", creditLimit_, commercialRefs_, bankRefs_, tags_,
        notes_, assignee_;
    DebtorKind kind_ = DebtorKind::Sme;
    Relationship relationship_ = Relationship::Regular;
    CurrencyCode currency_ = CurrencyCode::eur();
    std::string contactName_, contactRole_, contactPhone_, contactEmail_;
    std::optional<std::string> assigneeChange_;
    // What the form started with, to send only what changed.
    struct Original {
        std::string legalName_, tradeName_, taxId_, country_, creditLimit_, commercialRefs_, bankRefs_, tags_, notes_,
            assignee_;
        DebtorKind kind_ = DebtorKind::Sme;
        Relationship relationship_ = Relationship::Regular;
        Original& operator=(const DebtorForm& f) {
            legalName_ = f.legalName_;
            tradeName_ = f.tradeName_;
            taxId_ = f.taxId_;
            country_ = f.country_;
            creditLimit_ = f.creditLimit_;
            commercialRefs_ = f.commercialRefs_;
            bankRefs_ = f.bankRefs_;
            tags_ = f.tags_;
            notes_ = f.notes_;
            assignee_ = f.assignee_;
            kind_ = f.kind_;
            relationship_ = f.relationship_;
            return *this;
        }
    } original_;
};

// --- contact --------------------------------------------------------------------------------------------

class ContactForm final : public Form {
public:
    ContactForm(Ui&, Index debtor) : debtor_(debtor) {}
    const char* title(const Ui& ui) const override { return ui.t(Str::form_new_contact); }
    const char* tag() const override { return "contact"; }

private:
    void fields(Ui& ui) override {
        const float w = width(ui);
        {
            Columns c(ui, w);
            textField(ui, ui.t(Str::field_contact_name), "contact.name", name_, errors_, c.half);
            c.next();
            textField(ui, ui.t(Str::field_role), "contact.role", role_, errors_, c.half, ui.t(Str::optional_hint));
        }
        {
            Columns c(ui, w);
            textField(ui, ui.t(Str::field_phone), "contact.phone", phone_, errors_, c.half, "+34 600 000 000");
            c.next();
            textField(ui, ui.t(Str::field_email), "contact.email", email_, errors_, c.half, "nombre@empresa.es");
        }
        textField(ui, ui.t(Str::field_address), "contact.address", address_, errors_, w, ui.t(Str::optional_hint));
        enumField(ui, ui.t(Str::field_preferred_channel), "contact.preferredChannel", channel_, errors_, w / 2);
    }
    std::optional<nlohmann::json> command(Ui& ui) override {
        return nlohmann::json{{"type", "addContact"},
                              {"debtor", ui.state().debtors[debtor_].id},
                              {"contact",
                               {{"name", name_},
                                {"role", role_},
                                {"phone", phone_},
                                {"email", email_},
                                {"address", address_},
                                {"preferredChannel", enumName(channel_)}}}};
    }
    Index debtor_;
    std::string name_, role_, phone_, email_, address_;
    Channel channel_ = Channel::Email;
};

// --- invoice ---------------------------------------------------------------------------------------------

class InvoiceForm final : public Form {
public:
    InvoiceForm(Ui& ui, Index debtor) : debtor_(debtor) {
        issue_ = ui.date(ui.today());
        // The collection policy's payment terms (policy.hpp).
        due_ = ui.date(ui.today().addDays(static_cast<std::int32_t>(effectivePolicy(ui.state()).paymentTermsDays)));
        currency_ = ui.currency();
    }
    const char* title(const Ui& ui) const override { return ui.t(Str::form_new_invoice); }
    const char* tag() const override { return "invoice"; }

private:
    void fields(Ui& ui) override {
        const float w = width(ui);
        {
            Columns c(ui, w);
            textField(ui, ui.t(Str::field_invoice_number), "number", number_, errors_, c.half, "F-2026-001");
            c.next();
            enumField(ui, ui.t(Str::field_invoice_kind), "kind", kind_, errors_, c.half);
        }
        {
            Columns c(ui, w);
            textField(ui, ui.t(Str::field_issue_date), "issueDate", issue_, errors_, c.half, ui.t(Str::date_hint));
            c.next();
            textField(ui, ui.t(Str::field_due_date), "dueDate", due_, errors_, c.half, ui.t(Str::date_hint));
        }
        {
            Columns c(ui, w);
            textField(ui, ui.t(Str::field_amount), "amount", amount_, errors_, c.half, ui.t(Str::amount_hint_es));
            c.next();
            currencyField(ui, "currency", currency_, c.half);
        }
        textField(ui, ui.t(Str::field_description), "description", description_, errors_, w, ui.t(Str::optional_hint));
    }
    std::optional<nlohmann::json> command(Ui& ui) override {
        const auto issue = readDate(ui, issue_, "issueDate");
        const auto due = readDate(ui, due_, "dueDate");
        const auto amount = readAmount(ui, amount_, currency_, "amount");
        if (!issue || !due || !amount) return std::nullopt;
        return nlohmann::json{{"type", "addInvoice"},      {"debtor", ui.state().debtors[debtor_].id},
                              {"number", number_},         {"issueDate", issue->iso()},
                              {"dueDate", due->iso()},     {"amount", moneyJson(*amount, currency_)},
                              {"kind", enumName(kind_)},   {"description", description_}};
    }
    Index debtor_;
    std::string number_, issue_, due_, amount_, description_;
    CurrencyCode currency_;
    InvoiceKind kind_ = InvoiceKind::B2B;
};

// --- payment ---------------------------------------------------------------------------------------------

class PaymentForm final : public Form {
public:
    PaymentForm(Ui& ui, Index debtor) : debtor_(debtor) {
        date_ = ui.date(ui.today());
        currency_ = ui.currency();
        const auto& d = ui.state().debtors[debtor];
        if (!d.outstanding.isZero()) currency_ = d.outstanding.amounts().front().currency;
    }
    const char* title(const Ui& ui) const override { return ui.t(Str::form_payment); }
    const char* tag() const override { return "payment"; }

private:
    void fields(Ui& ui) override {
        const float w = width(ui);
        {
            Columns c(ui, w);
            textField(ui, ui.t(Str::field_amount), "amount", amount_, errors_, c.half, ui.t(Str::amount_hint_es));
            c.next();
            currencyField(ui, "currency", currency_, c.half);
        }
        {
            Columns c(ui, w);
            textField(ui, ui.t(Str::field_payment_date), "date", date_, errors_, c.half, ui.t(Str::date_hint));
            c.next();
            enumField(ui, ui.t(Str::field_method), "method", method_, errors_, c.half);
        }
        textField(ui, ui.t(Str::field_reference), "reference", reference_, errors_, w, ui.t(Str::optional_hint));
        allocationPreview(ui, w);
    }

    // Shows where the payment will go (oldest due first), as the fold will apply it.
    void allocationPreview(Ui& ui, float w) {
        const auto parsed = parseAmount(amount_, ui.lang, currency_);
        if (!parsed.minor || *parsed.minor <= 0) return;
        const State& s = ui.state();
        std::int64_t remaining = *parsed.minor;
        std::string applied;
        for (Index i : automaticAllocationOrder(s, debtor_, currency_)) {
            if (remaining <= 0) break;
            const auto& inv = s.invoices[i];
            const std::int64_t take = std::min(remaining, inv.outstanding());
            remaining -= take;
            if (!applied.empty()) applied += ", ";
            applied += inv.number + " (" + ui.money(Money{take, currency_}) + ")";
        }
        ImGui::Spacing();
        ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + w);
        ImGui::PushStyleColor(ImGuiCol_Text, colors::textMuted);
        if (applied.empty()) ImGui::TextWrapped("%s", ui.t(Str::allocation_none));
        else ImGui::TextWrapped("%s", ui.tf(Str::allocation_preview, {applied}).c_str());
        if (!applied.empty() && remaining > 0)
            ImGui::TextWrapped("%s", ui.tf(Str::allocation_credit, {ui.money(Money{remaining, currency_})}).c_str());
        ImGui::PopStyleColor();
        ImGui::PopTextWrapPos();
        tagLastItem(tagFor("allocation"));
    }

    std::optional<nlohmann::json> command(Ui& ui) override {
        const auto date = readDate(ui, date_, "date");
        const auto amount = readAmount(ui, amount_, currency_, "amount");
        if (!date || !amount) return std::nullopt;
        return nlohmann::json{{"type", "recordPayment"},  {"debtor", ui.state().debtors[debtor_].id},
                              {"date", date->iso()},      {"amount", moneyJson(*amount, currency_)},
                              {"method", enumName(method_)}, {"reference", reference_}};
    }
    Index debtor_;
    std::string amount_, date_, reference_;
    CurrencyCode currency_;
    PaymentMethod method_ = PaymentMethod::Transfer;
};

// --- interaction ---------------------------------------------------------------------------------------

class InteractionForm final : public Form {
public:
    InteractionForm(Ui& ui, Index debtor) : debtor_(debtor) {
        date_ = ui.date(ui.today());
        const Timestamp local = ui.now() + ui.host.utcOffsetMinutes() * 60'000LL;
        const int minutes = static_cast<int>((local - Date::ofTimestamp(local).startOfDayUtc()) / 60'000);
        char buffer[8];
        std::snprintf(buffer, sizeof buffer, "%02d:%02d", minutes / 60, minutes % 60);
        time_ = buffer;
        promiseDate_ = ui.date(ui.today().addDays(7));
        const auto& d = ui.state().debtors[debtor];
        currency_ = d.outstanding.isZero() ? ui.currency() : d.outstanding.amounts().front().currency;
        if (!d.outstanding.isZero()) promiseAmount_ = formatAmountForInput(d.outstanding.amounts().front(), ui.lang);
        for (Index i : d.invoices)
            if (ui.state().invoices[i].open()) openInvoices_.push_back(i);
        linked_.assign(openInvoices_.size(), false);
    }
    const char* title(const Ui& ui) const override { return ui.t(Str::form_interaction); }
    const char* tag() const override { return "interaction"; }
    float width(const Ui& ui) const override { return ui.px(600); }

private:
    void fields(Ui& ui) override {
        const float w = width(ui);
        const float third = (w - ImGui::GetStyle().ItemSpacing.x * 2) / 3;
        ImGui::BeginGroup();
        textField(ui, ui.t(Str::field_when), "at", date_, errors_, third, ui.t(Str::date_hint));
        nextFieldColumn();
        textField(ui, ui.t(Str::field_time), "time", time_, errors_, third, "10:30");
        nextFieldColumn();
        enumField(ui, ui.t(Str::field_channel), "channel", channel_, errors_, third);
        ImGui::EndGroup();
        ImGui::BeginGroup();
        enumField(ui, ui.t(Str::field_direction), "direction", direction_, errors_, third);
        nextFieldColumn();
        enumField(ui, ui.t(Str::field_outcome), "outcome", outcome_, errors_, third);
        nextFieldColumn();
        enumField(ui, ui.t(Str::field_attitude), "attitude", attitude_, errors_, third);
        ImGui::EndGroup();
        if (outcome_ == Outcome::Promise) {
            Columns c(ui, w);
            textField(ui, ui.t(Str::field_promise_amount), "promise.amount", promiseAmount_, errors_, c.half,
                      ui.t(Str::amount_hint_es));
            c.next();
            textField(ui, ui.t(Str::field_promise_date), "promise.dueDate", promiseDate_, errors_, c.half,
                      ui.t(Str::date_hint));
        }
        fieldError(errors_, "promise");
        multilineField(ui, ui.t(Str::field_summary), "summary", summary_, errors_, w, ui.px(90));
        if (!openInvoices_.empty()) {
            fieldLabel(ui.t(Str::field_invoices_linked));
            for (std::size_t k = 0; k < openInvoices_.size(); ++k) {
                const auto& inv = ui.state().invoices[openInvoices_[k]];
                const std::string label = inv.number + " · " + ui.money(Money{inv.outstanding(), inv.amount.currency});
                bool value = linked_[k];
                if (ImGui::Checkbox(label.c_str(), &value)) linked_[k] = value;
                tagLastItem(tagFor("invoices") + "." + std::to_string(k));
                if (k % 3 != 2 && k + 1 < openInvoices_.size()) ImGui::SameLine();
            }
        }
        checkField(ui.t(Str::field_formal_claim), "formalClaim", formalClaim_);
        checkField(ui.t(Str::field_acknowledges), "acknowledgesDebt", acknowledges_);
        contactPolicyWarning(ui, w);
    }

    // The policy protects the debtor (policy.hpp): beyond the contact limit or in quiet hours
    // an outbound contact needs a reason, asked for here before the core would refuse it.
    void contactPolicyWarning(Ui& ui, float w) {
        std::string warning;
        if (direction_ == Direction::Outbound) {
            const Policy& policy = effectivePolicy(ui.state());
            int hours = -1, minutes = -1;
            const auto day = parseDate(date_, ui.lang);
            if (day && std::sscanf(time_.c_str(), "%d:%d", &hours, &minutes) == 2 && hours >= 0 && hours < 24 &&
                minutes >= 0 && minutes < 60) {
                const Timestamp at = day->startOfDayUtc() + (hours * 60 + minutes) * 60'000LL -
                                     ui.host.utcOffsetMinutes() * 60'000LL;
                const auto check = checkContact(ui.state(), policy, debtor_, at, channel_, ui.host.utcOffsetMinutes());
                if (check.overLimit)
                    warning = ui.tf(Str::contact_limit_warning,
                                    {std::to_string(check.recent), std::to_string(policy.contactLimit)});
                else if (check.quietHours)
                    warning = ui.tf(Str::quiet_hours_warning,
                                    {clockText(policy.quietHoursStart), clockText(policy.quietHoursEnd)});
            }
        }
        if (warning.empty() && limitOverride_.empty() && !errors_.count("limitOverride")) return;
        ImGui::Spacing();
        if (!warning.empty()) {
            ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + w);
            ImGui::PushStyleColor(ImGuiCol_Text, colors::warning);
            ImGui::TextWrapped("%s", warning.c_str());
            ImGui::PopStyleColor();
            ImGui::PopTextWrapPos();
            tagLastItem(tagFor("policyWarning"));
        }
        textField(ui, ui.t(Str::field_limit_override), "limitOverride", limitOverride_, errors_, w);
    }

    std::optional<nlohmann::json> command(Ui& ui) override {
        const auto day = readDate(ui, date_, "at");
        int hours = -1, minutes = -1;
        if (std::sscanf(time_.c_str(), "%d:%d", &hours, &minutes) != 2 || hours < 0 || hours > 23 || minutes < 0 ||
            minutes > 59)
            errors_["time"] = problem(Str::err_date_invalid, "", {time_}).reason(ui.lang);
        std::optional<std::int64_t> promised;
        std::optional<Date> promiseDue;
        if (outcome_ == Outcome::Promise) {
            promised = readAmount(ui, promiseAmount_, currency_, "promise.amount");
            promiseDue = readDate(ui, promiseDate_, "promise.dueDate");
        }
        if (!day || !errors_.empty()) return std::nullopt;
        const Timestamp at = day->startOfDayUtc() + (hours * 60 + minutes) * 60'000LL -
                             ui.host.utcOffsetMinutes() * 60'000LL;
        nlohmann::json c = {{"type", "logInteraction"},
                            {"debtor", ui.state().debtors[debtor_].id},
                            {"at", at},
                            {"channel", enumName(channel_)},
                            {"direction", enumName(direction_)},
                            {"outcome", enumName(outcome_)},
                            {"attitude", enumName(attitude_)},
                            {"summary", summary_},
                            {"formalClaim", formalClaim_},
                            {"acknowledgesDebt", acknowledges_}};
        nlohmann::json invoices = nlohmann::json::array();
        for (std::size_t k = 0; k < openInvoices_.size(); ++k)
            if (linked_[k]) invoices.push_back(ui.state().invoices[openInvoices_[k]].id);
        c["invoices"] = invoices;
        if (!limitOverride_.empty()) c["limitOverride"] = limitOverride_;
        if (promised && promiseDue)
            c["promise"] = {{"amount", moneyJson(*promised, currency_)}, {"dueDate", promiseDue->iso()}};
        return c;
    }
    Index debtor_;
    std::string date_, time_, summary_, promiseAmount_, promiseDate_, limitOverride_;
    Channel channel_ = Channel::Call;
    Direction direction_ = Direction::Outbound;
    Outcome outcome_ = Outcome::NoAnswer;
    Attitude attitude_ = Attitude::Unknown;
    bool formalClaim_ = false, acknowledges_ = false;
    CurrencyCode currency_;
    std::vector<Index> openInvoices_;
    std::vector<bool> linked_;
};

// --- stage, assignee, note ---------------------------------------------------------------------------

class StageForm final : public Form {
public:
    StageForm(Ui& ui, Index debtor) : debtor_(debtor) {
        stage_ = effectiveStage(ui.state().debtors[debtor], ui.today());
    }
    const char* title(const Ui& ui) const override { return ui.t(Str::form_stage); }
    const char* tag() const override { return "stage"; }

private:
    void fields(Ui& ui) override {
        const float w = width(ui);
        enumField(ui, ui.t(Str::field_stage), "stage", stage_, errors_, w / 2);
        multilineField(ui, ui.t(Str::field_reason), "reason", reason_, errors_, w, ui.px(70));
    }
    std::optional<nlohmann::json> command(Ui& ui) override {
        return nlohmann::json{{"type", "changeStage"},
                              {"debtor", ui.state().debtors[debtor_].id},
                              {"stage", enumName(stage_)},
                              {"reason", reason_}};
    }
    Index debtor_;
    Stage stage_;
    std::string reason_;
};

class AssignForm final : public Form {
public:
    AssignForm(Ui& ui, Index debtor) : debtor_(debtor), member_(ui.state().debtors[debtor].assignee) {}
    const char* title(const Ui& ui) const override { return ui.t(Str::form_assign); }
    const char* tag() const override { return "assign"; }

private:
    void fields(Ui& ui) override { memberField(ui, ui.t(Str::field_member), "member", member_, errors_, width(ui) / 2); }
    std::optional<nlohmann::json> command(Ui& ui) override {
        return nlohmann::json{{"type", "assignDebtor"}, {"debtor", ui.state().debtors[debtor_].id}, {"member", member_}};
    }
    Index debtor_;
    std::string member_;
};

class NoteForm final : public Form {
public:
    NoteForm(Ui&, Index debtor) : debtor_(debtor) {}
    const char* title(const Ui& ui) const override { return ui.t(Str::form_note); }
    const char* tag() const override { return "note"; }

private:
    void fields(Ui& ui) override {
        multilineField(ui, ui.t(Str::field_note), "text", text_, errors_, width(ui), ui.px(110));
    }
    std::optional<nlohmann::json> command(Ui& ui) override {
        return nlohmann::json{{"type", "addNote"}, {"debtor", ui.state().debtors[debtor_].id}, {"text", text_}};
    }
    Index debtor_;
    std::string text_;
};

} // namespace

std::shared_ptr<Form> newDebtorForm(Ui& ui) { return std::make_shared<DebtorForm>(ui, std::nullopt); }
std::shared_ptr<Form> editDebtorForm(Ui& ui, Index debtor) { return std::make_shared<DebtorForm>(ui, debtor); }
std::shared_ptr<Form> contactForm(Ui& ui, Index debtor) { return std::make_shared<ContactForm>(ui, debtor); }
std::shared_ptr<Form> invoiceForm(Ui& ui, Index debtor) { return std::make_shared<InvoiceForm>(ui, debtor); }
std::shared_ptr<Form> paymentForm(Ui& ui, Index debtor) { return std::make_shared<PaymentForm>(ui, debtor); }
std::shared_ptr<Form> interactionForm(Ui& ui, Index debtor) { return std::make_shared<InteractionForm>(ui, debtor); }
std::shared_ptr<Form> stageForm(Ui& ui, Index debtor) { return std::make_shared<StageForm>(ui, debtor); }
std::shared_ptr<Form> assignForm(Ui& ui, Index debtor) { return std::make_shared<AssignForm>(ui, debtor); }
std::shared_ptr<Form> noteForm(Ui& ui, Index debtor) { return std::make_shared<NoteForm>(ui, debtor); }

} // namespace recobra::ui
