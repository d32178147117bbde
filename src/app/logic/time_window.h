#pragma once
// The stretch of the recording a timeline shows, [t0, t1), and how it moves: zoom around a
// moment, pan, keep the playhead in view while playing. Plain data and arithmetic, no ImGui:
// the coding timeline and the comparison's stacked timelines share it.
#include "core/time.h"

namespace attune {

struct TimeWindow {
  static constexpr Micros kMinSpan = 10'000;                        // 10 ms across the track
  static constexpr Micros kMaxSpan = 48LL * 3600 * kMicrosPerSecond;  // two days

  Micros t0 = 0;
  Micros t1 = 60 * kMicrosPerSecond;

  Micros span() const { return t1 - t0; }
  // Shows [start, end), clamped to a sane zoom and to t0 >= 0.
  void set(Micros start, Micros end);
  // Multiplies the span by `factor`, keeping `anchor` at the same place on the track.
  void zoom(double factor, Micros anchor);
  // Moves the window to start at `start`, keeping its span.
  void pan_to(Micros start);
  // The mouse wheel over a timeline: vertical zooms around `anchor` (0.8x a notch), with
  // Shift or a horizontal wheel it pans a tenth of the span a notch. Whether it moved.
  bool wheel(float vertical, float horizontal, bool shift, Micros anchor);
  // While playing: scrolls once `now` passes 3/4 of the window, jumps when it left it.
  void follow(Micros now);
  void clamp();
};

}  // namespace attune
