// `recobra agency FILE --out DIR [--stage S]... [--min-days-overdue N] [--debtor ID]...
// [--today D]`: the package for a collection agency (core/exchange/agency/agency.hpp) written into DIR, in
// the language of --lang. The package is written whole into a folder beside DIR that then
// takes its place (FolderWriter): a run that fails part-way leaves DIR as it was, and one
// that succeeds leaves nothing of an earlier package (no page of a debtor no longer chosen).
// So DIR must be new, empty or an earlier package: a folder holding anything else is refused
// (it would be replaced), and so is anything that is not a folder.
#include "cli/command.hpp"
#include "cli/files.hpp"
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

// A name an agency package gives its files: cases.json, invoices.csv, interactions.csv,
// index.html and a page per debtor ("0007-graficas-pena-s-l.html"); or one of those being
// written when an earlier run stopped (".tmp-" and a process id after it).
bool packageFileName(std::string name) {
    if (const auto tmp = name.find(".tmp-"); tmp != std::string::npos) name.resize(tmp);
    if (name == "cases.json" || name == "invoices.csv" || name == "interactions.csv" || name == "index.html")
        return true;
    const std::size_t dash = name.find('-');
    if (dash < 4 || dash == std::string::npos || name.size() < dash + 6 || name.compare(name.size() - 5, 5, ".html") != 0)
        return false;
    for (std::size_t i = 0; i < name.size() - 5; ++i) {
        const char c = name[i];
        const bool ok = i < dash ? (c >= '0' && c <= '9') : ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-');
        if (!ok) return false;
    }
    return true;
}

// Whether the package may take the place of what is at `out`: nothing, or a folder holding
// nothing but an earlier package's files. Otherwise reports why and returns the exit code.
std::optional<int> checkPackageFolder(const std::string& out, const Context& cx) {
    switch (pathKind(out)) {
    case PathKind::None: return std::nullopt;
    case PathKind::Regular:
    case PathKind::Other: return cx.fail(kIo, cx.say(Str::cli_io_out_not_folder, {out}));
    case PathKind::Directory: break;
    }
    std::error_code ec;
    std::filesystem::directory_iterator it(out, ec), end;
    for (; !ec && it != end; it.increment(ec)) {
        const std::string name = it->path().filename().string();
        if (!it->is_regular_file(ec) || it->is_symlink(ec) || !packageFileName(name))
            return cx.fail(kIo, cx.say(Str::cli_agency_out_foreign, {out, name}));
    }
    if (ec) return cx.fail(kIo, cx.say(Str::cli_io_read, {out, ec.message()}));
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
    if (auto code = checkPackageFolder(*out, cx)) return *code;
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

    // Looked at again: the package took a while, and the folder may have changed meanwhile.
    if (auto code = checkPackageFolder(*out, cx)) return *code;
    FolderWriter folder(*out);
    std::string error;
    if (!folder.open(error)) return cx.fail(kIo, cx.say(Str::cli_io_mkdir, {*out, error}));
    for (const auto& file : package.files)
        if (!folder.add(file.name, file.bytes, error))
            return cx.fail(kIo, cx.say(Str::cli_io_write, {(std::filesystem::path(*out) / file.name).string(), error}));
    if (!folder.commit(error)) return cx.fail(kIo, cx.say(Str::cli_io_write, {*out, error}));

    auto n = [&](std::size_t v) { return formatCount(static_cast<std::int64_t>(v), cx.lang); };
    cx.out << cx.say(Str::cli_agency_written, {*out, n(package.debtors), n(package.invoices), n(package.interactions),
                                               n(package.files.size()), sizeText(package.bytes(), cx.lang)})
           << "\n";
    return kOk;
}

} // namespace recobra::cli
