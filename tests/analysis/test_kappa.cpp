// Cohen's kappa over a table (analysis/kappa.h); every expected value is worked by hand.
#include <doctest/doctest.h>

#include <cmath>

#include "analysis/kappa.h"
#include "core/error.h"

using namespace attune;

TEST_CASE("kappa: the worked check of docs/agreement.md, [[2,2],[1,53]] = 0.5445") {
  // N = 58, diagonal 2 + 53 = 55, Po = 55/58 = 0.948276
  // rows 4, 54; columns 3, 55; Pe = (4·3 + 54·55)/58² = (12 + 2970)/3364 = 2982/3364
  // κ = (55·58 − 2982)/(3364 − 2982) = 208/382 = 0.544503
  // κmax: Σ min = min(4,3) + min(54,55) = 57; (57·58 − 2982)/382 = 324/382 = 0.848168
  const KappaStats s = cohen_kappa({{2, 2}, {1, 53}});
  CHECK(s.n == 58);
  CHECK(*s.observed == doctest::Approx(55.0 / 58.0));
  CHECK(*s.expected == doctest::Approx(2982.0 / 3364.0));
  CHECK(*s.kappa == doctest::Approx(208.0 / 382.0));
  CHECK(std::round(*s.kappa * 10000) / 10000 == doctest::Approx(0.5445));
  CHECK(*s.percent_agreement == doctest::Approx(100.0 * 55.0 / 58.0));
  CHECK(*s.kappa_max == doctest::Approx(324.0 / 382.0));
}

TEST_CASE("kappa: kappa_max of a 3x3 table by hand") {
  // rows 6, 6, 8; columns 7, 5, 8; N = 20; diagonal 5 + 3 + 7 = 15, Po = 0.75
  // Pe = (6·7 + 6·5 + 8·8)/400 = (42 + 30 + 64)/400 = 0.34
  // κ = (0.75 − 0.34)/(1 − 0.34) = 0.41/0.66 = 0.621212
  // Σ min = 6 + 5 + 8 = 19 → 0.95; κmax = (0.95 − 0.34)/0.66 = 0.61/0.66 = 0.924242
  const KappaStats s = cohen_kappa({{5, 1, 0}, {2, 3, 1}, {0, 1, 7}});
  CHECK(s.n == 20);
  CHECK(*s.expected == doctest::Approx(0.34));
  CHECK(*s.kappa == doctest::Approx(0.41 / 0.66));
  CHECK(*s.kappa_max == doctest::Approx(0.61 / 0.66));
}

TEST_CASE("kappa: perfect agreement over two codes is 1, over one code undefined") {
  // [[3,0],[0,2]]: Po = 1, Pe = (9 + 4)/25 = 0.52, κ = 0.48/0.48 = 1
  const KappaStats two = cohen_kappa({{3, 0}, {0, 2}});
  CHECK(*two.kappa == doctest::Approx(1.0));
  CHECK(*two.kappa_max == doctest::Approx(1.0));

  // Everything in one category: Pe = 1, so κ is undefined (never reported as 1 or 0).
  for (const CountMatrix& t : {CountMatrix{{10}}, CountMatrix{{10, 0}, {0, 0}},
                               CountMatrix{{0, 0}, {0, 7}}}) {
    const KappaStats s = cohen_kappa(t);
    CHECK(*s.percent_agreement == doctest::Approx(100.0));
    CHECK(*s.expected == doctest::Approx(1.0));
    CHECK_FALSE(s.kappa.has_value());
    CHECK_FALSE(s.kappa_max.has_value());
  }

  // N = 0: nothing is defined.
  const KappaStats empty = cohen_kappa({{0, 0}, {0, 0}});
  CHECK(empty.n == 0);
  CHECK_FALSE(empty.observed.has_value());
  CHECK_FALSE(empty.percent_agreement.has_value());
  CHECK_FALSE(empty.kappa.has_value());
  CHECK_FALSE(cohen_kappa({}).kappa.has_value());
}

// Quasi-independence fitted by iterative proportional fitting with cell (z, z) held at 0:
// an independent check of the closed form used by cohen_kappa.
static double ipf_expected_agreement(const CountMatrix& x, std::size_t z) {
  const std::size_t k = x.size();
  std::vector<double> rows(k, 0), cols(k, 0);
  double n = 0;
  for (std::size_t i = 0; i < k; ++i)
    for (std::size_t j = 0; j < k; ++j) {
      rows[i] += static_cast<double>(x[i][j]);
      cols[j] += static_cast<double>(x[i][j]);
      n += static_cast<double>(x[i][j]);
    }
  std::vector<std::vector<double>> e(k, std::vector<double>(k, 1.0));
  e[z][z] = 0;
  for (int iteration = 0; iteration < 5000; ++iteration) {
    for (std::size_t i = 0; i < k; ++i) {
      double sum = 0;
      for (double v : e[i]) sum += v;
      for (double& v : e[i]) v = sum > 0 ? v * rows[i] / sum : 0;
    }
    for (std::size_t j = 0; j < k; ++j) {
      double sum = 0;
      for (std::size_t i = 0; i < k; ++i) sum += e[i][j];
      for (std::size_t i = 0; i < k; ++i) e[i][j] = sum > 0 ? e[i][j] * cols[j] / sum : 0;
    }
  }
  double diagonal = 0;
  for (std::size_t i = 0; i < k; ++i) diagonal += e[i][i];
  return diagonal / n;
}

TEST_CASE("kappa: a structural zero (nil-nil) uses quasi-independence expected values") {
  //            X  Y  nil     rows: X 8, Y 6, nil R = 3;  columns: X 7, Y 7, nil C = 3
  //   X        5  1  2       N = 17, diagonal 5 + 4 = 9, Po = 9/17
  //   Y        1  4  1       D = N − R − C = 11 (tallies outside the nil row and column)
  //   nil      1  2  0       m = R·C/D = 9/11; N + m = 196/11
  // Pe = (8·7 + 6·7) / (N (N + m)) = 98 · 11 / (17 · 196) = 11/34 = 0.323529
  // κ = (9/17 − 11/34)/(1 − 11/34) = (18 − 11)/(34 − 11) = 7/23 = 0.304348
  // κmax: nil–nil cannot agree, Σ_{i≠nil} min = min(8,7) + min(6,7) = 13 →
  //       (26/34 − 11/34)/(23/34) = 15/23 = 0.652174
  const CountMatrix table{{5, 1, 2}, {1, 4, 1}, {1, 2, 0}};
  const KappaStats s = cohen_kappa(table, 2);
  CHECK(s.n == 17);
  CHECK(*s.observed == doctest::Approx(9.0 / 17.0));
  CHECK(*s.expected == doctest::Approx(11.0 / 34.0));
  CHECK(*s.kappa == doctest::Approx(7.0 / 23.0));
  CHECK(*s.kappa_max == doctest::Approx(15.0 / 23.0));
  CHECK(*s.expected == doctest::Approx(ipf_expected_agreement(table, 2)).epsilon(1e-9));

  // Ignoring the structural zero would give Pe = (56 + 42 + 9)/289 = 107/289 and
  // κ = (153 − 107)/(289 − 107) = 46/182 = 0.252747: lower, as the literature warns.
  CHECK(*cohen_kappa(table).kappa == doctest::Approx(46.0 / 182.0));

  // Another table against IPF.
  const CountMatrix bigger{{7, 2, 0, 3}, {1, 9, 2, 1}, {0, 3, 4, 2}, {2, 1, 1, 0}};
  CHECK(*cohen_kappa(bigger, 3).expected ==
        doctest::Approx(ipf_expected_agreement(bigger, 3)).epsilon(1e-9));
}

TEST_CASE("kappa: structural zero edge cases") {
  // Every tally involves nil (D = 0): the fit puts nothing on the diagonal, Pe = 0;
  // Po = 0, so κ = 0; κmax = (min(3,3)/6 − 0)/1 = 0.5.
  const KappaStats all_nil = cohen_kappa({{0, 3}, {3, 0}}, 1);
  CHECK(*all_nil.expected == doctest::Approx(0.0));
  CHECK(*all_nil.kappa == doctest::Approx(0.0));
  CHECK(*all_nil.kappa_max == doctest::Approx(0.5));

  // An empty nil row (R = 0): the ordinary formula. rows X 4, Y 2; columns X 3, Y 2, nil 1;
  // Po = 5/6, Pe = (4·3 + 2·2)/36 = 16/36, κ = (30 − 16)/(36 − 16) = 14/20 = 0.7
  const KappaStats no_nil_row = cohen_kappa({{3, 0, 1}, {0, 2, 0}, {0, 0, 0}}, 2);
  CHECK(*no_nil_row.kappa == doctest::Approx(0.7));

  // One code, all paired: Pe = 1, undefined.
  CHECK_FALSE(cohen_kappa({{4, 0}, {0, 0}}, 1).kappa.has_value());
}

TEST_CASE("kappa: malformed tables are refused") {
  CHECK_THROWS_AS(cohen_kappa({{1, 2}, {3}}), Error);
  CHECK_THROWS_AS(cohen_kappa({{1, -2}, {3, 4}}), Error);
  CHECK_THROWS_AS(cohen_kappa({{1, 2}, {3, 4}}, 2), Error);  // index out of range
  CHECK_THROWS_AS(cohen_kappa({{1, 2}, {3, 4}}, 1), Error);  // the structural zero holds 4
}
