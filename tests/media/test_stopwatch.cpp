#include <doctest/doctest.h>

#include "media/stopwatch.h"

using namespace attune;
using namespace std::chrono;

TEST_CASE("the stopwatch runs, pauses and seeks on an injected clock") {
  steady_clock::time_point now{};
  Stopwatch watch([&] { return now; });
  CHECK(watch.position() == 0);
  CHECK_FALSE(watch.playing());
  now += seconds(5);
  CHECK(watch.position() == 0);  // paused: time does not move
  watch.play();
  now += milliseconds(1500);
  CHECK(watch.position() == 1'500'000);
  watch.pause();
  now += seconds(10);
  CHECK(watch.position() == 1'500'000);
  watch.play();
  now += microseconds(250);
  CHECK(watch.position() == 1'500'250);
  watch.seek(60'000'000);
  now += seconds(1);
  CHECK(watch.position() == 61'000'000);
  watch.pause();
  watch.step_frames(-1);
  CHECK(watch.position() == 60'000'000);
  watch.seek(-5);
  CHECK(watch.position() == 0);
  CHECK_FALSE(watch.has_video());
  CHECK_FALSE(watch.frame());
}
