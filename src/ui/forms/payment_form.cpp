// A payment received, with a preview of the invoices it will pay (oldest due first, as the fold
// allocates it).
#include "ui/forms/fields.hpp"

namespace recobra::ui {

namespace {

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

    std::optional<Command> command(Ui& ui) override {
        const auto date = readDate(ui, date_, "date");
        const auto amount = readAmount(ui, amount_, currency_, "amount");
        PaymentRecorded c;
        c.debtor = ui.state().debtors[debtor_].id;
        // What cannot be read (its error is in errors_) stands in as what the core cannot fault.
        c.date = date.value_or(ui.today());
        c.amount = Money{amount.value_or(1), currency_};
        c.method = method_;
        c.reference = reference_;
        return c;
    }
    Index debtor_;
    std::string amount_, date_, reference_;
    CurrencyCode currency_;
    PaymentMethod method_ = PaymentMethod::Transfer;
};

} // namespace

std::shared_ptr<Form> paymentForm(Ui& ui, Index debtor) { return std::make_shared<PaymentForm>(ui, debtor); }

} // namespace recobra::ui
