// Who of the team works the case.
#include "ui/forms/fields.hpp"

namespace recobra::ui {

namespace {

class AssignForm final : public Form {
public:
    AssignForm(Ui& ui, Index debtor) : debtor_(debtor), member_(ui.state().debtors[debtor].assignee) {}
    const char* title(const Ui& ui) const override { return ui.t(Str::form_assign); }
    const char* tag() const override { return "assign"; }

private:
    void fields(Ui& ui) override { memberField(ui, ui.t(Str::field_member), "member", member_, errors_, width(ui) / 2); }
    std::optional<Command> command(Ui& ui) override {
        DebtorAssigned c;
        c.debtor = ui.state().debtors[debtor_].id;
        c.member = member_;
        return c;
    }
    Index debtor_;
    std::string member_;
};

} // namespace

std::shared_ptr<Form> assignForm(Ui& ui, Index debtor) { return std::make_shared<AssignForm>(ui, debtor); }

} // namespace recobra::ui
