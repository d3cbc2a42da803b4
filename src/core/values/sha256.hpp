#pragma once
// SHA-256 (FIPS 180-4) of some bytes, in lower-case hex: the fingerprint of each letter sent
// (docs/letters.md). libmd's implementation, compiled from Debian's source (scripts/setup.sh).
#include <string>
#include <string_view>

namespace recobra {

std::string sha256Hex(std::string_view bytes);

} // namespace recobra
