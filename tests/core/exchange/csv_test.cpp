// CSV (RFC 4180) as spreadsheets write it and read it: quotes, doubled quotes, line breaks
// inside quotes, CRLF/LF/CR, the UTF-8 byte-order mark, `,` `;` and tab (detected), ragged
// rows and broken quoting reported by row and column, and the writer's guard against
// formula injection. What the writer writes, the reader reads back exactly.
#include "core/exchange/csv.hpp"
#include "support.hpp"

#include <doctest/doctest.h>

using namespace recobra;
using namespace recobra::test;

namespace {

using Rows = std::vector<std::vector<std::string>>;

Rows cellsOf(const CsvRead& read) {
    Rows rows;
    if (read.table)
        for (const auto& r : read.table->rows) rows.push_back(r.cells);
    return rows;
}

std::string written(const Rows& rows, CsvStyle style) {
    std::string out;
    CsvWriter writer(out, style);
    for (const auto& r : rows) writer.row(r);
    return out;
}

} // namespace

TEST_CASE("the reader follows RFC 4180: quotes, doubled quotes, separators and line breaks inside quotes") {
    struct Row {
        std::string rule;
        std::string text;
        Rows expected;
    };
    const Row rows[] = {
        {"plain cells", "a,b,c\n1,2,3\n", {{"a", "b", "c"}, {"1", "2", "3"}}},
        {"no final line break", "a,b\n1,2", {{"a", "b"}, {"1", "2"}}},
        {"CRLF", "a,b\r\n1,2\r\n", {{"a", "b"}, {"1", "2"}}},
        {"old Mac CR", "a,b\r1,2\r", {{"a", "b"}, {"1", "2"}}},
        {"mixed line ends", "a,b\r\n1,2\n3,4\r5,6", {{"a", "b"}, {"1", "2"}, {"3", "4"}, {"5", "6"}}},
        {"quoted separator", "name,amount\n\"Peña, José\",\"1,50\"\n", {{"name", "amount"}, {"Peña, José", "1,50"}}},
        {"doubled quote", "a,b\n\"Taller \"\"Ruiz\"\"\",x\n", {{"a", "b"}, {"Taller \"Ruiz\"", "x"}}},
        {"line breaks inside quotes", "a,b\n\"line 1\r\nline 2\nline 3\",x\n", {{"a", "b"}, {"line 1\r\nline 2\nline 3", "x"}}},
        {"empty cells", "a,b,c\n,,\n1,,3\n", {{"a", "b", "c"}, {"1", "", "3"}}},
        {"a quoted empty cell", "a,b\n\"\",x\n", {{"a", "b"}, {"", "x"}}},
        {"a separator at the very end", "a,b\n1,", {{"a", "b"}, {"1", ""}}},
        {"blank lines are left out", "a,b\n\n1,2\n\r\n   \n", {{"a", "b"}, {"1", "2"}}},
        {"spaces are kept", "a,b\n  x  , y\n", {{"a", "b"}, {"  x  ", " y"}}},
    };
    for (const auto& row : rows) {
        INFO(row.rule);
        CsvReadOptions options;
        options.separator = ',';
        const auto read = readCsv(row.text, "f.csv", options);
        CHECK(read.ok());
        CHECK(cellsOf(read) == row.expected);
    }
}

TEST_CASE("rows are numbered as a spreadsheet numbers them, blank rows and multi-line cells included") {
    const auto read = readCsv("h1;h2\n\n\"two\nlines\";x\ny;z\n", "f.csv");
    REQUIRE(read.table.has_value());
    REQUIRE(read.table->rows.size() == 3);
    CHECK(read.table->rows[0].number == 1);
    CHECK(read.table->rows[1].number == 3); // row 2 is blank
    CHECK(read.table->rows[2].number == 4); // a record with a line break is one row
}

TEST_CASE("Excel's encodings are read: UTF-8 with or without its mark, UTF-16 with its mark, else Windows-1252") {
    const std::string utf8 = "Cliente;Importe\r\nPeña € “Ñu”;12,50\r\n";
    struct Row {
        std::string rule;
        std::string bytes;
        CsvEncoding encoding;
        bool mark;
    };
    auto utf16 = [&](bool little) {
        std::string out = little ? "\xFF\xFE" : "\xFE\xFF";
        // Every character here is one UTF-16 unit: "Peña € “Ñu”" and the rest.
        const std::u16string units = u"Cliente;Importe\r\nPeña € “Ñu”;12,50\r\n";
        for (const char16_t u : units) {
            const char hi = static_cast<char>(u >> 8), lo = static_cast<char>(u & 0xFF);
            out += little ? std::string{lo, hi} : std::string{hi, lo};
        }
        return out;
    };
    const Row rows[] = {
        {"UTF-8", utf8, CsvEncoding::Utf8, false},
        {"UTF-8 with its mark (Excel's CSV UTF-8)", "\xEF\xBB\xBF" + utf8, CsvEncoding::Utf8, true},
        {"UTF-16 little-endian (Excel's Unicode text)", utf16(true), CsvEncoding::Utf16Le, true},
        {"UTF-16 big-endian", utf16(false), CsvEncoding::Utf16Be, true},
        // Excel's "CSV (delimitado por comas)" on a Spanish Windows: ñ is F1, € is 80, “ ” are 93 94.
        {"Windows-1252", "Cliente;Importe\r\nPe\xF1" "a \x80 \x93\xD1u\x94;12,50\r\n", CsvEncoding::Windows1252, false},
    };
    for (const auto& row : rows) {
        INFO(row.rule);
        const auto read = readCsv(row.bytes, "facturas.csv");
        REQUIRE(read.ok());
        CHECK(read.table->encoding == row.encoding);
        CHECK(read.table->byteOrderMark == row.mark);
        CHECK(read.table->separator == ';');
        REQUIRE(read.table->rows.size() == 2);
        CHECK(read.table->rows[0].cells == std::vector<std::string>{"Cliente", "Importe"});
        CHECK(read.table->rows[1].cells == std::vector<std::string>{"Peña € “Ñu”", "12,50"});
    }
    // ISO-8859-1 is Windows-1252 without 80–9F: the same reading.
    CHECK(readCsv("a;b\n\xC1lvaro;\xBF" "1?\n", "f.csv").table->rows[1].cells == std::vector<std::string>{"Álvaro", "¿1?"});
    // The five bytes Windows-1252 leaves undefined become the C1 controls of the same number.
    CHECK(readCsv("a\n\x81\n", "f.csv").table->rows[1].cells[0] == "\xC2\x81");
}

TEST_CASE("the byte-order mark is recognised and left out of the first cell") {
    const auto read = readCsv("\xEF\xBB\xBF" "Factura;Importe\r\nA-1;12,50\r\n", "f.csv");
    REQUIRE(read.ok());
    CHECK(read.table->byteOrderMark);
    CHECK(read.table->rows[0].cells[0] == "Factura");
    CHECK_FALSE(readCsv("a,b\n1,2\n", "f.csv").table->byteOrderMark);
}

TEST_CASE("the separator is detected from the rows it splits alike") {
    struct Row {
        std::string rule;
        std::string text;
        char separator;
    };
    const Row rows[] = {
        {"Spanish export with decimal commas", "Factura;Cliente;Importe\nA-1;Peña;1.234,56\nA-2;Ruiz;12,50\n", ';'},
        {"English export", "Invoice,Customer,Amount\nA-1,Smith,1234.56\n", ','},
        {"tab separated (Excel's Unicode text, LibreOffice)", "Invoice\tCustomer\nA-1\tSmith, J.\n", '\t'},
        {"commas only inside quotes", "a;b\n\"1,2\";\"3,4\"\n", ';'},
        {"a single column", "number\nA-1\nA-2\n", ';'},
        {"a single column with commas in it", "name\nPeña, José\n", ';'},
        {"ragged: the first row decides", "a;b;c\n1;2\n", ';'},
    };
    for (const auto& row : rows) {
        INFO(row.rule);
        CHECK(detectCsvSeparator(row.text) == row.separator);
        const auto read = readCsv(row.text, "f.csv");
        REQUIRE(read.table.has_value());
        CHECK(read.table->separator == row.separator);
    }
}

TEST_CASE("mistakes are reported by file, row and column; the reader never gives up silently") {
    struct Row {
        std::string rule;
        std::string text;
        Str reason;
        std::string record; // the row (or line, for encoding)
        std::string field;
        bool table;         // rows still come back (for a preview)
    };
    const Row rows[] = {
        {"a row with a column missing", "Factura;Cliente;Importe\nA-1;Peña\n", Str::csv_err_ragged, "2", "Importe (C)", true},
        {"a row with a column too many", "Factura;Importe\nA-1;5;x\n", Str::csv_err_ragged, "2", "C", true},
        {"a quote never closed", "a;b\n1;\"open\n2;3\n", Str::csv_err_unclosed_quote, "2", "b (B)", false},
        {"text after the closing quote", "a;b\n\"x\"y;2\n", Str::csv_err_after_quote, "2", "a (A)", true},
        {"a quote inside an unquoted cell", "a;b\nsay \"hi\";2\n", Str::csv_err_stray_quote, "2", "a (A)", true},
        {"UTF-16 with a byte left over", std::string("\xFF\xFE" "a\0;\0b", 7), Str::csv_err_utf16, "", "", false},
        {"UTF-16 with half a surrogate pair", std::string("\xFF\xFE" "a\0\x3D\xD8", 6), Str::csv_err_utf16, "", "", false},
        {"binary", std::string("a;b\n\0\0\0", 7), Str::csv_err_binary, "", "", false},
        {"empty", "", Str::err_file_empty, "", "", false},
        {"only blank lines", "\n\r\n;;\n", Str::err_file_empty, "", "", false},
    };
    for (const auto& row : rows) {
        INFO(row.rule);
        const auto read = readCsv(row.text, "facturas.csv");
        CHECK_FALSE(read.ok());
        REQUIRE_FALSE(read.problems.empty());
        const Problem& p = read.problems.front();
        CHECK(code(p) == strId(row.reason));
        CHECK(p.file == "facturas.csv");
        CHECK(p.record == row.record);
        CHECK(p.field == row.field);
        CHECK(read.table.has_value() == row.table);
        CHECK_FALSE(p.describe(Lang::es).empty());
    }
    const auto ragged = readCsv("Factura;Cliente;Importe\nA-1;Peña\n", "facturas.csv");
    CHECK(ragged.problems.front().describe(Lang::en) ==
          "facturas.csv, row 2, field Importe (C): the row has 2 columns and the first row has 3");
    CHECK(ragged.problems.front().describe(Lang::es) ==
          "facturas.csv, fila 2, campo Importe (C): la fila tiene 2 columnas y la primera tiene 3");
}

TEST_CASE("a file far larger than any CSV of invoices is refused before it is read") {
    const std::string huge(kMaxCsvBytes + 1, 'a');
    const auto read = readCsv(huge, "huge.csv");
    CHECK_FALSE(read.table.has_value());
    REQUIRE(read.problemCount == 1);
    CHECK(code(read.problems.front()) == "csv_err_too_large");
    CHECK(read.problems.front().describe(Lang::en) ==
          "huge.csv: the file is too large for a CSV of invoices (at most 64 MB)");
}

TEST_CASE("problems are counted past the cap") {
    std::string text = "a;b\n";
    for (int i = 0; i < 500; ++i) text += "x\n";
    const auto read = readCsv(text, "f.csv");
    CHECK(read.problems.size() == kMaxCsvProblems);
    CHECK(read.problemCount == 500);
}

TEST_CASE("column names are those a spreadsheet shows") {
    CHECK(csvColumnName(0) == "A");
    CHECK(csvColumnName(25) == "Z");
    CHECK(csvColumnName(26) == "AA");
    CHECK(csvColumnName(27) == "AB");
    CHECK(csvColumnName(701) == "ZZ");
    CHECK(csvColumnName(702) == "AAA");
    CHECK(csvColumnLabel(5, "  Importe ") == "Importe (F)");
    CHECK(csvColumnLabel(5, "") == "F");
}

TEST_CASE("the writer: BOM, `;` for Spanish and `,` for English, CRLF, quoting only when needed") {
    const Rows rows = {{"Deudor", "Importe", "Resumen"},
                       {"Peña, José", "1234,56", "Dijo \"pagaré\"\ny colgó"},
                       {"Taller Ruiz; S.L.", "12,50", ""}};
    const std::string es = written(rows, csvStyle(Lang::es));
    CHECK(es == "\xEF\xBB\xBF"
                "Deudor;Importe;Resumen\r\n"
                "Peña, José;1234,56;\"Dijo \"\"pagaré\"\"\ny colgó\"\r\n"
                "\"Taller Ruiz; S.L.\";12,50;\r\n");
    const std::string en = written(rows, csvStyle(Lang::en));
    CHECK(en == "\xEF\xBB\xBF"
                "Deudor,Importe,Resumen\r\n"
                "\"Peña, José\",\"1234,56\",\"Dijo \"\"pagaré\"\"\ny colgó\"\r\n"
                "Taller Ruiz; S.L.,\"12,50\",\r\n");
}

TEST_CASE("cells that a spreadsheet would run as a formula are neutralized with an apostrophe") {
    struct Row {
        std::string cell;
        std::string inFile; // with ';'
    };
    const Row rows[] = {
        {"=HYPERLINK(\"http://x\";\"pagar\")", "\"'=HYPERLINK(\"\"http://x\"\";\"\"pagar\"\")\""},
        {"=1+1", "'=1+1"},
        {"+34 600 123 456", "'+34 600 123 456"},
        {"-5% de descuento", "'-5% de descuento"},
        {"@SUM(A1:A2)", "'@SUM(A1:A2)"},
        {"\t=1+1", "'\t=1+1"},
        {"\r=1+1", "\"'\r=1+1\""},
        {"cmd|' /C calc'!A0", "cmd|' /C calc'!A0"}, // not at the start: harmless
        {"'=1+1", "''=1+1"},                      // already guarded by someone: one more, to read back
        {"'hola", "'hola"},
        {"-12,50", "-12,50"}, // a negative number stays a number
        {"-3", "-3"},
        {"-", "'-"},
        {"A=B", "A=B"},
        {"", ""},
    };
    for (const auto& row : rows) {
        INFO(row.cell);
        CHECK(csvCell(row.cell, ';') == row.inFile);
    }
}

TEST_CASE("what the writer writes, the reader reads back exactly, in both styles") {
    Rng rng(4);
    const std::vector<std::string> pieces = {"a", "Peña", "€", ",", ";", "\t", "\"", "\r\n", "\n", "\r", " ", "=", "+",
                                             "-", "@", "'", "1", "2,5", "ñ", "日本", "SUM(A1)"};
    for (int round = 0; round < 300; ++round) {
        Rows rows;
        const std::size_t columns = 1 + rng.below(5);
        rows.push_back({});
        for (std::size_t c = 0; c < columns; ++c) rows[0].push_back("h" + std::to_string(c));
        for (std::size_t r = 0, n = 1 + rng.below(6); r < n; ++r) {
            std::vector<std::string> row;
            for (std::size_t c = 0; c < columns; ++c) {
                std::string cell;
                for (std::size_t k = 0, m = rng.below(5); k < m; ++k) cell += pieces[rng.below(pieces.size())];
                row.push_back(cell);
            }
            // A row whose cells are all blank is left out by the reader, as a spreadsheet's empty row.
            row[0] = "r" + row[0];
            rows.push_back(row);
        }
        for (Lang lang : {Lang::es, Lang::en}) {
            const std::string text = written(rows, csvStyle(lang));
            CsvReadOptions options;
            options.undoFormulaGuard = true;
            const auto read = readCsv(text, "round.csv", options);
            INFO("round ", round, ": ", text);
            CHECK(read.ok());
            if (columns > 1) CHECK(read.table->separator == csvStyle(lang).separator);
            CHECK(cellsOf(read) == rows);
        }
    }
}

TEST_CASE("the reader is robust: random bytes give rows or problems, never a crash") {
    Rng rng(99);
    const char alphabet[] = {'a', ',', ';', '\t', '"', '\r', '\n', ' ', '=', 'x'};
    for (int round = 0; round < 2000; ++round) {
        std::string text;
        for (std::size_t k = 0, n = rng.below(60); k < n; ++k) text.push_back(alphabet[rng.below(sizeof alphabet)]);
        const auto read = readCsv(text, "r.csv");
        CHECK((read.table.has_value() || read.problemCount > 0));
        for (const auto& p : read.problems) CHECK(p.file == "r.csv");
    }
}
