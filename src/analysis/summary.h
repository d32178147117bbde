#pragma once
// Per-session summaries: per code x subject figures and the scheme's rules, over the whole
// session and over each episode. Pure functions over the scheme and the events; the
// exporters turn the result into files.
//
// Definitions (see also window.h and rules.h):
//  - Observation = [0, session end): the recording duration when known, else the latest
//    event time. A state still open at the end is censored there: it counts up to the end.
//  - Codable time = observation minus the union of intervals of uncodable codes. Episode
//    window = episode interval ∩ codable time; overlapping episodes each get their own.
//  - count = onsets inside the window's codable time; rate = count per minute of codable
//    time; latency = first such onset - window start.
//  - States: each event's time inside the window's codable time is its (clipped) duration;
//    events with a positive clipped duration are the bouts over which total / mean /
//    median / SD (n - 1) are taken; % of codable time = 100 * total / codable.
//  - Zero codable time: rates and percentages are nullopt ("not computable").
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "analysis/parameters.h"
#include "analysis/rules.h"
#include "analysis/window.h"
#include "core/event.h"
#include "core/scheme.h"

namespace attune::analysis {

struct CodeStats {
  std::string code;
  std::string subject;  // "" for codes without a subject
  CodeKind kind = CodeKind::Point;
  int count = 0;
  std::optional<double> rate_per_min;
  std::optional<double> latency_s;
  // States only (point codes leave these at 0 / nullopt):
  int bouts = 0;     // events with time inside the window's codable time
  int censored = 0;  // of those, still open at the session end (counted up to the end)
  std::optional<double> total_s, mean_s, median_s, sd_s, percent_codable;
};

struct WindowSummary {
  Window window;
  double observed_s = 0;  // window length
  double codable_s = 0;   // window length minus uncodable time
  std::vector<CodeStats> codes;
  std::vector<RuleResult> rules;
  std::vector<SequentialTable> sequential;  // one per SummaryParameters::sequential()
};

struct SessionSummary {
  Micros session_end = 0;
  bool end_from_duration = false;  // false: the end is the latest event time
  int open_states = 0;             // states open at the session end, censored there
  std::vector<Parameter> parameters;
  WindowSummary session;
  std::vector<WindowSummary> episodes;  // in order of onset
};

// One row per scheme code (uncodable codes excepted) and each of its subjects, in scheme
// order, then any other code x subject seen in the events. Throws Error(InvalidInput) when
// an event's code is not in the scheme.
std::vector<CodeStats> code_stats(const Scheme& scheme, std::span<const Event> events, const Window& window);

WindowSummary summarize_window(const Scheme& scheme, std::span<const Event> events, const Window& window,
                               const SummaryParameters& parameters);

// `duration`: the recording's duration when known. `parameters` must be resolved for
// `scheme` (SummaryParameters::resolve).
SessionSummary summarize(const Scheme& scheme, std::span<const Event> events, std::optional<Micros> duration,
                         const SummaryParameters& parameters);

}  // namespace attune::analysis
