// The stage of a case changed by hand, with the reason.
#include "ui/forms/fields.hpp"

#include "core/state/queries.hpp"

namespace recobra::ui {

namespace {

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
    std::optional<Command> command(Ui& ui) override {
        StageChanged c;
        c.debtor = ui.state().debtors[debtor_].id;
        c.stage = stage_;
        c.reason = reason_;
        return c;
    }
    Index debtor_;
    Stage stage_;
    std::string reason_;
};

} // namespace

std::shared_ptr<Form> stageForm(Ui& ui, Index debtor) { return std::make_shared<StageForm>(ui, debtor); }

} // namespace recobra::ui
