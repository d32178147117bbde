#pragma once
// Which video frame is on screen, worked out from mpv's events alone. Kept free of mpv so
// the rules that make coding frame-accurate are unit tested without a display:
//  - the frame is the one whose start is nearest to time-pos (mpv's estimated-frame-number
//    does not update), found in the file's frame index once it is known (variable-rate
//    video), else at mpv's container rate: llround(time-pos * fps);
//  - after a seek or step, the target frame is reported until mpv confirms it, because
//    time-pos and the texture lag the command by tens of milliseconds;
//  - near the end, time-pos may run past the last frame (audio clock): clamp;
//  - while playing, time-pos is the last frame mpv queued, up to a frame (more when the UI
//    thread is late) ahead of the one drawn into the texture. So the tracker counts the
//    frames drawn since playback started or a seek settled, from the gaps between their
//    target times (two periods across a frame mpv dropped), and reports that instead.
#include <chrono>
#include <cstdint>
#include <optional>

#include "core/frame_index.h"
#include "core/time.h"

namespace attune {

// mpv reports rates as doubles; frame arithmetic needs the exact rational:
// N*1000/1001 rates (23.976, 29.97, 59.94) become N000/1001, near-integers N/1, anything
// else thousandths of a frame per second, reduced. Returns an invalid rate for fps <= 0.
FrameRate rate_from_fps(double fps);


class FrameTracker {
 public:
  using Clock = std::chrono::steady_clock;
  // How a pending move ends. Load: MPV_EVENT_PLAYBACK_RESTART after loadfile's reply.
  // Seek (also frame-back-step, a seek inside mpv): the reply, then MPV_EVENT_SEEK when
  // the seek runs, then the restart. The SEEK event matters: mpv answers a seek command
  // before running it, and can emit the restart of an older seek or of the load in
  // between. NewFrame (frame-step): time-pos reaching the next frame.
  enum class Settle { Load, Seek, NewFrame };
  // Once mpv has done its part, how long time-pos may take to reach the target before the
  // tracker believes time-pos anyway (a target mpv cannot reach, e.g. past a short file).
  static constexpr Clock::duration kGrace = std::chrono::milliseconds(300);
  // When mpv never answers (file failed, command refused), stop reporting the target.
  static constexpr Clock::duration kGiveUp = std::chrono::seconds(5);

  // Facts from mpv's property events. The rate is mpv's; it maps frames only until the
  // file's own index is set.
  void set_rate(const FrameRate& rate);
  // The file's frame index (read from its timestamps): every frame is found through it.
  void set_index(FrameIndex index);
  void set_duration(std::optional<double> seconds) { duration_ = seconds; }
  void set_paused(bool paused, Clock::time_point now);
  void set_time_pos(std::optional<double> seconds, Clock::time_point now);
  void set_speed(double speed) { speed_ = speed > 0 ? speed : 1.0; }

  // A move was sent as the command with this reply id; report `target` until it settles.
  void expect(Micros target, Settle how, std::uint64_t reply_id, Clock::time_point now);
  // MPV_EVENT_COMMAND_REPLY; `ok` is false when mpv refused the command.
  void on_reply(std::uint64_t reply_id, bool ok, Clock::time_point now);
  void on_seek();                          // MPV_EVENT_SEEK
  void on_restart(Clock::time_point now);  // MPV_EVENT_PLAYBACK_RESTART
  // A new frame was drawn into the texture. mpv moves time-pos when it queues a frame,
  // a little before its video output draws it, so a frame-step ends only with this.
  void on_rendered();
  // A genuinely new video frame (not a redraw or repeat) is about to be drawn into the
  // texture; `target_us` is when mpv wants it shown (mpv_get_time_us clock; 0 if unknown).
  // Call before on_rendered().
  void on_new_frame(std::int64_t target_us);
  void cancel() { pending_.reset(); }      // the file failed: there is nothing to wait for
  // Ends a wait whose grace period is over; call once per UI frame.
  void tick(Clock::time_point now) { check(now); }

  bool settled() const { return !pending_; }
  const FrameRate& rate() const { return rate_; }
  // The index frames are mapped through: the file's, else mpv's constant rate.
  const FrameIndex& frames() const { return frames_; }
  std::optional<double> duration() const { return duration_; }
  bool paused() const { return paused_; }
  // The last frame of the file, from its index or its duration; nullopt while unknown.
  std::optional<std::int64_t> last_frame() const;
  // A frame index clamped to the file.
  std::int64_t clamp_frame(std::int64_t frame) const;

  // The frame on screen (the target while a move is pending); nullopt without a rate.
  std::optional<std::int64_t> frame() const;
  // The start time of that frame; without a rate, time-pos in microseconds.
  Micros position() const;

 private:
  struct Pending {
    Micros target = 0;
    Settle how = Settle::Seek;
    std::uint64_t reply_id = 0;
    Clock::time_point issued;
    std::optional<Clock::time_point> replied;    // mpv took the command
    bool seeked = false;                         // Seek: mpv ran it
    std::optional<Clock::time_point> restarted;  // Load, Seek: playback restarted after that
    bool reached = false;                        // NewFrame: time-pos is on the target
    bool drawn = false;                          // Seek: a frame was drawn after mpv ran it
  };
  std::optional<std::int64_t> target_frame() const;
  void check(Clock::time_point now);
  std::optional<std::int64_t> time_pos_frame() const;
  // Forgets the pending move; while playing, anchors the drawn-frame count at its target.
  void settle_pending();

  FrameRate rate_;
  FrameIndex frames_;
  bool own_index_ = false;  // frames_ is the file's index, not mpv's rate
  std::optional<double> duration_;
  std::optional<double> time_pos_;
  bool paused_ = true;
  double speed_ = 1.0;
  std::optional<Pending> pending_;
  // Playing: the frame in the texture, counted from an anchor; see the header comment.
  std::optional<std::int64_t> drawn_;
  std::optional<std::int64_t> drawn_target_us_;  // target time of the last frame counted
  bool next_is_anchor_ = false;  // the next new frame is drawn_ itself (the seek target)
};

}  // namespace attune
