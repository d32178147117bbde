#pragma once
// The scheme's contingency rules evaluated over one window (the session or an episode).
//
// Shared conventions:
//  - A "target" event has a code in rule.target, or carries rule.target_modifier's value
//    (a multi modifier matches when the value is one of its comma-joined choices).
//  - Antecedent episodes (bids, distress bouts) belong to the window their onset falls in
//    (onset_in); what follows them is looked up over the whole observation, so an episode
//    boundary never cuts a bid's window or a distress bout short.
//  - Open states are censored at the session end.
// Figures that cannot be computed (no bids, no codable time …) are nullopt.
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <variant>
#include <vector>

#include "analysis/parameters.h"
#include "analysis/window.h"
#include "core/event.h"
#include "core/scheme.h"

namespace attune::analysis {

struct ResponsivenessFigures {
  int bids = 0;       // antecedent onsets in the window
  int responded = 0;  // of those, bids credited with at least one response
  std::optional<double> proportion;  // responded / bids
};

struct ComfortLatencyFigures {
  int bouts = 0;             // merged antecedent bouts starting in the window
  int comforted = 0;         // a target starts within [bout start, bout end]
  int comforted_within = 0;  // ... with latency <= threshold_s
  int never_comforted = 0;   // no target before the bout ended (censored at the bout end)
  int running_at_end = 0;    // bouts still running at the session end (cut there)
  std::optional<double> median_latency_s, mean_latency_s;  // over comforted bouts
  std::optional<double> percent_within, percent_never;     // of all bouts
  std::optional<double> soothing_mean_s, soothing_median_s;  // first target -> bout end
};

struct AffectMatchingFigures {
  double joint_s = 0;     // codable time with a child and a parent affect both running
  double matched_s = 0;   // ... where a running (child, parent) pair is listed
  double mismatch_s = 0;  // joint_s - matched_s
  std::optional<double> percent_matched;  // 100 * matched / joint
  int repairs = 0;                        // mismatch directly followed by match
  std::optional<double> repairs_per_min;  // per minute of mismatch time
};

struct JointEngagementFigures {
  double time_s = 0;  // codable time in any target state
  std::optional<double> percent_codable;
  int bouts = 0;  // stretches of uninterrupted engaged codable time
  std::optional<double> mean_bout_s;
};

struct ContingencyFigures {
  // Time units of the window's codable time: rows "after antecedent" / not, columns
  // "target onset in the unit" / not (see contingency()).
  std::int64_t a = 0, b = 0, c = 0, d = 0;
  std::optional<double> yule_q;
};

using RuleFigures = std::variant<ResponsivenessFigures, ComfortLatencyFigures, AffectMatchingFigures,
                                 JointEngagementFigures, ContingencyFigures>;

struct RuleResult {
  std::string rule_id;
  std::string rule_name;
  std::string type;
  std::vector<Parameter> parameters;  // the settings this result was computed with
  RuleFigures figures;
};

bool is_target(const ContingencyRule& rule, const Event& event);

// Bids = antecedent onsets. A response (target onset) is credited to the nearest bid that
// starts strictly before it, and only if it lies within (bid, bid + window]; it never
// falls back to an earlier bid.
ResponsivenessFigures responsiveness(const ContingencyRule& rule, std::span<const Event> events,
                                     const Window& window, Micros response_window);

// Bouts = antecedent event intervals merged when the gap between them is < merge_gap.
// Latency = first target onset in [bout start, bout end] - bout start.
ComfortLatencyFigures comfort_latency(const ContingencyRule& rule, std::span<const Event> events,
                                      const Window& window, Micros merge_gap, Micros threshold);

// Child side = antecedent codes, the first codes of the pairs and every other code of
// those codes' groups (so a parent "Withdrawn" that no pair lists still counts as coded,
// as a mismatch); parent side likewise with target codes and second codes. Throws
// Error(InvalidInput) when a code ends up on both sides.
AffectMatchingFigures affect_matching(const ContingencyRule& rule, const Scheme& scheme,
                                      std::span<const Event> events, const Window& window);

JointEngagementFigures joint_engagement(const ContingencyRule& rule, std::span<const Event> events,
                                        const Window& window);

// Time-unit 2x2 table (Bakeman & Quera): see rules.cpp for the exact definition.
ContingencyFigures contingency(const ContingencyRule& rule, std::span<const Event> events, const Window& window,
                               Micros after_window, Micros unit);

// Evaluates one rule with its parameters from `parameters` (resolved for the same scheme).
RuleResult evaluate_rule(const ContingencyRule& rule, const Scheme& scheme, std::span<const Event> events,
                         const Window& window, const SummaryParameters& parameters);

}  // namespace attune::analysis
