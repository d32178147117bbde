// Event-based kappa (analysis/agreement.h); tables worked by hand in the comments.
#include <doctest/doctest.h>

#include <algorithm>
#include <random>
#include <vector>

#include "agreement_fixture.h"
#include "analysis/agreement.h"
#include "core/error.h"

using namespace attune;
using namespace attune::agreement_test;

namespace {

EventAgreementOptions signals(Micros tolerance) {
  EventAgreementOptions o;
  o.target.codes = {"Bid", "Look", "Comfort"};
  o.tolerance = tolerance;
  return o;
}

// A: Bid 10.0, Look 20.0, Comfort 30.0, Bid 40.0, Look 50.0
// B: Bid 11.3, Look 20.4, Bid 30.5,     Bid 40.2, Comfort 55.0
const std::vector<Event> kA{point("Bid", ms(10000)), point("Look", ms(20000)),
                            point("Comfort", ms(30000), "parent"), point("Bid", ms(40000)),
                            point("Look", ms(50000))};
const std::vector<Event> kB{point("Bid", ms(11300)), point("Look", ms(20400)), point("Bid", ms(30500)),
                            point("Bid", ms(40200)), point("Comfort", ms(55000), "parent")};

}  // namespace

TEST_CASE("agreement: event-based - two Bids 1.3 s apart pair within 2 s, not within 1 s") {
  const Scheme s = scheme();
  const std::vector<Event> a{point("Bid", ms(10000))}, b{point("Bid", ms(11300))};
  // Tolerance 2 s: one agreement; one code only, so Pe = 1 and κ is undefined.
  const AgreementResult paired = event_agreement(a, b, s, ms(60000), signals(ms(2000)));
  CHECK(paired.matrix[0][0] == 1);
  CHECK(paired.n == 1);
  CHECK_FALSE(paired.kappa.has_value());
  // Tolerance 1 s: each Bid goes to the nil row / column.
  const AgreementResult apart = event_agreement(a, b, s, ms(60000), signals(ms(1000)));
  CHECK(apart.matrix[0][3] == 1);  // (Bid, nil)
  CHECK(apart.matrix[3][0] == 1);  // (nil, Bid)
  CHECK(apart.matrix[0][0] == 0);
  CHECK(apart.n == 2);
}

TEST_CASE("agreement: event-based kappa of a small session, tolerance 2 s") {
  const Scheme s = scheme();
  const AgreementResult r = event_agreement(kA, kB, s, ms(60000), signals(ms(2000)));
  CHECK(r.method == AgreementMethod::EventBased);
  CHECK(r.tolerance == ms(2000));
  CHECK(r.codes == std::vector<std::string>{"Bid", "Look", "Comfort", "nil"});
  // Pairs: Bid10–Bid11.3 (Δ1.3), Look20–Look20.4, Comfort30–Bid30.5, Bid40–Bid40.2;
  // Look 50 and Comfort 55 are 5 s apart: both unpaired.
  //            Bid Look Comfort nil    rows 2, 2, 1, R = 1; columns 3, 1, 1, C = 1; N = 6
  //   Bid       2   0    0      0      Po = 3/6 = 0.5
  //   Look      0   1    0      1      nil–nil structural zero: D = 6 − 1 − 1 = 4,
  //   Comfort   1   0    0      0        m = R·C/D = 1/4
  //   nil       0   0    1      0      Pe = (2·3 + 2·1 + 1·1)/(6 · 6.25) = 9/37.5 = 0.24
  // κ = (0.5 − 0.24)/(1 − 0.24) = 0.26/0.76 = 13/38 = 0.342105
  // κmax: Σ_{i≠nil} min = 2 + 1 + 1 = 4 → (4/6 − 0.24)/0.76 = 32/57 = 0.561404
  CHECK(r.matrix == CountMatrix{{2, 0, 0, 0}, {0, 1, 0, 1}, {1, 0, 0, 0}, {0, 0, 1, 0}});
  CHECK(r.n == 6);
  CHECK(*r.percent_agreement == doctest::Approx(50.0));
  CHECK(*r.expected == doctest::Approx(0.24));
  CHECK(*r.kappa == doctest::Approx(13.0 / 38.0));
  CHECK(*r.kappa_max == doctest::Approx(32.0 / 57.0));
  // The ordinary Pe would count the impossible nil–nil cell: (6 + 2 + 1 + 1)/36.
  CHECK(*r.expected < 10.0 / 36.0);

  // Per code: Bid 2 agreements, column off-diagonal 1 (Comfort, Bid);
  // Look 1 agreement, row off-diagonal 1 (Look, nil); Comfort 0, row 1 + column 1;
  // nil 0, row 1 + column 1.
  REQUIRE(r.per_code.size() == 4);
  CHECK(r.per_code[0].agreements == 2);
  CHECK(r.per_code[0].disagreements == 1);
  CHECK(r.per_code[1].agreements == 1);
  CHECK(r.per_code[1].disagreements == 1);
  CHECK(r.per_code[2].agreements == 0);
  CHECK(r.per_code[2].disagreements == 2);
  CHECK(r.per_code[3].code == "nil");
  CHECK(r.per_code[3].disagreements == 2);

  // Where to look: the mismatched pair from its earlier onset, each unpaired event.
  CHECK(r.disagreements == std::vector<Disagreement>{{ms(30000), ms(30500), "Comfort", "Bid"},
                                                     {ms(50000), ms(50000), "Look", "nil"},
                                                     {ms(55000), ms(55000), "nil", "Comfort"}});
}

TEST_CASE("agreement: event-based kappa of the same session, tolerance 1 s") {
  const Scheme s = scheme();
  const AgreementResult r = event_agreement(kA, kB, s, ms(60000), signals(ms(1000)));
  // Bid 10 and Bid 11.3 are now 1.3 s > 1 s apart: (Bid, nil) and (nil, Bid).
  //            Bid Look Comfort nil    rows 2, 2, 1, R = 2; columns 3, 1, 1, C = 2; N = 7
  //   Bid       1   0    0      1      Po = 2/7
  //   Look      0   1    0      1      D = 7 − 2 − 2 = 3, m = 4/3, N + m = 25/3
  //   Comfort   1   0    0      0      Pe = 9 / (7 · 25/3) = 27/175 = 0.154286
  //   nil       1   0    1      0      κ = (50/175 − 27/175)/(148/175) = 23/148 = 0.155405
  CHECK(r.matrix == CountMatrix{{1, 0, 0, 1}, {0, 1, 0, 1}, {1, 0, 0, 0}, {1, 0, 1, 0}});
  CHECK(r.n == 7);
  CHECK(*r.expected == doctest::Approx(27.0 / 175.0));
  CHECK(*r.kappa == doctest::Approx(23.0 / 148.0));
  CHECK(r.disagreements.front() == Disagreement{ms(10000), ms(10000), "Bid", "nil"});
  CHECK(r.disagreements[1] == Disagreement{ms(11300), ms(11300), "nil", "Bid"});
}

TEST_CASE("agreement: event-based identical codings, swapped coders") {
  const Scheme s = scheme();
  const AgreementResult same = event_agreement(kA, kA, s, ms(60000), signals(ms(2000)));
  CHECK(*same.kappa == doctest::Approx(1.0));
  CHECK(same.disagreements.empty());
  CHECK(same.matrix[3] == std::vector<std::int64_t>{0, 0, 0, 0});

  for (Micros tolerance : {ms(500), ms(1000), ms(2000), ms(6000)}) {
    const AgreementResult ab = event_agreement(kA, kB, s, ms(60000), signals(tolerance));
    const AgreementResult ba = event_agreement(kB, kA, s, ms(60000), signals(tolerance));
    for (std::size_t i = 0; i < 4; ++i)
      for (std::size_t j = 0; j < 4; ++j) CHECK(ba.matrix[i][j] == ab.matrix[j][i]);
    CHECK(*ba.kappa == doctest::Approx(*ab.kappa));
  }
}

TEST_CASE("agreement: event-based alignment prefers a same-code pair, earlier events first") {
  const Scheme s = scheme();
  // A: Bid 10.0.  B: Look 10.1, Bid 10.9; tolerance 1 s. The nearest onset is Look's, but
  // pairing Bid–Bid (cost: Look unpaired = 1) beats Bid–Look (cost: substitution 1 +
  // Bid unpaired 1 = 2).
  const std::vector<Event> a{point("Bid", ms(10000))};
  const std::vector<Event> b{point("Look", ms(10100)), point("Bid", ms(10900))};
  const AgreementResult r = event_agreement(a, b, s, ms(20000), signals(ms(1000)));
  CHECK(r.matrix[0][0] == 1);  // (Bid, Bid)
  CHECK(r.matrix[3][1] == 1);  // (nil, Look)
  CHECK(r.n == 2);

  // A: Bid 0, Bid 1; B: Bid 0.5. Both pairings are equally good (same code, Δ 0.5 s):
  // the earlier A event pairs, the later one is left unpaired.
  const std::vector<Event> c{point("Bid", ms(0)), point("Bid", ms(1000))};
  const std::vector<Event> d{point("Bid", ms(500))};
  const AgreementResult tie = event_agreement(c, d, s, ms(2000), signals(ms(1000)));
  CHECK(tie.disagreements == std::vector<Disagreement>{{ms(1000), ms(1000), "Bid", "nil"}});
}

TEST_CASE("agreement: event-based states with an overlap requirement") {
  const Scheme s = scheme();
  EventAgreementOptions o;
  o.target.group = "affect";
  o.tolerance = ms(1000);
  // Onsets 0.5 s apart; overlap [0.5, 3) = 2.5 s of the longer 10 s = 25 %.
  const std::vector<Event> a{state("Positive", ms(0), ms(10000))};
  const std::vector<Event> b{state("Positive", ms(500), ms(3000))};
  CHECK(event_agreement(a, b, s, ms(10000), o).matrix[0][0] == 1);
  o.min_overlap_percent = 25;
  CHECK(event_agreement(a, b, s, ms(10000), o).matrix[0][0] == 1);
  o.min_overlap_percent = 50;
  const AgreementResult r = event_agreement(a, b, s, ms(10000), o);
  CHECK(r.codes == std::vector<std::string>{"Positive", "Neutral", "Negative", "nil"});
  CHECK(r.matrix[0][3] == 1);
  CHECK(r.matrix[3][0] == 1);
  CHECK(r.min_overlap_percent == 50);
  // Unpaired states are listed with their whole extent.
  CHECK(r.disagreements == std::vector<Disagreement>{{ms(0), ms(10000), "Positive", "nil"},
                                                     {ms(500), ms(3000), "nil", "Positive"}});
  // An open state ends at the session's end: [0.5, 10) overlaps 95 % → pairs again.
  const std::vector<Event> open{state("Positive", ms(500), std::nullopt)};
  CHECK(event_agreement(a, open, s, ms(10000), o).matrix[0][0] == 1);
}

// Reference: the same objective over the full (i, j) table, without the band.
static int full_dp_weight(const std::vector<Event>& a, const std::vector<Event>& b, Micros tolerance) {
  std::vector<std::vector<int>> f(a.size() + 1, std::vector<int>(b.size() + 1, 0));
  for (std::size_t i = 1; i <= a.size(); ++i)
    for (std::size_t j = 1; j <= b.size(); ++j) {
      f[i][j] = std::max(f[i - 1][j], f[i][j - 1]);
      if (std::abs(a[i - 1].start - b[j - 1].start) <= tolerance)
        f[i][j] = std::max(f[i][j], f[i - 1][j - 1] + (a[i - 1].code == b[j - 1].code ? 2 : 1));
    }
  return f[a.size()][b.size()];
}

TEST_CASE("agreement: event-based banded alignment is optimal (against the full table)") {
  const Scheme s = scheme();
  std::mt19937 rng(7);
  const char* codes[] = {"Bid", "Look", "Comfort"};
  for (int trial = 0; trial < 300; ++trial) {
    std::uniform_int_distribution<int> count(0, 9), code(0, 2), tenth(0, 150);
    auto record = [&] {
      std::vector<Event> r;
      for (int i = count(rng); i > 0; --i) r.push_back(point(codes[code(rng)], ms(100 * tenth(rng))));
      std::sort(r.begin(), r.end(), [](const Event& x, const Event& y) {
        return x.start != y.start ? x.start < y.start : x.code < y.code;
      });
      return r;
    };
    const std::vector<Event> a = record(), b = record();
    const Micros tolerance = ms(100 * std::uniform_int_distribution<int>(0, 40)(rng));
    // Ties of onset are ordered by code in scheme order by the aligner; use distinct onsets
    // or identical codes so both orders agree.
    auto distinct = [](const std::vector<Event>& r) {
      for (std::size_t i = 1; i < r.size(); ++i)
        if (r[i].start == r[i - 1].start && r[i].code != r[i - 1].code) return false;
      return true;
    };
    if (!distinct(a) || !distinct(b)) continue;
    const AgreementResult r = event_agreement(a, b, s, ms(20000), signals(tolerance));
    int weight = 0;
    for (std::size_t i = 0; i < 3; ++i)
      for (std::size_t j = 0; j < 3; ++j) weight += static_cast<int>(r.matrix[i][j]) * (i == j ? 2 : 1);
    CAPTURE(trial);
    CHECK(weight == full_dp_weight(a, b, tolerance));
    // Every event is tallied exactly once.
    std::int64_t a_total = 0, b_total = 0;
    for (std::size_t i = 0; i < 4; ++i)
      for (std::size_t j = 0; j < 4; ++j) {
        if (i < 3) a_total += r.matrix[i][j];
        if (j < 3) b_total += r.matrix[i][j];
      }
    CHECK(a_total == static_cast<std::int64_t>(a.size()));
    CHECK(b_total == static_cast<std::int64_t>(b.size()));
  }
}

TEST_CASE("agreement: event-based refused inputs") {
  const Scheme s = scheme();
  EventAgreementOptions o = signals(-1);
  CHECK_THROWS_AS(event_agreement(kA, kB, s, ms(60000), o), Error);
  o = signals(ms(1000));
  o.min_overlap_percent = 120;
  CHECK_THROWS_AS(event_agreement(kA, kB, s, ms(60000), o), Error);
  o = signals(ms(1000));
  o.target.codes = {"Nope"};
  CHECK_THROWS_AS(event_agreement(kA, kB, s, ms(60000), o), Error);
  CHECK_THROWS_AS(event_agreement(kA, kB, s, -1, signals(ms(1000))), Error);
  // Any group works event-based, including one whose states may overlap.
  o = {};
  o.target.group = "activity";
  const std::vector<Event> play{state("Play", ms(0), ms(5000)), state("Read", ms(1000), ms(4000))};
  CHECK(*event_agreement(play, play, s, ms(5000), o).kappa == doctest::Approx(1.0));
}
