#pragma once
// Packs events' JSON, one per line, into the browser store's segments (web/store.js): about
// `bytes` of "<json>\n" each, keyed by its first event's id. A restore stages its new
// generation this way while the file is read, from the file's own lines, so that once the
// file is checked nothing is left to write. Events must come in strictly increasing id
// order, as a backup lists them: one that does not marks the packing broken (the caller then
// writes the log the ordinary way).
#include "ids.hpp"

#include <cstddef>
#include <deque>
#include <string>
#include <string_view>

namespace recobra {

class SegmentPacker {
public:
    struct Segment {
        EventId first;
        std::size_t count = 0;
        std::string text; // "<json>\n" per event
    };

    explicit SegmentPacker(std::size_t bytes) : bytes_(bytes) {}

    // Adds one event; false, and broken() from then on, if its id is not after the last one.
    bool add(const EventId& id, std::string_view json);
    // No more events: the last, partial segment is ready too.
    void finish();

    bool broken() const { return broken_; }
    bool hasReady() const { return !ready_.empty(); }
    Segment take(); // the oldest ready segment (hasReady() must be true)
    // Every event added has been taken in a segment.
    bool drained() const { return ready_.empty() && open_.count == 0; }
    std::size_t count() const { return count_; } // events added
    const EventId& last() const { return last_; }

private:
    std::size_t bytes_;
    Segment open_;
    std::deque<Segment> ready_;
    std::size_t count_ = 0;
    EventId last_{};
    bool broken_ = false;
};

} // namespace recobra
