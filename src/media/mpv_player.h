#pragma once
// The video clock: libmpv decoding into an OpenGL texture the views draw with ImGui::Image.
// All state comes from observed properties drained in update(); nothing here blocks the
// frame (no mpv_get_property, commands are async). See docs/architecture.md, "Video with libmpv".
//
// Threading: construct, update(), render() and destroy on the thread that owns the GL
// context, with that context current. Only the wakeup function runs on mpv's threads.
#include <atomic>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <utility>
#include <vector>

#include "media/clock.h"
#include "media/frame_tracker.h"

struct mpv_handle;
struct mpv_render_context;

namespace attune {

struct MpvOptions {
  bool audio = true;        // false sets aid=no (frame-accuracy tests: docs/architecture.md, libmpv)
  std::string ao = "null";  // audio output driver list, e.g. "pulse,alsa,null"
};

class MpvPlayer final : public MediaClock {
 public:
  using GlProc = void (*)();
  using GetProcAddress = GlProc (*)(const char* name);  // glfwGetProcAddress fits

  // Starts loading `path` (asynchronously). Never throws for a bad file: error() says why.
  MpvPlayer(GetProcAddress get_proc_address, std::string path, MpvOptions options = {});
  ~MpvPlayer() override;  // frees the render context, then mpv, then the GL objects
  MpvPlayer(const MpvPlayer&) = delete;
  MpvPlayer& operator=(const MpvPlayer&) = delete;

  // MediaClock. update() also returns true while a seek or step is in flight, so the app
  // keeps polling until it settles (at most FrameTracker::kGrace after mpv confirms).
  bool update() override;
  Micros position() const override { return tracker_.position(); }
  std::optional<std::int64_t> frame() const override { return tracker_.frame(); }
  FrameRate fps() const override { return tracker_.rate(); }
  FrameIndex frames() const override { return tracker_.frames(); }
  void set_frames(FrameIndex index) override { tracker_.set_index(std::move(index)); }
  std::optional<Micros> duration() const override;
  bool playing() const override;
  bool has_video() const override { return error_.empty(); }
  void play() override;
  void pause() override;
  void seek(Micros t) override;
  void step_frames(int frames) override;
  double speed() const override { return speed_; }
  void set_speed(double speed) override;  // clamped to 0.25 … 4
  bool muted() const override { return muted_; }
  void set_muted(bool muted) override;
  std::string error() const override { return error_; }

  // Draws mpv's newest frame into texture() when mpv flagged one; call once per UI frame
  // on the GL thread. Returns true when the texture changed.
  bool render() override;
  // GL_TEXTURE_2D, RGBA8, video_width() x video_height(), top row first: draw it with
  // UV (0,0)-(1,1). 0 until the first frame.
  unsigned texture() const override { return texture_; }
  // Display size (aspect applied, so anamorphic video is not squeezed); 0 while unknown.
  int video_width() const override { return width_; }
  int video_height() const override { return height_; }

  // Called from mpv's threads whenever there is something for update()/render() to do,
  // e.g. glfwPostEmptyEvent, so the app can sleep in glfwWaitEvents otherwise.
  void set_wakeup(std::function<void()> wakeup);

  bool loaded() const { return loaded_; }       // MPV_EVENT_FILE_LOADED seen
  bool settled() const { return tracker_.settled(); }  // no seek or step in flight
  bool eof() const { return eof_; }
  const std::string& path() const { return path_; }

 private:
  using Command = std::vector<std::string>;
  static void* proc_address(void* self, const char* name);
  static void on_wakeup(void* self);
  static void on_render_update(void* self);

  bool usable() const { return mpv_ && error_.empty(); }
  void fail(std::string message);
  // Sends an async command now, or after MPV_EVENT_FILE_LOADED (earlier ones fail).
  std::uint64_t command(Command args);
  void send(std::uint64_t id, const Command& args);
  void seek_frame(std::int64_t frame);
  void set_flag(const char* name, bool value);
  void handle_property(std::uint64_t id, const void* property);
  void ensure_target(int width, int height);

  GetProcAddress get_proc_address_;
  std::string path_;
  mpv_handle* mpv_ = nullptr;
  mpv_render_context* render_ = nullptr;
  std::string error_;

  FrameTracker tracker_;
  bool loaded_ = false;
  bool eof_ = false;
  bool paused_ = true;
  double speed_ = 1.0;
  bool muted_ = false;
  FrameRate container_rate_, estimated_rate_;
  int width_ = 0, height_ = 0;
  std::vector<std::pair<std::uint64_t, Command>> queued_;  // commands waiting for the file
  std::uint64_t next_reply_id_ = 1;

  std::atomic<bool> frame_flagged_{false};  // set on mpv's render thread
  bool frame_due_ = false;
  unsigned fbo_ = 0, texture_ = 0;
  int target_width_ = 0, target_height_ = 0;

  std::mutex wakeup_mutex_;
  std::function<void()> wakeup_;
};

}  // namespace attune
