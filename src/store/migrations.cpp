#include "store/migrations.h"

#include <SQLiteCpp/Database.h>
#include <SQLiteCpp/Statement.h>
#include <SQLiteCpp/Transaction.h>
#include <stdexcept>

#include "core/embedded.h"
#include "core/error.h"
#include "store/database.h"
#include "store/store_util.h"

namespace attune::store_detail {

namespace {

std::string_view embedded_sql(std::string_view file) {
  std::string_view text = embedded_file(file);
  // A missing file is a build error (cmake/embed.cmake globs schemas/*.sql), not user input.
  if (text.empty()) throw std::logic_error("embedded migration missing: " + std::string(file));
  return text;
}

void check_sequence(std::span<const Migration> migrations) {
  for (std::size_t i = 0; i < migrations.size(); ++i)
    if (migrations[i].version != static_cast<int>(i) + 1)
      throw std::logic_error("migrations must be numbered 1, 2, … without gaps");
}

// PRAGMA arguments cannot be bound as parameters; these are our own integers, never input.
void set_pragma(SQLite::Database& db, const char* name, std::int64_t value) {
  db.exec(std::string("PRAGMA ") + name + " = " + std::to_string(value));
}

}  // namespace

std::vector<Migration> builtin_migrations() {
  // Add a line per new schemas/NNN-*.sql file; never edit a shipped one.
  return {
      {1, embedded_sql("schemas/001-initial.sql")},
      {2, embedded_sql("schemas/002-review.sql")},
      {3, embedded_sql("schemas/003-supervisors.sql")},
      {4, embedded_sql("schemas/004-session-delete.sql")},
  };
}

int latest_version(std::span<const Migration> migrations) {
  return migrations.empty() ? 0 : migrations.back().version;
}

int migrate(SQLite::Database& db, const std::string& path, std::span<const Migration> migrations) {
  check_sequence(migrations);
  const int latest = latest_version(migrations);
  DatabaseFacts facts = read_facts(db);
  check_facts(facts, path, latest);
  if (facts.user_version == latest) return latest;

  // Table rebuilds in later migrations need foreign keys off; it cannot change inside a
  // transaction, and foreign_key_check below stands in for it.
  db.exec("PRAGMA foreign_keys = OFF");
  try {
    SQLite::Transaction tx(db, SQLite::TransactionBehavior::IMMEDIATE);
    facts = read_facts(db);  // another process may have migrated while we waited
    check_facts(facts, path, latest);
    for (const Migration& m : migrations) {
      if (m.version <= facts.user_version) continue;
      try {
        db.exec(std::string(m.sql));
      } catch (const SQLite::Exception& e) {
        throw Error(ErrorKind::Storage, one_line(path + ": migration to schema " + std::to_string(m.version) +
                                                 " failed: " + e.what()));
      }
      set_pragma(db, "user_version", m.version);
    }
    if (facts.application_id != kApplicationId) set_pragma(db, "application_id", kApplicationId);
    SQLite::Statement fk(db, "PRAGMA foreign_key_check");
    if (fk.executeStep())
      throw Error(ErrorKind::Storage, path + ": migration left rows that break foreign keys in table " +
                                          fk.getColumn(0).getString());
    tx.commit();
  } catch (...) {
    db.exec("PRAGMA foreign_keys = ON");
    throw;
  }
  db.exec("PRAGMA foreign_keys = ON");
  return latest;
}

}  // namespace attune::store_detail
