// Frame index benchmark, run by hand (build-dir/bench_frame_index VIDEO): how long reading a
// video's frame index from its timestamps takes (what opening a session waits for, off the
// UI thread, the first time), and writing and reading its cache (every later time).
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <string>

#include "core/error.h"
#include "media/frame_index_reader.h"

using namespace attune;

int main(int argc, char** argv) {
  if (argc != 2) {
    std::fprintf(stderr, "usage: bench_frame_index VIDEO\n");
    return 2;
  }
  using Clock = std::chrono::steady_clock;
  auto ms = [](Clock::duration d) { return std::chrono::duration<double, std::milli>(d).count(); };
  try {
    const std::string path = argv[1];
    const auto t0 = Clock::now();
    const FrameIndex index = read_frame_index(path);
    const auto t1 = Clock::now();
    const std::filesystem::path folder = std::filesystem::temp_directory_path() / "attune-bench-frame-index";
    const std::string hash = "sha256:" + std::string(64, '0');
    const auto size = static_cast<std::int64_t>(std::filesystem::file_size(path));
    store_cached_frame_index(folder, hash, size, index);
    const auto t2 = Clock::now();
    const bool hit = load_cached_frame_index(folder, hash, size).has_value();
    const auto t3 = Clock::now();
    std::filesystem::remove_all(folder);
    std::printf("%s: %lld frames, %s, %.3f fps average; read from the file %.1f ms, cache written %.1f ms, "
                "cache read %.1f ms (%s)\n",
                path.c_str(), static_cast<long long>(index.count().value_or(0)),
                index.variable() ? "variable-rate" : "constant-rate",
                static_cast<double>(index.rate().num) / static_cast<double>(index.rate().den), ms(t1 - t0),
                ms(t2 - t1), ms(t3 - t2), hit ? "hit" : "MISS");
    return hit ? 0 : 1;
  } catch (const Error& e) {
    std::fprintf(stderr, "error: %s\n", e.what());
    return 1;
  }
}
