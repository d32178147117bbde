// The frame arithmetic and the seek/step bookkeeping behind MpvPlayer, fed with the events
// mpv would send. No mpv, no display: the real player is tested in tests/e2e.
#include <doctest/doctest.h>

#include <limits>

#include "media/frame_tracker.h"

using namespace attune;
using namespace std::chrono_literals;
using Settle = FrameTracker::Settle;

TEST_CASE("mpv's double frame rates become exact rationals") {
  CHECK(rate_from_fps(25.0) == FrameRate{25, 1});
  CHECK(rate_from_fps(30.0) == FrameRate{30, 1});
  CHECK(rate_from_fps(29.970029970029969) == FrameRate{30000, 1001});
  CHECK(rate_from_fps(29.97) == FrameRate{30000, 1001});  // containers that store 2997/100
  CHECK(rate_from_fps(23.976023976023978) == FrameRate{24000, 1001});
  CHECK(rate_from_fps(59.94005994005994) == FrameRate{60000, 1001});
  CHECK(rate_from_fps(24.999999) == FrameRate{25, 1});
  CHECK(rate_from_fps(12.5) == FrameRate{25, 2});
  CHECK(rate_from_fps(14.985) == FrameRate{15000, 1001});
  CHECK(rate_from_fps(7.3) == FrameRate{73, 10});
  CHECK_FALSE(rate_from_fps(0).valid());
  CHECK_FALSE(rate_from_fps(-30).valid());
  CHECK_FALSE(rate_from_fps(std::numeric_limits<double>::quiet_NaN()).valid());
}

TEST_CASE("the frame on screen is the nearest frame to time-pos so mpv's rounding cannot shift it") {
  const FrameRate pal{25, 1}, ntsc{30000, 1001};
  CHECK(FrameIndex(pal).nearest_frame(0.0) == 0);
  CHECK(FrameIndex(pal).nearest_frame(0.11999999999) == 3);
  CHECK(FrameIndex(pal).nearest_frame(0.12000000001) == 3);
  CHECK(FrameIndex(pal).nearest_frame(5.96) == 149);
  // Every NTSC frame over an hour, from its pts as mpv would print it.
  for (std::int64_t k = 0; k < 108'000; k += 7) {
    const double pts = static_cast<double>(k) * 1001.0 / 30000.0;
    REQUIRE(FrameIndex(ntsc).nearest_frame(pts) == k);
    // ... and the seek target (exact microseconds) maps back to the same frame.
    REQUIRE(frame_at(frame_start(k, ntsc), ntsc) == k);
    REQUIRE(FrameIndex(ntsc).nearest_frame(static_cast<double>(frame_start(k, ntsc)) / 1e6) == k);
  }
}

namespace {
struct Fixture {
  FrameTracker tracker;
  FrameTracker::Clock::time_point now{};
  Fixture() {
    tracker.set_rate({25, 1});
    tracker.set_duration(6.0);  // 150 frames: 0 … 149
    tracker.set_paused(true, now);
    tracker.set_time_pos(0.0, now);
  }
  void time_pos(double s) { tracker.set_time_pos(s, now); }
};
}  // namespace

TEST_CASE("position is the start of the frame on screen clamped to the file") {
  Fixture f;
  f.time_pos(2.44);
  CHECK(f.tracker.frame() == 61);
  CHECK(f.tracker.position() == 2'440'000);
  f.time_pos(6.021);  // the audio clock ran past the last frame (pitfall 5)
  CHECK(f.tracker.last_frame() == 149);
  CHECK(f.tracker.frame() == 149);
  CHECK(f.tracker.position() == frame_start(149, {25, 1}));
  f.time_pos(-0.01);
  CHECK(f.tracker.frame() == 0);
  f.tracker.set_rate({30000, 1001});
  f.time_pos(61 * 1001.0 / 30000.0);
  CHECK(f.tracker.frame() == 61);
  CHECK(f.tracker.position() == 2'035'367);  // ceil(61 * 1001 / 30000 s) in microseconds
}

TEST_CASE("without a frame rate position is time-pos itself and there is no frame") {
  FrameTracker tracker;
  tracker.set_time_pos(1.2345675, {});
  CHECK_FALSE(tracker.frame());
  CHECK(tracker.position() == 1'234'568);
}

TEST_CASE("after a seek the target is reported until playback restarts") {
  Fixture f;
  f.time_pos(1.0);
  f.tracker.expect(2'440'000, Settle::Seek, 7, f.now);
  CHECK_FALSE(f.tracker.settled());
  CHECK(f.tracker.frame() == 61);
  f.time_pos(1.04);  // a late event from before the seek
  f.tracker.on_reply(6, true, f.now);  // someone else's reply
  f.tracker.on_restart(f.now);         // a restart from before our command ran: ignored
  f.tracker.on_reply(7, true, f.now);
  f.tracker.on_restart(f.now);  // the restart of an older seek, emitted before ours ran
  CHECK_FALSE(f.tracker.settled());
  f.tracker.on_seek();
  f.time_pos(2.44);  // mid-seek time-pos is the target, but the texture is not there yet
  CHECK_FALSE(f.tracker.settled());
  CHECK(f.tracker.frame() == 61);
  f.tracker.on_restart(f.now);
  CHECK(f.tracker.settled());
  CHECK(f.tracker.frame() == 61);
  CHECK(f.tracker.position() == 2'440'000);
}

TEST_CASE("a freshly loaded file settles on its first restart (no seek before it)") {
  Fixture f;
  f.tracker.expect(0, Settle::Load, 1, f.now);
  f.tracker.on_restart(f.now);  // not before loadfile's reply
  CHECK_FALSE(f.tracker.settled());
  f.tracker.on_reply(1, true, f.now);
  f.tracker.on_restart(f.now);
  CHECK(f.tracker.settled());
  CHECK(f.tracker.frame() == 0);
}

TEST_CASE("a stale time-pos after the restart does not end the wait until the grace period") {
  Fixture f;
  f.time_pos(2.44);  // on frame 61; back-step: mpv's seek time is the old frame
  f.tracker.expect(frame_start(60, {25, 1}), Settle::Seek, 9, f.now);
  f.tracker.on_reply(9, true, f.now);
  f.tracker.on_seek();
  f.tracker.on_restart(f.now);
  CHECK_FALSE(f.tracker.settled());
  CHECK(f.tracker.frame() == 60);
  f.now += 20ms;
  f.time_pos(2.40);
  CHECK(f.tracker.settled());
  CHECK(f.tracker.frame() == 60);
}

TEST_CASE("a target mpv cannot reach is given up after the grace period and time-pos rules") {
  Fixture f;
  f.tracker.expect(2'000'000, Settle::Seek, 3, f.now);
  f.tracker.on_reply(3, true, f.now);
  f.tracker.on_seek();
  f.tracker.on_restart(f.now);
  f.time_pos(1.96);  // mpv landed one frame early
  f.now += 299ms;
  f.tracker.tick(f.now);
  CHECK(f.tracker.frame() == 50);
  f.now += 1ms;
  f.tracker.tick(f.now);
  CHECK(f.tracker.settled());
  CHECK(f.tracker.frame() == 49);
}

TEST_CASE("a frame-step ends when the next frame is drawn even though mpv unpaused for it") {
  Fixture f;
  f.time_pos(0.96);  // frame 24
  f.tracker.expect(frame_start(25, {25, 1}), Settle::NewFrame, 11, f.now);
  f.tracker.on_reply(11, true, f.now);
  f.tracker.set_paused(false, f.now);  // mpv plays one frame...
  CHECK_FALSE(f.tracker.settled());
  CHECK(f.tracker.frame() == 25);
  f.tracker.set_paused(true, f.now);  // ...and pauses again, before time-pos arrives
  f.tracker.on_rendered();            // a late draw of frame 24 does not count
  CHECK_FALSE(f.tracker.settled());
  f.time_pos(1.0);                    // frame 25 is queued for display...
  CHECK_FALSE(f.tracker.settled());
  CHECK(f.tracker.frame() == 25);
  f.tracker.on_rendered();            // ...and now it is in the texture
  CHECK(f.tracker.settled());
  CHECK(f.tracker.frame() == 25);
}

TEST_CASE("a frame-step whose frame is never drawn ends after the grace period") {
  Fixture f;
  f.tracker.expect(frame_start(25, {25, 1}), Settle::NewFrame, 12, f.now);
  f.tracker.on_reply(12, true, f.now);
  f.time_pos(1.0);
  f.now += FrameTracker::kGrace;
  f.tracker.tick(f.now);
  CHECK(f.tracker.settled());
  CHECK(f.tracker.frame() == 25);
}

TEST_CASE("a seek while playing follows time-pos as soon as playback restarts") {
  Fixture f;
  f.tracker.set_paused(false, f.now);
  f.tracker.expect(4'000'000, Settle::Seek, 4, f.now);
  f.tracker.on_reply(4, true, f.now);
  CHECK_FALSE(f.tracker.settled());
  f.tracker.on_seek();
  f.tracker.on_restart(f.now);
  CHECK(f.tracker.settled());
}

TEST_CASE("a newer move replaces the one in flight") {
  Fixture f;
  f.tracker.expect(1'000'000, Settle::Seek, 1, f.now);
  f.tracker.expect(3'000'000, Settle::Seek, 2, f.now);
  f.tracker.on_reply(1, true, f.now);
  f.tracker.on_restart(f.now);
  CHECK_FALSE(f.tracker.settled());
  CHECK(f.tracker.frame() == 75);
  f.tracker.on_reply(2, true, f.now);
  f.time_pos(3.0);
  f.tracker.on_seek();
  f.tracker.on_restart(f.now);
  CHECK(f.tracker.settled());
  CHECK(f.tracker.frame() == 75);
}

TEST_CASE("targets past the end are clamped to the last frame") {
  Fixture f;
  f.tracker.expect(60'000'000, Settle::Seek, 5, f.now);
  CHECK(f.tracker.frame() == 149);
}

TEST_CASE("a refused command or a failed file or silence from mpv never leaves the target stuck") {
  Fixture f;
  f.time_pos(1.0);
  f.tracker.expect(2'000'000, Settle::Seek, 8, f.now);
  f.tracker.on_reply(8, false, f.now);
  CHECK(f.tracker.settled());
  CHECK(f.tracker.frame() == 25);

  f.tracker.expect(2'000'000, Settle::Seek, 9, f.now);
  f.tracker.cancel();
  CHECK(f.tracker.settled());

  f.tracker.expect(2'000'000, Settle::Seek, 10, f.now);
  f.now += FrameTracker::kGiveUp;
  f.tracker.tick(f.now);
  CHECK(f.tracker.settled());
}

// While playing, time-pos is the frame mpv queued, which runs ahead of the texture; the
// tracker counts the new frames drawn instead, from the gaps between their target times.
namespace {
constexpr std::int64_t kPal = 40'000;                   // µs per frame at 25 fps
constexpr std::int64_t kNtsc = 1'001'000'000 / 30'000;  // µs per frame at 29.97 fps (33366.6…)
double start_seconds(std::int64_t frame, const FrameRate& rate) {
  return static_cast<double>(frame_start(frame, rate)) / 1e6;
}
}  // namespace

TEST_CASE("playing, the frame reported is the frame drawn, one per target-time period") {
  Fixture f;
  f.time_pos(0.4);  // paused, settled on frame 10
  REQUIRE(f.tracker.frame() == 10);
  f.tracker.set_paused(false, f.now);
  CHECK(f.tracker.frame() == 10);  // nothing new drawn yet
  f.time_pos(0.44);                // mpv queued frame 11 ...
  CHECK(f.tracker.frame() == 10);  // ... but the texture still shows 10
  std::int64_t t = 5'000'000;
  f.tracker.on_new_frame(t);
  f.tracker.on_rendered();
  CHECK(f.tracker.frame() == 11);
  f.time_pos(0.48);
  f.tracker.on_new_frame(t += kPal + 1'500);  // jitter does not matter
  CHECK(f.tracker.frame() == 12);
  CHECK(f.tracker.position() == frame_start(12, {25, 1}));
  f.time_pos(0.52);
  f.tracker.on_new_frame(t += kPal - 2'000);
  CHECK(f.tracker.frame() == 13);
  // Paused again: time-pos rules, as before.
  f.tracker.set_paused(true, f.now);
  f.time_pos(0.52);
  CHECK(f.tracker.frame() == 13);
}

TEST_CASE("playing, a frame mpv dropped counts: the gap is two periods") {
  Fixture f;
  f.tracker.set_rate({30000, 1001});
  f.time_pos(start_seconds(20, {30000, 1001}));
  REQUIRE(f.tracker.frame() == 20);
  f.tracker.set_paused(false, f.now);
  std::int64_t t = 1'000'000;
  f.tracker.on_new_frame(t);
  CHECK(f.tracker.frame() == 21);
  f.time_pos(start_seconds(24, {30000, 1001}));  // the UI thread was late: mpv moved on
  f.tracker.on_new_frame(t += 2 * kNtsc);         // and frame 22 was dropped
  CHECK(f.tracker.frame() == 23);
  f.time_pos(start_seconds(25, {30000, 1001}));
  f.tracker.on_new_frame(t += kNtsc);
  CHECK(f.tracker.frame() == 24);
  f.time_pos(start_seconds(26, {30000, 1001}));
  f.tracker.on_new_frame(t += kNtsc);
  CHECK(f.tracker.frame() == 25);
}

TEST_CASE("playing at 2x, frames are due every half period") {
  Fixture f;
  f.time_pos(0.4);
  f.tracker.set_speed(2.0);
  f.tracker.set_paused(false, f.now);
  std::int64_t t = 1'000'000;
  f.tracker.on_new_frame(t);
  CHECK(f.tracker.frame() == 11);
  f.tracker.on_new_frame(t += kPal / 2);
  CHECK(f.tracker.frame() == 12);
  f.time_pos(0.6);
  f.tracker.on_new_frame(t += kPal);  // one dropped
  CHECK(f.tracker.frame() == 14);
}

TEST_CASE("playing, a seek re-anchors the count at its target") {
  Fixture f;
  f.time_pos(0.4);
  f.tracker.set_paused(false, f.now);
  std::int64_t t = 1'000'000;
  f.tracker.on_new_frame(t);
  f.tracker.on_new_frame(t += kPal);
  REQUIRE(f.tracker.frame() == 12);

  SUBCASE("the target is drawn after mpv ran the seek, before the restart") {
    f.tracker.expect(frame_start(60, {25, 1}), Settle::Seek, 21, f.now);
    f.tracker.on_new_frame(t += kPal);  // an old frame, drawn before mpv ran the seek
    CHECK(f.tracker.frame() == 60);     // the target is reported meanwhile
    f.tracker.on_reply(21, true, f.now);
    f.tracker.on_seek();
    f.tracker.on_new_frame(t += 300'000);  // the target, after the decoder caught up
    f.tracker.on_restart(f.now);
    f.time_pos(start_seconds(61, {25, 1}));
    CHECK(f.tracker.settled());
    CHECK(f.tracker.frame() == 60);
    f.tracker.on_new_frame(t += kPal);
    CHECK(f.tracker.frame() == 61);
  }
  SUBCASE("the restart comes before the target is drawn") {
    f.tracker.expect(frame_start(60, {25, 1}), Settle::Seek, 22, f.now);
    f.tracker.on_reply(22, true, f.now);
    f.tracker.on_seek();
    f.tracker.on_restart(f.now);
    f.time_pos(start_seconds(60, {25, 1}));
    CHECK(f.tracker.settled());
    CHECK(f.tracker.frame() == 60);
    f.tracker.on_new_frame(t += 300'000);  // the target itself
    CHECK(f.tracker.frame() == 60);
    f.time_pos(start_seconds(61, {25, 1}));
    f.tracker.on_new_frame(t += kPal);
    CHECK(f.tracker.frame() == 61);
  }
}

TEST_CASE("playing, a count far from time-pos follows time-pos again") {
  Fixture f;
  f.time_pos(0.4);
  f.tracker.set_paused(false, f.now);
  std::int64_t t = 1'000'000;
  f.tracker.on_new_frame(t);
  REQUIRE(f.tracker.frame() == 11);
  f.time_pos(start_seconds(40, {25, 1}));  // something moved mpv without telling us
  f.tracker.on_new_frame(t += kPal);
  CHECK(f.tracker.frame() == 40);
}

namespace {
// 30 frames at 30 fps, then 30 at 15 fps: the average (20 fps-ish) is wrong for both parts.
FrameIndex two_rates() {
  std::vector<Micros> t;
  for (int k = 0; k < 30; ++k) t.push_back(round_micros(k, 1, 30));
  for (int k = 0; k < 30; ++k) t.push_back(1'000'000 + round_micros(k, 1, 15));
  return FrameIndex::from_times(t);
}
}  // namespace

TEST_CASE("with the file's index, time-pos, seeks, the last frame and position follow the real frames") {
  Fixture f;
  f.tracker.set_rate({20, 1});  // mpv's (average) rate: used only until the index is set
  f.tracker.set_duration(3.0);
  f.time_pos(1.4);
  CHECK(f.tracker.frame() == 28);  // at 20 fps
  f.tracker.set_index(two_rates());
  CHECK(f.tracker.frame() == 36);  // 30 + 0.4 s at 15 fps
  CHECK(f.tracker.position() == 1'400'000);
  f.tracker.set_rate({25, 1});  // mpv refines its rate: the index stays
  CHECK(f.tracker.frame() == 36);
  f.time_pos(0.9666661);  // mpv's rounding of frame 29's time: the nearest frame
  CHECK(f.tracker.frame() == 29);
  CHECK(f.tracker.last_frame() == 59);  // from the index, not from the duration
  CHECK(f.tracker.clamp_frame(80) == 59);
  f.tracker.expect(1'066'666, Settle::Seek, 7, f.now);  // inside frame 30 (1.0 s - 1.066667 s)
  CHECK(f.tracker.frame() == 30);
  CHECK(f.tracker.position() == 1'000'000);
}

TEST_CASE("playing a variable-rate file, frames are counted by their own durations") {
  Fixture f;
  f.tracker.set_rate({20, 1});
  f.tracker.set_index(two_rates());
  f.time_pos(0.9);  // frame 27
  REQUIRE(f.tracker.frame() == 27);
  f.tracker.set_paused(false, f.now);
  std::int64_t t = 1'000'000;
  f.tracker.on_new_frame(t);
  CHECK(f.tracker.frame() == 28);
  f.tracker.on_new_frame(t += 33'333);
  CHECK(f.tracker.frame() == 29);
  f.time_pos(1.0);
  f.tracker.on_new_frame(t += 33'334);
  CHECK(f.tracker.frame() == 30);
  // 1/15 s apart now: one frame each (at the average rate that gap looked like 1.3 frames,
  // and 2 frames at 30 fps).
  for (std::int64_t k = 31; k <= 34; ++k) {
    f.time_pos(static_cast<double>(f.tracker.frames().frame_start(k)) / 1e6);
    f.tracker.on_new_frame(t += 66'667);
    CHECK(f.tracker.frame() == k);
  }
  f.time_pos(static_cast<double>(f.tracker.frames().frame_start(37)) / 1e6);
  f.tracker.on_new_frame(t += 2 * 66'667);  // one dropped
  CHECK(f.tracker.frame() == 36);
}
