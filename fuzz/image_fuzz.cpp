// fuzz-image: any bytes as the state's image (state_image.hpp), the cache a start installs
// instead of folding the log.
//
// The input: 4 bytes (little-endian) with the number of events of the log the image goes with,
// then the pieces, each as 4 bytes of length (little-endian) and its bytes (a length past the
// end takes what is left). Each piece's checksum is computed anew by this harness before it is
// read, so that mutations reach what follows it: a checksum only finds accidental damage, and
// this target asks what an image that passes it can do.
//
// Property: an image is refused (the reader answers false or nothing: the app then folds the
// log), or it is accepted, and then the state written as an image again (in pieces of other
// sizes) is accepted and reads back as the same state. Never a crash, a sanitizer report or a
// hang.
#include "support.hpp"

#include "core/codec/binary_codec.hpp"
#include "core/state/state_image.hpp"

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

using namespace recobra;
using namespace recobra::fuzz;

namespace {

std::uint32_t u32(std::string_view bytes) {
    std::uint32_t v = 0;
    for (std::size_t i = 0; i < 4; ++i)
        v |= static_cast<std::uint32_t>(static_cast<unsigned char>(bytes[i])) << (8 * i);
    return v;
}

// A piece's checksum, as StateImageWriter puts it: the last 8 bytes, over what is before them.
void sealPiece(std::string& piece) {
    if (piece.size() < 8) return;
    const std::size_t body = piece.size() - 8;
    std::string sum;
    binary::putFixed64(sum, binary::checksum(piece.data(), body));
    std::memcpy(piece.data() + body, sum.data(), 8);
}

std::optional<State> readImage(const std::vector<std::string>& pieces, std::size_t logEvents) {
    StateImageReader reader(logEvents);
    for (const auto& piece : pieces)
        if (!reader.add(piece)) return std::nullopt;
    return reader.finish();
}

std::vector<std::string> writeImage(const State& state, std::size_t logEvents, std::size_t bytes) {
    StateImageWriter writer(state, logEvents);
    std::vector<std::string> pieces;
    std::string piece;
    while (writer.next(piece, bytes)) pieces.push_back(piece);
    return pieces;
}

// Found by this target (fuzz/README.md, F4): a header whose list lengths are far beyond what
// the image holds makes the reader reserve them all (2^31 debtors: terabytes) before reading
// any. Until the reader bounds them, such an input is skipped unless pending("image-lengths").
// The header piece: magic and signature (16 bytes), then varints: sequence, section, first
// item, the log's events, the number of lengths and the lengths.
bool claimsMoreThanItHolds(const std::vector<std::string>& pieces, std::size_t total) {
    if (pieces.empty() || pieces.front().size() < 24) return false;
    const std::string& header = pieces.front();
    std::size_t at = 16;
    const auto varint = [&]() -> std::optional<std::uint64_t> {
        std::uint64_t v = 0;
        for (int shift = 0; shift < 64 && at < header.size(); shift += 7) {
            const auto byte = static_cast<unsigned char>(header[at++]);
            v |= static_cast<std::uint64_t>(byte & 0x7f) << shift;
            if ((byte & 0x80) == 0) return v;
        }
        return std::nullopt;
    };
    for (int i = 0; i < 4; ++i)
        if (!varint()) return false;
    const auto count = varint();
    if (!count) return false;
    for (std::uint64_t i = 0; i < *count && i < 16; ++i) {
        const auto length = varint();
        if (!length) return false;
        if (*length > total) return true;
    }
    return false;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    std::string_view rest(reinterpret_cast<const char*>(data), size);
    if (rest.size() < 4) return 0;
    const std::size_t logEvents = u32(rest);
    rest.remove_prefix(4);
    std::vector<std::string> pieces;
    while (rest.size() >= 4) {
        const std::size_t length = std::min<std::size_t>(u32(rest), rest.size() - 4);
        pieces.emplace_back(rest.substr(4, length));
        sealPiece(pieces.back());
        rest.remove_prefix(4 + length);
    }

    if (!pending("image-lengths") && claimsMoreThanItHolds(pieces, size)) return 0;
    const std::optional<State> state = readImage(pieces, logEvents);
    note("fuzz-image", state ? "accepted: " + std::to_string(state->debtors.size()) + " debtors" : "refused");
    if (!state) return 0;

    for (const std::size_t bytes : {std::size_t{1}, std::size_t{1} << 12}) {
        const std::optional<State> back = readImage(writeImage(*state, logEvents, bytes), logEvents);
        require(back.has_value(), "an accepted state's image, written again, is accepted",
                "in pieces of " + std::to_string(bytes) + " bytes");
        requireSameState(*state, *back,
                         "an accepted state's image, written again, reads back as the same state");
    }
    return 0;
}
