#include "core/session_model.h"

#include <algorithm>
#include <atomic>

#include "core/error.h"

namespace attune {

SessionModel::SessionModel(std::shared_ptr<const Scheme> scheme, std::vector<Event> events, FrameRate fps)
    : SessionModel(std::move(scheme), std::move(events), FrameIndex(fps)) {}

SessionModel::SessionModel(std::shared_ptr<const Scheme> scheme, std::vector<Event> events, FrameIndex frames)
    : scheme_(std::move(scheme)), frames_(std::move(frames)), events_(std::move(events)) {
  static std::atomic<std::uint64_t> instances{0};
  instance_ = ++instances;
  std::sort(events_.begin(), events_.end(), event_before);
  for (const Event& e : events_) {
    if (!start_by_id_.emplace(e.id, e.start).second)
      throw Error(ErrorKind::Conflict, "duplicate event id " + std::to_string(e.id));
    if (e.is_open()) open_ids_.push_back(e.id);
  }
}

void SessionModel::replace_events(std::vector<Event> events) {
  std::sort(events.begin(), events.end(), event_before);
  std::unordered_map<EventId, Micros> starts;
  std::vector<EventId> open;
  for (const Event& e : events) {
    if (!starts.emplace(e.id, e.start).second)
      throw Error(ErrorKind::Conflict, "duplicate event id " + std::to_string(e.id));
    if (e.is_open()) open.push_back(e.id);
  }
  events_ = std::move(events);
  start_by_id_ = std::move(starts);
  open_ids_ = std::move(open);
  ++version_;
  recent_.clear();  // changes_since() answers nullopt: views rebuild from the new events
}

std::size_t SessionModel::lower_bound(Micros t) const {
  auto it = std::partition_point(events_.begin(), events_.end(), [&](const Event& e) { return e.start < t; });
  return static_cast<std::size_t>(it - events_.begin());
}

std::size_t SessionModel::index_of(EventId id) const {
  auto found = start_by_id_.find(id);
  if (found == start_by_id_.end()) return events_.size();
  Event probe;
  probe.id = id;
  probe.start = found->second;
  auto it = std::lower_bound(events_.begin(), events_.end(), probe, event_before);
  return (it != events_.end() && it->id == id) ? static_cast<std::size_t>(it - events_.begin()) : events_.size();
}

const Event* SessionModel::find(EventId id) const {
  std::size_t i = index_of(id);
  return i < events_.size() ? &events_[i] : nullptr;
}

const Event* SessionModel::open_state(const std::string& code, const std::string& subject) const {
  for (EventId id : open_ids_) {
    const Event* e = find(id);
    if (e && e->code == code && e->subject == subject) return e;
  }
  return nullptr;
}

std::vector<const Event*> SessionModel::open_states_in_group(const std::string& group, const std::string& subject) const {
  std::vector<const Event*> found;
  for (EventId id : open_ids_) {
    const Event* e = find(id);
    if (!e || e->subject != subject) continue;
    const Code* code = scheme_->find_code(e->code);
    if (code && code->group == group) found.push_back(e);
  }
  return found;
}

std::vector<const Event*> SessionModel::open_states() const {
  std::vector<const Event*> found;
  for (EventId id : open_ids_)
    if (const Event* e = find(id)) found.push_back(e);
  std::sort(found.begin(), found.end(), [](const Event* a, const Event* b) { return event_before(*a, *b); });
  return found;
}

void SessionModel::insert_sorted(Event e) {
  if (e.id == 0) throw Error(ErrorKind::Conflict, "an event must have an id before it enters the model");
  if (!start_by_id_.emplace(e.id, e.start).second)
    throw Error(ErrorKind::Conflict, "event " + std::to_string(e.id) + " already exists");
  if (e.is_open()) open_ids_.push_back(e.id);
  auto it = std::upper_bound(events_.begin(), events_.end(), e, event_before);
  events_.insert(it, std::move(e));
}

void SessionModel::update_in_place(std::size_t i, Event e) {
  // The row moves only between its old and new places (std::rotate), so nudging an event
  // costs O(distance moved), not O(events after it).
  if (e.id != events_[i].id)
    throw Error(ErrorKind::Conflict, "an update cannot change event " + std::to_string(events_[i].id) + "'s id");
  if (events_[i].is_open() != e.is_open()) {
    std::erase(open_ids_, e.id);
    if (e.is_open()) open_ids_.push_back(e.id);
  }
  start_by_id_[e.id] = e.start;
  auto at = events_.begin() + static_cast<std::ptrdiff_t>(i);
  auto to = std::upper_bound(events_.begin(), events_.end(), e, event_before);
  if (to > at) {  // later: the rows in between move one place up
    std::rotate(at, at + 1, to);
    *(to - 1) = std::move(e);
  } else {  // earlier (or the same place)
    std::rotate(to, at, at + 1);
    *to = std::move(e);
  }
}

void SessionModel::apply(const ChangeSet& change) {
  for (const EventOp& op : change.ops) {
    if (op.kind == EventOp::Kind::Insert) {
      insert_sorted(op.after);
      continue;
    }
    std::size_t i = index_of(op.before.id);
    if (i == events_.size())
      throw Error(ErrorKind::Conflict, "event " + std::to_string(op.before.id) + " is not in the session");
    if (op.kind == EventOp::Kind::Update) {
      update_in_place(i, op.after);
      continue;
    }
    events_.erase(events_.begin() + static_cast<std::ptrdiff_t>(i));
    start_by_id_.erase(op.before.id);
    std::erase(open_ids_, op.before.id);
  }
  ++version_;
  recent_.push_back(change);
  if (recent_.size() > kKeptChanges) recent_.pop_front();
}

std::optional<std::vector<const ChangeSet*>> SessionModel::changes_since(std::uint64_t version) const {
  if (version > version_ || version_ - version > recent_.size()) return std::nullopt;
  std::vector<const ChangeSet*> changes;
  for (std::size_t i = recent_.size() - static_cast<std::size_t>(version_ - version); i < recent_.size(); ++i)
    changes.push_back(&recent_[i]);
  return changes;
}

}  // namespace attune
