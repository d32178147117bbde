#include "export/atomic_file.h"

#include <dirent.h>
#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <array>
#include <atomic>
#include <cerrno>
#include <csignal>
#include <cstring>
#include <ctime>
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

namespace {

bool alnum6(std::string_view s) {
  if (s.size() != 6) return false;
  for (char c : s)
    if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'))) return false;
  return true;
}

// A legacy leftover is removed only after this long unchanged (its writer took no lock).
constexpr std::time_t kLegacyStaleSeconds = 10 * 60;

}  // namespace

bool is_partial_name(std::string_view name, bool* legacy) {
  if (legacy) *legacy = false;
  const std::size_t marker = name.rfind(kPartialMarker);
  if (marker != std::string_view::npos && marker > 0 && alnum6(name.substr(marker + kPartialMarker.size())))
    return true;
  // Before: ".NAME.XXXXXX.part".
  constexpr std::string_view kPart = ".part";
  if (name.size() >= 1 + 1 + 1 + 6 + kPart.size() && name.front() == '.' &&
      name.substr(name.size() - kPart.size()) == kPart) {
    const std::string_view rest = name.substr(0, name.size() - kPart.size());  // ".NAME.XXXXXX"
    if (rest[rest.size() - 7] == '.' && alnum6(rest.substr(rest.size() - 6))) {
      if (legacy) *legacy = true;
      return true;
    }
  }
  return false;
}

std::size_t remove_stale_parts(const std::string& folder) noexcept {
  std::size_t removed = 0;
  DIR* dir = ::opendir(folder.c_str());
  if (!dir) return 0;
  const int dir_fd = ::dirfd(dir);
  while (const dirent* entry = ::readdir(dir)) {
    bool legacy = false;
    if (!is_partial_name(entry->d_name, &legacy)) continue;
    const int fd = ::openat(dir_fd, entry->d_name, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC);
    if (fd < 0) continue;
    struct stat opened {}, named {};
    const bool ours = ::fstat(fd, &opened) == 0 && S_ISREG(opened.st_mode) && opened.st_uid == ::geteuid();
    // A writer holds LOCK_EX from creation to rename: getting it means the writer is gone.
    bool stale = ours && ::flock(fd, LOCK_EX | LOCK_NB) == 0;
    if (stale && legacy) stale = std::time(nullptr) - opened.st_mtime >= kLegacyStaleSeconds;
    // Still the same file under that name (not renamed away and replaced meanwhile)?
    if (stale && ::fstatat(dir_fd, entry->d_name, &named, AT_SYMLINK_NOFOLLOW) == 0 &&
        named.st_ino == opened.st_ino && named.st_dev == opened.st_dev &&
        ::unlinkat(dir_fd, entry->d_name, 0) == 0)
      ++removed;
    ::close(fd);  // releases the flock
  }
  ::closedir(dir);
  return removed;
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
  remove_stale_parts(folder.string());
  const std::string pattern = (folder / (target.filename().string() + std::string(kPartialMarker) + "XXXXXX")).string();
  // A cleaner in another process may take our new file's lock between mkstemp and flock and
  // remove it: we then find another file under our name (or none) and start again.
  for (int attempt = 0; attempt < 8 && fd_ < 0; ++attempt) {
    std::string temp = pattern;
    // mkstemp creates the file 0600 and opens it exclusively.
    const int fd = ::mkstemp(temp.data());
    if (fd < 0) throw Error(ErrorKind::Storage, "cannot write in " + folder.string() + ": " + errno_text());
    ::fchmod(fd, S_IRUSR | S_IWUSR);
    struct stat opened {}, named {};
    if (::flock(fd, LOCK_EX) == 0 && ::fstat(fd, &opened) == 0 && ::lstat(temp.c_str(), &named) == 0 &&
        opened.st_ino == named.st_ino && opened.st_dev == named.st_dev) {
      fd_ = fd;
      temp_path_ = temp;
    } else {
      ::close(fd);
    }
  }
  if (fd_ < 0) throw Error(ErrorKind::Storage, "cannot write in " + folder.string() + ": its temporary files keep vanishing");
  slot_ = claim_slot(temp_path_);
  buffer_.reserve(kBufferSize);
}

AtomicFile::~AtomicFile() {
  if (!committed_) discard();
}

void AtomicFile::write(std::string_view bytes) {
  if (fd_ < 0 || finished_) throw Error(ErrorKind::Storage, "export to " + path_ + " is already finished");
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

void AtomicFile::finish() {
  if (finished_) return;
  if (fd_ < 0) throw Error(ErrorKind::Storage, "export to " + path_ + " is already finished");
  flush();
  if (::fsync(fd_) != 0) {
    const std::string why = errno_text();
    discard();
    throw Error(ErrorKind::Storage, "cannot write " + path_ + ": " + why);
  }
  finished_ = true;
}

void AtomicFile::publish() {
  finish();
  // The descriptor (and its flock) stays open until the rename: a cleaner in another process
  // never takes a finished file for a stale one.
  if (::rename(temp_path_.c_str(), path_.c_str()) != 0) {
    const std::string why = errno_text();
    discard();
    throw Error(ErrorKind::Storage, "cannot replace " + path_ + ": " + why);
  }
  committed_ = true;
  release_slot(slot_);
  slot_ = -1;
  ::close(fd_);
  fd_ = -1;
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
  if (!temp_path_.empty() && !committed_) ::unlink(temp_path_.c_str());
  if (fd_ >= 0) {
    ::close(fd_);
    fd_ = -1;
  }
  release_slot(slot_);
  slot_ = -1;
}

}  // namespace attune::exports
