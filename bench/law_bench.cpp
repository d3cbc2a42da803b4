// law_bench FILE [RUNS]: the law's figures for the whole book, natively or in wasm (Node): the
// claim (interest with its rows, compensation, prescription with its reasons) of every
// debtor, the claimable totals alone (what the debtors list computes for its column), and the
// JSON of every claim. Prints one JSON object; scripts/bench.sh runs it on the 100,000-debtor
// data set. The goal (bench/README.md): the whole book's claim in 100 ms or less in wasm.
#include "bench.hpp"

#include "core/law/claim.hpp"

#include <nlohmann/json.hpp>

using namespace recobra;
using namespace recobra::bench;

int main(int argc, char** argv) {
    if (argc < 2) {
        std::fprintf(stderr, "usage: law_bench FILE [RUNS]\n");
        return 2;
    }
    const std::string path = argv[1];
    const int runs = argc > 2 ? std::max(3, std::atoi(argv[2])) : 5;
    nlohmann::json out;
    out["bench"] = "law";
    out["platform"] = platformName();

    Workspace ws = loadWorkspace(path);
    const State& s = ws.state();
    out["debtors"] = s.debtors.size();
    out["invoices"] = s.invoices.size();
    const Date today = Date::ofTimestamp(ws.log().empty() ? 0 : ws.log().lastId().ms);
    out["today"] = today.iso();
    const LawTables tables(s.law);

    std::size_t claimed = 0, rows = 0, prescribed = 0;
    MoneyBag total;
    out["claimAllMs"] = medianMs(runs, [&] {
        claimed = rows = prescribed = 0;
        total = MoneyBag();
        for (Index d = 0; d < s.debtors.size(); ++d) {
            const DebtorClaim c = claimFor(s, tables, d, today);
            claimed += c.invoices.size();
            for (const auto& i : c.invoices) {
                rows += i.interest.rows.size();
                prescribed += i.prescribed;
            }
            for (const auto& m : c.claimable.amounts()) total.add(m);
        }
    });
    out["invoicesClaimed"] = claimed;
    out["interestRows"] = rows;
    out["invoicesPrescribed"] = prescribed;
    out["claimableEur"] = total.in(CurrencyCode::eur());

    std::int64_t lean = 0;
    out["claimableColumnMs"] = medianMs(runs, [&] {
        lean = 0;
        for (Index d = 0; d < s.debtors.size(); ++d) lean += claimableIn(s, tables, d, today, CurrencyCode::eur());
    });
    if (lean != total.in(CurrencyCode::eur())) {
        std::fprintf(stderr, "the column and the claims disagree: %lld vs %lld\n", static_cast<long long>(lean),
                     static_cast<long long>(total.in(CurrencyCode::eur())));
        return 1;
    }

    std::size_t bytes = 0;
    out["jsonAllMs"] = medianMs(std::max(1, runs / 2), [&] {
        bytes = 0;
        for (Index d = 0; d < s.debtors.size(); ++d) {
            const DebtorClaim c = claimFor(s, tables, d, today);
            if (!c.invoices.empty()) bytes += claimJson(s, c).dump().size();
        }
    });
    out["jsonBytes"] = bytes;
    std::printf("%s\n", out.dump().c_str());
    return 0;
}
