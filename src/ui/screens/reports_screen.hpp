#pragma once
// The reports: the collection KPIs (core/reports/kpis.hpp) as of a day, over a period, for the
// whole book, one assignee or one segment, in one currency at a time: the figures, each with
// what it means on hover, and charts of the aging and of the last months. The KPIs are
// computed once per change of the data or of the options, never per frame.
#include "core/reports/kpis.hpp"
#include "core/rules/segmentation.hpp"
#include "ui/ui.hpp"

#include <optional>
#include <string>

namespace recobra::ui {

class ReportsScreen {
public:
    void draw(Ui& ui);
    // For window.recobra.uiState(): the options shown and the currency chosen.
    nlohmann::json stateJson() const;

    enum class Period { Month, Quarter, Year, Custom };

private:
    void drawEmpty(Ui& ui);
    void drawControls(Ui& ui);
    bool dateField(Ui& ui, Str label, const char* field, std::string& text, std::optional<Date>& value, float width);
    void refresh(Ui& ui);
    void drawFigures(Ui& ui, const CurrencyKpis& k);
    void drawCharts(Ui& ui, const CurrencyKpis& k);
    // Each table as CSV and the report as a page to print (exchange/kpi_export.hpp), for what
    // is shown: the whole book or the group chosen, every currency.
    void drawExports(Ui& ui, const std::vector<CurrencyKpis>& list);
    // The chosen assignee's name ("Unassigned" for nobody).
    std::string assigneeName(const Ui& ui) const;

    // The options as chosen; `asOf_` unset follows today.
    std::optional<Date> asOf_, from_, to_;
    std::string asOfText_, fromText_, toText_;
    Period period_ = Period::Month;
    std::optional<std::string> assignee_; // "": unassigned
    std::optional<Segment> segment_;
    std::optional<CurrencyCode> currency_;
    std::string error_;
    std::string badField_; // the date field whose text could not be read (error_ says why)

    // The report and what it was computed for.
    KpiOptions options_;
    KpiReport report_;
    std::uint64_t revision_ = ~0ull;
    bool computed_ = false;
};

} // namespace recobra::ui
