#include "analysis/rules.h"

#include <algorithm>
#include <map>
#include <set>
#include <string_view>
#include <unordered_map>

#include "analysis/stats.h"
#include "core/error.h"

namespace attune::analysis {

namespace {

bool listed(const std::vector<std::string>& codes, const std::string& code) {
  return std::find(codes.begin(), codes.end(), code) != codes.end();
}

// Events matching `keep`, ordered by onset then id (the span need not be sorted).
template <class Keep>
std::vector<const Event*> sorted_events(std::span<const Event> events, Keep keep) {
  std::vector<const Event*> out;
  for (const Event& e : events)
    if (keep(e)) out.push_back(&e);
  const auto before = [](const Event* a, const Event* b) { return event_before(*a, *b); };
  if (!std::is_sorted(out.begin(), out.end(), before)) std::sort(out.begin(), out.end(), before);  // usually sorted
  return out;
}

// Onsets after the session end were coded past the recording: outside the observation.
bool observed(const Event& e, const Window& w) { return e.start >= 0 && e.start <= w.observation_end; }

std::vector<const Event*> antecedents(const ContingencyRule& rule, std::span<const Event> events, const Window& w) {
  return sorted_events(events, [&](const Event& e) { return listed(rule.antecedent, e.code) && observed(e, w); });
}

std::vector<const Event*> targets_of(const ContingencyRule& rule, std::span<const Event> events, const Window& w) {
  return sorted_events(events, [&](const Event& e) { return is_target(rule, e) && observed(e, w); });
}

double percent(double part, double whole) { return whole == 0 ? 0 : 100.0 * part / whole; }

std::int64_t floor_div(Micros a, Micros b) { return a >= 0 ? a / b : -((-a + b - 1) / b); }

// Units [ws + k*unit, ws + (k+1)*unit), k >= 0, whose start lies in `set` (all inside the window).
std::int64_t units_starting_in(const TimeSet& set, Micros ws, Micros unit) {
  std::int64_t n = 0;
  auto first_at_or_after = [&](Micros t) { return floor_div(t - ws + unit - 1, unit); };  // ceil
  for (const TimeInterval& i : set) n += first_at_or_after(i.end) - first_at_or_after(i.start);
  return n;
}

}  // namespace

bool is_target(const ContingencyRule& rule, const Event& event) {
  if (listed(rule.target, event.code)) return true;
  if (!rule.target_modifier) return false;
  auto it = event.modifiers.find(rule.target_modifier->first);
  if (it == event.modifiers.end()) return false;
  const std::string& value = rule.target_modifier->second;
  const std::string& chosen = it->second;  // multi modifiers: "a,b,c"
  for (std::size_t from = 0; from <= chosen.size();) {
    const std::size_t comma = std::min(chosen.find(',', from), chosen.size());
    if (chosen.compare(from, comma - from, value) == 0) return true;
    from = comma + 1;
  }
  return false;
}

ResponsivenessFigures responsiveness(const ContingencyRule& rule, std::span<const Event> events,
                                     const Window& window, Micros response_window) {
  const auto bids = antecedents(rule, events, window);
  const auto responses = targets_of(rule, events, window);
  std::vector<bool> answered(bids.size(), false);
  for (const Event* r : responses) {
    // The nearest preceding bid: the last one starting strictly before the response.
    auto it = std::lower_bound(bids.begin(), bids.end(), r->start,
                               [](const Event* b, Micros t) { return b->start < t; });
    if (it == bids.begin()) continue;
    const std::size_t nearest = static_cast<std::size_t>(std::prev(it) - bids.begin());
    if (r->start <= bids[nearest]->start + response_window) answered[nearest] = true;
  }
  ResponsivenessFigures f;
  for (std::size_t i = 0; i < bids.size(); ++i) {
    if (!onset_in(window, bids[i]->start)) continue;
    ++f.bids;
    if (answered[i]) ++f.responded;
  }
  f.proportion = ratio(f.responded, f.bids);
  return f;
}

ComfortLatencyFigures comfort_latency(const ContingencyRule& rule, std::span<const Event> events,
                                      const Window& window, Micros merge_gap, Micros threshold) {
  struct Bout {
    TimeInterval span;
    bool running_at_end = false;
  };
  std::vector<Bout> bouts;
  for (const Event* e : antecedents(rule, events, window)) {
    const TimeInterval span = event_interval(*e, window.observation_end);
    if (!bouts.empty() && span.start - bouts.back().span.end < merge_gap) {
      bouts.back().span.end = std::max(bouts.back().span.end, span.end);
      bouts.back().running_at_end = bouts.back().running_at_end || e->is_open();
    } else {
      bouts.push_back({span, e->is_open()});
    }
  }
  const auto targets = targets_of(rule, events, window);

  ComfortLatencyFigures f;
  std::vector<double> latencies, soothing;
  for (const Bout& bout : bouts) {
    if (!onset_in(window, bout.span.start)) continue;
    ++f.bouts;
    if (bout.running_at_end) ++f.running_at_end;
    auto it = std::lower_bound(targets.begin(), targets.end(), bout.span.start,
                               [](const Event* t, Micros at) { return t->start < at; });
    if (it == targets.end() || (*it)->start > bout.span.end) {
      ++f.never_comforted;
      continue;
    }
    const Micros latency = (*it)->start - bout.span.start;
    ++f.comforted;
    if (latency <= threshold) ++f.comforted_within;
    latencies.push_back(as_seconds(latency));
    soothing.push_back(as_seconds(bout.span.end - (*it)->start));
  }
  f.median_latency_s = median_of(latencies);
  f.mean_latency_s = mean_of(latencies);
  if (f.bouts > 0) {
    f.percent_within = percent(f.comforted_within, f.bouts);
    f.percent_never = percent(f.never_comforted, f.bouts);
  }
  f.soothing_mean_s = mean_of(soothing);
  f.soothing_median_s = median_of(soothing);
  return f;
}

AffectMatchingFigures affect_matching(const ContingencyRule& rule, const Scheme& scheme,
                                      std::span<const Event> events, const Window& window) {
  std::set<std::string> child(rule.antecedent.begin(), rule.antecedent.end());
  std::set<std::string> parent(rule.target.begin(), rule.target.end());
  for (const auto& [c, p] : rule.pairs) child.insert(c), parent.insert(p);
  auto widen = [&](std::set<std::string>& side) {  // add the other members of each group
    std::set<std::string> groups;
    for (const std::string& id : side)
      if (const Code* code = scheme.find_code(id)) groups.insert(code->group);
    for (const Code& code : scheme.codes)
      if (groups.count(code.group)) side.insert(code.id);
  };
  widen(child);
  widen(parent);
  for (const std::string& code : child)
    if (parent.count(code))
      throw Error(ErrorKind::InvalidInput, "Rule '" + rule.id + "' lists code '" + code +
                                               "' as both a child and a parent affect; give each side its own codes.");

  // Sweep over onsets and offsets: +1 / -1 per side and code.
  struct Edge {
    Micros at;
    int delta;
    bool child_side;
    const std::string* code;
  };
  // Code -> whether it is a child affect, for both sides: one hash lookup per event.
  std::unordered_map<std::string_view, bool> side;
  for (const std::string& code : child) side.emplace(code, true);
  for (const std::string& code : parent) side.emplace(code, false);
  std::vector<Edge> edges;
  for (const Event& e : events) {
    const auto found = side.find(e.code);
    if (found == side.end()) continue;
    const bool is_child = found->second;
    TimeInterval span = event_interval(e, window.observation_end);
    span.start = std::max(span.start, window.start);
    span.end = std::min(span.end, window.end);
    if (span.end <= span.start) continue;
    edges.push_back({span.start, +1, is_child, &e.code});
    edges.push_back({span.end, -1, is_child, &e.code});
  }
  std::sort(edges.begin(), edges.end(), [](const Edge& a, const Edge& b) { return a.at < b.at; });

  enum class Status { Mismatch, Match };
  struct Piece {
    TimeInterval span;
    Status status;
  };
  std::vector<Piece> pieces;  // jointly coded codable time, in order
  std::map<std::string, int> running_child, running_parent;
  for (std::size_t i = 0; i < edges.size();) {
    const Micros at = edges[i].at;
    for (; i < edges.size() && edges[i].at == at; ++i) {
      auto& running = edges[i].child_side ? running_child : running_parent;
      if ((running[*edges[i].code] += edges[i].delta) == 0) running.erase(*edges[i].code);
    }
    if (i == edges.size() || running_child.empty() || running_parent.empty()) continue;
    Status status = Status::Mismatch;
    for (const auto& [c, p] : rule.pairs)
      if (running_child.count(c) && running_parent.count(p)) status = Status::Match;
    for (const TimeInterval& part : intersect({{at, edges[i].at}}, window.codable)) {
      if (!pieces.empty() && pieces.back().status == status && pieces.back().span.end == part.start)
        pieces.back().span.end = part.end;
      else
        pieces.push_back({part, status});
    }
  }

  AffectMatchingFigures f;
  Micros matched = 0, mismatched = 0;
  for (std::size_t k = 0; k < pieces.size(); ++k) {
    (pieces[k].status == Status::Match ? matched : mismatched) += pieces[k].span.length();
    // A repair is a mismatch turning into a match with no gap (uncoded or uncodable) between.
    if (k > 0 && pieces[k].status == Status::Match && pieces[k - 1].status == Status::Mismatch &&
        pieces[k - 1].span.end == pieces[k].span.start)
      ++f.repairs;
  }
  f.joint_s = as_seconds(matched + mismatched);
  f.matched_s = as_seconds(matched);
  f.mismatch_s = as_seconds(mismatched);
  if (matched + mismatched > 0) f.percent_matched = percent(f.matched_s, f.joint_s);
  f.repairs_per_min = ratio(f.repairs, as_minutes(mismatched));
  return f;
}

JointEngagementFigures joint_engagement(const ContingencyRule& rule, std::span<const Event> events,
                                        const Window& window) {
  std::vector<TimeInterval> spans;
  for (const Event& e : events)
    if (listed(rule.target, e.code)) spans.push_back(event_interval(e, window.observation_end));
  // Touching states (Supported then Coordinated, both targets) make one bout; uncodable
  // time splits a bout.
  const TimeSet engaged = intersect(normalize(std::move(spans)), window.codable);
  JointEngagementFigures f;
  f.time_s = as_seconds(measure(engaged));
  f.bouts = static_cast<int>(engaged.size());
  if (window.codable_time() > 0) f.percent_codable = percent(f.time_s, as_seconds(window.codable_time()));
  f.mean_bout_s = ratio(f.time_s, f.bouts);
  return f;
}

// The window is cut into units [ws + k*unit, ws + (k+1)*unit), k = 0, 1, …; a unit takes
// part when its start is codable. An antecedent onset in unit k_a marks units
// k_a .. k_a + ceil(after_window / unit) - 1 as "after antecedent" (lags 0 up to the
// window; antecedents just before the window start still mark units inside it). A unit is
// "target" when a target onset falls in it. Then
//   a = after & target, b = after & no target, c = not after & target, d = neither,
//   Q = (ad - bc) / (ad + bc).
// So a parent who talks in every unit gets no Q at all (b = d = 0: not computable),
// however often a bid precedes the talk.
ContingencyFigures contingency(const ContingencyRule& rule, std::span<const Event> events, const Window& window,
                               Micros after_window, Micros unit) {
  const Micros ws = window.start;
  const std::int64_t lags = after_window > 0 ? floor_div(after_window + unit - 1, unit) : 0;
  std::vector<TimeInterval> after;
  std::set<std::int64_t> target_units;
  for (const Event& e : events) {
    if (!observed(e, window)) continue;
    const std::int64_t k = floor_div(e.start - ws, unit);
    if (listed(rule.antecedent, e.code) && lags > 0) after.push_back({ws + k * unit, ws + (k + lags) * unit});
    if (is_target(rule, e) && e.start >= ws && e.start < window.end && contains(window.codable, ws + k * unit))
      target_units.insert(k);
  }
  const TimeSet after_set = normalize(std::move(after));
  const std::int64_t n = units_starting_in(window.codable, ws, unit);
  const std::int64_t after_units = units_starting_in(intersect(after_set, window.codable), ws, unit);
  ContingencyFigures f;
  for (std::int64_t k : target_units) (contains(after_set, ws + k * unit) ? f.a : f.c)++;
  f.b = after_units - f.a;
  f.d = n - after_units - f.c;
  f.yule_q = yule_q(static_cast<double>(f.a), static_cast<double>(f.b), static_cast<double>(f.c),
                    static_cast<double>(f.d));
  return f;
}

RuleResult evaluate_rule(const ContingencyRule& rule, const Scheme& scheme, std::span<const Event> events,
                         const Window& window, const SummaryParameters& parameters) {
  RuleResult r{rule.id, rule.name, rule.type, parameters.for_rule(rule.id), {}};
  auto value = [&](const char* setting) { return parameters.value(rule.id + "." + setting); };
  if (rule.type == "responsiveness")
    r.figures = responsiveness(rule, events, window, value("window_s"));
  else if (rule.type == "comfort_latency")
    r.figures = comfort_latency(rule, events, window, value("merge_gap_s"), value("threshold_s"));
  else if (rule.type == "affect_matching")
    r.figures = affect_matching(rule, scheme, events, window);
  else if (rule.type == "joint_engagement")
    r.figures = joint_engagement(rule, events, window);
  else if (rule.type == "contingency")
    r.figures = contingency(rule, events, window, value("window_s"), value("unit_s"));
  else
    throw Error(ErrorKind::InvalidInput,
                "Rule '" + rule.id + "' has type '" + rule.type + "', which Attune cannot compute.");
  return r;
}

}  // namespace attune::analysis
