// A conversation with the debtor: when, how, who spoke first, what came of it, their attitude, a
// promise to pay, the invoices it was about; warns before the contact policy would refuse it.
#include "ui/forms/fields.hpp"

#include <algorithm>
#include <cstdio>

namespace recobra::ui {

namespace {

class InteractionForm final : public Form {
public:
    InteractionForm(Ui& ui, Index debtor) : debtor_(debtor) {
        date_ = ui.date(ui.today());
        const Timestamp local = ui.now() + ui.host.utcOffsetMinutes() * 60'000LL;
        const int minutes = static_cast<int>((local - Date::ofTimestamp(local).startOfDayUtc()) / 60'000);
        char buffer[8];
        std::snprintf(buffer, sizeof buffer, "%02d:%02d", minutes / 60, minutes % 60);
        time_ = buffer;
        promiseDate_ = ui.date(ui.today().addDays(7));
        const auto& d = ui.state().debtors[debtor];
        currency_ = ui.currency();
        // What is owed, in the primary currency when the debtor owes some, written as elsewhere.
        if (!d.outstanding.isZero()) {
            const auto& owed = d.outstanding.amounts();
            const auto primary = std::find_if(owed.begin(), owed.end(), [&](const Money& m) { return m.currency == ui.currency(); });
            const Money& chosen = primary != owed.end() ? *primary : owed.front();
            currency_ = chosen.currency;
            promiseAmount_ = formatAmount(chosen, ui.lang);
        }
        for (Index i : d.invoices)
            if (ui.state().invoices[i].open()) openInvoices_.push_back(i);
        linked_.assign(openInvoices_.size(), false);
    }
    const char* title(const Ui& ui) const override { return ui.t(Str::form_interaction); }
    const char* tag() const override { return "interaction"; }
    float width(const Ui& ui) const override { return ui.px(600); }

private:
    void fields(Ui& ui) override {
        const float w = width(ui);
        const float third = (w - ImGui::GetStyle().ItemSpacing.x * 2) / 3;
        ImGui::BeginGroup();
        textField(ui, ui.t(Str::field_when), "at", date_, errors_, third, ui.t(Str::date_hint));
        nextFieldColumn();
        textField(ui, ui.t(Str::field_time), "time", time_, errors_, third, "10:30");
        nextFieldColumn();
        enumField(ui, ui.t(Str::field_channel), "channel", channel_, errors_, third);
        ImGui::EndGroup();
        ImGui::BeginGroup();
        enumField(ui, ui.t(Str::field_direction), "direction", direction_, errors_, third);
        nextFieldColumn();
        enumField(ui, ui.t(Str::field_outcome), "outcome", outcome_, errors_, third);
        nextFieldColumn();
        enumField(ui, ui.t(Str::field_attitude), "attitude", attitude_, errors_, third);
        ImGui::EndGroup();
        if (outcome_ == Outcome::Promise) {
            Columns c(ui, w);
            textField(ui, ui.t(Str::field_promise_amount), "promise.amount", promiseAmount_, errors_, c.half,
                      ui.t(Str::amount_hint_es));
            c.next();
            textField(ui, ui.t(Str::field_promise_date), "promise.dueDate", promiseDate_, errors_, c.half,
                      ui.t(Str::date_hint));
            // More than is owed is allowed (interest, costs, a typing slip), but said before saving.
            const auto promised = parseAmount(promiseAmount_, ui.lang, currency_).minor;
            const std::int64_t owed = ui.state().debtors[debtor_].outstanding.in(currency_);
            if (promised && *promised > owed) {
                const std::string warning = ui.tf(Str::promise_over_debt, {ui.money(Money{*promised, currency_}),
                                                                             ui.money(Money{owed, currency_})});
                ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + w);
                ImGui::PushStyleColor(ImGuiCol_Text, colors::warning);
                ImGui::TextWrapped("%s", warning.c_str());
                ImGui::PopStyleColor();
                ImGui::PopTextWrapPos();
                tagLastItem(tagFor("promiseWarning"), warning);
            }
        }
        fieldError(errors_, "promise");
        multilineField(ui, ui.t(Str::field_summary), "summary", summary_, errors_, w, ui.px(90));
        if (!openInvoices_.empty()) {
            fieldLabel(ui.t(Str::field_invoices_linked));
            for (std::size_t k = 0; k < openInvoices_.size(); ++k) {
                const auto& inv = ui.state().invoices[openInvoices_[k]];
                const std::string label = inv.number + " · " + ui.money(Money{inv.outstanding(), inv.amount.currency});
                bool value = linked_[k];
                if (ImGui::Checkbox(label.c_str(), &value)) linked_[k] = value;
                tagLastItem(tagFor("invoices") + "." + std::to_string(k));
                if (k % 3 != 2 && k + 1 < openInvoices_.size()) ImGui::SameLine();
            }
        }
        checkField(ui.t(Str::field_formal_claim), "formalClaim", formalClaim_);
        fieldError(errors_, "formalClaim");
        checkField(ui.t(Str::field_acknowledges), "acknowledgesDebt", acknowledges_);
        fieldError(errors_, "acknowledgesDebt");
        contactPolicyWarning(ui, w);
    }

    // The policy protects the debtor (policy.hpp): beyond the contact limit or in quiet hours
    // an outbound contact needs a reason, asked for here before the core would refuse it.
    void contactPolicyWarning(Ui& ui, float w) {
        std::string warning;
        if (direction_ == Direction::Outbound) {
            const Policy& policy = effectivePolicy(ui.state());
            int hours = -1, minutes = -1;
            const auto day = parseDate(date_, ui.lang);
            if (day && std::sscanf(time_.c_str(), "%d:%d", &hours, &minutes) == 2 && hours >= 0 && hours < 24 &&
                minutes >= 0 && minutes < 60) {
                const Timestamp at = day->startOfDayUtc() + (hours * 60 + minutes) * 60'000LL -
                                     ui.host.utcOffsetMinutes() * 60'000LL;
                const auto check = checkContact(ui.state(), policy, debtor_, at, channel_, ui.host.utcOffsetMinutes());
                if (check.overLimit)
                    warning = ui.tf(Str::contact_limit_warning,
                                    {std::to_string(check.recent), std::to_string(policy.contactLimit)});
                else if (check.quietHours)
                    warning = ui.tf(Str::quiet_hours_warning,
                                    {clockText(policy.quietHoursStart), clockText(policy.quietHoursEnd)});
            }
        }
        if (warning.empty() && limitOverride_.empty() && !errors_.count("limitOverride")) return;
        ImGui::Spacing();
        if (!warning.empty()) {
            ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + w);
            ImGui::PushStyleColor(ImGuiCol_Text, colors::warning);
            ImGui::TextWrapped("%s", warning.c_str());
            ImGui::PopStyleColor();
            ImGui::PopTextWrapPos();
            tagLastItem(tagFor("policyWarning"));
        }
        textField(ui, ui.t(Str::field_limit_override), "limitOverride", limitOverride_, errors_, w);
    }

    std::optional<Command> command(Ui& ui) override {
        const auto day = readDate(ui, date_, "at");
        int hours = -1, minutes = -1;
        const bool clock = std::sscanf(time_.c_str(), "%d:%d", &hours, &minutes) == 2 && hours >= 0 && hours <= 23 &&
                           minutes >= 0 && minutes <= 59;
        if (!clock) errors_["time"] = problem(Str::err_time_invalid, "", {time_}).reason(ui.lang);
        std::optional<std::int64_t> promised;
        std::optional<Date> promiseDue;
        if (outcome_ == Outcome::Promise) {
            promised = readAmount(ui, promiseAmount_, currency_, "promise.amount");
            promiseDue = readDate(ui, promiseDate_, "promise.dueDate");
        }
        // What cannot be read (its error is in errors_) stands in as what the core cannot fault;
        // what the core judges by the moment (in the future? in quiet hours? a promise due before
        // the day?) is not shown then.
        Timestamp at = ui.now();
        if (day) {
            const int minute = clock ? hours * 60 + minutes : 12 * 60;
            at = day->startOfDayUtc() + (minute - ui.host.utcOffsetMinutes()) * 60'000LL;
        }
        if (!day || !clock) ignored_ = {"at", "limitOverride"};
        if (!day) ignored_.insert("promise.dueDate");
        InteractionLogged c;
        c.debtor = ui.state().debtors[debtor_].id;
        c.at = at;
        c.channel = channel_;
        c.direction = direction_;
        c.outcome = outcome_;
        c.attitude = attitude_;
        c.summary = summary_;
        c.formalClaim = formalClaim_;
        c.acknowledgesDebt = acknowledges_;
        for (std::size_t k = 0; k < openInvoices_.size(); ++k)
            if (linked_[k]) c.invoices.push_back(ui.state().invoices[openInvoices_[k]].id);
        c.limitOverride = limitOverride_;
        if (outcome_ == Outcome::Promise) {
            c.promise.emplace();
            c.promise->amount = Money{promised.value_or(1), currency_};
            c.promise->dueDate = promiseDue.value_or(Date::ofTimestamp(at + ui.host.utcOffsetMinutes() * 60'000LL));
        }
        return c;
    }
    Index debtor_;
    std::string date_, time_, summary_, promiseAmount_, promiseDate_, limitOverride_;
    Channel channel_ = Channel::Call;
    Direction direction_ = Direction::Outbound;
    Outcome outcome_ = Outcome::NoAnswer;
    Attitude attitude_ = Attitude::Unknown;
    bool formalClaim_ = false, acknowledges_ = false;
    CurrencyCode currency_;
    std::vector<Index> openInvoices_;
    std::vector<bool> linked_;
};

} // namespace

std::shared_ptr<Form> interactionForm(Ui& ui, Index debtor) { return std::make_shared<InteractionForm>(ui, debtor); }

} // namespace recobra::ui
