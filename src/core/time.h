#pragma once
// Exact time: every instant is an integer count of microseconds. Seconds appear only at
// the edges (command line, display, exports) and are converted by decimal string
// arithmetic, never through floating point, so "12.345678" is stored as 12345678 exactly.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace attune {

using Micros = std::int64_t;
constexpr Micros kMicrosPerSecond = 1'000'000;

// A frame rate as an exact rational (29.97 fps is 30000/1001).
struct FrameRate {
  std::int64_t num = 0;
  std::int64_t den = 1;
  bool valid() const { return num > 0 && den > 0; }
  bool operator==(const FrameRate&) const = default;
};

// Parses "12", "12.5", "0.000001", "-3.25" (up to 6 decimals). Throws Error(InvalidInput)
// for anything else, including more than 6 decimals or values beyond ±100 years.
Micros parse_seconds(std::string_view text);

// Formats with the fewest decimals that are exact: 12500000 -> "12.5", 3 -> "0.000003".
std::string format_seconds(Micros t);
// Always six decimals: 12500000 -> "12.500000" (fixed-width columns).
std::string format_seconds_fixed(Micros t);
// hh:mm:ss.mmm for people, rounded to the nearest millisecond (half away from zero):
// 2.066667 s shows as 00:00:02.067, never cut to .066.
std::string format_clock(Micros t);
// hh:mm:ss.mmm, with all six decimals when the time is not a whole millisecond, so that
// parse_time(format_clock_exact(t)) == t (what a field that edits a time starts with).
std::string format_clock_exact(Micros t);

// A time typed by a person: seconds as parse_seconds takes them ("4.5"), or the clock form
// the lists show, "MM:SS[.ffffff]" or "HH:MM:SS[.ffffff]" (up to 6 decimals; minutes and
// seconds below 60 after a higher field; spaces around are ignored). Never negative.
// Throws Error(InvalidInput) naming the forms that work.
Micros parse_time(std::string_view text);

// Parses "30", "29.97", "30000/1001". Throws Error(InvalidInput).
FrameRate parse_frame_rate(std::string_view text);
std::string format_frame_rate(const FrameRate& rate);

// The one rounding rule for frames (docs/time-and-frames.md): a frame's time is its exact
// presentation time rounded to the NEAREST microsecond (halves up), and the frame on screen
// at time t is the last frame whose rounded time is <= t. So frame_at(frame_start(k)) == k,
// and frame 1576 at 30 fps is 52.533333 s (not 52.533334).
std::int64_t frame_at(Micros t, const FrameRate& rate);
Micros frame_start(std::int64_t frame, const FrameRate& rate);
// The time of value * num / den seconds (den > 0; e.g. a pts in its stream's time base)
// by the same rule: rounded to the nearest microsecond, halves up.
Micros round_micros(std::int64_t value, std::int64_t num, std::int64_t den);

}  // namespace attune
