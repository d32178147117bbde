#include "media/video_probe.h"

#include <fcntl.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <array>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <memory>
#include <vector>

#include <openssl/evp.h>

#include "core/error.h"

extern char** environ;

namespace attune {

namespace {

std::string sha256_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw Error(ErrorKind::InvalidInput, "cannot read video " + path);
  std::unique_ptr<EVP_MD_CTX, decltype(&EVP_MD_CTX_free)> ctx(EVP_MD_CTX_new(), EVP_MD_CTX_free);
  EVP_DigestInit_ex(ctx.get(), EVP_sha256(), nullptr);
  std::vector<char> buffer(1 << 20);
  while (in) {
    in.read(buffer.data(), static_cast<std::streamsize>(buffer.size()));
    if (in.gcount() > 0) EVP_DigestUpdate(ctx.get(), buffer.data(), static_cast<std::size_t>(in.gcount()));
  }
  if (in.bad()) throw Error(ErrorKind::InvalidInput, "cannot read video " + path);
  std::array<unsigned char, EVP_MAX_MD_SIZE> digest{};
  unsigned int length = 0;
  EVP_DigestFinal_ex(ctx.get(), digest.data(), &length);
  std::string hex = "sha256:";
  static const char* digits = "0123456789abcdef";
  for (unsigned int i = 0; i < length; ++i) {
    hex += digits[digest[i] >> 4];
    hex += digits[digest[i] & 15];
  }
  return hex;
}

struct Probe {
  bool ran = false;  // false: ffprobe is not installed (or could not start)
  bool ok = false;   // ffprobe read the file as media
  std::string output;
};

// Runs ffprobe without a shell (the path is passed as one argv entry).
Probe run_ffprobe(const std::string& path) {
  int fds[2];
  if (pipe(fds) != 0) return {};
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_adddup2(&actions, fds[1], STDOUT_FILENO);
  posix_spawn_file_actions_addclose(&actions, fds[0]);
  posix_spawn_file_actions_addopen(&actions, STDERR_FILENO, "/dev/null", O_WRONLY, 0);
  std::vector<std::string> args = {"ffprobe", "-v", "error", "-select_streams", "v:0", "-show_entries",
                                   "stream=codec_type,avg_frame_rate,r_frame_rate:format=duration,format_name", "-of",
                                   "default=noprint_wrappers=1", "--", path};
  std::vector<char*> argv;
  for (auto& a : args) argv.push_back(a.data());
  argv.push_back(nullptr);
  pid_t pid = 0;
  const int spawned = posix_spawnp(&pid, "ffprobe", &actions, nullptr, argv.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  close(fds[1]);
  std::string output;
  if (spawned == 0) {
    char buffer[4096];
    ssize_t n;
    while ((n = read(fds[0], buffer, sizeof buffer)) > 0) output.append(buffer, static_cast<std::size_t>(n));
  }
  close(fds[0]);
  if (spawned != 0) return {};
  int status = 0;
  waitpid(pid, &status, 0);
  // 127: the shell convention posix_spawnp's child uses when exec fails.
  if (WIFEXITED(status) && WEXITSTATUS(status) == 127) return {};
  return Probe{true, WIFEXITED(status) && WEXITSTATUS(status) == 0, std::move(output)};
}

std::string value_of(const std::string& output, const std::string& key) {
  const std::string prefix = key + "=";
  std::size_t pos = output.find(prefix);
  if (pos == std::string::npos) return "";
  pos += prefix.size();
  return output.substr(pos, output.find('\n', pos) - pos);
}

}  // namespace

VideoFacts probe_video(const std::string& path) {
  std::error_code ec;
  if (!std::filesystem::is_regular_file(path, ec))
    throw Error(ErrorKind::InvalidInput, "video " + path + " is not a readable file");
  VideoFacts facts;
  facts.absolute_path = std::filesystem::absolute(path).lexically_normal().string();
  facts.size = static_cast<std::int64_t>(std::filesystem::file_size(path));
  facts.hash = sha256_file(path);
  const Probe probe = run_ffprobe(facts.absolute_path);
  if (probe.ran) {
    // Coding against a file with no picture would stamp every code at 0: refuse it here.
    const std::string name = std::filesystem::path(path).filename().string();
    const std::string format = value_of(probe.output, "format_name");
    if (!probe.ok || value_of(probe.output, "codec_type") != "video")
      throw Error(ErrorKind::InvalidInput, name + " is not a video Attune can play (no video stream found)");
    if ((format.ends_with("_pipe") || format == "image2") && value_of(probe.output, "duration") == "N/A")
      throw Error(ErrorKind::InvalidInput, name + " is not a video Attune can play (it is a still image)");
    const std::string* probed = &probe.output;
    for (const char* key : {"avg_frame_rate", "r_frame_rate"}) {
      try {
        facts.fps = parse_frame_rate(value_of(*probed, key));
        break;
      } catch (const Error&) {
      }
    }
    const std::string duration = value_of(*probed, "duration");
    try {
      // ffprobe prints more decimals than we keep: cut to microseconds.
      const auto dot = duration.find('.');
      facts.duration = parse_seconds(dot == std::string::npos ? duration : duration.substr(0, dot + 7));
    } catch (const Error&) {
    }
  }
  return facts;
}

void apply_video(Recording& recording, const VideoFacts& video) {
  recording.video_path = video.absolute_path;
  recording.video_size = video.size;
  recording.video_hash = video.hash;
  if (video.fps.valid()) recording.fps = video.fps;
  if (video.duration) recording.duration = video.duration;
}

}  // namespace attune
