#include <doctest/doctest.h>

#include <cmath>
#include <string>
#include <vector>

#include "analysis/sequential.h"
#include "core/error.h"
#include "summary_fixture.h"

using namespace attune;
using namespace attune::analysis;
using attune::summary_test::point;
using attune::summary_test::sec;
using attune::summary_test::state;

TEST_CASE("lag-1 table: counts, p(j|i), expected, adjusted residuals, Yule's Q, a zero row") {
  const Scheme scheme = summary_test::summary_scheme();
  // Child affect sequence A B A B A C (A = ChildPos, B = ChildNeu, C = ChildNeg), given out of order.
  const std::vector<Event> events = {
      state(6, "ChildNeg", "child", 50, 60), state(1, "ChildPos", "child", 0, 10),
      state(2, "ChildNeu", "child", 10, 20), state(3, "ChildPos", "child", 20, 30),
      state(4, "ChildNeu", "child", 30, 40), state(5, "ChildPos", "child", 40, 50),
      point(7, "Bid", "child", 15),  // another group: ignored
  };
  const SequentialTable t = lag1_table(scheme, events, {.group = "child_affect"});
  REQUIRE(t.codes == std::vector<std::string>{"ChildPos", "ChildNeu", "ChildNeg"});
  const std::size_t A = 0, B = 1, C = 2;
  // Transitions A>B, B>A, A>B, B>A, A>C: N = 5.
  CHECK(t.transitions == 5);
  CHECK(t.counts[A][B] == 2);
  CHECK(t.counts[A][C] == 1);
  CHECK(t.counts[B][A] == 2);
  CHECK(t.counts[A][A] == 0);
  CHECK(t.row_totals == std::vector<std::int64_t>{3, 2, 0});     // C is never a given: a zero row
  CHECK(t.column_totals == std::vector<std::int64_t>{2, 2, 1});

  CHECK(*t.probability[A][B] == doctest::Approx(0.6667).epsilon(1e-4));  // 2 / 3
  CHECK(*t.probability[B][A] == doctest::Approx(1));                    // 2 / 2
  CHECK_FALSE(t.probability[C][A].has_value());                         // r_C = 0

  CHECK(*t.expected[A][B] == doctest::Approx(1.2));  // 3 * 2 / 5
  // z = (2 - 1.2) / sqrt(1.2 * (1 - 3/5) * (1 - 2/5)) = 0.8 / sqrt(0.288) = 1.4907
  CHECK(*t.adjusted_residual[A][B] == doctest::Approx(1.4907).epsilon(1e-4));
  // z = (2 - 0.8) / sqrt(0.8 * 0.6 * 0.6) = 1.2 / sqrt(0.288) = 2.2361
  CHECK(*t.adjusted_residual[B][A] == doctest::Approx(2.2361).epsilon(1e-4));
  // z = (0 - 1.2) / sqrt(0.288) = -2.2361
  CHECK(*t.adjusted_residual[A][A] == doctest::Approx(-2.2361).epsilon(1e-4));
  // e = 3 * 1 / 5 = 0.6; z = 0.4 / sqrt(0.6 * 0.4 * 0.8) = 0.4 / sqrt(0.192) = 0.9129
  CHECK(*t.adjusted_residual[A][C] == doctest::Approx(0.9129).epsilon(1e-4));

  // Q[A][B]: a = 2, b = 3 - 2 = 1, c = 2 - 2 = 0, d = 5 - 3 - 2 + 2 = 2 -> (4 - 0) / (4 + 0) = 1
  CHECK(*t.yule_q[A][B] == doctest::Approx(1));
  // Q[A][A]: a = 0, b = 3, c = 2, d = 5 - 3 - 2 + 0 = 0 -> (0 - 6) / (0 + 6) = -1
  CHECK(*t.yule_q[A][A] == doctest::Approx(-1));

  // The zero row: e = 0 * c / N = 0, no residual (root 0), Q = 0 / 0.
  CHECK(*t.expected[C][A] == doctest::Approx(0));
  CHECK_FALSE(t.adjusted_residual[C][A].has_value());
  CHECK_FALSE(t.yule_q[C][A].has_value());
}

TEST_CASE("lag-1 table: subject filter, collapsed repeats and windows") {
  const Scheme scheme = summary_test::summary_scheme();
  const std::vector<Event> events = {
      point(1, "Look", "child", 1), point(2, "Away", "parent", 2), point(3, "Away", "child", 3),
      point(4, "Look", "child", 4), point(5, "Look", "child", 5),
  };
  // Child only: Look Away Look Look -> L>A, A>L, L>L: N = 3.
  const SequentialTable child = lag1_table(scheme, events, {.group = "gaze", .subject = "child"});
  CHECK(child.transitions == 3);
  CHECK(child.counts[0][0] == 1);  // Look > Look
  // Everyone: Look Away Away Look Look -> L>A, A>A, A>L, L>L: N = 4.
  const SequentialTable all = lag1_table(scheme, events, {.group = "gaze"});
  CHECK(all.transitions == 4);
  CHECK(all.counts[1][1] == 1);  // Away > Away
  // Collapsed: Look Away Look -> N = 2, diagonal structural zeros have no e / z / Q.
  const SequentialTable collapsed = lag1_table(scheme, events, {.group = "gaze", .collapse_repeats = true});
  CHECK(collapsed.transitions == 2);
  CHECK(collapsed.counts[0][1] == 1);
  CHECK(collapsed.counts[1][0] == 1);
  CHECK_FALSE(collapsed.expected[0][0].has_value());
  CHECK_FALSE(collapsed.yule_q[1][1].has_value());
  CHECK(*collapsed.probability[0][1] == doctest::Approx(1));  // 1 / 1
  // Two codes that cannot repeat: L>A and A>L are fixed by the margins (quasi-independence
  // is saturated), so e = f = 1 and there is no residual; r*c/N would say e = 0.5, z = 1.41.
  CHECK(*collapsed.expected[0][1] == doctest::Approx(1));
  CHECK_FALSE(collapsed.adjusted_residual[0][1].has_value());

  // Only onsets inside a window [0, 3.5): Look Away Away -> N = 2.
  Window w;
  w.end = sec(3.5);
  w.observation_end = sec(10);
  w.codable = {{0, sec(3.5)}};
  CHECK(lag1_table(scheme, events, {.group = "gaze"}, w).transitions == 2);

  // No events: N = 0, everything null.
  const SequentialTable empty = lag1_table(scheme, {}, {.group = "gaze"});
  CHECK(empty.transitions == 0);
  CHECK_FALSE(empty.expected[0][1].has_value());
  CHECK_FALSE(empty.probability[0][1].has_value());
}

TEST_CASE("lag-1 table refuses an unknown group or subject") {
  const Scheme scheme = summary_test::summary_scheme();
  CHECK_THROWS_AS(lag1_table(scheme, {}, {.group = "nonsense"}), Error);
  CHECK_THROWS_AS(lag1_table(scheme, {}, {.group = "gaze", .subject = "grandma"}), Error);
}

namespace {

// Child affect states, one per second, in the order given (A = ChildPos, B = ChildNeu,
// C = ChildNeg).
std::vector<Event> affect_sequence(const std::string& letters) {
  std::vector<Event> events;
  for (std::size_t n = 0; n < letters.size(); ++n) {
    const char* code = letters[n] == 'A' ? "ChildPos" : letters[n] == 'B' ? "ChildNeu" : "ChildNeg";
    events.push_back(state(static_cast<std::int64_t>(n + 1), code, "child", static_cast<double>(n),
                           static_cast<double>(n + 1)));
  }
  return events;
}

}  // namespace

TEST_CASE("lag-1 table with repeats collapsed uses quasi-independence (IPF), not r*c/N") {
  const Scheme scheme = summary_test::summary_scheme();
  const std::size_t A = 0, B = 1, C = 2;
  const SequentialOptions collapsed{.group = "child_affect", .collapse_repeats = true};

  // A B A B A B A B C A C B A: A>B 4, B>A 4, A>C 1, C>A 1, B>C 1, C>B 1; N = 12; every row
  // and column total is 5, 5, 2.
  // This table already is quasi-independent: e_ij = a_i b_j with a = (1, 1, 1/4) and
  // b = (4, 4, 1) gives e = f in every off-diagonal cell (a_A b_B = 4, a_A b_C = 1,
  // a_B b_A = 4, a_B b_C = 1, a_C b_A = 1, a_C b_B = 1). So e[A][B] = 4 and z = 0.
  // The old r*c/N said e[A][B] = 5 * 5 / 12 = 2.083 and z = 1.917 / sqrt(2.083 * 7/12 * 7/12)
  // = 2.28: "significant" where there is nothing beyond the margins.
  const SequentialTable fits = lag1_table(scheme, affect_sequence("ABABABABCACBA"), collapsed);
  REQUIRE(fits.transitions == 12);
  CHECK(fits.counts[A][B] == 4);
  CHECK(*fits.expected[A][B] == doctest::Approx(4));
  CHECK(*fits.expected[C][A] == doctest::Approx(1));
  CHECK(*fits.adjusted_residual[A][B] == doctest::Approx(0).epsilon(1e-9));
  CHECK(*fits.adjusted_residual[C][B] == doctest::Approx(0).epsilon(1e-9));
  CHECK_FALSE(fits.expected[A][A].has_value());
  CHECK_FALSE(fits.adjusted_residual[B][B].has_value());

  // A B C A B C A B C A C B A: the cycle A>B, B>C, C>A 3 times each, the reverse
  // A>C, C>B, B>A once each; N = 12, every row and column total 4.
  // With a 3x3 diagonal of structural zeros quasi-independence has one degree of freedom:
  // f - e = delta * d, d = +1 on AB, BC, CA and -1 on AC, CB, BA (the only pattern with zero
  // row and column sums), and the fit satisfies e_AB e_BC e_CA = e_AC e_CB e_BA:
  // (3 - delta)^3 = (1 + delta)^3, so delta = 1 and e = 2 in every off-diagonal cell.
  // One degree of freedom also fixes the residual: 1 - h_c = (1/e_c) / sum(1/e), so
  // var = e_c (1 - h_c) = 1 / sum(1/e) = 1 / (6 * 1/2) = 1/3 and z = +-delta * sqrt(3) = +-1.7321.
  // (r*c/N: e = 16/12 = 1.333, z[A][B] = 1.667 / sqrt(1.333 * 2/3 * 2/3) = 2.165.)
  const SequentialTable cycle = lag1_table(scheme, affect_sequence("ABCABCABCACBA"), collapsed);
  REQUIRE(cycle.transitions == 12);
  REQUIRE(cycle.counts[A][B] == 3);
  REQUIRE(cycle.counts[B][A] == 1);
  for (std::size_t i = 0; i < 3; ++i)
    for (std::size_t j = 0; j < 3; ++j)
      if (i != j) CHECK(*cycle.expected[i][j] == doctest::Approx(2));
  CHECK(*cycle.adjusted_residual[A][B] == doctest::Approx(1.7321).epsilon(1e-4));
  CHECK(*cycle.adjusted_residual[B][C] == doctest::Approx(1.7321).epsilon(1e-4));
  CHECK(*cycle.adjusted_residual[A][C] == doctest::Approx(-1.7321).epsilon(1e-4));
  CHECK(*cycle.adjusted_residual[B][A] == doctest::Approx(-1.7321).epsilon(1e-4));
  // Expected counts add up to each observed row total (r*c/N did not: 3 * 1.333 = 4 only
  // because of the symmetric margins here; in the first table row A gave 2.083 + 0.833 = 2.9 of 5).
  for (std::size_t i = 0; i < 3; ++i) {
    double row = 0;
    for (std::size_t j = 0; j < 3; ++j) row += cycle.expected[i][j].value_or(0);
    CHECK(row == doctest::Approx(static_cast<double>(cycle.row_totals[i])));
  }
}

TEST_CASE("lag-1 table with an asymmetric collapsed table keeps margins and the quasi-independence condition") {
  const Scheme scheme = summary_test::summary_scheme();
  const std::size_t A = 0, B = 1, C = 2;
  // A B A B A C B C A B A C: A>B 3, B>A 3, A>C 2, C>B 1, B>C 1, C>A 1; N = 11.
  const SequentialTable t =
      lag1_table(scheme, affect_sequence("ABABACBCABAC"), {.group = "child_affect", .collapse_repeats = true});
  REQUIRE(t.transitions == 11);
  REQUIRE(t.counts[A][B] == 3);
  REQUIRE(t.counts[A][C] == 2);
  // The fit keeps every row and column total ...
  for (std::size_t i = 0; i < 3; ++i) {
    double row = 0, column = 0;
    for (std::size_t j = 0; j < 3; ++j) {
      row += t.expected[i][j].value_or(0);
      column += t.expected[j][i].value_or(0);
    }
    CHECK(row == doctest::Approx(static_cast<double>(t.row_totals[i])));
    CHECK(column == doctest::Approx(static_cast<double>(t.column_totals[i])));
  }
  // ... and is of the form a_i b_j: e_AB e_BC e_CA = e_AC e_CB e_BA.
  const auto e = [&](std::size_t i, std::size_t j) { return *t.expected[i][j]; };
  CHECK(e(A, B) * e(B, C) * e(C, A) == doctest::Approx(e(A, C) * e(C, B) * e(B, A)));
  // One degree of freedom: every residual is +-delta * sqrt(sum 1/e), delta = f_AB - e_AB.
  double inverse_sum = 0;
  for (std::size_t i = 0; i < 3; ++i)
    for (std::size_t j = 0; j < 3; ++j)
      if (i != j) inverse_sum += 1 / e(i, j);
  const double delta = 3 - e(A, B);
  CHECK(*t.adjusted_residual[A][B] == doctest::Approx(delta * std::sqrt(inverse_sum)));
  CHECK(*t.adjusted_residual[B][A] == doctest::Approx(-delta * std::sqrt(inverse_sum)));
}
