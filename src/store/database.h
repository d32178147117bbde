#pragma once
// Opening a database file safely: create it private (0600 in 0700 folders), refuse files that
// are not ours, corrupt, locked or too new before anything is written, then set the
// connection's pragmas and run the migrations.
#include <cstdint>
#include <memory>
#include <span>
#include <string>

#include "store/migrations.h"
#include "store/store.h"

namespace attune::store_detail {

struct DatabaseFacts {
  std::int32_t application_id = 0;
  int user_version = 0;
  std::int64_t schema_objects = 0;  // rows of sqlite_schema
  // A SQLite file nobody has put anything into (e.g. we crashed right after creating it).
  bool blank() const { return application_id == 0 && user_version == 0 && schema_objects == 0; }
};

DatabaseFacts read_facts(SQLite::Database& db);
// Error(Storage) unless the facts describe a blank database or an Attune one this build can
// read (user_version <= latest).
void check_facts(const DatabaseFacts& facts, const std::string& path, int latest);

struct OpenedDatabase {
  std::unique_ptr<SQLite::Database> db;
  int version = 0;
};

// Store's constructor with the migration list as a parameter, so tests can inject more.
OpenedDatabase open_database(const std::string& path, OpenMode mode, std::span<const Migration> migrations,
                             FileCheck check = FileCheck::OnOpen);

}  // namespace attune::store_detail
