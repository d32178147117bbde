#include "analysis/summary.h"

#include <algorithm>
#include <map>
#include <utility>

#include "analysis/stats.h"
#include "core/error.h"

namespace attune::analysis {

namespace {

using RowKey = std::pair<std::string, std::string>;  // code, subject

std::vector<RowKey> row_keys(const Scheme& scheme, std::span<const Event> events) {
  std::vector<RowKey> keys;
  for (const Code& code : scheme.codes) {
    if (code.uncodable) continue;
    if (code.subjects.empty()) keys.emplace_back(code.id, "");
    for (const std::string& subject : code.subjects) keys.emplace_back(code.id, subject);
  }
  for (const Event& e : events) {
    const Code* code = scheme.find_code(e.code);
    if (!code)
      throw Error(ErrorKind::InvalidInput, "Event " + std::to_string(e.id) + " uses code '" + e.code +
                                               "', which is not in scheme '" + scheme.name + "'.");
    RowKey key{e.code, e.subject};
    if (!code->uncodable && std::find(keys.begin(), keys.end(), key) == keys.end()) keys.push_back(std::move(key));
  }
  return keys;
}

}  // namespace

std::vector<CodeStats> code_stats(const Scheme& scheme, std::span<const Event> events, const Window& window) {
  const std::vector<RowKey> keys = row_keys(scheme, events);
  std::map<RowKey, std::vector<const Event*>> by_key;
  for (const Event& e : events) by_key[{e.code, e.subject}].push_back(&e);

  const Micros codable = window.codable_time();
  std::vector<CodeStats> rows;
  for (const RowKey& key : keys) {
    CodeStats row;
    row.code = key.first;
    row.subject = key.second;
    row.kind = scheme.find_code(key.first)->kind;
    std::vector<const Event*>& list = by_key[key];
    std::sort(list.begin(), list.end(), [](const Event* a, const Event* b) { return event_before(*a, *b); });

    std::vector<double> durations;
    for (const Event* e : list) {
      if (onset_in(window, e->start)) {
        if (row.count++ == 0) row.latency_s = as_seconds(e->start - window.start);
      }
      if (row.kind != CodeKind::State) continue;
      const Micros inside = measure(intersect(normalize({event_interval(*e, window.observation_end)}), window.codable));
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

WindowSummary summarize_window(const Scheme& scheme, std::span<const Event> events, const Window& window,
                               const SummaryParameters& parameters) {
  WindowSummary s;
  s.window = window;
  s.observed_s = as_seconds(window.observed());
  s.codable_s = as_seconds(window.codable_time());
  s.codes = code_stats(scheme, events, window);
  for (const ContingencyRule& rule : scheme.rules)
    s.rules.push_back(evaluate_rule(rule, scheme, events, window, parameters));
  for (const SequentialOptions& table : parameters.sequential())
    s.sequential.push_back(lag1_table(scheme, events, table, window));
  return s;
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
  out.session = summarize_window(scheme, events, session, parameters);
  for (const Window& w : episode_windows(scheme, events, session))
    out.episodes.push_back(summarize_window(scheme, events, w, parameters));
  return out;
}

}  // namespace attune::analysis
