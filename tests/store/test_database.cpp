#include <pwd.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>
// Opening: creation and permissions, pragmas, modes, and files that must be refused untouched.
#include <SQLiteCpp/Database.h>
#include <SQLiteCpp/Statement.h>
#include <SQLiteCpp/Transaction.h>
#include <sys/stat.h>

#include <chrono>
#include <cstdlib>
#include <fstream>
#include <functional>
#include <vector>

#include "store/database.h"
#include "store/migrations.h"
#include "store/user_config.h"
#include "store_fixture.h"

namespace attune {
namespace {

// The schema this build brings databases to (a function: the embedded files are not ready
// during static initialisation).
int latest() { return store_detail::latest_version(store_detail::builtin_migrations()); }

using test::error_from;
using test::mode_of;
using test::read_bytes;
using test::TempDir;
using test::write_bytes;

// Restores the process umask at scope exit.
struct UmaskGuard {
  mode_t old;
  explicit UmaskGuard(mode_t mask) : old(::umask(mask)) {}
  ~UmaskGuard() { ::umask(old); }
};

// Sets or clears an environment variable for one scope.
struct EnvGuard {
  std::string name;
  std::optional<std::string> old;
  EnvGuard(std::string n, const char* value) : name(std::move(n)) {
    if (const char* v = std::getenv(name.c_str())) old = v;
    if (value) ::setenv(name.c_str(), value, 1); else ::unsetenv(name.c_str());
  }
  ~EnvGuard() {
    if (old) ::setenv(name.c_str(), old->c_str(), 1); else ::unsetenv(name.c_str());
  }
};

// Expects Store(path) to throw Error(Storage) containing `needle`, leaving the bytes as they
// were and no -wal, -shm or -journal file beside them.
void expect_refused_untouched(const std::string& path, const std::string& needle,
                              OpenMode mode = OpenMode::CreateIfMissing, bool side_files_allowed = false) {
  const std::string before = read_bytes(path);
  const std::optional<Error> error = error_from([&] { Store store(path, mode); });
  REQUIRE(error.has_value());
  CHECK(error->kind() == ErrorKind::Storage);
  const std::string message = error->what();
  CHECK_MESSAGE(message.find(needle) != std::string::npos, message);
  CHECK(message.find('\n') == std::string::npos);
  CHECK(read_bytes(path) == before);
  if (!side_files_allowed)
    for (const char* suffix : {"-wal", "-shm", "-journal"}) CHECK_FALSE(std::filesystem::exists(path + suffix));
}

// An Attune database with a little data in it, closed (checkpointed) again.
std::string make_attune_db(const TempDir& dir) {
  const std::string path = dir.file("attune.db");
  Store store(path);
  const std::int64_t scheme = store.import_scheme(test::kSchemeJson);
  const SessionId session = store.create_session(test::sample_recording(), scheme, "alice");
  std::unique_ptr<Journal> journal = store.journal(session);
  ChangeSet change{"Add", {}};
  for (int i = 0; i < 200; ++i) change.ops.push_back(EventOp::insert(test::make_event("Bid", "Child", i * 1000, i * 1000)));
  journal->commit(change);
  return path;
}

TEST_CASE("a new database is created 0600 in missing folders created 0700, whatever the umask") {
  TempDir dir;
  UmaskGuard umask(022);
  ::mkdir(dir.file("shared").c_str(), 0755);  // exists and is not ours to change
  const std::string path = dir.file("shared/a/b/attune.db");
  Store store(path);
  store.import_scheme(test::scheme_text("s", 1));  // a write, so -wal and -shm exist
  CHECK(mode_of(path) == 0600u);
  CHECK(mode_of(path + "-wal") == 0600u);
  CHECK(mode_of(path + "-shm") == 0600u);
  CHECK(mode_of(dir.file("shared/a")) == 0700u);
  CHECK(mode_of(dir.file("shared/a/b")) == 0700u);
  CHECK(mode_of(dir.file("shared")) == 0755u);
  CHECK(store.path() == path);
  CHECK(store.schema_version() == latest());
}

TEST_CASE("the connection carries the measured pragmas and the file is marked as Attune's") {
  TempDir dir;
  const std::string path = dir.file("attune.db");
  store_detail::OpenedDatabase opened =
      store_detail::open_database(path, OpenMode::CreateIfMissing, store_detail::builtin_migrations());
  SQLite::Database& db = *opened.db;
  CHECK(db.execAndGet("PRAGMA journal_mode").getString() == "wal");
  CHECK(db.execAndGet("PRAGMA synchronous").getInt() == 2);  // FULL
  CHECK(db.execAndGet("PRAGMA busy_timeout").getInt() == 5000);
  CHECK(db.execAndGet("PRAGMA foreign_keys").getInt() == 1);
  CHECK(db.execAndGet("PRAGMA trusted_schema").getInt() == 0);
  CHECK(db.execAndGet("PRAGMA cell_size_check").getInt() == 1);
  CHECK(db.execAndGet("PRAGMA application_id").getInt() == 0x4174754E);
  CHECK(db.execAndGet("PRAGMA user_version").getInt() == latest());
  CHECK(opened.version == latest());
}

TEST_CASE("an existing empty file is refused untouched in every mode, a blank SQLite file is initialised") {
  TempDir dir;
  const std::string empty = dir.file("empty.db");
  write_bytes(empty, "");
  for (OpenMode mode : {OpenMode::CreateIfMissing, OpenMode::MustExist, OpenMode::ReadOnly})
    expect_refused_untouched(empty, empty + " is empty, not an Attune database", mode);
  // A path that does not exist yet is initialised.
  CHECK(Store(dir.file("new.db"), OpenMode::CreateIfMissing).schema_version() == latest());

  const std::string blank = dir.file("blank.db");
  {  // what a crash right after creating the file leaves behind
    SQLite::Database db(blank, SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
    db.exec("PRAGMA journal_mode = WAL");
  }
  REQUIRE(read_bytes(blank).size() > 0);
  Store store(blank);
  CHECK(store.schema_version() == latest());
  CHECK(store.import_scheme(test::scheme_text("s", 1)) > 0);
}

TEST_CASE("data survives closing and reopening") {
  TempDir dir;
  const std::string path = make_attune_db(dir);
  Store store(path, OpenMode::MustExist);
  REQUIRE(store.sessions().size() == 1);
  CHECK(store.events(store.sessions()[0].id).size() == 200);
}

TEST_CASE("a missing file is NotFound unless it may be created, and nothing is created") {
  TempDir dir;
  const std::string path = dir.file("missing/attune.db");
  for (OpenMode mode : {OpenMode::MustExist, OpenMode::ReadOnly}) {
    const std::optional<Error> error = error_from([&] { Store store(path, mode); });
    REQUIRE(error.has_value());
    CHECK(error->kind() == ErrorKind::NotFound);
  }
  CHECK_FALSE(std::filesystem::exists(dir.file("missing")));
}

TEST_CASE("read-only mode reads and refuses every change") {
  TempDir dir;
  const std::string path = make_attune_db(dir);
  const std::string before = read_bytes(path);
  {
    Store store(path, OpenMode::ReadOnly);
    const SessionId session = store.sessions().at(0).id;
    CHECK(store.events(session).size() == 200);
    std::unique_ptr<Journal> journal = store.journal(session);
    CHECK(journal->undo_label() == "Add");
    for (auto& change : std::vector<std::function<void()>>{
             [&] { store.import_scheme(test::scheme_text("t", 1)); },
             [&] { store.create_session_for_recording(1, 1, "bob"); },
             [&] { store.set_session_status(session, SessionStatus::Submitted); },
             [&] { journal->commit(ChangeSet{"Add", {EventOp::insert(test::make_event("Bid", "", 1, 1))}}); },
             [&] { journal->undo(); }}) {
      const std::optional<Error> error = error_from(change);
      REQUIRE(error.has_value());
      CHECK(error->kind() == ErrorKind::Storage);
      CHECK(std::string(error->what()).find("read-only") != std::string::npos);
    }
    CHECK(store.verify().audit_ok);
  }
  CHECK(read_bytes(path) == before);
  write_bytes(dir.file("empty.db"), "");
  expect_refused_untouched(dir.file("empty.db"), "empty", OpenMode::ReadOnly);
}

TEST_CASE("files that are not Attune databases are refused and left byte for byte as they were") {
  TempDir dir;
  SUBCASE("a text file") {
    const std::string path = dir.file("notes.txt");
    write_bytes(path, "Session notes: the dyad arrived late.\n");
    expect_refused_untouched(path, "is not an Attune database (not a SQLite file)");
  }
  SUBCASE("a short binary file") {
    const std::string path = dir.file("short.db");
    write_bytes(path, std::string("SQLite", 6));
    expect_refused_untouched(path, "not a SQLite file");
  }
  SUBCASE("another program's SQLite database") {
    const std::string path = dir.file("other.db");
    {
      SQLite::Database db(path, SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
      db.exec("CREATE TABLE contacts (name TEXT); INSERT INTO contacts VALUES ('x')");
    }
    expect_refused_untouched(path, "application_id 0x00000000");
    expect_refused_untouched(path, "not an Attune database", OpenMode::MustExist);
  }
  SUBCASE("another program's database in WAL mode") {
    const std::string path = dir.file("other-wal.db");
    {
      SQLite::Database db(path, SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
      db.exec("PRAGMA journal_mode = WAL; CREATE TABLE places (url TEXT); INSERT INTO places VALUES ('x')");
    }
    expect_refused_untouched(path, "not an Attune database");
  }
  SUBCASE("a SQLite database with another application_id") {
    const std::string path = dir.file("other-id.db");
    {
      SQLite::Database db(path, SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
      db.exec("PRAGMA application_id = 1234");
    }
    expect_refused_untouched(path, "application_id 0x000004D2");
  }
  SUBCASE("a folder") {
    const std::optional<Error> error = error_from([&] { Store store(dir.path()); });
    REQUIRE(error.has_value());
    CHECK(error->kind() == ErrorKind::Storage);
  }
}

TEST_CASE("a corrupt database is refused untouched") {
  TempDir dir;
  const std::string path = make_attune_db(dir);
  std::string bytes = read_bytes(path);
  REQUIRE(bytes.size() > 3 * 4096);
  SUBCASE("a damaged table page") {
    for (std::size_t i = 4096; i < 2 * 4096; ++i) bytes[i] = '\xA5';
    write_bytes(path, bytes);
    // Our own file: it is checked through SQLite, which may leave -wal/-shm beside it.
    expect_refused_untouched(path, "damaged", OpenMode::CreateIfMissing, true);
  }
  SUBCASE("a damaged page header") {
    bytes[16] = '\x07';  // page size 0x07xx is not a power of two
    write_bytes(path, bytes);
    expect_refused_untouched(path, "attune.db", OpenMode::CreateIfMissing, true);
  }
}

TEST_CASE("a database written by a newer Attune is refused untouched") {
  TempDir dir;
  const std::string path = make_attune_db(dir);
  {
    SQLite::Database db(path, SQLite::OPEN_READWRITE);
    db.exec("PRAGMA user_version = 7");
  }
  expect_refused_untouched(path, path + " was written by a newer Attune (schema 7; this build knows " +
                                     std::to_string(latest()) + ")");
  expect_refused_untouched(path, "schema 7", OpenMode::ReadOnly);
}

TEST_CASE("a newer database with unsaved WAL content is checked through SQLite and still refused") {
  TempDir dir;
  const std::string path = make_attune_db(dir);
  SQLite::Database writer(path, SQLite::OPEN_READWRITE);  // stays open: the -wal keeps its frames
  writer.exec("PRAGMA user_version = 9");
  REQUIRE(std::filesystem::file_size(path + "-wal") > 0);
  const std::optional<Error> error = error_from([&] { Store store(path); });
  REQUIRE(error.has_value());
  CHECK(std::string(error->what()).find("schema 9; this build knows " + std::to_string(latest())) != std::string::npos);
}

TEST_CASE("a main file that is corrupt alone while the WAL holds the rest (a checkpoint cut short) still opens") {
  TempDir dir;
  const std::string path = make_attune_db(dir);
  SQLite::Database writer(path, SQLite::OPEN_READWRITE);  // stays open: the -wal keeps its frames
  writer.exec("PRAGMA wal_autocheckpoint = 0");
  writer.exec("CREATE TABLE scratch (x INTEGER)");  // page 1 (the schema) now has a newer copy in the WAL
  REQUIRE(std::filesystem::file_size(path + "-wal") > 0);
  // What a writer killed while copying pages back leaves: the header intact, page 1's old
  // b-tree overwritten with bytes that only make sense together with the rest of the WAL.
  std::string bytes = read_bytes(path);
  for (std::size_t i = 100; i < 4096; ++i) bytes[i] = '\xA5';
  {
    std::fstream out(path, std::ios::binary | std::ios::in | std::ios::out);
    out.write(bytes.data(), 4096);
  }
  Store store(path, OpenMode::MustExist);
  REQUIRE(store.sessions().size() == 1);
  CHECK(store.events(store.sessions()[0].id).size() == 200);
  CHECK(store.verify().integrity_ok);
}

TEST_CASE("a database locked by another writer is refused untouched after the busy timeout") {
  TempDir dir;
  const std::string path = make_attune_db(dir);
  const std::string before = read_bytes(path);
  SQLite::Database other(path, SQLite::OPEN_READWRITE);
  other.exec("PRAGMA locking_mode = EXCLUSIVE");
  other.exec("BEGIN EXCLUSIVE");
  other.exec("INSERT INTO ratings (session_id, scale_id, value) VALUES (1, 'sensitivity', 5)");
  const auto start = std::chrono::steady_clock::now();
  const std::optional<Error> error = error_from([&] { Store store(path); });
  const auto waited = std::chrono::steady_clock::now() - start;
  REQUIRE(error.has_value());
  CHECK(error->kind() == ErrorKind::Storage);
  CHECK(std::string(error->what()).find("locked by another writer") != std::string::npos);
  CHECK(waited >= std::chrono::milliseconds(4500));
  other.exec("ROLLBACK");
  CHECK(read_bytes(path) == before);
}

TEST_CASE("a write that waits for another writer past the timeout fails as Storage and changes nothing") {
  test::StoreFixture fx;
  SQLite::Database other(fx.db_path, SQLite::OPEN_READWRITE);
  other.exec("BEGIN IMMEDIATE");
  const std::optional<Error> error = error_from([&] { fx.store->import_scheme(test::scheme_text("other", 1)); });
  REQUIRE(error.has_value());
  CHECK(error->kind() == ErrorKind::Storage);
  CHECK(std::string(error->what()).find("locked") != std::string::npos);
  other.exec("ROLLBACK");
  CHECK_FALSE(fx.store->find_scheme("other", std::nullopt).has_value());
  CHECK(fx.store->import_scheme(test::scheme_text("other", 1)) > 0);  // and works once the other is done
}

TEST_CASE("default database path and actor come from the environment") {
  {
    EnvGuard db("ATTUNE_DB", "/data/x.db");
    CHECK(default_database_path() == "/data/x.db");
  }
  {
    EnvGuard db("ATTUNE_DB", nullptr);
    EnvGuard xdg("XDG_DATA_HOME", "/xdg");
    CHECK(default_database_path() == "/xdg/attune/attune.db");
  }
  {
    EnvGuard db("ATTUNE_DB", nullptr);
    EnvGuard xdg("XDG_DATA_HOME", "relative/ignored");
    EnvGuard home("HOME", "/home/c");
    CHECK(default_database_path() == "/home/c/.local/share/attune/attune.db");
  }
  test::TempDir config;  // no saved name in the user's real config can leak in
  EnvGuard xdg_config("XDG_CONFIG_HOME", config.path().c_str());
  {
    EnvGuard a("ATTUNE_USER", "clinician7");
    CHECK(current_actor() == "clinician7");
  }
  {
    EnvGuard a("ATTUNE_USER", nullptr);
    EnvGuard u("USER", "ann");
    CHECK(current_actor() == "ann");
  }
  {
    EnvGuard a("ATTUNE_USER", nullptr);
    EnvGuard u("USER", nullptr);
    EnvGuard l("LOGNAME", "lg");
    CHECK(current_actor() == "lg");
  }
  {
    EnvGuard a("ATTUNE_USER", nullptr);
    EnvGuard u("USER", nullptr);
    EnvGuard l("LOGNAME", nullptr);
    CHECK(current_actor() == getpwuid(getuid())->pw_name);  // the login name, never "unknown"
  }
}

TEST_CASE("a name saved once in the user's config is the actor, after ATTUNE_USER, kept 0600 and replaced whole") {
  test::TempDir config;
  EnvGuard xdg_config("XDG_CONFIG_HOME", config.path().c_str());
  EnvGuard a("ATTUNE_USER", nullptr);
  EnvGuard u("USER", "login7");
  CHECK(saved_user_name().empty());
  CHECK(current_actor() == "login7");
  save_user_name("  Dr Ann Lee ");
  CHECK(user_config_path() == config.path() + "/attune/user.json");
  CHECK(saved_user_name() == "Dr Ann Lee");
  CHECK(current_actor() == "Dr Ann Lee");
  CHECK(test::mode_of(user_config_path()) == 0600u);
  save_user_name("Ann Lee");
  CHECK(saved_user_name() == "Ann Lee");
  CHECK(std::distance(std::filesystem::directory_iterator(config.path() + "/attune"),
                      std::filesystem::directory_iterator{}) == 1);  // no temporary file left behind
  {
    EnvGuard explicit_user("ATTUNE_USER", "batch-job");
    CHECK(current_actor() == "batch-job");
  }
  const std::optional<Error> blank = error_from([] { save_user_name("   "); });
  REQUIRE(blank.has_value());
  CHECK(blank->kind() == ErrorKind::InvalidInput);
  CHECK(saved_user_name() == "Ann Lee");
}

TEST_CASE("FileCheck::Background opens without reading the whole file, and quick_check_file finds the damage") {
  TempDir dir;
  const std::string path = make_attune_db(dir);
  CHECK(quick_check_file(path) == "ok");
  std::string bytes = read_bytes(path);
  REQUIRE(bytes.size() > 3 * 4096);
  for (std::size_t i = 4096; i < 2 * 4096; ++i) bytes[i] = '\xA5';  // a damaged table page, header intact
  write_bytes(path, bytes);
  // The window's open: the header, ownership and version are checked, the pages are not.
  { Store store(path, OpenMode::MustExist, "tester", FileCheck::Background); }
  // The check it runs on another thread says what is wrong.
  const std::string result = quick_check_file(path);
  CHECK(result != "ok");
  CHECK(result.find('\n') == std::string::npos);
  // The CLI's open still refuses it.
  CHECK_THROWS_AS(Store(path, OpenMode::MustExist, "tester"), Error);
}

TEST_CASE("FileCheck::Background still refuses a file that is not ours or too new, at once") {
  TempDir dir;
  const std::string path = make_attune_db(dir);
  {
    SQLite::Database db(path, SQLite::OPEN_READWRITE);
    db.exec("PRAGMA user_version = 7");
  }
  CHECK_THROWS_AS(Store(path, OpenMode::MustExist, "tester", FileCheck::Background), Error);
}

}  // namespace
}  // namespace attune

namespace attune {
namespace {

// Regression: opening a second Store in a process that already had one used to read the file
// header with its own descriptor; closing it dropped the first connection's POSIX locks, a
// second process then checkpointed and removed the WAL underneath it, and the first
// connection's next commits were lost. The window does exactly this (start screen + session).
// Counts the events with the sqlite3 shell: another process that opens and closes the file.
std::string count_events_elsewhere(const std::string& db) {
  int fds[2];
  REQUIRE(pipe(fds) == 0);
  std::string sql = "SELECT count(*) FROM events;";
  std::string shell = "/usr/bin/sqlite3", path = db;
  char* argv[] = {shell.data(), path.data(), sql.data(), nullptr};
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_adddup2(&actions, fds[1], STDOUT_FILENO);
  posix_spawn_file_actions_addclose(&actions, fds[0]);
  pid_t pid = 0;
  REQUIRE(posix_spawn(&pid, argv[0], &actions, nullptr, argv, environ) == 0);
  posix_spawn_file_actions_destroy(&actions);
  close(fds[1]);
  std::string out;
  char buffer[256];
  for (ssize_t n; (n = read(fds[0], buffer, sizeof buffer)) > 0;) out.append(buffer, static_cast<std::size_t>(n));
  close(fds[0]);
  int status = 0;
  waitpid(pid, &status, 0);
  while (!out.empty() && out.back() == '\n') out.pop_back();
  return out;
}

TEST_CASE("a second connection in the same process never costs the first its commits") {
  test::StoreFixture f;  // the first connection stays open, as the window's start screen does
  // The second connection (the window's session) opens while the first is open, and codes.
  Store second(f.db_path, OpenMode::MustExist, "bob");
  auto journal = second.journal(f.session);
  journal->commit({"Add a", {EventOp::insert(test::make_event("a", "child", 1'000'000, 1'000'000))}});

  // Another process opens and closes the database, as `attune-cli event list` would. (A
  // forked child would not do: it inherits this process's SQLite lock bookkeeping.)
  CHECK(count_events_elsewhere(f.db_path) == "1");
  journal->commit({"Add b", {EventOp::insert(test::make_event("b", "child", 2'000'000, 2'000'000))}});
  journal.reset();
  // What a fresh process finds on disk, while this process's connections stay open.
  CHECK(count_events_elsewhere(f.db_path) == "2");
}

}  // namespace
}  // namespace attune
