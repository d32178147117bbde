#include "app/logic/video_locator.h"

#include <spawn.h>
#include <sys/wait.h>

#include <filesystem>

#include "core/embedded.h"
#include "core/error.h"
#include "media/video_probe.h"

extern char** environ;

namespace attune {

namespace fs = std::filesystem;

std::optional<std::string> locate_video(const Recording& recording, const std::vector<std::string>& folders) {
  if (recording.video_path.empty()) return std::nullopt;
  std::error_code ec;
  if (fs::is_regular_file(recording.video_path, ec) &&
      (!recording.video_size || static_cast<std::int64_t>(fs::file_size(recording.video_path, ec)) == *recording.video_size))
    return recording.video_path;
  if (!recording.video_size || recording.video_hash.empty()) return std::nullopt;
  for (const std::string& folder : folders) {
    for (const auto& entry : fs::directory_iterator(folder, ec)) {
      if (!entry.is_regular_file(ec) || static_cast<std::int64_t>(entry.file_size(ec)) != *recording.video_size)
        continue;
      try {
        if (probe_video(entry.path().string()).hash == recording.video_hash) return entry.path().string();
      } catch (const Error&) {
      }
    }
  }
  return std::nullopt;
}

std::string make_demo_video(const std::string& path) {
  const std::string script(embedded_file("samples/make-demo-video.sh"));
  if (script.empty()) return "this build has no demo video script";
  std::vector<std::string> args = {"/bin/sh", "-c", script, "make-demo-video", path};
  std::vector<char*> argv;
  for (auto& a : args) argv.push_back(a.data());
  argv.push_back(nullptr);
  pid_t pid = 0;
  if (posix_spawn(&pid, "/bin/sh", nullptr, nullptr, argv.data(), environ) != 0) return "cannot run /bin/sh";
  int status = 0;
  waitpid(pid, &status, 0);
  if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) return "making the demo video failed (is ffmpeg installed?)";
  return "";
}

}  // namespace attune
