#pragma once
// The durable undo journal of one session: each commit/undo/redo is one IMMEDIATE
// transaction holding the event changes, the history step and the audit rows. All state
// lives in the database, so undo and redo continue across processes.
//
// Two writers (two windows, a window and attune-cli): execute(), execute_undo() and
// execute_redo() bring the caller's model up to date inside the write transaction (SQLite's
// data_version says whether another connection committed since the model was last in step;
// then the session's events are read again), plan or check the change against it there,
// and commit. Nobody can write between the check and the commit, so timing cannot break a
// rule of the scheme, and what the caller is told is what was committed.
#include <cstdint>
#include <memory>
#include <optional>
#include <string>

#include "core/history.h"

namespace SQLite {
class Database;
}

namespace attune {

namespace store_detail {
class AuditWriter;
}

class SessionJournal final : public Journal {
 public:
  // `db` belongs to the Store, which must outlive the journal. `local_writes` counts the
  // commits of every journal on this connection (data_version does not see those).
  SessionJournal(SQLite::Database& db, std::string path, std::string actor, SessionId session, bool read_only,
                 std::shared_ptr<std::uint64_t> local_writes);

  ChangeSet execute(const Command& command, SessionModel& model, bool merge = false) override;
  std::optional<ChangeSet> execute_undo(SessionModel& model) override;
  std::optional<ChangeSet> execute_redo(SessionModel& model) override;
  bool refresh(SessionModel& model) override;

  ChangeSet commit(ChangeSet change) override;
  ChangeSet commit_merged(ChangeSet change) override;
  std::optional<ChangeSet> undo() override;
  std::optional<ChangeSet> redo() override;
  std::optional<std::string> undo_label() override;
  std::optional<std::string> redo_label() override;

  SessionId session() const { return session_; }

 private:
  struct Step;
  std::optional<Step> next_step(const char* state, bool newest);
  std::optional<std::string> label_of(const char* state, bool newest);
  std::optional<ChangeSet> move_step(bool undo, SessionModel* model);
  // What a model was last in step with.
  struct Signature {
    std::int64_t rows = 0, newest_id = 0;
    std::string newest_change;
    bool operator==(const Signature&) const = default;
  };
  struct Synced {
    std::int64_t data_version = 0;
    std::uint64_t local_writes = 0;
    std::uint64_t instance = 0, version = 0;
    Signature signature;
  };
  std::int64_t data_version();
  Signature signature();
  // Whether `model` shows the stored session: nothing committed elsewhere since it was in
  // step (data_version), or nothing that touched this session's events (signature).
  bool in_step(const SessionModel& model, std::int64_t data_version);
  void mark_in_step(const SessionModel& model, std::int64_t data_version, Signature stored);
  // Reloads the model's events unless it is in step (call inside a transaction).
  bool sync(SessionModel& model, std::int64_t data_version);
  // After a commit: shows it in the model; never throws (the change is committed), a model
  // that does not take it is reloaded by the next sync or refresh instead.
  void settle(SessionModel& model, const ChangeSet& committed, std::int64_t data_version, Signature stored) noexcept;
  // Writes a planned change as the newest done step (inside the transaction); with `merge`
  // it joins the newest done step instead when that step touched every event it touches
  // (its ops rewritten as merge_changes of both, in the same transaction).
  void write_step(ChangeSet& change, bool merge);
  ChangeSet commit_step(ChangeSet change, bool merge);
  void require_writable() const;
  void require_editable();
  // Executes the ops in order, filling in inserted ids; `action` "" means event.<kind>.
  void apply(ChangeSet& change, store_detail::AuditWriter& audit, const std::string& action);
  void touch_session(const std::string& now);

  SQLite::Database& db_;
  std::string path_;
  std::string actor_;
  SessionId session_;
  bool read_only_;
  std::shared_ptr<std::uint64_t> local_writes_;
  std::optional<Synced> synced_;
};

}  // namespace attune
