#pragma once
// A video's frame index from the container's own timestamps: libavformat demuxes every
// packet of the video stream (no decoding) and sorts their presentation times (B-frames
// arrive out of order). Times are relative to the file's start, as the player shows them
// (mpv rebases its time-pos on the same start), rounded to the nearest microsecond.
//
// The index is cached beside the database, one file per video content hash
// (<db folder>/frame-index/<sha256 hex>.idx, 0600, written to a temporary file and renamed).
// A cache file is untrusted input: it is checked in full when read and rebuilt when bad.
// No mpv, no GL: attune-cli and the tests use it too.
#include <filesystem>
#include <optional>
#include <string>

#include "core/event.h"
#include "core/frame_index.h"

namespace attune {

// Reads the index of `path`. Throws Error(InvalidInput) with one line when the file cannot
// be opened or has no video stream or no frames.
FrameIndex read_frame_index(const std::string& path);

// The cache folder of a database: <folder of db_path>/frame-index.
std::filesystem::path frame_index_folder(const std::string& db_path);

// The cached index of the video whose content hash is `hash` ("sha256:<hex>" as VideoFacts
// and Recording spell it) and whose size is `video_size`; nullopt when there is none or it
// is unusable (wrong magic, version, hash or size, truncated, checksum, unordered times).
std::optional<FrameIndex> load_cached_frame_index(const std::filesystem::path& folder, const std::string& hash,
                                                  std::int64_t video_size);
// Writes it atomically (temporary file, fsync, rename; folder 0700, file 0600). Throws
// Error(Storage) when it cannot; an unusable hash (not sha256 hex) is refused as InvalidInput.
void store_cached_frame_index(const std::filesystem::path& folder, const std::string& hash, std::int64_t video_size,
                              const FrameIndex& index);

struct CachedFrameIndex {
  FrameIndex index;
  bool from_cache = false;  // false: read from the video (and cached when it could be)
};
// The index of the video at `path` whose content hash is `hash`: the cached one when usable
// (same hash, same size as the file now), else read from the file and cached. Without a
// usable hash nothing is cached. Throws like read_frame_index. A cache that cannot be
// written is not an error: the index is still returned.
CachedFrameIndex frame_index_for(const std::string& path, const std::string& hash, const std::filesystem::path& folder);

}  // namespace attune

namespace attune {

// A recording's index where one can do without it (exports, attune-cli): frame_index_for
// when its video file is there and readable, else an invalid FrameIndex. Never throws.
FrameIndex recording_frame_index(const Recording& recording, const std::filesystem::path& folder);

}  // namespace attune
