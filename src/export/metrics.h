#pragma once
// The summary as named figures, so every format (CSV long and wide, JSON, HTML, the
// summary command) writes the same names for the same numbers. A figure that cannot be
// computed (no codable time, no bids …) has no value: empty in CSV, null in JSON, "—" in
// the report.
#include <optional>
#include <string>
#include <vector>

#include "analysis/rules.h"
#include "analysis/sequential.h"
#include "analysis/summary.h"

namespace attune::exports {

struct Figure {
  const char* name;
  std::optional<double> value;
  bool count = false;  // a whole number (JSON writes it without a decimal point)
};

// Point codes: count, rate_per_min, latency_s. States add bouts, censored, total_s, mean_s,
// median_s, sd_s and percent (of codable time).
std::vector<Figure> code_figures(const analysis::CodeStats& stats);

// By rule type:
//   responsiveness    bids, responded, proportion
//   comfort_latency   bouts, comforted, comforted_within, never_comforted, running_at_end,
//                     median_latency_s, mean_latency_s, percent_within, percent_never,
//                     soothing_mean_s, soothing_median_s
//   affect_matching   joint_s, matched_s, mismatch_s, percent_matched, repairs, repairs_per_min
//   joint_engagement  time_s, percent_codable, bouts, mean_bout_s
//   contingency       a, b, c, d, yule_q
std::vector<Figure> rule_figures(const analysis::RuleResult& result);

// The window's own figures: start_s, end_s, observed_s, codable_s.
std::vector<Figure> window_figures(const analysis::WindowSummary& window);

// One cell of a lag-1 table, given -> target: count, probability (p(target|given)),
// expected, adjusted_residual, yule_q.
struct SequentialCell {
  const std::string& given;
  const std::string& target;
  std::vector<Figure> figures;
};
std::vector<SequentialCell> sequential_cells(const analysis::SequentialTable& table);
// "given>target": the item name of a cell in CSV files.
std::string transition_name(const SequentialCell& cell);

// "bid_responsiveness.window_s" -> {"bid_responsiveness", "window_s"}.
std::pair<std::string, std::string> split_parameter_name(const std::string& name);

}  // namespace attune::exports
