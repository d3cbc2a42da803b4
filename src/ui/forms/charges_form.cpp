// The late-payment interest and the 40 € compensation of an invoice, collected or waived: they
// leave the claim (docs/law.md).
#include "ui/forms/fields.hpp"

namespace recobra::ui {

namespace {

class ChargesForm final : public Form {
public:
    ChargesForm(Ui& ui, Index debtor, Index invoice) {
        for (Index i : ui.state().debtors[debtor].invoices) {
            const auto& inv = ui.state().invoices[i];
            if (inv.voided || inv.charges) continue;
            if (i == invoice) chosen_ = invoices_.size();
            invoices_.push_back(i);
        }
        on_ = ui.date(ui.today());
    }
    const char* title(const Ui& ui) const override { return ui.t(Str::form_charges); }
    const char* tag() const override { return "charges"; }

private:
    void fields(Ui& ui) override {
        const float w = width(ui);
        const State& s = ui.state();
        fieldLabel(ui.t(Str::field_charges_invoice));
        ImGui::SetNextItemWidth(w);
        auto name = [&](std::size_t k) {
            return invoices_.empty() ? std::string(ui.t(Str::none_dash)) : s.invoices[invoices_[k]].number;
        };
        if (ImGui::BeginCombo("##invoice", name(chosen_).c_str())) {
            for (std::size_t k = 0; k < invoices_.size(); ++k) {
                if (ImGui::Selectable(name(k).c_str(), k == chosen_)) chosen_ = k;
                tagLastItem(tagFor("invoice") + "." + std::to_string(k));
            }
            ImGui::EndCombo();
        }
        tagLastItem(tagFor("invoice"));
        fieldError(errors_, "invoice");
        {
            Columns c(ui, w);
            enumField(ui, ui.t(Str::field_charges_outcome), "outcome", outcome_, errors_, c.half);
            c.next();
            textField(ui, ui.t(Str::field_charges_on), "on", on_, errors_, c.half, ui.t(Str::date_hint));
        }
        multilineField(ui, ui.t(Str::field_reason), "reason", reason_, errors_, w, ui.px(60));
    }

    std::optional<Command> command(Ui& ui) override {
        const auto on = readDate(ui, on_, "on");
        if (invoices_.empty()) {
            errors_["invoice"] = ui.t(Str::err_required);
            return std::nullopt;
        }
        ChargesClosed c;
        c.invoice = ui.state().invoices[invoices_[chosen_]].id;
        c.on = on.value_or(ui.today()); // unread: its error is in errors_
        c.outcome = outcome_;
        c.reason = reason_;
        return c;
    }

    std::vector<Index> invoices_;
    std::size_t chosen_ = 0;
    ChargesOutcome outcome_ = ChargesOutcome::Collected;
    std::string on_, reason_;
};

} // namespace

std::shared_ptr<Form> chargesForm(Ui& ui, Index debtor, Index invoice) {
    return std::make_shared<ChargesForm>(ui, debtor, invoice);
}

} // namespace recobra::ui
