#pragma once
// Shared by the end-to-end tests: a hidden GL window, clips whose frames encode their own
// index in luma (made by ffmpeg at test time), bounded pumping of an MpvPlayer, and reading
// the frame index back from the player's TEXTURE, so "the frame on screen" is what tests
// compare, not what mpv says about itself.
// Needs a display: CI runs ctest under xvfb-run -a -s "-screen 0 1920x1080x24".
#include <chrono>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>

#include "core/frame_index.h"
#include "core/time.h"
#include "media/mpv_player.h"

namespace attune::e2e {

using SteadyClock = std::chrono::steady_clock;

// Opens the hidden GLFW 3.3 core window once per process (its context stays current);
// fails the calling test with one clear line when there is no display.
void require_window();

// A private temporary folder for clips and databases, removed when the process ends.
std::filesystem::path work_dir();
// A new empty folder inside work_dir().
std::filesystem::path fresh_dir(const std::string& prefix);

struct Clip {
  std::string path;
  FrameRate rate;        // the container's (mpv's fps()); for a VFR clip only an average
  FrameIndex index;      // every frame's time: the rate, or the file's index for a VFR clip
  std::int64_t frames = 0;
  bool variable() const { return index.variable(); }
};

// A 6 s clip at `rate` ("25", "30000/1001") whose frame N has luma 16 + 14*(N mod 16) in its
// left half and 16 + 14*floor(N/16) in its right half, and N in small print at the top for
// people. Made once per rate and process.
const Clip& clip(const std::string& rate);
// A variable-rate clip with the same luma code: 2 s at 30 fps, 2 s at 24, 2 s at 15 (138
// frames; tests/media/vfr_clip.h), with its index read from the file (read_frame_index).
const Clip& vfr_clip();

// The player of `c` (no audio: docs/architecture.md, libmpv), loaded and settled on frame 0; a VFR
// clip's player is given the clip's index, as the app gives it the file's.
std::unique_ptr<MpvPlayer> open_clip(const Clip& c);

// One UI frame: sleep until mpv wakes us (or 5 ms), then drain events and draw.
void pump(MpvPlayer& player);

// Pumps until the seek or step in flight has settled and mpv has stopped delivering new
// frames for a moment. Bounded: returns false after `limit` (at most 3 s in these tests).
// When a move was in flight, the frame in the texture at the moment it settled is kept in
// `at_settle`: the player promises that frame() is on screen from that moment.
bool settle(MpvPlayer& player, std::optional<std::int64_t>* at_settle = nullptr,
            SteadyClock::duration limit = std::chrono::seconds(3));

// Reads the frame index back from the texture: the mean luma of a block in each half.
std::int64_t frame_in_texture(const MediaClock& clock);

// The player agrees with itself and with the picture: settled on frame k.
void check_on(const MpvPlayer& player, std::int64_t k);

}  // namespace attune::e2e
