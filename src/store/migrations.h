#pragma once
// Versioned DDL: schemas/NNN-*.sql, embedded in the binary. PRAGMA user_version holds the
// version a database is at; PRAGMA application_id marks it as Attune's.
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace SQLite {
class Database;
}

namespace attune::store_detail {

constexpr std::int32_t kApplicationId = 0x4174754E;  // "AtuN"

struct Migration {
  int version;           // 1, 2, … without gaps; the database's user_version after it ran
  std::string_view sql;  // several statements
};

// The migrations this build ships, oldest first.
std::vector<Migration> builtin_migrations();
// The version the last migration brings a database to (0 for an empty list).
int latest_version(std::span<const Migration> migrations);

// Brings the database to the latest version in one IMMEDIATE transaction (the DDL, the
// user_version and, for a blank database, the application_id), re-checking inside the
// transaction what another process may have done meanwhile. Returns the final version.
// Throws Error(Storage) naming `path` when a migration fails; nothing is changed then.
int migrate(SQLite::Database& db, const std::string& path, std::span<const Migration> migrations);

}  // namespace attune::store_detail
