#include "export/metrics.h"

#include <type_traits>

#include "analysis/window.h"

namespace attune::exports {

namespace {
std::optional<double> whole(std::int64_t n) { return static_cast<double>(n); }
}  // namespace

std::vector<Figure> code_figures(const analysis::CodeStats& s) {
  std::vector<Figure> f{{"count", whole(s.count), true}, {"rate_per_min", s.rate_per_min}, {"latency_s", s.latency_s}};
  if (s.kind == CodeKind::State) {
    f.push_back({"bouts", whole(s.bouts), true});
    f.push_back({"censored", whole(s.censored), true});
    f.push_back({"total_s", s.total_s});
    f.push_back({"mean_s", s.mean_s});
    f.push_back({"median_s", s.median_s});
    f.push_back({"sd_s", s.sd_s});
    f.push_back({"percent", s.percent_codable});
  }
  return f;
}

std::vector<Figure> rule_figures(const analysis::RuleResult& result) {
  return std::visit(
      [](const auto& r) -> std::vector<Figure> {
        using T = std::decay_t<decltype(r)>;
        if constexpr (std::is_same_v<T, analysis::ResponsivenessFigures>) {
          return {{"bids", whole(r.bids), true}, {"responded", whole(r.responded), true}, {"proportion", r.proportion}};
        } else if constexpr (std::is_same_v<T, analysis::ComfortLatencyFigures>) {
          return {{"bouts", whole(r.bouts), true},
                  {"comforted", whole(r.comforted), true},
                  {"comforted_within", whole(r.comforted_within), true},
                  {"never_comforted", whole(r.never_comforted), true},
                  {"running_at_end", whole(r.running_at_end), true},
                  {"median_latency_s", r.median_latency_s},
                  {"mean_latency_s", r.mean_latency_s},
                  {"percent_within", r.percent_within},
                  {"percent_never", r.percent_never},
                  {"soothing_mean_s", r.soothing_mean_s},
                  {"soothing_median_s", r.soothing_median_s}};
        } else if constexpr (std::is_same_v<T, analysis::AffectMatchingFigures>) {
          return {{"joint_s", r.joint_s},
                  {"matched_s", r.matched_s},
                  {"mismatch_s", r.mismatch_s},
                  {"percent_matched", r.percent_matched},
                  {"repairs", whole(r.repairs), true},
                  {"repairs_per_min", r.repairs_per_min}};
        } else if constexpr (std::is_same_v<T, analysis::JointEngagementFigures>) {
          return {{"time_s", r.time_s},
                  {"percent_codable", r.percent_codable},
                  {"bouts", whole(r.bouts), true},
                  {"mean_bout_s", r.mean_bout_s}};
        } else {
          return {{"a", whole(r.a), true}, {"b", whole(r.b), true}, {"c", whole(r.c), true}, {"d", whole(r.d), true}, {"yule_q", r.yule_q}};
        }
      },
      result.figures);
}

std::vector<Figure> window_figures(const analysis::WindowSummary& w) {
  return {{"start_s", analysis::as_seconds(w.window.start)},
          {"end_s", analysis::as_seconds(w.window.end)},
          {"observed_s", w.observed_s},
          {"codable_s", w.codable_s}};
}

std::pair<std::string, std::string> split_parameter_name(const std::string& name) {
  const auto dot = name.rfind('.');
  if (dot == std::string::npos) return {"", name};
  return {name.substr(0, dot), name.substr(dot + 1)};
}

std::vector<SequentialCell> sequential_cells(const analysis::SequentialTable& t) {
  std::vector<SequentialCell> cells;
  for (std::size_t i = 0; i < t.codes.size(); ++i)
    for (std::size_t j = 0; j < t.codes.size(); ++j)
      cells.push_back({t.codes[i],
                       t.codes[j],
                       {{"count", static_cast<double>(t.counts[i][j]), true},
                        {"probability", t.probability[i][j]},
                        {"expected", t.expected[i][j]},
                        {"adjusted_residual", t.adjusted_residual[i][j]},
                        {"yule_q", t.yule_q[i][j]}}});
  return cells;
}

std::string transition_name(const SequentialCell& cell) { return cell.given + ">" + cell.target; }

}  // namespace attune::exports
