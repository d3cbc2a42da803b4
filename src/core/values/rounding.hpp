#pragma once
// The one place where Recobra rounds money (the policy is in values/money.hpp). Every division
// of an amount (a tax rate, a currency conversion, and interest, shares and discounts as they
// come) goes through divideRounded with a named mode, so a reviewer can audit every rounding
// decision by searching for this function.
#include <cstdint>
#include <optional>

namespace recobra {

__extension__ typedef __int128 Int128; // GCC and Clang, native and wasm32

enum class Rounding {
    HalfUp,   // 0.5 away from zero: what invoices and Spanish tax practice use
    HalfEven, // banker's rounding: unbiased over many operations
    TowardZero,
};

// numerator / denominator rounded to an integer with the given mode.
// Returns nullopt when the denominator is zero or the result does not fit in int64.
std::optional<std::int64_t> divideRounded(Int128 numerator, Int128 denominator, Rounding mode);

} // namespace recobra
