// letters_bench FILE [RUNS]: letters for the whole book, natively or in wasm (Node): one
// template written for each of the first 1,000 debtors that owe something (what "prepare
// today's letters" does for a large batch), the print document of those letters, their .eml
// drafts, and the case file of the debtor with the longest history. Prints one JSON object;
// scripts/bench.sh runs it on the 100,000-debtor data set.
#include "bench.hpp"

#include "core/exchange/agency/agency.hpp"
#include "core/exchange/letter_drafts.hpp"

#include <nlohmann/json.hpp>

using namespace recobra;
using namespace recobra::bench;

int main(int argc, char** argv) {
    if (argc < 2) {
        std::fprintf(stderr, "usage: letters_bench FILE [RUNS]\n");
        return 2;
    }
    const int runs = argc > 2 ? std::max(3, std::atoi(argv[2])) : 5;
    nlohmann::json out;
    out["bench"] = "letters";
    out["platform"] = platformName();
    Workspace ws = loadWorkspace(argv[1]);
    const State& s = ws.state();
    const Date today = Date::ofTimestamp(ws.log().empty() ? 0 : ws.log().lastId().ms);
    out["today"] = today.iso();
    const LawTables tables(s.law);

    std::vector<Index> owing;
    Index longest = 0;
    for (Index d = 0; d < s.debtors.size(); ++d) {
        if (owing.size() < 1000 && s.debtors[d].outstanding.anyPositive()) owing.push_back(d);
        if (s.debtors[d].interactions.size() > s.debtors[longest].interactions.size()) longest = d;
    }
    out["letters"] = owing.size();
    const LetterOptions options{.lang = Lang::es, .today = today, .deadlineDays = 10, .user = "Bench"};
    for (const char* templateId : {"friendly_reminder", "interest_notice", "account_statement"}) {
        std::vector<Letter> letters;
        out[std::string(templateId) + "Ms"] = medianMs(runs, [&] {
            letters.clear();
            for (const Index d : owing)
                if (auto written = writeLetter(s, tables, d, templateId, options); std::holds_alternative<Letter>(written))
                    letters.push_back(std::get<Letter>(std::move(written)));
        });
        if (std::string_view(templateId) != "friendly_reminder") continue;
        std::size_t bytes = 0;
        out["printMs"] = medianMs(runs, [&] { bytes = letterPages(s, letters).size(); });
        out["printBytes"] = bytes;
        out["emlZipMs"] = medianMs(runs, [&] { bytes = emlDraftsZip(s, letters, today.startOfDayUtc()).size(); });
        out["emlZipBytes"] = bytes;
    }
    AgencyOptions agency;
    agency.today = today;
    std::size_t caseBytes = 0;
    out["caseFileMs"] = medianMs(runs, [&] { caseBytes = caseFilePage(s, ws.log(), longest, agency).size(); });
    out["caseFileInteractions"] = s.debtors[longest].interactions.size();
    out["caseFileBytes"] = caseBytes;
    std::printf("%s\n", out.dump(2).c_str());
    return 0;
}
