#include "core/history.h"

#include <algorithm>

namespace attune {

ChangeSet MemoryJournal::commit(ChangeSet change) {
  for (EventOp& op : change.ops)
    if (op.kind == EventOp::Kind::Insert && op.after.id == 0) op.after.id = next_id_++;
  done_.push_back(change);
  undone_.clear();
  return change;
}

ChangeSet MemoryJournal::commit_merged(ChangeSet change) {
  std::vector<EventId> newest;
  if (!done_.empty()) newest = touched_events(done_.back());
  for (EventId id : touched_events(change))
    if (std::find(newest.begin(), newest.end(), id) == newest.end()) return commit(std::move(change));
  for (EventOp& op : change.ops)
    if (op.kind == EventOp::Kind::Insert && op.after.id == 0) op.after.id = next_id_++;
  done_.back() = merge_changes(done_.back(), change);
  undone_.clear();
  return change;
}

std::optional<ChangeSet> MemoryJournal::undo() {
  if (done_.empty()) return std::nullopt;
  ChangeSet step = std::move(done_.back());
  done_.pop_back();
  ChangeSet inverse = invert(step);
  undone_.push_back(std::move(step));
  return inverse;
}

std::optional<ChangeSet> MemoryJournal::redo() {
  if (undone_.empty()) return std::nullopt;
  ChangeSet step = std::move(undone_.back());
  undone_.pop_back();
  done_.push_back(step);
  return step;
}

std::optional<std::string> MemoryJournal::undo_label() {
  return done_.empty() ? std::nullopt : std::optional(done_.back().label);
}

std::optional<std::string> MemoryJournal::redo_label() {
  return undone_.empty() ? std::nullopt : std::optional(undone_.back().label);
}

ChangeSet Journal::execute(const Command& command, SessionModel& model, bool merge) {
  // A journal with no other writer: the model is the session as stored.
  ChangeSet change = plan(command, model);
  if (change.empty()) return change;
  check_change(change, model);
  ChangeSet committed = merge ? commit_merged(std::move(change)) : commit(std::move(change));
  model.apply(committed);
  return committed;
}

std::optional<ChangeSet> Journal::execute_undo(SessionModel& model) {
  std::optional<ChangeSet> applied = undo();
  if (applied) model.apply(*applied);
  return applied;
}

std::optional<ChangeSet> Journal::execute_redo(SessionModel& model) {
  std::optional<ChangeSet> applied = redo();
  if (applied) model.apply(*applied);
  return applied;
}

History::History(SessionModel& model, Journal& journal) : model_(model), journal_(journal) { refresh_labels(); }

ChangeSet History::apply(const Command& command, bool merge) {
  ChangeSet committed = journal_.execute(command, model_, merge);
  refresh_labels_after_commit();
  return committed;
}

std::optional<ChangeSet> History::undo_change() {
  std::optional<ChangeSet> applied = journal_.execute_undo(model_);
  refresh_labels_after_commit();
  return applied;
}

std::optional<ChangeSet> History::redo_change() {
  std::optional<ChangeSet> applied = journal_.execute_redo(model_);
  refresh_labels_after_commit();
  return applied;
}

bool History::refresh() {
  const bool reloaded = journal_.refresh(model_);
  if (reloaded) refresh_labels();  // another writer may have added or undone steps
  return reloaded;
}

void History::refresh_labels_after_commit() {
  // The change is committed: a failure to read the labels must not make it look failed.
  try {
    refresh_labels();
  } catch (const std::exception&) {
    undo_label_.reset();
    redo_label_.reset();
  }
}

void History::refresh_labels() {
  undo_label_ = journal_.undo_label();
  redo_label_ = journal_.redo_label();
}

}  // namespace attune
