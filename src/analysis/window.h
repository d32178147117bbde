#pragma once
// Time sets and analysis windows. Observation = [0, session end); codable time = observation
// minus Uncodable; a window (the session or one episode) is a span of the observation with
// its codable part. All arithmetic is on exact microseconds; seconds appear only in results.
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "core/event.h"
#include "core/scheme.h"
#include "core/time.h"

namespace attune::analysis {

// Half-open [start, end).
struct TimeInterval {
  Micros start = 0;
  Micros end = 0;
  Micros length() const { return end > start ? end - start : 0; }
  bool operator==(const TimeInterval&) const = default;
};

// Sorted, disjoint, non-empty intervals (touching ones are merged).
using TimeSet = std::vector<TimeInterval>;

TimeSet normalize(std::vector<TimeInterval> intervals);
TimeSet intersect(const TimeSet& a, const TimeSet& b);
TimeSet subtract(const TimeSet& a, const TimeSet& b);
Micros measure(const TimeSet& set);
bool contains(const TimeSet& set, Micros t);

inline double as_seconds(Micros t) { return static_cast<double>(t) / static_cast<double>(kMicrosPerSecond); }
inline double as_minutes(Micros t) { return as_seconds(t) / 60.0; }

// The recording duration when known, else the latest start or end of any event (0 when
// there are none).
Micros session_end(std::span<const Event> events, std::optional<Micros> duration);

// The event's time clipped to [0, observation_end). An open state is censored at
// observation_end: it counts as running up to the end. A point event is empty.
TimeInterval event_interval(const Event& event, Micros observation_end);

struct Window {
  Micros start = 0;            // the session start (0) or the episode start
  Micros end = 0;              // clipped to the observation
  Micros observation_end = 0;  // where open states are censored
  TimeSet codable;             // [start, end) minus uncodable time
  // Episodes only: the episode's event.
  std::optional<EventId> episode_id;
  std::string episode_code;
  std::string episode_subject;

  Micros observed() const { return end > start ? end - start : 0; }
  Micros codable_time() const { return measure(codable); }
};

// Whether an onset at t belongs to the window: inside its codable part, or exactly at the
// observation end when the window reaches it codably (so the last point event of a session
// whose end is inferred from that event is still counted).
bool onset_in(const Window& window, Micros t);

// The union of the intervals of codes marked uncodable, within the observation.
TimeSet uncodable_time(const Scheme& scheme, std::span<const Event> events, Micros observation_end);

// [0, session end) with its codable part.
Window session_window(const Scheme& scheme, std::span<const Event> events, std::optional<Micros> duration);

// One window per state event of an episode-role group (overlapping episodes each get their
// own window), in order of onset. Episode codes marked uncodable are not episodes.
std::vector<Window> episode_windows(const Scheme& scheme, std::span<const Event> events, const Window& session);

}  // namespace attune::analysis
