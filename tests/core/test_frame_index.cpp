#include <doctest/doctest.h>

#include <vector>

#include "core/commands.h"
#include "core/error.h"
#include "core/frame_index.h"
#include "fixture.h"

using namespace attune;

namespace {
// 4 frames at 30 fps, 3 at 15 fps, 2 at 24 fps: a small variable-rate file.
std::vector<Micros> vfr_times() {
  std::vector<Micros> t;
  for (int k = 0; k < 4; ++k) t.push_back(round_micros(k, 1, 30));
  const Micros a = round_micros(4, 1, 30);
  for (int k = 0; k < 3; ++k) t.push_back(a + round_micros(k, 1, 15));
  const Micros b = a + round_micros(3, 1, 15);
  for (int k = 0; k < 2; ++k) t.push_back(b + round_micros(k, 1, 24));
  return t;
}
}  // namespace

TEST_CASE("a constant-rate index maps exactly as the rate does") {
  const FrameIndex ntsc(FrameRate{30000, 1001});
  CHECK(ntsc.valid());
  CHECK_FALSE(ntsc.has_table());
  CHECK_FALSE(ntsc.variable());
  CHECK_FALSE(ntsc.count());
  for (std::int64_t k = 0; k < 30 * 600; k += 7) {
    REQUIRE(ntsc.frame_start(k) == frame_start(k, {30000, 1001}));
    REQUIRE(ntsc.frame_at(ntsc.frame_start(k)) == k);
    REQUIRE(ntsc.frame_at(ntsc.frame_start(k + 1) - 1) == k);
    REQUIRE(ntsc.nearest_frame(static_cast<double>(k) * 1001.0 / 30000.0) == k);
  }
  CHECK_FALSE(FrameIndex().valid());
  CHECK(FrameIndex().frame_at(5'000'000) == 0);
}

TEST_CASE("a table index finds frames by binary search and round-trips every frame") {
  const std::vector<Micros> times = vfr_times();
  const FrameIndex index = FrameIndex::from_times(times);
  CHECK(index.valid());
  CHECK(index.has_table());
  CHECK(index.variable());
  CHECK(index.count() == 9);
  for (std::int64_t k = 0; k < 9; ++k) {
    CAPTURE(k);
    CHECK(index.frame_start(k) == times[static_cast<std::size_t>(k)]);
    CHECK(index.frame_at(times[static_cast<std::size_t>(k)]) == k);
    if (k > 0) CHECK(index.frame_at(times[static_cast<std::size_t>(k)] - 1) == k - 1);
    CHECK(index.nearest_frame(static_cast<double>(times[static_cast<std::size_t>(k)]) / 1e6 + 0.004) == k);
    CHECK(index.nearest_frame(static_cast<double>(times[static_cast<std::size_t>(k)]) / 1e6 - 0.004) == k);
  }
  // 4 frames of 1/30 s, then frames of 1/15 s: 0.2 s is inside frame 5 (starts 0.2 s).
  CHECK(index.frame_start(4) == 133'333);
  CHECK(index.frame_start(5) == 200'000);
  CHECK(index.frame_at(199'999) == 4);
  CHECK(index.frame_duration(4) == 66'667);
  // Before the first frame: frame 0. Past the last: the last frame's duration continues.
  CHECK(index.frame_at(-5) == 0);
  const Micros last = times.back(), d = times[8] - times[7];
  CHECK(index.frame_at(last + d - 1) == 8);
  CHECK(index.frame_at(last + d) == 9);
  CHECK(index.frame_start(10) == last + 2 * d);
  // The average rate: 8 frames over the span of the times.
  CHECK(index.rate().num * last == 8'000'000 * index.rate().den);
}

TEST_CASE("a table whose durations differ only by rounding is constant-rate") {
  std::vector<Micros> ntsc;
  for (int k = 0; k < 300; ++k) ntsc.push_back(frame_start(k, {30000, 1001}));  // 33366 or 33367 us
  const FrameIndex index = FrameIndex::from_times(ntsc);
  CHECK_FALSE(index.variable());
  for (std::int64_t k = 0; k < 300; ++k) REQUIRE(index.frame_at(frame_start(k, {30000, 1001})) == k);
  // A container with millisecond timestamps at 30 fps: 33, 34, 33 ms … is its rounding.
  std::vector<Micros> ms;
  for (int k = 0; k < 300; ++k) ms.push_back(k * 1000 / 30 * 1000);
  CHECK(FrameIndex::from_times(ms).variable());
  CHECK_FALSE(FrameIndex::from_times(ms, 1000 + 2).variable());
  // An edit list may shorten the first or the last frame: not a variable rate either.
  std::vector<Micros> cut = {0, 10'000, 43'333, 76'667, 110'000, 120'000};
  CHECK_FALSE(FrameIndex::from_times(cut).variable());
}

TEST_CASE("a malformed table is refused") {
  CHECK_THROWS_AS(FrameIndex::from_times({}), Error);
  CHECK_THROWS_AS(FrameIndex::from_times({0, 10, 10}), Error);
  CHECK_THROWS_AS(FrameIndex::from_times({0, 20, 10}), Error);
  CHECK_THROWS_AS(FrameIndex::from_times({-1, 20}), Error);
  CHECK(FrameIndex::from_times({0}).frame_at(1'000'000) == 30);  // one frame: 1/30 s assumed
}

TEST_CASE("commands stamp frames through the model's index, not the average rate") {
  const std::vector<Micros> times = vfr_times();
  SessionModel model(test::small_scheme(), {}, FrameIndex::from_times(times));
  // Frame 6 (the third 15 fps frame) starts at 0.266667 s; at the average rate
  // (8 frames / 0.375 s = 21.3 fps) that time would be frame 5.
  const ChangeSet add = plan(AddEvent{.code = "Bid", .subject = "child", .start = times[6]}, model);
  REQUIRE(add.ops.size() == 1);
  CHECK(add.ops[0].after.frame == 6);
  CHECK(frame_at(times[6], model.fps()) == 5);
  // Set later (the index is read after the session opens): later changes use it.
  SessionModel later(test::small_scheme(), {}, FrameRate{30, 1});
  later.set_frames(FrameIndex::from_times(times));
  CHECK(plan(AddEvent{.code = "Bid", .subject = "child", .start = times[8]}, later).ops[0].after.frame == 8);
}
