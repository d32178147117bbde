#pragma once
// Live observation without video: a pausable stopwatch behind the MediaClock interface.
#include <chrono>
#include <functional>

#include "media/clock.h"

namespace attune {

class Stopwatch : public MediaClock {
 public:
  using Now = std::function<std::chrono::steady_clock::time_point()>;
  explicit Stopwatch(Now now = [] { return std::chrono::steady_clock::now(); });

  bool update() override { return playing_; }
  Micros position() const override;
  std::optional<std::int64_t> frame() const override { return std::nullopt; }
  FrameRate fps() const override { return {}; }
  std::optional<Micros> duration() const override { return std::nullopt; }
  bool playing() const override { return playing_; }
  bool has_video() const override { return false; }
  void play() override;
  void pause() override;
  void seek(Micros t) override;
  void step_frames(int frames) override;  // ±1 s steps: a stopwatch has no frames
  double speed() const override { return 1.0; }
  void set_speed(double) override {}
  bool muted() const override { return true; }
  void set_muted(bool) override {}
  std::string error() const override { return ""; }

 private:
  Now now_;
  bool playing_ = false;
  Micros base_ = 0;  // position when last paused or seeked
  std::chrono::steady_clock::time_point started_;
};

}  // namespace attune
