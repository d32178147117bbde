#include "store/backup.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <SQLiteCpp/Database.h>
#include <sqlite3.h>
#include <algorithm>
#include <cerrno>
#include <cstring>
#include <ctime>
#include <filesystem>
#include <iostream>
#include <vector>

#include "core/error.h"
#include "store/store.h"
#include "store/store_util.h"

namespace attune {

using namespace store_detail;
namespace fs = std::filesystem;

namespace {

Error os_error(const std::string& what, const std::string& path) {
  return Error(ErrorKind::Storage, one_line("cannot " + what + " " + path + ": " + std::strerror(errno)));
}

void fsync_path(const std::string& path, int flags) {
  const int fd = ::open(path.c_str(), flags | O_CLOEXEC);
  if (fd < 0) return;
  ::fsync(fd);
  ::close(fd);
}

// A new, empty, private (0600) file beside `target` for writing it; its path.
std::string make_temp_beside(const std::string& target, const char* marker) {
  std::string temp = target + marker + "XXXXXX";
  const int fd = ::mkstemp(temp.data());
  if (fd < 0) throw os_error("write in", folder_of(target));
  ::fchmod(fd, S_IRUSR | S_IWUSR);
  ::close(fd);
  return temp;
}

void remove_with_side_files(const std::string& path) {
  for (const char* suffix : {"", "-journal", "-wal", "-shm"}) ::unlink((path + suffix).c_str());
}

// Copies the database of `source` into the (empty) file `dest_path` in one step: one read
// transaction on the source, so the copy is the database at one moment. The copy is left in
// rollback-journal mode (a single file) and synced.
void copy_database(sqlite3* source, const std::string& dest_path) {
  SQLite::Database dest(dest_path, SQLite::OPEN_READWRITE);
  sqlite3_backup* backup = sqlite3_backup_init(dest.getHandle(), "main", source, "main");
  if (!backup) throw Error(ErrorKind::Storage, one_line(dest_path + ": " + sqlite3_errmsg(dest.getHandle())));
  int rc = SQLITE_OK;
  do {
    rc = sqlite3_backup_step(backup, -1);
    if (rc == SQLITE_BUSY || rc == SQLITE_LOCKED) sqlite3_sleep(50);
  } while (rc == SQLITE_OK || rc == SQLITE_BUSY || rc == SQLITE_LOCKED);
  const int finished = sqlite3_backup_finish(backup);
  if (rc != SQLITE_DONE || finished != SQLITE_OK)
    throw Error(ErrorKind::Storage, one_line("cannot copy the database to " + dest_path + ": " +
                                             sqlite3_errstr(rc != SQLITE_DONE ? rc : finished)));
  dest.exec("PRAGMA journal_mode = DELETE");
  dest.exec("PRAGMA synchronous = FULL");
}

// Renames `temp` over `target` and makes that durable.
void put_in_place(const std::string& temp, const std::string& target) {
  fsync_path(temp, O_RDONLY);
  if (::rename(temp.c_str(), target.c_str()) != 0) {
    const Error e = os_error("replace", target);
    ::unlink(temp.c_str());
    throw e;
  }
  fsync_path(folder_of(target), O_RDONLY | O_DIRECTORY);
}

void make_private_folder(const std::string& folder) {
  if (::mkdir(folder.c_str(), 0700) != 0 && errno != EEXIST) throw os_error("create folder", folder);
}

std::string utc_stamp(const char* format) {
  const std::time_t now = std::time(nullptr);
  std::tm tm{};
  gmtime_r(&now, &tm);
  char buf[40];
  std::strftime(buf, sizeof buf, format, &tm);
  return buf;
}

}  // namespace

std::string backup_folder(const std::string& db_path) {
  return (fs::path(db_path).parent_path() / "backups").string();  // "backups" beside a bare file name
}

void Store::backup_to(const std::string& target) const {
  std::error_code ec;
  if (fs::is_directory(target, ec))
    throw Error(ErrorKind::InvalidInput, target + " is a folder; give a file name for the backup");
  const std::string folder = folder_of(target);
  if (!fs::is_directory(folder, ec)) {
    // The backups folder of a database is made on first use; other folders must exist.
    if (fs::path(folder).filename() == "backups" && fs::is_directory(folder_of(folder), ec))
      make_private_folder(folder);
    else
      throw Error(ErrorKind::Storage, "cannot write " + target + ": the folder " + folder + " does not exist");
  }
  const std::string temp = make_temp_beside(target, ".attune-partial-");
  try {
    guarded(target, [&] { copy_database(db_->getHandle(), temp); });
    put_in_place(temp, target);
  } catch (...) {
    remove_with_side_files(temp);
    throw;
  }
}

std::optional<std::string> auto_backup(const std::string& db_path, std::size_t keep) {
  const std::string folder = backup_folder(db_path);
  const std::string prefix = fs::path(db_path).filename().string() + "-auto-";
  const std::string target = (fs::path(folder) / (prefix + utc_stamp("%Y-%m-%d") + ".db")).string();
  std::error_code ec;
  if (fs::exists(target, ec)) return std::nullopt;
  {
    Store store(db_path, OpenMode::ReadOnly, "");
    store.backup_to(target);
  }
  // The rotation: the newest `keep` automatic backups of this database stay (names sort by date).
  std::vector<std::string> ours;
  for (const auto& entry : fs::directory_iterator(folder, ec)) {
    const std::string name = entry.path().filename().string();
    if (name.rfind(prefix, 0) == 0 && name.size() == prefix.size() + 10 + 3 && name.ends_with(".db") &&
        entry.is_regular_file(ec))
      ours.push_back(entry.path().string());
  }
  std::sort(ours.begin(), ours.end());
  for (std::size_t i = 0; i + keep < ours.size(); ++i) ::unlink(ours[i].c_str());
  return target;
}

BackgroundBackup::BackgroundBackup(std::string db_path)
    : thread_([path = std::move(db_path)] {
        try {
          auto_backup(path);
        } catch (const std::exception& e) {
          std::cerr << "automatic backup of " << path << " failed: " << e.what() << '\n';
        }
      }) {}

BackgroundBackup::~BackgroundBackup() {
  if (thread_.joinable()) thread_.join();
}

RestoreResult restore_database(const std::string& backup, const std::string& target) {
  std::error_code ec;
  if (!fs::is_regular_file(backup, ec)) throw Error(ErrorKind::NotFound, backup + " is not a file");
  if (fs::is_directory(target, ec)) throw Error(ErrorKind::InvalidInput, target + " is a folder, not a database");
  const std::string folder = folder_of(target);
  if (!fs::is_directory(folder, ec))
    throw Error(ErrorKind::Storage, "cannot restore to " + target + ": the folder " + folder + " does not exist");
  RestoreResult result;
  // The backup is checked as the copy that will become the database (the backup itself is
  // never opened for writing: an older schema is upgraded on the copy).
  const std::string temp = make_temp_beside(target, ".attune-restoring-");
  try {
    guarded(backup, [&] {
      // A plain read-only connection: refuses what is not SQLite; the checks come below.
      SQLite::Database source(backup, SQLite::OPEN_READONLY);
      copy_database(source.getHandle(), temp);
    });
    {
      Store copy(temp, OpenMode::MustExist, "");  // ours, not newer, quick_check; upgraded
      const VerifyReport report = copy.verify();
      if (!report.integrity_ok)
        throw Error(ErrorKind::Storage, one_line(backup + " is damaged (integrity_check: " + report.integrity_message +
                                                 "); nothing was restored"));
      if (!report.audit_ok)
        throw Error(ErrorKind::Storage, one_line(backup + " failed the audit-trail check (" + report.audit_message +
                                                 "); nothing was restored"));
      result.audit_rows = report.audit_rows;
    }
    remove_with_side_files(temp + "-journal");  // nothing should be there; tidy anyway
  } catch (const Error& e) {
    remove_with_side_files(temp);
    const std::string what = e.what();
    // The checks name the temporary copy: name the backup the user gave.
    if (what.find(temp) != std::string::npos) {
      std::string message = what;
      for (std::size_t at = message.find(temp); at != std::string::npos; at = message.find(temp, at + backup.size()))
        message.replace(at, temp.size(), backup);
      throw Error(e.kind(), message + (message.find("nothing was restored") == std::string::npos
                                           ? "; nothing was restored"
                                           : ""));
    }
    throw;
  } catch (...) {
    remove_with_side_files(temp);
    throw;
  }

  if (fs::exists(target, ec)) {
    try {
      // Nobody else may have the target open: leaving WAL needs every other connection gone.
      // Afterwards it is one file (no -wal), which is what is kept aside.
      // A damaged target (what a restore is often for) cannot say; it is moved aside as it is.
      SQLite::Database current(target, SQLite::OPEN_READWRITE);
      std::string mode = "delete";
      try {
        mode = current.execAndGet("PRAGMA journal_mode = DELETE").getString();
      } catch (const SQLite::Exception& e) {
        const int code = e.getErrorCode() & 0xff;
        if (code == SQLITE_BUSY || code == SQLITE_LOCKED) mode = "busy";
      }
      if (mode != "delete")
        throw Error(ErrorKind::Conflict, target + " is open in another program (a window?); close it, then restore");
    } catch (...) {
      remove_with_side_files(temp);
      throw;
    }
    result.kept_aside = target + ".replaced-" + utc_stamp("%Y%m%dT%H%M%SZ");
    if (::rename(target.c_str(), result.kept_aside.c_str()) != 0) {
      const Error e = os_error("move aside", target);
      remove_with_side_files(temp);
      throw e;
    }
  }
  put_in_place(temp, target);
  return result;
}

}  // namespace attune
