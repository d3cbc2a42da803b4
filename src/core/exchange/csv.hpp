#pragma once
// CSV as spreadsheets and accounting software write it (RFC 4180): fields separated by `,`,
// `;` or a tab, quoted with `"` when they hold the separator, a quote or a line break, a quote
// inside a quoted field doubled (""), rows ended by CRLF, LF or CR, an optional UTF-8
// byte-order mark. Reading never throws: what does not fit is a Problem naming the file, the
// row (counted as a spreadsheet counts them) and the column. Files in UTF-16 or Windows-1252
// (Excel's CSV on a Spanish Windows) are read too: see CsvEncoding.
//
// Writing is for LibreOffice Calc and Excel: UTF-8 with a byte-order mark (without it Excel
// reads UTF-8 as Windows-1252 and "Peña" becomes "PeÃ±a"), `;` for Spanish (the decimal
// comma takes `,`, so Spanish spreadsheets expect `;`), `,` for English, CRLF line ends.
//
// Formula injection (OWASP "CSV injection"): a cell that starts with `=`, `+`, `-`, `@`, a
// tab or a carriage return is run as a formula by spreadsheets (`=HYPERLINK(...)`, DDE).
// The writer puts an apostrophe in front of such a cell, which makes every spreadsheet take
// it as text; the apostrophe stays visible, and that is the price of safety. Two exceptions,
// on purpose: a plain negative number ("-12,50", "-3") is left alone, because it is a number
// and no spreadsheet runs it; and a cell that already starts with apostrophes followed by one
// of those characters gets one more, so that reading with `undoFormulaGuard` gives back
// exactly what was written (see csvNeedsGuard).
#include "core/i18n/locale.hpp"
#include "core/i18n/problem.hpp"
#include "core/model/vocabulary.hpp"

#include <array>
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace recobra {

// The largest CSV Recobra reads: about 600,000 invoice rows, far more than any accounting
// export, and small enough to preview in the browser's memory.
inline constexpr std::size_t kMaxCsvBytes = std::size_t{64} << 20;
inline constexpr std::size_t kMaxCsvColumns = 1000;
// Problems kept in a read or an import; past this only the count grows.
inline constexpr std::size_t kMaxCsvProblems = 200;

struct CsvReadOptions {
    char separator = 0;            // ',', ';' or '\t'; 0: detect it from the first rows
    bool undoFormulaGuard = false; // drop the apostrophe the writer adds (files Recobra wrote)
};

struct CsvRow {
    std::size_t number = 0; // 1 for the first row of the file, as spreadsheets count
    std::vector<std::string> cells;
};

// How the file's bytes were written. Excel's "CSV (delimitado por comas)" on a Spanish Windows
// is Windows-1252; its "CSV UTF-8" is UTF-8 with a byte-order mark; "Unicode text" is UTF-16.
enum class CsvEncoding { Utf8, Utf16Le, Utf16Be, Windows1252 };
template <> struct EnumTable<CsvEncoding> {
    static constexpr std::array<std::pair<CsvEncoding, const char*>, 4> values{
        {{CsvEncoding::Utf8, "utf-8"},
         {CsvEncoding::Utf16Le, "utf-16le"},
         {CsvEncoding::Utf16Be, "utf-16be"},
         {CsvEncoding::Windows1252, "windows-1252"}}};
};

// A file's bytes as UTF-8: UTF-8 with or without a byte-order mark as it is, UTF-16 with its
// byte-order mark converted, anything else read as Windows-1252 (ISO-8859-1 is a subset of
// it, and every byte is a character in it). Only UTF-16 that breaks off mid-character fails.
struct CsvDecoded {
    CsvEncoding encoding = CsvEncoding::Utf8;
    bool byteOrderMark = false;
    std::string converted; // the text as UTF-8 when it was not (empty for UTF-8)
    std::optional<Problem> problem;
    // The UTF-8 text, without a byte-order mark, of `bytes` (what this was decoded from).
    std::string_view text(std::string_view bytes) const;
};
CsvDecoded decodeCsvBytes(std::string_view bytes);

struct CsvTable {
    char separator = ',';
    bool byteOrderMark = false;
    CsvEncoding encoding = CsvEncoding::Utf8; // what the file was written in
    std::vector<CsvRow> rows; // blank rows (no text in any cell) left out; numbers keep counting
};

struct CsvRead {
    // Nothing when the file cannot be read as CSV at all (broken UTF-16, a quote never closed…);
    // otherwise every row, even when `problems` lists some (a preview shows them).
    std::optional<CsvTable> table;
    std::vector<Problem> problems; // file, row and column (the field: "C", or "Importe (C)")
    std::size_t problemCount = 0;  // problems.size() is capped at kMaxCsvProblems
    bool ok() const { return table.has_value() && problemCount == 0; }
};

CsvRead readCsv(std::string_view text, const std::string& fileName, const CsvReadOptions& options = {});

// The separator that splits the first rows into the same number of columns (the most
// columns wins); for a ragged file the one that splits the first row most; for a single
// column one that splits no row (';' first, then ',', then tab).
char detectCsvSeparator(std::string_view text);

// "A" for the first column, "Z", "AA"…: the name a spreadsheet shows.
std::string csvColumnName(std::size_t index);
// How a problem names a column: "Importe (F)" when the header is known, else "F".
std::string csvColumnLabel(std::size_t index, std::string_view header);

// --- writing -------------------------------------------------------------------------------------

struct CsvStyle {
    char separator = ';';
    bool byteOrderMark = true;
};
// `;` for Spanish, `,` for English; both with a byte-order mark.
CsvStyle csvStyle(Lang lang);

// Whether a cell would run as a formula (or is the writer's own guard of one): it starts with
// any apostrophes followed by `=`, `+`, `-`, `@`, a tab or a carriage return.
bool csvNeedsGuard(std::string_view cell);
// The cell as it goes into the file: guarded against formulas, quoted when needed.
std::string csvCell(std::string_view cell, char separator);

// Appends rows to `out`: the byte-order mark first (if the style has it), CRLF after each row.
class CsvWriter {
public:
    CsvWriter(std::string& out, CsvStyle style);
    CsvWriter& cell(std::string_view text);
    void endRow();
    void row(const std::vector<std::string>& cells);

private:
    std::string& out_;
    CsvStyle style_;
    bool rowStarted_ = false;
};

} // namespace recobra
