#pragma once
// The SQLite store: schemes, recordings, sessions, events, the durable undo journal and the
// hash-chained audit trail. Every user action is one IMMEDIATE transaction, committed (WAL,
// synchronous=FULL) before the method returns, with its audit rows inside it. Failures are
// attune::Error; SQLite and JSON errors arrive as ErrorKind::Storage with one line.
// SQLiteCpp stays out of this header: it is heavy and only the store needs it.
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/event.h"
#include "core/history.h"
#include "store/audit_head.h"

namespace SQLite {
class Database;
}

namespace attune {

enum class OpenMode {
  CreateIfMissing,  // a new path is initialised (an existing empty file is refused: not ours)
  MustExist,        // the file must exist
  ReadOnly,         // must exist at this build's schema; every change throws Error(Storage).
                    // A read-only file or folder is read without -shm (immutable) when no WAL
                    // content is pending.
};

// Whether opening a file reads all of it (PRAGMA quick_check: 0.45 s for 250 MB) before
// anything is written. The CLI checks on open (an export writes its audit rows); the window
// opens at once and runs quick_check_file() once on another thread, showing the result
// (Background): the header checks (not ours, too new, locked) still refuse a file at once.
enum class FileCheck { OnOpen, Background };

// PRAGMA quick_check(1) of the whole file through a read-only connection of its own (safe on
// any thread, beside any Store): "ok", or the first problem in one line. Throws Error(Storage)
// when the file cannot be read at all.
std::string quick_check_file(const std::string& path);

// $ATTUNE_DB, else $XDG_DATA_HOME/attune/attune.db, else $HOME/.local/share/attune/attune.db.
std::string default_database_path();
// Who is acting: $ATTUNE_USER, else the name saved in the user's config (user_config.h),
// else $USER, else $LOGNAME, else the login name of the process's user; "" when none is
// known. A Store with no actor refuses every change (Error(InvalidInput)): the audit trail
// never records a change by "unknown".
std::string current_actor();

struct SchemeRow {
  std::int64_t id = 0;
  std::string name;
  int version = 0;
  std::string description;
  std::string json;    // byte for byte as imported
  std::string sha256;  // lowercase hex of json
  std::string imported_utc;
};

struct AuditRow {
  std::int64_t id = 0;
  std::string at_utc, actor, action, table_name;
  std::int64_t row_id = 0;
  std::optional<std::int64_t> session_id;
  std::string old_json, new_json;  // "" when the row did not exist before / after
  std::string prev_hash, hash;
};

// A supervisor's comment (schemas/002-review.sql).
struct SessionComment {
  std::int64_t id = 0;
  SessionId session_id = 0;
  std::optional<EventId> event_id;  // set: a comment on that event
  std::optional<Micros> at;         // the moment (an event comment: the event's onset then)
  std::string author, text, created_utc;
};

// A global rating of a session on one of its scheme's rating scales (table ratings; who
// rated and when is in the audit trail).
struct SessionRating {
  std::string scale_id;
  int value = 0;
};

// Whether set_session_status moves a session from `from` to `to` (a GUI enables its buttons
// with it); false for every move out of approved, which needs unlock_session.
bool status_change_allowed(SessionStatus from, SessionStatus to);

struct VerifyReport {
  bool integrity_ok = false;
  std::string integrity_message;  // "ok" or the first problems, one line
  bool audit_ok = false;
  std::int64_t audit_rows = 0;
  std::optional<std::int64_t> first_broken_audit_id;
  std::string audit_message;
  AuditHead audit_head;  // the trail as stored now (count and the last row's stored hash)
  // With a head recorded earlier (verify(expected)): whether the trail up to its row still
  // hashes to it, and a sentence saying so or what is wrong (rows removed, rows rewritten).
  bool anchor_checked = false;
  bool anchor_ok = true;
  std::string anchor_message;
  // The scheme's rules over the stored events of every session (deleted ones too): events
  // that fail the scheme (unknown code, subject or modifier, a point with an end …) and
  // overlapping states of one code or one exclusive group for one subject.
  bool rules_ok = true;
  std::int64_t rule_problem_count = 0;
  std::vector<std::string> rule_problems;  // the first kMaxRuleProblems, each naming its session and event ids
  std::string rules_message;               // "ok" or a one-line summary
  static constexpr std::size_t kMaxRuleProblems = 50;
};

// One thread at a time: a Store (and every Journal of it) must not be used from two threads
// at once; its SQLite connection is opened without SQLite's own locking (NOMUTEX).
class Store {
 public:
  // Throws Error(Storage) when the file is not an Attune database (an empty file included),
  // is corrupt, is locked by another writer, or was written by a newer Attune; such a file is
  // never modified. Opening for writing also needs the file and its folder writable (SQLite
  // keeps -wal and -shm beside it): otherwise Error(Storage) says which one is read-only.
  // Error(NotFound) when the file is missing and mode is not CreateIfMissing. With
  // FileCheck::Background a damaged page further in is not looked for here: the caller runs
  // quick_check_file() (the header, ownership, version and locks are still checked).
  explicit Store(const std::string& path, OpenMode mode = OpenMode::CreateIfMissing,
                 std::string actor = current_actor(), FileCheck check = FileCheck::OnOpen);
  ~Store();
  Store(Store&&) noexcept;
  Store& operator=(Store&&) noexcept;
  Store(const Store&) = delete;
  Store& operator=(const Store&) = delete;

  const std::string& path() const { return path_; }
  int schema_version() const { return schema_version_; }
  const std::string& actor() const { return actor_; }
  // The name later changes are recorded under (the window sets it once the user gives it).
  void set_actor(std::string actor) { actor_ = std::move(actor); }

  // Checks the text as a coding scheme (scheme/scheme_loader.h: the JSON Schema and every
  // semantic check, the same the CLI and the window report) and stores it under its own name,
  // version and description; `source` names it in messages (a file name). Error(InvalidInput)
  // with the first problem (and how many more) when it is not a valid scheme: nothing is
  // stored. The only way a scheme enters a database, so every stored scheme loads.
  // The same name@version with identical json returns the existing id; with different json
  // it is Error(Conflict): a changed scheme needs a new version.
  std::int64_t import_scheme(const std::string& json, const std::string& source = "the scheme");
  std::vector<SchemeRow> schemes() const;  // by name, then version
  // The latest version when `version` is nullopt.
  std::optional<SchemeRow> find_scheme(const std::string& name, std::optional<int> version) const;
  SchemeRow scheme(std::int64_t id) const;  // Error(NotFound)

  // A new recording and its first session (status coding), in one transaction.
  SessionId create_session(const Recording& recording, std::int64_t scheme_id, const std::string& coder);
  // Another coder's fresh coding of an existing recording.
  SessionId create_session_for_recording(RecordingId recording, std::int64_t scheme_id,
                                         const std::string& coder);
  // Review workflow: coding -> submitted -> reviewed -> approved, and submitted or reviewed
  // -> coding (returned to the coder); the same status is a no-op. Any other move, and every
  // move out of approved (see unlock_session), is Error(Conflict). Audited as session.status.
  // An approved session refuses every event change (SessionJournal) until it is unlocked.
  void set_session_status(SessionId session, SessionStatus status);
  // approved -> coding with a reason, audited as session.unlock (new_json carries the reason).
  // Error(InvalidInput) for a blank reason, Error(Conflict) when the session is not approved.
  void unlock_session(SessionId session, const std::string& reason);
  // Deletes a session started by mistake: the coder may delete their own coding while it
  // is in coding status, a supervisor (everyone while none is named) any session that is not
  // approved; others get Error(Conflict), an approved session too (unlock it first). The
  // delete is soft: the rows stay for the audit trail (schemas/004-session-delete.sql), the
  // session leaves every list, and every later change, read of its coding and export of it
  // is Error(NotFound) "session N was deleted …". Audited as session.delete with the old row.
  void delete_session(SessionId session);
  // Marks the session as its recording's master coding, clearing any other master of that
  // recording (master = false clears its mark). One session.master audit row per change.
  void set_master(SessionId session, bool master = true);
  // The codings of one recording, by id (empty when there is none).
  std::vector<SessionInfo> sessions_of_recording(RecordingId recording) const;

  // A supervisor comment by actor() on the whole session (no at, no event), a moment (at
  // >= 0) or an event of the session (its onset is kept as the moment). Allowed in any
  // status. Returns its id; audited as comment.insert. Error(InvalidInput) for blank text,
  // both at and event, a negative moment or an event of another session; NotFound otherwise.
  std::int64_t add_comment(SessionId session, const std::string& text, std::optional<Micros> at = std::nullopt,
                           std::optional<EventId> event = std::nullopt);
  // Session-wide comments first, then by moment, then by id.
  std::vector<SessionComment> comments(SessionId session) const;
  // One comment; Error(NotFound) when there is none with that id.
  SessionComment comment(std::int64_t id) const;
  // Replaces a comment's text (its moment, event, author and creation time stay), audited
  // as comment.update with the whole comment before and after; the same text again changes
  // nothing and writes no audit row. Error(InvalidInput) for blank text, NotFound otherwise.
  // Allowed in any status, to the comment's author and to supervisors (everyone while none
  // is named); anyone else gets Error(Conflict).
  void edit_comment(std::int64_t id, const std::string& text);
  // Removes a comment, audited as comment.delete with the whole comment as old_json; the same
  // people may. Error(NotFound) when there is no such comment.
  void delete_comment(std::int64_t id);

  // Sets (or, with nullopt, clears) the session's global rating on `scale_id`, by actor().
  // The scale and range come from the session's scheme (Error(InvalidInput) otherwise); an
  // approved session refuses it like an event edit (Error(Conflict)). Audited as rating.set
  // / rating.clear with the old and new values; setting the same value again is a no-op.
  void set_rating(SessionId session, const std::string& scale_id, std::optional<int> value);
  // By scale id; scales never rated are absent.
  std::vector<SessionRating> ratings(SessionId session) const;

  // Supervisors (schemas/003-supervisors.sql): while none is named, everyone may review,
  // approve, return, unlock and mark the master coding; once one is, only they may, and only
  // they may change the list (the first name is free to add). Error(InvalidInput) for a
  // blank name; adding a name twice or removing an absent one is a no-op. Audited as
  // supervisor.add / supervisor.remove.
  std::vector<std::string> supervisors() const;  // by name
  bool may_supervise() const;                    // whether actor() may act as a supervisor now
  void add_supervisor(const std::string& name);
  void remove_supervisor(const std::string& name);

  // Puts an export in the audit trail: one "export" row per session, new_json
  // {"what": what, "session_count": n}; `what` names the format, path and options.
  // Error(InvalidInput) for an empty list, NotFound for an unknown session.
  // With `failure`: "export.failed" rows instead, new_json also {"failure": why}, for an
  // export recorded earlier whose file then could not be put in place (export/published.h
  // records the export before its file appears; use it rather than calling this directly).
  void record_export(const std::vector<SessionId>& sessions, const std::string& what,
                     const std::optional<std::string>& failure = std::nullopt);

  // Points a recording at its video file (a moved file found again, or relinked by the
  // user): path, size, hash, frame rate and duration are taken from `video`.
  void relink_video(RecordingId recording, const Recording& video);

  std::vector<SessionInfo> sessions() const;  // by id
  SessionInfo session(SessionId id) const;    // Error(NotFound)
  Recording recording(RecordingId id) const;  // Error(NotFound)
  std::vector<Event> events(SessionId session) const;  // sorted by start, then id
  SessionId session_of_event(EventId event) const;     // Error(NotFound)

  // The durable undo journal of one session. It refers to this Store: do not let it outlive it.
  std::unique_ptr<Journal> journal(SessionId session);

  // Oldest first; only the rows of one session when given. Actions: scheme.import,
  // recording.insert, recording.video, session.insert, session.status, session.unlock,
  // session.delete,
  // session.master, comment.insert/update/delete, rating.set, rating.clear, supervisor.add,
  // supervisor.remove, export, export.failed, event.insert/update/delete, and undo / redo
  // (one row per event operation they apply; old/new_json show which).
  std::vector<AuditRow> audit(std::optional<SessionId> session = std::nullopt) const;
  // The head of the audit chain now: its row count and the last row's hash (audit_head.h).
  // Cheap (no hashing): exports and reports print it; verify() checks the chain behind it.
  AuditHead audit_head() const;
  // PRAGMA integrity_check and foreign_key_check, then the audit hash chain recomputed, then
  // the scheme's rules checked over every session's stored events; with
  // `expected` (a head recorded earlier, e.g. by `attune-cli audit anchor`) also whether the
  // chain up to its row still ends in its hash: truncation and rewriting (even with the
  // chain recomputed) fail it, rows appended since do not.
  VerifyReport verify(const std::optional<AuditHead>& expected = std::nullopt);

  // A consistent copy of the database in `target` (store/backup.h): SQLite's online backup
  // API in one read transaction, while others write; one self-contained file, 0600, written
  // beside `target` and renamed over it. Creates a missing last folder 0700. A folder as
  // target is Error(InvalidInput); other failures Error(Storage), the target as it was.
  void backup_to(const std::string& target) const;

 private:
  void require_writable() const;

  std::string path_;
  std::string actor_;
  bool read_only_ = false;
  int schema_version_ = 0;
  std::unique_ptr<SQLite::Database> db_;
  // Commits made through this connection's journals: SQLite's data_version counts only
  // other connections', so journals compare this too before trusting a model.
  std::shared_ptr<std::uint64_t> local_writes_ = std::make_shared<std::uint64_t>(0);
};

}  // namespace attune
