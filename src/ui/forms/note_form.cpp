// A note on the debtor's timeline.
#include "ui/forms/fields.hpp"

namespace recobra::ui {

namespace {

class NoteForm final : public Form {
public:
    NoteForm(Ui&, Index debtor) : debtor_(debtor) {}
    const char* title(const Ui& ui) const override { return ui.t(Str::form_note); }
    const char* tag() const override { return "note"; }

private:
    void fields(Ui& ui) override {
        multilineField(ui, ui.t(Str::field_note), "text", text_, errors_, width(ui), ui.px(110));
    }
    std::optional<Command> command(Ui& ui) override {
        NoteAdded c;
        c.debtor = ui.state().debtors[debtor_].id;
        c.text = text_;
        return c;
    }
    Index debtor_;
    std::string text_;
};

} // namespace

std::shared_ptr<Form> noteForm(Ui& ui, Index debtor) { return std::make_shared<NoteForm>(ui, debtor); }

} // namespace recobra::ui
