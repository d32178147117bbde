// Backups (SQLite's online backup API) and restore: consistent while another connection
// writes, 0600, and a restore that refuses a damaged backup and leaves the target untouched.
#include <SQLiteCpp/Database.h>
#include <SQLiteCpp/Statement.h>

#include <algorithm>

#include <atomic>
#include <set>
#include <thread>

#include "store/backup.h"
#include "store_fixture.h"

using namespace attune;
using namespace attune::test;

namespace {

// Ids of the session's events, in order.
std::vector<EventId> event_ids(const Store& store, SessionId session) {
  std::vector<EventId> ids;
  for (const Event& e : store.events(session)) ids.push_back(e.id);
  std::sort(ids.begin(), ids.end());
  return ids;
}

}  // namespace

TEST_CASE("backup: taken while another connection writes, it restores to a consistent database") {
  StoreFixture fx;
  fx.store->journal(fx.session)->commit(ChangeSet{"Add", {EventOp::insert(make_event("Bid", "Child", 0, 0))}});
  std::atomic<bool> stop{false};
  std::atomic<int> written{1};
  // The writer: one event per transaction, as a coder's keystrokes, on its own connection.
  std::thread writer([&] {
    Store own(fx.db_path, OpenMode::MustExist, "alice");
    std::unique_ptr<Journal> journal = own.journal(fx.session);
    for (int i = 1; !stop.load() || i < 20; ++i) {
      journal->commit(ChangeSet{"Add", {EventOp::insert(make_event("Bid", "Child", i * 1000, i * 1000))}});
      written = i + 1;
    }
  });
  while (written.load() < 10) std::this_thread::yield();
  const std::string backup = backup_folder(fx.db_path) + "/during.db";
  {
    Store reader(fx.db_path, OpenMode::MustExist, "bob");
    reader.backup_to(backup);  // the backups folder is created 0700
  }
  const int before_end = written.load();
  stop = true;
  writer.join();
  CHECK(mode_of(backup) == 0600u);
  CHECK(mode_of(backup_folder(fx.db_path)) == 0700u);
  CHECK_FALSE(std::filesystem::exists(backup + "-wal"));  // one self-contained file

  const std::string target = fx.dir.file("restored.db");
  const RestoreResult restored = restore_database(backup, target);
  CHECK(restored.kept_aside.empty());
  Store copy(target, OpenMode::MustExist, "carol");
  const std::vector<EventId> ids = event_ids(copy, fx.session);
  // A moment of the database: a whole prefix of the writer's events, nothing torn.
  REQUIRE(ids.size() >= 10);
  CHECK(ids.size() <= static_cast<std::size_t>(before_end));
  const std::vector<EventId> all = event_ids(*fx.store, fx.session);
  CHECK(std::equal(ids.begin(), ids.end(), all.begin()));
  const VerifyReport report = copy.verify();
  CHECK(report.integrity_ok);
  CHECK(report.audit_ok);
  // Events and audit rows agree: one event.insert row per event in the copy.
  std::size_t inserts = 0;
  for (const AuditRow& row : copy.audit(fx.session)) inserts += row.action == "event.insert";
  CHECK(inserts == ids.size());
}

TEST_CASE("restore: the replaced database is kept aside, and the restored one is the backup") {
  StoreFixture fx;
  fx.store->journal(fx.session)->commit(ChangeSet{"Add", {EventOp::insert(make_event("Bid", "Child", 0, 0))}});
  const std::string backup = fx.dir.file("monday.db");
  fx.store->backup_to(backup);
  fx.store->journal(fx.session)->commit(ChangeSet{"Add", {EventOp::insert(make_event("Bid", "Child", 5, 5))}});
  CHECK(event_ids(*fx.store, fx.session).size() == 2);
  // The target is open: refused, untouched.
  const std::optional<Error> busy = error_from([&] { restore_database(backup, fx.db_path); });
  REQUIRE(busy.has_value());
  CHECK(busy->kind() == ErrorKind::Conflict);
  CHECK(std::string(busy->what()).find("open in another program") != std::string::npos);
  CHECK(event_ids(*fx.store, fx.session).size() == 2);
  fx.store.reset();

  const RestoreResult result = restore_database(backup, fx.db_path);
  REQUIRE_FALSE(result.kept_aside.empty());
  CHECK(result.kept_aside.rfind(fx.db_path + ".replaced-", 0) == 0);
  CHECK(Store(result.kept_aside, OpenMode::ReadOnly, "").events(fx.session).size() == 2);
  fx.reopen();
  CHECK(event_ids(*fx.store, fx.session).size() == 1);
  CHECK(fx.store->verify().audit_ok);
}

TEST_CASE("restore: a damaged backup, a tampered audit trail or another file is refused, the target untouched") {
  StoreFixture fx;
  for (int i = 0; i < 300; ++i)
    fx.store->journal(fx.session)->commit(
        ChangeSet{"Add", {EventOp::insert(make_event("Bid", "Child", i * 1000, i * 1000))}});
  fx.store.reset();
  const std::string before = read_bytes(fx.db_path);

  SUBCASE("damaged pages") {
    const std::string backup = fx.dir.file("damaged.db");
    Store(fx.db_path, OpenMode::MustExist, "alice").backup_to(backup);
    std::string bytes = read_bytes(backup);
    REQUIRE(bytes.size() > 8 * 4096);
    for (std::size_t i = 4096 * 3; i < 4096 * 6; i += 7) bytes[i] = static_cast<char>(bytes[i] ^ 0x5a);
    write_bytes(backup, bytes);
    const std::optional<Error> error = error_from([&] { restore_database(backup, fx.db_path); });
    REQUIRE(error.has_value());
    CHECK(error->kind() == ErrorKind::Storage);
    const std::string message = error->what();
    CHECK_MESSAGE(message.find(backup) != std::string::npos, message);
    CHECK(message.find("nothing was restored") != std::string::npos);
    CHECK(message.find("attune-restoring") == std::string::npos);
  }
  SUBCASE("an audit row rewritten") {
    const std::string backup = fx.dir.file("tampered.db");
    Store(fx.db_path, OpenMode::MustExist, "alice").backup_to(backup);
    {
      SQLite::Database db(backup, SQLite::OPEN_READWRITE);
      db.exec("DROP TRIGGER audit_no_update");
      db.exec("UPDATE audit SET actor = 'mallory' WHERE id = 3");
    }
    const std::optional<Error> error = error_from([&] { restore_database(backup, fx.db_path); });
    REQUIRE(error.has_value());
    CHECK(std::string(error->what()).find("audit") != std::string::npos);
  }
  SUBCASE("a text file") {
    const std::string backup = fx.dir.file("notes.txt");
    write_bytes(backup, std::string(10000, 'n'));
    CHECK(error_from([&] { restore_database(backup, fx.db_path); }).has_value());
  }
  CHECK(read_bytes(fx.db_path) == before);
  std::size_t leftovers = 0;
  for (const auto& e : std::filesystem::directory_iterator(fx.dir.path()))
    leftovers += e.path().filename().string().find("attune-restoring") != std::string::npos;
  CHECK(leftovers == 0);
}

TEST_CASE("automatic backup: once a day, the newest kept, 0600 in a 0700 folder") {
  StoreFixture fx;
  fx.store.reset();
  const std::string folder = backup_folder(fx.db_path);
  ::mkdir(folder.c_str(), 0700);
  // Older automatic backups, and a file that is not one.
  for (const char* day : {"2026-01-01", "2026-01-02", "2026-01-03", "2026-01-04"})
    write_bytes(folder + "/attune.db-auto-" + day + ".db", "old");
  write_bytes(folder + "/attune.db-auto-notes.txt", "mine");
  const std::optional<std::string> made = auto_backup(fx.db_path, 3);
  REQUIRE(made.has_value());
  CHECK(mode_of(*made) == 0600u);
  CHECK_FALSE(auto_backup(fx.db_path, 3).has_value());  // today's is there
  CHECK_FALSE(std::filesystem::exists(folder + "/attune.db-auto-2026-01-01.db"));
  CHECK_FALSE(std::filesystem::exists(folder + "/attune.db-auto-2026-01-02.db"));
  CHECK(std::filesystem::exists(folder + "/attune.db-auto-2026-01-03.db"));
  CHECK(std::filesystem::exists(folder + "/attune.db-auto-2026-01-04.db"));
  CHECK(std::filesystem::exists(folder + "/attune.db-auto-notes.txt"));
  Store copy(*made, OpenMode::ReadOnly, "");
  CHECK(copy.sessions().size() == 1);
}
