#pragma once
// Store-internal helpers shared by the store's .cpp files: clock, hashing, JSON text, and the
// translation of SQLite / JSON exceptions into attune::Error with one line.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include <SQLiteCpp/Exception.h>
#include <nlohmann/json.hpp>

#include "core/error.h"

namespace SQLite {
class Statement;
}

namespace attune::store_detail {

constexpr int kBusyTimeoutMs = 5000;

// "2024-05-01T12:34:56.123456Z": sorts as text, exact to the microsecond.
std::string utc_now();
// Lowercase hex SHA-256 (OpenSSL libcrypto).
std::string sha256_hex(std::string_view data);
// The folder a database (or backup) file is in: "." for a bare file name.
std::string folder_of(const std::string& path);
// Newlines and tabs become spaces: every message the store throws is one line.
std::string one_line(std::string text);

// JSON text for the database; invalid UTF-8 in user text is Error(InvalidInput).
std::string dump_text(const nlohmann::json& value);

Error storage_error(const std::string& path, const SQLite::Exception& e);

// Binds a value or NULL.
void bind_optional(SQLite::Statement& st, int index, const std::optional<std::int64_t>& value);
void bind_text_or_null(SQLite::Statement& st, int index, const std::string& text);  // "" -> NULL

// Runs f, turning SQLite and JSON exceptions into Error(Storage) that names the database.
template <class F>
auto guarded(const std::string& path, F&& f) -> decltype(f()) {
  try {
    return f();
  } catch (const SQLite::Exception& e) {
    throw storage_error(path, e);
  } catch (const nlohmann::json::exception& e) {
    throw Error(ErrorKind::Storage, one_line(path + ": unreadable JSON in the database: " + e.what()));
  }
}

}  // namespace attune::store_detail
