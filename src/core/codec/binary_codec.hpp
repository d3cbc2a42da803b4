#pragma once
// The binary form of the core's records (internal to src/core): what the in-memory event log
// keeps for each event (event_log.cpp) and what the images of the log and of the state kept
// beside the stored log are made of (state_image.cpp).
//
// Everything is written in visit() order: integers as (zigzag) varints, text as a varint
// header (length << 1) and its bytes, or header 1 and an entity id
// ("d-0192e6ef8a1e00005eed0000") as its letter and 12 bytes; enumerations by value; lists
// as a count and their items; options as a flag and their value.
#include "core/codec/json_codec.hpp"    // IsVector, IsOptional, IsVisitable
#include "core/i18n/strings.hpp"
#include "core/model/vocabulary.hpp"    // EnumTable
#include "core/values/ids.hpp"

#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>
#include <type_traits>

namespace recobra::binary {

inline void putVarint(std::string& out, std::uint64_t v) {
    char bytes[10];
    std::size_t n = 0;
    while (v >= 0x80) {
        bytes[n++] = static_cast<char>(v | 0x80);
        v >>= 7;
    }
    bytes[n++] = static_cast<char>(v);
    out.append(bytes, n);
}
inline std::uint64_t zigzag(std::int64_t v) {
    return (static_cast<std::uint64_t>(v) << 1) ^ static_cast<std::uint64_t>(v >> 63);
}
inline std::int64_t unzigzag(std::uint64_t v) {
    return static_cast<std::int64_t>(v >> 1) ^ -static_cast<std::int64_t>(v & 1);
}
inline void putFixed64(std::string& out, std::uint64_t v) {
    for (int b = 0; b < 8; ++b) out.push_back(static_cast<char>(v >> (8 * b)));
}

inline constexpr char kHex[] = "0123456789abcdef";

template <class T> inline constexpr bool IsUnsignedCount = std::is_integral_v<T> && std::is_unsigned_v<T> && !std::is_same_v<T, bool>;

class BinaryWriter {
public:
    explicit BinaryWriter(std::string& out) : out_(out) {}
    template <class T> void operator()(const char*, const T& value, Presence = Req) { write(value); }

    void write(const std::string& v) {
        // An entity id packed in 14 bytes, checked and appended at once (bench/README.md).
        std::uint8_t bytes[12];
        if (entityIdBytes(v, bytes)) {
            char packed[14];
            packed[0] = 1;
            packed[1] = v[0];
            std::memcpy(packed + 2, bytes, sizeof bytes);
            out_.append(packed, sizeof packed);
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
    void write(const EventId& v) {
        putVarint(out_, zigzag(v.ms));
        putVarint(out_, v.counter);
        putVarint(out_, v.device);
    }
    template <class T> void write(const T& v) {
        if constexpr (std::is_enum_v<T>) {
            putVarint(out_, static_cast<std::uint64_t>(v));
        } else if constexpr (IsUnsignedCount<T>) {
            putVarint(out_, v);
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

// Reads what BinaryWriter wrote. Unchecked, it trusts the bytes (the log's own records, written
// in this process): no bounds are tested, for speed. Checked, it reads bytes from outside
// (an image from storage, checksummed but not trusted): every read stays within [at, end)
// and the first one that would not marks the reader failed, after which it reads zeros.
template <bool Checked> class BasicReader {
public:
    explicit BasicReader(const char* at, const char* end = nullptr)
        : p_(reinterpret_cast<const unsigned char*>(at)), end_(reinterpret_cast<const unsigned char*>(end)) {}
    template <class T> void operator()(const char*, T& value, Presence = Req) { read(value); }

    bool ok() const { return !failed_; }
    bool atEnd() const { return p_ == end_; }
    std::size_t left() const { return static_cast<std::size_t>(end_ - p_); }

    std::uint64_t varint() {
        std::uint64_t v = 0;
        for (int shift = 0;; shift += 7) {
            if (!have(1) || shift > 63) return fail();
            const unsigned char b = *p_++;
            v |= static_cast<std::uint64_t>(b & 0x7f) << shift;
            if (!(b & 0x80)) return v;
        }
    }
    void read(std::string& v) {
        const std::uint64_t header = varint();
        if (header == 1) {
            if (!have(13)) return v.clear();
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
        if (!have(length)) return v.clear();
        v.assign(reinterpret_cast<const char*>(p_), length);
        p_ += length;
    }
    void read(bool& v) { v = byte() != 0; }
    void read(std::int64_t& v) { v = unzigzag(varint()); }
    void read(int& v) { v = static_cast<int>(unzigzag(varint())); }
    void read(Date& v) { v = Date::fromDaysSinceEpoch(static_cast<std::int32_t>(unzigzag(varint()))); }
    void read(Money& v) {
        v.minor = unzigzag(varint());
        if (!have(3)) return;
        v.currency = CurrencyCode::parse(std::string_view(reinterpret_cast<const char*>(p_), 3)).value_or(CurrencyCode{});
        p_ += 3;
    }
    void read(EventId& v) {
        v.ms = unzigzag(varint());
        v.counter = static_cast<std::uint16_t>(varint());
        v.device = static_cast<std::uint32_t>(varint());
    }
    template <class T> void read(T& v) {
        if constexpr (std::is_enum_v<T>) {
            v = static_cast<T>(varint());
        } else if constexpr (IsUnsignedCount<T>) {
            v = static_cast<T>(varint());
        } else if constexpr (IsVector<T>::value) {
            const auto n = static_cast<std::size_t>(varint());
            if (!have(n)) return v.clear(); // every item takes a byte at least
            v.resize(n);
            for (auto& item : v) read(item);
        } else if constexpr (IsOptional<T>::value) {
            if (byte()) {
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
    void advance(std::size_t n) {
        if (have(n)) p_ += n;
    }
    unsigned char byte() { return have(1) ? *p_++ : static_cast<unsigned char>(fail()); }
    std::string_view bytes(std::uint64_t n) {
        if (!have(static_cast<std::size_t>(n))) return {};
        std::string_view v(reinterpret_cast<const char*>(p_), static_cast<std::size_t>(n));
        p_ += n;
        return v;
    }
    std::uint64_t fixed64() {
        if (!have(8)) return 0;
        std::uint64_t v = 0;
        for (int b = 0; b < 8; ++b) v |= static_cast<std::uint64_t>(p_[b]) << (8 * b);
        p_ += 8;
        return v;
    }

private:
    bool have(std::size_t n) {
        if constexpr (Checked) {
            if (failed_ || static_cast<std::size_t>(end_ - p_) < n) {
                failed_ = true;
                return false;
            }
        }
        return true;
    }
    std::uint64_t fail() {
        failed_ = true;
        return 0;
    }

    const unsigned char* p_;
    const unsigned char* end_;
    bool failed_ = false;
};
using Reader = BasicReader<false>;
using CheckedReader = BasicReader<true>;

// Describes the shape of what BinaryWriter writes for a type, as text: field names, types, every
// enumeration's values. Its digest (fnv1a) names a layout, so that bytes written by a build
// with another layout are recognised and not misread.
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
        else if constexpr (IsUnsignedCount<T>) out_ += "u";
        else if constexpr (std::is_same_v<T, Date>) out_ += "d";
        else if constexpr (std::is_same_v<T, Money>) out_ += "m";
        else if constexpr (std::is_same_v<T, EventId>) out_ += "id";
        else if constexpr (std::is_same_v<T, Str>) {
            out_ += "str(";
            for (std::size_t i = 0; i < kStrCount; ++i) {
                out_ += strId(static_cast<Str>(i));
                out_ += ',';
            }
            out_ += ')';
        } else if constexpr (std::is_enum_v<T>) {
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

inline std::uint64_t fnv1a(std::string_view text) {
    std::uint64_t h = 0xcbf29ce484222325ull;
    for (const char c : text) h = (h ^ static_cast<unsigned char>(c)) * 0x100000001b3ull;
    return h;
}

// A fast checksum of a piece (four independent lanes of multiply-rotate over 8-byte words):
// it finds damage, it does not resist tampering (the data is the user's own).
inline std::uint64_t checksum(const char* data, std::size_t size) {
    constexpr std::uint64_t k1 = 0x9e3779b185ebca87ull, k2 = 0xc2b2ae3d27d4eb4full;
    const auto rotl = [](std::uint64_t x, int r) { return (x << r) | (x >> (64 - r)); };
    std::uint64_t lane[4] = {k1, k2, k1 ^ size, k2 ^ size};
    std::size_t i = 0;
    for (; i + 32 <= size; i += 32) {
        for (std::size_t l = 0; l < 4; ++l) {
            std::uint64_t w;
            std::memcpy(&w, data + i + 8 * l, 8);
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

} // namespace recobra::binary
