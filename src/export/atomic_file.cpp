#include "export/atomic_file.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <array>
#include <atomic>
#include <cerrno>
#include <csignal>
#include <cstring>
#include <filesystem>

#include "core/error.h"

namespace attune::exports {

namespace {

constexpr std::size_t kBufferSize = 1 << 20;

// Temporary files a signal handler must remove. A slot is reserved, its path written, and
// only then marked `used`; `used` is cleared before the reservation is released. So the
// handler only ever reads complete paths (and calls nothing but the async-signal-safe
// unlink).
constexpr int kSlots = 16;
constexpr std::size_t kMaxPath = 4096;
struct Slot {
  std::atomic<bool> reserved{false};
  std::atomic<bool> used{false};
  char path[kMaxPath] = {};
};
std::array<Slot, kSlots> g_slots;
std::atomic<bool> g_handlers_installed{false};

int claim_slot(const std::string& path) {
  if (path.size() >= kMaxPath) return -1;
  for (int i = 0; i < kSlots; ++i) {
    Slot& slot = g_slots[static_cast<std::size_t>(i)];
    bool expected = false;
    if (!slot.reserved.compare_exchange_strong(expected, true)) continue;
    std::memcpy(slot.path, path.c_str(), path.size() + 1);
    slot.used.store(true);
    return i;
  }
  return -1;  // more than kSlots exports at once: no signal cleanup for this one
}

void release_slot(int slot) {
  if (slot < 0) return;
  g_slots[static_cast<std::size_t>(slot)].used.store(false);
  g_slots[static_cast<std::size_t>(slot)].reserved.store(false);
}

extern "C" void cleanup_and_die(int sig) {
  for (Slot& slot : g_slots)
    if (slot.used.load()) ::unlink(slot.path);
  std::signal(sig, SIG_DFL);
  std::raise(sig);
}

std::string errno_text() { return std::strerror(errno); }

}  // namespace

void install_signal_cleanup() {
  if (g_handlers_installed.exchange(true)) return;
  for (int sig : {SIGINT, SIGTERM, SIGHUP, SIGPIPE}) {
    struct sigaction action {};
    action.sa_handler = cleanup_and_die;
    sigemptyset(&action.sa_mask);
    sigaction(sig, &action, nullptr);
  }
}

AtomicFile::AtomicFile(std::string path) : path_(std::move(path)) {
  namespace fs = std::filesystem;
  const fs::path target(path_);
  std::error_code ec;
  if (fs::is_directory(target, ec))
    throw Error(ErrorKind::InvalidInput, path_ + " is a folder; give a file name to export to");
  const fs::path folder = target.has_parent_path() ? target.parent_path() : fs::path(".");
  if (!fs::is_directory(folder, ec))
    throw Error(ErrorKind::Storage, "cannot write " + path_ + ": the folder " + folder.string() + " does not exist");
  std::string temp = (folder / ("." + target.filename().string() + ".XXXXXX.part")).string();
  // mkstemps creates the file 0600 and opens it exclusively.
  fd_ = ::mkstemps(temp.data(), 5);
  if (fd_ < 0) throw Error(ErrorKind::Storage, "cannot write in " + folder.string() + ": " + errno_text());
  ::fchmod(fd_, S_IRUSR | S_IWUSR);
  temp_path_ = temp;
  slot_ = claim_slot(temp_path_);
  buffer_.reserve(kBufferSize);
}

AtomicFile::~AtomicFile() {
  if (!committed_) discard();
}

void AtomicFile::write(std::string_view bytes) {
  if (fd_ < 0) throw Error(ErrorKind::Storage, "export to " + path_ + " is already finished");
  written_ += bytes.size();
  if (buffer_.size() + bytes.size() > kBufferSize) flush();
  if (bytes.size() >= kBufferSize) {
    buffer_.append(bytes);
    flush();
    return;
  }
  buffer_.append(bytes);
}

void AtomicFile::flush() {
  const char* data = buffer_.data();
  std::size_t left = buffer_.size();
  while (left > 0) {
    const ssize_t n = ::write(fd_, data, left);
    if (n < 0) {
      if (errno == EINTR) continue;
      const std::string why = errno_text();
      discard();
      throw Error(ErrorKind::Storage, "cannot write " + path_ + ": " + why);
    }
    data += n;
    left -= static_cast<std::size_t>(n);
  }
  buffer_.clear();
}

void AtomicFile::commit() {
  if (fd_ < 0) throw Error(ErrorKind::Storage, "export to " + path_ + " is already finished");
  flush();
  if (::fsync(fd_) != 0 || ::close(fd_) != 0) {
    const std::string why = errno_text();
    fd_ = -1;
    discard();
    throw Error(ErrorKind::Storage, "cannot write " + path_ + ": " + why);
  }
  fd_ = -1;
  if (::rename(temp_path_.c_str(), path_.c_str()) != 0) {
    const std::string why = errno_text();
    discard();
    throw Error(ErrorKind::Storage, "cannot replace " + path_ + ": " + why);
  }
  committed_ = true;
  release_slot(slot_);
  slot_ = -1;
  // Make the rename itself durable.
  const std::filesystem::path folder = std::filesystem::path(path_).has_parent_path()
                                           ? std::filesystem::path(path_).parent_path()
                                           : std::filesystem::path(".");
  const int dir = ::open(folder.c_str(), O_RDONLY | O_DIRECTORY);
  if (dir >= 0) {
    ::fsync(dir);
    ::close(dir);
  }
}

void AtomicFile::discard() noexcept {
  if (fd_ >= 0) {
    ::close(fd_);
    fd_ = -1;
  }
  if (!temp_path_.empty() && !committed_) ::unlink(temp_path_.c_str());
  release_slot(slot_);
  slot_ = -1;
}

}  // namespace attune::exports
