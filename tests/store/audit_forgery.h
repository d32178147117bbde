#pragma once
// Test-only: what a forger with the sqlite3 shell and the documented audit format can do
// after rewriting rows: recompute every row's prev_hash and hash, so the unkeyed chain
// verifies again. Tests use it to show what only a head kept elsewhere can catch.
#include <SQLiteCpp/SQLiteCpp.h>

#include <cstdint>
#include <string>
#include <tuple>
#include <vector>

#include "store/audit.h"

namespace attune::test {

inline void recompute_audit_chain(SQLite::Database& raw) {
  raw.exec("DROP TRIGGER IF EXISTS audit_no_update");
  SQLite::Statement rows(raw, "SELECT id, at_utc, actor, action, table_name, row_id, session_id, old_json, new_json "
                              "FROM audit ORDER BY id");
  std::string prev = store_detail::kGenesisHash;
  std::vector<std::tuple<std::int64_t, std::string, std::string>> rechained;  // id, prev_hash, hash
  while (rows.executeStep()) {
    store_detail::AuditFields f;
    f.id = rows.getColumn(0).getInt64();
    f.at_utc = rows.getColumn(1).getString();
    f.actor = rows.getColumn(2).getString();
    f.action = rows.getColumn(3).getString();
    f.table_name = rows.getColumn(4).getString();
    f.row_id = rows.getColumn(5).getInt64();
    if (!rows.getColumn(6).isNull()) f.session_id = rows.getColumn(6).getInt64();
    if (!rows.getColumn(7).isNull()) f.old_json = rows.getColumn(7).getString();
    if (!rows.getColumn(8).isNull()) f.new_json = rows.getColumn(8).getString();
    const std::string hash = store_detail::audit_hash(prev, f);
    rechained.emplace_back(f.id, prev, hash);
    prev = hash;
  }
  for (const auto& [id, prev_hash, hash] : rechained) {
    SQLite::Statement st(raw, "UPDATE audit SET prev_hash = ?, hash = ? WHERE id = ?");
    st.bind(1, prev_hash);
    st.bind(2, hash);
    st.bind(3, id);
    st.exec();
  }
}

}  // namespace attune::test
