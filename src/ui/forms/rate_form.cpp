// A published rate added or corrected (docs/law.md): the late-payment rate of a half-year or
// the legal interest rate of a year, with where it was published.
#include "ui/forms/fields.hpp"

#include "core/law/tables.hpp"

namespace recobra::ui {

namespace {

class RateForm final : public Form {
public:
    RateForm(Ui& ui, RateTable table, std::string period) : table_(table), period_(std::move(period)) {
        if (period_.empty()) period_ = ratePeriodOf(table, ui.today());
    }
    const char* title(const Ui& ui) const override { return ui.t(Str::form_rate); }
    const char* tag() const override { return "rate"; }

private:
    void fields(Ui& ui) override {
        const float w = width(ui);
        enumField(ui, ui.t(Str::field_rate_table), "table", table_, errors_, w);
        {
            Columns c(ui, w);
            textField(ui, ui.t(Str::field_rate_period), "period", period_, errors_, c.half, "2026-H2");
            c.next();
            textField(ui, ui.t(Str::field_rate_percent), "basisPoints", percent_, errors_, c.half,
                      ui.lang == Lang::es ? "10,40" : "10.40");
        }
        textField(ui, ui.t(Str::field_rate_source), "source", source_, errors_, w, "BOE-A-2026-…");
    }

    std::optional<Command> command(Ui& ui) override {
        // A rate has two decimals, as a euro amount has: "10,40" is 1040 hundredths of a point.
        const auto parsed = parseAmount(percent_, ui.lang, CurrencyCode::eur());
        if (!parsed.minor) errors_["basisPoints"] = percent_.empty() ? ui.t(Str::err_required) : ui.t(Str::err_percent);
        RateSet c;
        c.table = table_;
        c.period = period_;
        c.basisPoints = parsed.minor.value_or(0); // unread: its error is in errors_
        c.source = source_;
        return c;
    }

    RateTable table_;
    std::string period_, percent_, source_;
};

class SuspensionForm final : public Form {
public:
    explicit SuspensionForm(Ui&) {}
    const char* title(const Ui& ui) const override { return ui.t(Str::form_suspension); }
    const char* tag() const override { return "suspension"; }

private:
    void fields(Ui& ui) override {
        const float w = width(ui);
        textField(ui, ui.t(Str::field_suspension_id), "suspension", id_, errors_, w, "es-2030-alarma");
        {
            Columns c(ui, w);
            textField(ui, ui.t(Str::field_from), "from", from_, errors_, c.half, ui.t(Str::date_hint));
            c.next();
            textField(ui, ui.t(Str::field_until_included), "until", until_, errors_, c.half, ui.t(Str::date_hint));
        }
        textField(ui, ui.t(Str::field_rate_source), "source", source_, errors_, w, "Real Decreto …");
    }

    std::optional<Command> command(Ui& ui) override {
        const auto from = readDate(ui, from_, "from");
        const auto until = readDate(ui, until_, "until");
        SuspensionSet c;
        c.suspension = id_;
        // What cannot be read (its error is in errors_) stands in as what the core cannot fault.
        c.from = from.value_or(until.value_or(ui.today()));
        c.until = until.value_or(c.from);
        c.source = source_;
        return c;
    }

    std::string id_, from_, until_, source_;
};

} // namespace

std::shared_ptr<Form> rateForm(Ui& ui, RateTable table, std::string period) {
    return std::make_shared<RateForm>(ui, table, std::move(period));
}
std::shared_ptr<Form> suspensionForm(Ui& ui) { return std::make_shared<SuspensionForm>(ui); }

} // namespace recobra::ui
