#pragma once
// Expected frequencies and adjusted residuals of a two-way table under (quasi-)independence,
// the log-linear model  log e_ij = λ + α_i + β_j  fitted to the cells that can hold counts.
//
// Structural zeros are cells that cannot hold a count by construction (the diagonal of a
// lag-1 table whose repeats were collapsed). Fitted to the other cells by iterative
// proportional fitting (Deming & Stephan 1940; Bishop, Fienberg & Holland 1975, ch. 5), the
// expected counts keep every row and column total of the observed table and are 0 in the
// structural zeros. Without structural zeros the fit is e_ij = r_i c_j / N exactly.
//
// The adjusted residual of a cell is Haberman's standardized residual of the fitted model,
//   z_ij = (f_ij − e_ij) / sqrt(e_ij (1 − h_ij)),
// with h_ij the cell's leverage, the diagonal of W^½ X (XᵀWX)⁻ XᵀW^½ (W = diag(e), X the
// model's design over the fitted cells). Under plain independence h_ij = r_i/N + c_j/N −
// e_ij/N, which gives the familiar (f − e) / sqrt(e (1 − r_i/N)(1 − c_j/N)) (Bakeman &
// Quera 2011); with structural zeros it is what GSEQ's quasi-independence fit implies.
// A residual is nullopt where its variance is 0: a structural zero, an empty row or column,
// or a cell the model fits exactly (a saturated model, e.g. two codes with repeats collapsed).
#include <cstdint>
#include <optional>
#include <vector>

namespace attune::analysis {

using CellCounts = std::vector<std::vector<std::int64_t>>;
using CellMask = std::vector<std::vector<bool>>;  // true: a structural zero
using CellFigures = std::vector<std::vector<std::optional<double>>>;

// Expected counts; structural zeros are nullopt. Throws Error(InvalidInput) when the table
// is not square-compatible with the mask or a structural zero holds a count.
CellFigures quasi_independence_expected(const CellCounts& counts, const CellMask& structural_zero);

// Adjusted residuals for the expected counts returned above.
CellFigures quasi_independence_adjusted_residuals(const CellCounts& counts, const CellMask& structural_zero,
                                                  const CellFigures& expected);

}  // namespace attune::analysis
