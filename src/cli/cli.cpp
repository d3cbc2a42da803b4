#include "cli/cli.hpp"

#include "cli/command.hpp"
#include "recobra/version.hpp"

#include <cstdlib>
#include <ostream>
#include <string_view>

namespace recobra::cli {

namespace {

// Spanish when LANG says so (es_ES.UTF-8, es_MX…), English otherwise.
Lang languageFromEnvironment() {
    const char* lang = std::getenv("LANG");
    return lang && std::string_view(lang).substr(0, 2) == "es" ? Lang::es : Lang::en;
}

} // namespace

int run(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
    // --lang applies to every command, wherever it is written.
    Lang lang = languageFromEnvironment();
    std::vector<std::string> rest;
    std::optional<std::string> badLang;
    for (std::size_t i = 0; i < args.size(); ++i) {
        std::string value;
        if (args[i] == "--lang") {
            if (i + 1 >= args.size()) {
                const Context cx{lang, out, err};
                return cx.usage(cx.say(Str::cli_missing_value, {"--lang"}));
            }
            value = args[++i];
        } else if (args[i].rfind("--lang=", 0) == 0) {
            value = args[i].substr(7);
        } else {
            rest.push_back(args[i]);
            continue;
        }
        if (auto parsed = parseLang(value))
            lang = *parsed;
        else
            badLang = value;
    }
    const Context cx{lang, out, err};
    if (badLang) return cx.usage(cx.say(Str::cli_bad_lang, {*badLang}));
    if (rest.empty()) {
        err << tr(Str::cli_usage, lang);
        return kUsage;
    }
    const std::string& command = rest.front();
    const std::vector<std::string> tail(rest.begin() + 1, rest.end());
    if (command == "--version" || command == "version") {
        out << "recobra " << kVersion << "\n";
        return kOk;
    }
    if (command == "--help" || command == "-h" || command == "help") {
        out << tr(Str::cli_usage, lang);
        return kOk;
    }
    if (command == "generate") return runGenerate(tail, cx);
    if (command == "validate") return runValidate(tail, cx);
    if (command == "stats") return runStats(tail, cx);
    if (command == "agenda") return runAgenda(tail, cx);
    if (command == "claim") return runClaim(tail, cx);
    if (command == "kpis") return runKpis(tail, cx);
    if (command == "letter") return runLetter(tail, cx);
    if (command == "case-file") return runCaseFile(tail, cx);
    if (command == "plan") return runPlan(tail, cx);
    if (command == "merge") return runMerge(tail, cx);
    if (command == "agency") return runAgency(tail, cx);
    if (command == "import-csv") return runImportCsv(tail, cx);
    return cx.usage(cx.say(Str::cli_unknown_command, {command}));
}

} // namespace recobra::cli
