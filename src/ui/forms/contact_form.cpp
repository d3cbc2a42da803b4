// Another way to reach a debtor: a person, their role, phone, email, address, preferred channel.
#include "ui/forms/fields.hpp"

namespace recobra::ui {

namespace {

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
    std::optional<Command> command(Ui& ui) override {
        ContactAdded c;
        c.debtor = ui.state().debtors[debtor_].id;
        c.contact.name = name_;
        c.contact.role = role_;
        c.contact.phone = phone_;
        c.contact.email = email_;
        c.contact.address = address_;
        c.contact.preferredChannel = channel_;
        return c;
    }
    Index debtor_;
    std::string name_, role_, phone_, email_, address_;
    Channel channel_ = Channel::Email;
};

} // namespace

std::shared_ptr<Form> contactForm(Ui& ui, Index debtor) { return std::make_shared<ContactForm>(ui, debtor); }

} // namespace recobra::ui
