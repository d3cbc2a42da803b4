// A debtor: registered with a first contact, or its profile edited (only what changed is sent;
// a change of assignee alone is its own command).
#include "ui/forms/fields.hpp"

#include "core/rules/agenda.hpp"

namespace recobra::ui {

namespace {

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
        creditLimit_ = p.creditLimit ? formatAmount(*p.creditLimit, ui.lang) : std::string();
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

    std::optional<Command> command(Ui& ui) override {
        std::optional<std::int64_t> limit; // none when it cannot be read: the rest is judged without it
        if (!creditLimit_.empty()) limit = readAmount(ui, creditLimit_, currency_, "creditLimit");
        if (!debtor_) {
            DebtorRegistered c;
            c.legalName = legalName_;
            c.tradeName = tradeName_;
            c.taxId = taxId_;
            c.kind = kind_;
            c.country = country_;
            c.relationship = relationship_;
            c.tags = splitTags(tags_);
            c.assignee = assignee_;
            if (limit) c.creditLimit = Money{*limit, currency_};
            if (!contactName_.empty() || !contactPhone_.empty() || !contactEmail_.empty()) {
                ContactInfo contact;
                contact.name = contactName_.empty() ? legalName_ : contactName_;
                // Named after the debtor: a problem with that name is the legal name's, said there.
                if (contactName_.empty()) ignored_.insert("contacts[0].name");
                contact.role = contactRole_;
                contact.phone = contactPhone_;
                contact.email = contactEmail_;
                c.contacts.push_back(std::move(contact));
            }
            return c;
        }
        const auto& d = ui.state().debtors[*debtor_];
        DebtorUpdated c;
        c.debtor = d.id;
        bool any = false;
        auto changed = [&](std::optional<std::string>& field, const std::string& now, const std::string& before) {
            if (now == before) return;
            field = now;
            any = true;
        };
        changed(c.legalName, legalName_, original_.legalName_);
        changed(c.tradeName, tradeName_, original_.tradeName_);
        changed(c.taxId, taxId_, original_.taxId_);
        changed(c.country, country_, original_.country_);
        changed(c.commercialRefs, commercialRefs_, original_.commercialRefs_);
        changed(c.bankRefs, bankRefs_, original_.bankRefs_);
        changed(c.notes, notes_, original_.notes_);
        if (kind_ != original_.kind_) {
            c.kind = kind_;
            any = true;
        }
        if (relationship_ != original_.relationship_) {
            c.relationship = relationship_;
            any = true;
        }
        if (tags_ != original_.tags_) {
            c.tags = splitTags(tags_);
            any = true;
        }
        if (creditLimit_ != original_.creditLimit_) {
            if (limit) c.creditLimit = Money{*limit, currency_};
            else c.clearCreditLimit = true;
            any = true;
        }
        if (assignee_ != original_.assignee_) assigneeChange_ = assignee_;
        if (!any && assigneeChange_) return assignment(d.id); // only the assignee changed: its own command
        return c;
    }

    DebtorAssigned assignment(const std::string& debtor) const {
        DebtorAssigned c;
        c.debtor = debtor;
        c.member = *assigneeChange_;
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
            if (d.assignee != *assigneeChange_) ui.submit(assignment(d.id), nullptr);
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

} // namespace

std::shared_ptr<Form> newDebtorForm(Ui& ui) { return std::make_shared<DebtorForm>(ui, std::nullopt); }
std::shared_ptr<Form> editDebtorForm(Ui& ui, Index debtor) { return std::make_shared<DebtorForm>(ui, debtor); }

} // namespace recobra::ui
