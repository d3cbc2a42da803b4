// fuzz-csv: an invoice CSV imported as `recobra import-csv` imports one, into a small book (the
// generator's, 3 debtors: customers are matched to them by tax id and by name).
//
// The input: a first line with the --map value ("number=Factura,customer=Cliente,…"), a second
// with the options, space-separated, any order, unknown ones ignored ("dd/mm/yyyy comma
// header sep=; cur=EUR country=ES"; the defaults are the CLI's), then the CSV file's bytes.
//
// Property: the mapping is refused with a Problem naming the key, or the file is refused with
// Problems that each name the file and the row or column, or it is accepted, and then it
// applies (what the preview accepts the import accepts), and the book with it, exported as a
// backup, passes `recobra validate`'s check, reads back and folds to the workspace's state.
// Never a crash, a sanitizer report or a hang.
#include "support.hpp"

#include "core/exchange/csv_import.hpp"
#include "core/sample/generator.hpp"

#include <cctype>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

using namespace recobra;
using namespace recobra::fuzz;

namespace {

const std::string kFile = "facturas.csv";
constexpr std::uint32_t kDevice = 0x0f0220c5;

struct BaseBook {
    std::vector<Event> events;
    Settings settings;
    CommandContext context;
    BaseBook() {
        GeneratorOptions options;
        options.debtors = 3;
        options.seed = 1;
        const GeneratorSummary summary =
            generateDataset(options, [&](const Event& e) { events.push_back(e); });
        settings.userName = summary.teamLead;
        settings.language = "es";
        context.now = options.referenceDate.startOfDayUtc() + 9 * 3'600'000; // 09:00 on its "today"
        context.author = summary.teamLead;
    }
};

const BaseBook& base() {
    static const BaseBook book;
    return book;
}

std::string_view takeLine(std::string_view& rest) {
    const auto end = rest.find('\n');
    std::string_view line = rest.substr(0, end);
    rest = end == std::string_view::npos ? std::string_view{} : rest.substr(end + 1);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    return line;
}

// The options line; false when a value is not one the CLI takes (a usage error, not a file's).
bool readOptions(std::string_view line, InvoiceImportOptions& options) {
    while (!line.empty()) {
        const auto space = line.find(' ');
        const std::string_view token = line.substr(0, space);
        line = space == std::string_view::npos ? std::string_view{} : line.substr(space + 1);
        if (token.empty()) continue;
        const auto value = [&](std::string_view key) -> std::optional<std::string_view> {
            if (token.substr(0, key.size()) != key) return std::nullopt;
            return token.substr(key.size());
        };
        if (token == "comma")
            options.decimal = DecimalMark::Comma;
        else if (token == "point")
            options.decimal = DecimalMark::Point;
        else if (token == "header")
            options.hasHeader = true;
        else if (token == "noheader")
            options.hasHeader = false;
        else if (const auto sep = value("sep=")) {
            if (*sep == "," || *sep == ";")
                options.separator = (*sep)[0];
            else if (*sep == "tab")
                options.separator = '\t';
            else
                return false;
        } else if (const auto cur = value("cur=")) {
            const auto code = CurrencyCode::parse(*cur);
            if (!code || !findCurrency(*code)) return false;
            options.defaultCurrency = *code;
        } else if (const auto country = value("country=")) {
            if (country->size() != 2 || !std::isupper(static_cast<unsigned char>((*country)[0])) ||
                !std::isupper(static_cast<unsigned char>((*country)[1])))
                return false;
            options.country = std::string(*country);
        } else if (token.find_first_of("dmy") != std::string_view::npos) {
            const auto format = DateFormat::parse(token);
            if (!format) return false;
            options.dateFormat = *format;
        }
    }
    return true;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    std::string_view rest(reinterpret_cast<const char*>(data), size);
    const std::string_view map = takeLine(rest);
    const std::string_view optionsLine = takeLine(rest);
    const std::string_view csv = rest;

    InvoiceImportOptions options;
    const MappingParse mapping = parseInvoiceMapping(map);
    if (!mapping.mapping) {
        note("fuzz-csv", "mapping refused");
        require(mapping.problem.has_value(), "a mapping is read or refused with a problem");
        const Problem& p = *mapping.problem;
        require(!p.field.empty() || !p.args.empty(), "a refused mapping names the key or the part at fault",
                describe(p));
        return 0;
    }
    // Written and read again, the mapping is the same.
    const MappingParse reread = parseInvoiceMapping(formatInvoiceMapping(*mapping.mapping));
    require(reread.mapping && reread.mapping->columns == mapping.mapping->columns,
            "a mapping written by formatInvoiceMapping reads back the same",
            formatInvoiceMapping(*mapping.mapping));
    options.mapping = *mapping.mapping;
    if (!readOptions(optionsLine, options)) {
        note("fuzz-csv", "options not taken");
        return 0;
    }

    const BaseBook& book = base();
    Workspace workspace(kDevice);
    workspace.load(book.events);
    const State before = workspace.state();
    const InvoiceImport plan = analyzeInvoiceCsv(csv, kFile, options, workspace.state(), book.context);
    require(plan.problems.size() <= plan.problemCount && plan.problems.size() <= kMaxCsvProblems,
            "an import keeps at most kMaxCsvProblems problems and counts them all");
    note("fuzz-csv", plan.ok()
                         ? "accepted: " + std::to_string(plan.invoices.size()) + " invoices, " +
                               std::to_string(plan.newDebtors.size()) + " new debtors"
                         : "refused: " + std::to_string(plan.problemCount) + " problems" +
                               (plan.problems.empty() ? "" : ", first " + describe(plan.problems.front())));
    if (!plan.ok()) {
        require(plan.problemCount > 0 || plan.invoices.empty(),
                "an import that is not ok has problems or no rows");
        for (const Problem& p : plan.problems) requirePosition(p, kFile, "import-csv");
        return 0;
    }
    require(plan.validRows == plan.invoices.size(), "an import that is ok has every row valid");

    const ImportApplied applied = applyInvoiceImport(workspace, plan, book.context);
    if (applied.problem)
        violated("what the preview accepts the import accepts (an import that is ok applies)",
                 describe(*applied.problem));
    require(applied.invoicesAdded == plan.invoices.size() && applied.debtorsAdded == plan.newDebtors.size(),
            "an import adds every row's invoice and every new customer");
    require(workspace.state().invoices.size() == before.invoices.size() + plan.invoices.size(),
            "the book has the imported invoices");

    // What `import-csv --out` writes: the book with the import, which `validate` accepts.
    requireRoundTrip(book.settings, workspace.log(), workspace.state(), pieceSize(csv));
    return 0;
}
