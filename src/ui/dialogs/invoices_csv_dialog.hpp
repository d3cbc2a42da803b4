#pragma once
// Invoices from accounting software, as a CSV file picked or dropped on the window: the
// person checks the separator and header row Recobra detected, picks the column of each
// value (guessed from the headers), the date and decimal formats, and sees the first rows as
// they will be imported with every problem by row and field. Import stays disabled while
// any row has a problem; the import itself is all or nothing (Session::importInvoices).
#include "core/exchange/csv_import.hpp"
#include "ui/ui.hpp"

#include <array>
#include <optional>
#include <string>
#include <vector>

namespace recobra::ui {

class InvoicesCsvDialog {
public:
    // `problem`: the file could not be taken in at all (too large): shown, nothing else.
    void offer(Ui& ui, std::string fileName, std::string text, std::optional<Problem> problem = std::nullopt);
    bool isOpen() const { return open_; }
    void draw(Ui& ui);
    nlohmann::json stateJson() const;

private:
    void detect(Ui& ui);
    void analyze(Ui& ui);
    void drawSettings(Ui& ui);
    void drawColumns(Ui& ui);
    void drawSummary(Ui& ui);
    void drawPreview(Ui& ui, float height);
    void apply(Ui& ui);
    void close();

    bool open_ = false, opened_ = false, applying_ = false;
    std::string fileName_, text_;
    std::optional<Problem> fileProblem_;  // the file itself (too large), or the import's refusal
    InvoiceImportOptions options_;
    int separator_ = 0; // 0: detected, then ',', ';', tab
    char detectedSeparator_ = ',';
    CsvEncoding encoding_ = CsvEncoding::Utf8; // what the file was saved in (text_ is UTF-8)
    std::array<std::optional<std::size_t>, kInvoiceColumns> columns_{}; // 0-based column picked for each value
    std::vector<std::string> headers_;                                 // of the file as read now
    std::vector<std::string> sample_;                                  // the first data row, for the pickers
    std::string currency_, country_;
    InvoiceImport plan_;
    std::uint64_t analyzedRevision_ = ~0ull;
    bool dirty_ = true;
};

} // namespace recobra::ui
