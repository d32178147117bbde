// The frame index read from a container (libavformat, no decoding) against ffprobe's list of
// decoded frame times, and its cache beside the database. Clips are made with ffmpeg here.
#include <doctest/doctest.h>

#include <sys/stat.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <functional>
#include <iterator>
#include <memory>
#include <sstream>
#include <string>
#include <vector>

#include "core/error.h"
#include "media/frame_index_reader.h"
#include "vfr_clip.h"

using namespace attune;
namespace fs = std::filesystem;

namespace {

fs::path temp_folder() {
  struct Dir {
    fs::path path;
    Dir() {
      std::string pattern = (fs::temp_directory_path() / "attune-index-XXXXXX").string();
      if (mkdtemp(pattern.data())) path = pattern;
    }
    ~Dir() {
      std::error_code ec;
      if (!path.empty()) fs::remove_all(path, ec);
    }
  };
  static const Dir dir;
  REQUIRE(!dir.path.empty());
  return dir.path;
}

const std::string& vfr_clip() {
  static std::string path;
  if (path.empty()) {
    const std::string target = (temp_folder() / "vfr.mp4").string();
    bool ok = false;
    const std::string command = test::make_vfr_clip(target, ok);
    REQUIRE_MESSAGE(ok, "ffmpeg failed: " << command);
    path = target;
  }
  return path;
}

const std::string& cfr_clip() {
  static std::string path;
  if (path.empty()) {
    const std::string target = (temp_folder() / "cfr.mp4").string();
    const std::string command = "ffmpeg -nostdin -v error -y -f lavfi -i testsrc=duration=4:size=160x120:rate=25 "
                                "-c:v libx264 -preset veryfast -pix_fmt yuv420p '" + target + "'";
    REQUIRE_MESSAGE(std::system(command.c_str()) == 0, "ffmpeg failed: " << command);
    path = target;
  }
  return path;
}

std::string run(const std::string& command) {
  std::unique_ptr<FILE, int (*)(FILE*)> pipe(popen(command.c_str(), "r"), pclose);
  REQUIRE(pipe);
  std::string out;
  char buffer[4096];
  while (std::size_t n = std::fread(buffer, 1, sizeof buffer, pipe.get())) out.append(buffer, n);
  return out;
}

// ffprobe's decoded frames' pts_time, less the file's start_time, in microseconds.
std::vector<Micros> ffprobe_times(const std::string& path) {
  const std::string start =
      run("ffprobe -v error -show_entries format=start_time -of default=nw=1:nk=1 '" + path + "'");
  const std::string frames =
      run("ffprobe -v error -select_streams v:0 -show_entries frame=pts_time -of default=nw=1:nk=1 '" + path + "'");
  const Micros origin = parse_seconds(start.substr(0, start.find_first_of("\r\n")));
  std::vector<Micros> times;
  std::istringstream lines(frames);
  for (std::string line; std::getline(lines, line);)
    if (!line.empty()) times.push_back(parse_seconds(line) - origin);  // ffprobe prints 6 decimals
  return times;
}

std::string sha_of(char c) { return "sha256:" + std::string(64, c); }

}  // namespace

TEST_CASE("the frame index of a variable-rate file is ffprobe's list of frame times") {
  const std::string& clip = vfr_clip();
  const std::vector<Micros> reference = ffprobe_times(clip);
  REQUIRE(reference.size() == test::kVfrFrames);
  const FrameIndex index = read_frame_index(clip);
  REQUIRE(index.count() == test::kVfrFrames);
  CHECK(index.variable());
  for (std::size_t k = 0; k < reference.size(); ++k) {
    CAPTURE(k);
    const Micros ours = index.times()[k];
    // ffprobe prints pts_time rounded to 6 decimals; ours is the exact time rounded: equal.
    CHECK(ours == reference[k]);
  }
  // The segments: 60 frames 1/30 s apart, 48 at 1/24 s, 30 at 1/15 s.
  CHECK(index.frame_start(1) == 33'333);
  CHECK(index.frame_start(60) == 2'000'000);
  CHECK(index.frame_start(61) == 2'041'667);
  CHECK(index.frame_start(108) == 4'000'000);
  CHECK(index.frame_start(109) == 4'066'667);
  CHECK(index.frame_at(4'066'666) == 108);
  // The average rate (what the app took as constant before) puts 3.5 s at another frame.
  CHECK(index.frame_at(3'500'000) == 96);
  CHECK(frame_at(3'500'000, index.rate()) != 96);
}

TEST_CASE("the frame index of a constant-rate file is that rate") {
  const FrameIndex index = read_frame_index(cfr_clip());
  REQUIRE(index.count() == 100);
  CHECK_FALSE(index.variable());
  for (std::int64_t k = 0; k < 100; ++k) REQUIRE(index.frame_start(k) == frame_start(k, {25, 1}));
  CHECK(ffprobe_times(cfr_clip()) == std::vector<Micros>(index.times().begin(), index.times().end()));
}

TEST_CASE("a file that is not a video is one clear error") {
  const fs::path text = temp_folder() / "not-a-video.mp4";
  std::ofstream(text) << "hello\n";
  try {
    read_frame_index(text.string());
    FAIL("no error");
  } catch (const Error& e) {
    CHECK(e.kind() == ErrorKind::InvalidInput);
    CHECK(std::string(e.what()).find("cannot index the frames of") == 0);
  }
  CHECK_THROWS_AS(read_frame_index((temp_folder() / "missing.mp4").string()), Error);
}

TEST_CASE("the frame index cache: a hit, a corrupt file rebuilt, another hash or size missed") {
  const std::string& clip = vfr_clip();
  const fs::path folder = temp_folder() / "db" / "frame-index";
  CHECK(frame_index_folder((temp_folder() / "db" / "attune.db").string()) == folder);
  const std::string hash = sha_of('a');
  const auto size = static_cast<std::int64_t>(fs::file_size(clip));

  const CachedFrameIndex first = frame_index_for(clip, hash, folder);
  CHECK_FALSE(first.from_cache);
  const fs::path file = folder / (std::string(64, 'a') + ".idx");
  REQUIRE(fs::exists(file));
  CHECK((fs::status(file).permissions() & fs::perms::all) == (fs::perms::owner_read | fs::perms::owner_write));
  CHECK((fs::status(folder).permissions() & fs::perms::all) == fs::perms::owner_all);
  CHECK(fs::file_size(file) == 8 + 8 + 64 + 8 + 8 + 8 * test::kVfrFrames + 8);

  const CachedFrameIndex second = frame_index_for(clip, hash, folder);
  CHECK(second.from_cache);
  CHECK(second.index == first.index);
  CHECK(second.index.variable());

  // Another video's hash or another size: not this file's index.
  CHECK_FALSE(load_cached_frame_index(folder, sha_of('b'), size));
  CHECK_FALSE(load_cached_frame_index(folder, hash, size + 1));
  const CachedFrameIndex other = frame_index_for(clip, sha_of('b'), folder);
  CHECK_FALSE(other.from_cache);
  CHECK(fs::exists(folder / (std::string(64, 'b') + ".idx")));

  // Corrupt files are ignored and rebuilt: a flipped time, a cut tail, garbage, times out of
  // order with a matching checksum would need a forger; names that are not a hash are refused.
  auto corrupt = [&](const std::function<void(std::string&)>& damage) {
    std::ifstream in(file, std::ios::binary);
    std::string bytes((std::istreambuf_iterator<char>(in)), {});
    in.close();
    damage(bytes);
    std::ofstream(file, std::ios::binary | std::ios::trunc) << bytes;
    CHECK_FALSE(load_cached_frame_index(folder, hash, size));
    const CachedFrameIndex rebuilt = frame_index_for(clip, hash, folder);
    CHECK_FALSE(rebuilt.from_cache);
    CHECK(rebuilt.index == first.index);
    CHECK(load_cached_frame_index(folder, hash, size).has_value());  // and written again
  };
  corrupt([](std::string& b) { b[8 + 8 + 64 + 8 + 8 + 8 * 5 + 1] ^= 0x10; });
  corrupt([](std::string& b) { b.resize(b.size() - 9); });
  corrupt([](std::string& b) { b = "not an index"; });
  corrupt([](std::string& b) { b.clear(); });
  corrupt([](std::string& b) { b[0] = 'X'; });
  CHECK_FALSE(load_cached_frame_index(folder, "sha256:../../etc/passwd", size));
  CHECK_THROWS_AS(store_cached_frame_index(folder, "md5:abc", size, first.index), Error);
  // Without a usable hash the index is still read, just not cached.
  CHECK_FALSE(frame_index_for(clip, "", folder).from_cache);
}
