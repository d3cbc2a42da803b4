// core_bench FILE [RUNS]: how long the core takes over a backup, natively or in wasm (Node):
// read+decode, fold, a command on the loaded state, the summary, export and a checked import.
// Prints one JSON object; scripts/bench.sh runs it on the 100,000-debtor data set.
#include "bench.hpp"

#include "core/rules/debtor_list.hpp"
#include "core/state/queries.hpp"
#include "core/state/state_image.hpp"

#include <cstring>
#include <nlohmann/json.hpp>

#include <malloc.h>
#ifdef __EMSCRIPTEN__
#include <emscripten/heap.h>
#else
#include <sys/resource.h>
#endif

using namespace recobra;
using namespace recobra::bench;

namespace {

double peakMegabytes() {
#ifdef __EMSCRIPTEN__
    return static_cast<double>(emscripten_get_heap_size()) / 1048576.0; // the wasm memory only grows
#else
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    return static_cast<double>(usage.ru_maxrss) / 1024.0;
#endif
}

// What the allocator holds for live objects now (not the high-water mark).
double liveMegabytes() {
#ifdef __EMSCRIPTEN__
    const auto info = mallinfo(); // int fields: read as unsigned, a wasm heap is up to 4 GB
    return static_cast<double>(static_cast<unsigned>(info.uordblks) + static_cast<unsigned>(info.hblkhd)) / 1048576.0;
#else
    const auto info = mallinfo2();
    return static_cast<double>(info.uordblks + info.hblkhd) / 1048576.0;
#endif
}

} // namespace

int main(int argc, char** argv) {
    if (argc < 2) {
        std::fprintf(stderr, "usage: core_bench FILE [RUNS]\n");
        return 2;
    }
    const std::string path = argv[1];
    const int runs = argc > 2 ? std::max(1, std::atoi(argv[2])) : 3;
    nlohmann::json out;
    out["platform"] = platformName();

    double readMs = 0;
    std::size_t bytes = 0;
    BackupContents contents = readBackupFile(path, &readMs, &bytes);
    out["liveAfterDecodeMB"] = liveMegabytes();
    const std::size_t events = contents.events.size();
    out["events"] = events;
    out["bytes"] = bytes;
    out["readDecodeMs"] = readMs;
    out["readDecodeUsPerEvent"] = readMs * 1000.0 / static_cast<double>(events);

    // Fold: the whole log into state, as at startup. Once: two copies of two million events
    // do not fit in wasm's 4 GB.
    Workspace ws(1);
    out["foldMs"] = medianMs(1, [&] { ws.load(std::move(contents.events)); });
    out["foldUsPerEvent"] = out["foldMs"].get<double>() * 1000.0 / static_cast<double>(events);
    out["debtors"] = ws.state().debtors.size();
    out["liveAfterFoldMB"] = liveMegabytes(); // the log and its state, as the app holds them
    out["logMB"] = static_cast<double>(ws.log().memoryBytes()) / 1048576.0; // the log alone

    // The images a start installs instead of decoding and folding (EventLog::Image,
    // StateImageWriter): made, then installed back, as the browser does piece by piece.
    {
        std::vector<std::string> logPieces, statePieces;
        out["imageWriteMs"] = medianMs(1, [&] {
            const EventLog::Image image = ws.log().image();
            for (std::size_t i = 0; i < image.pieces(); ++i) logPieces.emplace_back(image.piece(i));
            StateImageWriter writer(ws.state(), ws.log().size());
            std::string piece;
            while (writer.next(piece)) statePieces.push_back(piece);
        });
        std::size_t logBytes = 0, stateBytes = 0;
        for (const auto& p : logPieces) logBytes += p.size();
        for (const auto& p : statePieces) stateBytes += p.size();
        out["imageLogMB"] = static_cast<double>(logBytes) / 1048576.0;
        out["imageStateMB"] = static_cast<double>(stateBytes) / 1048576.0;
        bool ok = true;
        std::optional<EventLog> log;
        std::optional<State> state;
        out["imageInstallMs"] = medianMs(1, [&] {
            EventLog::ImageLoader loader;
            ok = loader.begin(logPieces[0]);
            for (std::size_t i = 1; ok && i < logPieces.size(); ++i) {
                char* into = loader.buffer(logPieces[i].size());
                ok = into != nullptr;
                if (ok) std::memcpy(into, logPieces[i].data(), logPieces[i].size());
                ok = ok && loader.pieceDone();
            }
            StateImageReader reader(ws.log().size());
            for (const auto& p : statePieces) ok = ok && reader.add(p);
            log = loader.finish();
            state = reader.finish();
        });
        if (!ok || !log || !state || log->size() != ws.log().size() || !(*state == ws.state())) {
            std::fprintf(stderr, "the images did not install as the log and state they were made from\n");
            return 1;
        }
    }

    // One command on the loaded state (checked, applied to the state, pending persistence).
    const Timestamp now = ws.log().empty() ? 0 : ws.log().lastId().ms + 60'000;
    const CommandContext context{now, 60, "Bench", false};
    const std::string debtor = ws.state().debtors[ws.state().debtors.size() / 2].id;
    std::vector<double> dispatchTimes;
    for (int i = 0; i < 200; ++i) {
        const nlohmann::json command{{"type", "addNote"}, {"debtor", debtor}, {"text", "Nota " + std::to_string(i)}};
        const double start = nowMs();
        const auto result = ws.dispatch(command, context);
        dispatchTimes.push_back(nowMs() - start);
        if (!result.ok()) {
            std::fprintf(stderr, "dispatch refused: %s\n", result.problem->describe(Lang::en).c_str());
            return 1;
        }
        ws.acknowledge(result.event->id);
    }
    std::sort(dispatchTimes.begin(), dispatchTimes.end());
    out["dispatchMedianMs"] = dispatchTimes[dispatchTimes.size() / 2];
    out["dispatchMaxMs"] = dispatchTimes.back();

    const Date today = context.today();
    out["summaryMs"] = medianMs(runs, [&] { (void)summarize(ws.state(), ws.log().size(), today); });

    // Debtors list: search, filter and sort over every debtor.
    out["listSearchMs"] = medianMs(runs, [&] {
        DebtorList list;
        DebtorFilter filter;
        filter.text = "garcia";
        list.update(ws.state(), filter, DebtorSort{}, today, *CurrencyCode::parse("EUR"));
    });

    // Export: every event written as a backup.
    std::string exported;
    out["exportMs"] = medianMs(runs, [&] { exported = writeBackup(Settings{}, ws.log()); });
    out["exportBytes"] = exported.size();

    // Import (restore) of that export: read in pieces, decode, check every event, fold. The
    // loaded workspace goes first, as a restore replaces it.
    ws = Workspace(1);
    out["importMs"] = medianMs(1, [&] {
        BackupStreamReader reader("bench.json"); // as the app and the CLI read a file: in pieces
        for (std::size_t at = 0; at < exported.size(); at += 4u << 20)
            reader.feed(std::string_view(exported).substr(at, 4u << 20));
        BackupRead read = reader.finish();
        if (!read.contents) std::exit(1);
        EventLog base;
        const CheckedLog checked = foldChecked(base, std::move(read.contents->events), "bench.json");
        if (checked.problem) std::exit(1);
    });
    out["peakMB"] = peakMegabytes();
    std::printf("%s\n", out.dump().c_str());
    return 0;
}
