#include "core/time.h"

#include <charconv>
#include <cstdio>
#include <cstdlib>
#include <vector>

#include "core/error.h"

namespace attune {

namespace {
__extension__ typedef __int128 int128;  // GCC's 128-bit integer, for exact frame arithmetic
constexpr Micros kLimit = 100LL * 366 * 24 * 3600 * kMicrosPerSecond;  // ±100 years

bool all_digits(std::string_view s) {
  if (s.empty()) return false;
  for (char c : s)
    if (c < '0' || c > '9') return false;
  return true;
}

Error bad_seconds(std::string_view text) {
  return Error(ErrorKind::InvalidInput,
               "'" + std::string(text) + "' is not a time in seconds (e.g. 12 or 12.345678, at most 6 decimals)");
}

std::int64_t parse_positive_int(std::string_view digits, std::string_view whole) {
  std::int64_t value = 0;
  auto [ptr, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), value);
  if (ec != std::errc() || ptr != digits.data() + digits.size()) throw bad_seconds(whole);
  return value;
}
}  // namespace

Micros parse_seconds(std::string_view text) {
  std::string_view s = text;
  bool negative = false;
  if (!s.empty() && (s.front() == '-' || s.front() == '+')) {
    negative = s.front() == '-';
    s.remove_prefix(1);
  }
  std::string_view whole = s, fraction;
  if (auto dot = s.find('.'); dot != std::string_view::npos) {
    whole = s.substr(0, dot);
    fraction = s.substr(dot + 1);
    if (!all_digits(fraction) || fraction.size() > 6) throw bad_seconds(text);
    if (whole.empty()) whole = "0";
  }
  if (!all_digits(whole) || whole.size() > 12) throw bad_seconds(text);
  Micros seconds = parse_positive_int(whole, text);
  Micros micros = 0;
  if (!fraction.empty()) {
    std::string padded(fraction);
    padded.resize(6, '0');
    micros = parse_positive_int(padded, text);
  }
  Micros total = seconds * kMicrosPerSecond + micros;
  if (total > kLimit) throw bad_seconds(text);
  return negative ? -total : total;
}

std::string format_seconds_fixed(Micros t) {
  const bool negative = t < 0;
  const unsigned long long magnitude =
      negative ? 0ULL - static_cast<unsigned long long>(t) : static_cast<unsigned long long>(t);
  // By hand rather than snprintf("%s%llu.%06llu"): the event exports format every onset.
  char buffer[32];
  char* end = buffer;
  if (negative) *end++ = '-';
  end = std::to_chars(end, buffer + sizeof buffer, magnitude / 1000000ULL).ptr;
  *end++ = '.';
  unsigned long long fraction = magnitude % 1000000ULL;
  for (char* digit = end + 5; digit >= end; --digit, fraction /= 10) *digit = static_cast<char>('0' + fraction % 10);
  return std::string(buffer, end + 6);
}

std::string format_seconds(Micros t) {
  std::string fixed = format_seconds_fixed(t);
  while (fixed.back() == '0') fixed.pop_back();
  if (fixed.back() == '.') fixed.pop_back();
  return fixed;
}

namespace {
std::string clock_of_millis(bool negative, long long ms) {
  char buffer[48];
  std::snprintf(buffer, sizeof buffer, "%s%02lld:%02lld:%02lld.%03lld", negative ? "-" : "", ms / 3600000,
                ms / 60000 % 60, ms / 1000 % 60, ms % 1000);
  return buffer;
}
}  // namespace

std::string format_clock(Micros t) {
  const bool negative = t < 0;
  return clock_of_millis(negative, ((negative ? -t : t) + 500) / 1000);  // nearest millisecond, never cut
}

std::string format_clock_exact(Micros t) {
  // Exact, so the whole milliseconds and then the rest: not format_clock's rounded ones.
  const bool negative = t < 0;
  const Micros magnitude = negative ? -t : t;
  std::string text = clock_of_millis(negative, magnitude / 1000);
  if (magnitude % 1000 != 0) {
    char micros[8];
    std::snprintf(micros, sizeof micros, "%03lld", static_cast<long long>(magnitude % 1000));
    text += micros;
  }
  return text;
}

Micros parse_time(std::string_view text) {
  std::string_view s = text;
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  auto bad = [&] {
    return Error(ErrorKind::InvalidInput,
                 "'" + std::string(text) + "' is not a time (e.g. 12.5, 01:12.5 or 00:01:12.500)");
  };
  const std::size_t first = s.find(':');
  if (first == std::string_view::npos) {
    if (!s.empty() && s.front() == '-') throw bad();
    try {
      return parse_seconds(s);
    } catch (const Error&) {
      throw bad();
    }
  }
  // [HH:]MM:SS[.ffffff]: every field but the seconds is whole digits.
  std::vector<std::string_view> fields;
  for (std::size_t from = 0;;) {
    const std::size_t colon = s.find(':', from);
    fields.push_back(s.substr(from, colon == std::string_view::npos ? std::string_view::npos : colon - from));
    if (colon == std::string_view::npos) break;
    from = colon + 1;
  }
  if (fields.size() > 3) throw bad();
  const std::string_view seconds_text = fields.back();
  const std::string_view seconds_whole = seconds_text.substr(0, seconds_text.find('.'));
  if (!all_digits(seconds_whole) || seconds_whole.size() > 2) throw bad();
  Micros seconds = 0;
  try {
    seconds = parse_seconds(seconds_text);
  } catch (const Error&) {
    throw bad();
  }
  if (seconds >= 60 * kMicrosPerSecond) throw bad();
  Micros total = seconds;
  Micros unit = 60 * kMicrosPerSecond;
  for (std::size_t i = fields.size() - 1; i-- > 0; unit *= 60) {
    const std::string_view field = fields[i];
    if (!all_digits(field) || field.size() > 6) throw bad();
    const Micros value = parse_positive_int(field, text);
    if (i > 0 && value >= 60) throw bad();  // minutes below 60 when hours are given
    total += value * unit;
  }
  if (total > kLimit) throw bad();
  return total;
}

FrameRate parse_frame_rate(std::string_view text) {
  auto bad = [&] {
    return Error(ErrorKind::InvalidInput,
                 "'" + std::string(text) + "' is not a frame rate (e.g. 25, 29.97 or 30000/1001)");
  };
  FrameRate rate;
  if (auto slash = text.find('/'); slash != std::string_view::npos) {
    std::string_view num = text.substr(0, slash), den = text.substr(slash + 1);
    if (!all_digits(num) || !all_digits(den) || num.size() > 9 || den.size() > 9) throw bad();
    rate.num = std::strtoll(std::string(num).c_str(), nullptr, 10);
    rate.den = std::strtoll(std::string(den).c_str(), nullptr, 10);
  } else {
    Micros scaled;  // the rate in millionths, exact for the usual decimal rates
    try {
      scaled = parse_seconds(text);
    } catch (const Error&) {
      throw bad();
    }
    rate.num = scaled;
    rate.den = kMicrosPerSecond;
    for (std::int64_t p : {2, 5})
      while (rate.den % p == 0 && rate.num % p == 0) rate.num /= p, rate.den /= p;
  }
  if (!rate.valid() || rate.num > 1'000'000LL * rate.den) throw bad();
  return rate;
}

std::string format_frame_rate(const FrameRate& rate) {
  if (!rate.valid()) return "";
  if (kMicrosPerSecond % rate.den == 0) return format_seconds(rate.num * (kMicrosPerSecond / rate.den));
  return std::to_string(rate.num) + "/" + std::to_string(rate.den);
}

namespace {
// floor(a / b) for b > 0.
int128 floor_div(int128 a, int128 b) {
  int128 q = a / b;
  if (a % b != 0 && a < 0) --q;
  return q;
}
}  // namespace

Micros round_micros(std::int64_t value, std::int64_t num, std::int64_t den) {
  // floor(v num 1e6 / den + 1/2) = floor((2 v num 1e6 + den) / 2 den)
  return static_cast<Micros>(
      floor_div(static_cast<int128>(value) * num * 2 * kMicrosPerSecond + den, static_cast<int128>(den) * 2));
}

std::int64_t frame_at(Micros t, const FrameRate& rate) {
  if (!rate.valid()) return 0;
  // The last k with round(k D) <= t, D = den 1e6 / num microseconds per frame:
  // floor(k D + 1/2) <= t  <=>  k D < t + 1/2  <=>  2 k den 1e6 < (2t + 1) num,
  // so k = ceil((2t + 1) num / (2 den 1e6)) - 1, in 128 bits so no session can overflow.
  const int128 numerator = (static_cast<int128>(t) * 2 + 1) * rate.num;
  const int128 denominator = static_cast<int128>(rate.den) * 2 * kMicrosPerSecond;
  return static_cast<std::int64_t>(-floor_div(-numerator, denominator) - 1);
}

Micros frame_start(std::int64_t frame, const FrameRate& rate) {
  if (!rate.valid()) return 0;
  return round_micros(frame, rate.den, rate.num);  // frame * den / num seconds
}

}  // namespace attune
