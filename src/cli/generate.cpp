// `recobra generate`: the benchmark data set as a backup file, streamed to disk.
#include "cli/command.hpp"
#include "cli/files.hpp"
#include "cli/options.hpp"

#include "core/exchange/backup.hpp"
#include "core/i18n/locale.hpp"
#include "core/sample/generator.hpp"

namespace recobra::cli {

namespace {

// A million debtors is about 8 GB of backup, eight times what a backup may hold.
constexpr std::uint64_t kMaxDebtors = 1'000'000;
constexpr std::size_t kChunk = std::size_t{4} << 20;

std::string megabytes(std::size_t bytes, Lang lang) {
    const std::uint64_t tenths = (static_cast<std::uint64_t>(bytes) * 10 + (1u << 19)) >> 20;
    return std::to_string(tenths / 10) + (lang == Lang::es ? "," : ".") + std::to_string(tenths % 10) + " MB";
}

} // namespace

int runGenerate(const std::vector<std::string>& args, const Context& cx) {
    Options opts;
    if (auto e =
            parseOptions(args, {"--debtors", "--seed", "--out", "--reference-date", "--device"}, cx, opts))
        return cx.usage(*e);
    if (!opts.positional.empty()) return cx.usage(cx.say(Str::cli_extra_argument, {opts.positional.front()}));
    const std::string* debtors = opts.find("--debtors");
    const std::string* out = opts.find("--out");
    if (!debtors) return cx.usage(cx.say(Str::cli_missing_option, {"--debtors"}));
    if (!out || out->empty()) return cx.usage(cx.say(Str::cli_missing_option, {"--out"}));

    GeneratorOptions options;
    std::uint64_t count = 0;
    if (auto e = readCount(cx, "--debtors", *debtors, 0, kMaxDebtors, count)) return cx.usage(*e);
    options.debtors = static_cast<std::uint32_t>(count);
    if (const auto* seed = opts.find("--seed"))
        if (auto e = readCount(cx, "--seed", *seed, 0, UINT64_MAX, options.seed)) return cx.usage(*e);
    if (const auto* date = opts.find("--reference-date"))
        if (auto e = readDate(cx, "--reference-date", *date, options.referenceDate)) return cx.usage(*e);
    if (const auto* device = opts.find("--device"))
        if (auto e = readHex32(cx, "--device", *device, options.device)) return cx.usage(*e);

    FileWriter file(*out);
    std::string error;
    if (!file.open(error)) return writeFailed(file, *out, error, cx);

    // The backup is written in pieces as events come: never a second copy of it in memory.
    std::string buffer;
    buffer.reserve(kChunk + (std::size_t{1} << 16));
    BackupWriter writer(buffer);
    bool ok = true;
    writer.begin();
    const GeneratorSummary summary = generateDataset(options, [&](const Event& e) {
        writer.add(e);
        if (buffer.size() >= kChunk) {
            ok = ok && file.write(buffer, error);
            buffer.clear();
        }
    });
    Settings settings;
    settings.userName = summary.teamLead;
    settings.language = "es";
    writer.end(settings);
    ok = ok && file.write(buffer, error) && file.commit(error);
    if (!ok) return writeFailed(file, *out, error, cx);

    auto n = [&](std::uint64_t v) { return formatCount(static_cast<std::int64_t>(v), cx.lang); };
    cx.out << cx.say(Str::cli_generated, {*out, n(summary.events), megabytes(file.written(), cx.lang),
                                          n(summary.debtors), n(summary.invoices), n(summary.payments),
                                          n(summary.interactions), n(summary.promises), n(summary.members)})
           << "\n";
    return kOk;
}

} // namespace recobra::cli
