#pragma once
// Invoices from accounting software, as CSV. The person says which column holds what (or
// Recobra guesses from the headers), how dates and decimals are written, and sees the first
// rows as Recobra reads them, with every problem by row and column. When every row is valid
// the import is a list of commands (registerDebtor for customers not yet known, then
// addInvoice for each row), applied through the normal command path all-or-nothing.
//
// Customers are matched to known debtors by tax id (normalized: "b-1234567.4" is
// "B12345674", and the VAT form "ESB12345674" is the same Spanish id), else by name
// (ignoring case, accents, spaces and punctuation: "Gráficas Peña, S.L." is "GRAFICAS PENA SL").
// Invoice numbers are the user's own series, unique across all customers: a number already
// in the file or already recorded is an error, never a second invoice.
#include "core/exchange/csv.hpp"
#include "core/rules/commands.hpp"
#include "core/workspace/workspace.hpp"

#include <array>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace recobra {

enum class InvoiceColumn { Number, Customer, TaxId, IssueDate, DueDate, Amount, Currency };
inline constexpr std::size_t kInvoiceColumns = 7;
inline constexpr std::array<InvoiceColumn, kInvoiceColumns> kAllInvoiceColumns{
    InvoiceColumn::Number,  InvoiceColumn::Customer, InvoiceColumn::TaxId,   InvoiceColumn::IssueDate,
    InvoiceColumn::DueDate, InvoiceColumn::Amount,   InvoiceColumn::Currency};
// "number", "customer", "taxId", "issue", "due", "amount", "currency": the CLI's --map keys.
const char* invoiceColumnKey(InvoiceColumn column);
// The label a picker shows ("Número de factura" / "Invoice number").
Str invoiceColumnLabel(InvoiceColumn column);
// Tax id and currency may be left out (a default currency applies); the rest may not.
bool invoiceColumnRequired(InvoiceColumn column);

// A CSV column: by its header (compared ignoring case, accents and surrounding spaces), or
// by position (1 for the first column).
struct ColumnRef {
    std::string header;
    std::size_t position = 0; // 0: by header
    friend bool operator==(const ColumnRef&, const ColumnRef&) = default;
};

struct InvoiceCsvMapping {
    std::array<std::optional<ColumnRef>, kInvoiceColumns> columns;
    std::optional<ColumnRef>& operator[](InvoiceColumn c) { return columns[static_cast<std::size_t>(c)]; }
    const std::optional<ColumnRef>& operator[](InvoiceColumn c) const { return columns[static_cast<std::size_t>(c)]; }
};

struct MappingParse {
    std::optional<InvoiceCsvMapping> mapping;
    std::optional<Problem> problem; // the key or value at fault
};
// "number=Factura,customer=Cliente,taxId=NIF,issue=Fecha,due=Vencimiento,amount=#6": a
// header or, with '#', a position. Every required column must be named.
MappingParse parseInvoiceMapping(std::string_view spec);
std::string formatInvoiceMapping(const InvoiceCsvMapping& mapping);
// A first guess from the headers (Spanish and English names accounting software uses);
// columns it cannot place are left empty for the person to pick.
InvoiceCsvMapping guessInvoiceMapping(const std::vector<std::string>& headers);

// How dates are written: the order of day, month and year, the separator, and whether the
// year has 2 digits (00–69 are 2000–2069, 70–99 are 1970–1999) or 4. Days and months may
// have 1 or 2 digits whatever the pattern says; a time after the date ("10/03/2026 00:00")
// is ignored.
struct DateFormat {
    enum class Order { DayMonthYear, MonthDayYear, YearMonthDay };
    Order order = Order::DayMonthYear;
    char separator = '/';
    int yearDigits = 4;

    // "dd/mm/yyyy", "d/m/yy", "yyyy-mm-dd", "mm/dd/yyyy", "dd.mm.yyyy"…
    static std::optional<DateFormat> parse(std::string_view pattern);
    std::string pattern() const;
    std::optional<Date> read(std::string_view text) const;
    friend bool operator==(const DateFormat&, const DateFormat&) = default;
};
// The patterns a picker offers, most common first.
std::vector<std::string> commonDateFormats();

// Comma: "1.234,56" (Spain, most of Latin America); point: "1,234.56" (Mexico, English).
// Thousands separators are optional; a space also groups thousands.
enum class DecimalMark { Comma, Point };

struct InvoiceImportOptions {
    InvoiceCsvMapping mapping;
    bool hasHeader = true;  // the first row names the columns
    char separator = 0;     // 0: detect
    DateFormat dateFormat;  // dd/mm/yyyy
    DecimalMark decimal = DecimalMark::Comma;
    CurrencyCode defaultCurrency = CurrencyCode::eur(); // rows without a currency column or value
    std::string country = "ES"; // of customers registered as new debtors (checks their tax id)
    std::size_t previewRows = 20;
};

// One data row as Recobra reads it.
struct ImportedInvoice {
    std::size_t row = 0; // as the spreadsheet numbers it (the header is row 1)
    std::string number, customer, taxId;
    std::optional<Date> issueDate, dueDate;
    std::optional<Money> amount;
    std::string debtor;            // the known debtor it goes to; empty for a new one
    std::optional<std::size_t> newDebtor; // else the customer the import registers (InvoiceImport::newDebtors)
    InvoiceKind kind = InvoiceKind::B2B;  // from the debtor's kind (public administration, consumer)
    std::vector<Problem> problems; // empty: the row imports
};

// A customer the import registers as a debtor.
struct NewDebtor {
    std::string legalName;
    std::string taxId; // as it will be recorded ("" when the file has none)
    DebtorKind kind = DebtorKind::Sme;
    std::size_t firstRow = 0;
    std::size_t invoices = 0;
};

// One command of the import, made by InvoiceImport::command(). An addInvoice for a customer
// the import registers names its debtor by the step that registers it: when applied, its
// "debtor" is the id that step created.
struct ImportStep {
    enum class Kind { RegisterDebtor, AddInvoice };
    Kind kind = Kind::AddInvoice;
    std::size_t row = 0;  // the CSV row it comes from
    std::size_t item = 0; // index in newDebtors (RegisterDebtor) or in invoices (AddInvoice)
    std::optional<std::size_t> debtorFromStep;
};

struct InvoiceImport {
    std::string file;
    InvoiceImportOptions options;
    char separator = ',';
    std::vector<std::string> headers; // the header row, or "A", "B"… without one
    // The column each value comes from (0-based), once resolved.
    std::array<std::optional<std::size_t>, kInvoiceColumns> columnIndex{};
    std::vector<ImportedInvoice> invoices; // every data row, in file order
    std::vector<ImportedInvoice> preview;  // the first options.previewRows of them
    std::size_t validRows = 0;
    std::vector<Problem> problems; // every problem, file-level first, then by row (capped at kMaxCsvProblems)
    std::size_t problemCount = 0;
    std::vector<NewDebtor> newDebtors;
    std::size_t knownDebtors = 0; // known debtors that get invoices
    MoneyBag total;               // of the valid rows
    // Every registerDebtor, then every addInvoice in row order; only when ok().
    std::vector<ImportStep> steps;

    bool ok() const { return problemCount == 0 && !invoices.empty(); }
    // The command of a step, as prepareCommand takes it ("debtor" of a new debtor's invoice:
    // `debtorId`, the id its registration created).
    nlohmann::json command(const ImportStep& step, const std::string& debtorId = {}) const;
    // How a problem names a column: its header and letter.
    std::string columnLabel(InvoiceColumn column) const;
};

// Reads, checks and plans the import against `state` (nothing is changed). Every row is
// checked as its command would be (a dry run of prepareCommand), so what the preview accepts
// the import accepts.
InvoiceImport analyzeInvoiceCsv(std::string_view text, const std::string& fileName, const InvoiceImportOptions& options,
                                const State& state, const CommandContext& context);

struct ImportApplied {
    std::vector<Event> events;      // applied and pending in the workspace: persist them together
    std::optional<Problem> problem; // a step was refused: nothing is applied (file, row and field)
    std::size_t debtorsAdded = 0;
    std::size_t invoicesAdded = 0;
};

// Dispatches the steps in order; if one is refused, every event already dispatched is taken
// out again, so the workspace is as before. An import that is not ok() applies nothing.
ImportApplied applyInvoiceImport(Workspace& workspace, const InvoiceImport& import, const CommandContext& context);

// The Spanish tax id in a VAT number ("ESB12345674" -> "B12345674"), else the id normalized.
std::string taxIdForMatching(std::string_view taxId);
// A name as matching compares it: folded, letters and digits only.
std::string nameForMatching(std::string_view name);

} // namespace recobra
