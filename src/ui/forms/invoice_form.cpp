// An invoice the debtor owes, due by default after the policy's payment terms.
#include "ui/forms/fields.hpp"

namespace recobra::ui {

namespace {

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
    std::optional<Command> command(Ui& ui) override {
        const auto issue = readDate(ui, issue_, "issueDate");
        const auto due = readDate(ui, due_, "dueDate");
        const auto amount = readAmount(ui, amount_, currency_, "amount");
        InvoiceAdded c;
        c.debtor = ui.state().debtors[debtor_].id;
        c.number = number_;
        // What cannot be read (its error is in errors_) stands in as what the core cannot fault.
        c.issueDate = issue.value_or(due.value_or(ui.today()));
        c.dueDate = due.value_or(c.issueDate);
        c.amount = Money{amount.value_or(1), currency_};
        c.kind = kind_;
        c.description = description_;
        return c;
    }
    Index debtor_;
    std::string number_, issue_, due_, amount_, description_;
    CurrencyCode currency_;
    InvoiceKind kind_ = InvoiceKind::B2B;
};

} // namespace

std::shared_ptr<Form> invoiceForm(Ui& ui, Index debtor) { return std::make_shared<InvoiceForm>(ui, debtor); }

} // namespace recobra::ui
