#pragma once
// Undo/redo. History hands a command to the Journal (the store's SQLite transaction in the
// app and CLI, memory in tests), which plans it against the session as stored, checks it
// against the scheme's rules and commits it, and only then applies it to the model: the UI
// never shows a change that is not yet committed, and a model made stale by another writer
// (another window, attune-cli) is reloaded before anything is planned against it.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/commands.h"

namespace attune {

// Durable record of one session's undo steps. Implementations must make each call atomic:
// when it returns, the change and the step are committed; when it throws, nothing changed.
class Journal {
 public:
  virtual ~Journal() = default;

  // The path every command takes (History calls these). In one atomic step: `model` is
  // brought up to date with what is stored, the command is planned against it and checked
  // (check_change), and the change committed as the newest undo step (the redo branch is
  // discarded); afterwards `model` shows the committed change. Returns the change as
  // committed (ids assigned); an empty change commits nothing. Throws when nothing changed.
  // With `merge`, the change joins the newest done step (merge_changes) instead of making
  // its own, when that step touched every event the change touches (else it is a step of
  // its own); atomic like the rest: after a crash, undo takes the merged step back whole.
  virtual ChangeSet execute(const Command& command, SessionModel& model, bool merge = false);
  // Undo / redo the same way: the step is checked against the stored session before it is
  // applied, and what is returned (the operations applied, label included) is what was
  // committed; nullopt when there is nothing to undo / redo.
  virtual std::optional<ChangeSet> execute_undo(SessionModel& model);
  virtual std::optional<ChangeSet> execute_redo(SessionModel& model);
  // Reloads `model` when another writer changed the stored session since it was last in
  // step; returns whether it did. Cheap when nothing changed (a window polls it).
  virtual bool refresh(SessionModel& model) { (void)model; return false; }

  // Low level, without planning or rule checks: they write what they are given. For tests
  // and tools; commands go through execute().
  // Commits `change` as the newest undo step and discards the redo branch. Assigns ids to
  // inserted events and returns the change as committed.
  virtual ChangeSet commit(ChangeSet change) = 0;
  // commit(), joining the newest done step as execute(…, merge) describes.
  virtual ChangeSet commit_merged(ChangeSet change) { return commit(std::move(change)); }
  // Undoes the newest done step; returns the operations applied (the inverse of the step),
  // or nullopt when there is nothing to undo.
  virtual std::optional<ChangeSet> undo() = 0;
  // Redoes the oldest undone step; returns the operations applied, or nullopt.
  virtual std::optional<ChangeSet> redo() = 0;
  virtual std::optional<std::string> undo_label() = 0;
  virtual std::optional<std::string> redo_label() = 0;
};

// A journal in memory: for tests, and for coding that has no store behind it.
class MemoryJournal : public Journal {
 public:
  explicit MemoryJournal(EventId next_id = 1) : next_id_(next_id) {}
  ChangeSet commit(ChangeSet change) override;
  ChangeSet commit_merged(ChangeSet change) override;
  std::optional<ChangeSet> undo() override;
  std::optional<ChangeSet> redo() override;
  std::optional<std::string> undo_label() override;
  std::optional<std::string> redo_label() override;

 private:
  std::vector<ChangeSet> done_;
  std::vector<ChangeSet> undone_;  // back() is the next to redo
  EventId next_id_;
};

class History {
 public:
  History(SessionModel& model, Journal& journal);

  // Plans, commits and applies (Journal::execute). Returns the committed change (ids
  // assigned); an empty change (nothing to do) is neither committed nor recorded.
  // `merge`: one undo step with the previous change (Journal::execute); the caller decides
  // when a change continues the previous one (the window: see docs/keys.md, "Undo").
  ChangeSet apply(const Command& command, bool merge = false);
  // The operations undone / redone as committed (label = the step's), nullopt when none.
  std::optional<ChangeSet> undo_change();
  std::optional<ChangeSet> redo_change();
  bool undo() { return undo_change().has_value(); }
  bool redo() { return redo_change().has_value(); }
  // Follows changes other writers made to the stored session (Journal::refresh); true when
  // the model was reloaded.
  bool refresh();

  // Cached after every change, so the Edit menu can read them every frame.
  const std::optional<std::string>& undo_label() const { return undo_label_; }
  const std::optional<std::string>& redo_label() const { return redo_label_; }

 private:
  void refresh_labels();
  void refresh_labels_after_commit();

  SessionModel& model_;
  Journal& journal_;
  std::optional<std::string> undo_label_, redo_label_;
};

}  // namespace attune
