#include "ui/dialogs/invoices_csv_dialog.hpp"

#include "ui/widgets.hpp"

#include <imgui.h>
#include <imgui_stdlib.h>

#include <algorithm>
#include <cctype>

namespace recobra::ui {

namespace {

constexpr std::size_t kDetectBytes = 32 * 1024; // enough rows to guess formats, cheap to read again
constexpr std::size_t kProblemsShown = 4;
constexpr char kSeparators[] = {0, ',', ';', '\t'};

// The start of the file, cut after a whole line: what detection and the pickers' samples read.
std::string_view head(const std::string& text) {
    if (text.size() <= kDetectBytes) return text;
    std::string_view v(text.data(), kDetectBytes);
    const auto end = v.rfind('\n');
    return end == std::string_view::npos ? v : v.substr(0, end + 1);
}

Str separatorName(char c) {
    return c == ';' ? Str::csv_sep_semicolon : c == '\t' ? Str::csv_sep_tab : Str::csv_sep_comma;
}

std::size_t at(InvoiceColumn c) { return static_cast<std::size_t>(c); }

} // namespace

void InvoicesCsvDialog::offer(Ui& ui, std::string fileName, std::string text, std::optional<Problem> problem) {
    open_ = true;
    opened_ = false;
    applying_ = false;
    fileName_ = std::move(fileName);
    // Read once as UTF-8, whatever Excel saved it in; the preview says which it was.
    CsvDecoded decoded = decodeCsvBytes(text);
    encoding_ = decoded.encoding;
    if (decoded.encoding != CsvEncoding::Utf8) text = std::move(decoded.converted);
    if (!problem && decoded.problem) {
        problem = std::move(decoded.problem);
        problem->file = fileName_;
    }
    text_ = std::move(text);
    fileProblem_ = std::move(problem);
    plan_ = InvoiceImport{};
    options_ = InvoiceImportOptions{};
    options_.defaultCurrency = ui.currency();
    currency_ = options_.defaultCurrency.str();
    country_ = options_.country;
    separator_ = 0;
    columns_ = {};
    if (!fileProblem_) detect(ui);
    dirty_ = true;
}

// A first reading: the separator, whether the first row names the columns, which column
// holds what, and the date and decimal formats that read the first rows with fewest problems.
void InvoicesCsvDialog::detect(Ui& ui) {
    const std::string_view start = head(text_);
    detectedSeparator_ = detectCsvSeparator(start);
    const CsvRead read = readCsv(start, fileName_);
    std::vector<std::string> first;
    if (read.table && !read.table->rows.empty()) first = read.table->rows.front().cells;
    const InvoiceCsvMapping guess = guessInvoiceMapping(first);
    const auto named = std::count_if(guess.columns.begin(), guess.columns.end(), [](const auto& c) { return c.has_value(); });
    options_.hasHeader = named >= 2;
    options_.mapping = options_.hasHeader ? guess : InvoiceCsvMapping{};
    const CommandContext context = ui.commandContext();
    auto problems = [&] {
        return analyzeInvoiceCsv(start, fileName_, options_, ui.state(), context).problemCount;
    };
    const InvoiceImport placed = analyzeInvoiceCsv(start, fileName_, options_, ui.state(), context);
    columns_ = placed.columnIndex;
    for (std::size_t c = 0; c < kInvoiceColumns; ++c)
        options_.mapping.columns[c] = columns_[c] ? std::optional<ColumnRef>(ColumnRef{"", *columns_[c] + 1}) : std::nullopt;
    // Only worth it once the columns holding dates and amounts are known.
    if (columns_[at(InvoiceColumn::IssueDate)] || columns_[at(InvoiceColumn::DueDate)]) {
        std::size_t best = ~std::size_t{0};
        DateFormat chosen = options_.dateFormat;
        for (const auto& pattern : commonDateFormats()) {
            options_.dateFormat = *DateFormat::parse(pattern);
            const std::size_t n = problems();
            if (n < best) best = n, chosen = options_.dateFormat;
        }
        options_.dateFormat = chosen;
    }
    if (columns_[at(InvoiceColumn::Amount)]) {
        options_.decimal = DecimalMark::Comma;
        const std::size_t comma = problems();
        options_.decimal = DecimalMark::Point;
        if (problems() >= comma) options_.decimal = DecimalMark::Comma;
    }
}

void InvoicesCsvDialog::analyze(Ui& ui) {
    options_.separator = kSeparators[separator_];
    for (std::size_t c = 0; c < kInvoiceColumns; ++c)
        options_.mapping.columns[c] = columns_[c] ? std::optional<ColumnRef>(ColumnRef{"", *columns_[c] + 1}) : std::nullopt;
    if (auto code = CurrencyCode::parse(currency_); code && findCurrency(*code)) options_.defaultCurrency = *code;
    if (country_.size() == 2 && std::isupper(static_cast<unsigned char>(country_[0])) &&
        std::isupper(static_cast<unsigned char>(country_[1])))
        options_.country = country_;
    plan_ = analyzeInvoiceCsv(text_, fileName_, options_, ui.state(), ui.commandContext());
    // The pickers show each column's header (or letter) and its first value.
    CsvReadOptions read;
    read.separator = options_.separator;
    const CsvRead start = readCsv(head(text_), fileName_, read);
    headers_.clear();
    sample_.clear();
    if (start.table && !start.table->rows.empty()) {
        const auto& rows = start.table->rows;
        for (std::size_t i = 0; i < rows.front().cells.size(); ++i)
            headers_.push_back(options_.hasHeader ? rows.front().cells[i] : "");
        const std::size_t data = options_.hasHeader ? 1 : 0;
        if (rows.size() > data) sample_ = rows[data].cells;
    }
    analyzedRevision_ = ui.session->workspace().revision();
    dirty_ = false;
}

void InvoicesCsvDialog::apply(Ui& ui) {
    if (!ui.session || !plan_.ok()) return;
    applying_ = true;
    const std::size_t invoices = plan_.invoices.size(), debtors = plan_.newDebtors.size();
    ui.session->importInvoices(plan_, ui.commandContext(), [this, &ui, invoices, debtors](const CommandOutcome& outcome) {
        applying_ = false;
        if (outcome.ok) {
            if (ui.toast)
                ui.toast(ui.tf(Str::csv_imported, {formatCount(static_cast<std::int64_t>(invoices), ui.lang),
                                                   formatCount(static_cast<std::int64_t>(debtors), ui.lang)}),
                         ToastKind::Success);
            close();
            if (ui.showScreen) ui.showScreen(Screen::Debtors);
        } else {
            fileProblem_ = outcome.problem.value_or(problem(Str::err_invalid));
            dirty_ = true;
        }
        ui.host.requestFrame();
    });
}

void InvoicesCsvDialog::close() {
    open_ = false;
    text_ = {};
    plan_ = InvoiceImport{};
}

void InvoicesCsvDialog::draw(Ui& ui) {
    if (!open_ || !ui.session) return;
    if (!applying_ && !fileProblem_ && (dirty_ || analyzedRevision_ != ui.session->workspace().revision())) analyze(ui);
    const char* id = "###csv-import";
    const ImGuiViewport* viewport = ImGui::GetMainViewport();
    const ImVec2 size(std::min(ui.px(1140), viewport->Size.x - ui.px(40)),
                      fileProblem_ ? 0.0f : viewport->Size.y - ui.px(60));
    if (!beginDialog(id, opened_, size)) {
        close();
        return;
    }
    setTagPrefix("csv");
    heading(ui.t(Str::csv_title), 20);
    ImGui::SameLine();
    mutedText(fileName_);
    tagLastItem("csv.file");
    ImGui::Spacing();

    bool cancel = false;
    if (fileProblem_) {
        errorBanner(ui.tf(Str::import_refused, {fileProblem_->describe(ui.lang)}));
        tagLastItem("csv.problem");
        ImGui::Spacing();
        mutedText(ui.t(Str::import_nothing_changed));
        ImGui::Spacing();
        cancel = ImGui::Button(ui.t(Str::action_close), ImVec2(ui.px(130), 0));
        tagLastItem("csv.close");
    } else {
        ImGui::BeginDisabled(applying_);
        drawSettings(ui);
        ImGui::Spacing();
        drawColumns(ui);
        ImGui::EndDisabled();
        ImGui::Spacing();
        drawSummary(ui);
        ImGui::Spacing();
        const float footer = ImGui::GetFrameHeightWithSpacing() + ui.px(16);
        drawPreview(ui, std::max(ui.px(120), ImGui::GetContentRegionAvail().y - footer));
        ImGui::Spacing();
        ImGui::BeginDisabled(applying_);
        cancel = ImGui::Button(ui.t(Str::action_cancel), ImVec2(ui.px(130), 0));
        tagLastItem("csv.cancel");
        ImGui::EndDisabled();
        ImGui::SameLine();
        ImGui::BeginDisabled(applying_ || !plan_.ok());
        const std::string label =
            ui.tf(Str::csv_import_button, {formatCount(static_cast<std::int64_t>(plan_.invoices.size()), ui.lang)});
        if (primaryButton(label.c_str())) apply(ui);
        tagLastItem("csv.import");
        ImGui::EndDisabled();
        ImGui::SameLine();
        if (applying_) mutedText(ui.t(Str::saving_wait));
        else if (!plan_.ok()) mutedText(ui.t(Str::csv_fix_first));
    }
    if (!applying_ && (cancel || ImGui::IsKeyPressed(ImGuiKey_Escape, false))) {
        close();
        ImGui::CloseCurrentPopup();
    }
    endDialog();
}

void InvoicesCsvDialog::drawSettings(Ui& ui) {
    ImGui::BeginGroup();
    fieldLabel(ui.t(Str::csv_separator));
    ImGui::SetNextItemWidth(ui.px(250));
    const std::string detected = ui.tf(Str::csv_sep_detected, {ui.t(separatorName(detectedSeparator_))});
    const char* current = separator_ == 0 ? detected.c_str() : ui.t(separatorName(kSeparators[separator_]));
    if (ImGui::BeginCombo("##separator", current)) {
        for (int i = 0; i < 4; ++i) {
            const char* name = i == 0 ? detected.c_str() : ui.t(separatorName(kSeparators[i]));
            if (ImGui::Selectable(name, separator_ == i)) separator_ = i, dirty_ = true;
            tagLastItem("csv.separator." + std::to_string(i));
        }
        ImGui::EndCombo();
    }
    tagLastItem("csv.separator");

    nextFieldColumn();
    fieldLabel(ui.t(Str::csv_first_row));
    if (ImGui::Checkbox(ui.t(Str::csv_has_header), &options_.hasHeader)) dirty_ = true;
    tagLastItem("csv.header");

    nextFieldColumn();
    fieldLabel(ui.t(Str::csv_date_format));
    ImGui::SetNextItemWidth(ui.px(150));
    const std::string pattern = options_.dateFormat.pattern();
    if (ImGui::BeginCombo("##dates", pattern.c_str())) {
        for (const auto& p : commonDateFormats()) {
            if (ImGui::Selectable(p.c_str(), p == pattern)) options_.dateFormat = *DateFormat::parse(p), dirty_ = true;
            tagLastItem("csv.dateFormat." + p);
        }
        ImGui::EndCombo();
    }
    tagLastItem("csv.dateFormat");

    nextFieldColumn();
    fieldLabel(ui.t(Str::csv_decimal));
    ImGui::SetNextItemWidth(ui.px(190));
    const Str mark = options_.decimal == DecimalMark::Comma ? Str::csv_decimal_comma : Str::csv_decimal_point;
    if (ImGui::BeginCombo("##decimal", ui.t(mark))) {
        if (ImGui::Selectable(ui.t(Str::csv_decimal_comma), options_.decimal == DecimalMark::Comma))
            options_.decimal = DecimalMark::Comma, dirty_ = true;
        tagLastItem("csv.decimal.comma");
        if (ImGui::Selectable(ui.t(Str::csv_decimal_point), options_.decimal == DecimalMark::Point))
            options_.decimal = DecimalMark::Point, dirty_ = true;
        tagLastItem("csv.decimal.point");
        ImGui::EndCombo();
    }
    tagLastItem("csv.decimal");

    nextFieldColumn();
    fieldLabel(ui.t(Str::csv_default_currency));
    ImGui::SetNextItemWidth(ui.px(110));
    if (ImGui::BeginCombo("##currency", currency_.c_str())) {
        for (const auto& code : knownCurrencies()) {
            const std::string c = code.str();
            if (ImGui::Selectable(c.c_str(), c == currency_)) currency_ = c, dirty_ = true;
        }
        ImGui::EndCombo();
    }
    tagLastItem("csv.currency");

    nextFieldColumn();
    fieldLabel(ui.t(Str::csv_country));
    ImGui::SetNextItemWidth(ui.px(70));
    if (ImGui::InputText("##country", &country_, ImGuiInputTextFlags_CharsUppercase)) dirty_ = true;
    tagLastItem("csv.country");
    ImGui::EndGroup();
}

void InvoicesCsvDialog::drawColumns(Ui& ui) {
    heading(ui.t(Str::csv_columns), 16);
    // A grid of four pickers per row, labels above, every row aligned.
    if (!ImGui::BeginTable("csv-columns", 4, ImGuiTableFlags_SizingStretchSame)) return;
    nextRow();
    auto columnName = [&](std::size_t i) {
        std::string name = csvColumnLabel(i, i < headers_.size() ? headers_[i] : "");
        if (i < sample_.size() && !sample_[i].empty()) name += "  ·  " + sample_[i];
        return name;
    };
    for (std::size_t c = 0; c < kInvoiceColumns; ++c) {
        const InvoiceColumn column = kAllInvoiceColumns[c];
        nextCell();
        const float width = ImGui::GetContentRegionAvail().x;
        std::string label = ui.t(invoiceColumnLabel(column));
        if (!invoiceColumnRequired(column)) label += " " + std::string(ui.t(Str::csv_optional));
        // Every label on the frame's baseline: a table cell otherwise takes the row's baseline
        // from the combo drawn in the cell before it.
        ImGui::AlignTextToFramePadding();
        fieldLabel(fitText(label, width).c_str());
        ImGui::SetNextItemWidth(width);
        const std::string id = std::string("##col-") + invoiceColumnKey(column);
        const std::string shown = columns_[c] ? fitText(columnName(*columns_[c]), width - ui.px(36)) : ui.t(Str::csv_no_column);
        if (ImGui::BeginCombo(id.c_str(), shown.c_str(), ImGuiComboFlags_HeightLarge)) {
            if (ImGui::Selectable(ui.t(Str::csv_no_column), !columns_[c])) columns_[c].reset(), dirty_ = true;
            for (std::size_t i = 0; i < headers_.size(); ++i) {
                const std::string item = fitText(columnName(i), ui.px(420)) + "##" + std::to_string(i);
                if (ImGui::Selectable(item.c_str(), columns_[c] == i)) columns_[c] = i, dirty_ = true;
                tagLastItem(std::string("csv.col.") + invoiceColumnKey(column) + "." + std::to_string(i));
            }
            ImGui::EndCombo();
        }
        tagLastItem(std::string("csv.col.") + invoiceColumnKey(column));
    }
    ImGui::EndTable();
}

void InvoicesCsvDialog::drawSummary(Ui& ui) {
    auto n = [&](std::size_t v) { return formatCount(static_cast<std::int64_t>(v), ui.lang); };
    const std::size_t rows = plan_.invoices.size(), bad = rows - std::min(rows, plan_.validRows);
    std::string text = ui.tf(Str::csv_summary_rows, {n(rows), n(plan_.validRows), n(bad)});
    text += "   ·   " + ui.tf(Str::csv_summary_debtors, {n(plan_.newDebtors.size()), n(plan_.knownDebtors)});
    if (!plan_.total.isZero()) text += "   ·   " + ui.tf(Str::csv_summary_total, {ui.money(plan_.total)});
    ImGui::PushStyleColor(ImGuiCol_Text, bad > 0 || plan_.problemCount > 0 ? colors::danger : colors::success);
    ImGui::TextUnformatted(text.c_str());
    ImGui::PopStyleColor();
    tagLastItem("csv.summary");
    const Str encoding = encoding_ == CsvEncoding::Utf8          ? Str::csv_enc_utf8
                         : encoding_ == CsvEncoding::Windows1252 ? Str::csv_enc_windows1252
                                                                 : Str::csv_enc_utf16;
    mutedText(ui.tf(Str::csv_encoding, {ui.t(encoding)}));
    tagLastItem("csv.encoding", enumName(encoding_));
    if (plan_.problemCount == 0) return;
    std::string list;
    for (std::size_t i = 0; i < plan_.problems.size() && i < kProblemsShown; ++i)
        list += (list.empty() ? "" : "\n") + plan_.problems[i].describe(ui.lang);
    if (plan_.problemCount > kProblemsShown)
        list += "\n" + ui.tf(Str::csv_more_problems, {n(plan_.problemCount - kProblemsShown)});
    ImGui::Spacing();
    errorBanner(list);
    tagLastItem("csv.problems");
}

void InvoicesCsvDialog::drawPreview(Ui& ui, float height) {
    const ImGuiTableFlags flags = ImGuiTableFlags_ScrollY | ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerH |
                                  ImGuiTableFlags_BordersOuter | ImGuiTableFlags_SizingStretchProp | ImGuiTableFlags_Resizable;
    if (!ImGui::BeginTable("csv-preview", 9, flags, ImVec2(0, height))) return;
    ImGui::TableSetupScrollFreeze(0, 1);
    ImGui::TableSetupColumn(ui.t(Str::csv_row), ImGuiTableColumnFlags_WidthStretch, 0.45f);
    ImGui::TableSetupColumn(ui.t(Str::agency_number), ImGuiTableColumnFlags_WidthStretch, 1.0f);
    ImGui::TableSetupColumn(ui.t(Str::imp_col_customer), ImGuiTableColumnFlags_WidthStretch, 2.0f);
    ImGui::TableSetupColumn(ui.t(Str::agency_tax_id), ImGuiTableColumnFlags_WidthStretch, 1.0f);
    ImGui::TableSetupColumn(ui.t(Str::agency_issue), ImGuiTableColumnFlags_WidthStretch, 1.0f);
    ImGui::TableSetupColumn(ui.t(Str::agency_due), ImGuiTableColumnFlags_WidthStretch, 1.0f);
    ImGui::TableSetupColumn(ui.t(Str::imp_col_amount), ImGuiTableColumnFlags_WidthStretch, 1.1f);
    ImGui::TableSetupColumn(ui.t(Str::csv_debtor), ImGuiTableColumnFlags_WidthStretch, 0.8f);
    ImGui::TableSetupColumn(ui.t(Str::csv_problems), ImGuiTableColumnFlags_WidthStretch, 2.6f);
    ImGui::TableHeadersRow();
    const State& s = ui.state();
    for (std::size_t k = 0; k < plan_.preview.size(); ++k) {
        const ImportedInvoice& row = plan_.preview[k];
        nextRow();
        if (!row.problems.empty())
            ImGui::TableSetBgColor(ImGuiTableBgTarget_RowBg1, ImGui::GetColorU32(ImVec4(0.99f, 0.90f, 0.90f, 1)));
        cell(0);
        ImGui::TextUnformatted(std::to_string(row.row).c_str());
        if (k < 50) tagLastItem("csv.row." + std::to_string(k));
        cell(1);
        clippedText(row.number);
        cell(2);
        clippedText(row.customer);
        cell(3);
        clippedText(row.taxId);
        cell(4);
        clippedText(row.issueDate ? ui.date(*row.issueDate) : ui.t(Str::none_dash));
        cell(5);
        clippedText(row.dueDate ? ui.date(*row.dueDate) : ui.t(Str::none_dash));
        cell(6);
        if (row.amount) textRightAligned(ui.money(*row.amount));
        else ImGui::TextUnformatted(ui.t(Str::none_dash));
        cell(7);
        if (!row.debtor.empty()) {
            const auto d = s.debtor(row.debtor);
            pill(ui.t(Str::csv_debtor_known), colors::accent);
            if (d && ImGui::IsItemHovered()) ImGui::SetTooltip("%s", s.debtors[*d].profile.legalName.c_str());
        } else if (row.newDebtor) {
            pill(ui.t(Str::csv_debtor_new), colors::success);
        }
        cell(8);
        if (!row.problems.empty()) {
            std::string text;
            for (const auto& p : row.problems)
                text += (text.empty() ? "" : "\n") + (p.field.empty() ? "" : p.field + ": ") + p.reason(ui.lang);
            ImGui::PushStyleColor(ImGuiCol_Text, colors::danger);
            ImGui::PushTextWrapPos(0);
            ImGui::TextUnformatted(text.c_str());
            ImGui::PopTextWrapPos();
            ImGui::PopStyleColor();
        }
    }
    ImGui::EndTable();
    tagLastItem("csv.preview");
    if (plan_.invoices.size() > plan_.preview.size())
        mutedText(ui.tf(Str::csv_preview_more, {formatCount(static_cast<std::int64_t>(plan_.preview.size()), ui.lang),
                                               formatCount(static_cast<std::int64_t>(plan_.invoices.size()), ui.lang)}));
}

nlohmann::json InvoicesCsvDialog::stateJson() const {
    if (!open_) return nullptr;
    nlohmann::json columns = nlohmann::json::object();
    for (std::size_t c = 0; c < kInvoiceColumns; ++c)
        columns[invoiceColumnKey(kAllInvoiceColumns[c])] = columns_[c] ? nlohmann::json(*columns_[c]) : nlohmann::json(nullptr);
    nlohmann::json problems = nlohmann::json::array();
    for (const auto& p : plan_.problems)
        problems.push_back({{"row", p.record}, {"field", p.field}, {"text", p.describe(Lang::en)}});
    nlohmann::json preview = nlohmann::json::array();
    for (const auto& r : plan_.preview)
        preview.push_back({{"row", r.row}, {"number", r.number}, {"customer", r.customer}, {"problems", r.problems.size()},
                           {"newDebtor", r.newDebtor.has_value()}});
    const char sep = options_.separator ? options_.separator : plan_.separator;
    nlohmann::json j = {{"file", fileName_},
                        {"encoding", enumName(encoding_)},
                        {"separator", std::string(1, sep)},
                        {"hasHeader", options_.hasHeader},
                        {"dateFormat", options_.dateFormat.pattern()},
                        {"decimal", options_.decimal == DecimalMark::Comma ? "comma" : "point"},
                        {"columns", columns},
                        {"rows", plan_.invoices.size()},
                        {"validRows", plan_.validRows},
                        {"newDebtors", plan_.newDebtors.size()},
                        {"knownDebtors", plan_.knownDebtors},
                        {"problemCount", plan_.problemCount},
                        {"problems", problems},
                        {"preview", preview},
                        {"canImport", plan_.ok() && !applying_},
                        {"applying", applying_}};
    if (fileProblem_) j["error"] = fileProblem_->describe(Lang::en);
    return j;
}

} // namespace recobra::ui
