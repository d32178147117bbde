#pragma once
// The clock a coder codes against: a video player or, for live observation, a stopwatch.
// Views read cached state every frame; nothing here may block the frame.
#include <cstdint>
#include <optional>
#include <string>

#include "core/frame_index.h"
#include "core/time.h"

namespace attune {

class MediaClock {
 public:
  virtual ~MediaClock() = default;

  // Called once per UI frame: drains player events without blocking. Returns true when
  // something visible changed (a new video frame, position, state), so the UI redraws.
  virtual bool update() = 0;

  // The time of the frame on screen (video) or of the stopwatch, in exact microseconds.
  virtual Micros position() const = 0;
  // The index of the frame on screen; nullopt without video.
  virtual std::optional<std::int64_t> frame() const = 0;
  virtual FrameRate fps() const = 0;           // the container's rate; invalid without video
  // How times map to frames: the file's own index once it is set, else fps(); invalid
  // without video. Seeks, steps, frame() and position() all go through it.
  virtual FrameIndex frames() const { return {}; }
  // The file's frame index, read from its timestamps off the UI thread (variable-rate
  // video needs it); a clock without frames ignores it.
  virtual void set_frames(FrameIndex) {}
  virtual std::optional<Micros> duration() const = 0;
  virtual bool playing() const = 0;
  virtual bool has_video() const = 0;

  virtual void play() = 0;
  virtual void pause() = 0;
  void toggle() { playing() ? pause() : play(); }
  // Exact seek: the frame on screen afterwards is the one whose start is <= t.
  virtual void seek(Micros t) = 0;
  // One frame forward (+1) or back (-1); pauses first.
  virtual void step_frames(int frames) = 0;
  virtual double speed() const = 0;
  virtual void set_speed(double speed) = 0;  // 0.25 … 4
  virtual bool muted() const = 0;
  virtual void set_muted(bool muted) = 0;

  // One line for the status bar when the media failed ("video not found: …"), else "".
  virtual std::string error() const = 0;

  // Video output for the window (GL thread): render() draws a new frame into the texture
  // when one is due and returns true if it did. A stopwatch has no picture.
  virtual bool render() { return false; }
  virtual unsigned texture() const { return 0; }
  virtual int video_width() const { return 0; }
  virtual int video_height() const { return 0; }
};

}  // namespace attune
