#pragma once
// Finds a recording's video: at its stored path, or — when the file moved — by its content
// hash among same-sized files in a few likely folders. Also makes the demo video.
#include <optional>
#include <string>
#include <vector>

#include "core/event.h"

namespace attune {

// The stored path when it still holds the same content (size check only: hashing a large
// video at every open would be slow), else a file in `folders` with the same size and hash.
std::optional<std::string> locate_video(const Recording& recording, const std::vector<std::string>& folders);

// Runs the embedded samples/make-demo-video.sh to write `path`. Returns "" or one line of error.
std::string make_demo_video(const std::string& path);

}  // namespace attune
