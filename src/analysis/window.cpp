#include "analysis/window.h"

#include <algorithm>

namespace attune::analysis {

TimeSet normalize(std::vector<TimeInterval> intervals) {
  std::erase_if(intervals, [](const TimeInterval& i) { return i.end <= i.start; });
  std::sort(intervals.begin(), intervals.end(),
            [](const TimeInterval& a, const TimeInterval& b) { return a.start < b.start; });
  TimeSet out;
  for (const TimeInterval& i : intervals) {
    if (!out.empty() && i.start <= out.back().end)
      out.back().end = std::max(out.back().end, i.end);
    else
      out.push_back(i);
  }
  return out;
}

TimeSet intersect(const TimeSet& a, const TimeSet& b) {
  TimeSet out;
  std::size_t i = 0, j = 0;
  while (i < a.size() && j < b.size()) {
    const Micros lo = std::max(a[i].start, b[j].start);
    const Micros hi = std::min(a[i].end, b[j].end);
    if (lo < hi) out.push_back({lo, hi});
    if (a[i].end < b[j].end)
      ++i;
    else
      ++j;
  }
  return out;
}

TimeSet subtract(const TimeSet& a, const TimeSet& b) {
  TimeSet out;
  std::size_t j = 0;
  for (TimeInterval piece : a) {
    while (j < b.size() && b[j].end <= piece.start) ++j;
    for (std::size_t k = j; k < b.size() && b[k].start < piece.end; ++k) {
      if (b[k].start > piece.start) out.push_back({piece.start, b[k].start});
      piece.start = std::max(piece.start, b[k].end);
    }
    if (piece.start < piece.end) out.push_back(piece);
  }
  return out;
}

Micros measure(const TimeSet& set) {
  Micros total = 0;
  for (const TimeInterval& i : set) total += i.length();
  return total;
}

bool contains(const TimeSet& set, Micros t) {
  auto it = std::upper_bound(set.begin(), set.end(), t, [](Micros v, const TimeInterval& i) { return v < i.start; });
  return it != set.begin() && t < std::prev(it)->end;
}

Micros session_end(std::span<const Event> events, std::optional<Micros> duration) {
  if (duration) return std::max<Micros>(*duration, 0);
  Micros latest = 0;
  for (const Event& e : events) latest = std::max({latest, e.start, e.end.value_or(e.start)});
  return latest;
}

TimeInterval event_interval(const Event& event, Micros observation_end) {
  const Micros start = std::max<Micros>(event.start, 0);
  const Micros end = std::min(event.end.value_or(observation_end), observation_end);
  return end > start ? TimeInterval{start, end} : TimeInterval{start, start};
}

bool onset_in(const Window& window, Micros t) {
  if (contains(window.codable, t)) return true;
  if (t != window.end || window.end != window.observation_end) return false;
  // The closing instant of the observation: codable when the codable part reaches it (a
  // zero-length window has no uncodable time to exclude it).
  return window.codable.empty() ? window.start == window.end : window.codable.back().end == window.end;
}

TimeSet uncodable_time(const Scheme& scheme, std::span<const Event> events, Micros observation_end) {
  std::vector<TimeInterval> spans;
  for (const Event& e : events) {
    const Code* code = scheme.find_code(e.code);
    if (code && code->uncodable) spans.push_back(event_interval(e, observation_end));
  }
  return normalize(std::move(spans));
}

Window session_window(const Scheme& scheme, std::span<const Event> events, std::optional<Micros> duration) {
  Window w;
  w.observation_end = session_end(events, duration);
  w.end = w.observation_end;
  w.codable = subtract(normalize({{0, w.end}}), uncodable_time(scheme, events, w.end));
  return w;
}

std::vector<Window> episode_windows(const Scheme& scheme, std::span<const Event> events, const Window& session) {
  std::vector<const Event*> found;
  for (const Event& e : events) {
    const Code* code = scheme.find_code(e.code);
    if (!code || code->kind != CodeKind::State || code->uncodable) continue;
    const CodeGroup* group = scheme.find_group(code->group);
    if (group && group->role == "episode" && e.start <= session.observation_end) found.push_back(&e);
  }
  std::sort(found.begin(), found.end(), [](const Event* a, const Event* b) { return event_before(*a, *b); });
  std::vector<Window> out;
  for (const Event* e : found) {
    const TimeInterval span = event_interval(*e, session.observation_end);
    Window w;
    w.start = span.start;
    w.end = span.end;
    w.observation_end = session.observation_end;
    w.codable = intersect(session.codable, normalize({span}));
    w.episode_id = e->id;
    w.episode_code = e->code;
    w.episode_subject = e->subject;
    out.push_back(std::move(w));
  }
  return out;
}

}  // namespace attune::analysis
