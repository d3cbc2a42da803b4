// `recobra agency FILE --out DIR [--stage S]... [--min-days-overdue N] [--debtor ID]...
// [--today D]`: the package for a collection agency (core/exchange/agency/agency.hpp) written into DIR, in
// the language of --lang. Each file goes through a temporary file renamed into place.
#include "cli/command.hpp"
#include "cli/options.hpp"

#include "core/exchange/agency/agency.hpp"

#include <filesystem>
#include <system_error>

namespace recobra::cli {

namespace {

// "agency", "agency,legal": stage names as events write them.
std::optional<std::string> readStages(const Context& cx, const std::string& text, std::set<Stage>& out) {
    std::size_t start = 0;
    while (start <= text.size()) {
        const std::size_t comma = std::min(text.find(',', start), text.size());
        const std::string name = text.substr(start, comma - start);
        start = comma + 1;
        if (name.empty()) continue;
        const auto stage = parseEnum<Stage>(name);
        if (!stage) return cx.say(Str::cli_bad_stage, {"--stage", name, enumChoices<Stage>()});
        out.insert(*stage);
    }
    return std::nullopt;
}

} // namespace

int runAgency(const std::vector<std::string>& args, const Context& cx) {
    Options opts;
    if (auto e = parseOptions(args, {"--out", "--stage", "--min-days-overdue", "--debtor", "--today"}, cx, opts))
        return cx.usage(*e);
    const std::string* out = opts.find("--out");
    if (!out || out->empty()) return cx.usage(cx.say(Str::cli_missing_option, {"--out"}));

    AgencySelection selection;
    for (const auto& text : opts.all("--stage"))
        if (auto e = readStages(cx, text, selection.stages)) return cx.usage(*e);
    if (const auto* text = opts.find("--min-days-overdue")) {
        std::uint64_t days = 0;
        if (auto e = readCount(cx, "--min-days-overdue", *text, 0, 100'000, days)) return cx.usage(*e);
        selection.minDaysOverdue = static_cast<int>(days);
    }
    selection.debtors = opts.all("--debtor");
    Book book;
    if (auto code = loadBookArgument(opts, cx, book)) return *code;
    const EventLog& log = book.log;
    const State& state = book.state;
    const Date today = book.today;

    const AgencySelected selected = selectDebtors(state, selection, today);
    if (selected.problem) {
        Problem p = *selected.problem;
        p.file = opts.positional.front();
        return cx.fail(kInvalid, p.describe(cx.lang));
    }
    if (selected.debtors.empty()) {
        cx.out << cx.say(Str::cli_agency_none) << "\n";
        return kOk;
    }
    AgencyOptions options;
    options.lang = cx.lang;
    options.today = today;
    options.preparedBy = book.settings.userName;
    const AgencyPackage package = buildAgencyPackage(state, log, selected.debtors, options);

    std::error_code ec;
    std::filesystem::create_directories(*out, ec);
    if (ec || !std::filesystem::is_directory(*out))
        return cx.fail(kIo, cx.say(Str::cli_io_mkdir, {*out, ec ? ec.message() : std::string("not a directory")}));
    for (const auto& file : package.files)
        if (auto code = saveFile((std::filesystem::path(*out) / file.name).string(), file.bytes, cx)) return *code;

    auto n = [&](std::size_t v) { return formatCount(static_cast<std::int64_t>(v), cx.lang); };
    cx.out << cx.say(Str::cli_agency_written, {*out, n(package.debtors), n(package.invoices), n(package.interactions),
                                               n(package.files.size()), sizeText(package.bytes(), cx.lang)})
           << "\n";
    return kOk;
}

} // namespace recobra::cli
