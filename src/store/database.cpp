#include "store/database.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <SQLiteCpp/Database.h>
#include <SQLiteCpp/Statement.h>
#include <sqlite3.h>
#include <array>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <optional>

#include "core/error.h"
#include "store/store_util.h"

namespace attune::store_detail {

namespace {

namespace fs = std::filesystem;

Error not_ours(const std::string& path, const std::string& why) {
  return Error(ErrorKind::Storage, one_line(path + " is not an Attune database (" + why + ")"));
}

Error os_error(const std::string& path, const char* what) {
  return Error(ErrorKind::Storage, one_line(path + ": cannot " + what + ": " + std::strerror(errno)));
}

// Missing folders are created 0700; existing ones are left as they are, ours or not.
void make_private_dirs(const fs::path& dir) {
  fs::path prefix;
  for (const fs::path& part : dir) {
    prefix /= part;
    struct stat st {};
    if (::stat(prefix.c_str(), &st) == 0) continue;
    if (::mkdir(prefix.c_str(), 0700) != 0 && errno != EEXIST) throw os_error(prefix.string(), "create folder");
  }
}

// Creates a missing file 0600 (explicit mode instead of changing the process-wide umask;
// SQLite gives -wal and -shm the mode of the database). Returns true when this call created
// it (then it is empty and gets initialised). An existing empty file is refused: it is not an
// Attune database, and making it one would hide a mistyped path or a truncated file.
bool prepare_file(const std::string& path, OpenMode mode) {
  struct stat st {};
  if (::stat(path.c_str(), &st) != 0) {
    if (errno != ENOENT) throw os_error(path, "open");
    if (mode != OpenMode::CreateIfMissing) throw Error(ErrorKind::NotFound, path + " does not exist");
    const fs::path parent = fs::path(path).parent_path();
    if (!parent.empty()) make_private_dirs(parent);
    const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600);
    if (fd >= 0) {
      ::close(fd);
      return true;
    }
    if (errno == EACCES || errno == EROFS)
      throw Error(ErrorKind::Storage, one_line("cannot write in folder " + (parent.empty() ? std::string(".") : parent.string()) +
                                                ": " + std::strerror(errno) + " (creating " + path + ")"));
    if (errno != EEXIST) throw os_error(path, "create");
    if (::stat(path.c_str(), &st) != 0) throw os_error(path, "open");
  }
  if (!S_ISREG(st.st_mode)) throw Error(ErrorKind::Storage, path + " is not a file");
  if (st.st_size == 0)
    throw Error(ErrorKind::Storage,
                path + " is empty, not an Attune database; remove it, or give a path that does not exist yet to "
                       "start a new database there");
  return false;
}

// With the effective ids (a set-uid process, root): whether we may write there.
bool may_write(const std::string& path) { return ::faccessat(AT_FDCWD, path.c_str(), W_OK, AT_EACCESS) == 0; }

// A database opened for writing needs the file and its folder (SQLite keeps -wal and -shm
// beside it, and creates them on open): say which is missing instead of SQLite's "attempt to
// write a readonly database".
void require_writable_place(const std::string& path) {
  if (!may_write(path))
    throw Error(ErrorKind::Storage, one_line(path + " is read-only (" + std::strerror(errno) +
                                             "): reading works, changing it does not"));
  const std::string folder = folder_of(path);
  if (!may_write(folder))
    throw Error(ErrorKind::Storage,
                one_line("cannot write in folder " + folder + ": " + std::strerror(errno) + " (SQLite keeps " +
                         fs::path(path).filename().string() + "-wal and -shm beside the database; reading works)"));
}

bool has_content(const std::string& path) {
  struct stat st {};
  return ::stat(path.c_str(), &st) == 0 && st.st_size > 0;
}

void set_safety_pragmas(SQLite::Database& db) {
  // Before anything reads the schema: a file someone else wrote may carry hostile SQL.
  db.exec("PRAGMA trusted_schema = OFF");
  db.exec("PRAGMA cell_size_check = ON");
  db.exec("PRAGMA foreign_keys = ON");
}

std::string uri_path(const std::string& path) {
  std::string out;
  for (char c : path) {
    if (c == '%' || c == '?' || c == '#') {
      static const char* hex = "0123456789ABCDEF";
      out += '%';
      out += hex[(static_cast<unsigned char>(c) >> 4) & 15];
      out += hex[static_cast<unsigned char>(c) & 15];
    } else {
      out += c;
    }
  }
  return out;
}

// The facts in the main file alone, read through SQLite with immutable=1: no lock, no -wal
// or -shm read or created, nothing written. Never through a raw open()/close() of our own:
// closing any descriptor of a file drops every POSIX lock this process holds on it, also
// those of another connection to the same database, and a WAL database then loses commits
// when a second process checkpoints underneath it.
std::optional<DatabaseFacts> header_facts(const std::string& path) {
  try {
    SQLite::Database probe("file:" + uri_path(path) + "?immutable=1", SQLite::OPEN_READONLY | SQLite::OPEN_URI);
    set_safety_pragmas(probe);
    return read_facts(probe);
  } catch (const SQLite::Exception& e) {
    if (e.getErrorCode() == SQLITE_NOTADB) return std::nullopt;
    throw;
  }
}

std::string quick_check_of(SQLite::Database& db) {
  SQLite::Statement check(db, "PRAGMA quick_check(1)");
  return one_line(check.executeStep() ? check.getColumn(0).getString() : "no answer");
}

// Refuses a file before anything writes to it. Without WAL or rollback-journal content the
// header is the whole truth, so a foreign or newer file is refused without SQLite opening it
// (a read-only connection would still leave -wal and -shm files beside a WAL database).
// Otherwise, and for the quick_check, a read-only connection: a read-write one would roll
// back a foreign hot journal or checkpoint on close.
// The quick_check runs on every open of an existing file (FileCheck::OnOpen, the CLI's, exports
// included; 0.45 s for 250 MB): a corrupt file must be refused before anything is written, an
// export writes (its audit rows), and a shortcut such as "Attune closed it cleanly" cannot see
// damage done to the file after it was closed (test: a corrupt database is refused untouched).
// The window opens with FileCheck::Background and runs quick_check_file() on another thread.
void probe_existing(const std::string& path, int latest, bool immutable, bool quick_check) {
  if (!has_content(path + "-wal") && !has_content(path + "-journal")) {
    const std::optional<DatabaseFacts> header = guarded(path, [&] { return header_facts(path); });
    if (!header) throw not_ours(path, "not a SQLite file");
    check_facts(*header, path, latest);
    if (header->blank()) return;
  } else {
    // The main file alone is not the database now: a writer killed while a checkpoint was
    // copying pages back leaves it half old, half new (corrupt when read alone), and the WAL
    // holds the rest. Only its signature counts here; the connection below reads the facts
    // through the WAL.
    try {
      if (!header_facts(path)) throw not_ours(path, "not a SQLite file");
    } catch (const SQLite::Exception& e) {
      if ((e.getErrorCode() & 0xff) != SQLITE_CORRUPT) throw storage_error(path, e);
    }
  }
  guarded(path, [&] {
    SQLite::Database probe(immutable ? "file:" + uri_path(path) + "?immutable=1" : path,
                           SQLite::OPEN_READONLY | (immutable ? SQLite::OPEN_URI : 0), kBusyTimeoutMs);
    set_safety_pragmas(probe);
    check_facts(read_facts(probe), path, latest);
    if (!quick_check) return;
    const std::string result = quick_check_of(probe);
    if (result != "ok") throw Error(ErrorKind::Storage, one_line(path + " is damaged (quick_check: " + result + ")"));
  });
}

}  // namespace

DatabaseFacts read_facts(SQLite::Database& db) {
  DatabaseFacts facts;
  facts.application_id = db.execAndGet("PRAGMA application_id").getInt();
  facts.user_version = db.execAndGet("PRAGMA user_version").getInt();
  facts.schema_objects = db.execAndGet("SELECT count(*) FROM sqlite_schema").getInt64();
  return facts;
}

void check_facts(const DatabaseFacts& facts, const std::string& path, int latest) {
  if (facts.blank()) return;
  if (facts.application_id != kApplicationId) {
    std::array<char, 16> hex{};
    std::snprintf(hex.data(), hex.size(), "0x%08X", static_cast<std::uint32_t>(facts.application_id));
    throw not_ours(path, std::string("a SQLite file of another program, application_id ") + hex.data());
  }
  if (facts.user_version > latest)
    throw Error(ErrorKind::Storage, path + " was written by a newer Attune (schema " +
                                        std::to_string(facts.user_version) + "; this build knows " +
                                        std::to_string(latest) + ")");
}

OpenedDatabase open_database(const std::string& path, OpenMode mode, std::span<const Migration> migrations,
                             FileCheck check) {
  const int latest = latest_version(migrations);
  const bool created = prepare_file(path, mode);
  if (mode != OpenMode::ReadOnly) require_writable_place(path);
  if (mode == OpenMode::ReadOnly && !may_write(folder_of(path)) && has_content(path + "-wal") &&
      !fs::exists(path + "-shm"))
    throw Error(ErrorKind::Storage,
                one_line("cannot read " + path + " in folder " + folder_of(path) + ": " + std::strerror(EACCES) +
                         " (its -wal holds changes SQLite must index in a -shm file there)"));
  // Reading a file or in a folder we cannot write, with no WAL content to take into
  // account: immutable, so SQLite neither needs nor leaves a -shm (it could not create one in
  // a read-only folder). A writer would need that folder and file to write at all.
  const bool immutable = mode == OpenMode::ReadOnly && !has_content(path + "-wal") &&
                         (!may_write(path) || !may_write(folder_of(path)));
  if (!created) probe_existing(path, latest, immutable, check == FileCheck::OnOpen);

  return guarded(path, [&] {
    OpenedDatabase opened;
    // NOMUTEX: a Store is used by one thread at a time, so SQLite's per-call locking of the
    // connection is pure cost (measurable on every column of every event an export reads).
    const int flags =
        (mode == OpenMode::ReadOnly ? SQLite::OPEN_READONLY : SQLite::OPEN_READWRITE) | SQLite::OPEN_NOMUTEX;
    if (immutable)
      opened.db = std::make_unique<SQLite::Database>("file:" + uri_path(path) + "?immutable=1",
                                                     flags | SQLite::OPEN_URI, kBusyTimeoutMs);
    else
      opened.db = std::make_unique<SQLite::Database>(path, flags, kBusyTimeoutMs);
    SQLite::Database& db = *opened.db;
    set_safety_pragmas(db);
    if (mode == OpenMode::ReadOnly) {
      const DatabaseFacts facts = read_facts(db);
      check_facts(facts, path, latest);
      if (facts.user_version != latest)
        throw Error(ErrorKind::Storage, path + " is at schema " + std::to_string(facts.user_version) +
                                            "; open it once for writing to upgrade it to " +
                                            std::to_string(latest));
      opened.version = facts.user_version;
      return opened;
    }
    const std::string journal = db.execAndGet("PRAGMA journal_mode = WAL").getString();
    if (journal != "wal") throw Error(ErrorKind::Storage, path + ": cannot use WAL (journal_mode is " + journal + ")");
    db.exec("PRAGMA synchronous = FULL");
    opened.version = migrate(db, path, migrations);
    return opened;
  });
}

}  // namespace attune::store_detail

namespace attune {

std::string quick_check_file(const std::string& path) {
  using namespace store_detail;
  return guarded(path, [&] {
    SQLite::Database db(path, SQLite::OPEN_READONLY, kBusyTimeoutMs);
    set_safety_pragmas(db);
    return quick_check_of(db);
  });
}

}  // namespace attune
