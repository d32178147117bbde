// End to end under a real (hidden) GL window: MpvPlayer decodes a clip whose frames encode
// their own index, and every check reads the index back from the player's TEXTURE, so
// "the frame on screen" is what is compared, not what mpv says about itself.
// Needs a display: CI runs ctest under xvfb-run -a -s "-screen 0 1920x1080x24".
#include <doctest/doctest.h>

#include <GLFW/glfw3.h>

#include <chrono>
#include <fstream>
#include <optional>
#include <string>

#include "e2e_support.h"
#include "media/mpv_player.h"

using namespace attune;
using namespace attune::e2e;
using namespace std::chrono_literals;

namespace {

void seek_and_check(MpvPlayer& player, std::int64_t k) {
  CAPTURE(k);
  player.seek(player.frames().frame_start(k));
  CHECK(player.frame() == k);  // reported at once, before mpv has moved
  std::optional<std::int64_t> at_settle;
  REQUIRE_MESSAGE(settle(player, &at_settle), "seek to frame " << k << " did not settle within 3 s");
  CHECK(at_settle.value_or(k) == k);
  check_on(player, k);
}

void step_and_check(MpvPlayer& player, int by, std::int64_t expected) {
  CAPTURE(by);
  CAPTURE(expected);
  player.step_frames(by);
  CHECK(player.frame() == expected);
  std::optional<std::int64_t> at_settle;
  REQUIRE_MESSAGE(settle(player, &at_settle), "frame step did not settle within 3 s");
  CHECK(at_settle.value_or(expected) == expected);
  check_on(player, expected);
}

void check_frame_accuracy(const Clip& c) {
  auto player = open_clip(c);
  const std::int64_t last = c.frames - 1;
  CHECK(player->duration().has_value());
  check_on(*player, 0);  // a freshly loaded file shows its first frame, paused
  CHECK_FALSE(player->playing());

  // Forward and backward jumps, across what would be keyframe boundaries in camera files
  // (and, in the VFR clip, across its rate changes at frames 60 and 108).
  for (std::int64_t k : {std::int64_t{1}, std::int64_t{7}, std::int64_t{61}, std::int64_t{24}, std::int64_t{25},
                         std::int64_t{109}, std::int64_t{0}, last, std::int64_t{7}, std::int64_t{108},
                         std::int64_t{60}, std::int64_t{59}, std::int64_t{107}})
    seek_and_check(*player, k);

  // A time inside a frame shows that frame (frame_at), not the next one.
  player->seek(c.index.frame_start(62) - 1);
  REQUIRE(settle(*player));
  check_on(*player, 61);

  // Steps from a paused frame, one at a time.
  step_and_check(*player, +1, 62);
  step_and_check(*player, -1, 61);
  step_and_check(*player, -1, 60);
  seek_and_check(*player, 24);
  step_and_check(*player, +1, 25);
  step_and_check(*player, -1, 24);

  // Steps faster than mpv answers (a held arrow key) add up exactly.
  std::optional<std::int64_t> at_settle;
  for (int i = 0; i < 5; ++i) player->step_frames(+1);
  CHECK(player->frame() == 29);
  REQUIRE(settle(*player, &at_settle));
  CHECK(at_settle == 29);
  check_on(*player, 29);
  for (int i = 0; i < 3; ++i) player->step_frames(-1);
  REQUIRE(settle(*player, &at_settle));
  CHECK(at_settle == 26);
  check_on(*player, 26);

  // The ends hold.
  seek_and_check(*player, 0);
  step_and_check(*player, -1, 0);
  seek_and_check(*player, last);
  step_and_check(*player, +1, last);
  player->seek(60 * kMicrosPerSecond);  // past the end: the last frame
  REQUIRE(settle(*player));
  check_on(*player, last);
}

void check_play_pause(const Clip& c, std::int64_t from) {
  auto player = open_clip(c);
  if (from > 0) seek_and_check(*player, from);
  player->set_speed(10);  // clamped
  CHECK(player->speed() == 4.0);
  player->set_speed(2);
  player->play();
  CHECK(player->playing());
  const auto until = SteadyClock::now() + 700ms;
  while (SteadyClock::now() < until) pump(*player);
  CHECK(player->frame() > 0);
  player->pause();
  REQUIRE(settle(*player));
  CHECK_FALSE(player->playing());
  const std::int64_t k = frame_in_texture(*player);
  CAPTURE(k);
  CHECK(k > from + 10);
  check_on(*player, k);
  // A step right after playing continues from the frame that was on screen.
  step_and_check(*player, +1, k + 1);
}

}  // namespace

TEST_SUITE("e2e") {
  TEST_CASE("seeks and frame steps show exactly the frame asked for at 25 fps") {
    require_window();
    check_frame_accuracy(clip("25"));
  }

  TEST_CASE("seeks and frame steps show exactly the frame asked for at 29.97 fps (30000/1001)") {
    require_window();
    check_frame_accuracy(clip("30000/1001"));
  }

  TEST_CASE("seeks and frame steps show exactly the frame asked for on a variable-rate video (30, 24, 15 fps)") {
    require_window();
    const Clip& c = vfr_clip();
    check_frame_accuracy(c);
    // Steps across the rate changes, one at a time.
    auto player = open_clip(c);
    seek_and_check(*player, 58);
    for (std::int64_t k = 59; k <= 62; ++k) step_and_check(*player, +1, k);
    seek_and_check(*player, 110);
    for (std::int64_t k = 109; k >= 105; --k) step_and_check(*player, -1, k);
  }

  TEST_CASE("a seek sent before the file has loaded is kept and not lost") {
    require_window();
    const Clip& c = clip("25");
    MpvPlayer player(glfwGetProcAddress, c.path, MpvOptions{.audio = false});
    player.seek(frame_start(61, c.rate));  // the rate is not known yet: a plain time seek
    CHECK_FALSE(player.fps().valid());
    std::optional<std::int64_t> at_settle;
    REQUIRE(settle(player, &at_settle));
    CHECK(at_settle == 61);
    check_on(player, 61);
  }

  TEST_CASE("after playing and pausing the reported frame is the one in the texture") {
    require_window();
    check_play_pause(clip("30000/1001"), 0);
  }

  TEST_CASE("after playing and pausing on a variable-rate video the reported frame is the one in the texture") {
    require_window();
    // From 1.5 s at 30 fps through the 24 fps part into the 15 fps part, at 2x.
    check_play_pause(vfr_clip(), 45);
  }

  TEST_CASE("playing a variable-rate video at 1x and pausing: the frame in the texture, several times") {
    require_window();
    const Clip& c = vfr_clip();
    auto player = open_clip(c);
    for (std::int64_t from : {std::int64_t{50}, std::int64_t{100}, std::int64_t{10}}) {
      CAPTURE(from);
      seek_and_check(*player, from);
      player->play();
      const auto until = SteadyClock::now() + 600ms;
      while (SteadyClock::now() < until) pump(*player);
      player->pause();
      REQUIRE(settle(*player));
      const std::int64_t k = frame_in_texture(*player);
      CAPTURE(k);
      CHECK(k > from);
      check_on(*player, k);
    }
  }
}

TEST_SUITE("e2e") {
  TEST_CASE("playing to the end stops on the last frame and play starts over") {
    require_window();
    const Clip& c = clip("25");
    auto player = open_clip(c);
    const std::int64_t last = c.frames - 1;
    seek_and_check(*player, last - 12);
    player->set_speed(4);
    player->play();
    const auto deadline = SteadyClock::now() + 3s;
    while (!player->eof() && SteadyClock::now() < deadline) pump(*player);
    REQUIRE(player->eof());
    REQUIRE(settle(*player));
    CHECK_FALSE(player->playing());
    check_on(*player, last);
    player->play();
    CHECK(player->frame() == 0);
    player->pause();
    REQUIRE(settle(*player));
    check_on(*player, frame_in_texture(*player));
  }

  TEST_CASE("a missing or broken file is one clear line and no crash") {
    require_window();
    MpvPlayer missing(glfwGetProcAddress, (work_dir() / "nope.mp4").string());
    CHECK(missing.error().find("video not found") == 0);
    CHECK_FALSE(missing.has_video());
    CHECK_FALSE(missing.update());
    CHECK_FALSE(missing.render());
    missing.seek(1'000'000);  // harmless
    missing.step_frames(1);
    missing.play();
    CHECK_FALSE(missing.playing());
    CHECK(missing.settled());
    CHECK(missing.position() == 0);

    const std::string broken = (work_dir() / "broken.mp4").string();
    std::ofstream(broken) << "this is not a video\n";
    MpvPlayer player(glfwGetProcAddress, broken);
    player.seek(2'000'000);  // queued before the load fails
    const auto deadline = SteadyClock::now() + 3s;
    while (player.error().empty() && SteadyClock::now() < deadline) pump(player);
    CHECK(player.error().find("video could not be opened") == 0);
    CHECK_FALSE(player.has_video());
    CHECK(player.settled());
  }
}
