// The prescription term of a debtor's debts or of one invoice: five years (Código Civil art.
// 1964.2) or three (art. 1967: fees of professionals, goods sold to a consumer or to a business
// of another trade).
#include "ui/forms/fields.hpp"

namespace recobra::ui {

namespace {

class TermForm final : public Form {
public:
    TermForm(Ui& ui, Index debtor, Index invoice) : debtor_(debtor) {
        const auto& d = ui.state().debtors[debtor];
        for (Index i : d.invoices)
            if (!ui.state().invoices[i].voided) invoices_.push_back(i);
        for (std::size_t k = 0; k < invoices_.size(); ++k)
            if (invoices_[k] == invoice) scope_ = static_cast<int>(k);
        term_ = d.prescriptionTerm.value_or(PrescriptionTerm::FiveYears) == PrescriptionTerm::FiveYears
                    ? PrescriptionTerm::ThreeYears
                    : PrescriptionTerm::FiveYears;
    }
    const char* title(const Ui& ui) const override { return ui.t(Str::form_term); }
    const char* tag() const override { return "term"; }

private:
    void fields(Ui& ui) override {
        const float w = width(ui);
        const State& s = ui.state();
        fieldLabel(ui.t(Str::field_term_scope));
        ImGui::SetNextItemWidth(w);
        auto name = [&](int k) {
            return k < 0 ? std::string(ui.t(Str::term_scope_debtor))
                         : ui.tf(Str::pause_scope_invoice, {s.invoices[invoices_[static_cast<std::size_t>(k)]].number});
        };
        if (ImGui::BeginCombo("##scope", name(scope_).c_str())) {
            for (int k = -1; k < static_cast<int>(invoices_.size()); ++k) {
                if (ImGui::Selectable(name(k).c_str(), k == scope_)) scope_ = k;
                tagLastItem(tagFor("scope") + "." + std::to_string(k + 1));
            }
            ImGui::EndCombo();
        }
        tagLastItem(tagFor("scope"));
        fieldError(errors_, "invoice");
        enumField(ui, ui.t(Str::field_term), "term", term_, errors_, w);
        multilineField(ui, ui.t(Str::field_reason), "reason", reason_, errors_, w, ui.px(60));
    }

    std::optional<Command> command(Ui& ui) override {
        PrescriptionTermSet c;
        c.debtor = ui.state().debtors[debtor_].id;
        if (scope_ >= 0) c.invoice = ui.state().invoices[invoices_[static_cast<std::size_t>(scope_)]].id;
        c.term = term_;
        c.reason = reason_;
        return c;
    }

    Index debtor_;
    std::vector<Index> invoices_;
    int scope_ = -1;
    PrescriptionTerm term_ = PrescriptionTerm::ThreeYears;
    std::string reason_;
};

} // namespace

std::shared_ptr<Form> termForm(Ui& ui, Index debtor, Index invoice) {
    return std::make_shared<TermForm>(ui, debtor, invoice);
}

} // namespace recobra::ui
