#pragma once
// What Attune records about a video file: absolute path, size, SHA-256 of the content
// (so a moved file can be found again), and frame rate and duration read with ffprobe
// when it is installed.
#include <optional>
#include <string>

#include "core/event.h"
#include "core/time.h"

namespace attune {

struct VideoFacts {
  std::string absolute_path;
  std::int64_t size = 0;
  std::string hash;  // "sha256:<hex>"
  FrameRate fps;     // invalid when unknown
  std::optional<Micros> duration;
};

// Throws Error(InvalidInput) when the file cannot be read, and, when ffprobe is installed,
// when it is not a video ("X is not a video Attune can play (no video stream found)": a
// document, a sound file, a still image).
VideoFacts probe_video(const std::string& path);

// The one copy of a probed video into a recording: path, size and hash always; the frame
// rate and duration when the probe found them (otherwise the recording keeps its own, e.g.
// typed in or read earlier).
void apply_video(Recording& recording, const VideoFacts& video);

}  // namespace attune
