// `recobra merge BASE OTHER --out FILE`: a teammate's export (or an agency package's
// cases.json) added to a backup, written as a new backup with BASE's settings. Both files are
// checked as a restore of their union would be; nothing is written when either is refused.
#include "cli/command.hpp"
#include "cli/options.hpp"

#include "core/exchange/merge.hpp"

namespace recobra::cli {

int runMerge(const std::vector<std::string>& args, const Context& cx) {
    Options opts;
    if (auto e = parseOptions(args, {"--out"}, cx, opts)) return cx.usage(*e);
    if (opts.positional.size() < 2) return cx.usage(cx.say(Str::cli_missing_file));
    if (opts.positional.size() > 2) return cx.usage(cx.say(Str::cli_extra_argument, {opts.positional[2]}));
    const std::string* out = opts.find("--out");
    if (!out || out->empty()) return cx.usage(cx.say(Str::cli_missing_option, {"--out"}));
    const std::string& basePath = opts.positional[0];
    const std::string& otherPath = opts.positional[1];
    if (auto code = checkOutput(*out, cx)) return *code;

    BackupContents base, other;
    // Checked by mergeFiles as their union, which refuses what either file alone would.
    if (auto code = loadBackup(basePath, cx, base, false, FileCheck::InMerge)) return *code;
    if (auto code = loadBackup(otherPath, cx, other, true, FileCheck::InMerge)) return *code;

    FileMerge merged = mergeFiles(std::move(base.events), basePath, std::move(other.events), otherPath);
    if (merged.problem) return cx.fail(kInvalid, merged.problem->describe(cx.lang));

    std::size_t written = 0;
    if (auto code = saveBackup(*out, base.settings, merged.events, cx, &written)) return *code;
    for (const auto& line : describeMergeSummary(merged.summary, otherPath, cx.lang)) cx.out << line << "\n";
    cx.out << cx.say(Str::cli_written, {*out, sizeText(written, cx.lang)}) << "\n";
    return kOk;
}

} // namespace recobra::cli
