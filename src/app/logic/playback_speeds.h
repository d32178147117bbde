#pragma once
// The playback speeds the window offers: the speed menu of the video pane lists them and the
// faster/slower keys step through them, so both always agree.
#include <array>
#include <iterator>

namespace attune {

inline constexpr std::array<double, 9> kPlaybackSpeeds = {0.25, 0.5, 0.75, 1.0, 1.25, 1.5, 2.0, 3.0, 4.0};

// The next offered speed above (direction > 0) or below `current`, held at the ends.
inline double next_speed(double current, int direction) {
  if (direction > 0) {
    for (double s : kPlaybackSpeeds)
      if (s > current + 1e-9) return s;
    return kPlaybackSpeeds.back();
  }
  for (auto it = kPlaybackSpeeds.rbegin(); it != kPlaybackSpeeds.rend(); ++it)
    if (*it < current - 1e-9) return *it;
  return kPlaybackSpeeds.front();
}

}  // namespace attune
