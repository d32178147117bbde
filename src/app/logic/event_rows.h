#pragma once
// The rows of the event list: every event, or only those of one code and/or subject (the
// list's filter), as a cached index over the model's sorted events, rebuilt only when the
// model or the filter changes (never per frame; without a filter there is no index at
// all). And stepping from one row to the next or previous one (of any code, or of one
// code), which the list's buttons and the next/previous-event keys use. No ImGui here.
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/session_model.h"

namespace attune {

struct EventFilter {
  std::string code;     // "" = every code
  std::string subject;  // "" = every subject
  bool active() const { return !code.empty() || !subject.empty(); }
  bool matches(const Event& e) const {
    return (code.empty() || e.code == code) && (subject.empty() || e.subject == subject);
  }
  bool operator==(const EventFilter&) const = default;
};

class EventRows {
 public:
  // Follows the model and the filter (cheap when neither changed).
  void update(const SessionModel& model, const EventFilter& filter);

  std::size_t size() const { return all_ ? model_size_ : index_.size(); }
  const Event& row(const SessionModel& model, std::size_t i) const {
    return model.events()[all_ ? i : index_[i]];
  }
  // The first row whose event starts at or after t (size() when none).
  std::size_t row_at(const SessionModel& model, Micros t) const;
  // The row of an event, or nullopt when it is not shown (filtered out, or gone).
  std::optional<std::size_t> row_of(const SessionModel& model, EventId id) const;

  std::uint64_t builds() const { return builds_; }  // index rebuilds (tests)

 private:
  bool all_ = true;
  std::size_t model_size_ = 0;
  std::vector<std::size_t> index_;  // positions in model.events(), when a filter is active
  std::optional<EventFilter> filter_;
  std::uint64_t model_ = 0, version_ = 0;
  std::uint64_t builds_ = 0;
};

// The event to step to from `from` (a shown event: step from its row) or, without one, from
// the playhead at `now` (next: the first starting after it; previous: the last starting
// before it). direction > 0 steps forward. With `code` set, only that code's events count.
// nullptr when there is none in that direction.
const Event* step_event(const SessionModel& model, const EventRows& rows, std::optional<EventId> from, Micros now,
                        int direction, const std::string& code = "");

}  // namespace attune
