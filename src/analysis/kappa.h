#pragma once
// Cohen's kappa over a square confusion table (rows: coder A, columns: coder B).
//
//   N = Σ x,  Po = Σ x_ii / N,  Pe = Σ x_i+ · x_+i / N²,  κ = (Po − Pe) / (1 − Pe),
//   % agreement = 100 · Po,  κmax = (Σ min(x_i+, x_+i) / N − Pe) / (1 − Pe).
//
// Undefined values are std::nullopt, never 1 or 0: N = 0 leaves everything undefined;
// Pe = 1 (both coders used one and the same category throughout) leaves κ and κmax
// undefined.
//
// Structural zero. Event-based agreement has a nil row and a nil column for unpaired
// events, and the nil–nil cell is zero by construction. Following Bakeman & Quera, the
// expected frequencies are then those of quasi-independence (the iterative-proportional-
// fitting estimate of log-linear analysis with that cell fixed at zero), not x_i+·x_+i/N.
// With a single structural zero on the diagonal cell z (row total R, column total C,
// D = N − R − C = the count outside row z and column z) that fit has a closed form:
// fill cell z with m = R·C / D, fit independence to the filled table, drop cell z:
//
//   e_ij = (x_i+ + [i=z]·m)(x_+j + [j=z]·m) / (N + m),   e_zz = 0,
//   Pe   = Σ_{i≠z} e_ii / N = Σ_{i≠z} x_i+ · x_+i / (N · (N + m)).
//
// When R·C = 0 this is the ordinary Pe; when D = 0 (every tally involves nil) the fit is
// the limit m → ∞ and Pe = 0. κmax then uses Σ_{i≠z} min(x_i+, x_+i), because the nil–nil
// cell can never hold an agreement.
#include <cstddef>
#include <cstdint>
#include <optional>
#include <vector>

namespace attune {

// Square table of counts, table[row][column].
using CountMatrix = std::vector<std::vector<std::int64_t>>;

struct KappaStats {
  std::int64_t n = 0;
  std::optional<double> observed;           // Po (undefined when N = 0)
  std::optional<double> expected;           // Pe (undefined when N = 0)
  std::optional<double> percent_agreement;  // 100 · Po
  std::optional<double> kappa;              // undefined when N = 0 or Pe = 1
  std::optional<double> kappa_max;          // undefined when N = 0 or Pe = 1
};

// Throws Error(InvalidInput) when the table is not square, holds a negative count, or the
// structural-zero index is out of range or its diagonal cell is not 0.
KappaStats cohen_kappa(const CountMatrix& table,
                       std::optional<std::size_t> structural_zero = std::nullopt);

}  // namespace attune
