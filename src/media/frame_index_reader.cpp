#include "media/frame_index_reader.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <fstream>
#include <limits>
#include <memory>
#include <vector>

extern "C" {
#include <libavformat/avformat.h>
#include <libavutil/log.h>
}

#include "core/error.h"

namespace attune {

namespace fs = std::filesystem;

namespace {

Error unreadable(const std::string& path, const std::string& why) {
  return Error(ErrorKind::InvalidInput, "cannot index the frames of " + path + ": " + why);
}

std::string av_text(int err) {
  char buffer[AV_ERROR_MAX_STRING_SIZE] = {};
  av_strerror(err, buffer, sizeof buffer);
  return buffer;
}

}  // namespace

FrameIndex read_frame_index(const std::string& path) {
  av_log_set_level(AV_LOG_QUIET);  // failures are reported as one line, not libav's chatter
  AVFormatContext* raw = nullptr;
  if (const int err = avformat_open_input(&raw, path.c_str(), nullptr, nullptr); err < 0)
    throw unreadable(path, av_text(err));
  std::unique_ptr<AVFormatContext, void (*)(AVFormatContext*)> format(raw, [](AVFormatContext* f) {
    avformat_close_input(&f);
  });
  // As the player does: stream parameters and the file's start time, on which mpv rebases
  // its time-pos (this looks at the first packets only).
  if (const int err = avformat_find_stream_info(format.get(), nullptr); err < 0) throw unreadable(path, av_text(err));
  const int stream = av_find_best_stream(format.get(), AVMEDIA_TYPE_VIDEO, -1, -1, nullptr, 0);
  if (stream < 0) throw unreadable(path, "it has no video stream");
  for (unsigned i = 0; i < format->nb_streams; ++i)  // demux the video packets only
    if (static_cast<int>(i) != stream) format->streams[i]->discard = AVDISCARD_ALL;
  const AVRational base = format->streams[stream]->time_base;
  if (base.num <= 0 || base.den <= 0) throw unreadable(path, "its video stream has no time base");
  const Micros start = format->start_time == AV_NOPTS_VALUE ? 0 : format->start_time;  // AV_TIME_BASE is 1e6

  std::vector<Micros> times;
  std::unique_ptr<AVPacket, void (*)(AVPacket*)> packet(av_packet_alloc(), [](AVPacket* p) { av_packet_free(&p); });
  if (!packet) throw unreadable(path, "out of memory");
  int err = 0;
  while ((err = av_read_frame(format.get(), packet.get())) >= 0) {
    // Packets an edit list cuts (AV_PKT_FLAG_DISCARD) are decoded but never shown.
    if (packet->stream_index == stream && !(packet->flags & AV_PKT_FLAG_DISCARD)) {
      const std::int64_t ts = packet->pts != AV_NOPTS_VALUE ? packet->pts : packet->dts;
      if (ts != AV_NOPTS_VALUE) {
        const Micros t = round_micros(ts, base.num, base.den) - start;
        if (t >= 0) times.push_back(t);
      }
    }
    av_packet_unref(packet.get());
  }
  if (err != AVERROR_EOF) throw unreadable(path, av_text(err));
  // Decode order is not display order (B-frames): sort; a repeated time is one frame.
  std::sort(times.begin(), times.end());
  times.erase(std::unique(times.begin(), times.end()), times.end());
  if (times.empty()) throw unreadable(path, "its video stream has no frames");
  // Durations that differ by one tick of the container's clock (or a microsecond of
  // rounding) are its rounding, not a variable rate.
  const Micros tick = round_micros(1, base.num, base.den);
  return FrameIndex::from_times(std::move(times), std::max<Micros>(2, tick + 2));
}

// ---- the cache ------------------------------------------------------------------------------

namespace {

// File layout, little-endian (the machines we build for):
//   8  magic "ATFRIDX1"
//   8  video size in bytes
//   64 the video's SHA-256, hex
//   8  variable_over: 0 for a variable-rate video, INT64_MAX for a constant one
//   8  n, the number of frames
//   8n frame start times (microseconds)
//   8  FNV-1a 64 of everything before it
constexpr char kMagic[8] = {'A', 'T', 'F', 'R', 'I', 'D', 'X', '1'};
constexpr std::size_t kHeader = 8 + 8 + 64 + 8 + 8;
constexpr std::uint64_t kMaxFrames = 100'000'000;  // ~38 days at 30 fps: more is not a video of ours

std::uint64_t fnv1a(const std::string& bytes) {
  std::uint64_t h = 1469598103934665603ULL;
  for (unsigned char c : bytes) {
    h ^= c;
    h *= 1099511628211ULL;
  }
  return h;
}

// The hex of "sha256:<64 hex>", or "" when `hash` is not that (then nothing is cached: the
// name must not be able to point anywhere else).
std::string hash_hex(const std::string& hash) {
  const std::string prefix = "sha256:";
  if (hash.size() != prefix.size() + 64 || hash.compare(0, prefix.size(), prefix) != 0) return "";
  const std::string hex = hash.substr(prefix.size());
  for (char c : hex)
    if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) return "";
  return hex;
}

template <class T>
void put(std::string& out, T value) {
  char bytes[sizeof(T)];
  std::memcpy(bytes, &value, sizeof(T));
  out.append(bytes, sizeof(T));
}

template <class T>
T get(const std::string& in, std::size_t at) {
  T value;
  std::memcpy(&value, in.data() + at, sizeof(T));
  return value;
}

Micros variable_over_of(const std::string& bytes) { return get<Micros>(bytes, 8 + 8 + 64); }

}  // namespace

fs::path frame_index_folder(const std::string& db_path) {
  return fs::absolute(fs::path(db_path)).parent_path() / "frame-index";
}

std::optional<FrameIndex> load_cached_frame_index(const fs::path& folder, const std::string& hash,
                                                  std::int64_t video_size) {
  const std::string hex = hash_hex(hash);
  if (hex.empty()) return std::nullopt;
  std::ifstream in(folder / (hex + ".idx"), std::ios::binary);
  if (!in) return std::nullopt;
  // Read at most what a valid file of kMaxFrames could be, so a huge file is not slurped.
  std::string bytes;
  char buffer[1 << 16];
  while (in.read(buffer, sizeof buffer) || in.gcount() > 0) {
    bytes.append(buffer, static_cast<std::size_t>(in.gcount()));
    if (bytes.size() > kHeader + 8 * kMaxFrames + 8) return std::nullopt;
  }
  if (bytes.size() < kHeader + 8 || std::memcmp(bytes.data(), kMagic, 8) != 0) return std::nullopt;
  if (get<std::int64_t>(bytes, 8) != video_size || bytes.compare(16, 64, hex) != 0) return std::nullopt;
  const auto n = get<std::uint64_t>(bytes, kHeader - 8);
  if (n == 0 || n > kMaxFrames || bytes.size() != kHeader + 8 * n + 8) return std::nullopt;
  const std::size_t body = kHeader + 8 * n;
  if (get<std::uint64_t>(bytes, body) != fnv1a(bytes.substr(0, body))) return std::nullopt;
  const Micros variable_over = variable_over_of(bytes);
  if (variable_over != 0 && variable_over != std::numeric_limits<Micros>::max()) return std::nullopt;
  std::vector<Micros> times(n);
  std::memcpy(times.data(), bytes.data() + kHeader, 8 * n);
  try {
    return FrameIndex::from_times(std::move(times), variable_over);  // order and range checked here
  } catch (const Error&) {
    return std::nullopt;
  }
}

void store_cached_frame_index(const fs::path& folder, const std::string& hash, std::int64_t video_size,
                              const FrameIndex& index) {
  const std::string hex = hash_hex(hash);
  if (hex.empty()) throw Error(ErrorKind::InvalidInput, "'" + hash + "' is not a sha256 content hash");
  if (!index.has_table()) throw Error(ErrorKind::InvalidInput, "only a frame table is cached");
  const auto storage = [&](const std::string& what) {
    return Error(ErrorKind::Storage, "cannot write the frame index cache in " + folder.string() + ": " + what);
  };
  std::error_code ec;
  fs::create_directories(folder, ec);
  if (ec) throw storage(ec.message());
  fs::permissions(folder, fs::perms::owner_all, fs::perm_options::replace, ec);

  std::string bytes(kMagic, 8);
  put<std::int64_t>(bytes, video_size);
  bytes += hex;
  const std::span<const Micros> times = index.times();
  // The reader's verdict, kept as the threshold that reproduces it: any spread is variation
  // (0) or none is (the largest value).
  const Micros variable_over = index.variable() ? 0 : std::numeric_limits<Micros>::max();
  put<Micros>(bytes, variable_over);
  put<std::uint64_t>(bytes, times.size());
  for (Micros t : times) put<Micros>(bytes, t);
  put<std::uint64_t>(bytes, fnv1a(bytes));

  std::string temp = (folder / ("." + hex + ".idx.XXXXXX")).string();
  const int fd = mkstemp(temp.data());  // 0600
  if (fd < 0) throw storage(std::strerror(errno));
  std::size_t done = 0;
  while (done < bytes.size()) {
    const ssize_t n = ::write(fd, bytes.data() + done, bytes.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) {
      const std::string why = std::strerror(errno);
      ::close(fd);
      ::unlink(temp.c_str());
      throw storage(why);
    }
    done += static_cast<std::size_t>(n);
  }
  if (::fsync(fd) != 0 || ::close(fd) != 0 || std::rename(temp.c_str(), (folder / (hex + ".idx")).c_str()) != 0) {
    const std::string why = std::strerror(errno);
    ::unlink(temp.c_str());
    throw storage(why);
  }
}

CachedFrameIndex frame_index_for(const std::string& path, const std::string& hash, const fs::path& folder) {
  std::error_code ec;
  const auto video_size = static_cast<std::int64_t>(fs::file_size(path, ec));
  if (ec) throw unreadable(path, ec.message());
  if (std::optional<FrameIndex> cached = load_cached_frame_index(folder, hash, video_size))
    return {std::move(*cached), true};
  CachedFrameIndex result{read_frame_index(path), false};
  if (!hash_hex(hash).empty()) {
    try {
      store_cached_frame_index(folder, hash, video_size, result.index);
    } catch (const Error&) {
      // A read-only folder costs the next open a re-read, nothing else.
    }
  }
  return result;
}

FrameIndex recording_frame_index(const Recording& recording, const fs::path& folder) {
  std::error_code ec;
  if (recording.video_path.empty() || !fs::is_regular_file(recording.video_path, ec)) return {};
  try {
    return frame_index_for(recording.video_path, recording.video_hash, folder).index;
  } catch (const Error&) {
    return {};  // not a video libavformat can read
  }
}

}  // namespace attune
