#include "event_log.hpp"

#include "json_codec.hpp" // IsVector, IsOptional, IsVisitable
#include "model.hpp"        // EnumTable

#include <algorithm>
#include <cstring>
#include <numeric>
#include <stdexcept>

namespace recobra {

namespace {

constexpr std::size_t kChunkBytes = std::size_t{1} << 20;
constexpr std::uint32_t kOffsetBits = 20;

// --- binary records ------------------------------------------------------------------------------
// A record: varint length of what follows, then ts, author (index in the log's table),
// version, payload alternative, and the payload's fields in visit() order. Integers are
// zigzag varints; text is a varint header (length << 1) and its bytes, or header 1 and an
// entity id ("d-0192e6ef8a1e00005eed0000") as its letter and 12 bytes.

void putVarint(std::string& out, std::uint64_t v) {
    char bytes[10];
    std::size_t n = 0;
    while (v >= 0x80) {
        bytes[n++] = static_cast<char>(v | 0x80);
        v >>= 7;
    }
    bytes[n++] = static_cast<char>(v);
    out.append(bytes, n);
}
std::uint64_t zigzag(std::int64_t v) { return (static_cast<std::uint64_t>(v) << 1) ^ static_cast<std::uint64_t>(v >> 63); }
std::int64_t unzigzag(std::uint64_t v) { return static_cast<std::int64_t>(v >> 1) ^ -static_cast<std::int64_t>(v & 1); }

int hexValue(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    return -1;
}
constexpr char kHex[] = "0123456789abcdef";

bool isEntityId(const std::string& s) {
    if (s.size() != 26 || s[0] < 'a' || s[0] > 'z' || s[1] != '-') return false;
    for (std::size_t i = 2; i < 26; ++i)
        if (hexValue(s[i]) < 0) return false;
    return true;
}

class BinaryWriter {
public:
    explicit BinaryWriter(std::string& out) : out_(out) {}
    template <class T> void operator()(const char*, const T& value, Presence = Req) { write(value); }

    void write(const std::string& v) {
        if (isEntityId(v)) {
            out_.push_back(1);
            out_.push_back(v[0]);
            for (std::size_t i = 2; i < 26; i += 2)
                out_.push_back(static_cast<char>(hexValue(v[i]) << 4 | hexValue(v[i + 1])));
            return;
        }
        putVarint(out_, static_cast<std::uint64_t>(v.size()) << 1);
        out_.append(v);
    }
    void write(bool v) { out_.push_back(v ? 1 : 0); }
    void write(std::int64_t v) { putVarint(out_, zigzag(v)); }
    void write(int v) { putVarint(out_, zigzag(v)); }
    void write(Date v) { putVarint(out_, zigzag(v.daysSinceEpoch())); }
    void write(Money v) {
        putVarint(out_, zigzag(v.minor));
        out_.append(v.currency.str());
    }
    template <class T> void write(const T& v) {
        if constexpr (std::is_enum_v<T>) {
            putVarint(out_, static_cast<std::uint64_t>(v));
        } else if constexpr (IsVector<T>::value) {
            putVarint(out_, v.size());
            for (const auto& item : v) write(item);
        } else if constexpr (IsOptional<T>::value) {
            out_.push_back(v ? 1 : 0);
            if (v) write(*v);
        } else {
            static_assert(IsVisitable<T>::value, "no binary encoding for this type");
            const_cast<T&>(v).visit(*this); // visit() only reads through a writer
        }
    }

private:
    std::string& out_;
};

// Reads what BinaryWriter wrote, in this process: the bytes are trusted.
class BinaryReader {
public:
    explicit BinaryReader(const char* at) : p_(reinterpret_cast<const unsigned char*>(at)) {}
    template <class T> void operator()(const char*, T& value, Presence = Req) { read(value); }

    std::uint64_t varint() {
        std::uint64_t v = 0;
        for (int shift = 0;; shift += 7) {
            const unsigned char b = *p_++;
            v |= static_cast<std::uint64_t>(b & 0x7f) << shift;
            if (!(b & 0x80)) return v;
        }
    }
    void read(std::string& v) {
        const std::uint64_t header = varint();
        if (header == 1) {
            v.resize(26);
            v[0] = static_cast<char>(*p_++);
            v[1] = '-';
            for (std::size_t i = 2; i < 26; i += 2) {
                const unsigned char b = *p_++;
                v[i] = kHex[b >> 4];
                v[i + 1] = kHex[b & 15];
            }
            return;
        }
        const auto length = static_cast<std::size_t>(header >> 1);
        v.assign(reinterpret_cast<const char*>(p_), length);
        p_ += length;
    }
    void read(bool& v) { v = *p_++ != 0; }
    void read(std::int64_t& v) { v = unzigzag(varint()); }
    void read(int& v) { v = static_cast<int>(unzigzag(varint())); }
    void read(Date& v) { v = Date::fromDaysSinceEpoch(static_cast<std::int32_t>(unzigzag(varint()))); }
    void read(Money& v) {
        v.minor = unzigzag(varint());
        v.currency = CurrencyCode::parse(std::string_view(reinterpret_cast<const char*>(p_), 3)).value_or(CurrencyCode{});
        p_ += 3;
    }
    template <class T> void read(T& v) {
        if constexpr (std::is_enum_v<T>) {
            v = static_cast<T>(varint());
        } else if constexpr (IsVector<T>::value) {
            const auto n = static_cast<std::size_t>(varint());
            v.resize(n);
            for (auto& item : v) read(item);
        } else if constexpr (IsOptional<T>::value) {
            if (*p_++) {
                if (!v) v.emplace();
                read(*v);
            } else {
                v.reset();
            }
        } else {
            static_assert(IsVisitable<T>::value, "no binary decoding for this type");
            v.visit(*this);
        }
    }
    const char* at() const { return reinterpret_cast<const char*>(p_); }
    void advance(std::size_t n) { p_ += n; }
    unsigned char byte() { return *p_++; }

private:
    const unsigned char* p_;
};

// Writes a record's payload straight as canonical JSON (what JsonWriter writes for the
// decoded payload), without building it: the field types come from visit() on an empty
// instance, the values from the bytes.
class JsonTranscoder {
public:
    JsonTranscoder(BinaryReader& r, std::string& out) : r_(r), out_(out) {}

    template <class T> static void object(BinaryReader& r, std::string& out) {
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

    BinaryReader& r_;
    std::string& out_;
    bool first_ = true;
};

template <std::size_t I = 0> void transcodePayload(BinaryReader& r, std::size_t index, std::string& out) {
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

template <std::size_t I = 0> void readPayload(BinaryReader& r, std::size_t index, Payload& payload) {
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
    BinaryReader r(chunk.bytes.get() + (w & ((1u << kOffsetBits) - 1)));
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
    BinaryReader r(body.data());
    e.id = ids_[i];
    e.ts = unzigzag(r.varint());
    e.author = authors_[static_cast<std::size_t>(r.varint())];
    e.version = static_cast<int>(unzigzag(r.varint()));
    const auto index = static_cast<unsigned char>(*r.at());
    BinaryReader payload(r.at() + 1);
    readPayload(payload, index, e.payload);
}

void EventLog::appendJson(std::size_t i, std::string& out) const {
    const std::string_view body = record(i);
    BinaryReader r(body.data());
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
    out += ids_[i].str();
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
    BinaryReader r(body.data());
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

// --- images ------------------------------------------------------------------------------------

// Describes the shape of the records (what BinaryWriter writes for each type) as text.
class ShapeWriter {
public:
    explicit ShapeWriter(std::string& out) : out_(out) {}
    template <class T> void operator()(const char* key, const T&, Presence = Req) {
        out_ += key;
        out_ += ':';
        shape<T>();
        out_ += ';';
    }
    template <class T> void shape() {
        if constexpr (std::is_same_v<T, std::string>) out_ += "s";
        else if constexpr (std::is_same_v<T, bool>) out_ += "b";
        else if constexpr (std::is_same_v<T, std::int64_t>) out_ += "l";
        else if constexpr (std::is_same_v<T, int>) out_ += "i";
        else if constexpr (std::is_same_v<T, Date>) out_ += "d";
        else if constexpr (std::is_same_v<T, Money>) out_ += "m";
        else if constexpr (std::is_enum_v<T>) {
            out_ += "e(";
            for (const auto& [value, name] : EnumTable<T>::values) {
                out_ += std::to_string(static_cast<long long>(value));
                out_ += '=';
                out_ += name;
                out_ += ',';
            }
            out_ += ')';
        } else if constexpr (IsVector<T>::value) {
            out_ += "v(";
            shape<typename T::value_type>();
            out_ += ')';
        } else if constexpr (IsOptional<T>::value) {
            out_ += "o(";
            shape<typename T::value_type>();
            out_ += ')';
        } else {
            static_assert(IsVisitable<T>::value, "no binary encoding for this type");
            T instance{};
            out_ += '{';
            instance.visit(*this);
            out_ += '}';
        }
    }

private:
    std::string& out_;
};

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

std::uint64_t fnv1a(std::string_view text) {
    std::uint64_t h = 0xcbf29ce484222325ull;
    for (const char c : text) h = (h ^ static_cast<unsigned char>(c)) * 0x100000001b3ull;
    return h;
}

// A fast checksum of a piece (four independent lanes of multiply-rotate over 8-byte words):
// it finds damage, it does not resist tampering (the data is the user's own).
std::uint64_t checksum(const char* data, std::size_t size) {
    constexpr std::uint64_t k1 = 0x9e3779b185ebca87ull, k2 = 0xc2b2ae3d27d4eb4full;
    const auto rotl = [](std::uint64_t x, int r) { return (x << r) | (x >> (64 - r)); };
    std::uint64_t lane[4] = {k1, k2, k1 ^ size, k2 ^ size};
    std::size_t i = 0;
    for (; i + 32 <= size; i += 32) {
        for (int l = 0; l < 4; ++l) {
            std::uint64_t w;
            std::memcpy(&w, data + i + 8 * static_cast<std::size_t>(l), 8);
            lane[l] = rotl(lane[l] ^ (w * k2), 31) * k1;
        }
    }
    std::uint64_t h = rotl(lane[0], 1) + rotl(lane[1], 7) + rotl(lane[2], 12) + rotl(lane[3], 18);
    for (; i < size; ++i) h = (h ^ static_cast<unsigned char>(data[i])) * 0x100000001b3ull;
    h ^= h >> 33;
    h *= k2;
    h ^= h >> 29;
    return h;
}

void putFixed64(std::string& out, std::uint64_t v) {
    for (int b = 0; b < 8; ++b) out.push_back(static_cast<char>(v >> (8 * b)));
}

// Reads untrusted bytes: every read is bounds-checked, and a failure sticks.
class CheckedReader {
public:
    CheckedReader(const char* begin, const char* end) : p_(begin), end_(end) {}
    bool ok() const { return ok_; }
    bool atEnd() const { return p_ == end_; }
    const char* at() const { return p_; }
    std::uint64_t varint() {
        std::uint64_t v = 0;
        for (int shift = 0; shift < 64; shift += 7) {
            if (p_ == end_) break;
            const auto b = static_cast<unsigned char>(*p_++);
            v |= static_cast<std::uint64_t>(b & 0x7f) << shift;
            if (!(b & 0x80)) return v;
        }
        ok_ = false;
        return 0;
    }
    std::uint64_t fixed64() {
        if (end_ - p_ < 8) {
            ok_ = false;
            return 0;
        }
        std::uint64_t v = 0;
        for (int b = 0; b < 8; ++b) v |= static_cast<std::uint64_t>(static_cast<unsigned char>(p_[b])) << (8 * b);
        p_ += 8;
        return v;
    }
    std::string_view bytes(std::uint64_t n) {
        if (static_cast<std::uint64_t>(end_ - p_) < n) {
            ok_ = false;
            return {};
        }
        std::string_view v(p_, static_cast<std::size_t>(n));
        p_ += n;
        return v;
    }

private:
    const char* p_;
    const char* end_;
    bool ok_ = true;
};

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
