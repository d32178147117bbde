#include "store/session_journal.h"

#include <SQLiteCpp/Database.h>
#include <SQLiteCpp/Statement.h>
#include <SQLiteCpp/Transaction.h>

#include <algorithm>

#include "core/error.h"
#include "store/audit.h"
#include "store/event_rows.h"
#include "store/review.h"
#include "store/store_util.h"

namespace attune {

using namespace store_detail;

struct SessionJournal::Step {
  std::int64_t id = 0;
  ChangeSet change;
};

SessionJournal::SessionJournal(SQLite::Database& db, std::string path, std::string actor, SessionId session,
                               bool read_only, std::shared_ptr<std::uint64_t> local_writes)
    : db_(db),
      path_(std::move(path)),
      actor_(std::move(actor)),
      session_(session),
      read_only_(read_only),
      local_writes_(local_writes ? std::move(local_writes) : std::make_shared<std::uint64_t>(0)) {}

std::int64_t SessionJournal::data_version() { return db_.execAndGet("PRAGMA data_version").getInt64(); }

SessionJournal::Signature SessionJournal::signature() {
  // Count, newest id and newest change of the session's rows: an insert, delete or update
  // (each stamps modified_utc to the microsecond) moves one of them. Read only when
  // data_version says another connection wrote something, anywhere in the file.
  SQLite::Statement st(db_, "SELECT count(*), coalesce(max(id), 0), coalesce(max(modified_utc), '') FROM events "
                            "WHERE session_id = ?");
  st.bind(1, session_);
  st.executeStep();
  return Signature{st.getColumn(0).getInt64(), st.getColumn(1).getInt64(), st.getColumn(2).getString()};
}

bool SessionJournal::in_step(const SessionModel& model, std::int64_t version) {
  if (!synced_ || synced_->local_writes != *local_writes_ || synced_->instance != model.instance() ||
      synced_->version != model.version())
    return false;
  if (synced_->data_version == version) return true;
  // Another connection committed: perhaps to another session, a comment, the audit trail.
  if (signature() != synced_->signature) return false;
  synced_->data_version = version;
  return true;
}

void SessionJournal::mark_in_step(const SessionModel& model, std::int64_t version, Signature stored) {
  synced_ = Synced{version, *local_writes_, model.instance(), model.version(), std::move(stored)};
}

bool SessionJournal::sync(SessionModel& model, std::int64_t version) {
  if (in_step(model, version)) return false;
  model.replace_events(read_events(db_, session_));
  mark_in_step(model, version, signature());
  return true;
}

void SessionJournal::settle(SessionModel& model, const ChangeSet& committed, std::int64_t version,
                            Signature stored) noexcept {
  try {
    model.apply(committed);
    mark_in_step(model, version, std::move(stored));
  } catch (...) {
    synced_.reset();  // the next sync or refresh reads the session again
  }
}

bool SessionJournal::refresh(SessionModel& model) {
  return guarded(path_, [&] {
    // One read transaction: the signature and the events are one snapshot. data_version
    // first: a commit landing after it makes the next refresh look again.
    const std::int64_t version = data_version();
    if (in_step(model, version)) return false;
    SQLite::Transaction tx(db_, SQLite::TransactionBehavior::DEFERRED);
    current_status(db_, session_);  // NotFound, also when deleted
    model.replace_events(read_events(db_, session_));
    mark_in_step(model, version, signature());
    tx.commit();
    return true;
  });
}

void SessionJournal::require_writable() const {
  if (read_only_) throw Error(ErrorKind::Storage, path_ + " is open read-only");
}

void SessionJournal::require_editable() {
  if (current_status(db_, session_) == SessionStatus::Approved)  // NotFound, also when deleted
    throw Error(ErrorKind::Conflict, "session " + std::to_string(session_) +
                                         " is approved; a supervisor must unlock it before it can be edited");
}

void SessionJournal::touch_session(const std::string& now) {
  SQLite::Statement st(db_, "UPDATE sessions SET modified_utc = ? WHERE id = ?");
  st.bind(1, now);
  st.bind(2, session_);
  st.exec();
}

void SessionJournal::apply(ChangeSet& change, AuditWriter& audit, const std::string& action) {
  const std::string& now = audit.at_utc();
  auto action_for = [&](EventOp::Kind kind) { return action.empty() ? std::string("event.") + to_string(kind) : action; };
  // The row must still be what the step saw; otherwise another window or process changed it.
  auto require_current = [&](const Event& before) {
    const std::optional<Event> current = read_event(db_, session_, before.id);
    if (!current || *current != before)
      throw Error(ErrorKind::Conflict, "event " + std::to_string(before.id) + " was changed elsewhere");
  };
  for (EventOp& op : change.ops) {
    switch (op.kind) {
      case EventOp::Kind::Insert:
        op.after.id = insert_event(db_, session_, op.after, now);
        audit.append(action_for(op.kind), "events", op.after.id, session_, std::nullopt,
                     event_row_json(op.after, session_));
        break;
      case EventOp::Kind::Update:
        if (op.after.id == 0) op.after.id = op.before.id;
        if (op.after.id != op.before.id)
          throw Error(ErrorKind::InvalidInput, "an update cannot change event " + std::to_string(op.before.id) +
                                                   "'s id");
        require_current(op.before);
        update_event(db_, session_, op.after, now);
        audit.append(action_for(op.kind), "events", op.after.id, session_, event_row_json(op.before, session_),
                     event_row_json(op.after, session_));
        break;
      case EventOp::Kind::Delete:
        require_current(op.before);
        delete_event(db_, session_, op.before.id);
        audit.append(action_for(op.kind), "events", op.before.id, session_, event_row_json(op.before, session_),
                     std::nullopt);
        break;
    }
  }
}

void SessionJournal::write_step(ChangeSet& change, bool merge) {
  AuditWriter audit(db_, actor_, utc_now());
  apply(change, audit, "");  // every write is audited as it happens (the trail is append-only)
  SQLite::Statement drop_redo(db_, "DELETE FROM history_steps WHERE session_id = ? AND state = 'undone'");
  drop_redo.bind(1, session_);
  drop_redo.exec();
  std::optional<Step> newest = merge ? next_step("done", true) : std::nullopt;
  if (newest) {
    const std::vector<EventId> theirs = touched_events(newest->change);
    for (EventId id : touched_events(change))
      if (std::find(theirs.begin(), theirs.end(), id) == theirs.end()) newest.reset();
  }
  if (newest) {  // one step with the one before: undo (also after a crash) takes both back
    SQLite::Statement step(db_, "UPDATE history_steps SET ops = ? WHERE id = ?");
    step.bind(1, dump_text(ops_to_json(merge_changes(newest->change, change).ops)));
    step.bind(2, newest->id);
    step.exec();
  } else {
    SQLite::Statement step(db_,
                           "INSERT INTO history_steps (session_id, label, ops, state, created_utc) "
                           "VALUES (?, ?, ?, 'done', ?)");
    step.bind(1, session_);
    step.bind(2, change.label);
    step.bind(3, dump_text(ops_to_json(change.ops)));
    step.bind(4, audit.at_utc());
    step.exec();
  }
  touch_session(audit.at_utc());
}

ChangeSet SessionJournal::commit(ChangeSet change) { return commit_step(std::move(change), false); }
ChangeSet SessionJournal::commit_merged(ChangeSet change) { return commit_step(std::move(change), true); }

ChangeSet SessionJournal::commit_step(ChangeSet change, bool merge) {
  if (change.empty()) return change;
  require_writable();
  return guarded(path_, [&] {
    SQLite::Transaction tx(db_, SQLite::TransactionBehavior::IMMEDIATE);
    require_editable();
    write_step(change, merge);
    tx.commit();
    ++*local_writes_;
    return change;
  });
}

ChangeSet SessionJournal::execute(const Command& command, SessionModel& model, bool merge) {
  require_writable();
  std::int64_t version = 0;
  Signature stored;  // the session's rows as committed
  ChangeSet committed = guarded(path_, [&] {
    SQLite::Transaction tx(db_, SQLite::TransactionBehavior::IMMEDIATE);
    require_editable();
    // Planned and checked against the session as stored: no other writer can commit until
    // this transaction ends.
    version = data_version();
    sync(model, version);
    ChangeSet change = plan(command, model);
    if (change.empty()) return change;  // nothing written; the transaction rolls back
    check_change(change, model);
    write_step(change, merge);
    stored = signature();
    tx.commit();
    ++*local_writes_;
    return change;
  });
  if (!committed.empty()) settle(model, committed, version, std::move(stored));
  return committed;
}

// Done steps always have lower ids than undone ones: undo takes the newest done step, redo
// the oldest undone one (the one undone last).
std::optional<SessionJournal::Step> SessionJournal::next_step(const char* state, bool newest) {
  SQLite::Statement st(db_, newest ? "SELECT id, label, ops FROM history_steps WHERE session_id = ? AND state = ? "
                                     "ORDER BY id DESC LIMIT 1"
                                   : "SELECT id, label, ops FROM history_steps WHERE session_id = ? AND state = ? "
                                     "ORDER BY id ASC LIMIT 1");
  st.bind(1, session_);
  st.bind(2, state);
  if (!st.executeStep()) return std::nullopt;
  Step step;
  step.id = st.getColumn(0).getInt64();
  step.change.label = st.getColumn(1).getString();
  step.change.ops = ops_from_json(nlohmann::json::parse(st.getColumn(2).getString()));
  return step;
}

std::optional<ChangeSet> SessionJournal::move_step(bool undo, SessionModel* model) {
  require_writable();
  std::int64_t version = 0;
  Signature stored;
  std::optional<ChangeSet> result = guarded(path_, [&]() -> std::optional<ChangeSet> {
    SQLite::Transaction tx(db_, SQLite::TransactionBehavior::IMMEDIATE);
    std::optional<Step> step = undo ? next_step("done", true) : next_step("undone", false);
    if (!step) return std::nullopt;
    require_editable();
    // Redo re-applies the step as stored: its inserts keep their original ids.
    ChangeSet applied = undo ? invert(step->change) : std::move(step->change);
    if (model) {  // the step must still fit the session as stored now
      version = data_version();
      sync(*model, version);
      try {
        check_change(applied, *model);
      } catch (const Error& e) {
        throw Error(e.kind(), std::string("cannot ") + (undo ? "undo" : "redo") + " '" + applied.label + "': " + e.what());
      }
    }
    AuditWriter audit(db_, actor_, utc_now());
    apply(applied, audit, undo ? "undo" : "redo");
    SQLite::Statement mark(db_, "UPDATE history_steps SET state = ? WHERE id = ?");
    mark.bind(1, undo ? "undone" : "done");
    mark.bind(2, step->id);
    mark.exec();
    touch_session(audit.at_utc());
    if (model) stored = signature();
    tx.commit();
    ++*local_writes_;
    return applied;
  });
  if (result && model) settle(*model, *result, version, std::move(stored));
  return result;
}

std::optional<ChangeSet> SessionJournal::undo() { return move_step(true, nullptr); }
std::optional<ChangeSet> SessionJournal::redo() { return move_step(false, nullptr); }
std::optional<ChangeSet> SessionJournal::execute_undo(SessionModel& model) { return move_step(true, &model); }
std::optional<ChangeSet> SessionJournal::execute_redo(SessionModel& model) { return move_step(false, &model); }

// Labels are read on every refresh of the Edit menu: no ops JSON is parsed for them.
std::optional<std::string> SessionJournal::label_of(const char* state, bool newest) {
  return guarded(path_, [&]() -> std::optional<std::string> {
    SQLite::Statement st(db_, newest ? "SELECT label FROM history_steps WHERE session_id = ? AND state = ? "
                                       "ORDER BY id DESC LIMIT 1"
                                     : "SELECT label FROM history_steps WHERE session_id = ? AND state = ? "
                                       "ORDER BY id ASC LIMIT 1");
    st.bind(1, session_);
    st.bind(2, state);
    if (!st.executeStep()) return std::nullopt;
    return st.getColumn(0).getString();
  });
}

std::optional<std::string> SessionJournal::undo_label() { return label_of("done", true); }
std::optional<std::string> SessionJournal::redo_label() { return label_of("undone", false); }

}  // namespace attune
