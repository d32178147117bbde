#include "core/session_model.h"

#include <algorithm>

#include "core/error.h"

namespace attune {

SessionModel::SessionModel(std::shared_ptr<const Scheme> scheme, std::vector<Event> events, FrameRate fps)
    : scheme_(std::move(scheme)), fps_(fps), events_(std::move(events)) {
  std::sort(events_.begin(), events_.end(), event_before);
  for (const Event& e : events_) {
    if (!start_by_id_.emplace(e.id, e.start).second)
      throw Error(ErrorKind::Conflict, "duplicate event id " + std::to_string(e.id));
    if (e.is_open()) open_ids_.push_back(e.id);
  }
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

void SessionModel::apply(const ChangeSet& change) {
  for (const EventOp& op : change.ops) {
    if (op.kind != EventOp::Kind::Insert) {
      std::size_t i = index_of(op.before.id);
      if (i == events_.size())
        throw Error(ErrorKind::Conflict, "event " + std::to_string(op.before.id) + " is not in the session");
      events_.erase(events_.begin() + static_cast<std::ptrdiff_t>(i));
      start_by_id_.erase(op.before.id);
      std::erase(open_ids_, op.before.id);
    }
    if (op.kind != EventOp::Kind::Delete) insert_sorted(op.after);
  }
  ++version_;
}

}  // namespace attune
