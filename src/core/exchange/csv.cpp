#include "core/exchange/csv.hpp"

#include "core/values/text.hpp"

#include <utf8proc.h>

#include <algorithm>
#include <array>
#include <cstdint>

namespace recobra {

namespace {

constexpr std::string_view kBom = "\xEF\xBB\xBF";
constexpr std::size_t kDetectRows = 50;

bool isSeparator(char c) { return c == ',' || c == ';' || c == '\t'; }

// One pass of the RFC 4180 grammar. Calls onRow(number, cells) for every record, and
// onProblem(row, column, problem) for what does not fit; stops early when onRow returns false.
// Returns false when the text cannot be split into records at all (a quote never closed).
struct Parser {
    std::string_view text;
    char separator;
    std::size_t pos = 0;
    std::size_t row = 0; // the record being read, from 1

    template <class OnRow, class OnProblem> bool run(OnRow&& onRow, OnProblem&& onProblem) {
        std::vector<std::string> cells;
        while (pos < text.size()) {
            ++row;
            cells.clear();
            bool endOfRecord = false;
            while (!endOfRecord) {
                std::string value;
                const std::size_t column = cells.size();
                if (pos < text.size() && text[pos] == '"') {
                    const std::size_t openedAt = row;
                    ++pos;
                    for (;;) {
                        const std::size_t quote = text.find('"', pos);
                        if (quote == std::string_view::npos) {
                            onProblem(openedAt, column, problem(Str::csv_err_unclosed_quote));
                            return false;
                        }
                        value.append(text.substr(pos, quote - pos));
                        pos = quote + 1;
                        if (pos < text.size() && text[pos] == '"') { // "" is one quote
                            value.push_back('"');
                            ++pos;
                            continue;
                        }
                        break;
                    }
                    // After the closing quote: the separator, the end of the row, or a mistake.
                    const std::size_t stray = pos;
                    while (pos < text.size() && text[pos] != separator && text[pos] != '\n' && text[pos] != '\r')
                        ++pos;
                    if (pos != stray) {
                        onProblem(row, column, problem(Str::csv_err_after_quote));
                        value.append(text.substr(stray, pos - stray));
                    }
                } else {
                    const std::size_t start = pos;
                    while (pos < text.size() && text[pos] != separator && text[pos] != '\n' && text[pos] != '\r')
                        ++pos;
                    value.assign(text.substr(start, pos - start));
                    if (value.find('"') != std::string::npos) onProblem(row, column, problem(Str::csv_err_stray_quote));
                }
                cells.push_back(std::move(value));
                if (pos >= text.size()) {
                    endOfRecord = true;
                } else if (text[pos] == separator) {
                    ++pos;
                    // A separator at the very end of the text still opens one more (empty) cell.
                    if (pos >= text.size()) cells.emplace_back();
                    if (pos >= text.size()) endOfRecord = true;
                } else { // CRLF, LF or CR
                    if (text[pos] == '\r' && pos + 1 < text.size() && text[pos + 1] == '\n') ++pos;
                    ++pos;
                    endOfRecord = true;
                }
                if (cells.size() > kMaxCsvColumns) {
                    onProblem(row, cells.size() - 1, problem(Str::csv_err_too_many_columns,
                                                             {}, {std::to_string(kMaxCsvColumns)}));
                    return false;
                }
            }
            if (!onRow(row, cells)) return true;
        }
        return true;
    }
};

bool blank(const std::vector<std::string>& cells) {
    return std::all_of(cells.begin(), cells.end(), [](const std::string& c) {
        return std::all_of(c.begin(), c.end(), [](char ch) { return ch == ' ' || ch == '\t'; });
    });
}

std::string_view withoutBom(std::string_view text) {
    return text.substr(0, kBom.size()) == kBom ? text.substr(kBom.size()) : text;
}

void appendUtf8(std::string& out, std::uint32_t cp) {
    std::array<utf8proc_uint8_t, 4> bytes{};
    const auto n = utf8proc_encode_char(static_cast<utf8proc_int32_t>(cp), bytes.data());
    out.append(reinterpret_cast<const char*>(bytes.data()), static_cast<std::size_t>(n));
}

// UTF-16 after its byte-order mark; false at a lone surrogate or a byte left over.
bool fromUtf16(std::string_view bytes, bool littleEndian, std::string& out) {
    if (bytes.size() % 2 != 0) return false;
    auto unit = [&](std::size_t i) -> std::uint32_t {
        const auto a = static_cast<unsigned char>(bytes[i]), b = static_cast<unsigned char>(bytes[i + 1]);
        return littleEndian ? (std::uint32_t{b} << 8 | a) : (std::uint32_t{a} << 8 | b);
    };
    out.reserve(bytes.size());
    for (std::size_t i = 2; i < bytes.size(); i += 2) {
        std::uint32_t cp = unit(i);
        if (cp >= 0xD800 && cp <= 0xDBFF) {
            if (i + 3 >= bytes.size()) return false;
            const std::uint32_t low = unit(i + 2);
            if (low < 0xDC00 || low > 0xDFFF) return false;
            cp = 0x10000 + ((cp - 0xD800) << 10) + (low - 0xDC00);
            i += 2;
        } else if (cp >= 0xDC00 && cp <= 0xDFFF) {
            return false;
        }
        appendUtf8(out, cp);
    }
    return true;
}

// Windows-1252's 0x80–0x9F (WHATWG's table: the five it leaves undefined map to C1 controls);
// every other byte is the code point of the same number.
constexpr std::array<std::uint16_t, 32> kWindows1252High{
    0x20AC, 0x0081, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160,
    0x2039, 0x0152, 0x008D, 0x017D, 0x008F, 0x0090, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022,
    0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x009D, 0x017E, 0x0178};

std::string fromWindows1252(std::string_view bytes) {
    std::string out;
    out.reserve(bytes.size() + bytes.size() / 8);
    for (const char c : bytes) {
        const auto b = static_cast<unsigned char>(c);
        if (b < 0x80) out.push_back(c);
        else appendUtf8(out, b < 0xA0 ? kWindows1252High[b - 0x80] : b);
    }
    return out;
}

std::string undoGuard(std::string cell) {
    if (!cell.empty() && cell[0] == '\'' && csvNeedsGuard(std::string_view(cell).substr(1))) cell.erase(0, 1);
    return cell;
}

bool plainNegativeNumber(std::string_view cell) {
    if (cell.size() < 2 || cell[0] != '-' || cell[1] < '0' || cell[1] > '9') return false;
    return std::all_of(cell.begin() + 1, cell.end(), [](char c) { return (c >= '0' && c <= '9') || c == '.' || c == ','; });
}

} // namespace

char detectCsvSeparator(std::string_view input) {
    const std::string_view text = withoutBom(input);
    struct Candidate {
        char separator;
        std::size_t firstColumns = 0;
        bool consistent = true;
    };
    std::array<Candidate, 3> candidates{{{';'}, {','}, {'\t'}}};
    for (auto& c : candidates) {
        Parser parser{text, c.separator};
        std::size_t seen = 0;
        parser.run(
            [&](std::size_t, const std::vector<std::string>& cells) {
                if (blank(cells)) return true;
                if (seen == 0) c.firstColumns = cells.size();
                else if (cells.size() != c.firstColumns) c.consistent = false;
                return ++seen < kDetectRows;
            },
            [](std::size_t, std::size_t, const Problem&) {});
    }
    // Rows split alike into several columns; else the most columns in the first row (a
    // ragged file); else, for a single column, a separator that splits no row at all.
    const Candidate* best = nullptr;
    for (const auto& c : candidates)
        if (c.consistent && c.firstColumns > 1 && (!best || c.firstColumns > best->firstColumns)) best = &c;
    if (!best)
        for (const auto& c : candidates)
            if (c.firstColumns > 1 && (!best || c.firstColumns > best->firstColumns)) best = &c;
    if (!best)
        for (const auto& c : candidates)
            if (c.consistent && !best) best = &c;
    return best ? best->separator : ',';
}

std::string csvColumnName(std::size_t index) {
    std::string name;
    for (std::size_t n = index + 1; n > 0; n = (n - 1) / 26) name.insert(name.begin(), static_cast<char>('A' + (n - 1) % 26));
    return name;
}

std::string csvColumnLabel(std::size_t index, std::string_view header) {
    std::string_view h = header;
    while (!h.empty() && (h.front() == ' ' || h.front() == '\t')) h.remove_prefix(1);
    while (!h.empty() && (h.back() == ' ' || h.back() == '\t')) h.remove_suffix(1);
    if (h.empty()) return csvColumnName(index);
    return std::string(h) + " (" + csvColumnName(index) + ")";
}

CsvDecoded decodeCsvBytes(std::string_view bytes) {
    CsvDecoded out;
    const bool le = bytes.size() >= 2 && bytes[0] == '\xFF' && bytes[1] == '\xFE';
    const bool be = bytes.size() >= 2 && bytes[0] == '\xFE' && bytes[1] == '\xFF';
    if (le || be) {
        out.encoding = le ? CsvEncoding::Utf16Le : CsvEncoding::Utf16Be;
        out.byteOrderMark = true;
        if (!fromUtf16(bytes, le, out.converted)) {
            out.converted.clear();
            out.problem = problem(Str::csv_err_utf16);
        }
        return out;
    }
    out.byteOrderMark = bytes.substr(0, kBom.size()) == kBom;
    if (!isValidUtf8(withoutBom(bytes))) {
        out.encoding = CsvEncoding::Windows1252;
        out.converted = fromWindows1252(bytes);
    }
    return out;
}

std::string_view CsvDecoded::text(std::string_view bytes) const {
    return encoding == CsvEncoding::Utf8 ? withoutBom(bytes) : std::string_view(converted);
}

CsvRead readCsv(std::string_view input, const std::string& fileName, const CsvReadOptions& options) {
    CsvRead out;
    auto report = [&](Problem p) {
        p.file = fileName;
        if (out.problems.size() < kMaxCsvProblems) out.problems.push_back(std::move(p));
        ++out.problemCount;
    };
    if (input.size() > kMaxCsvBytes) {
        report(problem(Str::csv_err_too_large, "", {std::to_string(kMaxCsvBytes >> 20)}));
        return out;
    }
    const CsvDecoded decoded = decodeCsvBytes(input);
    if (decoded.problem) {
        report(*decoded.problem);
        return out;
    }
    const std::string_view text = decoded.text(input);
    if (text.find('\0') != std::string_view::npos) {
        report(problem(Str::csv_err_binary));
        return out;
    }
    if (options.separator != 0 && !isSeparator(options.separator)) {
        report(problem(Str::csv_err_separator, "", {std::string(1, options.separator)}));
        return out;
    }

    CsvTable table;
    table.byteOrderMark = decoded.byteOrderMark;
    table.encoding = decoded.encoding;
    table.separator = options.separator != 0 ? options.separator : detectCsvSeparator(text);
    std::vector<std::string> header;
    std::size_t expected = 0; // columns of the first row that is not blank
    Parser parser{text, table.separator};
    const bool complete = parser.run(
        [&](std::size_t number, std::vector<std::string>& cells) {
            if (blank(cells)) return true;
            if (options.undoFormulaGuard)
                for (auto& c : cells) c = undoGuard(std::move(c));
            if (expected == 0) {
                expected = cells.size();
                header = cells;
            } else if (cells.size() != expected) {
                // The first cell that is missing, or the first one too many.
                const std::size_t column = std::min(cells.size(), expected);
                Problem p = problem(Str::csv_err_ragged, csvColumnLabel(column, column < header.size() ? header[column] : ""),
                                    {std::to_string(cells.size()), std::to_string(expected)});
                report(std::move(p.atRow(number)));
            }
            table.rows.push_back(CsvRow{number, std::move(cells)});
            return true;
        },
        [&](std::size_t number, std::size_t column, Problem p) {
            p.field = csvColumnLabel(column, column < header.size() ? header[column] : "");
            report(std::move(p.atRow(number)));
        });
    if (!complete) return out;
    if (table.rows.empty()) {
        report(problem(Str::err_file_empty));
        return out;
    }
    out.table = std::move(table);
    return out;
}

// --- writing -------------------------------------------------------------------------------------

CsvStyle csvStyle(Lang lang) { return CsvStyle{lang == Lang::es ? ';' : ',', true}; }

bool csvNeedsGuard(std::string_view cell) {
    std::size_t i = 0;
    while (i < cell.size() && cell[i] == '\'') ++i;
    if (i >= cell.size()) return false;
    const char c = cell[i];
    return c == '=' || c == '+' || c == '-' || c == '@' || c == '\t' || c == '\r';
}

std::string csvCell(std::string_view cell, char separator) {
    std::string value;
    if (csvNeedsGuard(cell) && !plainNegativeNumber(cell)) value.push_back('\'');
    value.append(cell);
    const bool quote = value.find_first_of(std::string{separator, '"', '\n', '\r'}) != std::string::npos;
    if (!quote) return value;
    std::string out;
    out.reserve(value.size() + 2);
    out.push_back('"');
    for (char c : value) {
        if (c == '"') out.push_back('"');
        out.push_back(c);
    }
    out.push_back('"');
    return out;
}

CsvWriter::CsvWriter(std::string& out, CsvStyle style) : out_(out), style_(style) {
    if (style_.byteOrderMark) out_.append(kBom);
}

CsvWriter& CsvWriter::cell(std::string_view text) {
    if (rowStarted_) out_.push_back(style_.separator);
    rowStarted_ = true;
    out_ += csvCell(text, style_.separator);
    return *this;
}

void CsvWriter::endRow() {
    out_ += "\r\n";
    rowStarted_ = false;
}

void CsvWriter::row(const std::vector<std::string>& cells) {
    for (const auto& c : cells) cell(c);
    endRow();
}

} // namespace recobra
