// Time-unit kappa (analysis/agreement.h); tallies worked by hand in the comments.
#include <doctest/doctest.h>

#include <random>
#include <vector>

#include "agreement_fixture.h"
#include "analysis/agreement.h"
#include "core/error.h"

using namespace attune;
using namespace attune::agreement_test;

namespace {

TimeUnitOptions affect(std::int64_t tolerance_units = 0) {
  TimeUnitOptions o;
  o.target.group = "affect";
  o.tolerance_units = tolerance_units;
  return o;
}

CountMatrix transposed(const CountMatrix& m) {
  CountMatrix t(m.size(), std::vector<std::int64_t>(m.size(), 0));
  for (std::size_t i = 0; i < m.size(); ++i)
    for (std::size_t j = 0; j < m.size(); ++j) t[j][i] = m[i][j];
  return t;
}

}  // namespace

TEST_CASE("agreement: time-unit kappa over 1-s units, tallied by hand") {
  const Scheme s = scheme();
  // 10 s; a unit takes the state covering its midpoint (k + 0.5 s).
  //   A: Positive [0,4)  Neutral [4,7)  Negative [7,10)  → P P P P N N N G G G
  //   B: Positive [0,3)  Neutral [3,7)  Negative [7,9)   → P P P N N N N G G none
  const std::vector<Event> a{state("Positive", ms(0), ms(4000)), state("Neutral", ms(4000), ms(7000)),
                             state("Negative", ms(7000), ms(10000))};
  const std::vector<Event> b{state("Positive", ms(0), ms(3000)), state("Neutral", ms(3000), ms(7000)),
                             state("Negative", ms(7000), ms(9000))};
  const AgreementResult r = time_unit_agreement(a, b, s, ms(10000), affect());
  CHECK(r.method == AgreementMethod::TimeUnit);
  CHECK(r.unit == kMicrosPerSecond);
  CHECK(r.group == "affect");
  CHECK(r.codes == std::vector<std::string>{"Positive", "Neutral", "Negative", "none"});
  //            Pos Neu Neg none   rows 4, 3, 3, 0; columns 3, 4, 2, 1; N = 10
  //   Pos       3   1   0   0     Po = (3 + 3 + 2)/10 = 0.8
  //   Neu       0   3   0   0     Pe = (4·3 + 3·4 + 3·2 + 0·1)/100 = 0.30
  //   Neg       0   0   2   1     κ = (0.8 − 0.3)/(1 − 0.3) = 5/7 = 0.714286
  //   none      0   0   0   0     κmax: Σ min = 3 + 3 + 2 + 0 = 8 → also 5/7
  CHECK(r.matrix == CountMatrix{{3, 1, 0, 0}, {0, 3, 0, 0}, {0, 0, 2, 1}, {0, 0, 0, 0}});
  CHECK(r.n == 10);
  CHECK(*r.percent_agreement == doctest::Approx(80.0));
  CHECK(*r.expected == doctest::Approx(0.30));
  CHECK(*r.kappa == doctest::Approx(5.0 / 7.0));
  CHECK(*r.kappa_max == doctest::Approx(5.0 / 7.0));
  // Per code: agreements = diagonal; disagreements = row + column off the diagonal.
  REQUIRE(r.per_code.size() == 4);
  CHECK(r.per_code[0].code == "Positive");
  CHECK(r.per_code[0].agreements == 3);
  CHECK(r.per_code[0].disagreements == 1);  // row: 1 (Pos, Neu)
  CHECK(r.per_code[1].agreements == 3);
  CHECK(r.per_code[1].disagreements == 1);  // column: 1 (Pos, Neu)
  CHECK(r.per_code[2].agreements == 2);
  CHECK(r.per_code[2].disagreements == 1);
  CHECK(r.per_code[3].code == "none");
  CHECK(r.per_code[3].disagreements == 1);
  // Per-code %: agreements / (agreements + disagreements): Pos 3/4, Neu 3/4, Neg 2/3, none 0/1.
  CHECK(*percent_agreement(r.per_code[0]) == doctest::Approx(75.0));
  CHECK(*percent_agreement(r.per_code[2]) == doctest::Approx(200.0 / 3.0));
  CHECK(*percent_agreement(r.per_code[3]) == doctest::Approx(0.0));
  CHECK_FALSE(percent_agreement(CodeAgreement{"unused", 0, 0}));  // never tallied: undefined, not 0
  CHECK(r.disagreements == std::vector<Disagreement>{{ms(3000), ms(4000), "Positive", "Neutral"},
                                                     {ms(9000), ms(10000), "Negative", "none"}});
}

TEST_CASE("agreement: time-unit kappa over video frames") {
  const Scheme s = scheme();
  // 10 fps, 1 s = 10 frames of 100 ms; midpoints 50, 150, … 950 ms.
  //   A: Positive [0,450) Neutral [450,1000): frame 4's midpoint 450 is Neutral → P×4 N×6
  //   B: Positive [0,250) Neutral [250,1000): frame 2's midpoint 250 is Neutral → P×2 N×8
  const std::vector<Event> a{state("Positive", ms(0), ms(450)), state("Neutral", ms(450), ms(1000))};
  const std::vector<Event> b{state("Positive", ms(0), ms(250)), state("Neutral", ms(250), ms(1000))};
  TimeUnitOptions o = affect();
  o.frames = FrameIndex(FrameRate{10, 1});
  const AgreementResult r = time_unit_agreement(a, b, s, ms(1000), o);
  // (P,P) 2, (P,N) 2, (N,N) 6; rows P 4, N 6; columns P 2, N 8; Po = 0.8
  // Pe = (4·2 + 6·8)/100 = 0.56; κ = 0.24/0.44 = 6/11 = 0.545455
  CHECK(r.unit == ms(100));
  CHECK(r.n == 10);
  CHECK(r.matrix[0] == std::vector<std::int64_t>{2, 2, 0, 0});
  CHECK(r.matrix[1] == std::vector<std::int64_t>{0, 6, 0, 0});
  CHECK(*r.kappa == doctest::Approx(6.0 / 11.0));
  CHECK(r.disagreements == std::vector<Disagreement>{{ms(200), ms(400), "Positive", "Neutral"}});

  // NTSC 30000/1001: 10 s hold frames 0 … 299 (frame 299 starts at 9.976643 s).
  o.frames = FrameIndex(FrameRate{30000, 1001});
  const std::vector<Event> c{state("Positive", ms(0), ms(3300)), state("Negative", ms(3300), ms(10000))};
  const AgreementResult same = time_unit_agreement(c, c, s, ms(10000), o);
  CHECK(same.n == 300);
  CHECK(same.unit == 33367);  // frame 1 starts at 1001/30 ms = 33366.67 µs, rounded to the nearest µs
  CHECK(*same.kappa == doctest::Approx(1.0));
  CHECK(same.disagreements.empty());
}

TEST_CASE("agreement: frame units on a variable-rate video are the video's own frames") {
  const Scheme s = scheme();
  // Five frames of unequal length (a phone video): starts 0, 100, 150, 400, 700 ms; past the
  // table frames go on at the last known length (300 ms), so in 1 s the units are
  //   [0,100) [100,150) [150,400) [400,700) [700,1000), midpoints 50, 125, 275, 550, 850 ms.
  //   A: Positive [0,500) Neutral [500,1000) → P P P N N
  //   B: Positive [0,250) Neutral [250,1000) → P P N N N
  // (Units of a constant 5 fps would put the disagreement at [200,400) instead.)
  const std::vector<Event> a{state("Positive", ms(0), ms(500)), state("Neutral", ms(500), ms(1000))};
  const std::vector<Event> b{state("Positive", ms(0), ms(250)), state("Neutral", ms(250), ms(1000))};
  TimeUnitOptions o = affect();
  o.frames = FrameIndex::from_times({ms(0), ms(100), ms(150), ms(400), ms(700)});
  REQUIRE(o.frames->variable());
  const AgreementResult r = time_unit_agreement(a, b, s, ms(1000), o);
  // (P,P) 2, (P,N) 1, (N,N) 2; rows P 3, N 2; columns P 2, N 3; N = 5; Po = 4/5 = 0.8
  // Pe = (3·2 + 2·3)/25 = 12/25 = 0.48; κ = (0.8 − 0.48)/(1 − 0.48) = 0.32/0.52 = 8/13
  CHECK(r.n == 5);
  CHECK(r.matrix[0] == std::vector<std::int64_t>{2, 1, 0, 0});
  CHECK(r.matrix[1] == std::vector<std::int64_t>{0, 2, 0, 0});
  CHECK(*r.kappa == doctest::Approx(8.0 / 13.0));
  CHECK(r.disagreements == std::vector<Disagreement>{{ms(150), ms(400), "Positive", "Neutral"}});
  CHECK(r.unit == ms(100));  // the first frame's length
  CHECK(r.variable_frames);
}

TEST_CASE("agreement: time-unit kappa of point codes, one and several per unit") {
  const Scheme s = scheme();
  TimeUnitOptions o;
  o.target.codes = {"Bid", "Look"};
  // 6 s.  A: Bid 0.5, Look 2.2, Bid 4.1 → Bid none Look none Bid none
  //       B: Bid 0.7, Bid 2.9, Look 5.5 → Bid none Bid  none none Look
  const std::vector<Event> a{point("Bid", ms(500)), point("Look", ms(2200)), point("Bid", ms(4100))};
  const std::vector<Event> b{point("Bid", ms(700)), point("Bid", ms(2900)), point("Look", ms(5500))};
  const AgreementResult r = time_unit_agreement(a, b, s, ms(6000), o);
  CHECK(r.group.empty());
  CHECK(r.codes == std::vector<std::string>{"Bid", "Look", "none"});
  //          Bid Look none   rows 2, 1, 3; columns 2, 1, 3; N = 6; Po = 3/6
  //   Bid     1   0    1     Pe = (4 + 1 + 9)/36 = 7/18
  //   Look    1   0    0     κ = (9/18 − 7/18)/(11/18) = 2/11 = 0.181818
  //   none    0   1    2
  CHECK(r.matrix == CountMatrix{{1, 0, 1}, {1, 0, 0}, {0, 1, 2}});
  CHECK(*r.kappa == doctest::Approx(2.0 / 11.0));
  CHECK(r.disagreements == std::vector<Disagreement>{{ms(2000), ms(3000), "Look", "Bid"},
                                                     {ms(4000), ms(5000), "Bid", "none"},
                                                     {ms(5000), ms(6000), "none", "Look"}});

  // Several codes in one unit: the unit counts once per code. 2 s.
  //   A: unit 1 holds Bid 1.2, Look 1.6 and Bid 1.5 again (a code counts once per unit)
  //   B: unit 1 holds Bid 1.4
  // unit 0: (none, none); unit 1: Bid in both → (Bid, Bid); Look left over → (Look, none)
  const std::vector<Event> two_a{point("Bid", ms(1200)), point("Look", ms(1600)), point("Bid", ms(1500))};
  const std::vector<Event> two_b{point("Bid", ms(1400))};
  const AgreementResult two = time_unit_agreement(two_a, two_b, s, ms(2000), o);
  CHECK(two.n == 3);
  CHECK(two.matrix == CountMatrix{{1, 0, 0}, {0, 0, 1}, {0, 0, 1}});
  // And the other way round: A's extra code becomes B's (none, Look).
  CHECK(time_unit_agreement(two_b, two_a, s, ms(2000), o).matrix ==
        CountMatrix{{1, 0, 0}, {0, 0, 0}, {0, 1, 1}});
}

TEST_CASE("agreement: time-unit tolerance tallies both sides, shifts beyond w lower kappa") {
  const Scheme s = scheme();
  // 10 s, w = 1 unit.  A: P P P P N N N N N N   (Positive [0,4), Neutral [4,10))
  const std::vector<Event> a{state("Positive", ms(0), ms(4000)), state("Neutral", ms(4000), ms(10000))};

  // Boundary 1 s later (≤ w): every code is found within ±1 unit → all diagonal, N = 2·10.
  const std::vector<Event> b1{state("Positive", ms(0), ms(5000)), state("Neutral", ms(5000), ms(10000))};
  const AgreementResult ok = time_unit_agreement(a, b1, s, ms(10000), affect(1));
  CHECK(ok.n == 20);
  CHECK(ok.tolerance_units == 1);
  CHECK(ok.tolerance == kMicrosPerSecond);
  CHECK(*ok.kappa == doctest::Approx(1.0));
  CHECK(ok.disagreements.empty());
  // Without tolerance the same records disagree in unit 4.
  CHECK(*time_unit_agreement(a, b1, s, ms(10000), affect(0)).kappa < 1.0);

  // Boundary 2 s later (> w).  B: P P P P P P N N N N
  // A's side: units 0-3 (P,P)×4; unit 4: A's N not in B[3..5] = P P P → (N, B's P);
  //           units 5-9: N found → (N,N)×5
  // B's side: units 0-4: P found in A[k−1..k+1] → (P,P)×5; unit 5: B's P not in
  //           A[4..6] = N N N → (A's N, P); units 6-9 (N,N)×4
  // Sum: (P,P) 9, (N,P) 2, (N,N) 9; N = 20; rows P 9, N 11; columns P 11, N 9
  // Po = 18/20; Pe = (9·11 + 11·9)/400 = 198/400; κ = (360 − 198)/(400 − 198) = 81/101
  const std::vector<Event> b2{state("Positive", ms(0), ms(6000)), state("Neutral", ms(6000), ms(10000))};
  const AgreementResult late = time_unit_agreement(a, b2, s, ms(10000), affect(1));
  CHECK(late.n == 20);
  CHECK(late.matrix[0] == std::vector<std::int64_t>{9, 0, 0, 0});
  CHECK(late.matrix[1] == std::vector<std::int64_t>{2, 9, 0, 0});
  CHECK(*late.kappa == doctest::Approx(81.0 / 101.0));
  // The two disagreeing units (4 from A's side, 5 from B's) merge into one entry.
  CHECK(late.disagreements == std::vector<Disagreement>{{ms(4000), ms(6000), "Neutral", "Positive"}});

  // w = 0 on the same records: (P,P) 4, (N,P) 2, (N,N) 4; N = 10; rows 4, 6; columns 6, 4
  // Pe = (24 + 24)/100 = 0.48; κ = (0.8 − 0.48)/0.52 = 8/13
  const AgreementResult exact = time_unit_agreement(a, b2, s, ms(10000), affect(0));
  CHECK(exact.n == 10);
  CHECK(*exact.kappa == doctest::Approx(8.0 / 13.0));
}

TEST_CASE("agreement: time-unit invariant - shifts of at most w units give kappa 1") {
  const Scheme s = scheme();
  std::mt19937 rng(20240611);
  const char* affects[] = {"Positive", "Neutral", "Negative"};
  for (int trial = 0; trial < 40; ++trial) {
    const bool frames = trial % 2 == 1;
    const std::int64_t w = 1 + trial % 3;
    TimeUnitOptions o = affect(w);
    if (frames) o.frames = FrameIndex(FrameRate{30000, 1001});
    const Micros unit = frames ? 33367 : kMicrosPerSecond;
    const Micros max_shift = frames ? w * 33366 : w * unit;  // a frame is ≥ 33366 µs long
    std::uniform_int_distribution<Micros> shift(-max_shift, max_shift);
    std::uniform_int_distribution<Micros> length((2 * w + 3) * unit, (2 * w + 12) * unit);

    // States: a chain of affect segments (every fourth left uncoded = none); B moves every
    // boundary between segments by at most w units, so no segment appears or vanishes.
    std::vector<Micros> bounds_a{0}, bounds_b{0};
    while (bounds_a.back() < 200 * unit) {
      bounds_a.push_back(bounds_a.back() + length(rng));
      bounds_b.push_back(bounds_a.back() + shift(rng));
    }
    std::vector<Event> a, b, pa, pb;
    for (std::size_t i = 0; i + 1 < bounds_a.size(); ++i) {
      if (i % 4 != 3) {
        a.push_back(state(affects[i % 3], bounds_a[i], bounds_a[i + 1]));
        b.push_back(state(affects[i % 3], bounds_b[i], bounds_b[i + 1]));
      }
      // Point codes far apart, B's onsets moved by at most w units.
      const Micros at = bounds_a[i] + unit / 2;
      pa.push_back(point(i % 2 ? "Bid" : "Look", at));
      pb.push_back(point(i % 2 ? "Bid" : "Look", std::max<Micros>(0, at + shift(rng))));
    }
    const Micros t = bounds_a.back();
    const Micros duration = t + 10 * unit;
    CAPTURE(trial);
    const AgreementResult states = time_unit_agreement(a, b, s, duration, o);
    CHECK(*states.kappa == doctest::Approx(1.0));
    TimeUnitOptions po = o;
    po.target = {};
    po.target.codes = {"Bid", "Look"};
    const AgreementResult points = time_unit_agreement(pa, pb, s, duration, po);
    CHECK(*points.kappa == doctest::Approx(1.0));
    // Without tolerance the shifted records do not agree fully.
    po.tolerance_units = 0;
    CHECK(*time_unit_agreement(pa, pb, s, duration, po).kappa < 1.0);
  }
}

TEST_CASE("agreement: time-unit identical codings, swapped coders, subjects") {
  const Scheme s = scheme();
  const std::vector<Event> a{state("Positive", ms(0), ms(2500)), state("Negative", ms(2500), ms(6000)),
                             state("Neutral", ms(7000), ms(9000))};
  const std::vector<Event> b{state("Positive", ms(0), ms(1500)), state("Neutral", ms(1500), ms(6500)),
                             state("Negative", ms(6500), std::nullopt)};  // open: runs to the end
  CHECK(*time_unit_agreement(a, a, s, ms(9000), affect()).kappa == doctest::Approx(1.0));
  for (std::int64_t w : {0, 1, 2}) {
    const AgreementResult ab = time_unit_agreement(a, b, s, ms(9000), affect(w));
    const AgreementResult ba = time_unit_agreement(b, a, s, ms(9000), affect(w));
    CHECK(ba.matrix == transposed(ab.matrix));
    CHECK(*ba.kappa == doctest::Approx(*ab.kappa));
    CHECK(ab.n == (w == 0 ? 9 : 18));
  }

  // Look is coded for both subjects; with subject = "child" the parent's Looks are ignored.
  TimeUnitOptions o;
  o.target.codes = {"Look"};
  o.target.subject = "child";
  const std::vector<Event> c{point("Look", ms(500)), point("Look", ms(1500), "parent")};
  const std::vector<Event> d{point("Look", ms(500))};
  const AgreementResult child = time_unit_agreement(c, d, s, ms(2000), o);
  CHECK(child.matrix == CountMatrix{{1, 0}, {0, 1}});
  o.target.subject.clear();
  CHECK(time_unit_agreement(c, d, s, ms(2000), o).matrix == CountMatrix{{1, 1}, {0, 0}});
}

TEST_CASE("agreement: time-unit kappa undefined and refused inputs") {
  const Scheme s = scheme();
  // Both coders code Positive throughout: one category, Pe = 1 → undefined, not 1.
  const std::vector<Event> a{state("Positive", ms(0), ms(5000))};
  const AgreementResult r = time_unit_agreement(a, a, s, ms(5000), affect());
  CHECK(*r.percent_agreement == doctest::Approx(100.0));
  CHECK_FALSE(r.kappa.has_value());
  CHECK_FALSE(r.kappa_max.has_value());
  // A zero-length session: N = 0.
  const AgreementResult empty = time_unit_agreement(a, a, s, 0, affect());
  CHECK(empty.n == 0);
  CHECK_FALSE(empty.percent_agreement.has_value());

  // A single non-exclusive state (Distress vs none) is a valid two-category comparison.
  TimeUnitOptions distress;
  distress.target.group = "distress";
  const std::vector<Event> d1{state("Distress", ms(1000), ms(3000))};
  const std::vector<Event> d2{state("Distress", ms(1000), ms(4000))};
  CHECK(time_unit_agreement(d1, d2, s, ms(5000), distress).matrix == CountMatrix{{2, 0}, {1, 2}});

  auto refused = [&](TimeUnitOptions o, Micros duration = ms(5000)) {
    CHECK_THROWS_AS(time_unit_agreement(a, a, s, duration, o), Error);
  };
  TimeUnitOptions o;
  o.target.group = "nope";
  refused(o);
  o.target.group = "activity";  // two states that may overlap: not mutually exclusive
  refused(o);
  o.target.group = "mixed";
  refused(o);
  o.target.group = "empty";
  refused(o);
  o = affect();
  o.target.codes = {"Bid"};  // a group and a code list
  refused(o);
  o = {};
  o.target.codes = {"Positive"};  // a state in the point-code list
  refused(o);
  o.target.codes = {"Bid"};
  o.target.subject = "grandparent";
  refused(o);
  o = affect(-1);
  refused(o);
  o = affect();
  o.unit = 0;
  refused(o);
  o = affect();
  o.frames = FrameIndex(FrameRate{0, 1});
  refused(o);
  refused(affect(), -1);
  o = affect();
  o.unit = 1;  // 1 µs units over 100 s: too many
  refused(o, ms(100'000));
}
