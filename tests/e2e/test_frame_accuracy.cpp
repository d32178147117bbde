// End to end under a real (hidden) GL window: MpvPlayer decodes a clip whose frames encode
// their own index, and every check reads the index back from the player's TEXTURE, so
// "the frame on screen" is what is compared, not what mpv says about itself.
// Needs a display: CI runs ctest under xvfb-run -a -s "-screen 0 1920x1080x24".
#include <doctest/doctest.h>

#include <GLFW/glfw3.h>

#include <unistd.h>

#include <chrono>
#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "media/mpv_player.h"

using namespace attune;
using namespace std::chrono_literals;
namespace fs = std::filesystem;
using SteadyClock = std::chrono::steady_clock;

namespace {

// ---- the window -------------------------------------------------------------------------

struct Window {
  GLFWwindow* handle = nullptr;
  std::string problem;
  Window() {
    if (!std::getenv("DISPLAY")) {
      problem = "DISPLAY is not set: the e2e tests open a real GL window; run under xvfb-run "
                "(xvfb-run -a -s \"-screen 0 1280x800x24\" ./test_e2e)";
      return;
    }
    if (!glfwInit()) {
      problem = std::string("cannot open the display '") + std::getenv("DISPLAY") + "': run under xvfb-run";
      return;
    }
    glfwWindowHint(GLFW_VISIBLE, GLFW_FALSE);
    glfwWindowHint(GLFW_CONTEXT_VERSION_MAJOR, 3);
    glfwWindowHint(GLFW_CONTEXT_VERSION_MINOR, 3);
    glfwWindowHint(GLFW_OPENGL_PROFILE, GLFW_OPENGL_CORE_PROFILE);
    glfwWindowHint(GLFW_OPENGL_FORWARD_COMPAT, GLFW_TRUE);
    handle = glfwCreateWindow(320, 240, "attune e2e", nullptr, nullptr);
    if (!handle) {
      problem = "no OpenGL 3.3 core context on this display (Mesa llvmpipe under xvfb-run has one)";
      return;
    }
    glfwMakeContextCurrent(handle);
  }
  ~Window() {
    if (handle) glfwDestroyWindow(handle);
    glfwTerminate();
  }
};

// Opens the window once per process; fails the calling test with one clear line without it.
void require_window() {
  static Window window;
  REQUIRE_MESSAGE(window.handle != nullptr, window.problem);
}

// ---- the clips ---------------------------------------------------------------------------

struct Clip {
  std::string path;
  FrameRate rate;
  std::int64_t frames = 0;
};

// A private temporary folder for the clips, removed when the process ends.
fs::path work_dir() {
  struct TempDir {
    fs::path path;
    TempDir() {
      std::string pattern = (fs::temp_directory_path() / "attune-e2e-XXXXXX").string();
      if (mkdtemp(pattern.data())) path = pattern;
    }
    ~TempDir() {
      std::error_code ec;
      if (!path.empty()) fs::remove_all(path, ec);
    }
  };
  static const TempDir dir;
  REQUIRE_MESSAGE(!dir.path.empty(), "cannot create a temporary folder");
  return dir.path;
}

// A 6 s clip whose frame N has luma 16 + 14*(N mod 16) in its left half and
// 16 + 14*floor(N/16) in its right half (inside video range, so mpv's limited-range
// conversion keeps every step apart), and N in small print at the top for people.
// x264 "veryfast" keeps B-frames (an mp4 edit list, like camera files); -g 250 with no
// scene cuts makes exact seeks decode from frame 0.
const Clip& clip(const std::string& rate) {
  static std::map<std::string, Clip> made;
  if (auto it = made.find(rate); it != made.end()) return it->second;
  Clip c;
  c.rate = parse_frame_rate(rate);
  c.path = (work_dir() / ("clip-" + std::to_string(made.size()) + ".mp4")).string();
  const std::string command =
      "ffmpeg -nostdin -v error -y -f lavfi -i color=black:s=160x120:r=" + rate +
      ":d=6 -vf \"format=yuv420p,"
      "geq=lum='if(lt(X,W/2),16+14*mod(N,16),16+14*floor(N/16))':cb=128:cr=128,"
      "drawtext=text='%{frame_num}':x=4:y=4:fontsize=14:fontcolor=white\" "
      "-c:v libx264 -preset veryfast -g 250 -sc_threshold 0 -pix_fmt yuv420p " +
      c.path;
  REQUIRE_MESSAGE(std::system(command.c_str()) == 0, "ffmpeg failed: " << command);
  // ffmpeg stops the lavfi source at the first frame at or after 6 s.
  c.frames = frame_at(6 * kMicrosPerSecond - 1, c.rate) + 1;
  return made.emplace(rate, c).first->second;
}

// ---- driving the player ------------------------------------------------------------------

// One UI frame: sleep until mpv wakes us (or 5 ms), then drain events and draw.
void pump(MpvPlayer& player) {
  glfwWaitEventsTimeout(0.005);
  player.update();
  player.render();
}

std::int64_t frame_in_texture(const MpvPlayer& player);

// Pumps until the seek or step in flight has settled and mpv has stopped delivering new
// frames for a moment. Bounded: every wait in these tests ends within 3 s. When a move
// was in flight, the frame in the texture at the moment it settled is kept in
// `at_settle`: the player promises that frame() is on screen from that moment.
bool settle(MpvPlayer& player, std::optional<std::int64_t>* at_settle = nullptr,
            SteadyClock::duration limit = 3s) {
  const auto deadline = SteadyClock::now() + limit;
  auto last_change = SteadyClock::now();
  bool was_settled = player.settled();
  while (SteadyClock::now() < deadline) {
    glfwWaitEventsTimeout(0.005);
    const bool changed = player.update();
    const bool drawn = player.render();
    if (!was_settled && player.settled()) {
      was_settled = true;
      if (at_settle && player.texture()) *at_settle = frame_in_texture(player);
    }
    if (changed || drawn || !player.settled() || !player.loaded() || player.texture() == 0)
      last_change = SteadyClock::now();
    else if (SteadyClock::now() - last_change > 60ms)
      return true;
    if (!player.error().empty()) return false;
  }
  return false;
}

std::unique_ptr<MpvPlayer> open(const Clip& c) {
  auto player = std::make_unique<MpvPlayer>(glfwGetProcAddress, c.path, MpvOptions{.audio = false});
  player->set_wakeup([] { glfwPostEmptyEvent(); });
  REQUIRE_MESSAGE(settle(*player), "the clip did not load: " << player->error());
  REQUIRE(player->fps() == c.rate);
  return player;
}

// Reads the frame index back from the texture: the mean luma of a block in each half.
std::int64_t frame_in_texture(const MpvPlayer& player) {
  REQUIRE(player.texture() != 0);
  const int w = player.video_width(), h = player.video_height();
  GLuint fbo = 0;
  glGenFramebuffers(1, &fbo);
  glBindFramebuffer(GL_READ_FRAMEBUFFER, fbo);
  glFramebufferTexture2D(GL_READ_FRAMEBUFFER, GL_COLOR_ATTACHMENT0, GL_TEXTURE_2D, player.texture(), 0);
  REQUIRE(glCheckFramebufferStatus(GL_READ_FRAMEBUFFER) == GL_FRAMEBUFFER_COMPLETE);
  auto digit = [&](int centre_x) {
    constexpr int kBlock = 8;
    std::vector<unsigned char> rgba(kBlock * kBlock * 4);
    glReadPixels(centre_x - kBlock / 2, h * 2 / 3 - kBlock / 2, kBlock, kBlock, GL_RGBA, GL_UNSIGNED_BYTE,
                 rgba.data());
    double sum = 0;
    for (int i = 0; i < kBlock * kBlock; ++i) sum += rgba[static_cast<std::size_t>(i) * 4 + 1];  // green ~ luma
    // Video range: luma 16 + 14 d shows as 14 d * 255/219 in RGB.
    return std::llround(sum / (kBlock * kBlock) / (14.0 * 255.0 / 219.0));
  };
  const std::int64_t frame = digit(w / 4) + 16 * digit(3 * w / 4);
  glBindFramebuffer(GL_READ_FRAMEBUFFER, 0);
  glDeleteFramebuffers(1, &fbo);
  return frame;
}

// The player agrees with itself and with the picture.
void check_on(const MpvPlayer& player, std::int64_t k) {
  CHECK(player.settled());
  CHECK(frame_in_texture(player) == k);
  CHECK(player.frame() == k);
  CHECK(player.position() == frame_start(k, player.fps()));
}

void seek_and_check(MpvPlayer& player, std::int64_t k) {
  CAPTURE(k);
  player.seek(frame_start(k, player.fps()));
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

void check_frame_accuracy(const std::string& rate) {
  require_window();
  const Clip& c = clip(rate);
  auto player = open(c);
  const std::int64_t last = c.frames - 1;
  CHECK(player->duration().has_value());
  check_on(*player, 0);  // a freshly loaded file shows its first frame, paused
  CHECK_FALSE(player->playing());

  // Forward and backward jumps, across what would be keyframe boundaries in camera files.
  for (std::int64_t k : {std::int64_t{1}, std::int64_t{7}, std::int64_t{61}, std::int64_t{24}, std::int64_t{25},
                         std::int64_t{149}, std::int64_t{0}, last, std::int64_t{7}})
    seek_and_check(*player, k);

  // A time inside a frame shows that frame (frame_at), not the next one.
  player->seek(frame_start(62, c.rate) - 1);
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

}  // namespace

TEST_SUITE("e2e") {
  TEST_CASE("seeks and frame steps show exactly the frame asked for at 25 fps") { check_frame_accuracy("25"); }

  TEST_CASE("seeks and frame steps show exactly the frame asked for at 29.97 fps (30000/1001)") {
    check_frame_accuracy("30000/1001");
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
    const Clip& c = clip("30000/1001");
    auto player = open(c);
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
    CHECK(k > 10);
    check_on(*player, k);
    // A step right after playing continues from the frame that was on screen.
    step_and_check(*player, +1, k + 1);
  }

  TEST_CASE("playing to the end stops on the last frame and play starts over") {
    require_window();
    const Clip& c = clip("25");
    auto player = open(c);
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
