#pragma once
// The durable undo journal of one session: each commit/undo/redo is one IMMEDIATE
// transaction holding the event changes, the history step and the audit rows. All state
// lives in the database, so undo and redo continue across processes.
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
  // `db` belongs to the Store, which must outlive the journal.
  SessionJournal(SQLite::Database& db, std::string path, std::string actor, SessionId session, bool read_only);

  ChangeSet commit(ChangeSet change) override;
  std::optional<ChangeSet> undo() override;
  std::optional<ChangeSet> redo() override;
  std::optional<std::string> undo_label() override;
  std::optional<std::string> redo_label() override;

  SessionId session() const { return session_; }

 private:
  struct Step;
  std::optional<Step> next_step(const char* state, bool newest);
  std::optional<std::string> label_of(const char* state, bool newest);
  std::optional<ChangeSet> move_step(bool undo);
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
};

}  // namespace attune
