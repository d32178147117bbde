#include "analysis/sequential.h"

#include <algorithm>
#include <cmath>

#include "analysis/loglinear.h"
#include "analysis/stats.h"
#include "core/error.h"

namespace attune::analysis {

namespace {

SequentialTable build(const Scheme& scheme, std::span<const Event> events, const SequentialOptions& options,
                      const Window* window) {
  if (!scheme.find_group(options.group))
    throw Error(ErrorKind::InvalidInput,
                "'" + options.group + "' is not a code group of scheme '" + scheme.name + "'.");
  if (options.subject && !options.subject->empty() && !scheme.find_subject(*options.subject))
    throw Error(ErrorKind::InvalidInput,
                "'" + *options.subject + "' is not a subject of scheme '" + scheme.name + "'.");

  SequentialTable t;
  t.options = options;
  for (const Code& c : scheme.codes)
    if (c.group == options.group) t.codes.push_back(c.id);
  const std::size_t k = t.codes.size();
  auto index_of = [&](const std::string& code) {
    return static_cast<std::size_t>(std::find(t.codes.begin(), t.codes.end(), code) - t.codes.begin());
  };

  std::vector<const Event*> sequence;
  for (const Event& e : events) {
    if (index_of(e.code) == k) continue;
    if (options.subject && e.subject != *options.subject) continue;
    if (window && !onset_in(*window, e.start)) continue;
    sequence.push_back(&e);
  }
  std::sort(sequence.begin(), sequence.end(), [](const Event* a, const Event* b) { return event_before(*a, *b); });
  if (options.collapse_repeats)
    sequence.erase(std::unique(sequence.begin(), sequence.end(),
                               [](const Event* a, const Event* b) { return a->code == b->code; }),
                   sequence.end());

  t.counts.assign(k, std::vector<std::int64_t>(k, 0));
  t.row_totals.assign(k, 0);
  t.column_totals.assign(k, 0);
  for (std::size_t s = 1; s < sequence.size(); ++s) {
    const std::size_t i = index_of(sequence[s - 1]->code), j = index_of(sequence[s]->code);
    ++t.counts[i][j];
    ++t.row_totals[i];
    ++t.column_totals[j];
    ++t.transitions;
  }

  const auto empty = std::vector<std::vector<std::optional<double>>>(k, std::vector<std::optional<double>>(k));
  t.probability = t.yule_q = empty;
  // Repeats collapsed: a code cannot follow itself, so the diagonal is a structural zero
  // and the expected counts are those of quasi-independence (loglinear.h).
  CellMask structural_zero(k, std::vector<bool>(k, false));
  if (options.collapse_repeats)
    for (std::size_t i = 0; i < k; ++i) structural_zero[i][i] = true;
  t.expected = quasi_independence_expected(t.counts, structural_zero);
  t.adjusted_residual = quasi_independence_adjusted_residuals(t.counts, structural_zero, t.expected);
  const double n = static_cast<double>(t.transitions);
  for (std::size_t i = 0; i < k; ++i) {
    const double r = static_cast<double>(t.row_totals[i]);
    for (std::size_t j = 0; j < k; ++j) {
      const double f = static_cast<double>(t.counts[i][j]);
      const double c = static_cast<double>(t.column_totals[j]);
      t.probability[i][j] = ratio(f, r);
      if (n == 0 || structural_zero[i][j]) continue;
      t.yule_q[i][j] = yule_q(f, r - f, c - f, n - r - c + f);
    }
  }
  return t;
}

}  // namespace

SequentialTable lag1_table(const Scheme& scheme, std::span<const Event> events, const SequentialOptions& options) {
  return build(scheme, events, options, nullptr);
}

SequentialTable lag1_table(const Scheme& scheme, std::span<const Event> events, const SequentialOptions& options,
                           const Window& window) {
  return build(scheme, events, options, &window);
}

}  // namespace attune::analysis
