#pragma once
// Lag-1 sequential statistics (Bakeman & Quera 2011) over the event sequence of one code
// group: transitions f_ij from code i (given) to code j (target) between consecutive
// events ordered by onset (then id).
//   r_i = sum_j f_ij, c_j = sum_i f_ij, N = number of transitions
//   p(j|i) = f_ij / r_i                     (nullopt when r_i = 0: a zero row)
//   e_ij = r_i c_j / N                      (nullopt when N = 0)
//   z_ij = (f - e) / sqrt(e (1 - r_i/N) (1 - c_j/N))   (nullopt when the root is 0)
//   Yule's Q with a = f_ij, b = r_i - a, c = c_j - a, d = N - r_i - c_j + a
// With collapse_repeats the diagonal is a structural zero (a code cannot follow itself):
// its e, z and Q are nullopt, and e and z of the other cells are those of quasi-independence
// fitted by iterative proportional fitting, as GSEQ does (loglinear.h); r_i c_j / N would
// not even add up to the row totals. Q stays the observed 2x2 collapse of the table.
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "analysis/window.h"
#include "core/event.h"
#include "core/scheme.h"

namespace attune::analysis {

struct SequentialOptions {
  std::string group;                   // CodeGroup id
  std::optional<std::string> subject;  // nullopt: all subjects in one sequence
  bool collapse_repeats = false;       // drop an event whose code repeats the previous one
};

struct SequentialTable {
  SequentialOptions options;
  std::vector<std::string> codes;  // the group's codes in scheme order: rows and columns
  std::vector<std::vector<std::int64_t>> counts;  // f[i][j]
  std::vector<std::int64_t> row_totals, column_totals;
  std::int64_t transitions = 0;  // N
  std::vector<std::vector<std::optional<double>>> probability, expected, adjusted_residual, yule_q;
};

// Over every event of the session. Throws Error(InvalidInput) for an unknown group or
// subject.
SequentialTable lag1_table(const Scheme& scheme, std::span<const Event> events, const SequentialOptions& options);
// Only events whose onset lies in the window (an episode, say).
SequentialTable lag1_table(const Scheme& scheme, std::span<const Event> events, const SequentialOptions& options,
                           const Window& window);

}  // namespace attune::analysis
