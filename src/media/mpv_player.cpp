#include "media/mpv_player.h"

#include <GL/gl.h>
#include <GL/glext.h>
#include <mpv/client.h>
#include <mpv/render_gl.h>

#include <algorithm>
#include <clocale>
#include <cmath>
#include <filesystem>

namespace attune {

namespace {

using Clock = FrameTracker::Clock;

// reply_userdata of each observed property.
enum Property : std::uint64_t {
  kTimePos = 1,
  kPause,
  kSpeed,
  kMute,
  kDuration,
  kContainerFps,
  kEstimatedFps,
  kWidth,
  kHeight,
  kEof,
};

struct Observed {
  Property id;
  const char* name;
  mpv_format format;
};
constexpr Observed kObserved[] = {
    {kTimePos, "time-pos", MPV_FORMAT_DOUBLE},
    {kPause, "pause", MPV_FORMAT_FLAG},
    {kSpeed, "speed", MPV_FORMAT_DOUBLE},
    {kMute, "mute", MPV_FORMAT_FLAG},
    {kDuration, "duration", MPV_FORMAT_DOUBLE},
    {kContainerFps, "container-fps", MPV_FORMAT_DOUBLE},
    {kEstimatedFps, "estimated-vf-fps", MPV_FORMAT_DOUBLE},
    {kWidth, "dwidth", MPV_FORMAT_INT64},
    {kHeight, "dheight", MPV_FORMAT_INT64},
    {kEof, "eof-reached", MPV_FORMAT_FLAG},
};

// Property ids stay below this; command reply ids start above it, so the two never meet.
constexpr std::uint64_t kFirstReplyId = 1000;

std::optional<double> as_double(const mpv_event_property& p) {
  if (p.format != MPV_FORMAT_DOUBLE || !p.data) return std::nullopt;
  return *static_cast<const double*>(p.data);
}
std::optional<bool> as_flag(const mpv_event_property& p) {
  if (p.format != MPV_FORMAT_FLAG || !p.data) return std::nullopt;
  return *static_cast<const int*>(p.data) != 0;
}
std::optional<std::int64_t> as_int(const mpv_event_property& p) {
  if (p.format != MPV_FORMAT_INT64 || !p.data) return std::nullopt;
  return *static_cast<const std::int64_t*>(p.data);
}

}  // namespace

MpvPlayer::MpvPlayer(GetProcAddress get_proc_address, std::string path, MpvOptions options)
    : get_proc_address_(get_proc_address), path_(std::move(path)), next_reply_id_(kFirstReplyId) {
  std::error_code ec;
  if (!std::filesystem::is_regular_file(path_, ec)) {
    fail("video not found: " + path_);
    return;
  }
  std::setlocale(LC_NUMERIC, "C");  // mpv refuses to start under a locale with decimal commas
  mpv_ = mpv_create();
  if (!mpv_) {
    fail("the video player could not start (mpv_create failed)");
    return;
  }
  const std::pair<const char*, std::string> settings[] = {
      {"config", "no"},
      {"load-scripts", "no"},
      {"osc", "no"},
      {"input-default-bindings", "no"},
      {"ytdl", "no"},
      {"vo", "libmpv"},
      {"hwdec", "no"},
      {"gpu-hwdec-interop", "no"},  // else "Cannot load libcuda.so.1"
      {"keep-open", "yes"},         // stay on the last frame at the end
      {"idle", "yes"},
      {"pause", "yes"},
      {"hr-seek", "yes"},
      {"ao", options.ao},
      {"aid", options.audio ? "auto" : "no"},
      {"sub-auto", "no"},
      // Not video-timing-offset=0 (render.h's advice when not blocking for the target
      // time): with it, a frame-step followed at once by seeks never settles (e2e
      // test_frame_accuracy). The drawn-frame count does not need it.
  };
  for (const auto& [name, value] : settings) mpv_set_option_string(mpv_, name, value.c_str());
  if (const int err = mpv_initialize(mpv_); err < 0) {
    fail(std::string("the video player could not start: ") + mpv_error_string(err));
    return;
  }
  for (const Observed& o : kObserved) mpv_observe_property(mpv_, o.id, o.name, o.format);

  mpv_opengl_init_params gl{&MpvPlayer::proc_address, this};
  mpv_render_param params[] = {
      {MPV_RENDER_PARAM_API_TYPE, const_cast<char*>(MPV_RENDER_API_TYPE_OPENGL)},
      {MPV_RENDER_PARAM_OPENGL_INIT_PARAMS, &gl},
      {MPV_RENDER_PARAM_INVALID, nullptr},
  };
  if (const int err = mpv_render_context_create(&render_, mpv_, params); err < 0) {
    render_ = nullptr;
    fail(std::string("the video output could not start: ") + mpv_error_string(err));
    return;
  }
  mpv_set_wakeup_callback(mpv_, &MpvPlayer::on_wakeup, this);
  mpv_render_context_set_update_callback(render_, &MpvPlayer::on_render_update, this);

  // The first frame is on screen once playback "restarts" after the load.
  const std::uint64_t id = next_reply_id_++;
  tracker_.expect(0, FrameTracker::Settle::Load, id, Clock::now());
  const char* load[] = {"loadfile", path_.c_str(), nullptr};
  if (mpv_command_async(mpv_, id, load) < 0) fail("video could not be opened: " + path_);
}

MpvPlayer::~MpvPlayer() {
  // Order matters (docs/architecture.md, libmpv): the render context before mpv, both before the GL context.
  if (render_) {
    mpv_render_context_set_update_callback(render_, nullptr, nullptr);
    mpv_render_context_free(render_);
  }
  if (mpv_) {
    mpv_set_wakeup_callback(mpv_, nullptr, nullptr);
    mpv_terminate_destroy(mpv_);
  }
  if (fbo_) glDeleteFramebuffers(1, &fbo_);
  if (texture_) glDeleteTextures(1, &texture_);
}

void* MpvPlayer::proc_address(void* self, const char* name) {
  // Function to object pointer: conditionally supported, and what every GL loader does.
  return reinterpret_cast<void*>(static_cast<MpvPlayer*>(self)->get_proc_address_(name));
}

void MpvPlayer::on_wakeup(void* self) {
  auto* player = static_cast<MpvPlayer*>(self);
  std::lock_guard lock(player->wakeup_mutex_);
  if (player->wakeup_) player->wakeup_();
}

void MpvPlayer::on_render_update(void* self) {
  static_cast<MpvPlayer*>(self)->frame_flagged_ = true;
  on_wakeup(self);
}

void MpvPlayer::set_wakeup(std::function<void()> wakeup) {
  std::lock_guard lock(wakeup_mutex_);
  wakeup_ = std::move(wakeup);
}

void MpvPlayer::fail(std::string message) {
  if (error_.empty()) error_ = std::move(message);
  tracker_.cancel();
  queued_.clear();
}

std::uint64_t MpvPlayer::command(Command args) {
  const std::uint64_t id = next_reply_id_++;
  if (!usable()) return id;
  if (loaded_) send(id, args);
  else queued_.emplace_back(id, std::move(args));
  return id;
}

void MpvPlayer::send(std::uint64_t id, const Command& args) {
  std::vector<const char*> argv;
  for (const auto& a : args) argv.push_back(a.c_str());
  argv.push_back(nullptr);
  mpv_command_async(mpv_, id, argv.data());
}

void MpvPlayer::set_flag(const char* name, bool value) {
  if (!usable()) return;
  int flag = value ? 1 : 0;
  mpv_set_property_async(mpv_, 0, name, MPV_FORMAT_FLAG, &flag);
}

bool MpvPlayer::update() {
  if (!mpv_) return false;
  bool changed = frame_flagged_.load();
  for (;;) {
    const mpv_event* event = mpv_wait_event(mpv_, 0);
    if (event->event_id == MPV_EVENT_NONE) break;
    const auto now = Clock::now();
    switch (event->event_id) {
      case MPV_EVENT_PROPERTY_CHANGE:
        handle_property(event->reply_userdata, event->data);
        changed = true;
        break;
      case MPV_EVENT_COMMAND_REPLY:
        tracker_.on_reply(event->reply_userdata, event->error >= 0, now);
        break;
      case MPV_EVENT_SEEK:
        tracker_.on_seek();
        break;
      case MPV_EVENT_PLAYBACK_RESTART:
        tracker_.on_restart(now);
        changed = true;
        break;
      case MPV_EVENT_FILE_LOADED:
        loaded_ = true;
        for (const auto& [id, args] : queued_) send(id, args);
        queued_.clear();
        changed = true;
        break;
      case MPV_EVENT_END_FILE: {
        const auto* end = static_cast<const mpv_event_end_file*>(event->data);
        if (end && end->reason == MPV_END_FILE_REASON_ERROR) {
          fail("video could not be opened: " + path_ + " (" + mpv_error_string(end->error) + ")");
          changed = true;
        }
        break;
      }
      default:
        break;
    }
  }
  tracker_.tick(Clock::now());
  return changed || !tracker_.settled();
}

void MpvPlayer::handle_property(std::uint64_t id, const void* data) {
  const auto& p = *static_cast<const mpv_event_property*>(data);
  const auto now = Clock::now();
  switch (id) {
    case kTimePos:
      tracker_.set_time_pos(as_double(p), now);
      break;
    case kPause:
      if (auto v = as_flag(p)) {
        paused_ = *v;
        tracker_.set_paused(*v, now);
      }
      break;
    case kSpeed:
      if (auto v = as_double(p)) {
        speed_ = *v;
        tracker_.set_speed(*v);
      }
      break;
    case kMute:
      if (auto v = as_flag(p)) muted_ = *v;
      break;
    case kDuration:
      tracker_.set_duration(as_double(p));
      break;
    case kContainerFps:
    case kEstimatedFps: {
      const FrameRate rate = rate_from_fps(as_double(p).value_or(0));
      (id == kContainerFps ? container_rate_ : estimated_rate_) = rate;
      // The container's rate when it has one; else the first estimate, kept so that frame
      // numbers do not shift while mpv refines it.
      if (container_rate_.valid()) tracker_.set_rate(container_rate_);
      else if (!tracker_.rate().valid()) tracker_.set_rate(estimated_rate_);
      break;
    }
    case kWidth:
      width_ = static_cast<int>(as_int(p).value_or(0));
      break;
    case kHeight:
      height_ = static_cast<int>(as_int(p).value_or(0));
      break;
    case kEof:
      eof_ = as_flag(p).value_or(false);
      break;
    default:
      break;
  }
}

std::optional<Micros> MpvPlayer::duration() const {
  const auto seconds = tracker_.duration();
  if (!seconds || !(*seconds > 0)) return std::nullopt;
  return std::llround(*seconds * 1e6);
}

bool MpvPlayer::playing() const {
  // mpv unpauses for the length of a frame-step; that is not "playing" to the coder.
  return !paused_ && tracker_.settled();
}

void MpvPlayer::play() {
  if (!usable()) return;
  // Play on the last frame starts over, as in most players.
  if (eof_ && tracker_.settled() && tracker_.frame() == tracker_.last_frame()) seek(0);
  paused_ = false;    // optimistic: the views show the new state this frame
  tracker_.set_paused(false, Clock::now());
  set_flag("pause", false);
}

void MpvPlayer::pause() {
  paused_ = true;
  tracker_.set_paused(true, Clock::now());
  set_flag("pause", true);
}

void MpvPlayer::seek(Micros t) {
  if (!usable()) return;
  t = std::max<Micros>(0, t);
  const FrameIndex& frames = tracker_.frames();
  if (frames.valid()) return seek_frame(tracker_.clamp_frame(frames.frame_at(t)));
  // Rate unknown until the file is loaded: seek to the time itself.
  const std::uint64_t id = command({"seek", format_seconds_fixed(t), "absolute+exact"});
  tracker_.expect(t, FrameTracker::Settle::Seek, id, Clock::now());
}

void MpvPlayer::seek_frame(std::int64_t frame) {
  // An exact seek shows the first frame with pts >= T (within mpv's 5 ms slack): the
  // frame's own start, rounded to the microsecond (at most half a microsecond early).
  const Micros start = tracker_.frames().frame_start(frame);
  const std::uint64_t id = command({"seek", format_seconds_fixed(start), "absolute+exact"});
  tracker_.expect(start, FrameTracker::Settle::Seek, id, Clock::now());
}

void MpvPlayer::step_frames(int frames) {
  const auto current = tracker_.frame();
  if (frames == 0 || !current || !usable()) return;
  const bool was_playing = playing();
  const bool in_flight = !tracker_.settled();
  if (!paused_) pause();
  const std::int64_t target = tracker_.clamp_frame(*current + frames);
  if (target == *current) return;  // at either end
  // mpv's own steps are cheapest (frame-step decodes one frame), but only safe from a
  // paused, settled frame: mpv ignores a back-step during a seek, and while playing the
  // frame it pauses on is not the one the coder saw. Otherwise seek to the exact frame.
  if (!was_playing && !in_flight && loaded_ && (frames == 1 || frames == -1)) {
    const bool forward = frames == 1;
    const std::uint64_t id = command({forward ? "frame-step" : "frame-back-step"});
    tracker_.expect(tracker_.frames().frame_start(target),
                    forward ? FrameTracker::Settle::NewFrame : FrameTracker::Settle::Seek, id, Clock::now());
    return;
  }
  seek_frame(target);
}

void MpvPlayer::set_speed(double speed) {
  speed_ = std::clamp(std::isfinite(speed) ? speed : 1.0, 0.25, 4.0);
  if (usable()) mpv_set_property_async(mpv_, 0, "speed", MPV_FORMAT_DOUBLE, &speed_);
}

void MpvPlayer::set_muted(bool muted) {
  muted_ = muted;
  set_flag("mute", muted);
}

void MpvPlayer::ensure_target(int width, int height) {
  if (fbo_ && width == target_width_ && height == target_height_) return;
  if (!texture_) glGenTextures(1, &texture_);
  GLint bound_texture = 0;
  glGetIntegerv(GL_TEXTURE_BINDING_2D, &bound_texture);
  glBindTexture(GL_TEXTURE_2D, texture_);
  glTexImage2D(GL_TEXTURE_2D, 0, GL_RGBA8, width, height, 0, GL_RGBA, GL_UNSIGNED_BYTE, nullptr);
  glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MIN_FILTER, GL_LINEAR);
  glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MAG_FILTER, GL_LINEAR);
  glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_S, GL_CLAMP_TO_EDGE);
  glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_T, GL_CLAMP_TO_EDGE);
  glBindTexture(GL_TEXTURE_2D, static_cast<GLuint>(bound_texture));
  if (!fbo_) glGenFramebuffers(1, &fbo_);
  GLint bound_fbo = 0;
  glGetIntegerv(GL_FRAMEBUFFER_BINDING, &bound_fbo);
  glBindFramebuffer(GL_FRAMEBUFFER, fbo_);
  glFramebufferTexture2D(GL_FRAMEBUFFER, GL_COLOR_ATTACHMENT0, GL_TEXTURE_2D, texture_, 0);
  glBindFramebuffer(GL_FRAMEBUFFER, static_cast<GLuint>(bound_fbo));
  target_width_ = width;
  target_height_ = height;
}

bool MpvPlayer::render() {
  if (!render_) return false;
  // mpv_render_context_update must follow every update callback, or mpv stalls.
  if (frame_flagged_.exchange(false) && (mpv_render_context_update(render_) & MPV_RENDER_UPDATE_FRAME))
    frame_due_ = true;
  if (!frame_due_ || width_ <= 0 || height_ <= 0) return false;  // the size comes with update()
  frame_due_ = false;
  ensure_target(width_, height_);

  // Is this a new video frame (not a redraw of the same one)? While playing, the tracker
  // counts them to know which frame the texture holds; time-pos runs ahead of it.
  mpv_render_frame_info info{};
  const bool new_frame =
      mpv_render_context_get_info(render_, {MPV_RENDER_PARAM_NEXT_FRAME_INFO, &info}) >= 0 &&
      (info.flags & MPV_RENDER_FRAME_INFO_PRESENT) &&
      !(info.flags & (MPV_RENDER_FRAME_INFO_REDRAW | MPV_RENDER_FRAME_INFO_REPEAT));

  // mpv leaves its own framebuffer and viewport bound; ImGui's backend restores neither.
  GLint bound_fbo = 0, viewport[4] = {};
  glGetIntegerv(GL_FRAMEBUFFER_BINDING, &bound_fbo);
  glGetIntegerv(GL_VIEWPORT, viewport);
  mpv_opengl_fbo target{static_cast<int>(fbo_), width_, height_, 0};
  int flip_y = 0, block = 0;  // top row first in memory; never wait for a display time
  mpv_render_param params[] = {
      {MPV_RENDER_PARAM_OPENGL_FBO, &target},
      {MPV_RENDER_PARAM_FLIP_Y, &flip_y},
      {MPV_RENDER_PARAM_BLOCK_FOR_TARGET_TIME, &block},
      {MPV_RENDER_PARAM_INVALID, nullptr},
  };
  mpv_render_context_render(render_, params);
  glBindFramebuffer(GL_FRAMEBUFFER, static_cast<GLuint>(bound_fbo));
  glViewport(viewport[0], viewport[1], viewport[2], viewport[3]);
  if (new_frame) tracker_.on_new_frame(info.target_time);
  tracker_.on_rendered();
  return true;
}

}  // namespace attune
