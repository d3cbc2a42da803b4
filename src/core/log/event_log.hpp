#pragma once
// The event log held in memory: every event, sorted by id, each id once. Two million events
// (100,000 debtors) held as decoded structs took ~530 bytes each, over a gigabyte; here each
// is kept as a compact binary record (~100 bytes: varints, entity ids as 12 bytes, authors
// written once in a table) and decoded when read. Reading an event gives a copy:
//
//     const Event e = log[i];                       // fine
//     const auto& p = std::get<X>(log[i].payload);  // dangles: the event is a temporary
//
// Records live in chunks of a megabyte, so a growing log never copies itself to a buffer
// twice its size, and a record can be copied to another log without decoding its payload.
#include "core/i18n/problem.hpp"
#include "core/model/events.hpp"

#include <cstdint>
#include <iterator>
#include <memory>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

namespace recobra {

using Index = std::uint32_t;
inline constexpr Index kNone = 0xFFFFFFFFu;

class EventLog {
public:
    EventLog() = default;
    explicit EventLog(const std::vector<Event>& events);

    std::size_t size() const { return ids_.size(); }
    bool empty() const { return ids_.empty(); }
    const EventId& id(std::size_t i) const { return ids_[i]; }
    const EventId& lastId() const { return ids_.back(); }
    // Decoded; const, so that changing a field of the copy (which would change nothing) does not compile.
    const Event operator[](std::size_t i) const;
    const Event back() const { return (*this)[size() - 1]; }
    // Decodes event `i` into `into`, reusing the memory its texts and lists already hold: a
    // loop over the whole log with one Event allocates next to nothing.
    void decode(std::size_t i, Event& into) const;
    // Appends event `i` as canonical JSON, exactly what appendEvent() writes for it decoded,
    // written straight from its record (exports and storage write millions of them).
    void appendJson(std::size_t i, std::string& out) const;
    // Which alternative of Payload event `i` holds, read from its record without decoding it.
    std::size_t payloadIndex(std::size_t i) const;
    // Position of an event with this id, if present (binary search).
    std::optional<Index> find(const EventId& id) const;

    void reserve(std::size_t events);
    void push_back(const Event& event);
    // Event `i` of `from`, copied as it is stored (no decoding of its payload).
    void append(const EventLog& from, std::size_t i);
    // Every event of `from` (moved in; its ids after this log's last) after this log's. Its
    // records are taken where they lie, not copied, when each author's number fits in the byte
    // it had (at most 128 authors in all, as in any real book): only that byte is renumbered.
    void appendAll(EventLog&& from);
    void pop_back();
    void clear() { *this = EventLog{}; }
    // Keeps the events for which keep(i) is true, in order.
    template <class Keep> void retain(Keep keep) {
        EventLog kept;
        kept.authors_ = authors_;
        kept.authorIndex_ = authorIndex_;
        kept.reserve(size());
        for (Index i = 0; i < size(); ++i)
            if (keep(i)) kept.append(*this, i);
        *this = std::move(kept);
    }
    std::vector<Event> decodeAll() const;

    bool sortedUnique() const; // every id greater than the one before
    std::size_t memoryBytes() const;

    // Images: the log exactly as it is held here, kept beside the stored log (as a cache) so
    // that the next start installs it instead of decoding every event's JSON again. An image
    // names the record layout of the build that wrote it (codecSignature()), carries a
    // checksum per piece and is checked record by record when installed: anything else
    // (another build, a damaged or incomplete image) is refused and the log is read as usual.
    class Image;
    class ImageLoader;
    // A picture of the log as it is now, unaffected by later changes to it (it shares the
    // chunks, which are never written again while it holds them).
    Image image() const;
    // A digest of every payload's fields, their types and every enumeration's values: what
    // the records' layout depends on.
    static std::uint64_t codecSignature();

    // Walks the log decoding into one Event: what `*it` refers to is valid until `++it`.
    class const_iterator {
    public:
        using iterator_category = std::input_iterator_tag;
        using value_type = Event;
        using difference_type = std::ptrdiff_t;
        using pointer = const Event*;
        using reference = const Event&;
        const_iterator(const EventLog* log, Index i) : log_(log), i_(i) {}
        const Event& operator*() const {
            if (decoded_ != i_) {
                log_->decode(i_, current_);
                decoded_ = i_;
            }
            return current_;
        }
        const Event* operator->() const { return &**this; }
        const_iterator& operator++() {
            ++i_;
            return *this;
        }
        friend bool operator==(const const_iterator& a, const const_iterator& b) { return a.i_ == b.i_; }
        friend bool operator!=(const const_iterator& a, const const_iterator& b) { return a.i_ != b.i_; }

    private:
        const EventLog* log_;
        Index i_;
        mutable Index decoded_ = kNone;
        mutable Event current_;
    };
    const_iterator begin() const { return {this, 0}; }
    const_iterator end() const { return {this, static_cast<Index>(size())}; }

private:
    friend class Image;
    friend class ImageLoader;
    struct Chunk {
        std::unique_ptr<char[]> bytes;
        std::size_t capacity = 0;
        std::size_t used = 0;
    };
    std::string_view record(std::size_t i) const;
    void appendRecord(const EventId& id, std::string_view body);
    std::uint32_t author(const std::string& name);

    std::vector<EventId> ids_;
    std::vector<std::uint32_t> where_; // chunk << 20 | offset
    std::vector<std::shared_ptr<Chunk>> chunks_;
    std::vector<std::string> authors_;
    std::unordered_map<std::string, std::uint32_t> authorIndex_;
    std::uint32_t lastAuthor_ = 0;
};

class EventLog::Image {
public:
    // Piece 0 is the header (ids, authors, the size and checksum of each chunk); the rest are
    // the chunks' records, as they are in memory.
    std::size_t pieces() const { return 1 + chunks_.size(); }
    std::string_view piece(std::size_t i) const;
    std::size_t events() const { return events_; }
    std::size_t bytes() const;

private:
    friend class EventLog;
    std::string header_;
    std::vector<std::shared_ptr<Chunk>> chunks_;
    std::vector<std::size_t> used_;
    std::size_t events_ = 0;
};

// Installs an image piece by piece: begin() with the header, then each chunk into buffer(),
// then finish(). Any false or nullopt means the image is not usable (nothing is half-installed).
class EventLog::ImageLoader {
public:
    bool begin(std::string_view header);
    std::size_t pieces() const { return expected_.size() + 1; }
    // Where the next piece's `size` bytes go; nullptr when the header gave another size.
    char* buffer(std::size_t size);
    // Checks the piece just written to buffer(): its checksum and every record's bounds.
    bool pieceDone();
    std::optional<EventLog> finish();

private:
    struct Expected {
        std::size_t used = 0;
        std::uint64_t checksum = 0;
    };
    EventLog log_;
    std::vector<Expected> expected_;
    std::vector<EventId> ids_;
    std::size_t next_ = 0;   // chunks installed
    std::size_t events_ = 0; // records found in them
    bool failed_ = false;
};

// Sorts by id and keeps one event per id (a log already in order is left as it is). Returns
// how many duplicates were dropped.
std::size_t sortAndDeduplicate(EventLog& log);
// The same, but an id twice means the file is damaged: the problem names that id.
std::optional<Problem> sortRefusingDuplicates(EventLog& log);
// Two logs in id order with no id in both, as one.
EventLog mergeById(const EventLog& a, const EventLog& b);

} // namespace recobra
