#pragma once
// Writing an export so that an interrupted export never leaves a half-written file under
// the name the user asked for: the bytes go to a private temporary file (0600) in the same
// folder, which commit() flushes to disk and renames over the target in one step. Until
// then the target is untouched (an old file of that name stays as it was); an AtomicFile
// destroyed without commit() removes its temporary file.
//
// A process killed by a signal cannot run destructors: install_signal_cleanup() makes
// SIGINT, SIGTERM, SIGHUP and SIGPIPE remove every open temporary file before the process
// dies of the signal. (Nothing can clean up after SIGKILL; the temporary file is then left
// as ".NAME.XXXXXX.part" beside the target, never under the target's name.)
#include <cstddef>
#include <string>
#include <string_view>

namespace attune::exports {

class AtomicFile {
 public:
  // Creates the temporary file. Throws Error(Storage) when the folder does not exist or is
  // not writable, and Error(InvalidInput) when `path` names a folder.
  explicit AtomicFile(std::string path);
  ~AtomicFile();
  AtomicFile(const AtomicFile&) = delete;
  AtomicFile& operator=(const AtomicFile&) = delete;

  const std::string& path() const { return path_; }
  const std::string& temp_path() const { return temp_path_; }

  // Buffered; throws Error(Storage) when the disk refuses the bytes.
  void write(std::string_view bytes);
  // Flushes, fsyncs, renames over the target and fsyncs the folder. Throws Error(Storage).
  void commit();
  // Removes the temporary file (the destructor does this when commit() was not called).
  void discard() noexcept;

  std::size_t bytes_written() const { return written_; }

 private:
  void flush();

  std::string path_;
  std::string temp_path_;
  int fd_ = -1;
  int slot_ = -1;  // index in the signal-cleanup registry
  std::string buffer_;
  std::size_t written_ = 0;
  bool committed_ = false;
};

// Idempotent. Safe to call before any AtomicFile exists.
void install_signal_cleanup();

}  // namespace attune::exports
