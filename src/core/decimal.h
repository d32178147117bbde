#pragma once
// Numbers a person types (number modifiers): parsed strictly, once, where they enter (the
// commands every entry path goes through), and kept in one canonical spelling, so exports,
// comparisons and agreement see the same text for the same number.
//
//   accepted: an optional '-', then digits without a leading zero (except "0" itself), then
//             optionally '.' and at least one digit: 2, -1, 0.5, 2.50, 10
//   refused:  "+2", "02", " 2", "2 ", "2.", ".5", "1e0", "0x2", "0x1p1", "inf", "nan", "1,5",
//             "" and anything longer than kMaxDecimalChars characters
//   canonical: the fraction's trailing zeros dropped ("2.50" -> "2.5", "3.000" -> "3"),
//             "-0" -> "0"
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace attune {

inline constexpr std::size_t kMaxDecimalChars = 32;

// The canonical spelling of `text`, or nullopt when it is not a plain decimal as above.
std::optional<std::string> canonical_decimal(std::string_view text);

// Compares a canonical decimal with a bound held as a double (a scheme's min or max),
// exactly: the bound is taken as the shortest decimal that reads back as it (1 -> "1",
// 0.1 -> "0.1"), never by rounding the number to a double, so "0.99999999999999999" is
// below a minimum of 1. Negative, zero or positive as `canonical` is below, at or above.
int compare_decimal(std::string_view canonical, double bound);

}  // namespace attune
