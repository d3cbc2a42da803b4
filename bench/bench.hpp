#pragma once
// What the benchmarks share: a clock, a backup file read in 4 MB pieces as the app reads it,
// and the median of repeated runs. Not part of the core: benchmarks measure time.
#include "core/exchange/backup.hpp"
#include "core/workspace/workspace.hpp"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <functional>
#include <string>
#include <vector>

namespace recobra::bench {

inline double nowMs() {
    using namespace std::chrono;
    return duration<double, std::milli>(steady_clock::now().time_since_epoch()).count();
}

// Runs `f` `runs` times and returns the median wall time in milliseconds.
inline double medianMs(int runs, const std::function<void()>& f) {
    std::vector<double> times;
    for (int i = 0; i < runs; ++i) {
        const double start = nowMs();
        f();
        times.push_back(nowMs() - start);
    }
    std::sort(times.begin(), times.end());
    return times[times.size() / 2];
}

inline const char* platformName() {
#ifdef __EMSCRIPTEN__
    return "wasm";
#else
    return "native";
#endif
}

// Reads and decodes a backup the way the app imports one. Exits on a bad file.
inline BackupContents readBackupFile(const std::string& path, double* ms = nullptr, std::size_t* bytes = nullptr) {
    const double start = nowMs();
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        std::fprintf(stderr, "cannot open %s\n", path.c_str());
        std::exit(2);
    }
    BackupStreamReader reader(path);
    std::string chunk(4u << 20, '\0');
    while (in) {
        in.read(chunk.data(), static_cast<std::streamsize>(chunk.size()));
        const auto n = static_cast<std::size_t>(in.gcount());
        if (n == 0) break;
        if (!reader.feed(std::string_view(chunk.data(), n))) break;
    }
    if (bytes) *bytes = reader.bytesRead();
    BackupRead read = reader.finish();
    if (!read.contents) {
        std::fprintf(stderr, "%s\n", read.problem ? read.problem->describe(Lang::en).c_str() : "unreadable");
        std::exit(2);
    }
    if (ms) *ms = nowMs() - start;
    return std::move(*read.contents);
}

// A workspace holding the file's events, folded (as the app holds it after loading).
inline Workspace loadWorkspace(const std::string& path) {
    BackupContents contents = readBackupFile(path);
    Workspace ws(1);
    ws.load(std::move(contents.events));
    return ws;
}

} // namespace recobra::bench
