#include "core/log/event_log.hpp"

#include "core/codec/binary_codec.hpp"

#include <algorithm>
#include <cstring>
#include <numeric>
#include <stdexcept>

namespace recobra {

namespace {

using namespace binary;

// A record: varint length of what follows, then ts, author (index in the log's table),
// version, payload alternative, and the payload's fields in visit() order (binary_codec.hpp).
constexpr std::size_t kChunkBytes = std::size_t{1} << 20;
constexpr std::uint32_t kOffsetBits = 20;





// Writes a record's payload straight as canonical JSON (what JsonWriter writes for the
// decoded payload), without building it: the field types come from visit() on an empty
// instance, the values from the bytes.
class JsonTranscoder {
public:
    JsonTranscoder(Reader& r, std::string& out) : r_(r), out_(out) {}

    template <class T> static void object(Reader& r, std::string& out) {
        thread_local T shape{}; // only its field types are used
        JsonTranscoder t(r, out);
        shape.visit(t);
        out += t.first_ ? "{}" : "}";
    }

    template <class T> void operator()(const char* key, const T&, Presence presence = Req) {
        if (presence == Opt && isDefaultNext<T>()) {
            skip<T>();
            return;
        }
        out_.push_back(first_ ? '{' : ',');
        first_ = false;
        out_.push_back('"');
        out_ += key;
        out_ += "\":";
        value<T>();
    }

private:
    // Whether the value about to be read holds its type's default (as JsonWriter decides).
    template <class T> bool isDefaultNext() const {
        const auto* p = reinterpret_cast<const unsigned char*>(r_.at());
        if constexpr (std::is_same_v<T, std::string> || IsVector<T>::value || IsOptional<T>::value ||
                      std::is_same_v<T, bool> || std::is_same_v<T, std::int64_t> || std::is_enum_v<T>)
            return *p == 0; // an empty text or list, an unset option, false, zero, the first choice
        else
            return false;
    }
    template <class T> void skip() {
        T ignored{};
        r_.read(ignored);
    }
    template <class T> void value() {
        if constexpr (std::is_same_v<T, std::string>) {
            const std::uint64_t header = r_.varint();
            if (header == 1) {
                const auto* p = reinterpret_cast<const unsigned char*>(r_.at());
                char id[28] = {'"', static_cast<char>(p[0]), '-'};
                for (std::size_t i = 0; i < 12; ++i) {
                    id[3 + 2 * i] = kHex[p[1 + i] >> 4];
                    id[4 + 2 * i] = kHex[p[1 + i] & 15];
                }
                id[27] = '"';
                out_.append(id, 28);
                r_.advance(13);
            } else {
                const auto length = static_cast<std::size_t>(header >> 1);
                appendJsonString(out_, std::string_view(r_.at(), length));
                r_.advance(length);
            }
        } else if constexpr (std::is_same_v<T, bool> || std::is_same_v<T, std::int64_t> || std::is_same_v<T, Date> ||
                             std::is_same_v<T, Money> || std::is_enum_v<T>) {
            T v{};
            r_.read(v);
            JsonWriter::write(out_, v);
        } else if constexpr (IsVector<T>::value) {
            const auto n = static_cast<std::size_t>(r_.varint());
            out_.push_back('[');
            for (std::size_t i = 0; i < n; ++i) {
                if (i > 0) out_.push_back(',');
                value<typename T::value_type>();
            }
            out_.push_back(']');
        } else if constexpr (IsOptional<T>::value) {
            if (r_.byte()) value<typename T::value_type>();
            else out_ += "null";
        } else {
            static_assert(IsVisitable<T>::value, "no JSON for this type");
            object<T>(r_, out_);
        }
    }

    Reader& r_;
    std::string& out_;
    bool first_ = true;
};

template <std::size_t I = 0> void transcodePayload(Reader& r, std::size_t index, std::string& out) {
    if constexpr (I + 1 < std::variant_size_v<Payload>) { // UnknownEvent is written as it came
        if (index != I) return transcodePayload<I + 1>(r, index, out);
        JsonTranscoder::object<std::variant_alternative_t<I, Payload>>(r, out);
    }
}

template <std::size_t I = 0> const char* payloadType(std::size_t index) {
    if constexpr (I + 1 < std::variant_size_v<Payload>) {
        if (index != I) return payloadType<I + 1>(index);
        return std::variant_alternative_t<I, Payload>::kType;
    } else {
        return "";
    }
}

void writePayload(std::string& out, const Payload& payload) {
    out.push_back(static_cast<char>(payload.index()));
    std::visit(
        [&](const auto& p) {
            using T = std::decay_t<decltype(p)>;
            BinaryWriter w(out);
            if constexpr (std::is_same_v<T, UnknownEvent>) {
                w.write(p.type);
                w.write(p.json);
            } else {
                w.write(p);
            }
        },
        payload);
}

template <std::size_t I = 0> void readPayload(Reader& r, std::size_t index, Payload& payload) {
    if constexpr (I < std::variant_size_v<Payload>) {
        if (index != I) return readPayload<I + 1>(r, index, payload);
        // Decoded over the payload already there when it is of the same type (its memory reused).
        auto& p = payload.index() == I ? std::get<I>(payload) : payload.emplace<I>();
        using T = std::variant_alternative_t<I, Payload>;
        if constexpr (std::is_same_v<T, UnknownEvent>) {
            r.read(p.type);
            r.read(p.json);
        } else {
            r.read(p);
        }
    }
}

} // namespace

EventLog::EventLog(const std::vector<Event>& events) {
    reserve(events.size());
    for (const auto& e : events) push_back(e);
}

std::uint32_t EventLog::author(const std::string& name) {
    // Events come in runs by the same person: the last one is checked before the table.
    if (!authors_.empty() && authors_[lastAuthor_] == name) return lastAuthor_;
    const auto [it, added] = authorIndex_.try_emplace(name, static_cast<std::uint32_t>(authors_.size()));
    if (added) authors_.push_back(name);
    lastAuthor_ = it->second;
    return it->second;
}

void EventLog::reserve(std::size_t events) {
    ids_.reserve(events);
    where_.reserve(events);
}

void EventLog::push_back(const Event& event) {
    thread_local std::string body;
    body.clear();
    putVarint(body, zigzag(event.ts));
    putVarint(body, author(event.author));
    putVarint(body, zigzag(event.version));
    writePayload(body, event.payload);
    appendRecord(event.id, body);
}

void EventLog::appendRecord(const EventId& id, std::string_view body) {
    std::string lengthPrefix;
    putVarint(lengthPrefix, body.size());
    const std::size_t need = lengthPrefix.size() + body.size();
    Chunk* chunk = chunks_.empty() ? nullptr : chunks_.back().get();
    // A chunk shared with a copy of this log is never written to again.
    if (!chunk || chunks_.back().use_count() > 1 || chunk->used + need > chunk->capacity ||
        chunk->used >= (std::size_t{1} << kOffsetBits)) {
        // Positions keep 12 bits for the chunk: 4 GiB of records, more than wasm can address.
        if (chunks_.size() >= (std::size_t{1} << (32 - kOffsetBits))) throw std::length_error("event log over 4 GiB");
        auto fresh = std::make_shared<Chunk>();
        fresh->capacity = std::max(kChunkBytes, need);
        fresh->bytes = std::make_unique<char[]>(fresh->capacity);
        chunks_.push_back(std::move(fresh));
        chunk = chunks_.back().get();
    }
    const auto offset = static_cast<std::uint32_t>(chunk->used);
    std::memcpy(chunk->bytes.get() + chunk->used, lengthPrefix.data(), lengthPrefix.size());
    std::memcpy(chunk->bytes.get() + chunk->used + lengthPrefix.size(), body.data(), body.size());
    chunk->used += need;
    ids_.push_back(id);
    where_.push_back(static_cast<std::uint32_t>(chunks_.size() - 1) << kOffsetBits | offset);
}

std::string_view EventLog::record(std::size_t i) const {
    const std::uint32_t w = where_[i];
    const Chunk& chunk = *chunks_[w >> kOffsetBits];
    Reader r(chunk.bytes.get() + (w & ((1u << kOffsetBits) - 1)));
    const auto length = static_cast<std::size_t>(r.varint());
    return {r.at(), length};
}

const Event EventLog::operator[](std::size_t i) const {
    Event e;
    decode(i, e);
    return e;
}

void EventLog::decode(std::size_t i, Event& e) const {
    const std::string_view body = record(i);
    Reader r(body.data());
    e.id = ids_[i];
    e.ts = unzigzag(r.varint());
    e.author = authors_[static_cast<std::size_t>(r.varint())];
    e.version = static_cast<int>(unzigzag(r.varint()));
    const auto index = static_cast<unsigned char>(*r.at());
    Reader payload(r.at() + 1);
    readPayload(payload, index, e.payload);
}

std::size_t EventLog::payloadIndex(std::size_t i) const {
    Reader r(record(i).data());
    r.varint(); // ts
    r.varint(); // author
    r.varint(); // version
    return static_cast<std::size_t>(r.byte());
}

void EventLog::appendJson(std::size_t i, std::string& out) const {
    const std::string_view body = record(i);
    Reader r(body.data());
    const std::int64_t ts = unzigzag(r.varint());
    const std::string& name = authors_[static_cast<std::size_t>(r.varint())];
    const auto version = unzigzag(r.varint());
    const auto index = static_cast<std::size_t>(r.byte());
    if (index + 1 == std::variant_size_v<Payload>) { // unknown: kept as its own canonical JSON
        std::string type, json;
        r.read(type);
        r.read(json);
        out += json;
        return;
    }
    out += "{\"author\":";
    appendJsonString(out, name);
    out += ",\"id\":\"";
    ids_[i].appendTo(out);
    out += "\",\"payload\":";
    transcodePayload(r, index, out);
    out += ",\"ts\":";
    appendInteger(out, ts);
    out += ",\"type\":\"";
    out += payloadType(index);
    out += "\",\"v\":";
    appendInteger(out, version);
    out.push_back('}');
}

void EventLog::append(const EventLog& from, std::size_t i) {
    const std::string_view body = from.record(i);
    Reader r(body.data());
    const std::uint64_t ts = r.varint();
    const std::string& name = from.authors_[static_cast<std::size_t>(r.varint())];
    const std::string_view rest(r.at(), static_cast<std::size_t>(body.data() + body.size() - r.at()));
    thread_local std::string copy;
    copy.clear();
    putVarint(copy, ts);
    putVarint(copy, author(name));
    copy.append(rest);
    appendRecord(from.ids_[i], copy);
}

void EventLog::appendAll(EventLog&& from) {
    std::vector<std::uint32_t> renumbered;
    renumbered.reserve(from.authors_.size());
    for (const auto& name : from.authors_) renumbered.push_back(author(name));
    // Every author numbered below 128 in both logs: one byte each, before and after.
    bool inPlace = from.authors_.size() <= 128 && authors_.size() <= 128 &&
                   chunks_.size() + from.chunks_.size() < (std::size_t{1} << (32 - kOffsetBits));
    for (const auto& chunk : from.chunks_) inPlace = inPlace && chunk.use_count() == 1; // none shared with a copy
    // Room for half as many again, not for these alone: a log taken in piece by piece (45 pieces
    // of a 765 MB backup) copied its ids at every piece, 0.34 s of a restore's page.
    const std::size_t needed = size() + from.size();
    if (needed > ids_.capacity()) reserve(std::max(needed, ids_.capacity() + ids_.capacity() / 2));
    if (!inPlace) {
        for (std::size_t i = 0; i < from.size(); ++i) append(from, i);
        from.clear();
        return;
    }
    const auto firstChunk = static_cast<std::uint32_t>(chunks_.size());
    constexpr std::uint32_t kOffsetMask = (1u << kOffsetBits) - 1;
    for (std::size_t i = 0; i < from.size(); ++i) {
        const std::uint32_t w = from.where_[i];
        Chunk& chunk = *from.chunks_[w >> kOffsetBits];
        Reader r(chunk.bytes.get() + (w & kOffsetMask));
        r.varint(); // the record's length
        r.varint(); // ts
        const auto at = static_cast<std::size_t>(r.at() - chunk.bytes.get()); // the author: one byte
        chunk.bytes[at] = static_cast<char>(renumbered[static_cast<unsigned char>(chunk.bytes[at])]);
        ids_.push_back(from.ids_[i]);
        where_.push_back((firstChunk + (w >> kOffsetBits)) << kOffsetBits | (w & kOffsetMask));
    }
    for (auto& chunk : from.chunks_) chunks_.push_back(std::move(chunk));
    from.clear();
}

void EventLog::pop_back() {
    if (ids_.empty()) return;
    const std::uint32_t w = where_.back();
    auto& chunk = chunks_[w >> kOffsetBits];
    if (chunk.use_count() == 1 && w >> kOffsetBits == chunks_.size() - 1) chunk->used = w & ((1u << kOffsetBits) - 1);
    ids_.pop_back();
    where_.pop_back();
}

std::optional<Index> EventLog::find(const EventId& id) const {
    const auto it = std::lower_bound(ids_.begin(), ids_.end(), id);
    if (it == ids_.end() || !(*it == id)) return std::nullopt;
    return static_cast<Index>(it - ids_.begin());
}

std::vector<Event> EventLog::decodeAll() const {
    std::vector<Event> out;
    out.reserve(size());
    for (Index i = 0; i < size(); ++i) out.push_back((*this)[i]);
    return out;
}

bool EventLog::sortedUnique() const {
    return std::adjacent_find(ids_.begin(), ids_.end(), [](const EventId& a, const EventId& b) { return !(a < b); }) ==
           ids_.end();
}

std::size_t EventLog::memoryBytes() const {
    std::size_t bytes = ids_.capacity() * sizeof(EventId) + where_.capacity() * sizeof(std::uint32_t);
    for (const auto& c : chunks_) bytes += c->capacity;
    for (const auto& a : authors_) bytes += a.capacity() + sizeof a;
    return bytes;
}

namespace {

using namespace binary;

// --- images ------------------------------------------------------------------------------------


template <std::size_t I = 0> void describePayloads(std::string& out) {
    if constexpr (I < std::variant_size_v<Payload>) {
        using T = std::variant_alternative_t<I, Payload>;
        out += std::to_string(I);
        if constexpr (std::is_same_v<T, UnknownEvent>) {
            out += "unknown{type:s;json:s;}";
        } else {
            out += T::kType;
            ShapeWriter(out).shape<T>();
        }
        out += '\n';
        describePayloads<I + 1>(out);
    }
}

constexpr char kImageMagic[8] = {'R', 'B', 'L', 'O', 'G', 'I', 'M', '1'};





} // namespace

std::uint64_t EventLog::codecSignature() {
    static const std::uint64_t signature = [] {
        std::string shape = "record:len,ts:l,author:index,v:i,payload:index\n";
        describePayloads(shape);
        return fnv1a(shape);
    }();
    return signature;
}

EventLog::Image EventLog::image() const {
    Image image;
    image.events_ = size();
    std::string& h = image.header_;
    h.reserve(64 + size() * 6);
    h.append(kImageMagic, sizeof kImageMagic);
    putFixed64(h, codecSignature());
    putVarint(h, size());
    putVarint(h, authors_.size());
    for (const auto& a : authors_) {
        putVarint(h, a.size());
        h += a;
    }
    putVarint(h, chunks_.size());
    for (const auto& chunk : chunks_) {
        image.chunks_.push_back(chunk);
        image.used_.push_back(chunk->used);
        putVarint(h, chunk->used);
        putFixed64(h, checksum(chunk->bytes.get(), chunk->used));
    }
    std::int64_t previous = 0;
    for (const auto& id : ids_) {
        putVarint(h, zigzag(id.ms - previous));
        previous = id.ms;
        putVarint(h, id.counter);
        putVarint(h, id.device);
    }
    putFixed64(h, checksum(h.data(), h.size()));
    return image;
}

std::string_view EventLog::Image::piece(std::size_t i) const {
    if (i == 0) return header_;
    return {chunks_[i - 1]->bytes.get(), used_[i - 1]};
}

std::size_t EventLog::Image::bytes() const {
    std::size_t total = header_.size();
    for (const auto used : used_) total += used;
    return total;
}

bool EventLog::ImageLoader::begin(std::string_view header) {
    *this = ImageLoader{};
    failed_ = true;
    if (header.size() < sizeof kImageMagic + 16 || std::memcmp(header.data(), kImageMagic, sizeof kImageMagic) != 0)
        return false;
    const std::size_t body = header.size() - 8;
    CheckedReader tail(header.data() + body, header.data() + header.size());
    if (tail.fixed64() != checksum(header.data(), body)) return false;
    CheckedReader r(header.data() + sizeof kImageMagic, header.data() + body);
    if (r.fixed64() != codecSignature()) return false; // written by a build with other records
    const std::uint64_t events = r.varint();
    const std::uint64_t authors = r.varint();
    if (!r.ok() || events > (std::uint64_t{1} << 32) || authors > body) return false;
    for (std::uint64_t a = 0; a < authors && r.ok(); ++a) {
        const std::string_view name = r.bytes(r.varint());
        log_.authorIndex_.try_emplace(std::string(name), static_cast<std::uint32_t>(log_.authors_.size()));
        log_.authors_.emplace_back(name);
    }
    const std::uint64_t chunks = r.varint();
    if (!r.ok() || chunks >= (std::uint64_t{1} << (32 - kOffsetBits)) || chunks > body) return false;
    for (std::uint64_t c = 0; c < chunks && r.ok(); ++c) {
        Expected e;
        e.used = static_cast<std::size_t>(r.varint());
        e.checksum = r.fixed64();
        expected_.push_back(e);
    }
    if (!r.ok() || events > body) return false;
    ids_.reserve(static_cast<std::size_t>(events));
    std::int64_t ms = 0;
    for (std::uint64_t i = 0; i < events && r.ok(); ++i) {
        EventId id;
        ms += unzigzag(r.varint());
        id.ms = ms;
        const std::uint64_t counter = r.varint(), device = r.varint();
        if (counter > 0xffff || device > 0xffffffffu) return false;
        id.counter = static_cast<std::uint16_t>(counter);
        id.device = static_cast<std::uint32_t>(device);
        ids_.push_back(id);
    }
    if (!r.ok() || !r.atEnd()) return false;
    log_.reserve(ids_.size());
    failed_ = false;
    return true;
}

char* EventLog::ImageLoader::buffer(std::size_t size) {
    if (failed_ || next_ >= expected_.size() || size != expected_[next_].used) {
        failed_ = true;
        return nullptr;
    }
    auto chunk = std::make_shared<Chunk>();
    chunk->capacity = size;
    chunk->bytes = std::make_unique<char[]>(size);
    log_.chunks_.push_back(std::move(chunk));
    return log_.chunks_.back()->bytes.get();
}

bool EventLog::ImageLoader::pieceDone() {
    const auto fail = [this] { return !(failed_ = true); };
    if (failed_ || log_.chunks_.size() != next_ + 1) return fail();
    Chunk& chunk = *log_.chunks_.back();
    const Expected& e = expected_[next_];
    if (checksum(chunk.bytes.get(), e.used) != e.checksum) return fail();
    // Every record: its length within the chunk, its author in the table, a known payload.
    const char* begin = chunk.bytes.get();
    CheckedReader r(begin, begin + e.used);
    const auto chunkBits = static_cast<std::uint32_t>(next_) << kOffsetBits;
    while (!r.atEnd()) {
        const auto offset = static_cast<std::size_t>(r.at() - begin);
        if (offset >= (std::size_t{1} << kOffsetBits) || events_ >= ids_.size()) return fail();
        const std::string_view body = r.bytes(r.varint());
        if (!r.ok()) return fail();
        CheckedReader record(body.data(), body.data() + body.size());
        record.varint(); // ts
        const std::uint64_t author = record.varint();
        record.varint(); // schema version
        if (!record.ok() || author >= log_.authors_.size() || record.atEnd()) return fail();
        if (static_cast<unsigned char>(*record.at()) >= std::variant_size_v<Payload>) return fail();
        log_.where_.push_back(chunkBits | static_cast<std::uint32_t>(offset));
        ++events_;
    }
    chunk.used = e.used;
    ++next_;
    return true;
}

std::optional<EventLog> EventLog::ImageLoader::finish() {
    if (failed_ || next_ != expected_.size() || events_ != ids_.size()) return std::nullopt;
    log_.ids_ = std::move(ids_);
    EventLog out = std::move(log_);
    *this = ImageLoader{};
    return out;
}

namespace {

// Positions of the log's events in id order (equal ids keep their order).
std::vector<Index> orderById(const EventLog& log) {
    std::vector<Index> order(log.size());
    std::iota(order.begin(), order.end(), Index{0});
    std::stable_sort(order.begin(), order.end(), [&](Index a, Index b) { return log.id(a) < log.id(b); });
    return order;
}

// The log's events in `order`, the second and later of a repeated id left out.
EventLog reordered(const EventLog& log, const std::vector<Index>& order) {
    EventLog out;
    out.reserve(order.size());
    for (std::size_t k = 0; k < order.size(); ++k)
        if (k == 0 || !(log.id(order[k]) == log.id(order[k - 1]))) out.append(log, order[k]);
    return out;
}

} // namespace

std::size_t sortAndDeduplicate(EventLog& log) {
    if (log.sortedUnique()) return 0;
    const std::size_t before = log.size();
    log = reordered(log, orderById(log));
    return before - log.size();
}

std::optional<Problem> sortRefusingDuplicates(EventLog& log) {
    if (log.sortedUnique()) return std::nullopt;
    const std::vector<Index> order = orderById(log);
    for (std::size_t k = 1; k < order.size(); ++k) {
        if (!(log.id(order[k]) == log.id(order[k - 1]))) continue;
        const std::string id = log.id(order[k]).str();
        Problem p = problem(Str::err_id_duplicate, "id", {id});
        p.record = id;
        return p;
    }
    log = reordered(log, order);
    return std::nullopt;
}

EventLog mergeById(const EventLog& a, const EventLog& b) {
    EventLog out;
    out.reserve(a.size() + b.size());
    for (Index i = 0, j = 0; i < a.size() || j < b.size();) {
        if (j >= b.size() || (i < a.size() && a.id(i) < b.id(j))) out.append(a, i++);
        else out.append(b, j++);
    }
    return out;
}

} // namespace recobra
