// Payment plans and offers (docs/plans-and-offers.md): the plan builder (a plan agreed, or a new
// schedule for what is left of the one running), its cancellation, and an offer (a discount for
// paying now, a settlement). The builder previews the schedule as it is typed: buildSchedule
// spreads what is owed, each installment's date and amount can still be changed in the table,
// and the total is checked against what is owed before the core judges it.
#include "ui/forms/fields.hpp"

#include "core/law/claim.hpp"
#include "core/model/plan_schedule.hpp"
#include "core/state/plans.hpp"
#include "core/values/rounding.hpp"

#include <charconv>
#include <imgui_stdlib.h>

namespace recobra::ui {

namespace {

std::optional<int> readWhole(const std::string& text) {
    int value = 0;
    const char* end = text.data() + text.size();
    const auto [ptr, ec] = std::from_chars(text.data(), end, value);
    if (text.empty() || ec != std::errc() || ptr != end) return std::nullopt;
    return value;
}

std::string indexed(std::size_t k, const char* field) {
    return "installments[" + std::to_string(k) + "]." + field;
}

// The currency a debtor owes most in, the UI's own first.
CurrencyCode owedCurrency(const Ui& ui, const DebtorState& d) {
    const CurrencyCode primary = ui.currency();
    return d.outstanding.in(primary) > 0 || d.outstanding.isZero() ? primary : d.outstanding.amounts().front().currency;
}

class PlanForm final : public Form {
public:
    // A plan for the debtor's open, undisputed invoices; or, `plan` given, a new schedule for what
    // is left of it.
    PlanForm(Ui& ui, Index debtor, Index plan) : debtor_(debtor), plan_(plan), lang_(ui.lang) {
        const State& s = ui.state();
        const Date today = ui.today();
        first_ = ui.date(today.addMonths(1));
        if (plan != kNone) {
            const PlanProgress progress = planProgress(s, s.plans[plan], today);
            currency_ = s.plans[plan].total.currency;
            left_ = progress.remaining;
            std::size_t unpaid = 0;
            for (const auto& i : progress.installments) unpaid += i.status != InstallmentStatus::Paid;
            count_ = std::to_string(std::max<std::size_t>(unpaid, 1));
            if (progress.next && progress.installments[*progress.next].due >= today)
                first_ = ui.date(progress.installments[*progress.next].due);
            return;
        }
        const DebtorState& d = s.debtors[debtor];
        currency_ = owedCurrency(ui, d);
        const LawTables tables(s.law);
        const DebtorClaim claim = claimFor(s, tables, debtor, today);
        for (Index i : d.invoices) {
            const auto& inv = s.invoices[i];
            if (!inv.open() || inv.disputed) continue;
            std::int64_t interest = 0;
            for (const auto& c : claim.invoices)
                if (c.invoice == i && c.interest.kind != InterestKind::None && !c.interest.notComputed)
                    interest = c.interest.amount;
            invoices_.push_back({i, inv.amount.currency == currency_, interest});
        }
    }
    const char* title(const Ui& ui) const override { return ui.t(plan_ == kNone ? Str::pui_act_plan : Str::pui_form_amend); }
    const char* tag() const override { return plan_ == kNone ? "plan" : "amend"; }
    float width(const Ui& ui) const override { return ui.px(800); }

private:
    struct Covered {
        Index invoice;
        bool chosen;
        std::int64_t interest; // the law's, to date
    };
    struct Row {
        std::string due, amount;
    };

    void fields(Ui& ui) override {
        relang(ui);
        const float left = ui.px(430);
        ImGui::BeginGroup();
        if (plan_ == kNone) terms(ui, left);
        else amendTerms(ui, left);
        multilineField(ui, ui.t(Str::field_reason), "reason", reason_, errors_, left, ui.px(56));
        nextFieldColumn();
        schedule(ui, width(ui) - left - ImGui::GetStyle().ItemSpacing.x);
        ImGui::EndGroup();
    }

    void terms(Ui& ui, float w) {
        const State& s = ui.state();
        fieldLabel(ui.t(Str::pui_invoices));
        const float line = ImGui::GetFrameHeightWithSpacing();
        const bool scroll = invoices_.size() > 4;
        if (scroll) ImGui::BeginChild("##invoices", ImVec2(w, line * 4.5f), ImGuiChildFlags_NavFlattened);
        for (std::size_t j = 0, k = 0; j < invoices_.size(); ++j) {
            const auto& inv = s.invoices[invoices_[j].invoice];
            const std::string label = inv.number + " · " + ui.money(Money{inv.outstanding(), inv.amount.currency});
            if (ImGui::Checkbox(label.c_str(), &invoices_[j].chosen) && invoices_[j].chosen) currency_ = inv.amount.currency;
            tagLastItem(tagFor("invoices") + "." + std::to_string(j));
            if (invoices_[j].chosen) fieldError(errors_, ("invoices[" + std::to_string(k++) + "]").c_str());
        }
        if (scroll) ImGui::EndChild();
        fieldError(errors_, "invoices");
        mutedText(ui.tf(Str::pui_owed, {ui.money(Money{owed(ui), currency_})}));
        {
            Columns c(ui, w);
            textField(ui, ui.t(Str::pui_down), "downPayment", down_, errors_, c.half, ui.t(Str::optional_hint));
            c.next();
            textField(ui, ui.t(Str::pui_count), "count", count_, errors_, c.half);
        }
        {
            Columns c(ui, w);
            enumField(ui, ui.t(Str::pui_frequency), "frequency", frequency_, errors_, c.half);
            c.next();
            textField(ui, ui.t(Str::pui_first), "first", first_, errors_, c.half, ui.t(Str::date_hint));
        }
        {
            Columns c(ui, w);
            textField(ui, ui.t(Str::pui_grace), "graceDays", grace_, errors_, c.half);
            c.next();
            dayField(ui, c.half);
        }
        {
            Columns c(ui, w);
            if (enumField(ui, ui.t(Str::pui_interest), "interest", interest_, errors_, c.half) &&
                interest_ == PlanInterest::Included && interestAmount_.empty())
                interestAmount_ = formatAmountForInput(Money{lawInterest(), currency_}, ui.lang);
            c.next();
            if (interest_ == PlanInterest::Included)
                textField(ui, ui.t(Str::pui_interest_amount), "interestAmount", interestAmount_, errors_, c.half);
        }
        if (interest_ == PlanInterest::Included && lawInterest() > 0)
            mutedText(ui.tf(Str::pui_interest_law, {ui.money(Money{lawInterest(), currency_})}));
        checkField(ui.t(Str::pui_acceleration), "acceleration", acceleration_);
    }

    void amendTerms(Ui& ui, float w) {
        const PlanState& plan = ui.state().plans[plan_];
        ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + w);
        ImGui::TextWrapped("%s", ui.tf(Str::pui_amend_left, {ui.money(Money{left_, currency_}), ui.money(plan.total)}).c_str());
        ImGui::PopTextWrapPos();
        {
            Columns c(ui, w);
            textField(ui, ui.t(Str::pui_count), "count", count_, errors_, c.half);
            c.next();
            enumField(ui, ui.t(Str::pui_frequency), "frequency", frequency_, errors_, c.half);
        }
        Columns c(ui, w);
        textField(ui, ui.t(Str::pui_first), "first", first_, errors_, c.half, ui.t(Str::date_hint));
        c.next();
        dayField(ui, c.half);
    }

    void dayField(Ui& ui, float w) {
        if (frequency_ != PlanFrequency::Monthly) return;
        const auto first = parseDate(first_, ui.lang);
        textField(ui, ui.t(Str::pui_day), "dayOfMonth", day_, errors_, w,
                  first ? std::to_string(first->day()).c_str() : nullptr);
    }

    // The table of installments, rebuilt whenever the terms change, and its total.
    void schedule(Ui& ui, float w) {
        refresh(ui);
        fieldLabel(ui.t(Str::pui_schedule));
        if (rows_.empty()) {
            ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + w);
            ImGui::TextWrapped("%s", ui.t(Str::pui_schedule_none));
            ImGui::PopTextWrapPos();
            fieldError(errors_, "installments");
            return;
        }
        const auto down = parseAmount(down_, ui.lang, currency_).minor;
        ImGui::SetNextWindowSizeConstraints(ImVec2(w, 0), ImVec2(w, ui.px(390)));
        ImGui::BeginChild("##schedule", ImVec2(w, 0), ImGuiChildFlags_AutoResizeY | ImGuiChildFlags_NavFlattened);
        if (ImGui::BeginTable("schedule", 3, ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerH)) {
            ImGui::TableSetupColumn("#", ImGuiTableColumnFlags_WidthFixed, ui.px(100));
            ImGui::TableSetupColumn(ui.t(Str::field_due_date), ImGuiTableColumnFlags_WidthFixed, ui.px(116));
            ImGui::TableSetupColumn(ui.t(Str::field_amount), ImGuiTableColumnFlags_WidthFixed, ui.px(116));
            ImGui::TableHeadersRow();
            if (plan_ == kNone && down && *down > 0) {
                nextRow();
                nextCell();
                ImGui::TextUnformatted(ui.t(Str::pui_down_row));
                nextCell();
                ImGui::TextUnformatted(ui.date(ui.today()).c_str());
                nextCell();
                ImGui::TextUnformatted(ui.money(Money{*down, currency_}).c_str());
            }
            for (std::size_t k = 0; k < rows_.size(); ++k) {
                ImGui::PushID(static_cast<int>(k));
                nextRow();
                nextCell();
                ImGui::AlignTextToFramePadding();
                ImGui::Text("%zu", k + 1);
                for (int col = 0; col < 2; ++col) {
                    nextCell();
                    const std::string field = indexed(k, col == 0 ? "due" : "amount");
                    ImGui::SetNextItemWidth(-1);
                    ImGui::InputText(col == 0 ? "##due" : "##amount", col == 0 ? &rows_[k].due : &rows_[k].amount);
                    tagLastItem(tagFor(field.c_str()), col == 0 ? rows_[k].due : rows_[k].amount);
                    fieldError(errors_, field.c_str(), true);
                }
                ImGui::PopID();
            }
            ImGui::EndTable();
        }
        ImGui::EndChild();
        std::int64_t sum = plan_ == kNone ? down.value_or(0) : 0;
        for (const auto& r : rows_) sum += parseAmount(r.amount, ui.lang, currency_).minor.value_or(0);
        const std::int64_t expected = total(ui);
        const std::string text = sum == expected ? ui.tf(Str::pui_sum_ok, {ui.money(Money{sum, currency_})})
                                                 : ui.tf(Str::pui_sum_off, {ui.money(Money{sum, currency_}),
                                                                            ui.money(Money{expected, currency_}),
                                                                            ui.money(Money{sum - expected, currency_})});
        ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + w);
        ImGui::PushStyleColor(ImGuiCol_Text, sum == expected ? colors::success : colors::danger);
        ImGui::TextWrapped("%s", text.c_str());
        ImGui::PopStyleColor();
        ImGui::PopTextWrapPos();
        tagLastItem(tagFor("sum"), text);
        fieldError(errors_, "installments");
    }

    std::int64_t owed(const Ui& ui) const {
        std::int64_t sum = 0;
        for (const auto& c : invoices_) {
            const auto& inv = ui.state().invoices[c.invoice];
            if (c.chosen && inv.amount.currency == currency_) sum += inv.outstanding();
        }
        return sum;
    }
    std::int64_t lawInterest() const {
        std::int64_t sum = 0;
        for (const auto& c : invoices_) sum += c.chosen ? c.interest : 0;
        return sum;
    }
    // What the schedule must add up to, the down payment included.
    std::int64_t total(const Ui& ui) const {
        if (plan_ != kNone) return left_;
        const auto interest = parseAmount(interestAmount_, ui.lang, currency_).minor;
        return owed(ui) + (interest_ == PlanInterest::Included ? interest.value_or(0) : 0);
    }

    // A new schedule from buildSchedule when what it is built from changed since the last frame.
    void refresh(Ui& ui) {
        ScheduleRequest r;
        r.total = Money{total(ui), currency_};
        if (const auto down = parseAmount(down_, ui.lang, currency_).minor; plan_ == kNone && down && *down > 0)
            r.downPayment = Money{*down, currency_};
        r.count = readWhole(count_).value_or(0);
        r.frequency = frequency_;
        const auto first = parseDate(first_, ui.lang);
        r.first = first.value_or(Date());
        r.dayOfMonth = readWhole(day_).value_or(0);
        std::string key = std::to_string(r.total.minor) + "/" + std::to_string(r.downPayment ? r.downPayment->minor : 0) +
                          "/" + std::to_string(r.count) + "/" + enumName(r.frequency) + "/" + r.first.iso() + "/" +
                          std::to_string(r.dayOfMonth);
        if (key == key_) return;
        key_ = std::move(key);
        rows_.clear();
        if (!first) return;
        for (const auto& i : buildSchedule(r)) rows_.push_back({ui.date(i.due), formatAmountForInput(i.amount, ui.lang)});
    }

    // The language changed while the form was open: what was typed is rewritten in the new one.
    void relang(Ui& ui) {
        if (ui.lang == lang_) return;
        auto amount = [&](std::string& t) {
            if (const auto m = parseAmount(t, lang_, currency_).minor) t = formatAmountForInput(Money{*m, currency_}, ui.lang);
        };
        auto date = [&](std::string& t) {
            if (const auto d = parseDate(t, lang_)) t = ui.date(*d);
        };
        amount(down_);
        amount(interestAmount_);
        date(first_);
        for (auto& r : rows_) {
            amount(r.amount);
            date(r.due);
        }
        lang_ = ui.lang;
    }

    std::optional<Command> command(Ui& ui) override {
        const auto count = readWhole(count_);
        if (!count || *count < 1 || *count > kMaxInstallments)
            errors_["count"] = ui.tf(Str::pui_err_count, {std::to_string(kMaxInstallments)});
        if (!readDate(ui, first_, "first")) ignored_.insert("installments");
        const auto day = readWhole(day_);
        if (frequency_ == PlanFrequency::Monthly && !day_.empty() && (!day || *day < 1 || *day > 31))
            errors_["dayOfMonth"] = ui.t(Str::pui_err_day);
        std::vector<PlanInstallment> list;
        for (std::size_t k = 0; k < rows_.size(); ++k) {
            const auto due = readDate(ui, rows_[k].due, indexed(k, "due").c_str());
            const auto amount = readAmount(ui, rows_[k].amount, currency_, indexed(k, "amount").c_str());
            list.push_back({Money{amount.value_or(1), currency_}, due.value_or(ui.today())});
        }
        // A schedule with an unreadable part: its sum and order rest on stand-ins.
        if (!errors_.empty()) ignored_.insert("installments");
        if (plan_ != kNone) {
            PlanAmended c;
            c.debtor = ui.state().debtors[debtor_].id;
            c.plan = ui.state().plans[plan_].id;
            c.installments = std::move(list);
            c.reason = reason_;
            return c;
        }
        PlanAgreed c;
        c.debtor = ui.state().debtors[debtor_].id;
        c.installments = std::move(list);
        if (const auto down = readAmount(ui, down_, currency_, "downPayment", false)) c.downPayment = Money{*down, currency_};
        c.interest = interest_;
        if (interest_ == PlanInterest::Included)
            c.interestAmount = Money{readAmount(ui, interestAmount_, currency_, "interestAmount").value_or(1), currency_};
        const auto grace = readWhole(grace_);
        if (!grace) errors_["graceDays"] = ui.t(Str::pui_err_whole);
        c.graceDays = grace.value_or(0);
        c.acceleration = acceleration_;
        for (const auto& i : invoices_)
            if (i.chosen) c.invoices.push_back(ui.state().invoices[i.invoice].id);
        c.reason = reason_;
        if (!errors_.empty()) ignored_.insert("installments");
        return c;
    }

    Index debtor_, plan_;
    Lang lang_;
    CurrencyCode currency_;
    std::int64_t left_ = 0; // amending: what the new schedule spreads
    std::vector<Covered> invoices_;
    std::string down_, count_ = "3", first_, day_, grace_ = "5", interestAmount_, reason_, key_;
    PlanFrequency frequency_ = PlanFrequency::Monthly;
    PlanInterest interest_ = PlanInterest::Waived;
    bool acceleration_ = false;
    std::vector<Row> rows_;
};

class CancelPlanForm final : public Form {
public:
    CancelPlanForm(Ui& ui, Index plan) : plan_(plan) {
        const auto& before = ui.state().plans[plan].stageBefore;
        text_ = ui.tf(Str::pui_cancel_text, {before ? recobra::label(*before, ui.lang) : ui.t(Str::stage_overdue)});
    }
    const char* title(const Ui& ui) const override { return ui.t(Str::pui_form_cancel); }
    const char* tag() const override { return "cancelPlan"; }

private:
    void fields(Ui& ui) override {
        const float w = width(ui);
        ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + w);
        ImGui::TextWrapped("%s", text_.c_str());
        ImGui::PopTextWrapPos();
        multilineField(ui, ui.t(Str::field_reason), "reason", reason_, errors_, w, ui.px(70));
    }
    std::optional<Command> command(Ui& ui) override {
        const PlanState& plan = ui.state().plans[plan_];
        PlanCancelled c;
        c.debtor = ui.state().debtors[plan.debtor].id;
        c.plan = plan.id;
        c.reason = reason_;
        return c;
    }
    Index plan_;
    std::string text_, reason_;
};

// A discount (a percentage or an amount off) or a settlement (the amount accepted), until a
// deadline, on every open undisputed invoice in the currency owed.
class OfferForm final : public Form {
public:
    OfferForm(Ui& ui, Index debtor, OfferKind kind) : debtor_(debtor), kind_(kind) {
        deadline_ = ui.date(ui.today().addDays(15));
        const DebtorState& d = ui.state().debtors[debtor];
        currency_ = owedCurrency(ui, d);
        for (Index i : d.invoices) {
            const auto& inv = ui.state().invoices[i];
            if (inv.open() && !inv.disputed && inv.amount.currency == currency_) owed_ += inv.outstanding();
        }
    }
    const char* title(const Ui& ui) const override {
        return ui.t(kind_ == OfferKind::Discount ? Str::pui_act_discount : Str::pui_act_settlement);
    }
    const char* tag() const override { return "offer"; }

private:
    bool byPercent() const { return kind_ == OfferKind::Discount && byPercent_; }
    const char* valueField() const { return byPercent() ? "percent" : "pay"; }

    void fields(Ui& ui) override {
        const float w = width(ui);
        mutedText(ui.tf(Str::pui_owed, {ui.money(Money{owed_, currency_})}));
        if (kind_ == OfferKind::Discount) {
            if (ImGui::RadioButton(ui.t(Str::pui_off_percent), byPercent_)) byPercent_ = true;
            tagLastItem(tagFor("byPercent"));
            ImGui::SameLine();
            if (ImGui::RadioButton(ui.t(Str::pui_off_amount), !byPercent_)) byPercent_ = false;
            tagLastItem(tagFor("byAmount"));
        }
        {
            Columns c(ui, w);
            textField(ui, ui.t(kind_ == OfferKind::Discount ? Str::pui_off_value : Str::pui_off_settle), valueField(),
                      value_, errors_, c.half, byPercent() ? "10" : ui.t(Str::amount_hint_es));
            c.next();
            textField(ui, ui.t(Str::pui_deadline), "deadline", deadline_, errors_, c.half, ui.t(Str::date_hint));
        }
        if (const auto result = pay(parseAmount(value_, ui.lang, byPercent() ? CurrencyCode::eur() : currency_).minor)) {
            ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + w);
            const std::string text = ui.tf(Str::pui_off_result, {ui.money(Money{*result, currency_}), ui.money(Money{owed_, currency_}),
                                                                 ui.money(Money{owed_ - *result, currency_})});
            ImGui::TextWrapped("%s", text.c_str());
            ImGui::PopTextWrapPos();
            tagLastItem(tagFor("result"), text);
        }
        if (byPercent()) fieldError(errors_, "pay");
        multilineField(ui, ui.t(Str::field_reason), "reason", reason_, errors_, w, ui.px(56));
    }

    // What the debtor would pay, from what was typed (a percentage in hundredths of a point).
    std::optional<std::int64_t> pay(std::optional<std::int64_t> value) const {
        if (!value) return std::nullopt;
        if (kind_ == OfferKind::Settlement) return value;
        if (!byPercent_) return owed_ - *value;
        const auto off = divideRounded(static_cast<Int128>(owed_) * *value, 10'000, Rounding::HalfUp);
        return off ? std::optional(owed_ - *off) : std::nullopt;
    }

    std::optional<Command> command(Ui& ui) override {
        const auto deadline = readDate(ui, deadline_, "deadline");
        const auto value = readAmount(ui, value_, byPercent() ? CurrencyCode::eur() : currency_, valueField());
        OfferMade c;
        c.debtor = ui.state().debtors[debtor_].id;
        c.kind = kind_;
        c.deadline = deadline.value_or(ui.today());
        c.percent = byPercent() ? value.value_or(0) : 0;
        c.pay = Money{pay(value).value_or(kind_ == OfferKind::Discount ? owed_ : 1), currency_};
        c.reason = reason_;
        if (!value) ignored_.insert("pay");
        return c;
    }

    Index debtor_;
    OfferKind kind_;
    bool byPercent_ = true;
    CurrencyCode currency_;
    std::int64_t owed_ = 0;
    std::string value_, deadline_, reason_;
};

} // namespace

std::shared_ptr<Form> planForm(Ui& ui, Index debtor, Index plan) { return std::make_shared<PlanForm>(ui, debtor, plan); }
std::shared_ptr<Form> cancelPlanForm(Ui& ui, Index plan) { return std::make_shared<CancelPlanForm>(ui, plan); }
std::shared_ptr<Form> offerForm(Ui& ui, Index debtor, OfferKind kind) {
    return std::make_shared<OfferForm>(ui, debtor, kind);
}

} // namespace recobra::ui
