#include <doctest/doctest.h>

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
  // e[L][A] = 1 * 1 / 2 = 0.5; var = 0.5 * (1 - 1/2) * (1 - 1/2) = 0.125; z = 0.5 / 0.3536 = 1.4142
  CHECK(*collapsed.adjusted_residual[0][1] == doctest::Approx(1.4142).epsilon(1e-4));

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
