#include "store/event_rows.h"

#include <SQLiteCpp/Database.h>
#include <SQLiteCpp/Exception.h>
#include <SQLiteCpp/Statement.h>
#include <sqlite3.h>

#include <string_view>

#include "core/error.h"
#include "store/modifier_text.h"
#include "store/store_util.h"

namespace attune::store_detail {

namespace {

using nlohmann::json;

template <class T>
json optional_json(const std::optional<T>& value) {
  return value ? json(*value) : json(nullptr);
}

template <class T>
std::optional<T> optional_from(const json& value) {
  if (value.is_null()) return std::nullopt;
  return value.get<T>();
}

constexpr const char* kSelect =
    "SELECT id, code, subject, start_us, end_us, frame, modifiers, comment FROM events ";

// Events are read straight from a sqlite3 statement (read_events runs for every event of
// every export): no SQLite::Column (each copies the statement's shared_ptr) and no string
// copied more than once. Errors are SQLite::Exception, as from SQLiteCpp.
class RowReader {
 public:
  RowReader(SQLite::Database& db, const std::string& sql) : db_(db.getHandle()) {
    check(sqlite3_prepare_v2(db_, sql.c_str(), static_cast<int>(sql.size()), &st_, nullptr));
  }
  ~RowReader() { sqlite3_finalize(st_); }
  RowReader(const RowReader&) = delete;
  RowReader& operator=(const RowReader&) = delete;

  void bind(int index, std::int64_t value) { check(sqlite3_bind_int64(st_, index, value)); }
  bool step() {
    const int rc = sqlite3_step(st_);
    if (rc == SQLITE_ROW) return true;
    if (rc == SQLITE_DONE) return false;
    throw SQLite::Exception(db_, rc);
  }
  bool is_null(int column) const { return sqlite3_column_type(st_, column) == SQLITE_NULL; }
  std::int64_t integer(int column) const { return sqlite3_column_int64(st_, column); }
  // A view of SQLite's text (valid until the next step); "" for NULL.
  std::string_view text(int column) const {
    const auto* p = reinterpret_cast<const char*>(sqlite3_column_text(st_, column));
    return p ? std::string_view(p, static_cast<std::size_t>(sqlite3_column_bytes(st_, column))) : std::string_view();
  }

  // The columns of kSelect.
  Event event() const {
    Event e;
    e.id = integer(0);
    e.code = text(1);
    e.subject = text(2);
    e.start = integer(3);
    if (!is_null(4)) e.end = integer(4);
    if (!is_null(5)) e.frame = integer(5);
    e.modifiers = modifiers_from_text(text(6));
    e.comment = text(7);
    return e;
  }

 private:
  void check(int rc) const {
    if (rc != SQLITE_OK) throw SQLite::Exception(db_, rc);
  }

  sqlite3* db_;
  sqlite3_stmt* st_ = nullptr;
};

// Binds code … comment to parameters first … first+6.
void bind_fields(SQLite::Statement& st, int first, const Event& e) {
  st.bind(first, e.code);
  bind_text_or_null(st, first + 1, e.subject);
  st.bind(first + 2, e.start);
  bind_optional(st, first + 3, e.end);
  bind_optional(st, first + 4, e.frame);
  st.bind(first + 5, dump_text(json(e.modifiers)));
  st.bind(first + 6, e.comment);
}

}  // namespace

json event_to_json(const Event& e) {
  return json{{"id", e.id},
              {"code", e.code},
              {"subject", e.subject.empty() ? json(nullptr) : json(e.subject)},
              {"start_us", e.start},
              {"end_us", optional_json(e.end)},
              {"frame", optional_json(e.frame)},
              {"modifiers", e.modifiers},
              {"comment", e.comment}};
}

Event event_from_json(const json& j) {
  Event e;
  e.id = j.at("id").get<EventId>();
  e.code = j.at("code").get<std::string>();
  e.subject = j.at("subject").is_null() ? std::string() : j.at("subject").get<std::string>();
  e.start = j.at("start_us").get<Micros>();
  e.end = optional_from<Micros>(j.at("end_us"));
  e.frame = optional_from<std::int64_t>(j.at("frame"));
  e.modifiers = j.at("modifiers").get<ModifierValues>();
  e.comment = j.at("comment").get<std::string>();
  return e;
}

std::string event_row_json(const Event& event, SessionId session) {
  json j = event_to_json(event);
  j["session_id"] = session;
  return dump_text(j);
}

json ops_to_json(const std::vector<EventOp>& ops) {
  json out = json::array();
  for (const EventOp& op : ops) {
    json j{{"op", to_string(op.kind)}};
    if (op.kind != EventOp::Kind::Insert) j["before"] = event_to_json(op.before);
    if (op.kind != EventOp::Kind::Delete) j["after"] = event_to_json(op.after);
    out.push_back(std::move(j));
  }
  return out;
}

std::vector<EventOp> ops_from_json(const json& j) {
  std::vector<EventOp> ops;
  for (const json& item : j) {
    const std::string kind = item.at("op").get<std::string>();
    if (kind == "insert")
      ops.push_back(EventOp::insert(event_from_json(item.at("after"))));
    else if (kind == "update")
      ops.push_back(EventOp::update(event_from_json(item.at("before")), event_from_json(item.at("after"))));
    else if (kind == "delete")
      ops.push_back(EventOp::remove(event_from_json(item.at("before"))));
    else
      throw Error(ErrorKind::Storage, "unknown operation \"" + one_line(kind) + "\" in the undo journal");
  }
  return ops;
}

std::optional<Event> read_event(SQLite::Database& db, SessionId session, EventId id) {
  RowReader row(db, std::string(kSelect) + "WHERE id = ? AND session_id = ?");
  row.bind(1, id);
  row.bind(2, session);
  if (!row.step()) return std::nullopt;
  return row.event();
}

std::vector<Event> read_events(SQLite::Database& db, SessionId session) {
  RowReader rows(db, std::string(kSelect) + "WHERE session_id = ? ORDER BY start_us, id");
  rows.bind(1, session);
  std::vector<Event> events;
  while (rows.step()) events.push_back(rows.event());
  return events;
}

void validate_event(const Event& e) {
  if (e.code.empty()) throw Error(ErrorKind::InvalidInput, "an event needs a code");
  if (e.end && *e.end < e.start)
    throw Error(ErrorKind::InvalidInput, "event " + std::to_string(e.id) + " ends before it starts");
  if (e.id < 0) throw Error(ErrorKind::InvalidInput, "event id " + std::to_string(e.id) + " is invalid");
}

EventId insert_event(SQLite::Database& db, SessionId session, const Event& e, const std::string& now) {
  validate_event(e);
  if (e.id != 0) {
    SQLite::Statement taken(db, "SELECT 1 FROM events WHERE id = ?");
    taken.bind(1, e.id);
    if (taken.executeStep()) throw Error(ErrorKind::Conflict, "event " + std::to_string(e.id) + " already exists");
  }
  SQLite::Statement st(db,
                       "INSERT INTO events (id, session_id, code, subject, start_us, end_us, frame, modifiers, "
                       "comment, created_utc, modified_utc) VALUES (?,?,?,?,?,?,?,?,?,?,?)");
  if (e.id != 0) st.bind(1, e.id); else st.bind(1);
  st.bind(2, session);
  bind_fields(st, 3, e);
  st.bind(10, now);
  st.bind(11, now);
  st.exec();
  return e.id != 0 ? e.id : db.getLastInsertRowid();
}

void update_event(SQLite::Database& db, SessionId session, const Event& e, const std::string& now) {
  validate_event(e);
  SQLite::Statement st(db,
                       "UPDATE events SET code = ?, subject = ?, start_us = ?, end_us = ?, frame = ?, "
                       "modifiers = ?, comment = ?, modified_utc = ? WHERE id = ? AND session_id = ?");
  bind_fields(st, 1, e);
  st.bind(8, now);
  st.bind(9, e.id);
  st.bind(10, session);
  if (st.exec() != 1) throw Error(ErrorKind::Conflict, "event " + std::to_string(e.id) + " was changed elsewhere");
}

void delete_event(SQLite::Database& db, SessionId session, EventId id) {
  SQLite::Statement st(db, "DELETE FROM events WHERE id = ? AND session_id = ?");
  st.bind(1, id);
  st.bind(2, session);
  if (st.exec() != 1) throw Error(ErrorKind::Conflict, "event " + std::to_string(id) + " was changed elsewhere");
}

}  // namespace attune::store_detail
