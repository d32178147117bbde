#pragma once
// Small descriptive statistics shared by the summaries and the sequential tables. Each
// returns nullopt where the figure is undefined instead of dividing by zero.
#include <optional>
#include <vector>

namespace attune::analysis {

std::optional<double> mean_of(const std::vector<double>& values);    // n >= 1
std::optional<double> median_of(std::vector<double> values);         // n >= 1; even n: mean of the middle two
std::optional<double> sample_sd_of(const std::vector<double>& values);  // n - 1 denominator; n >= 2
// numerator / denominator, nullopt when the denominator is 0.
std::optional<double> ratio(double numerator, double denominator);
// Yule's Q of the 2x2 table [[a, b], [c, d]]: (ad - bc) / (ad + bc), nullopt when ad + bc = 0.
std::optional<double> yule_q(double a, double b, double c, double d);

}  // namespace attune::analysis
