#include "analysis/kappa.h"

#include <algorithm>
#include <string>

#include "core/error.h"

namespace attune {

namespace {

__extension__ typedef __int128 int128;  // exact Σ x_i+·x_+i and N² for any realistic N

void check_table(const CountMatrix& table, std::optional<std::size_t> structural_zero) {
  const std::size_t k = table.size();
  for (std::size_t i = 0; i < k; ++i) {
    if (table[i].size() != k)
      throw Error(ErrorKind::InvalidInput, "kappa needs a square table: row " + std::to_string(i) +
                                               " has " + std::to_string(table[i].size()) +
                                               " cells, expected " + std::to_string(k));
    for (std::int64_t x : table[i])
      if (x < 0) throw Error(ErrorKind::InvalidInput, "kappa table holds a negative count");
  }
  if (structural_zero) {
    const std::size_t z = *structural_zero;
    if (z >= k)
      throw Error(ErrorKind::InvalidInput, "kappa structural zero " + std::to_string(z) +
                                               " is outside a " + std::to_string(k) + "x" +
                                               std::to_string(k) + " table");
    if (table[z][z] != 0)
      throw Error(ErrorKind::InvalidInput, "kappa structural-zero cell holds a count");
  }
}

}  // namespace

KappaStats cohen_kappa(const CountMatrix& table, std::optional<std::size_t> structural_zero) {
  check_table(table, structural_zero);
  const std::size_t k = table.size();
  std::vector<std::int64_t> rows(k, 0), cols(k, 0);
  std::int64_t n = 0, diagonal = 0;
  for (std::size_t i = 0; i < k; ++i)
    for (std::size_t j = 0; j < k; ++j) {
      rows[i] += table[i][j];
      cols[j] += table[i][j];
      n += table[i][j];
      if (i == j) diagonal += table[i][j];
    }

  KappaStats s;
  s.n = n;
  if (n == 0) return s;

  const auto nd = static_cast<long double>(n);
  const long double po = static_cast<long double>(diagonal) / nd;
  s.observed = static_cast<double>(po);
  s.percent_agreement = static_cast<double>(100.0L * po);

  const bool has_zero = structural_zero.has_value();
  const std::size_t z = structural_zero.value_or(k);
  int128 sum_rc = 0;       // Σ_{i≠z} x_i+ · x_+i
  std::int64_t max_diagonal = 0;  // Σ_{i≠z} min(x_i+, x_+i)
  for (std::size_t i = 0; i < k; ++i) {
    if (i == z) continue;
    sum_rc += static_cast<int128>(rows[i]) * cols[i];
    max_diagonal += std::min(rows[i], cols[i]);
  }
  const std::int64_t r = has_zero ? rows[z] : 0;
  const std::int64_t c = has_zero ? cols[z] : 0;

  long double pe = 0;
  if (r == 0 || c == 0) {
    // No structural zero, or one whose row or column is empty: the ordinary Pe (the z
    // term x_z+·x_+z is 0 in the latter case, so skipping it changes nothing).
    // Pe = 1 exactly: one category holds every tally of both coders.
    if (sum_rc == static_cast<int128>(n) * n) {
      s.expected = 1.0;
      return s;
    }
    pe = static_cast<long double>(sum_rc) / (nd * nd);
  } else {
    // Quasi-independence with cell z fixed at 0 (see kappa.h); Pe < 1 strictly here.
    const std::int64_t d = n - r - c;
    if (d > 0) {
      const auto dd = static_cast<long double>(d);
      pe = static_cast<long double>(sum_rc) * dd /
           (nd * (nd * dd + static_cast<long double>(r) * static_cast<long double>(c)));
    }
  }
  s.expected = static_cast<double>(pe);
  s.kappa = static_cast<double>((po - pe) / (1.0L - pe));
  const long double po_max = static_cast<long double>(max_diagonal) / nd;
  s.kappa_max = static_cast<double>((po_max - pe) / (1.0L - pe));
  return s;
}

}  // namespace attune
