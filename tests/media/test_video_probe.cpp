// apply_video: the one copy of a probed video into a recording (session create in the CLI
// and the window, relinking a moved video, the demo's video).
#include <doctest/doctest.h>

#include "media/video_probe.h"

using namespace attune;

TEST_CASE("apply_video copies the file's facts, and keeps the recording's rate and duration when the probe has none") {
  Recording r;
  r.id = 7;
  r.dyad = "D-1";
  r.fps = FrameRate{30000, 1001};
  r.duration = 90 * kMicrosPerSecond;
  VideoFacts unknown;  // no ffprobe: neither rate nor duration
  unknown.absolute_path = "/videos/a.mp4";
  unknown.size = 1234;
  unknown.hash = "sha256:ab";
  apply_video(r, unknown);
  CHECK(r.video_path == "/videos/a.mp4");
  CHECK(r.video_size == 1234);
  CHECK(r.video_hash == "sha256:ab");
  CHECK(r.fps == FrameRate{30000, 1001});
  CHECK(r.duration == 90 * kMicrosPerSecond);
  CHECK(r.id == 7);
  CHECK(r.dyad == "D-1");

  VideoFacts known = unknown;
  known.fps = FrameRate{25, 1};
  known.duration = 60 * kMicrosPerSecond;
  apply_video(r, known);
  CHECK(r.fps == FrameRate{25, 1});
  CHECK(r.duration == 60 * kMicrosPerSecond);
}
