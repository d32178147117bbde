#include "media/stopwatch.h"

#include <algorithm>

namespace attune {

Stopwatch::Stopwatch(Now now) : now_(std::move(now)) {}

Micros Stopwatch::position() const {
  if (!playing_) return base_;
  return base_ + std::chrono::duration_cast<std::chrono::microseconds>(now_() - started_).count();
}

void Stopwatch::play() {
  if (playing_) return;
  started_ = now_();
  playing_ = true;
}

void Stopwatch::pause() {
  if (!playing_) return;
  base_ = position();
  playing_ = false;
}

void Stopwatch::seek(Micros t) {
  base_ = std::max<Micros>(0, t);
  started_ = now_();
}

void Stopwatch::step_frames(int frames) { seek(position() + frames * kMicrosPerSecond); }

}  // namespace attune
