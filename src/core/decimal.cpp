#include "core/decimal.h"

#include <charconv>
#include <cmath>

namespace attune {

namespace {

bool is_digit(char c) { return c >= '0' && c <= '9'; }

// Compares two canonical decimals.
int compare_canonical(std::string_view a, std::string_view b) {
  const bool neg_a = !a.empty() && a[0] == '-';
  const bool neg_b = !b.empty() && b[0] == '-';
  if (neg_a != neg_b) return neg_a ? -1 : 1;
  if (neg_a) {
    a.remove_prefix(1);
    b.remove_prefix(1);
  }
  const auto split = [](std::string_view s) {
    const auto dot = s.find('.');
    return dot == std::string_view::npos ? std::pair{s, std::string_view{}} : std::pair{s.substr(0, dot), s.substr(dot + 1)};
  };
  const auto [int_a, frac_a] = split(a);
  const auto [int_b, frac_b] = split(b);
  int magnitude = 0;
  if (int_a.size() != int_b.size()) magnitude = int_a.size() < int_b.size() ? -1 : 1;
  else if (const int c = int_a.compare(int_b); c != 0) magnitude = c < 0 ? -1 : 1;
  else if (const int f = frac_a.compare(frac_b); f != 0) magnitude = f < 0 ? -1 : 1;  // no trailing zeros
  return neg_a ? -magnitude : magnitude;
}

}  // namespace

std::optional<std::string> canonical_decimal(std::string_view text) {
  if (text.empty() || text.size() > kMaxDecimalChars) return std::nullopt;
  std::size_t i = 0;
  const bool negative = text[0] == '-';
  if (negative) ++i;
  const std::size_t int_begin = i;
  while (i < text.size() && is_digit(text[i])) ++i;
  const std::size_t int_len = i - int_begin;
  if (int_len == 0 || (int_len > 1 && text[int_begin] == '0')) return std::nullopt;
  std::string_view fraction;
  if (i < text.size()) {
    if (text[i] != '.') return std::nullopt;
    const std::size_t frac_begin = ++i;
    while (i < text.size() && is_digit(text[i])) ++i;
    if (i == frac_begin || i != text.size()) return std::nullopt;
    fraction = text.substr(frac_begin);
    while (!fraction.empty() && fraction.back() == '0') fraction.remove_suffix(1);
  }
  const std::string_view integer = text.substr(int_begin, int_len);
  const bool zero = integer == "0" && fraction.empty();
  std::string out = negative && !zero ? "-" : "";
  out += integer;
  if (!fraction.empty()) {
    out += '.';
    out += fraction;
  }
  return out;
}

int compare_decimal(std::string_view canonical, double bound) {
  if (std::isnan(bound)) return 0;
  if (std::isinf(bound)) return bound > 0 ? -1 : 1;
  char buf[400];  // the longest fixed spelling of a double (about 330 characters) fits
  const auto [end, ec] = std::to_chars(buf, buf + sizeof buf, bound, std::chars_format::fixed);
  if (ec != std::errc()) return 0;
  std::string_view spelled(buf, static_cast<std::size_t>(end - buf));
  // Canonical form of the bound (to_chars writes no '+', no leading zeros; "-0" and
  // trailing zeros may occur).
  std::string b(spelled);
  if (b.find('.') != std::string::npos) {
    while (b.back() == '0') b.pop_back();
    if (b.back() == '.') b.pop_back();
  }
  if (b == "-0") b = "0";
  return compare_canonical(canonical, b);
}

}  // namespace attune
