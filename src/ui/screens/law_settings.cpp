#include "ui/screens/law_settings.hpp"

#include "core/law/tables.hpp"
#include "ui/screens/claim_view.hpp"
#include "ui/forms/form.hpp"
#include "ui/widgets.hpp"

namespace recobra::ui {

namespace {

RateSet clearing(RateTable table, const std::string& period) {
    RateSet c;
    c.table = table;
    c.period = period;
    c.clear = true;
    return c;
}

// One table of rates, newest first, with the periods up to today that have no rate.
void rateTable(Ui& ui, const LawTables& tables, RateTable table, const char* id) {
    const Date today = ui.today();
    std::vector<std::string> periods;
    for (const RateEntry* r : tables.rates(table)) periods.push_back(r->period);
    // Every period from the oldest shipped up to today's, so that a gap shows.
    if (!periods.empty()) {
        const auto first = ratePeriodDays(table, periods.front());
        for (Date d = first ? first->first : today; d <= today;
             d = ratePeriodDays(table, ratePeriodOf(table, d))->second.addDays(1)) {
            const std::string p = ratePeriodOf(table, d);
            if (std::find(periods.begin(), periods.end(), p) == periods.end()) periods.push_back(p);
        }
    }
    std::sort(periods.begin(), periods.end(), std::greater<>());
    heading(recobra::label(table, ui.lang), 15);
    ImGui::BeginChild(id, ImVec2(0, ui.px(190)), ImGuiChildFlags_Borders);
    if (ImGui::BeginTable(id, 4, ImGuiTableFlags_RowBg | ImGuiTableFlags_SizingFixedFit)) {
        ImGui::TableSetupColumn("period", ImGuiTableColumnFlags_WidthFixed, ui.px(70));
        ImGui::TableSetupColumn("rate", ImGuiTableColumnFlags_WidthFixed, ui.px(190));
        ImGui::TableSetupColumn("source", ImGuiTableColumnFlags_WidthStretch);
        ImGui::TableSetupColumn("action", ImGuiTableColumnFlags_WidthFixed);
        for (std::size_t k = 0; k < periods.size(); ++k) {
            const std::string& period = periods[k];
            const RateEntry* r = tables.rate(table, period);
            ImGui::PushID(static_cast<int>(k));
            nextRow();
            nextCell();
            ImGui::TextUnformatted(period.c_str());
            nextCell();
            if (r) {
                ImGui::TextUnformatted(percentText(r->basisPoints, ui.lang).c_str());
            } else {
                ImGui::PushStyleColor(ImGuiCol_Text, colors::warning);
                ImGui::TextUnformatted(ui.tf(Str::settings_law_missing, {period}).c_str());
                ImGui::PopStyleColor();
            }
            tagLastItem(std::string("settings.law.") + enumName(table) + "." + period);
            nextCell();
            if (r) {
                const std::string source = r->source + (r->userSet ? std::string(" · ") + ui.t(Str::settings_law_yours) : "");
                ImGui::PushStyleColor(ImGuiCol_Text, colors::textMuted);
                clippedText(source);
                ImGui::PopStyleColor();
            }
            nextCell();
            if (!r) {
                if (ImGui::SmallButton(ui.t(Str::settings_law_add_rate)) && ui.openForm)
                    ui.openForm(rateForm(ui, table, period));
                tagLastItem(std::string("settings.law.") + enumName(table) + "." + period + ".add");
            } else if (r->userSet) {
                if (ImGui::SmallButton(ui.t(Str::settings_law_clear))) ui.submit(clearing(table, period), nullptr);
                tagLastItem(std::string("settings.law.") + enumName(table) + "." + period + ".clear");
            }
            ImGui::PopID();
        }
        ImGui::EndTable();
    }
    ImGui::EndChild();
}

} // namespace

void drawLawCard(Ui& ui) {
    heading(ui.t(Str::settings_law), 17);
    ImGui::PushTextWrapPos(0);
    mutedText(ui.t(Str::settings_law_intro));
    ImGui::PopTextWrapPos();
    const LawTables tables(ui.state().law);
    rateTable(ui, tables, RateTable::LatePayment, "##late-payment");
    ImGui::Spacing();
    rateTable(ui, tables, RateTable::LegalInterest, "##legal-interest");
    if (ImGui::Button(ui.t(Str::settings_law_add_rate)) && ui.openForm) ui.openForm(rateForm(ui));
    tagLastItem("settings.law.addRate");

    ImGui::Spacing();
    heading(ui.t(Str::settings_law_suspensions), 15);
    for (const auto& s : tables.suspensions()) {
        ImGui::PushID(s.id.c_str());
        ImGui::BulletText("%s — %s: %s", ui.date(s.from).c_str(), ui.date(s.until).c_str(), s.source.c_str());
        if (s.userSet) {
            ImGui::SameLine();
            if (ImGui::SmallButton(ui.t(Str::settings_law_clear))) {
                SuspensionSet c;
                c.suspension = s.id;
                c.from = s.from;
                c.until = s.until;
                c.clear = true;
                ui.submit(c, nullptr);
            }
        }
        ImGui::PopID();
    }
    if (ImGui::Button(ui.t(Str::settings_law_add_suspension)) && ui.openForm) ui.openForm(suspensionForm(ui));
    tagLastItem("settings.law.addSuspension");
}

} // namespace recobra::ui
