#pragma once
// Writing an export so that an interrupted export never leaves a half-written file under
// the name the user asked for: the bytes go to a private temporary file (0600) in the same
// folder, which finish() flushes to disk and publish() renames over the target in one step
// (commit() does both). Until then the target is untouched (an old file of that name stays
// as it was); an AtomicFile destroyed without publishing removes its temporary file.
//
// The temporary file is "NAME.attune-partial-XXXXXX" beside the target: visible, next to
// the file it becomes, and saying what it is. Its writer holds an flock on it from creation
// to rename. A process killed by a signal cannot run destructors: install_signal_cleanup()
// makes SIGINT, SIGTERM, SIGHUP and SIGPIPE remove every open temporary file before the
// process dies of the signal. Nothing can clean up after SIGKILL or a power cut: the next
// AtomicFile in that folder removes such leftovers (remove_stale_parts).
#include <cstddef>
#include <string>
#include <string_view>

namespace attune::exports {

// The suffix of our temporary files: NAME + kPartialMarker + six letters or digits.
inline constexpr std::string_view kPartialMarker = ".attune-partial-";

// Whether `file_name` (no folder) is one of our temporary files: exactly NAME (not empty)
// + kPartialMarker + six ASCII letters or digits, or ".NAME.XXXXXX.part" as Attune named
// them before (`legacy` then says so).
bool is_partial_name(std::string_view file_name, bool* legacy = nullptr);

// Removes our temporary files in `folder` that nobody is writing: a current-style file only
// when no process holds its flock (its writer died: SIGKILL, power cut), a legacy one (whose
// writers took no lock) only when unchanged for 10 minutes. Only regular files owned by this
// user whose names match is_partial_name exactly; anything else stays. Never throws; returns
// how many files it removed.
std::size_t remove_stale_parts(const std::string& folder) noexcept;

class AtomicFile {
 public:
  // Removes stale temporary files in the target's folder, then creates its own. Throws
  // Error(Storage) when the folder does not exist or is not writable, and
  // Error(InvalidInput) when `path` names a folder.
  explicit AtomicFile(std::string path);
  ~AtomicFile();
  AtomicFile(const AtomicFile&) = delete;
  AtomicFile& operator=(const AtomicFile&) = delete;

  const std::string& path() const { return path_; }
  const std::string& temp_path() const { return temp_path_; }

  // Buffered; throws Error(Storage) when the disk refuses the bytes.
  void write(std::string_view bytes);
  // Flushes and fsyncs the temporary file; the target is still untouched. Throws Error(Storage).
  void finish();
  // Renames the finished file over the target and fsyncs the folder (calls finish() first if
  // needed). Throws Error(Storage) and removes the temporary file when the rename fails.
  void publish();
  // finish() and publish().
  void commit() { publish(); }
  // Removes the temporary file (the destructor does this when it was not published).
  void discard() noexcept;

  std::size_t bytes_written() const { return written_; }

 private:
  void flush();

  std::string path_;
  std::string temp_path_;
  int fd_ = -1;    // open (and flocked) until published or discarded
  int slot_ = -1;  // index in the signal-cleanup registry
  std::string buffer_;
  std::size_t written_ = 0;
  bool finished_ = false;
  bool committed_ = false;
};

// Idempotent. Safe to call before any AtomicFile exists.
void install_signal_cleanup();

}  // namespace attune::exports
