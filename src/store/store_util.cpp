#include "store/store_util.h"

#include <openssl/evp.h>
#include <sqlite3.h>

#include <SQLiteCpp/Statement.h>
#include <array>
#include <chrono>
#include <cstdio>
#include <ctime>
#include <filesystem>
#include <stdexcept>

namespace attune::store_detail {

std::string utc_now() {
  using namespace std::chrono;
  const auto now = time_point_cast<microseconds>(system_clock::now());
  const auto secs = time_point_cast<seconds>(now);
  const std::time_t t = system_clock::to_time_t(secs);
  std::tm tm{};
  gmtime_r(&t, &tm);
  std::array<char, 128> buf{};  // room for any int the compiler imagines
  const long micros = static_cast<long>((now - secs).count());
  std::snprintf(buf.data(), buf.size(), "%04d-%02d-%02dT%02d:%02d:%02d.%06ldZ", tm.tm_year + 1900,
                tm.tm_mon + 1, tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec, micros);
  return buf.data();
}

std::string sha256_hex(std::string_view data) {
  std::array<unsigned char, EVP_MAX_MD_SIZE> digest{};
  unsigned int length = 0;
  if (EVP_Digest(data.data(), data.size(), digest.data(), &length, EVP_sha256(), nullptr) != 1)
    throw Error(ErrorKind::Storage, "SHA-256 failed (OpenSSL)");
  static constexpr char kHex[] = "0123456789abcdef";
  std::string hex;
  hex.reserve(length * 2);
  for (unsigned int i = 0; i < length; ++i) {
    hex.push_back(kHex[digest[i] >> 4]);
    hex.push_back(kHex[digest[i] & 0x0f]);
  }
  return hex;
}

std::string one_line(std::string text) {
  for (char& c : text)
    if (c == '\n' || c == '\r' || c == '\t') c = ' ';
  return text;
}

std::string dump_text(const nlohmann::json& value) {
  try {
    return value.dump();
  } catch (const nlohmann::json::type_error&) {
    throw Error(ErrorKind::InvalidInput, "text is not valid UTF-8");
  }
}

Error storage_error(const std::string& path, const SQLite::Exception& e) {
  const int code = e.getErrorCode() & 0xff;
  std::string message;
  switch (code) {
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
      message = path + " is locked by another writer (waited " + std::to_string(kBusyTimeoutMs / 1000) +
                " s); try again when it is done";
      break;
    case SQLITE_CORRUPT: message = path + " is damaged: " + e.what(); break;
    case SQLITE_NOTADB: message = path + " is not an Attune database (not a SQLite file)"; break;
    case SQLITE_READONLY: message = path + " cannot be written: " + e.what(); break;
    case SQLITE_FULL: message = path + ": the disk is full"; break;
    default: message = path + ": " + e.what(); break;
  }
  return Error(ErrorKind::Storage, one_line(std::move(message)));
}

void bind_optional(SQLite::Statement& st, int index, const std::optional<std::int64_t>& value) {
  if (value)
    st.bind(index, *value);
  else
    st.bind(index);
}

void bind_text_or_null(SQLite::Statement& st, int index, const std::string& text) {
  if (text.empty())
    st.bind(index);
  else
    st.bind(index, text);
}

std::string folder_of(const std::string& path) {
  const std::filesystem::path parent = std::filesystem::path(path).parent_path();
  return parent.empty() ? std::string(".") : parent.string();
}

}  // namespace attune::store_detail
