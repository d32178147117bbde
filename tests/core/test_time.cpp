#include <doctest/doctest.h>

#include <cstdio>
#include <limits>
#include <random>
#include <string>
#include <vector>

#include "core/error.h"
#include "core/time.h"

using namespace attune;

TEST_CASE("seconds parse exactly, without floating point") {
  CHECK(parse_seconds("0") == 0);
  CHECK(parse_seconds("12") == 12'000'000);
  CHECK(parse_seconds("12.5") == 12'500'000);
  CHECK(parse_seconds("12.345678") == 12'345'678);
  CHECK(parse_seconds(".25") == 250'000);
  CHECK(parse_seconds("0.000001") == 1);
  CHECK(parse_seconds("-3.25") == -3'250'000);
  // 0.1 + 0.2 style errors cannot happen: 1000.1 stays 1000.100000
  CHECK(parse_seconds("1000.1") == 1'000'100'000);
}

TEST_CASE("malformed seconds are refused") {
  for (const char* bad : {"", "abc", "1.2345678", "1e3", "1,5", "1.2.3", "--1", "12s", "."})
    CHECK_THROWS_AS(parse_seconds(bad), Error);
  CHECK_THROWS_AS(parse_seconds("99999999999"), Error);  // beyond 100 years
}

TEST_CASE("seconds format with the fewest exact decimals") {
  CHECK(format_seconds(12'500'000) == "12.5");
  CHECK(format_seconds(3) == "0.000003");
  CHECK(format_seconds(0) == "0");
  CHECK(format_seconds(-1'250'000) == "-1.25");
  CHECK(format_seconds_fixed(12'500'000) == "12.500000");
  for (Micros t : {Micros{0}, Micros{1}, Micros{999'999}, Micros{123'456'789}, Micros{-5}})
    CHECK(parse_seconds(format_seconds(t)) == t);
}

TEST_CASE("fixed seconds are what printf's %llu.%06llu makes, to the extremes") {
  auto printf_form = [](Micros t) {
    const unsigned long long m = t < 0 ? 0ULL - static_cast<unsigned long long>(t) : static_cast<unsigned long long>(t);
    char buffer[64];
    std::snprintf(buffer, sizeof buffer, "%s%llu.%06llu", t < 0 ? "-" : "", m / 1000000ULL, m % 1000000ULL);
    return std::string(buffer);
  };
  std::vector<Micros> values = {0, 1, -1, 9, 10, 999'999, 1'000'000, -1'000'000, 1'000'001, 123'456'789,
                                std::numeric_limits<Micros>::max(), std::numeric_limits<Micros>::min(),
                                std::numeric_limits<Micros>::min() + 1};
  std::mt19937_64 random(7);
  for (int i = 0; i < 2000; ++i) values.push_back(static_cast<Micros>(random()) >> (random() % 63));
  for (Micros t : values) {
    CAPTURE(t);
    CHECK(format_seconds_fixed(t) == printf_form(t));
    std::string trimmed = printf_form(t);
    while (trimmed.back() == '0') trimmed.pop_back();
    if (trimmed.back() == '.') trimmed.pop_back();
    CHECK(format_seconds(t) == trimmed);
  }
}

TEST_CASE("clock display rounds to the nearest millisecond and never cuts") {
  // Was cut (truncated) before: 2.066667 s showed as 02.066, 03.456789 as 03.456.
  CHECK(format_clock(2'066'667) == "00:00:02.067");
  CHECK(format_clock(3'723'456'789) == "01:02:03.457");
  CHECK(format_clock(3'723'456'499) == "01:02:03.456");
  CHECK(format_clock(999) == "00:00:00.001");
  CHECK(format_clock(499) == "00:00:00.000");
  CHECK(format_clock(500) == "00:00:00.001");       // halves up
  CHECK(format_clock(59'999'500) == "00:01:00.000");  // carries into the minute
  CHECK(format_clock(-2'066'667) == "-00:00:02.067");
}

TEST_CASE("frame rates are exact rationals") {
  CHECK(parse_frame_rate("25") == FrameRate{25, 1});
  CHECK(parse_frame_rate("29.97") == FrameRate{2997, 100});
  CHECK(parse_frame_rate("30000/1001") == FrameRate{30000, 1001});
  CHECK(format_frame_rate({30000, 1001}) == "30000/1001");
  CHECK(format_frame_rate({25, 1}) == "25");
  CHECK_THROWS_AS(parse_frame_rate("0"), Error);
  CHECK_THROWS_AS(parse_frame_rate("30/0"), Error);
  CHECK_THROWS_AS(parse_frame_rate("fast"), Error);
}

TEST_CASE("frame_at and frame_start agree for every frame of an hour at NTSC rate") {
  const FrameRate ntsc{30000, 1001};
  // frame k starts at k * 1001/30000 s; frame 3 starts at 0.1001 s = 100100 us
  CHECK(frame_start(3, ntsc) == 100'100);
  CHECK(frame_at(100'100, ntsc) == 3);
  CHECK(frame_at(100'099, ntsc) == 2);
  for (std::int64_t k = 0; k < 30 * 3600; k += 7) {
    CHECK_MESSAGE(frame_at(frame_start(k, ntsc), ntsc) == k, "frame ", k);
    CHECK_MESSAGE(frame_at(frame_start(k + 1, ntsc) - 1, ntsc) == k, "frame ", k);
  }
  CHECK(frame_at(1'000'000, {25, 1}) == 25);
}

TEST_CASE("a frame's time is its exact time rounded to the nearest microsecond") {
  // Frame 1576 at 30 fps starts at 52.5333333… s: 52.533333, not 52.533334 (rounded up
  // before this rule). Frame 1 at 30 fps is 0.033333 s, frame 2 is 0.066667 s.
  const FrameRate thirty{30, 1}, ntsc{30000, 1001};
  CHECK(frame_start(1576, thirty) == 52'533'333);
  CHECK(frame_start(1, thirty) == 33'333);
  CHECK(frame_start(2, thirty) == 66'667);
  CHECK(frame_at(33'333, thirty) == 1);
  CHECK(frame_at(33'332, thirty) == 0);
  CHECK(frame_at(52'533'333, thirty) == 1576);
  CHECK(frame_at(52'533'332, thirty) == 1575);
  CHECK(frame_start(61, ntsc) == 2'035'367);  // 2.0353666… s
  CHECK(frame_start(1, {2'000'000, 1}) == 1);  // 0.5 us: halves go up
  CHECK(frame_at(0, {2'000'000, 1}) == 0);
  CHECK(frame_at(1, {2'000'000, 1}) == 2);  // frames 1 and 2 both round to 1 us: the last wins
  CHECK(frame_start(-1, thirty) == -33'333);
  CHECK(frame_at(-1, thirty) == -1);
  // frame_at is the last frame whose rounded start is <= t, for every microsecond of the
  // first second at awkward rates.
  for (const FrameRate rate : {thirty, ntsc, FrameRate{24000, 1001}, FrameRate{7, 3}, FrameRate{120, 1}}) {
    std::int64_t k = 0;
    for (Micros t = 0; t < kMicrosPerSecond; ++t) {
      while (frame_start(k + 1, rate) <= t) ++k;
      if (frame_at(t, rate) != k) {
        CHECK_MESSAGE(frame_at(t, rate) == k, format_frame_rate(rate), " at ", t);
        break;
      }
    }
  }
  CHECK(round_micros(1, 1, 3) == 333'333);
  CHECK(round_micros(2, 1, 3) == 666'667);
  CHECK(round_micros(1, 1, 2'000'000) == 1);  // 0.5 us
  CHECK(round_micros(-1, 1, 3) == -333'333);
}

TEST_CASE("a typed time takes seconds or the clock form the lists show") {
  CHECK(parse_time("4.5") == 4'500'000);
  CHECK(parse_time("12.345678") == 12'345'678);
  CHECK(parse_time("00:00:04.500") == 4'500'000);      // what the event list shows
  CHECK(parse_time("01:02:03.456") == 3'723'456'000);
  CHECK(parse_time("1:02:03") == 3'723'000'000);
  CHECK(parse_time("02:03.25") == 123'250'000);         // MM:SS.mmm
  CHECK(parse_time("90:00") == 5'400'000'000);           // minutes may exceed 59 without hours
  CHECK(parse_time("0:00:00.000001") == 1);
  CHECK(parse_time("  00:00:04.5 ") == 4'500'000);      // spaces around are ignored
  for (Micros t : {Micros{0}, Micros{1}, Micros{4'500'000}, Micros{3'723'456'789}, Micros{59'999'999}}) {
    CAPTURE(t);
    CHECK(parse_time(format_clock_exact(t)) == t);
    CHECK(parse_time(format_seconds(t)) == t);
  }
}

TEST_CASE("malformed clock times are refused with the forms that work") {
  for (const char* bad : {"", ":", "1:", ":30", "00:60", "00:60:00", "1:2:3:4", "00:00:04.5000000", "a:00", "00:-1",
                          "00:00:04,5", "1e3", "-00:01"}) {
    CAPTURE(bad);
    CHECK_THROWS_AS(parse_time(bad), Error);
  }
  CHECK_THROWS_WITH(parse_time("00:61"), "'00:61' is not a time (e.g. 12.5, 01:12.5 or 00:01:12.500)");
}

TEST_CASE("exact clock display keeps microseconds only when there are any") {
  CHECK(format_clock_exact(4'500'000) == "00:00:04.500");
  CHECK(format_clock_exact(4'500'250) == "00:00:04.500250");
  CHECK(format_clock_exact(3'723'456'789) == "01:02:03.456789");
  CHECK(format_clock_exact(2'066'667) == "00:00:02.066667");  // not the display's rounded .067
  CHECK(format_clock_exact(999) == "00:00:00.000999");
}
