#include "analysis/stats.h"

#include <algorithm>
#include <cmath>
#include <numeric>

namespace attune::analysis {

std::optional<double> mean_of(const std::vector<double>& values) {
  if (values.empty()) return std::nullopt;
  return std::accumulate(values.begin(), values.end(), 0.0) / static_cast<double>(values.size());
}

std::optional<double> median_of(std::vector<double> values) {
  if (values.empty()) return std::nullopt;
  std::sort(values.begin(), values.end());
  const std::size_t n = values.size();
  return n % 2 == 1 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2.0;
}

std::optional<double> sample_sd_of(const std::vector<double>& values) {
  if (values.size() < 2) return std::nullopt;
  const double m = *mean_of(values);
  double squares = 0;
  for (double v : values) squares += (v - m) * (v - m);
  return std::sqrt(squares / static_cast<double>(values.size() - 1));
}

std::optional<double> ratio(double numerator, double denominator) {
  if (denominator == 0) return std::nullopt;
  return numerator / denominator;
}

std::optional<double> yule_q(double a, double b, double c, double d) {
  return ratio(a * d - b * c, a * d + b * c);
}

}  // namespace attune::analysis
