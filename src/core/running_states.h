#pragma once
// Which states are running at a time t. A state runs at t when start <= t and, if it has
// an end, t < end; an open state (no end) runs from its start on, and not before it. The
// code pad and the key that toggles a state ask this for the playhead's time every frame,
// so each (code, subject) keeps its intervals sorted (they never overlap: the commands
// refuse it) and a lookup is a binary search. Cached per model version and patched with
// the changes applied since (O(size of the change)).
#include <cstdint>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

#include "core/session_model.h"

namespace attune {

inline bool running_at(const Event& e, Micros t) { return e.start <= t && (!e.end || t < *e.end); }

class RunningStates {
 public:
  // Follows the model (call once per frame before at(); free when nothing changed).
  void update(const SessionModel& model);
  // The state of `code` for `subject` running at t, or nullptr.
  const Event* at(const SessionModel& model, const std::string& code, const std::string& subject, Micros t) const;

  std::uint64_t builds() const { return builds_; }  // full rebuilds (tests)

 private:
  struct Span {
    Micros start = 0;
    Micros end = 0;  // the largest Micros while open
    EventId id = 0;
  };
  using Spans = std::vector<Span>;
  Spans* spans_of(const Event& e, bool create);
  void insert(const Event& e);
  void remove(const Event& e);

  std::shared_ptr<const Scheme> scheme_;
  std::uint64_t model_ = 0, version_ = 0;
  bool built_ = false;
  // code id -> (subject, its intervals sorted by start); subjects per code are few.
  std::unordered_map<std::string, std::vector<std::pair<std::string, Spans>>> spans_;
  std::uint64_t builds_ = 0;
};

}  // namespace attune
