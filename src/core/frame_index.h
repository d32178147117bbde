#pragma once
// The frames of one video on the time axis: either a constant rational rate, or the table
// of every frame's start time read from the file's own timestamps (variable-frame-rate
// phone recordings need the table: their average rate puts frame 566 at the picture of 585).
// Every time <-> frame mapping in Attune goes through this type, by the one rounding rule of
// core/time.h: a frame's time is its presentation time rounded to the nearest microsecond,
// and the frame at time t is the last frame whose time is <= t, so
// frame_at(frame_start(k)) == k. A cheap value: copies share the table.
#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <vector>

#include "core/time.h"

namespace attune {

class FrameIndex {
 public:
  FrameIndex() = default;  // no frames known: valid() is false
  explicit FrameIndex(FrameRate rate) : rate_(rate) {}
  // The table of frame start times, in display order. Throws Error(InvalidInput) unless it
  // is non-empty, starts at >= 0 and strictly increases. `variable_over`: frame durations
  // that differ by more than this many microseconds make the video variable-rate (the
  // container's timestamp rounding is not variation); the last frame's duration is unknown.
  static FrameIndex from_times(std::vector<Micros> starts, Micros variable_over = 2);

  bool valid() const { return table_ || rate_.valid(); }
  bool has_table() const { return table_ != nullptr; }
  // Frame durations differ beyond rounding (only a table can say so).
  bool variable() const { return variable_; }
  // The constant rate, or a table's average rate (frames over the span of their times).
  FrameRate rate() const { return rate_; }
  // The number of frames, when a table says so.
  std::optional<std::int64_t> count() const;
  std::span<const Micros> times() const;

  // The frame on screen at t: the last frame whose start is <= t (0 before the first one;
  // past a table's end, frames continue at the last frame's duration). O(log n).
  std::int64_t frame_at(Micros t) const;
  // The start of frame k (beyond a table's ends, extrapolated at the first or last duration).
  Micros frame_start(std::int64_t frame) const;
  // The frame whose start is nearest to `seconds` (a player's time-pos, which carries its
  // own floating-point rounding).
  std::int64_t nearest_frame(double seconds) const;
  // How long frame k is on screen (the next start minus its own); 0 without frames.
  Micros frame_duration(std::int64_t frame) const;

  bool operator==(const FrameIndex& other) const;

 private:
  FrameRate rate_;
  std::shared_ptr<const std::vector<Micros>> table_;
  bool variable_ = false;
};

}  // namespace attune
