#include "core/frame_index.h"

#include <algorithm>
#include <cmath>
#include <numeric>

#include "core/error.h"

namespace attune {

namespace {
constexpr Micros kFallbackDuration = kMicrosPerSecond / 30;  // a one-frame table has no duration
}

FrameIndex FrameIndex::from_times(std::vector<Micros> starts, Micros variable_over) {
  if (starts.empty()) throw Error(ErrorKind::InvalidInput, "a frame index needs at least one frame");
  if (starts.front() < 0) throw Error(ErrorKind::InvalidInput, "a frame index cannot start before 0 s");
  Micros shortest = 0, longest = 0;
  for (std::size_t i = 1; i < starts.size(); ++i) {
    const Micros d = starts[i] - starts[i - 1];
    if (d <= 0)
      throw Error(ErrorKind::InvalidInput, "frame " + std::to_string(i) + " of the index does not start after frame " +
                                               std::to_string(i - 1));
    shortest = i == 1 ? d : std::min(shortest, d);
    longest = std::max(longest, d);
  }
  FrameIndex index;
  if (starts.size() > 1) {
    // Average rate: (n - 1) frames over the span of their start times.
    std::int64_t num = static_cast<std::int64_t>(starts.size() - 1) * kMicrosPerSecond;
    std::int64_t den = starts.back() - starts.front();
    const std::int64_t divisor = std::gcd(num, den);
    index.rate_ = {num / divisor, den / divisor};
  }
  // Durations at the ends are not compared: the first and last frames of a file are often
  // cut by its edit list, which is not a variable rate.
  Micros inner_shortest = shortest, inner_longest = longest;
  if (starts.size() > 3) {
    inner_shortest = inner_longest = starts[2] - starts[1];
    for (std::size_t i = 2; i + 1 < starts.size(); ++i) {
      const Micros d = starts[i] - starts[i - 1];
      inner_shortest = std::min(inner_shortest, d);
      inner_longest = std::max(inner_longest, d);
    }
  }
  index.variable_ = inner_longest - inner_shortest > variable_over;
  index.table_ = std::make_shared<const std::vector<Micros>>(std::move(starts));
  return index;
}

std::optional<std::int64_t> FrameIndex::count() const {
  if (!table_) return std::nullopt;
  return static_cast<std::int64_t>(table_->size());
}

std::span<const Micros> FrameIndex::times() const {
  if (!table_) return {};
  return *table_;
}

Micros FrameIndex::frame_duration(std::int64_t frame) const {
  if (!table_) return rate_.valid() ? frame_start(frame + 1) - frame_start(frame) : 0;
  const std::vector<Micros>& t = *table_;
  const auto n = static_cast<std::int64_t>(t.size());
  if (n == 1) return kFallbackDuration;
  if (frame < 0) return t[1] - t[0];
  if (frame >= n - 1) return t[static_cast<std::size_t>(n - 1)] - t[static_cast<std::size_t>(n - 2)];
  return t[static_cast<std::size_t>(frame + 1)] - t[static_cast<std::size_t>(frame)];
}

std::int64_t FrameIndex::frame_at(Micros t) const {
  if (!table_) return attune::frame_at(t, rate_);
  const std::vector<Micros>& starts = *table_;
  if (t < starts.front()) return 0;
  const auto n = static_cast<std::int64_t>(starts.size());
  if (t >= starts.back()) {  // past the last start: the last frame's duration continues
    const Micros d = frame_duration(n - 1);
    return n - 1 + (t - starts.back()) / d;
  }
  // The last start <= t.
  const auto after = std::upper_bound(starts.begin(), starts.end(), t);
  return static_cast<std::int64_t>(after - starts.begin()) - 1;
}

Micros FrameIndex::frame_start(std::int64_t frame) const {
  if (!table_) return attune::frame_start(frame, rate_);
  const std::vector<Micros>& starts = *table_;
  const auto n = static_cast<std::int64_t>(starts.size());
  if (frame < 0) return starts.front() + frame * frame_duration(-1);
  if (frame >= n) return starts.back() + (frame - n + 1) * frame_duration(n - 1);
  return starts[static_cast<std::size_t>(frame)];
}

std::int64_t FrameIndex::nearest_frame(double seconds) const {
  if (!valid() || !std::isfinite(seconds)) return 0;
  const Micros t = std::llround(seconds * 1e6);
  const std::int64_t k = std::max<std::int64_t>(0, frame_at(t));
  const Micros here = frame_start(k), next = frame_start(k + 1);
  return (next - t < t - here) ? k + 1 : k;
}

bool FrameIndex::operator==(const FrameIndex& other) const {
  if (rate_ != other.rate_ || variable_ != other.variable_ || has_table() != other.has_table()) return false;
  return !table_ || table_ == other.table_ || *table_ == *other.table_;
}

}  // namespace attune
