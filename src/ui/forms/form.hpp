#pragma once
// The forms of the workspace, shown one at a time as a modal window: this frame (fields,
// Save and Cancel, errors), and one file per form in this folder. A form turns what was typed
// into a typed command (the payload struct of the event it becomes); the core validates it,
// and every problem it finds is shown at once, each next to the field it names (the first
// focused), with what the form itself could not read. Nothing is saved until the command is
// valid; the form closes once the change is durable (and says so if saving failed). Enter
// submits, Esc cancels, Tab moves on.
#include "ui/ui.hpp"
#include "ui/widgets.hpp"

#include <memory>
#include <optional>
#include <set>
#include <string>

namespace recobra::ui {

class Form : public std::enable_shared_from_this<Form> {
public:
    virtual ~Form() = default;
    virtual const char* title(const Ui& ui) const = 0;
    virtual const char* tag() const = 0; // locate ids: "<tag>.<field>", "<tag>.submit"
    void draw(Ui& ui);
    bool finished() const { return finished_; }
    bool saving() const { return saving_; }
    const FieldErrors& errors() const { return errors_; }
    const std::string& generalError() const { return generalError_; }

protected:
    virtual void fields(Ui& ui) = 0;
    // The command for what was typed. Typing mistakes the form can see itself (an amount or a
    // date that cannot be read) go in errors_; the command is still made, with a stand-in for
    // what could not be read, so that the core judges the other fields at the same time (a
    // field's own error stands over the core's; fields whose verdict rests on a stand-in go in
    // ignored_). Nullopt when there is nothing to judge.
    virtual std::optional<Command> command(Ui& ui) = 0;
    virtual void succeeded(Ui& ui, const CommandOutcome& outcome);
    virtual float width(const Ui& ui) const { return ui.px(520); }

    // Reads an amount or a date as the language writes it; on failure records the error.
    std::optional<std::int64_t> readAmount(Ui& ui, const std::string& text, CurrencyCode currency,
                                           const char* field, bool required = true);
    std::optional<Date> readDate(Ui& ui, const std::string& text, const char* field);

    FieldErrors errors_;
    std::string generalError_;
    std::set<std::string> ignored_; // see command()
    bool focusFirst_ = true;

private:
    void submit(Ui& ui);
    // A problem the core found: beside its field when the form shows that field, else above.
    void show(Ui& ui, const Problem& problem);
    bool saving_ = false;
    bool finished_ = false;
    bool focusError_ = false;       // the frame after a refused save: the first error is focused
    std::set<std::string> drawn_;   // the fields with a place for an error, as last drawn
};

std::shared_ptr<Form> newDebtorForm(Ui& ui);
std::shared_ptr<Form> editDebtorForm(Ui& ui, Index debtor);
std::shared_ptr<Form> contactForm(Ui& ui, Index debtor);
std::shared_ptr<Form> invoiceForm(Ui& ui, Index debtor);
std::shared_ptr<Form> paymentForm(Ui& ui, Index debtor);
std::shared_ptr<Form> interactionForm(Ui& ui, Index debtor);
std::shared_ptr<Form> stageForm(Ui& ui, Index debtor);
std::shared_ptr<Form> assignForm(Ui& ui, Index debtor);
std::shared_ptr<Form> noteForm(Ui& ui, Index debtor);
// The law's records (docs/law.md).
std::shared_ptr<Form> proofForm(Ui& ui, Index debtor);
std::shared_ptr<Form> chargesForm(Ui& ui, Index debtor, Index invoice = kNone);
std::shared_ptr<Form> termForm(Ui& ui, Index debtor, Index invoice = kNone);
std::shared_ptr<Form> rateForm(Ui& ui, RateTable table = RateTable::LatePayment, std::string period = {});
std::shared_ptr<Form> suspensionForm(Ui& ui);
// Payment plans and offers (plan_form.cpp): a plan agreed, or (`plan` given) amended; cancelled;
// a discount or a settlement offered.
std::shared_ptr<Form> planForm(Ui& ui, Index debtor, Index plan = kNone);
std::shared_ptr<Form> cancelPlanForm(Ui& ui, Index plan);
std::shared_ptr<Form> offerForm(Ui& ui, Index debtor, OfferKind kind);

// Splits "a, b ,c" into tags.
std::vector<std::string> splitTags(const std::string& text);

} // namespace recobra::ui
