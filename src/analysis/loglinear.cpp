#include "analysis/loglinear.h"

#include <algorithm>
#include <cmath>
#include <cstddef>

#include "core/error.h"

namespace attune::analysis {

namespace {

void check_shape(const CellCounts& counts, const CellMask& structural_zero) {
  if (structural_zero.size() != counts.size())
    throw Error(ErrorKind::InvalidInput, "The structural-zero mask does not match the table.");
  for (std::size_t i = 0; i < counts.size(); ++i) {
    if (structural_zero[i].size() != counts[i].size() || counts[i].size() != counts.front().size())
      throw Error(ErrorKind::InvalidInput, "The structural-zero mask does not match the table.");
    for (std::size_t j = 0; j < counts[i].size(); ++j) {
      if (counts[i][j] < 0) throw Error(ErrorKind::InvalidInput, "A table cell holds a negative count.");
      if (structural_zero[i][j] && counts[i][j] != 0)
        throw Error(ErrorKind::InvalidInput, "A structural zero of the table holds a count.");
    }
  }
}

}  // namespace

CellFigures quasi_independence_expected(const CellCounts& counts, const CellMask& structural_zero) {
  check_shape(counts, structural_zero);
  const std::size_t rows = counts.size(), cols = rows ? counts.front().size() : 0;
  std::vector<double> row_total(rows, 0), col_total(cols, 0);
  double n = 0;
  for (std::size_t i = 0; i < rows; ++i)
    for (std::size_t j = 0; j < cols; ++j) {
      row_total[i] += static_cast<double>(counts[i][j]);
      col_total[j] += static_cast<double>(counts[i][j]);
      n += static_cast<double>(counts[i][j]);
    }

  // Start from 1 in every cell that can hold a count, then scale rows and columns in turn
  // to their observed totals until both agree to within 1e-12 of N.
  std::vector<std::vector<double>> e(rows, std::vector<double>(cols, 0));
  for (std::size_t i = 0; i < rows; ++i)
    for (std::size_t j = 0; j < cols; ++j) e[i][j] = structural_zero[i][j] ? 0.0 : 1.0;
  const double tolerance = 1e-12 * std::max(n, 1.0);
  for (int iteration = 0; iteration < 100000; ++iteration) {
    for (std::size_t i = 0; i < rows; ++i) {
      double sum = 0;
      for (std::size_t j = 0; j < cols; ++j) sum += e[i][j];
      for (std::size_t j = 0; j < cols; ++j) e[i][j] = sum > 0 ? e[i][j] * row_total[i] / sum : 0.0;
    }
    double worst = 0;
    for (std::size_t j = 0; j < cols; ++j) {
      double sum = 0;
      for (std::size_t i = 0; i < rows; ++i) sum += e[i][j];
      for (std::size_t i = 0; i < rows; ++i) e[i][j] = sum > 0 ? e[i][j] * col_total[j] / sum : 0.0;
    }
    // Columns now fit exactly; stop when the rows still do.
    for (std::size_t i = 0; i < rows; ++i) {
      double sum = 0;
      for (std::size_t j = 0; j < cols; ++j) sum += e[i][j];
      worst = std::max(worst, std::abs(sum - row_total[i]));
    }
    if (worst <= tolerance) break;
  }

  CellFigures expected(rows, std::vector<std::optional<double>>(cols));
  for (std::size_t i = 0; i < rows; ++i)
    for (std::size_t j = 0; j < cols; ++j)
      if (!structural_zero[i][j] && n > 0) expected[i][j] = e[i][j];
  return expected;
}

CellFigures quasi_independence_adjusted_residuals(const CellCounts& counts, const CellMask& structural_zero,
                                                  const CellFigures& expected) {
  check_shape(counts, structural_zero);
  const std::size_t rows = counts.size(), cols = rows ? counts.front().size() : 0;
  CellFigures z(rows, std::vector<std::optional<double>>(cols));

  // The fitted cells and, for each, a row of W^½ X: intercept, row i, column j.
  struct Cell {
    std::size_t i, j;
  };
  std::vector<Cell> cells;
  for (std::size_t i = 0; i < rows; ++i)
    for (std::size_t j = 0; j < cols; ++j)
      if (!structural_zero[i][j] && expected[i][j] && *expected[i][j] > 0) cells.push_back({i, j});
  const std::size_t parameters = 1 + rows + cols;
  std::vector<std::vector<double>> columns(parameters, std::vector<double>(cells.size(), 0));
  for (std::size_t c = 0; c < cells.size(); ++c) {
    const double w = std::sqrt(*expected[cells[c].i][cells[c].j]);
    columns[0][c] = w;
    columns[1 + cells[c].i][c] = w;
    columns[1 + rows + cells[c].j][c] = w;
  }
  // Leverages are the squared row norms of an orthonormal basis of those columns' span
  // (modified Gram-Schmidt; dependent columns, such as the redundant row/column effects,
  // are dropped), so no (generalised) inverse is needed.
  std::vector<double> leverage(cells.size(), 0);
  std::vector<std::vector<double>> basis;
  for (std::vector<double>& v : columns) {
    double original = 0;
    for (double x : v) original += x * x;
    if (original == 0) continue;
    for (const std::vector<double>& q : basis) {
      double dot = 0;
      for (std::size_t c = 0; c < v.size(); ++c) dot += q[c] * v[c];
      for (std::size_t c = 0; c < v.size(); ++c) v[c] -= dot * q[c];
    }
    double norm = 0;
    for (double x : v) norm += x * x;
    if (norm <= 1e-20 * original) continue;
    norm = std::sqrt(norm);
    for (double& x : v) x /= norm;
    for (std::size_t c = 0; c < v.size(); ++c) leverage[c] += v[c] * v[c];
    basis.push_back(std::move(v));
  }

  for (std::size_t c = 0; c < cells.size(); ++c) {
    const double e = *expected[cells[c].i][cells[c].j];
    const double variance = e * (1 - leverage[c]);
    // A leverage of 1 (to rounding) means the model reproduces the cell exactly.
    if (variance <= 1e-9 * e) continue;
    z[cells[c].i][cells[c].j] = (static_cast<double>(counts[cells[c].i][cells[c].j]) - e) / std::sqrt(variance);
  }
  return z;
}

}  // namespace attune::analysis
