#include "media/frame_tracker.h"

#include <algorithm>
#include <cmath>
#include <numeric>

namespace attune {

FrameRate rate_from_fps(double fps) {
  if (!std::isfinite(fps) || fps <= 0 || fps > 1e6) return {};
  // 29.97002997… * 1.001 is 30 to within mpv's printing precision.
  const double ntsc = fps * 1.001;
  const long long n = std::llround(ntsc);
  const bool integral = std::abs(fps - std::round(fps)) < 0.0005;
  if (!integral && n > 0 && std::abs(ntsc - static_cast<double>(n)) < 0.002) return {n * 1000, 1001};
  if (integral) return {std::llround(fps), 1};
  const std::int64_t thousandths = std::llround(fps * 1000);
  const std::int64_t divisor = std::gcd(thousandths, std::int64_t{1000});
  return {thousandths / divisor, 1000 / divisor};
}

void FrameTracker::set_rate(const FrameRate& rate) {
  rate_ = rate;
  if (!own_index_) frames_ = FrameIndex(rate);
}

void FrameTracker::set_index(FrameIndex index) {
  if (!index.valid()) return;
  frames_ = std::move(index);
  own_index_ = true;
}

void FrameTracker::set_paused(bool paused, Clock::time_point now) {
  if (paused_ && !paused) {  // play starts from the frame on screen; the next one drawn is +1
    drawn_ = frame();
    drawn_target_us_.reset();
    next_is_anchor_ = false;
  }
  paused_ = paused;
  check(now);
}

void FrameTracker::set_time_pos(std::optional<double> seconds, Clock::time_point now) {
  time_pos_ = seconds;
  check(now);
}

void FrameTracker::expect(Micros target, Settle how, std::uint64_t reply_id, Clock::time_point now) {
  // A newer move replaces the older one: mpv coalesces queued seeks, so only the last counts.
  pending_ = Pending{.target = target, .how = how, .reply_id = reply_id, .issued = now};
}

void FrameTracker::on_reply(std::uint64_t reply_id, bool ok, Clock::time_point now) {
  if (!pending_ || pending_->reply_id != reply_id) return;
  if (!ok) {  // refused: nothing will move
    pending_.reset();
    return;
  }
  pending_->replied = now;
  check(now);
}

void FrameTracker::on_seek() {
  // Events arrive in order: a seek that ran before our reply was an older one.
  if (pending_ && pending_->replied && pending_->how == Settle::Seek) pending_->seeked = true;
}

void FrameTracker::on_restart(Clock::time_point now) {
  if (!pending_ || !pending_->replied || pending_->restarted) return;
  if (pending_->how == Settle::NewFrame || (pending_->how == Settle::Seek && !pending_->seeked)) return;
  pending_->restarted = now;
  check(now);
}

void FrameTracker::on_rendered() {
  if (!pending_ || pending_->how != Settle::NewFrame || !pending_->reached) return;
  settle_pending();  // the frame drawn after time-pos reached the target is the target
}

void FrameTracker::on_new_frame(std::int64_t target_us) {
  const std::optional<std::int64_t> previous_us = drawn_target_us_;
  drawn_target_us_ = target_us;
  if (pending_ && pending_->how == Settle::Seek && pending_->seeked && !pending_->drawn) {
    pending_->drawn = true;  // the first frame after mpv ran the seek is its target
    drawn_ = target_frame();
    next_is_anchor_ = false;
    return;
  }
  if (!drawn_) {
    drawn_ = time_pos_frame();
    return;
  }
  if (next_is_anchor_) {  // a seek settled before its frame was drawn: this is that frame
    next_is_anchor_ = false;
    return;
  }
  // The next frame is due one frame duration (at this speed) later; two across a frame mpv
  // dropped. Durations come from the index, so a variable-rate file counts right too.
  std::int64_t step = 1;
  if (previous_us && *previous_us > 0 && target_us > 0 && frames_.valid()) {
    const double elapsed = static_cast<double>(target_us - *previous_us) * speed_;
    if (std::isfinite(elapsed) && elapsed > 0) {
      const Micros due = frames_.frame_start(*drawn_) + std::llround(elapsed);
      step = std::max<std::int64_t>(1, frames_.frame_at(due + frames_.frame_duration(*drawn_) / 2) - *drawn_);
    }
  }
  *drawn_ += step;
  // A safety net: mpv queues at most a frame or two ahead, so a count far from time-pos
  // went wrong somewhere (e.g. a missed anchor); follow time-pos again.
  if (!paused_ && !pending_) {
    if (const auto queued = time_pos_frame(); queued && (*drawn_ > *queued + 2 || *drawn_ < *queued - 3))
      drawn_ = queued;
  }
}

void FrameTracker::settle_pending() {
  if (!pending_) return;
  if (!paused_ && !pending_->drawn && frames_.valid()) {
    // Playing on from the target: it is on screen (a step) or is the next frame drawn (a seek).
    drawn_ = target_frame();
    drawn_target_us_.reset();
    next_is_anchor_ = pending_->how != Settle::NewFrame;
  }
  pending_.reset();
}

std::optional<std::int64_t> FrameTracker::time_pos_frame() const {
  if (!time_pos_ || !frames_.valid()) return std::nullopt;
  return frames_.nearest_frame(*time_pos_);
}

std::optional<std::int64_t> FrameTracker::last_frame() const {
  if (const auto count = frames_.count()) return *count - 1;
  if (!frames_.valid() || !duration_ || !(*duration_ > 0)) return std::nullopt;
  return std::max<std::int64_t>(0, frames_.nearest_frame(*duration_) - 1);
}

std::int64_t FrameTracker::clamp_frame(std::int64_t frame) const {
  if (auto last = last_frame()) frame = std::min(frame, *last);
  return std::max<std::int64_t>(0, frame);
}

std::optional<std::int64_t> FrameTracker::target_frame() const {
  if (!pending_ || !frames_.valid()) return std::nullopt;
  return clamp_frame(frames_.frame_at(pending_->target));
}

std::optional<std::int64_t> FrameTracker::frame() const {
  if (!frames_.valid()) return std::nullopt;
  if (pending_) return target_frame();
  if (!paused_ && drawn_) return clamp_frame(*drawn_);  // playing: the frame in the texture
  return clamp_frame(time_pos_frame().value_or(0));
}

Micros FrameTracker::position() const {
  if (auto f = frame()) return frames_.frame_start(*f);
  if (pending_) return std::max<Micros>(0, pending_->target);
  return time_pos_ ? std::max<Micros>(0, std::llround(*time_pos_ * 1e6)) : 0;
}

void FrameTracker::check(Clock::time_point now) {
  if (!pending_) return;
  const Pending& p = *pending_;
  if (!p.replied) {
    if (now - p.issued >= kGiveUp) pending_.reset();
    return;
  }
  Clock::time_point since = *p.replied;
  if (p.how != Settle::NewFrame) {
    if (!p.restarted) {
      if (now - *p.replied >= kGiveUp) pending_.reset();
      return;
    }
    since = *p.restarted;
    // Playing on after the seek: time-pos moves anyway, so follow it at once. (Not for a
    // frame-step, which unpauses mpv for one frame.)
    if (!paused_) {
      settle_pending();
      return;
    }
  }
  const bool reached = time_pos_ && frames_.valid() && clamp_frame(frames_.nearest_frame(*time_pos_)) == target_frame();
  if (p.how == Settle::NewFrame && reached) {
    pending_->reached = true;  // now wait for the texture (on_rendered)
    if (now - since < kGrace) return;
  }
  if (reached || !frames_.valid() || now - since >= kGrace) settle_pending();
}

}  // namespace attune
