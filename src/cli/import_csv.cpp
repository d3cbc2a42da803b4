// `recobra import-csv FILE.csv --map … --into BACKUP --out FILE`: invoices from accounting
// software added to a backup through the normal command path (core/exchange/csv_import.hpp), written
// as a new backup. All or nothing: any problem in any row and nothing is written. --into is
// never modified.
#include "cli/command.hpp"
#include "cli/files.hpp"
#include "cli/options.hpp"

#include "core/exchange/csv_import.hpp"
#include "core/i18n/locale.hpp"

#include <chrono>
#include <filesystem>
#include <random>
#include <system_error>

namespace recobra::cli {

namespace {

constexpr std::size_t kProblemsShown = 20;

bool sameFile(const std::string& a, const std::string& b) {
    std::error_code ec;
    if (std::filesystem::exists(a, ec) && std::filesystem::exists(b, ec))
        return std::filesystem::equivalent(a, b, ec);
    return std::filesystem::weakly_canonical(a, ec) == std::filesystem::weakly_canonical(b, ec);
}

// A device id for the events this run creates: random, outside the example data's range.
std::uint32_t randomDevice() {
    std::random_device random;
    std::uint32_t device = 0;
    do device = random();
    while (device == 0 || isDemoDevice(device));
    return device;
}

Timestamp nowMs() {
    return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::system_clock::now().time_since_epoch())
        .count();
}

} // namespace

int runImportCsv(const std::vector<std::string>& args, const Context& cx) {
    Options opts;
    if (auto e = parseOptions(args,
                              {"--map", "--header", "--date-format", "--decimal", "--separator", "--currency", "--country",
                               "--into", "--out", "--device"},
                              cx, opts))
        return cx.usage(*e);
    if (opts.positional.empty()) return cx.usage(cx.say(Str::cli_missing_file));
    if (opts.positional.size() > 1) return cx.usage(cx.say(Str::cli_extra_argument, {opts.positional[1]}));
    const std::string& csvPath = opts.positional.front();
    const std::string* map = opts.find("--map");
    const std::string* into = opts.find("--into");
    const std::string* out = opts.find("--out");
    if (!map) return cx.usage(cx.say(Str::cli_missing_option, {"--map"}));
    if (!into || into->empty()) return cx.usage(cx.say(Str::cli_missing_option, {"--into"}));
    if (!out || out->empty()) return cx.usage(cx.say(Str::cli_missing_option, {"--out"}));
    if (sameFile(*into, *out)) return cx.usage(cx.say(Str::cli_same_file));

    InvoiceImportOptions options;
    const MappingParse mapping = parseInvoiceMapping(*map);
    if (!mapping.mapping) return cx.usage(cx.say(Str::cli_bad_map, {mapping.problem->describe(cx.lang)}));
    options.mapping = *mapping.mapping;
    if (const auto* text = opts.find("--header")) {
        if (*text == "yes") options.hasHeader = true;
        else if (*text == "no") options.hasHeader = false;
        else return cx.usage(cx.say(Str::cli_bad_header, {*text}));
    }
    if (const auto* text = opts.find("--date-format")) {
        const auto format = DateFormat::parse(*text);
        if (!format) return cx.usage(cx.say(Str::cli_bad_date_format, {*text}));
        options.dateFormat = *format;
    }
    if (const auto* text = opts.find("--decimal")) {
        if (*text == "comma") options.decimal = DecimalMark::Comma;
        else if (*text == "point") options.decimal = DecimalMark::Point;
        else return cx.usage(cx.say(Str::cli_bad_decimal, {*text}));
    }
    if (const auto* text = opts.find("--separator")) {
        if (*text == "," || *text == ";") options.separator = (*text)[0];
        else if (*text == "tab" || *text == "\t") options.separator = '\t';
        else return cx.usage(cx.say(Str::cli_bad_separator, {*text}));
    }
    if (const auto* text = opts.find("--currency")) {
        const auto code = CurrencyCode::parse(*text);
        if (!code || !findCurrency(*code)) return cx.usage(cx.say(Str::cli_bad_currency, {*text}));
        options.defaultCurrency = *code;
    }
    if (const auto* text = opts.find("--country")) {
        const bool ok = text->size() == 2 && std::isupper(static_cast<unsigned char>((*text)[0])) &&
                        std::isupper(static_cast<unsigned char>((*text)[1]));
        if (!ok) return cx.usage(cx.say(Str::cli_bad_country, {*text}));
        options.country = *text;
    }
    std::uint32_t device = 0;
    if (const auto* text = opts.find("--device")) {
        if (auto e = readHex32(cx, "--device", *text, device)) return cx.usage(*e);
    } else {
        device = randomDevice();
    }

    if (auto code = checkOutput(*out, cx)) return *code;
    BackupContents contents;
    if (auto code = loadBackup(*into, cx, contents)) return *code;
    FileText csv = readFileText(csvPath, kMaxCsvBytes);
    switch (csv.status) {
    case ReadStatus::Ok: break;
    case ReadStatus::Missing: return cx.fail(kIo, cx.say(Str::cli_io_missing, {csvPath}));
    case ReadStatus::Directory: return cx.fail(kIo, cx.say(Str::cli_io_directory, {csvPath}));
    case ReadStatus::NotRegular: return cx.fail(kIo, cx.say(Str::cli_io_not_regular, {csvPath}));
    case ReadStatus::Failed: return cx.fail(kIo, cx.say(Str::cli_io_read, {csvPath, csv.detail}));
    case ReadStatus::TooLarge: {
        Problem p = problem(Str::csv_err_too_large, "", {std::to_string(kMaxCsvBytes >> 20)});
        p.file = csvPath;
        return cx.fail(kInvalid, p.describe(cx.lang));
    }
    }

    Workspace workspace(device);
    workspace.load(std::move(contents.events));
    CommandContext context;
    context.now = nowMs();
    context.author = contents.settings.userName;

    const InvoiceImport plan = analyzeInvoiceCsv(csv.text, csvPath, options, workspace.state(), context);
    csv.text = {};
    if (!plan.ok()) {
        cx.err << "recobra: " << cx.say(Str::cli_import_refused, {csvPath, formatCount(static_cast<std::int64_t>(plan.problemCount), cx.lang)})
               << "\n";
        for (std::size_t i = 0; i < plan.problems.size() && i < kProblemsShown; ++i)
            cx.err << "  " << plan.problems[i].describe(cx.lang) << "\n";
        if (plan.problemCount > kProblemsShown)
            cx.err << "  "
                   << cx.say(Str::cli_import_more, {formatCount(static_cast<std::int64_t>(plan.problemCount - kProblemsShown), cx.lang)})
                   << "\n";
        return kInvalid;
    }
    const ImportApplied applied = applyInvoiceImport(workspace, plan, context);
    if (applied.problem) return cx.fail(kInvalid, applied.problem->describe(cx.lang));

    std::size_t written = 0;
    if (auto code = saveBackup(*out, contents.settings, workspace.log(), cx, &written)) return *code;
    std::string total;
    for (const auto& m : plan.total.amounts()) total += (total.empty() ? "" : " + ") + formatMoney(m, cx.lang);
    auto n = [&](std::size_t v) { return formatCount(static_cast<std::int64_t>(v), cx.lang); };
    cx.out << cx.say(Str::cli_imported, {csvPath, n(applied.invoicesAdded), total, n(applied.debtorsAdded), n(plan.knownDebtors)})
           << "\n";
    cx.out << cx.say(Str::cli_written, {*out, sizeText(written, cx.lang)}) << "\n";
    return kOk;
}

} // namespace recobra::cli
