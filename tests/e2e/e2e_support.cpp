#include "e2e_support.h"

#include <doctest/doctest.h>

#include <GLFW/glfw3.h>

#include <unistd.h>

#include <cmath>
#include <cstdlib>
#include <map>
#include <vector>

#include "../media/vfr_clip.h"
#include "media/frame_index_reader.h"

namespace attune::e2e {

namespace fs = std::filesystem;
using namespace std::chrono_literals;

namespace {

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

}  // namespace

void require_window() {
  static Window window;
  REQUIRE_MESSAGE(window.handle != nullptr, window.problem);
}

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

fs::path fresh_dir(const std::string& prefix) {
  std::string pattern = (work_dir() / (prefix + "-XXXXXX")).string();
  REQUIRE_MESSAGE(mkdtemp(pattern.data()) != nullptr, "cannot create a folder in " << work_dir());
  return pattern;
}

// x264 "veryfast" keeps B-frames (an mp4 edit list, like camera files); -g 250 with no
// scene cuts makes exact seeks decode from frame 0. Luma steps stay inside video range, so
// mpv's limited-range conversion keeps every step apart.
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
  c.index = FrameIndex(c.rate);
  return made.emplace(rate, c).first->second;
}

const Clip& vfr_clip() {
  static std::optional<Clip> made;
  if (made) return *made;
  Clip c;
  c.path = (work_dir() / "clip-vfr.mp4").string();
  bool ok = false;
  const std::string command = test::make_vfr_clip(c.path, ok);
  REQUIRE_MESSAGE(ok, "ffmpeg failed: " << command);
  c.index = read_frame_index(c.path);
  REQUIRE(c.index.variable());
  REQUIRE(c.index.count() == test::kVfrFrames);
  c.frames = test::kVfrFrames;
  c.rate = c.index.rate();
  made = c;
  return *made;
}

void pump(MpvPlayer& player) {
  glfwWaitEventsTimeout(0.005);
  player.update();
  player.render();
}

bool settle(MpvPlayer& player, std::optional<std::int64_t>* at_settle, SteadyClock::duration limit) {
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

std::unique_ptr<MpvPlayer> open_clip(const Clip& c) {
  auto player = std::make_unique<MpvPlayer>(glfwGetProcAddress, c.path, MpvOptions{.audio = false});
  player->set_wakeup([] { glfwPostEmptyEvent(); });
  if (c.index.has_table()) player->set_frames(c.index);
  REQUIRE_MESSAGE(settle(*player), "the clip did not load: " << player->error());
  if (!c.index.has_table()) REQUIRE(player->fps() == c.rate);
  REQUIRE(player->frames() == c.index);
  return player;
}

std::int64_t frame_in_texture(const MediaClock& clock) {
  REQUIRE(clock.texture() != 0);
  const int w = clock.video_width(), h = clock.video_height();
  GLint bound = 0;
  glGetIntegerv(GL_READ_FRAMEBUFFER_BINDING, &bound);
  GLuint fbo = 0;
  glGenFramebuffers(1, &fbo);
  glBindFramebuffer(GL_READ_FRAMEBUFFER, fbo);
  glFramebufferTexture2D(GL_READ_FRAMEBUFFER, GL_COLOR_ATTACHMENT0, GL_TEXTURE_2D, clock.texture(), 0);
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
  glBindFramebuffer(GL_READ_FRAMEBUFFER, static_cast<GLuint>(bound));
  glDeleteFramebuffers(1, &fbo);
  return frame;
}

void check_on(const MpvPlayer& player, std::int64_t k) {
  CHECK(player.settled());
  CHECK(frame_in_texture(player) == k);
  CHECK(player.frame() == k);
  CHECK(player.position() == player.frames().frame_start(k));
}

}  // namespace attune::e2e
