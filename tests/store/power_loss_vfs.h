#pragma once
// A fault-injecting SQLite VFS for the power-loss test (tests only).
//
// A shim over the default ("unix") VFS that passes every call through and remembers, per
// file (the database, its -wal and its -journal, by path, across open and close), every
// write and truncate since that file's last xSync. At a chosen operation it "loses power":
// that operation and every later one that would touch a disk fails with SQLITE_IOERR.
// power_loss() then puts each file back the way a disk would have it after the cut: every
// synced byte stays, and of the unsynced writes either none survives or (the harder case)
// a random subset of them does, in their order. The -shm file (memory, never synced) is
// removed. The files are then opened again the ordinary way (default VFS) to see what
// survived. SQLite's own crash tests (test6.c) work this way.
#include <sqlite3.h>

#include <cstdint>
#include <map>
#include <random>
#include <string>
#include <vector>

namespace attune::test {

class PowerLossVfs {
 public:
  PowerLossVfs();   // registers the shim as the default VFS
  ~PowerLossVfs();  // gives the default back to the real VFS
  PowerLossVfs(const PowerLossVfs&) = delete;
  PowerLossVfs& operator=(const PowerLossVfs&) = delete;

  // Counts operations that change a file (write, truncate, sync, delete) from now on; the
  // `at`-th one (1-based) and all after it fail as if power was cut. 0: never.
  void arm(std::int64_t at);
  std::int64_t operations() const { return operations_; }
  bool power_is_off() const { return off_; }

  // Every file back to its state at the cut (see above), then the shim passes calls through
  // again with nothing pending. All connections must be closed first. With keep_some, each
  // unsynced write survives with probability 1/2 (drawn from `random`).
  void power_loss(bool keep_some, std::mt19937& random);

  // Makes the shim the default VFS again, or the real one (to reopen "after the reboot").
  void make_default(bool shim);

  // Internals for the C callbacks.
  struct Change {
    bool truncate = false;
    std::int64_t offset = 0;  // write offset, or the new size of a truncate
    std::string before;       // the bytes this change replaced (up to the old end of file)
    std::string after;        // the bytes written
    std::int64_t size_before = 0;
  };
  struct FileState {
    std::vector<Change> unsynced;
  };
  FileState* state_of(const std::string& path);
  bool count_operation();  // false once the power is off
  void forget(const std::string& path) { files_.erase(path); }

  sqlite3_vfs vfs_{};
  sqlite3_vfs* real_ = nullptr;

 private:
  std::map<std::string, FileState> files_;
  std::int64_t operations_ = 0;
  std::int64_t armed_at_ = 0;
  bool off_ = false;
};

}  // namespace attune::test
