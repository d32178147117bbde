#include "analysis/summary.h"

#include <algorithm>
#include <string_view>
#include <unordered_map>
#include <utility>

#include "analysis/stats.h"
#include "core/error.h"

namespace attune::analysis {

namespace {

using KeyView = std::pair<std::string_view, std::string_view>;  // code, subject

struct KeyHash {
  std::size_t operator()(const KeyView& k) const noexcept {
    const std::size_t a = std::hash<std::string_view>{}(k.first), b = std::hash<std::string_view>{}(k.second);
    return a ^ (b + 0x9e3779b97f4a7c15ULL + (a << 6) + (a >> 2));
  }
};

// The rows of code_stats in order (see summary.h) and the events of each, found in one pass
// with a hash of (code, subject): the views point into the scheme and the events.
struct Rows {
  std::vector<KeyView> keys;
  std::vector<std::size_t> slot_of_key;              // a scheme may list a row twice: one slot
  std::vector<std::vector<const Event*>> slot_events;  // in the order of `events`
};

Rows rows_of(const Scheme& scheme, std::span<const Event> events) {
  Rows rows;
  std::unordered_map<KeyView, std::size_t, KeyHash> slots;
  auto add = [&](KeyView key) {
    const auto [it, inserted] = slots.try_emplace(key, rows.slot_events.size());
    if (inserted) rows.slot_events.emplace_back();
    rows.keys.push_back(key);
    rows.slot_of_key.push_back(it->second);
    return it->second;
  };
  for (const Code& code : scheme.codes) {
    if (code.uncodable) continue;
    if (code.subjects.empty()) add({code.id, std::string_view()});
    for (const std::string& subject : code.subjects) add({code.id, subject});
  }
  for (const Event& e : events) {
    const Code* code = scheme.find_code(e.code);
    if (!code)
      throw Error(ErrorKind::InvalidInput, "Event " + std::to_string(e.id) + " uses code '" + e.code +
                                               "', which is not in scheme '" + scheme.name + "'.");
    if (code->uncodable) continue;  // no row: its time is not codable
    const KeyView key{e.code, e.subject};
    const auto it = slots.find(key);
    rows.slot_events[it != slots.end() ? it->second : add(key)].push_back(&e);
  }
  const auto before = [](const Event* a, const Event* b) { return event_before(*a, *b); };
  for (std::vector<const Event*>& list : rows.slot_events)
    if (!std::is_sorted(list.begin(), list.end(), before)) std::sort(list.begin(), list.end(), before);
  return rows;
}

// measure(intersect(normalize({span}), set)), step for step, without building the sets.
Micros measure_within(TimeInterval span, const TimeSet& set) {
  if (span.end <= span.start) return 0;
  Micros total = 0;
  for (const TimeInterval& piece : set) {
    const Micros lo = std::max(span.start, piece.start), hi = std::min(span.end, piece.end);
    if (lo < hi) total += hi - lo;
    if (span.end < piece.end) break;
  }
  return total;
}

// code_stats over rows found once: summarize() shares them between its windows.
std::vector<CodeStats> stats_of(const Scheme& scheme, const Rows& by_key, const Window& window) {
  const Micros codable = window.codable_time();
  std::vector<CodeStats> rows;
  for (std::size_t k = 0; k < by_key.keys.size(); ++k) {
    CodeStats row;
    row.code = by_key.keys[k].first;
    row.subject = by_key.keys[k].second;
    row.kind = scheme.find_code(row.code)->kind;
    const std::vector<const Event*>& list = by_key.slot_events[by_key.slot_of_key[k]];

    std::vector<double> durations;
    for (const Event* e : list) {
      if (onset_in(window, e->start)) {
        if (row.count++ == 0) row.latency_s = as_seconds(e->start - window.start);
      }
      if (row.kind != CodeKind::State) continue;
      const Micros inside = measure_within(event_interval(*e, window.observation_end), window.codable);
      if (inside == 0) continue;
      durations.push_back(as_seconds(inside));
      if (e->is_open()) ++row.censored;
    }
    row.rate_per_min = ratio(row.count, as_minutes(codable));
    if (row.kind == CodeKind::State) {
      row.bouts = static_cast<int>(durations.size());
      double total = 0;
      for (double d : durations) total += d;
      row.total_s = total;
      row.mean_s = mean_of(durations);
      row.median_s = median_of(durations);
      row.sd_s = sample_sd_of(durations);
      if (auto share = ratio(total, as_seconds(codable))) row.percent_codable = 100.0 * *share;
    }
    rows.push_back(std::move(row));
  }
  return rows;
}

WindowSummary summarize_in(const Scheme& scheme, std::span<const Event> events, const Rows& rows,
                           const Window& window, const SummaryParameters& parameters) {
  WindowSummary s;
  s.window = window;
  s.observed_s = as_seconds(window.observed());
  s.codable_s = as_seconds(window.codable_time());
  s.codes = stats_of(scheme, rows, window);
  for (const ContingencyRule& rule : scheme.rules)
    s.rules.push_back(evaluate_rule(rule, scheme, events, window, parameters));
  for (const SequentialOptions& table : parameters.sequential())
    s.sequential.push_back(lag1_table(scheme, events, table, window));
  return s;
}

}  // namespace

std::vector<CodeStats> code_stats(const Scheme& scheme, std::span<const Event> events, const Window& window) {
  return stats_of(scheme, rows_of(scheme, events), window);
}

WindowSummary summarize_window(const Scheme& scheme, std::span<const Event> events, const Window& window,
                               const SummaryParameters& parameters) {
  return summarize_in(scheme, events, rows_of(scheme, events), window, parameters);
}

SessionSummary summarize(const Scheme& scheme, std::span<const Event> events, std::optional<Micros> duration,
                         const SummaryParameters& parameters) {
  SessionSummary out;
  const Window session = session_window(scheme, events, duration);
  out.session_end = session.observation_end;
  out.end_from_duration = duration.has_value();
  for (const Event& e : events)
    if (e.is_open() && e.start <= out.session_end) ++out.open_states;
  out.parameters = parameters.used();
  const Rows rows = rows_of(scheme, events);
  out.session = summarize_in(scheme, events, rows, session, parameters);
  for (const Window& w : episode_windows(scheme, events, session))
    out.episodes.push_back(summarize_in(scheme, events, rows, w, parameters));
  return out;
}

}  // namespace attune::analysis
