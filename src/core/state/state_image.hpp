#pragma once
// The image of the state: the fold of a log as bytes, in pieces, kept beside the log's image
// (EventLog::Image) so that a start installs both and folds nothing. Like the log's image it
// is a cache: it names the layout of the build that wrote it (stateSignature()), carries a
// checksum per piece, is read with every read bounds-checked, and every index in it must
// point inside the lists (or the log) it refers to. Anything else refuses it, and the log is
// folded as usual.
#include "core/state/state.hpp"

#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>

namespace recobra {

// A digest of every state record's fields and types, every enumeration and the string table.
std::uint64_t stateSignature();

// Writes the image a piece at a time. The state must not change between the first piece and
// the last (the browser checks Workspace::revision() and gives up when it has).
class StateImageWriter {
public:
    StateImageWriter(const State& state, std::size_t logEvents) : state_(state), logEvents_(logEvents) {}
    // The next piece, about `bytes` long (one large record may make it longer); false once
    // every piece has been given.
    bool next(std::string& piece, std::size_t bytes = std::size_t{1} << 20);

private:
    const State& state_;
    std::size_t logEvents_;
    std::size_t section_ = 0;
    std::size_t item_ = 0;
    std::uint64_t sequence_ = 0;
    std::unordered_map<std::string, AgendaHandling>::const_iterator handled_;
    std::unordered_map<std::string, Index>::const_iterator taxIds_;
};

// Reads the pieces back, in order, for a log of `logEvents` events.
class StateImageReader {
public:
    explicit StateImageReader(std::size_t logEvents) : logEvents_(logEvents) {}
    // False when the piece is not the next piece of an intact image this build wrote.
    bool add(std::string_view piece);
    // The state, once every piece is in and every index checks out.
    std::optional<State> finish();
    static constexpr std::size_t kSectionCount = 13; // the header and each list (state_image.cpp)

private:
    std::size_t logEvents_;
    State state_;
    bool started_ = false;
    bool failed_ = false;
    std::uint64_t sequence_ = 0;
    std::size_t expected_[kSectionCount] = {};
};

} // namespace recobra
