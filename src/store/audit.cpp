#include "store/audit.h"

#include <SQLiteCpp/Database.h>
#include <SQLiteCpp/Statement.h>

#include "store/store_util.h"

namespace attune::store_detail {

namespace {

// Each field as "<byte length>:<bytes>," and NULL as "~,": unambiguous for any bytes, and
// simple enough to recompute outside Attune.
void put(std::string& out, std::string_view text) {
  out += std::to_string(text.size());
  out += ':';
  out += text;
  out += ',';
}
void put(std::string& out, const std::optional<std::string>& text) {
  if (text)
    put(out, std::string_view(*text));
  else
    out += "~,";
}
void put(std::string& out, std::optional<std::int64_t> number) {
  if (number)
    put(out, std::string_view(std::to_string(*number)));
  else
    out += "~,";
}

std::optional<std::string> optional_text(const SQLite::Column& column) {
  if (column.isNull()) return std::nullopt;
  return column.getString();
}
std::optional<std::int64_t> optional_int(const SQLite::Column& column) {
  if (column.isNull()) return std::nullopt;
  return column.getInt64();
}

constexpr const char* kColumns =
    "SELECT id, at_utc, actor, action, table_name, row_id, session_id, old_json, new_json, prev_hash, hash "
    "FROM audit ";

AuditFields fields_of(SQLite::Statement& st) {
  AuditFields f;
  f.id = st.getColumn(0).getInt64();
  f.at_utc = st.getColumn(1).getString();
  f.actor = st.getColumn(2).getString();
  f.action = st.getColumn(3).getString();
  f.table_name = st.getColumn(4).getString();
  f.row_id = st.getColumn(5).getInt64();
  f.session_id = optional_int(st.getColumn(6));
  f.old_json = optional_text(st.getColumn(7));
  f.new_json = optional_text(st.getColumn(8));
  return f;
}

}  // namespace

std::string audit_hash(const std::string& prev_hash, const AuditFields& f) {
  std::string content = prev_hash;
  put(content, std::optional<std::int64_t>(f.id));
  put(content, std::string_view(f.at_utc));
  put(content, std::string_view(f.actor));
  put(content, std::string_view(f.action));
  put(content, std::string_view(f.table_name));
  put(content, std::optional<std::int64_t>(f.row_id));
  put(content, f.session_id);
  put(content, f.old_json);
  put(content, f.new_json);
  return sha256_hex(content);
}

AuditWriter::AuditWriter(SQLite::Database& db, std::string actor, std::string at_utc)
    : db_(db), actor_(std::move(actor)), at_utc_(std::move(at_utc)) {
  // Every change writes an audit row: none is recorded without knowing who made it.
  if (actor_.empty())
    throw Error(ErrorKind::InvalidInput,
                "who is making this change is not known: give your name in the Attune window, or set ATTUNE_USER");
  SQLite::Statement head(db_, "SELECT id, hash FROM audit ORDER BY id DESC LIMIT 1");
  if (head.executeStep()) {
    next_id_ = head.getColumn(0).getInt64() + 1;
    last_hash_ = head.getColumn(1).getString();
  }
}

void AuditWriter::append(std::string_view action, std::string_view table_name, std::int64_t row_id,
                         std::optional<std::int64_t> session_id, const std::optional<std::string>& old_json,
                         const std::optional<std::string>& new_json) {
  AuditFields f{next_id_, at_utc_, actor_, std::string(action), std::string(table_name), row_id,
                session_id, old_json, new_json};
  const std::string hash = audit_hash(last_hash_, f);
  SQLite::Statement insert(db_,
                           "INSERT INTO audit (id, at_utc, actor, action, table_name, row_id, session_id, "
                           "old_json, new_json, prev_hash, hash) VALUES (?,?,?,?,?,?,?,?,?,?,?)");
  insert.bind(1, f.id);
  insert.bind(2, f.at_utc);
  insert.bind(3, f.actor);
  insert.bind(4, f.action);
  insert.bind(5, f.table_name);
  insert.bind(6, f.row_id);
  bind_optional(insert, 7, f.session_id);
  if (old_json) insert.bind(8, *old_json); else insert.bind(8);
  if (new_json) insert.bind(9, *new_json); else insert.bind(9);
  insert.bind(10, last_hash_);
  insert.bind(11, hash);
  insert.exec();
  last_hash_ = hash;
  ++next_id_;
}

std::vector<AuditRow> read_audit(SQLite::Database& db, std::optional<std::int64_t> session_id) {
  SQLite::Statement st(db, std::string(kColumns) + (session_id ? "WHERE session_id = ? ORDER BY id" : "ORDER BY id"));
  if (session_id) st.bind(1, *session_id);
  std::vector<AuditRow> rows;
  while (st.executeStep()) {
    AuditFields f = fields_of(st);
    rows.push_back(AuditRow{f.id, f.at_utc, f.actor, f.action, f.table_name, f.row_id, f.session_id,
                            f.old_json.value_or(""), f.new_json.value_or(""), st.getColumn(9).getString(),
                            st.getColumn(10).getString()});
  }
  return rows;
}

AuditHead read_audit_head(SQLite::Database& db) {
  AuditHead head;
  SQLite::Statement st(db, "SELECT (SELECT count(*) FROM audit), (SELECT hash FROM audit ORDER BY id DESC LIMIT 1)");
  if (st.executeStep()) {
    head.count = st.getColumn(0).getInt64();
    if (!st.getColumn(1).isNull()) head.hash = st.getColumn(1).getString();
  }
  return head;
}

namespace {

// What a head recorded earlier says about the chain as it is now. `at_count`: the stored hash
// of the row at the head's position (1-based, oldest first), when the trail is that long;
// `broken_before`: the chain is broken at or before that row.
void check_anchor(ChainReport& report, const AuditHead& expected, const std::optional<std::string>& at_count,
                  bool broken_before) {
  const std::string recorded = "the head recorded earlier (" + expected.abbreviated() + ")";
  if (expected.count == 0) {
    report.anchor_ok = expected.hash == kGenesisHash;
    report.anchor_message = report.anchor_ok ? "the head recorded earlier is the empty trail's"
                                             : recorded + " is not a head of any trail: an empty trail's hash is 64 zeros";
    return;
  }
  if (!at_count) {
    report.anchor_ok = false;
    report.anchor_message = "the audit trail has " + std::to_string(report.rows) + " rows, fewer than the " +
                            std::to_string(expected.count) + " of " + recorded + ": rows were removed";
    return;
  }
  if (broken_before) {
    report.anchor_ok = false;
    report.anchor_message = "the audit trail up to row " + std::to_string(expected.count) + " of " + recorded +
                            " is broken (" + report.message + ")";
    return;
  }
  if (*at_count != expected.hash) {
    report.anchor_ok = false;
    report.anchor_message = "the audit trail up to row " + std::to_string(expected.count) + " does not hash to " +
                            recorded + ": rows up to it were removed, altered or rewritten since it was recorded";
    return;
  }
  const std::int64_t added = report.rows - expected.count;
  report.anchor_message = "the audit trail up to row " + std::to_string(expected.count) + " matches " + recorded +
                          "; " + std::to_string(added) + (added == 1 ? " row" : " rows") + " added since";
}

}  // namespace

ChainReport verify_audit_chain(SQLite::Database& db, const AuditHead* expected) {
  ChainReport report;
  SQLite::Statement st(db, std::string(kColumns) + "ORDER BY id");
  std::string expected_prev = kGenesisHash;
  std::optional<std::string> at_count;  // the stored hash at the expected head's row
  bool broken_before = false;
  while (st.executeStep()) {
    const AuditFields f = fields_of(st);
    const std::string prev_hash = st.getColumn(9).getString();
    const std::string hash = st.getColumn(10).getString();
    ++report.rows;
    if (report.ok) {
      std::string problem;
      if (prev_hash != expected_prev)
        problem = "does not follow the row before it (a row was removed, inserted or altered)";
      else if (audit_hash(prev_hash, f) != hash)
        problem = "was altered after it was written";
      if (!problem.empty()) {
        report.ok = false;
        report.first_broken_id = f.id;
        report.message = "audit row " + std::to_string(f.id) + " " + problem;
      }
    }
    if (expected && report.rows == expected->count) {
      at_count = hash;
      broken_before = !report.ok;
    }
    expected_prev = hash;
  }
  report.head.count = report.rows;
  report.head.hash = expected_prev;  // the newest row's stored hash (64 zeros when empty)
  if (report.ok) report.message = "audit chain intact (" + std::to_string(report.rows) + " rows)";
  if (expected) check_anchor(report, *expected, at_count, broken_before);
  return report;
}

}  // namespace attune::store_detail
