#pragma once
// Packs a backup's event lines into the browser store's blocks (web/store.js): runs of
// consecutive lines of about `bytes` each, keyed by the first event's id. A restore stages its
// new generation this way while the file is read: each block is the file's own bytes from
// its first event line to the end of its last (a slice of the file, which IndexedDB stores
// without the page copying it), so that once the file is checked nothing is left to write.
// Events must come in strictly increasing id order, as a backup lists them, each line after
// the last: one that does not marks the packing broken (the caller then writes the log the
// ordinary way).
#include "core/values/ids.hpp"

#include <cstddef>
#include <deque>

namespace recobra {

class BlockPacker {
public:
    struct Block {
        EventId first;
        std::size_t count = 0;
        std::size_t begin = 0; // the bytes [begin, end) of what the lines were read from
        std::size_t end = 0;
    };

    explicit BlockPacker(std::size_t bytes) : bytes_(bytes) {}

    // Adds one event, read from the line at [begin, end); false, and broken() from then on, if
    // its id is not after the last one or its line does not come after the last one's.
    bool add(const EventId& id, std::size_t begin, std::size_t end);
    // No more events: the last, partial block is ready too.
    void finish();

    bool broken() const { return broken_; }
    bool hasReady() const { return !ready_.empty(); }
    Block take(); // the oldest ready block (hasReady() must be true)
    // Every event added has been taken in a block.
    bool drained() const { return ready_.empty() && open_.count == 0; }
    std::size_t count() const { return count_; } // events added
    const EventId& last() const { return last_; }

private:
    std::size_t bytes_;
    Block open_;
    std::deque<Block> ready_;
    std::size_t count_ = 0;
    std::size_t end_ = 0; // where the last line ended
    EventId last_{};
    bool broken_ = false;
};

} // namespace recobra
