#pragma once
// Undo/redo. History plans a command, makes it durable through the Journal (the store's
// SQLite transaction in the app and CLI, memory in tests), and only then applies it to the
// model: the UI never shows a change that is not yet committed.
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
  // Commits `change` as the newest undo step and discards the redo branch. Assigns ids to
  // inserted events and returns the change as committed.
  virtual ChangeSet commit(ChangeSet change) = 0;
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

  // Plans, commits and applies. Returns the committed change (ids assigned); an empty
  // change (nothing to do) is neither committed nor recorded.
  ChangeSet apply(const Command& command);
  bool undo();
  bool redo();

  // Cached after every change, so the Edit menu can read them every frame.
  const std::optional<std::string>& undo_label() const { return undo_label_; }
  const std::optional<std::string>& redo_label() const { return redo_label_; }

 private:
  void refresh_labels();

  SessionModel& model_;
  Journal& journal_;
  std::optional<std::string> undo_label_, redo_label_;
};

}  // namespace attune
