// `recobra letter FILE --debtor ID --template T [--today YYYY-MM-DD] [--deadline-days N]
// [--format text|html|eml|json] [--out FILE]`: a letter or call script written for one debtor
// from a template (docs/letters.md), in the language of --lang: the subject and the text
// (text, the default), the print-ready page (html), a draft email (eml) or all of it with its
// warnings as JSON, the same as window.recobra.letter() in the app. A value the debtor's record
// lacks is marked in the text and listed on stderr.
#include "cli/command.hpp"
#include "cli/options.hpp"

#include "core/letters/delivery.hpp"

#include <map>

namespace recobra::cli {

int runLetter(const std::vector<std::string>& args, const Context& cx) {
    Options opts;
    if (auto e = parseOptions(args, {"--today", "--debtor", "--template", "--deadline-days", "--format", "--out"}, cx, opts))
        return cx.usage(*e);
    enum class Format { Text, Html, Eml, Json };
    static const std::map<std::string, Format> formats = {
        {"text", Format::Text}, {"html", Format::Html}, {"eml", Format::Eml}, {"json", Format::Json}};
    Format format = Format::Text;
    if (const auto* name = opts.find("--format")) {
        const auto it = formats.find(*name);
        if (it == formats.end()) return cx.usage("--format: " + cx.say(Str::err_field_choice, {*name, "text, html, eml, json"}));
        format = it->second;
    }
    const auto* debtorId = opts.find("--debtor");
    if (!debtorId) return cx.usage(cx.say(Str::cli_missing_option, {"--debtor"}));
    const auto* templateId = opts.find("--template");
    if (!templateId) return cx.usage(cx.say(Str::cli_missing_option, {"--template"}));
    std::uint64_t deadlineDays = 10;
    if (const auto* days = opts.find("--deadline-days"))
        if (auto e = readCount(cx, "--deadline-days", *days, 0, 365, deadlineDays)) return cx.usage(*e);
    Book book;
    if (auto code = loadBookArgument(opts, cx, book)) return *code;
    const auto debtor = book.state.debtor(*debtorId);
    if (!debtor) return cx.fail(kInvalid, cx.say(Str::cli_unknown_debtor, {*debtorId}));
    const LetterOptions options{.lang = cx.lang,
                                .today = book.today,
                                .deadlineDays = static_cast<int>(deadlineDays),
                                .user = book.settings.userName};
    auto written = writeLetter(book.state, LawTables(book.state.law), *debtor, *templateId, options);
    if (const auto* problem = std::get_if<Problem>(&written)) return cx.fail(kInvalid, problem->reason(cx.lang));
    const Letter& letter = std::get<Letter>(written);
    for (const auto& w : letter.warnings) cx.err << w.message << "\n";
    std::string bytes;
    switch (format) {
    case Format::Text: bytes = (letter.subject.empty() ? "" : letter.subject + "\n\n") + letter.text; break;
    case Format::Html: bytes = letterPages(book.state, {letter}); break;
    case Format::Eml: bytes = emlDraft(book.state, letter, book.today.startOfDayUtc() + 9 * 3'600'000LL); break;
    case Format::Json: bytes = letterJson(letter).dump(2) + "\n"; break;
    }
    if (const auto* out = opts.find("--out")) return saveFile(*out, bytes, cx).value_or(kOk);
    cx.out << bytes;
    return kOk;
}

} // namespace recobra::cli
