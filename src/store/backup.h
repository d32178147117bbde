#pragma once
// Backups of a database and restoring one (docs/backups.md).
//
// A backup is one self-contained SQLite file (rollback journal, no -wal), 0600, taken with
// SQLite's online backup API in a single read transaction: a consistent picture of the
// database at one moment, while a window or attune-cli keeps writing (WAL readers do not
// block writers). It is written to a temporary file beside the target and renamed into place.
//
// Automatic backups: when the window opens a database for writing, the first time each
// calendar day (UTC), a copy goes to "<db folder>/backups/<db name>-auto-YYYY-MM-DD.db"
// (folder 0700, files 0600); the newest kAutoBackupsKept are kept, older automatic ones
// removed. attune-cli never makes automatic backups (it runs too often, in scripts).
// A backup on demand: Store::backup_to.
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <thread>

namespace attune {

inline constexpr std::size_t kAutoBackupsKept = 7;

// "<folder of db_path>/backups".
std::string backup_folder(const std::string& db_path);

// The daily automatic backup of `db_path` when today's is not there yet, then the rotation.
// Returns the file written, nullopt when today's existed. Opens its own connection (safe on
// another thread than the window's). Error(Storage) on failure.
std::optional<std::string> auto_backup(const std::string& db_path, std::size_t keep = kAutoBackupsKept);

// The window's automatic backup (auto_backup) on a thread of its own, so opening a large
// database does not wait for it; the destructor waits for it to end. A failure is printed to
// standard error and changes nothing else: coding goes on.
class BackgroundBackup {
 public:
  explicit BackgroundBackup(std::string db_path);
  ~BackgroundBackup();
  BackgroundBackup(const BackgroundBackup&) = delete;
  BackgroundBackup& operator=(const BackgroundBackup&) = delete;

 private:
  std::thread thread_;
};

struct RestoreResult {
  std::string kept_aside;  // where the replaced database went ("" when there was none)
  std::int64_t audit_rows = 0;
};

// Checks `backup` (an Attune database this build can read, PRAGMA integrity_check and
// foreign keys, the audit trail's hash chain) on a copy beside `target`, then puts that copy
// in place of `target`, keeping the replaced file as "<target>.replaced-YYYYMMDDTHHMMSSZ".
// A backup that fails a check is Error(Storage) naming the check, and `target` is untouched;
// so it is when another program has `target` open (Error(Conflict)).
RestoreResult restore_database(const std::string& backup, const std::string& target);

}  // namespace attune
