#include "core/history.h"

namespace attune {

ChangeSet MemoryJournal::commit(ChangeSet change) {
  for (EventOp& op : change.ops)
    if (op.kind == EventOp::Kind::Insert && op.after.id == 0) op.after.id = next_id_++;
  done_.push_back(change);
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

History::History(SessionModel& model, Journal& journal) : model_(model), journal_(journal) { refresh_labels(); }

ChangeSet History::apply(const Command& command) {
  ChangeSet change = plan(command, model_);
  if (change.empty()) return change;
  ChangeSet committed = journal_.commit(std::move(change));
  model_.apply(committed);
  refresh_labels();
  return committed;
}

bool History::undo() {
  std::optional<ChangeSet> applied = journal_.undo();
  if (applied) model_.apply(*applied);
  refresh_labels();
  return applied.has_value();
}

bool History::redo() {
  std::optional<ChangeSet> applied = journal_.redo();
  if (applied) model_.apply(*applied);
  refresh_labels();
  return applied.has_value();
}

void History::refresh_labels() {
  undo_label_ = journal_.undo_label();
  redo_label_ = journal_.redo_label();
}

}  // namespace attune
