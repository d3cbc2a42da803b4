// Importing invoices from accounting software (CSV): the mapping, date and decimal formats,
// customers matched by tax id then by name, a preview with every problem by row and column,
// and an import that is all or nothing through the normal command path.
#include "core/exchange/csv_import.hpp"
#include "support.hpp"

#include <doctest/doctest.h>

using namespace recobra;
using namespace recobra::test;

namespace {

const std::string kFile = "facturas-2026.csv";

// Ana's book: Gráficas Peña (with tax id) owes F-001; Taller Ruiz has no tax id yet.
struct AnasBook {
    Book book;
    std::string pena, ruiz;
    AnasBook() {
        pena = book.registerDebtor("Gráficas Peña S.L.", "B12345674");
        ruiz = book.registerDebtor("Taller Ruiz S.L.");
        book.addInvoice(pena, "F-001", 120000, "2026-01-05", "2026-02-04");
    }
};

InvoiceImportOptions spanishOptions() {
    InvoiceImportOptions o;
    o.mapping = *parseInvoiceMapping("number=Factura,customer=Cliente,taxId=NIF,issue=Fecha,due=Vencimiento,amount=Importe")
                     .mapping;
    return o;
}

const std::string kHeader = "Factura;Cliente;NIF;Fecha;Vencimiento;Importe\r\n";

InvoiceImport analyze(const Book& book, const std::string& rows, const InvoiceImportOptions& options = spanishOptions()) {
    return analyzeInvoiceCsv(kHeader + rows, kFile, options, book.state(), book.context);
}

const InvoiceState* invoiceNumbered(const State& s, const std::string& number) {
    for (const auto& inv : s.invoices)
        if (inv.number == number) return &inv;
    return nullptr;
}

} // namespace

TEST_CASE("customers are matched by tax id, then by name; the others become debtors") {
    AnasBook a;
    const std::string rows = "A-1;Graficas Pena;b-12345674;10/03/2026;09/04/2026;1.234,56\r\n" // Peña by tax id
                             "A-2;TALLER RUIZ, S.L.;;11/03/2026;10/04/2026;100\r\n"               // Ruiz by name
                             "A-3;Nuevo Cliente S.A.;A58818501;12/03/2026;11/04/2026;50,5\r\n"    // new
                             "A-4;nuevo cliente sa;;13/03/2026;12/04/2026;7,25\r\n"               // the same new one, by name
                             "A-5;Ayuntamiento de Villanueva;P2807900B;14/03/2026;13/05/2026;900\r\n"
                             "A-6;Taller Ruiz SL;ESB87654323;15/03/2026;14/04/2026;3\r\n"         // Ruiz: no tax id yet, same name
                             "A-7;Pérez Gil, Luis;12345678Z;16/03/2026;15/04/2026;60\r\n";
    const InvoiceImport plan = analyze(a.book, rows);
    const std::string first = plan.problems.empty() ? std::string() : plan.problems.front().describe(Lang::en);
    INFO(first);
    REQUIRE(plan.ok());
    CHECK(plan.invoices.size() == 7);
    CHECK(plan.validRows == 7);
    CHECK(plan.invoices[0].debtor == a.pena);
    CHECK(plan.invoices[1].debtor == a.ruiz);
    CHECK(plan.invoices[5].debtor == a.ruiz);
    REQUIRE(plan.newDebtors.size() == 3);
    CHECK(plan.invoices[2].newDebtor == std::optional<std::size_t>(0));
    CHECK(plan.invoices[3].newDebtor == std::optional<std::size_t>(0));
    CHECK(plan.newDebtors[0].legalName == "Nuevo Cliente S.A.");
    CHECK(plan.newDebtors[0].taxId == "A58818501");
    CHECK(plan.newDebtors[0].kind == DebtorKind::Sme);
    CHECK(plan.newDebtors[0].invoices == 2);
    CHECK(plan.newDebtors[1].kind == DebtorKind::PublicAdministration); // P: a local authority
    CHECK(plan.newDebtors[2].kind == DebtorKind::Autonomo);             // a person's NIF
    CHECK(plan.knownDebtors == 2);
    CHECK(plan.total.in(CurrencyCode::eur()) == 123456 + 10000 + 5050 + 725 + 90000 + 300 + 6000);
    // Registrations first, then the invoices in row order.
    REQUIRE(plan.steps.size() == 10);
    CHECK(plan.steps[0].kind == ImportStep::Kind::RegisterDebtor);
    CHECK(plan.steps[3].kind == ImportStep::Kind::AddInvoice);
    CHECK(plan.steps[5].debtorFromStep == std::optional<std::size_t>(0));
    CHECK(plan.command(plan.steps[0])["type"] == "registerDebtor");

    const std::size_t before = a.book.log().size();
    const ImportApplied applied = applyInvoiceImport(a.book.workspace, plan, a.book.context);
    REQUIRE_FALSE(applied.problem.has_value());
    CHECK(applied.debtorsAdded == 3);
    CHECK(applied.invoicesAdded == 7);
    CHECK(applied.events.size() == 10);
    CHECK(a.book.log().size() == before + 10);
    CHECK(a.book.workspace.pendingCount() == 10); // the app persists them together
    const State& s = a.book.state();
    CHECK(s.debtors.size() == 5);
    CHECK(a.book.outstanding(a.pena) == 120000 + 123456);
    CHECK(a.book.outstanding(a.ruiz) == 10000 + 300);
    const auto* a3 = invoiceNumbered(s, "A-3");
    const auto* a4 = invoiceNumbered(s, "A-4");
    REQUIRE((a3 && a4));
    CHECK(a3->debtor == a4->debtor);
    CHECK(s.debtors[a3->debtor].profile.legalName == "Nuevo Cliente S.A.");
    CHECK(a3->amount == euros(5050));
    CHECK(a3->issueDate == day("2026-03-12"));
    CHECK(a3->dueDate == day("2026-04-11"));
    const auto* a5 = invoiceNumbered(s, "A-5");
    REQUIRE(a5);
    CHECK(a5->kind == InvoiceKind::PublicAdministration);
    CHECK(s.debtors[a5->debtor].profile.kind == DebtorKind::PublicAdministration);

    // The same file again: every number is already recorded, nothing is imported.
    const InvoiceImport again = analyze(a.book, rows);
    CHECK_FALSE(again.ok());
    CHECK(again.problemCount == 7);
    CHECK(code(again.problems.front()) == "imp_err_number_recorded");
}

TEST_CASE("Excel's CSV on a Spanish Windows (Windows-1252) imports with its accents") {
    AnasBook a;
    // "Peña Muñoz, S.L." with ñ as the byte F1, as Excel's "CSV (delimitado por comas)" saves it.
    const InvoiceImport plan = analyze(a.book, "A-1;Pe\xF1" "a Mu\xF1oz S.L.;;10/03/2026;09/04/2026;10\r\n");
    REQUIRE(plan.ok());
    REQUIRE(applyInvoiceImport(a.book.workspace, plan, a.book.context).events.size() == 2);
    const auto* a1 = invoiceNumbered(a.book.state(), "A-1");
    REQUIRE(a1);
    CHECK(a.book.state().debtors[a1->debtor].profile.legalName == "Peña Muñoz S.L.");
}

TEST_CASE("a customer known by name twice, or named without a tax id, is not guessed") {
    AnasBook a;
    a.book.registerDebtor("Taller Ruiz S.L.", "B87654323"); // a second Taller Ruiz, with a tax id
    const InvoiceImport plan = analyze(a.book, "A-1;Taller Ruiz S.L.;;10/03/2026;09/04/2026;10\r\n");
    CHECK_FALSE(plan.ok());
    REQUIRE_FALSE(plan.problems.empty());
    CHECK(code(plan.problems.front()) == "imp_err_customer_ambiguous");
    CHECK(plan.problems.front().field == "Cliente (B)");
    // With the tax id it is clear.
    const InvoiceImport clear = analyze(a.book, "A-1;Taller Ruiz S.L.;B87654323;10/03/2026;09/04/2026;10\r\n");
    CHECK(clear.ok());
    CHECK(clear.newDebtors.empty());
}

TEST_CASE("dates in the formats accounting programs write") {
    struct Row {
        std::string pattern, text, iso;
    };
    const Row rows[] = {
        {"dd/mm/yyyy", "10/03/2026", "2026-03-10"}, {"dd/mm/yyyy", "1/3/2026", "2026-03-01"},
        {"dd/mm/yyyy", "10/03/2026 00:00:00", "2026-03-10"}, {"d/m/yy", "1/3/26", "2026-03-01"},
        {"dd/mm/yy", "31/12/99", "1999-12-31"},     {"yyyy-mm-dd", "2026-03-10", "2026-03-10"},
        {"yyyy-mm-dd", "2026-03-10T09:30:00", "2026-03-10"}, {"mm/dd/yyyy", "03/10/2026", "2026-03-10"},
        {"dd.mm.yyyy", "10.03.2026", "2026-03-10"}, {"dd-mm-yyyy", "29-02-2028", "2028-02-29"},
    };
    for (const auto& row : rows) {
        INFO(row.pattern, " ", row.text);
        const auto format = DateFormat::parse(row.pattern);
        REQUIRE(format.has_value());
        const auto date = format->read(row.text);
        REQUIRE(date.has_value());
        CHECK(date->iso() == row.iso);
    }
    const Row wrong[] = {
        {"dd/mm/yyyy", "31/02/2026", ""}, {"dd/mm/yyyy", "29/02/2027", ""}, {"dd/mm/yyyy", "10/13/2026", ""},
        {"dd/mm/yyyy", "10/03/26", ""},   {"dd/mm/yyyy", "2026-03-10", ""}, {"dd/mm/yyyy", "mañana", ""},
        {"yyyy-mm-dd", "10/03/2026", ""}, {"dd/mm/yyyy", "10/03/2026/1", ""}, {"dd/mm/yyyy", "", ""},
        {"dd/mm/yyyy", "00/03/2026", ""}, {"mm/dd/yyyy", "13/10/2026", ""},
    };
    for (const auto& row : wrong) {
        INFO(row.pattern, " ", row.text);
        CHECK_FALSE(DateFormat::parse(row.pattern)->read(row.text).has_value());
    }
    CHECK(DateFormat::parse("DD/MM/YYYY")->pattern() == "dd/mm/yyyy");
    CHECK(DateFormat::parse("d/m/yy")->pattern() == "dd/mm/yy");
    CHECK(DateFormat::parse("yyyy-mm-dd")->pattern() == "yyyy-mm-dd");
    for (const char* bad : {"", "dd/mm", "dd/mm/yyy", "dd/mm-yyyy", "ddd/mm/yyyy", "dd/dd/yyyy", "yyyymmdd", "dd mm yyyy"})
        CHECK_FALSE(DateFormat::parse(bad).has_value());
    for (const auto& pattern : commonDateFormats()) CHECK(DateFormat::parse(pattern)->pattern() == pattern);
}

TEST_CASE("amounts are read exactly in the chosen decimal format, with or without thousands separators") {
    Book book;
    struct Row {
        DecimalMark decimal;
        std::string text;
        std::int64_t cents;
    };
    const Row rows[] = {
        {DecimalMark::Comma, "1.234,56", 123456}, {DecimalMark::Comma, "1234,56", 123456},
        {DecimalMark::Comma, "1 234,5", 123450},  {DecimalMark::Comma, "12", 1200},
        {DecimalMark::Comma, "0,01", 1},          {DecimalMark::Comma, "1.234.567,89 €", 123456789},
        {DecimalMark::Point, "1,234.56", 123456}, {DecimalMark::Point, "1234.56", 123456},
        {DecimalMark::Point, "€1,234.56", 123456}, {DecimalMark::Point, "0.1", 10},
    };
    for (const auto& row : rows) {
        INFO(row.text);
        InvoiceImportOptions o = spanishOptions();
        o.decimal = row.decimal;
        const InvoiceImport plan = analyze(book, "A-1;Cliente Uno;;10/03/2026;09/04/2026;\"" + row.text + "\"\r\n", o);
        REQUIRE(plan.ok());
        CHECK(plan.invoices[0].amount == std::optional<Money>(euros(row.cents)));
    }
}

TEST_CASE("a currency column, a default currency, and currencies with no decimals") {
    Book book;
    InvoiceImportOptions o = spanishOptions();
    o.mapping[InvoiceColumn::Currency] = ColumnRef{"Moneda", 0};
    o.defaultCurrency = *CurrencyCode::parse("MXN");
    const std::string text = "Factura;Cliente;NIF;Fecha;Vencimiento;Importe;Moneda\n"
                             "A-1;Uno;;10/03/2026;09/04/2026;1.500;clp\n"
                             "A-2;Uno;;10/03/2026;09/04/2026;10,5;\n"
                             "A-3;Uno;;10/03/2026;09/04/2026;10,5;€\n";
    const InvoiceImport plan = analyzeInvoiceCsv(text, kFile, o, book.state(), book.context);
    REQUIRE(plan.ok());
    CHECK(plan.invoices[0].amount == std::optional<Money>(Money{1500, *CurrencyCode::parse("CLP")}));
    CHECK(plan.invoices[1].amount == std::optional<Money>(Money{1050, *CurrencyCode::parse("MXN")}));
    CHECK(plan.invoices[2].amount == std::optional<Money>(euros(1050)));
}

TEST_CASE("every rejection names the file, the row and the column, and nothing is imported") {
    AnasBook a;
    const std::string good = "A-9;Cliente Nuevo;;10/03/2026;09/04/2026;10\r\n";
    struct Row {
        std::string rule;
        std::string rows; // after the header
        std::string reason;
        std::string record;
        std::string field;
    };
    const Row table[] = {
        {"malformed CSV: a quote never closed", good + "A-2;\"Peña;;10/03/2026;09/04/2026;10\r\n", "csv_err_unclosed_quote", "3", "Cliente (B)"},
        {"malformed CSV: a row with a column missing", good + "A-2;Peña;;10/03/2026;10\r\n", "csv_err_ragged", "3", "Importe (F)"},
        {"a negative amount", good + "A-2;Uno;;10/03/2026;09/04/2026;-10,00\r\n", "err_amount_positive", "3", "Importe (F)"},
        {"a zero amount", good + "A-2;Uno;;10/03/2026;09/04/2026;0\r\n", "err_amount_positive", "3", "Importe (F)"},
        {"an absurd amount", good + "A-2;Uno;;10/03/2026;09/04/2026;2.000.000.000\r\n", "err_amount_too_large", "3", "Importe (F)"},
        {"an amount that is not one (wrong type)", good + "A-2;Uno;;10/03/2026;09/04/2026;diez\r\n", "err_amount_format", "3", "Importe (F)"},
        {"the other decimal mark", good + "A-2;Uno;;10/03/2026;09/04/2026;10.50\r\n", "imp_err_decimal_comma", "3", "Importe (F)"},
        {"too many decimals", good + "A-2;Uno;;10/03/2026;09/04/2026;10,505\r\n", "err_amount_decimals", "3", "Importe (F)"},
        {"an impossible date", good + "A-2;Uno;;31/02/2026;09/04/2026;10\r\n", "imp_err_date", "3", "Fecha (D)"},
        {"a date that is not one (wrong type)", good + "A-2;Uno;;ayer;09/04/2026;10\r\n", "imp_err_date", "3", "Fecha (D)"},
        {"due before issue", good + "A-2;Uno;;10/03/2026;09/03/2026;10\r\n", "err_due_before_issue", "3", "Vencimiento (E)"},
        {"a number twice in the file (duplicate id)", good + "a-9 ;Otro;;10/03/2026;09/04/2026;10\r\n", "imp_err_number_repeated", "3", "Factura (A)"},
        {"a number already recorded", good + "F-001;Otro;;10/03/2026;09/04/2026;10\r\n", "imp_err_number_recorded", "3", "Factura (A)"},
        {"a missing number", good + ";Uno;;10/03/2026;09/04/2026;10\r\n", "err_required", "3", "Factura (A)"},
        {"a missing customer", good + "A-2;;;10/03/2026;09/04/2026;10\r\n", "err_required", "3", "Cliente (B)"},
        {"a tax id with a wrong check letter", good + "A-2;Uno;B12345670;10/03/2026;09/04/2026;10\r\n", "err_taxid_invalid", "3", "NIF (C)"},
        {"a name too long for a debtor", good + "A-2;" + letters(201) + ";;10/03/2026;09/04/2026;10\r\n", "err_too_long", "3", "Cliente (B)"},
        {"a number too long", good + "A-2" + letters(60) + ";Uno;;10/03/2026;09/04/2026;10\r\n", "err_too_long", "3", "Factura (A)"},
        {"no rows at all", "", "imp_err_no_rows", "", ""},
    };
    for (const auto& row : table) {
        INFO(row.rule);
        const std::string before = a.book.dump();
        const InvoiceImport plan = analyze(a.book, row.rows);
        CHECK_FALSE(plan.ok());
        CHECK(plan.steps.empty());
        REQUIRE_FALSE(plan.problems.empty());
        const Problem& p = plan.problems.front();
        CHECK(code(p) == row.reason);
        CHECK(p.file == kFile);
        CHECK(p.record == row.record);
        CHECK(p.field == row.field);
        CHECK(p.describe(Lang::en).rfind(kFile, 0) == 0);
        // The preview still shows the good row as good.
        if (!plan.preview.empty() && row.reason != "csv_err_unclosed_quote") CHECK(plan.preview[0].problems.empty());
        const ImportApplied applied = applyInvoiceImport(a.book.workspace, plan, a.book.context);
        CHECK(applied.problem.has_value());
        CHECK(applied.events.empty());
        CHECK(a.book.dump() == before);
    }
}

TEST_CASE("a file far larger than any import is refused whole") {
    Book book;
    std::string text = kHeader;
    text.resize(kMaxCsvBytes + 10, ' ');
    const InvoiceImport plan = analyzeInvoiceCsv(text, kFile, spanishOptions(), book.state(), book.context);
    CHECK_FALSE(plan.ok());
    REQUIRE(plan.problems.size() == 1);
    CHECK(code(plan.problems.front()) == "csv_err_too_large");
    CHECK(plan.problems.front().file == kFile);
}

TEST_CASE("columns that are not in the file are refused before any row is read") {
    Book book;
    struct Row {
        std::string rule;
        std::string map;
        std::string reason;
        std::string field;
    };
    const Row rows[] = {
        {"a header that is not there", "number=Factura,customer=Client,issue=Fecha,due=Vencimiento,amount=Importe",
         "imp_err_column_missing", "customer"},
        {"a position past the last column", "number=#1,customer=#2,issue=#4,due=#5,amount=#9", "imp_err_column_position",
         "amount"},
    };
    for (const auto& row : rows) {
        INFO(row.rule);
        InvoiceImportOptions o;
        o.mapping = *parseInvoiceMapping(row.map).mapping;
        const InvoiceImport plan = analyze(book, "A-1;Uno;;10/03/2026;09/04/2026;10\r\n", o);
        CHECK_FALSE(plan.ok());
        REQUIRE(plan.problems.size() == 1);
        CHECK(code(plan.problems.front()) == row.reason);
        CHECK(plan.problems.front().field == row.field);
        CHECK(plan.invoices.empty());
    }
    const InvoiceImport missing = analyze(book, "A-1;Uno;;10/03/2026;09/04/2026;10\r\n", InvoiceImportOptions{});
    CHECK(missing.problemCount == 5); // number, customer, issue, due and amount are required
    CHECK(code(missing.problems.front()) == "imp_err_column_unmapped");
}

TEST_CASE("columns by position, and files without a header row") {
    Book book;
    InvoiceImportOptions o;
    o.mapping = *parseInvoiceMapping("number=#1,customer=#2,issue=#3,due=#4,amount=#5").mapping;
    o.hasHeader = false;
    o.decimal = DecimalMark::Point;
    o.dateFormat = *DateFormat::parse("yyyy-mm-dd");
    const InvoiceImport plan =
        analyzeInvoiceCsv("INV-1,Smith Ltd,2026-03-01,2026-03-31,\"1,000.00\"\nINV-2,Smith Ltd,2026-03-02,2026-04-01,5\n",
                          "export.csv", o, book.state(), book.context);
    REQUIRE(plan.ok());
    CHECK(plan.headers == std::vector<std::string>{"A", "B", "C", "D", "E"});
    CHECK(plan.invoices[0].row == 1);
    CHECK(plan.newDebtors.size() == 1);
    CHECK(plan.total.in(CurrencyCode::eur()) == 100500);
}

TEST_CASE("the import is all or nothing even when the data changes between the preview and the import") {
    AnasBook a;
    const InvoiceImport plan = analyze(a.book, "A-1;Uno;;10/03/2026;09/04/2026;10\r\n"
                                               "A-2;Dos S.L.;B65432106;10/03/2026;09/04/2026;20\r\n"
                                               "A-3;Uno;;10/03/2026;09/04/2026;30\r\n");
    REQUIRE(plan.ok());
    // Meanwhile someone registers a debtor with Dos S.L.'s tax id: its registration is now refused.
    a.book.registerDebtor("Dos Sociedad Limitada", "B65432106");
    const std::string before = a.book.dump();
    const std::size_t events = a.book.log().size();
    const ImportApplied applied = applyInvoiceImport(a.book.workspace, plan, a.book.context);
    REQUIRE(applied.problem.has_value());
    CHECK(code(applied.problem) == "err_taxid_duplicate");
    CHECK(applied.problem->file == kFile);
    CHECK(applied.problem->record == "3");
    CHECK(applied.problem->field == "NIF (C)");
    CHECK(applied.events.empty());
    CHECK(a.book.log().size() == events);
    CHECK(a.book.workspace.pendingCount() == 0);
    CHECK(a.book.dump() == before);
}

TEST_CASE("the preview shows the first rows as read, each with its values or its problems") {
    Book book;
    std::string rows;
    for (int i = 1; i <= 30; ++i)
        rows += "A-" + std::to_string(i) + ";Cliente " + std::to_string(i % 3) + ";;10/03/2026;09/04/2026;" +
                (i == 4 ? std::string("x") : std::to_string(i)) + "\r\n";
    InvoiceImportOptions o = spanishOptions();
    o.previewRows = 5;
    const InvoiceImport plan = analyze(book, rows, o);
    CHECK_FALSE(plan.ok());
    REQUIRE(plan.preview.size() == 5);
    CHECK(plan.invoices.size() == 30);
    CHECK(plan.validRows == 29);
    CHECK(plan.preview[0].row == 2);
    CHECK(plan.preview[0].number == "A-1");
    CHECK(plan.preview[0].customer == "Cliente 1");
    CHECK(plan.preview[0].amount == std::optional<Money>(euros(100)));
    CHECK(plan.preview[0].newDebtor.has_value());
    REQUIRE(plan.preview[3].problems.size() == 1);
    CHECK(plan.preview[3].problems[0].describe(Lang::es) == kFile + ", fila 5, campo Importe (F): no es un importe válido");
    CHECK(plan.newDebtors.size() == 3);
}

TEST_CASE("the mapping as the CLI writes it") {
    const auto parsed = parseInvoiceMapping(" number = Factura , customer=Cliente,taxId=NIF,issue=Fecha,due=#5,amount=Importe ");
    REQUIRE(parsed.mapping.has_value());
    CHECK((*parsed.mapping)[InvoiceColumn::Number] == std::optional<ColumnRef>(ColumnRef{"Factura", 0}));
    CHECK((*parsed.mapping)[InvoiceColumn::DueDate] == std::optional<ColumnRef>(ColumnRef{"", 5}));
    CHECK_FALSE((*parsed.mapping)[InvoiceColumn::Currency].has_value());
    CHECK(formatInvoiceMapping(*parsed.mapping) == "number=Factura,customer=Cliente,taxId=NIF,issue=Fecha,due=#5,amount=Importe");
    struct Row {
        std::string spec, reason, field;
    };
    const Row rows[] = {
        {"number=Factura,customer=Cliente,issue=Fecha,due=Vto", "imp_err_map_missing", "amount"},
        {"number=Factura,client=Cliente,issue=Fecha,due=Vto,amount=Importe,color=Rojo", "imp_err_map_key", "color"},
        {"number=Factura,number=Num", "imp_err_map_twice", "number"},
        {"number", "imp_err_map_syntax", ""},
        {"number=#0,customer=a,issue=b,due=c,amount=d", "imp_err_map_position", "number"},
        {"number=,customer=a,issue=b,due=c,amount=d", "err_required", "number"},
    };
    for (const auto& row : rows) {
        INFO(row.spec);
        const auto p = parseInvoiceMapping(row.spec);
        CHECK_FALSE(p.mapping.has_value());
        CHECK(code(p.problem) == row.reason);
        CHECK((p.problem ? p.problem->field : "?") == row.field);
    }
}

TEST_CASE("a first guess of the columns from the headers accounting programs write") {
    const auto es = guessInvoiceMapping({"Nº Factura", "Fecha emisión", "Razón social", "NIF/CIF", "Vencimiento", "Base", "Total", "Divisa"});
    CHECK(formatInvoiceMapping(es) ==
          "number=Nº Factura,customer=Razón social,taxId=NIF/CIF,issue=Fecha emisión,due=Vencimiento,amount=Total,currency=Divisa");
    const auto en = guessInvoiceMapping({"Invoice No", "Customer", "VAT number", "Invoice date", "Due date", "Amount"});
    CHECK(formatInvoiceMapping(en) == "number=Invoice No,customer=Customer,taxId=VAT number,issue=Invoice date,due=Due date,amount=Amount");
    const auto none = guessInvoiceMapping({"x", "y"});
    CHECK(formatInvoiceMapping(none).empty());
}

TEST_CASE("tax ids and names as matching compares them") {
    CHECK(taxIdForMatching("b-1234567.4") == "B12345674");
    CHECK(taxIdForMatching("ES B12345674") == "B12345674");
    CHECK(taxIdForMatching("ES12345678") == "ES12345678"); // not a Spanish id after the prefix
    CHECK(nameForMatching("Gráficas Peña, S.L.") == nameForMatching("GRAFICAS PENA SL"));
    CHECK(nameForMatching("Taller Ruiz") != nameForMatching("Taller Ruíz Hermanos"));
}

TEST_CASE("importing thousands of invoices for one customer looks at a few invoices per row, not at all of its invoices") {
    // Adding an invoice used to go through every invoice of its debtor twice (its number
    // against theirs, and what the debtor owes summed again): 20,000 rows for one customer
    // took 42 s. Counted here, not timed: the invoices the fold and the commands looked at.
    constexpr std::size_t kRows = 2000;
    const auto rows = [](const char* prefix) {
        std::string text;
        for (std::size_t i = 1; i <= kRows; ++i)
            text += prefix + std::to_string(i) + ";Cliente Grande S.A.;;10/03/2026;09/04/2026;100\r\n";
        return text;
    };
    Book book;
    std::uint64_t start = invoiceVisits();
    const InvoiceImport first = analyzeInvoiceCsv(kHeader + rows("A-"), kFile, spanishOptions(), book.state(), book.context);
    REQUIRE(first.ok());
    REQUIRE(first.newDebtors.size() == 1);
    REQUIRE(applyInvoiceImport(book.workspace, first, book.context).invoicesAdded == kRows);
    CHECK(invoiceVisits() - start <= kRows);

    // The same customer, known now with its 2,000 invoices: every row is checked against them.
    start = invoiceVisits();
    const InvoiceImport second = analyzeInvoiceCsv(kHeader + rows("B-"), kFile, spanishOptions(), book.state(), book.context);
    REQUIRE(second.ok());
    REQUIRE(second.knownDebtors == 1);
    REQUIRE(applyInvoiceImport(book.workspace, second, book.context).invoicesAdded == kRows);
    CHECK(invoiceVisits() - start <= kRows);
    const auto& debtor = book.state().debtors.front();
    CHECK(debtor.invoices.size() == 2 * kRows);
    CHECK(debtor.outstanding.in(CurrencyCode::eur()) == static_cast<std::int64_t>(2 * kRows) * 10000);
    CHECK(debtor.oldestOpenDue == day("2026-04-09"));

    // Folding them again (a restore of what was written) is linear too, and the same state.
    start = invoiceVisits();
    const State folded = fold(book.log());
    CHECK(invoiceVisits() - start <= 2 * kRows);
    CHECK(dumpState(folded, book.log()) == book.dump());
}
