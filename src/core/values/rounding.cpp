#include "core/values/rounding.hpp"

#include <limits>

namespace recobra {

std::optional<std::int64_t> divideRounded(Int128 numerator, Int128 denominator, Rounding mode) {
    if (denominator == 0) return std::nullopt;
    if (denominator < 0) {
        numerator = -numerator;
        denominator = -denominator;
    }
    const bool negative = numerator < 0;
    const Int128 magnitude = negative ? -numerator : numerator;
    Int128 quotient = magnitude / denominator;
    const Int128 remainder = magnitude % denominator;
    const Int128 twice = remainder * 2;
    switch (mode) {
    case Rounding::HalfUp:
        if (twice >= denominator) ++quotient;
        break;
    case Rounding::HalfEven:
        if (twice > denominator || (twice == denominator && (quotient % 2) == 1)) ++quotient;
        break;
    case Rounding::TowardZero:
        break;
    }
    const Int128 result = negative ? -quotient : quotient;
    if (result > std::numeric_limits<std::int64_t>::max() || result < std::numeric_limits<std::int64_t>::min())
        return std::nullopt;
    return static_cast<std::int64_t>(result);
}

} // namespace recobra
