// The migration runner: fresh databases end at the latest version; older ones are brought
// forward with their data; a failing migration changes nothing.
#include <SQLiteCpp/Database.h>
#include <SQLiteCpp/Statement.h>

#include <vector>

#include "core/embedded.h"
#include "store/database.h"
#include "store/migrations.h"
#include "store_fixture.h"

namespace attune {
namespace {

using store_detail::Migration;
using store_detail::open_database;

std::vector<Migration> with_extra(std::string_view sql) {
  std::vector<Migration> migrations = store_detail::builtin_migrations();
  migrations.push_back({static_cast<int>(migrations.size()) + 1, sql});
  return migrations;
}

bool has_table(SQLite::Database& db, const std::string& name) {
  SQLite::Statement st(db, "SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = ?");
  st.bind(1, name);
  return st.executeStep();
}

TEST_CASE("the shipped migrations are embedded, numbered from 1, and a fresh database ends at the latest") {
  const std::vector<Migration> migrations = store_detail::builtin_migrations();
  REQUIRE_FALSE(migrations.empty());
  CHECK(migrations.front().version == 1);
  CHECK(migrations.front().sql == embedded_file("schemas/001-initial.sql"));
  CHECK(migrations.front().sql.find("CREATE TABLE events") != std::string_view::npos);

  test::TempDir dir;
  store_detail::OpenedDatabase opened = open_database(dir.file("a.db"), OpenMode::CreateIfMissing, migrations);
  CHECK(opened.version == store_detail::latest_version(migrations));
  CHECK(opened.db->execAndGet("PRAGMA user_version").getInt() == store_detail::latest_version(migrations));
  for (const char* table : {"schemes", "recordings", "sessions", "events", "ratings", "history_steps", "audit"})
    CHECK_MESSAGE(has_table(*opened.db, table), table);
  CHECK(Store(dir.file("a.db")).schema_version() == store_detail::latest_version(migrations));
}

TEST_CASE("a database at the latest version with data takes a further migration and keeps its data") {
  test::StoreFixture fx;
  std::unique_ptr<Journal> journal = fx.store->journal(fx.session);
  journal->commit(ChangeSet{"Add Bid", {EventOp::insert(test::make_event("Bid", "Child", 5, 5))}});
  const std::vector<AuditRow> audit_before = fx.store->audit();
  journal.reset();
  fx.store.reset();

  const std::vector<Migration> migrations =
      with_extra("ALTER TABLE events ADD COLUMN confidence INTEGER;"
                 "CREATE TABLE notes (id INTEGER PRIMARY KEY, session_id INTEGER NOT NULL REFERENCES sessions (id), "
                 "text TEXT NOT NULL) STRICT;");
  const int next = store_detail::latest_version(migrations);
  {
    store_detail::OpenedDatabase opened = open_database(fx.db_path, OpenMode::MustExist, migrations);
    CHECK(opened.version == next);
    SQLite::Database& db = *opened.db;
    CHECK(db.execAndGet("PRAGMA user_version").getInt() == next);
    CHECK(db.execAndGet("PRAGMA application_id").getInt() == store_detail::kApplicationId);
    CHECK(db.execAndGet("PRAGMA foreign_keys").getInt() == 1);
    CHECK(has_table(db, "notes"));
    CHECK(db.execAndGet("SELECT count(*) FROM events WHERE code = 'Bid' AND confidence IS NULL").getInt() == 1);
    CHECK(db.execAndGet("SELECT count(*) FROM audit").getInt64() == static_cast<std::int64_t>(audit_before.size()));
  }
  // Opening again with the same list is a no-op; this build now refuses the file.
  CHECK(open_database(fx.db_path, OpenMode::MustExist, migrations).version == next);
  const std::optional<Error> error = test::error_from([&] { Store store(fx.db_path); });
  REQUIRE(error.has_value());
  CHECK(std::string(error->what()) == fx.db_path + " was written by a newer Attune (schema " + std::to_string(next) +
                                          "; this build knows " + std::to_string(next - 1) + ")");
}

TEST_CASE("a fresh database runs every migration in one go") {
  test::TempDir dir;
  const std::vector<Migration> migrations = with_extra("CREATE TABLE extra (x INTEGER) STRICT;");
  store_detail::OpenedDatabase opened = open_database(dir.file("a.db"), OpenMode::CreateIfMissing, migrations);
  CHECK(opened.version == store_detail::latest_version(migrations));
  CHECK(has_table(*opened.db, "extra"));
  CHECK(has_table(*opened.db, "events"));
}

TEST_CASE("a failing migration is rolled back whole and reported as Storage") {
  test::StoreFixture fx;
  fx.store.reset();
  const std::vector<Migration> migrations =
      with_extra("CREATE TABLE half_done (x INTEGER); INSERT INTO no_such_table VALUES (1);");
  const std::optional<Error> error =
      test::error_from([&] { open_database(fx.db_path, OpenMode::MustExist, migrations); });
  REQUIRE(error.has_value());
  CHECK(error->kind() == ErrorKind::Storage);
  const int next = store_detail::latest_version(migrations);
  CHECK(std::string(error->what()).find("migration to schema " + std::to_string(next) + " failed") != std::string::npos);
  fx.reopen();
  CHECK(fx.store->schema_version() == next - 1);
  CHECK(fx.store->sessions().size() == 1);
  SQLite::Database raw(fx.db_path, SQLite::OPEN_READONLY);
  CHECK_FALSE(has_table(raw, "half_done"));
}

TEST_CASE("a migration that breaks a foreign key is refused") {
  test::StoreFixture fx;
  fx.store.reset();
  const std::vector<Migration> migrations = with_extra("DELETE FROM schemes;");
  const std::optional<Error> error =
      test::error_from([&] { open_database(fx.db_path, OpenMode::MustExist, migrations); });
  REQUIRE(error.has_value());
  CHECK(std::string(error->what()).find("foreign keys") != std::string::npos);
  fx.reopen();
  CHECK(fx.store->schemes().size() == 1);
}

TEST_CASE("a database that needs migrating cannot be opened read-only") {
  test::StoreFixture fx;
  fx.store.reset();
  const std::vector<Migration> migrations = with_extra("CREATE TABLE extra (x INTEGER) STRICT;");
  const std::optional<Error> error =
      test::error_from([&] { open_database(fx.db_path, OpenMode::ReadOnly, migrations); });
  REQUIRE(error.has_value());
  CHECK(error->kind() == ErrorKind::Storage);
  CHECK(std::string(error->what()).find("open it once for writing") != std::string::npos);
}

}  // namespace
}  // namespace attune
