#pragma once
// The append-only audit trail and its SHA-256 hash chain (see schemas/001-initial.sql):
// each row's hash covers the previous row's hash and this row's content, so an edited,
// inserted or removed row breaks the chain at that point. Limits: removing the newest rows
// leaves a shorter valid chain, and anyone who can write the file can rebuild the whole
// chain; catching those needs a head (audit_head.h) kept elsewhere, checked by
// verify_audit_chain(db, &expected).
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "store/store.h"

namespace attune::store_detail {

inline const std::string kGenesisHash(64, '0');

// Appends audit rows inside the caller's open transaction (which must be IMMEDIATE, so the
// chain head cannot move underneath). One writer per transaction: it caches the head.
class AuditWriter {
 public:
  AuditWriter(SQLite::Database& db, std::string actor, std::string at_utc);
  void append(std::string_view action, std::string_view table_name, std::int64_t row_id,
              std::optional<std::int64_t> session_id, const std::optional<std::string>& old_json,
              const std::optional<std::string>& new_json);
  const std::string& at_utc() const { return at_utc_; }

 private:
  SQLite::Database& db_;
  std::string actor_;
  std::string at_utc_;
  std::int64_t next_id_ = 1;
  std::string last_hash_ = kGenesisHash;
};

struct AuditFields {
  std::int64_t id = 0;
  std::string at_utc, actor, action, table_name;
  std::int64_t row_id = 0;
  std::optional<std::int64_t> session_id;
  std::optional<std::string> old_json, new_json;
};

// sha256_hex(prev_hash || canonical(fields)).
std::string audit_hash(const std::string& prev_hash, const AuditFields& fields);

std::vector<AuditRow> read_audit(SQLite::Database& db, std::optional<std::int64_t> session_id);

// The stored head: the row count and the newest row's stored hash (no hashing).
AuditHead read_audit_head(SQLite::Database& db);

struct ChainReport {
  bool ok = true;
  std::int64_t rows = 0;
  std::optional<std::int64_t> first_broken_id;
  std::string message;
  AuditHead head;  // as stored
  // With an expected head: whether the chain up to its row is intact and ends in its hash.
  bool anchor_ok = true;
  std::string anchor_message;
};
ChainReport verify_audit_chain(SQLite::Database& db, const AuditHead* expected = nullptr);

}  // namespace attune::store_detail
