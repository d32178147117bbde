#include "store/store.h"

#include <pwd.h>
#include <unistd.h>

#include <SQLiteCpp/Database.h>
#include <SQLiteCpp/Statement.h>
#include <SQLiteCpp/Transaction.h>
#include <cstdlib>

#include "scheme/scheme_loader.h"
#include "store/audit.h"
#include "store/database.h"
#include "store/event_rows.h"
#include "store/review.h"
#include "store/rule_check.h"
#include "store/session_journal.h"
#include "store/store_util.h"
#include "store/user_config.h"

namespace attune {

using namespace store_detail;
using nlohmann::json;

namespace {

std::string env(const char* name) {
  const char* value = std::getenv(name);
  return value ? value : "";
}

constexpr const char* kSchemeColumns = "SELECT id, name, version, description, json, sha256, imported_utc FROM schemes ";

SchemeRow scheme_of(SQLite::Statement& st) {
  return SchemeRow{st.getColumn(0).getInt64(),  st.getColumn(1).getString(), st.getColumn(2).getInt(),
                   st.getColumn(3).getString(), st.getColumn(4).getString(), st.getColumn(5).getString(),
                   st.getColumn(6).getString()};
}

constexpr const char* kSessionColumns =
    "SELECT s.id, s.recording_id, s.scheme_id, sc.name, sc.version, s.coder, s.status, s.is_master, "
    "s.created_utc, s.modified_utc, s.deleted_utc, s.deleted_by FROM sessions s JOIN schemes sc ON sc.id = s.scheme_id ";

SessionInfo session_of(SQLite::Statement& st) {
  SessionInfo info;
  info.id = st.getColumn(0).getInt64();
  info.recording_id = st.getColumn(1).getInt64();
  info.scheme_id = st.getColumn(2).getInt64();
  info.scheme_name = st.getColumn(3).getString();
  info.scheme_version = st.getColumn(4).getInt();
  info.coder = st.getColumn(5).getString();
  const std::string status = st.getColumn(6).getString();
  const std::optional<SessionStatus> parsed = parse_session_status(status);
  if (!parsed) throw Error(ErrorKind::Storage, "session " + std::to_string(info.id) + " has unknown status " + status);
  info.status = *parsed;
  info.is_master = st.getColumn(7).getInt() != 0;
  info.created_utc = st.getColumn(8).getString();
  info.modified_utc = st.getColumn(9).getString();
  return info;
}

template <class T>
json optional_json(const std::optional<T>& value) {
  return value ? json(*value) : json(nullptr);
}

json recording_json(const Recording& r) {
  return json{{"id", r.id},
              {"dyad", r.dyad},
              {"child_age_months", optional_json(r.child_age_months)},
              {"session_type", r.session_type},
              {"video_path", r.video_path},
              {"video_size", optional_json(r.video_size)},
              {"video_hash", r.video_hash},
              {"fps_num", r.fps.num},
              {"fps_den", r.fps.den},
              {"duration_us", optional_json(r.duration)}};
}

void validate_recording(const Recording& r, const std::string& coder) {
  if (r.dyad.empty()) throw Error(ErrorKind::InvalidInput, "a recording needs a dyad pseudonym");
  if (coder.empty()) throw Error(ErrorKind::InvalidInput, "a session needs a coder");
  if (r.child_age_months && *r.child_age_months < 0)
    throw Error(ErrorKind::InvalidInput, "child age cannot be negative");
  if (r.video_size && *r.video_size < 0) throw Error(ErrorKind::InvalidInput, "video size cannot be negative");
  if (r.duration && *r.duration < 0) throw Error(ErrorKind::InvalidInput, "duration cannot be negative");
}

void require_scheme(SQLite::Database& db, std::int64_t scheme_id) {
  SQLite::Statement st(db, "SELECT 1 FROM schemes WHERE id = ?");
  st.bind(1, scheme_id);
  if (!st.executeStep()) throw Error(ErrorKind::NotFound, "scheme " + std::to_string(scheme_id) + " not found");
}

void require_session(SQLite::Database& db, SessionId session) { current_status(db, session); }

// Inserts a session (status coding) and returns its id and its row as JSON for the audit.
std::pair<SessionId, std::string> insert_session(SQLite::Database& db, const std::string& now, RecordingId recording,
                                                 std::int64_t scheme_id, const std::string& coder) {
  SQLite::Statement st(db,
                       "INSERT INTO sessions (recording_id, scheme_id, coder, status, is_master, created_utc, "
                       "modified_utc) VALUES (?, ?, ?, 'coding', 0, ?, ?)");
  st.bind(1, recording);
  st.bind(2, scheme_id);
  st.bind(3, coder);
  st.bind(4, now);
  st.bind(5, now);
  st.exec();
  const SessionId id = db.getLastInsertRowid();
  const json row{{"id", id},      {"recording_id", recording}, {"scheme_id", scheme_id},
                 {"coder", coder}, {"status", "coding"},        {"is_master", false}};
  return {id, dump_text(row)};
}

}  // namespace

std::string default_database_path() {
  if (std::string db = env("ATTUNE_DB"); !db.empty()) return db;
  // The XDG spec says relative values are invalid and must be ignored.
  if (std::string data = env("XDG_DATA_HOME"); !data.empty() && data.front() == '/') return data + "/attune/attune.db";
  return home_folder() + "/.local/share/attune/attune.db";
}

std::string current_actor() {
  if (std::string value = env("ATTUNE_USER"); !value.empty()) return value;
  if (std::string saved = saved_user_name(); !saved.empty()) return saved;
  for (const char* name : {"USER", "LOGNAME"})
    if (std::string value = env(name); !value.empty()) return value;
  if (const passwd* pw = getpwuid(getuid()); pw && pw->pw_name && *pw->pw_name) return pw->pw_name;
  return "";
}

Store::Store(const std::string& path, OpenMode mode, std::string actor, FileCheck check)
    : path_(path), actor_(std::move(actor)), read_only_(mode == OpenMode::ReadOnly) {
  OpenedDatabase opened = open_database(path_, mode, builtin_migrations(), check);
  db_ = std::move(opened.db);
  schema_version_ = opened.version;
}

Store::~Store() = default;
Store::Store(Store&&) noexcept = default;
Store& Store::operator=(Store&&) noexcept = default;

void Store::require_writable() const {
  if (read_only_) throw Error(ErrorKind::Storage, path_ + " is open read-only");
}

std::int64_t Store::import_scheme(const std::string& scheme_json, const std::string& source) {
  const SchemeLoadResult loaded = load_scheme_text(scheme_json, source);
  if (!loaded.ok()) {
    if (loaded.problems.empty()) throw Error(ErrorKind::InvalidInput, source + " is not a valid coding scheme");
    const std::size_t more = loaded.problems.size() - 1 + loaded.more_problems;
    throw Error(ErrorKind::InvalidInput, source + " is not a valid coding scheme, not imported: " +
                                             loaded.problems.front().to_string() +
                                             (more > 0 ? " (and " + std::to_string(more) + " more)" : ""));
  }
  const std::string& name = loaded.scheme->name;
  const int version = loaded.scheme->version;
  const std::string& description = loaded.scheme->description;
  require_writable();
  return guarded(path_, [&]() -> std::int64_t {
    SQLite::Transaction tx(*db_, SQLite::TransactionBehavior::IMMEDIATE);
    SQLite::Statement existing(*db_, "SELECT id, json FROM schemes WHERE name = ? AND version = ?");
    existing.bind(1, name);
    existing.bind(2, version);
    if (existing.executeStep()) {
      if (existing.getColumn(1).getString() == scheme_json) return existing.getColumn(0).getInt64();
      throw Error(ErrorKind::Conflict, "scheme " + name + " version " + std::to_string(version) +
                                           " is already imported with different content; give the changed "
                                           "scheme a new version");
    }
    AuditWriter audit(*db_, actor_, utc_now());
    const std::string sha = sha256_hex(scheme_json);
    SQLite::Statement insert(*db_,
                             "INSERT INTO schemes (name, version, description, json, sha256, imported_utc) "
                             "VALUES (?, ?, ?, ?, ?, ?)");
    insert.bind(1, name);
    insert.bind(2, version);
    insert.bind(3, description);
    insert.bind(4, scheme_json);
    insert.bind(5, sha);
    insert.bind(6, audit.at_utc());
    insert.exec();
    const std::int64_t id = db_->getLastInsertRowid();
    // The scheme text itself stays in its row; its hash in the audit pins it.
    const json row{{"id", id}, {"name", name}, {"version", version}, {"description", description}, {"sha256", sha}};
    audit.append("scheme.import", "schemes", id, std::nullopt, std::nullopt, dump_text(row));
    tx.commit();
    return id;
  });
}

std::vector<SchemeRow> Store::schemes() const {
  return guarded(path_, [&] {
    SQLite::Statement st(*db_, std::string(kSchemeColumns) + "ORDER BY name, version");
    std::vector<SchemeRow> rows;
    while (st.executeStep()) rows.push_back(scheme_of(st));
    return rows;
  });
}

std::optional<SchemeRow> Store::find_scheme(const std::string& name, std::optional<int> version) const {
  return guarded(path_, [&]() -> std::optional<SchemeRow> {
    SQLite::Statement st(*db_, std::string(kSchemeColumns) +
                                   (version ? "WHERE name = ? AND version = ?" : "WHERE name = ? ORDER BY version DESC LIMIT 1"));
    st.bind(1, name);
    if (version) st.bind(2, *version);
    if (!st.executeStep()) return std::nullopt;
    return scheme_of(st);
  });
}

SchemeRow Store::scheme(std::int64_t id) const {
  return guarded(path_, [&] {
    SQLite::Statement st(*db_, std::string(kSchemeColumns) + "WHERE id = ?");
    st.bind(1, id);
    if (!st.executeStep()) throw Error(ErrorKind::NotFound, "scheme " + std::to_string(id) + " not found");
    return scheme_of(st);
  });
}

SessionId Store::create_session(const Recording& recording, std::int64_t scheme_id, const std::string& coder) {
  validate_recording(recording, coder);
  require_writable();
  Recording r = recording;
  if (!r.fps.valid()) r.fps = FrameRate{};  // one spelling of "unknown": 0/1
  return guarded(path_, [&] {
    SQLite::Transaction tx(*db_, SQLite::TransactionBehavior::IMMEDIATE);
    require_scheme(*db_, scheme_id);
    AuditWriter audit(*db_, actor_, utc_now());
    SQLite::Statement st(*db_,
                         "INSERT INTO recordings (dyad, child_age_months, session_type, video_path, video_size, "
                         "video_hash, fps_num, fps_den, duration_us, created_utc) VALUES (?,?,?,?,?,?,?,?,?,?)");
    st.bind(1, r.dyad);
    if (r.child_age_months) st.bind(2, *r.child_age_months); else st.bind(2);
    st.bind(3, r.session_type);
    st.bind(4, r.video_path);
    bind_optional(st, 5, r.video_size);
    st.bind(6, r.video_hash);
    st.bind(7, r.fps.num);
    st.bind(8, r.fps.den);
    bind_optional(st, 9, r.duration);
    st.bind(10, audit.at_utc());
    st.exec();
    r.id = db_->getLastInsertRowid();
    const auto [id, session_row] = insert_session(*db_, audit.at_utc(), r.id, scheme_id, coder);
    // Both rows carry the session id, so audit(session) shows where the session came from.
    audit.append("recording.insert", "recordings", r.id, id, std::nullopt, dump_text(recording_json(r)));
    audit.append("session.insert", "sessions", id, id, std::nullopt, session_row);
    tx.commit();
    return id;
  });
}

SessionId Store::create_session_for_recording(RecordingId recording, std::int64_t scheme_id, const std::string& coder) {
  if (coder.empty()) throw Error(ErrorKind::InvalidInput, "a session needs a coder");
  require_writable();
  return guarded(path_, [&] {
    SQLite::Transaction tx(*db_, SQLite::TransactionBehavior::IMMEDIATE);
    SQLite::Statement exists(*db_, "SELECT 1 FROM recordings WHERE id = ?");
    exists.bind(1, recording);
    if (!exists.executeStep())
      throw Error(ErrorKind::NotFound, "recording " + std::to_string(recording) + " not found");
    require_scheme(*db_, scheme_id);
    AuditWriter audit(*db_, actor_, utc_now());
    const auto [id, session_row] = insert_session(*db_, audit.at_utc(), recording, scheme_id, coder);
    audit.append("session.insert", "sessions", id, id, std::nullopt, session_row);
    tx.commit();
    return id;
  });
}

void Store::set_session_status(SessionId session, SessionStatus status) {
  require_writable();
  guarded(path_, [&] {
    SQLite::Transaction tx(*db_, SQLite::TransactionBehavior::IMMEDIATE);
    const SessionStatus from = current_status(*db_, session);  // NotFound, also when deleted
    const std::string old_status = to_string(from);
    const std::string new_status = to_string(status);
    if (old_status == new_status) return;
    if (!status_change_allowed(from, status)) throw status_change_refused(session, from, status);
    if (status != SessionStatus::Submitted)  // a coder hands in; review, approval and return are supervisors'
      require_supervisor(*db_, actor_, std::string(status == SessionStatus::Coding ? "return" : "mark as " + new_status) +
                                           " a coding");
    AuditWriter audit(*db_, actor_, utc_now());
    SQLite::Statement update(*db_, "UPDATE sessions SET status = ?, modified_utc = ? WHERE id = ?");
    update.bind(1, new_status);
    update.bind(2, audit.at_utc());
    update.bind(3, session);
    update.exec();
    audit.append("session.status", "sessions", session, session, dump_text(json{{"status", old_status}}),
                 dump_text(json{{"status", new_status}}));
    tx.commit();
  });
}

std::vector<SessionInfo> Store::sessions() const {
  return guarded(path_, [&] {
    SQLite::Statement st(*db_, std::string(kSessionColumns) + "WHERE s.deleted_utc IS NULL ORDER BY s.id");
    std::vector<SessionInfo> rows;
    while (st.executeStep()) rows.push_back(session_of(st));
    return rows;
  });
}

SessionInfo Store::session(SessionId id) const {
  return guarded(path_, [&] {
    SQLite::Statement st(*db_, std::string(kSessionColumns) + "WHERE s.id = ?");
    st.bind(1, id);
    if (!st.executeStep()) throw Error(ErrorKind::NotFound, "session " + std::to_string(id) + " not found");
    if (!st.getColumn(10).isNull())
      throw session_deleted(id, st.getColumn(10).getString(), st.getColumn(11).getString());
    return session_of(st);
  });
}

Recording Store::recording(RecordingId id) const {
  return guarded(path_, [&] {
    SQLite::Statement st(*db_,
                         "SELECT id, dyad, child_age_months, session_type, video_path, video_size, video_hash, "
                         "fps_num, fps_den, duration_us FROM recordings WHERE id = ?");
    st.bind(1, id);
    if (!st.executeStep()) throw Error(ErrorKind::NotFound, "recording " + std::to_string(id) + " not found");
    Recording r;
    r.id = st.getColumn(0).getInt64();
    r.dyad = st.getColumn(1).getString();
    if (!st.getColumn(2).isNull()) r.child_age_months = st.getColumn(2).getInt();
    r.session_type = st.getColumn(3).getString();
    r.video_path = st.getColumn(4).getString();
    if (!st.getColumn(5).isNull()) r.video_size = st.getColumn(5).getInt64();
    r.video_hash = st.getColumn(6).getString();
    r.fps = FrameRate{st.getColumn(7).getInt64(), st.getColumn(8).getInt64()};
    if (!st.getColumn(9).isNull()) r.duration = st.getColumn(9).getInt64();
    return r;
  });
}

std::vector<Event> Store::events(SessionId session) const {
  return guarded(path_, [&] {
    // One read transaction: the existence check and the rows see the same snapshot.
    SQLite::Transaction tx(*db_, SQLite::TransactionBehavior::DEFERRED);
    require_session(*db_, session);
    std::vector<Event> rows = read_events(*db_, session);
    tx.commit();
    return rows;
  });
}

void Store::relink_video(RecordingId recording, const Recording& video) {
  require_writable();
  guarded(path_, [&] {
    SQLite::Transaction tx(*db_, SQLite::TransactionBehavior::IMMEDIATE);
    SQLite::Statement current(*db_, "SELECT video_path, video_size, video_hash FROM recordings WHERE id = ?");
    current.bind(1, recording);
    if (!current.executeStep())
      throw Error(ErrorKind::NotFound, "recording " + std::to_string(recording) + " not found");
    const json old_video = {{"video_path", current.getColumn(0).getString()},
                            {"video_hash", current.getColumn(2).getString()}};
    AuditWriter audit(*db_, actor_, utc_now());
    SQLite::Statement update(*db_,
                             "UPDATE recordings SET video_path = ?, video_size = ?, video_hash = ?, fps_num = ?, "
                             "fps_den = ?, duration_us = ? WHERE id = ?");
    update.bind(1, video.video_path);
    if (video.video_size) update.bind(2, *video.video_size);
    else update.bind(2);
    update.bind(3, video.video_hash);
    update.bind(4, video.fps.num);
    update.bind(5, video.fps.den);
    if (video.duration) update.bind(6, *video.duration);
    else update.bind(6);
    update.bind(7, recording);
    update.exec();
    audit.append("recording.video", "recordings", recording, std::nullopt, dump_text(old_video),
                 dump_text(json{{"video_path", video.video_path}, {"video_hash", video.video_hash}}));
    tx.commit();
  });
}

SessionId Store::session_of_event(EventId event) const {
  return guarded(path_, [&] {
    SQLite::Statement st(*db_, "SELECT session_id FROM events WHERE id = ?");
    st.bind(1, event);
    if (!st.executeStep()) throw Error(ErrorKind::NotFound, "event " + std::to_string(event) + " does not exist");
    return static_cast<SessionId>(st.getColumn(0).getInt64());
  });
}

std::unique_ptr<Journal> Store::journal(SessionId session) {
  guarded(path_, [&] { require_session(*db_, session); });
  return std::make_unique<SessionJournal>(*db_, path_, actor_, session, read_only_, local_writes_);
}

std::vector<AuditRow> Store::audit(std::optional<SessionId> session) const {
  return guarded(path_, [&] { return read_audit(*db_, session); });
}

AuditHead Store::audit_head() const {
  return guarded(path_, [&] { return read_audit_head(*db_); });
}

VerifyReport Store::verify(const std::optional<AuditHead>& expected) {
  VerifyReport report;
  // Damage found here is the answer, not a failure: report it instead of throwing.
  try {
    std::string problems;
    int count = 0;
    auto note = [&](const std::string& problem) {
      if (count++ < 3) problems += (problems.empty() ? "" : "; ") + problem;
    };
    SQLite::Statement integrity(*db_, "PRAGMA integrity_check(10)");
    while (integrity.executeStep())
      if (const std::string line = integrity.getColumn(0).getString(); line != "ok") note(line);
    SQLite::Statement fk(*db_, "PRAGMA foreign_key_check");
    while (fk.executeStep())
      note("row " + fk.getColumn(1).getString() + " of " + fk.getColumn(0).getString() + " points to a missing " +
           fk.getColumn(2).getString() + " row");
    report.integrity_ok = count == 0;
    report.integrity_message = report.integrity_ok ? "ok" : one_line(std::to_string(count) + " problem(s): " + problems);
  } catch (const SQLite::Exception& e) {
    report.integrity_ok = false;
    report.integrity_message = one_line(std::string("integrity check failed: ") + e.what());
  }
  try {
    const ChainReport chain = verify_audit_chain(*db_, expected ? &*expected : nullptr);
    report.audit_ok = chain.ok;
    report.audit_rows = chain.rows;
    report.first_broken_audit_id = chain.first_broken_id;
    report.audit_message = chain.message;
    report.audit_head = chain.head;
    report.anchor_ok = chain.anchor_ok;
    report.anchor_message = chain.anchor_message;
  } catch (const SQLite::Exception& e) {
    report.audit_ok = false;
    report.audit_message = one_line(std::string("audit rows cannot be read: ") + e.what());
    report.anchor_ok = !expected;
    if (expected) report.anchor_message = "the head recorded earlier cannot be checked: " + report.audit_message;
  }
  check_stored_rules(*db_, report);
  report.anchor_checked = expected.has_value();
  return report;
}

}  // namespace attune
