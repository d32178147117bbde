#include "app/logic/event_rows.h"

#include <algorithm>

namespace attune {

void EventRows::update(const SessionModel& model, const EventFilter& filter) {
  model_size_ = model.size();
  if (filter_ == filter && model_ == model.instance() && version_ == model.version()) return;
  filter_ = filter;
  model_ = model.instance();
  version_ = model.version();
  all_ = !filter.active();
  index_.clear();
  if (all_) return;
  const auto events = model.events();
  for (std::size_t i = 0; i < events.size(); ++i)
    if (filter.matches(events[i])) index_.push_back(i);
  ++builds_;
}

std::size_t EventRows::row_at(const SessionModel& model, Micros t) const {
  if (all_) return model.lower_bound(t);
  const auto events = model.events();
  auto it = std::partition_point(index_.begin(), index_.end(), [&](std::size_t i) { return events[i].start < t; });
  return static_cast<std::size_t>(it - index_.begin());
}

std::optional<std::size_t> EventRows::row_of(const SessionModel& model, EventId id) const {
  const Event* e = model.find(id);
  if (!e) return std::nullopt;
  const auto events = model.events();
  const auto position = static_cast<std::size_t>(e - events.data());
  if (all_) return position;
  auto it = std::lower_bound(index_.begin(), index_.end(), position);
  if (it == index_.end() || *it != position) return std::nullopt;
  return static_cast<std::size_t>(it - index_.begin());
}

const Event* step_event(const SessionModel& model, const EventRows& rows, std::optional<EventId> from, Micros now,
                        int direction, const std::string& code) {
  const std::size_t n = rows.size();
  if (n == 0 || direction == 0) return nullptr;
  auto wanted = [&](std::size_t i) { return code.empty() || rows.row(model, i).code == code; };
  const std::optional<std::size_t> at = from ? rows.row_of(model, *from) : std::nullopt;
  if (direction > 0) {
    // From a row: the rows after it; from the playhead: the first starting after it.
    std::size_t i = at ? *at + 1 : rows.row_at(model, now);
    if (!at)
      while (i < n && rows.row(model, i).start <= now) ++i;
    for (; i < n; ++i)
      if (wanted(i)) return &rows.row(model, i);
    return nullptr;
  }
  std::size_t i = at ? *at : rows.row_at(model, now);  // rows before i start before now
  while (i-- > 0)
    if (wanted(i)) return &rows.row(model, i);
  return nullptr;
}

}  // namespace attune
