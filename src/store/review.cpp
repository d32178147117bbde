// Supervisor review in the store: status rules, unlocking with a reason, the master coding of
// a recording, comments, and exports recorded in the audit trail (schemas/002-review.sql).
#include "store/review.h"

#include <SQLiteCpp/Database.h>
#include <SQLiteCpp/Statement.h>
#include <SQLiteCpp/Transaction.h>
#include <set>

#include "store/audit.h"
#include "store/store.h"
#include "store/store_util.h"
#include "core/text.h"

namespace attune {

using namespace store_detail;
using nlohmann::json;

namespace {

json comment_json(const SessionComment& c) {
  return json{{"id", c.id},
              {"session_id", c.session_id},
              {"event_id", c.event_id ? json(*c.event_id) : json(nullptr)},
              {"at_us", c.at ? json(*c.at) : json(nullptr)},
              {"author", c.author},
              {"text", c.text}};
}

constexpr const char* kCommentColumns = "id, session_id, event_id, at_us, author, text, created_utc";

SessionComment read_comment(SQLite::Statement& st) {
  SessionComment c;
  c.id = st.getColumn(0).getInt64();
  c.session_id = st.getColumn(1).getInt64();
  if (!st.getColumn(2).isNull()) c.event_id = st.getColumn(2).getInt64();
  if (!st.getColumn(3).isNull()) c.at = st.getColumn(3).getInt64();
  c.author = st.getColumn(4).getString();
  c.text = st.getColumn(5).getString();
  c.created_utc = st.getColumn(6).getString();
  return c;
}

// The comment with that id, Error(NotFound) when there is none.
SessionComment find_comment(SQLite::Database& db, std::int64_t id) {
  SQLite::Statement st(db, std::string("SELECT ") + kCommentColumns + " FROM comments WHERE id = ?");
  st.bind(1, id);
  if (!st.executeStep()) throw Error(ErrorKind::NotFound, "comment " + std::to_string(id) + " not found");
  return read_comment(st);
}

}  // namespace

namespace store_detail {

std::string session_text(SessionId session) { return "session " + std::to_string(session); }

Error session_deleted(SessionId session, const std::string& deleted_utc, const std::string& deleted_by) {
  return Error(ErrorKind::NotFound, session_text(session) + " was deleted (" + deleted_utc.substr(0, 10) + " by " +
                                        deleted_by + "); its rows are kept for the audit trail");
}

SessionStatus current_status(SQLite::Database& db, SessionId session) {
  SQLite::Statement st(db, "SELECT status, deleted_utc, deleted_by FROM sessions WHERE id = ?");
  st.bind(1, session);
  if (!st.executeStep()) throw Error(ErrorKind::NotFound, session_text(session) + " not found");
  if (!st.getColumn(1).isNull()) throw session_deleted(session, st.getColumn(1).getString(), st.getColumn(2).getString());
  const std::string text = st.getColumn(0).getString();
  const std::optional<SessionStatus> status = parse_session_status(text);
  if (!status) throw Error(ErrorKind::Storage, session_text(session) + " has unknown status " + text);
  return *status;
}

}  // namespace store_detail

bool status_change_allowed(SessionStatus from, SessionStatus to) {
  using S = SessionStatus;
  if (from == to) return true;
  switch (from) {
    case S::Coding: return to == S::Submitted;
    case S::Submitted: return to == S::Reviewed || to == S::Coding;
    case S::Reviewed: return to == S::Approved || to == S::Coding;
    case S::Approved: return false;
  }
  return false;
}

namespace store_detail {

Error status_change_refused(SessionId session, SessionStatus from, SessionStatus to) {
  if (from == SessionStatus::Approved)
    return Error(ErrorKind::Conflict, session_text(session) + " is approved; a supervisor must unlock it, giving a "
                                                                "reason, before its status can change");
  return Error(ErrorKind::Conflict, session_text(session) + " cannot go from " + to_string(from) + " to " +
                                        to_string(to) + ": a session goes coding → submitted → reviewed → approved, " +
                                        "and back to coding from submitted or reviewed");
}

}  // namespace store_detail

void Store::unlock_session(SessionId session, const std::string& reason) {
  if (is_blank(reason)) throw Error(ErrorKind::InvalidInput, "unlocking an approved session needs a reason");
  require_writable();
  guarded(path_, [&] {
    SQLite::Transaction tx(*db_, SQLite::TransactionBehavior::IMMEDIATE);
    const SessionStatus status = current_status(*db_, session);
    if (status != SessionStatus::Approved)
      throw Error(ErrorKind::Conflict, session_text(session) + " is " + to_string(status) +
                                           ", not approved; only an approved session is unlocked");
    require_supervisor(*db_, actor_, "unlock an approved coding");
    AuditWriter audit(*db_, actor_, utc_now());
    // Invalid UTF-8 in the reason throws here or below; the transaction then rolls back.
    const std::string new_json = dump_text(json{{"status", "coding"}, {"reason", reason}});
    SQLite::Statement update(*db_, "UPDATE sessions SET status = 'coding', modified_utc = ? WHERE id = ?");
    update.bind(1, audit.at_utc());
    update.bind(2, session);
    update.exec();
    audit.append("session.unlock", "sessions", session, session, dump_text(json{{"status", "approved"}}), new_json);
    tx.commit();
  });
}

void Store::delete_session(SessionId session) {
  require_writable();
  guarded(path_, [&] {
    SQLite::Transaction tx(*db_, SQLite::TransactionBehavior::IMMEDIATE);
    const SessionStatus status = current_status(*db_, session);  // NotFound, also when deleted already
    SQLite::Statement st(*db_,
                         "SELECT recording_id, scheme_id, coder, is_master, created_utc, modified_utc, "
                         "(SELECT count(*) FROM events WHERE session_id = sessions.id) FROM sessions WHERE id = ?");
    st.bind(1, session);
    st.executeStep();
    const std::string coder = st.getColumn(2).getString();
    if (status == SessionStatus::Approved)
      throw Error(ErrorKind::Conflict, session_text(session) + " is approved; a supervisor must unlock it, giving a "
                                                                  "reason, before it can be deleted");
    if (coder != actor_ || status != SessionStatus::Coding)
      require_supervisor(*db_, actor_, coder != actor_ ? "delete another coder's session"
                                                       : "delete a coding that was handed in (" +
                                                             std::string(to_string(status)) + ")");
    const json old_row{{"id", session},
                       {"recording_id", st.getColumn(0).getInt64()},
                       {"scheme_id", st.getColumn(1).getInt64()},
                       {"coder", coder},
                       {"status", to_string(status)},
                       {"is_master", st.getColumn(3).getInt() != 0},
                       {"created_utc", st.getColumn(4).getString()},
                       {"modified_utc", st.getColumn(5).getString()},
                       {"event_count", st.getColumn(6).getInt64()}};
    AuditWriter audit(*db_, actor_, utc_now());
    // A deleted master would keep the recording from having another one: the mark goes too.
    SQLite::Statement update(*db_,
                             "UPDATE sessions SET deleted_utc = ?, deleted_by = ?, is_master = 0, modified_utc = ? "
                             "WHERE id = ?");
    update.bind(1, audit.at_utc());
    update.bind(2, actor_);
    update.bind(3, audit.at_utc());
    update.bind(4, session);
    update.exec();
    json new_row = old_row;  // the same row, marked: the trail shows what was deleted and by whom
    new_row["is_master"] = false;
    new_row["deleted_utc"] = audit.at_utc();
    new_row["deleted_by"] = actor_;
    audit.append("session.delete", "sessions", session, session, dump_text(old_row), dump_text(new_row));
    tx.commit();
  });
}

void Store::set_master(SessionId session, bool master) {
  require_writable();
  guarded(path_, [&] {
    SQLite::Transaction tx(*db_, SQLite::TransactionBehavior::IMMEDIATE);
    current_status(*db_, session);  // NotFound, also when deleted
    SQLite::Statement st(*db_, "SELECT recording_id, is_master FROM sessions WHERE id = ?");
    st.bind(1, session);
    if (!st.executeStep()) throw Error(ErrorKind::NotFound, session_text(session) + " not found");
    require_supervisor(*db_, actor_, "choose the master coding");
    const RecordingId recording = st.getColumn(0).getInt64();
    if ((st.getColumn(1).getInt() != 0) == master) return;
    AuditWriter audit(*db_, actor_, utc_now());
    auto mark = [&](SessionId id, bool value) {
      SQLite::Statement update(*db_, "UPDATE sessions SET is_master = ?, modified_utc = ? WHERE id = ?");
      update.bind(1, value ? 1 : 0);
      update.bind(2, audit.at_utc());
      update.bind(3, id);
      update.exec();
      audit.append("session.master", "sessions", id, id, dump_text(json{{"is_master", !value}}),
                   dump_text(json{{"is_master", value}}));
    };
    if (master) {  // clear the recording's other master first: the unique index allows one
      SQLite::Statement other(*db_, "SELECT id FROM sessions WHERE recording_id = ? AND is_master = 1 AND id <> ?");
      other.bind(1, recording);
      other.bind(2, session);
      std::vector<SessionId> others;
      while (other.executeStep()) others.push_back(other.getColumn(0).getInt64());
      for (SessionId id : others) mark(id, false);
    }
    mark(session, master);
    tx.commit();
  });
}

std::vector<SessionInfo> Store::sessions_of_recording(RecordingId recording) const {
  std::vector<SessionInfo> rows;
  for (SessionInfo& s : sessions())
    if (s.recording_id == recording) rows.push_back(std::move(s));
  return rows;
}

std::int64_t Store::add_comment(SessionId session, const std::string& text, std::optional<Micros> at,
                                std::optional<EventId> event) {
  if (is_blank(text)) throw Error(ErrorKind::InvalidInput, "a comment needs text");
  if (at && event) throw Error(ErrorKind::InvalidInput, "a comment is tied to a moment or to an event, not both");
  if (at && *at < 0) throw Error(ErrorKind::InvalidInput, "a comment's moment cannot be negative");
  require_writable();
  return guarded(path_, [&]() -> std::int64_t {
    SQLite::Transaction tx(*db_, SQLite::TransactionBehavior::IMMEDIATE);
    current_status(*db_, session);  // NotFound
    SessionComment c;
    c.session_id = session;
    c.author = actor_;
    c.text = text;
    c.at = at;
    if (event) {
      SQLite::Statement ev(*db_, "SELECT session_id, start_us FROM events WHERE id = ?");
      ev.bind(1, *event);
      if (!ev.executeStep()) throw Error(ErrorKind::NotFound, "event " + std::to_string(*event) + " does not exist");
      if (ev.getColumn(0).getInt64() != session)
        throw Error(ErrorKind::InvalidInput, "event " + std::to_string(*event) + " belongs to session " +
                                                 ev.getColumn(0).getString() + ", not to session " +
                                                 std::to_string(session));
      c.event_id = event;
      c.at = ev.getColumn(1).getInt64();
    }
    AuditWriter audit(*db_, actor_, utc_now());
    c.created_utc = audit.at_utc();
    SQLite::Statement insert(*db_,
                             "INSERT INTO comments (session_id, event_id, at_us, author, text, created_utc) "
                             "VALUES (?, ?, ?, ?, ?, ?)");
    insert.bind(1, session);
    bind_optional(insert, 2, c.event_id);
    bind_optional(insert, 3, c.at);
    insert.bind(4, c.author);
    insert.bind(5, c.text);
    insert.bind(6, c.created_utc);
    insert.exec();
    c.id = db_->getLastInsertRowid();
    audit.append("comment.insert", "comments", c.id, session, std::nullopt, dump_text(comment_json(c)));
    tx.commit();
    return c.id;
  });
}

std::vector<SessionComment> Store::comments(SessionId session) const {
  return guarded(path_, [&] {
    SQLite::Transaction tx(*db_, SQLite::TransactionBehavior::DEFERRED);
    current_status(*db_, session);  // NotFound rather than an empty list
    SQLite::Statement st(*db_, std::string("SELECT ") + kCommentColumns +
                                   " FROM comments WHERE session_id = ? ORDER BY at_us IS NOT NULL, at_us, id");
    st.bind(1, session);
    std::vector<SessionComment> rows;
    while (st.executeStep()) rows.push_back(read_comment(st));
    tx.commit();
    return rows;
  });
}

SessionComment Store::comment(std::int64_t id) const {
  return guarded(path_, [&] {
    SQLite::Transaction tx(*db_, SQLite::TransactionBehavior::DEFERRED);
    SessionComment c = find_comment(*db_, id);
    tx.commit();
    return c;
  });
}

void Store::edit_comment(std::int64_t id, const std::string& text) {
  if (is_blank(text)) throw Error(ErrorKind::InvalidInput, "a comment needs text");
  require_writable();
  guarded(path_, [&] {
    SQLite::Transaction tx(*db_, SQLite::TransactionBehavior::IMMEDIATE);
    const SessionComment before = find_comment(*db_, id);
    if (before.text == text) return;
    if (before.author != actor_) require_supervisor(*db_, actor_, "change another person's comment");
    SessionComment after = before;
    after.text = text;
    AuditWriter audit(*db_, actor_, utc_now());
    // Invalid UTF-8 throws here, before the row changes; the transaction then rolls back.
    const std::string new_json = dump_text(comment_json(after));
    SQLite::Statement update(*db_, "UPDATE comments SET text = ? WHERE id = ?");
    update.bind(1, text);
    update.bind(2, id);
    update.exec();
    audit.append("comment.update", "comments", id, before.session_id, dump_text(comment_json(before)), new_json);
    tx.commit();
  });
}

void Store::delete_comment(std::int64_t id) {
  require_writable();
  guarded(path_, [&] {
    SQLite::Transaction tx(*db_, SQLite::TransactionBehavior::IMMEDIATE);
    const SessionComment before = find_comment(*db_, id);
    if (before.author != actor_) require_supervisor(*db_, actor_, "delete another person's comment");
    AuditWriter audit(*db_, actor_, utc_now());
    SQLite::Statement remove(*db_, "DELETE FROM comments WHERE id = ?");
    remove.bind(1, id);
    remove.exec();
    audit.append("comment.delete", "comments", id, before.session_id, dump_text(comment_json(before)), std::nullopt);
    tx.commit();
  });
}

void Store::record_export(const std::vector<SessionId>& sessions, const std::string& what,
                          const std::optional<std::string>& failure) {
  if (sessions.empty()) throw Error(ErrorKind::InvalidInput, "an export names at least one session");
  require_writable();
  guarded(path_, [&] {
    SQLite::Transaction tx(*db_, SQLite::TransactionBehavior::IMMEDIATE);
    std::vector<SessionId> unique;  // each session once, in the caller's order
    std::set<SessionId> seen;
    for (SessionId session : sessions) {
      current_status(*db_, session);  // NotFound before any row
      if (seen.insert(session).second) unique.push_back(session);
    }
    AuditWriter audit(*db_, actor_, utc_now());
    json fields{{"what", what}, {"session_count", unique.size()}};
    if (failure) fields["failure"] = *failure;
    const std::string row = dump_text(fields);
    for (SessionId session : unique)
      audit.append(failure ? "export.failed" : "export", "sessions", session, session, std::nullopt, row);
    tx.commit();
  });
}

}  // namespace attune
