#include <doctest/doctest.h>

#include <vector>

#include "analysis/rules.h"
#include "core/error.h"
#include "summary_fixture.h"

using namespace attune;
using namespace attune::analysis;
using attune::summary_test::point;
using attune::summary_test::sec;
using attune::summary_test::state;

namespace {

const ContingencyRule& rule(const Scheme& scheme, const std::string& id) {
  for (const ContingencyRule& r : scheme.rules)
    if (r.id == id) return r;
  FAIL("no rule " << id);
  return scheme.rules.front();
}

}  // namespace

TEST_CASE("responsiveness: each response is credited to the nearest preceding bid only") {
  const Scheme scheme = summary_test::summary_scheme();
  const std::vector<Event> events = {
      point(1, "Bid", "child", 10),
      point(2, "Reflection", "parent", 12),  // 2 s after bid@10 -> answers it
      point(3, "Bid", "child", 20),
      point(4, "Bid", "child", 21),
      point(5, "Comfort", "parent", 22),  // within 3 s of both 20 and 21: credited to 21 only
      point(6, "Bid", "child", 40),
      point(7, "Question", "parent", 41, {{"mind", "none"}}),         // not a responsive code
      point(8, "Question", "parent", 43, {{"mind", "appropriate"}}),  // modifier target, at 40 + 3 (inclusive)
      point(9, "Reflection", "parent", 47),                           // 7 s after bid@40: too late
  };
  const Window w = session_window(scheme, events, sec(60));
  const ResponsivenessFigures f = responsiveness(rule(scheme, "bid_resp"), events, w, sec(3));
  CHECK(f.bids == 4);
  CHECK(f.responded == 3);                        // bids 10, 21, 40; bid 20 is left unanswered
  CHECK(*f.proportion == doctest::Approx(0.75));  // 3 / 4

  // With a 2 s window bid@40 is no longer answered by the Question at 43: 2 / 4 = 0.5.
  CHECK(*responsiveness(rule(scheme, "bid_resp"), events, w, sec(2)).proportion == doctest::Approx(0.5));
}

TEST_CASE("responsiveness: later responses stay with the nearest bid - bids count in their window") {
  const Scheme scheme = summary_test::summary_scheme();
  const std::vector<Event> events = {
      point(1, "Bid", "child", 0),          point(2, "Bid", "child", 5),
      point(3, "Reflection", "parent", 6),  // -> bid@5
      point(4, "Bid", "child", 30),         point(5, "Bid", "child", 31),
      point(6, "Reflection", "parent", 32),  // -> bid@31
      point(7, "Reflection", "parent", 33),  // within 3 s of bid@30 too, but still -> bid@31
      state(8, "FreePlay", "dyad", 0, 20),
  };
  const Window session = session_window(scheme, events, sec(60));
  const ResponsivenessFigures all = responsiveness(rule(scheme, "bid_resp"), events, session, sec(3));
  CHECK(all.bids == 4);
  CHECK(all.responded == 2);                       // bids 5 and 31; bids 0 and 30 unanswered
  CHECK(*all.proportion == doctest::Approx(0.5));  // 2 / 4
  const Window freeplay = episode_windows(scheme, events, session).at(0);
  const ResponsivenessFigures fp = responsiveness(rule(scheme, "bid_resp"), events, freeplay, sec(3));
  CHECK(fp.bids == 2);  // bids 0 and 5 lie in FreePlay [0,20)
  CHECK(fp.responded == 1);
  CHECK(*fp.proportion == doctest::Approx(0.5));  // 1 / 2
}

TEST_CASE("target modifier matches one of a multi modifier's values, not a substring") {
  ContingencyRule r;
  r.target = {"Reflection"};
  r.target_modifier = std::pair<std::string, std::string>{"comfort_type", "voice"};
  CHECK(is_target(r, point(1, "Reflection", "parent", 0)));
  CHECK(is_target(r, point(2, "Comfort", "parent", 0, {{"comfort_type", "hold,voice"}})));
  CHECK(is_target(r, point(3, "Comfort", "parent", 0, {{"comfort_type", "voice"}})));
  CHECK_FALSE(is_target(r, point(4, "Comfort", "parent", 0, {{"comfort_type", "hold,touch"}})));
  CHECK_FALSE(is_target(r, point(5, "Comfort", "parent", 0, {{"comfort_type", "voices"}})));
  CHECK_FALSE(is_target(r, point(6, "Comfort", "parent", 0)));
}

TEST_CASE("comfort latency: bouts merged across a short gap, a bout never comforted, one running at the end") {
  const Scheme scheme = summary_test::summary_scheme();
  const std::vector<Event> events = {
      state(1, "Distress", "child", 10, 14),
      state(2, "Distress", "child", 15, 20),  // gap 1 s < 3 s: one bout [10,20)
      point(3, "Comfort", "parent", 16),      // latency 16 - 10 = 6; soothing 20 - 16 = 4
      state(4, "Distress", "child", 30, 40),  // gap 10 s: a new bout
      point(5, "Comfort", "parent", 45),      // after the bout ended: bout [30,40) never comforted
      state(6, "Distress", "child", 50, std::nullopt),  // open: bout [50,70) censored at 70
      point(7, "Comfort", "parent", 62),      // latency 12 (> 10 s threshold); soothing 70 - 62 = 8
  };
  const Window w = session_window(scheme, events, sec(70));
  const ComfortLatencyFigures f = comfort_latency(rule(scheme, "comfort"), events, w, sec(3), sec(10));
  CHECK(f.bouts == 3);
  CHECK(f.comforted == 2);
  CHECK(f.comforted_within == 1);  // only the 6 s latency is <= 10
  CHECK(f.never_comforted == 1);
  CHECK(f.running_at_end == 1);
  CHECK(*f.median_latency_s == doctest::Approx(9));  // median(6, 12) = 9
  CHECK(*f.mean_latency_s == doctest::Approx(9));
  CHECK(*f.percent_within == doctest::Approx(33.3333).epsilon(1e-4));  // 1 / 3
  CHECK(*f.percent_never == doctest::Approx(33.3333).epsilon(1e-4));   // 1 / 3
  CHECK(*f.soothing_mean_s == doctest::Approx(6));                     // (4 + 8) / 2
  CHECK(*f.soothing_median_s == doctest::Approx(6));

  // A merge gap of 1 s does not merge a gap of exactly 1 s ("gaps < merge_gap"): 4 bouts,
  // and the Comfort at 16 now answers the second bout [15,20) after 1 s.
  const ComfortLatencyFigures strict = comfort_latency(rule(scheme, "comfort"), events, w, sec(1), sec(10));
  CHECK(strict.bouts == 4);
  CHECK(strict.never_comforted == 2);  // [10,14) and [30,40)
  CHECK(*strict.median_latency_s == doctest::Approx(6.5));  // median(1, 12) = 6.5

  // A latency of exactly threshold_s counts as "within": 10 <= 10.
  const std::vector<Event> edge = {state(1, "Distress", "child", 0, 30), point(2, "Comfort", "parent", 10)};
  const ComfortLatencyFigures at = comfort_latency(rule(scheme, "comfort"), edge, session_window(scheme, edge, sec(30)),
                                                   sec(3), sec(10));
  CHECK(at.comforted_within == 1);
  CHECK(*at.percent_within == doctest::Approx(100));  // 1 / 1

  // No distress at all: nothing is computable.
  const ComfortLatencyFigures none = comfort_latency(rule(scheme, "comfort"), {}, session_window(scheme, {}, sec(60)),
                                                     sec(3), sec(10));
  CHECK(none.bouts == 0);
  CHECK_FALSE(none.percent_never.has_value());
  CHECK_FALSE(none.median_latency_s.has_value());
}

TEST_CASE("affect matching: % matched of jointly coded time and repairs per minute of mismatch") {
  const Scheme scheme = summary_test::summary_scheme();
  std::vector<Event> events = {
      state(1, "ChildPos", "child", 0, 20),         state(2, "ChildNeg", "child", 20, 40),
      state(3, "ChildNeu", "child", 40, 60),        state(4, "ParentPos", "parent", 0, 10),
      state(5, "ParentNeu", "parent", 10, 30),      state(6, "ParentNeg", "parent", 30, 45),
      state(7, "ParentWithdrawn", "parent", 45, 50),  // in no pair, but coded: a mismatch
  };
  // [0,10) Pos/Pos match; [10,20) Pos/Neu and [20,30) Neg/Neu mismatch; [30,40) Neg/Neg match
  // (a repair at 30); [40,45) Neu/Neg and [45,50) Neu/Withdrawn mismatch; [50,60) no parent.
  const AffectMatchingFigures f = affect_matching(rule(scheme, "affect"), scheme, events,
                                                  session_window(scheme, events, sec(60)));
  CHECK(f.joint_s == doctest::Approx(50));     // 10 + 10 + 10 + 10 + 5 + 5
  CHECK(f.matched_s == doctest::Approx(20));   // [0,10) + [30,40)
  CHECK(f.mismatch_s == doctest::Approx(30));
  CHECK(*f.percent_matched == doctest::Approx(40));  // 20 / 50
  CHECK(f.repairs == 1);                             // the start at 0 is no repair
  CHECK(*f.repairs_per_min == doctest::Approx(2));   // 1 / (30/60 min)

  // Uncodable [28,32) splits mismatch [20,28) from match [32,40): no repair across a gap.
  events.push_back(state(8, "Uncodable", "dyad", 28, 32));
  const AffectMatchingFigures gap = affect_matching(rule(scheme, "affect"), scheme, events,
                                                    session_window(scheme, events, sec(60)));
  CHECK(gap.joint_s == doctest::Approx(46));    // 50 - 4
  CHECK(gap.matched_s == doctest::Approx(18));  // 10 + 8
  CHECK(gap.repairs == 0);
  CHECK(*gap.repairs_per_min == doctest::Approx(0));  // 0 / (28/60)

  // Nothing jointly coded: not computable.
  const std::vector<Event> child_only = {state(1, "ChildPos", "child", 0, 20)};
  const AffectMatchingFigures none = affect_matching(rule(scheme, "affect"), scheme, child_only,
                                                     session_window(scheme, child_only, sec(60)));
  CHECK(none.joint_s == 0);
  CHECK_FALSE(none.percent_matched.has_value());
  CHECK_FALSE(none.repairs_per_min.has_value());
}

TEST_CASE("affect matching refuses a code on both sides") {
  const Scheme scheme = summary_test::summary_scheme();
  ContingencyRule bad = rule(scheme, "affect");
  bad.pairs.push_back({"ChildPos", "ChildNeu"});  // child affect as a "parent" code
  CHECK_THROWS_AS(affect_matching(bad, scheme, {}, session_window(scheme, {}, sec(10))), Error);
}

TEST_CASE("joint engagement: time, % of codable time, bouts split by uncodable time") {
  const Scheme scheme = summary_test::summary_scheme();
  const std::vector<Event> events = {
      state(1, "Supported", "dyad", 0, 10),    state(2, "Coordinated", "dyad", 10, 20),
      state(3, "JointNone", "dyad", 20, 25),   state(4, "Coordinated", "dyad", 25, 35),
      state(5, "Uncodable", "dyad", 30, 32),
  };
  // Coordinated [10,20) + [25,35) minus [30,32) -> [10,20) [25,30) [32,35) = 10 + 5 + 3 = 18 s.
  const JointEngagementFigures f = joint_engagement(rule(scheme, "joint"), events,
                                                    session_window(scheme, events, sec(60)));
  CHECK(f.time_s == doctest::Approx(18));
  CHECK(f.bouts == 3);
  CHECK(*f.percent_codable == doctest::Approx(31.0345).epsilon(1e-4));  // 18 / (60 - 2)
  CHECK(*f.mean_bout_s == doctest::Approx(6));                           // 18 / 3
}

TEST_CASE("contingency: Yule's Q over 1 s time units after the antecedent") {
  const Scheme scheme = summary_test::summary_scheme();
  // 10 s -> 10 units. Bid@2 marks units 2,3,4; Bid@6.5 (unit 6) marks 6,7,8: 6 "after" units.
  // Questions in units 3, 4, 7 (a = 3) and 0 (c = 1); b = 6 - 3 = 3; d = 10 - 6 - 1 = 3.
  // Q = (3*3 - 3*1) / (3*3 + 3*1) = 6 / 12 = 0.5
  const std::vector<Event> events = {
      point(1, "Bid", "child", 2),         point(2, "Bid", "child", 6.5),
      point(3, "Question", "parent", 3.2), point(4, "Question", "parent", 4.5),
      point(5, "Question", "parent", 7.9), point(6, "Question", "parent", 7.5),  // same unit 7 as 7.9
      point(7, "Question", "parent", 0.5),
  };
  const Window w = session_window(scheme, std::span<const Event>(events), sec(10));
  const ContingencyFigures f = contingency(rule(scheme, "talk_q"), events, w, sec(3), sec(1));
  CHECK(f.a == 3);
  CHECK(f.b == 3);
  CHECK(f.c == 1);
  CHECK(f.d == 3);
  CHECK(*f.yule_q == doctest::Approx(0.5));

  // A parent asking in every unit: a = 6, b = 0, c = 4, d = 0 -> ad + bc = 0: not computable.
  std::vector<Event> constant = {point(1, "Bid", "child", 2), point(2, "Bid", "child", 6.5)};
  for (int s = 0; s < 10; ++s) constant.push_back(point(10 + s, "Question", "parent", s + 0.5));
  const ContingencyFigures all = contingency(rule(scheme, "talk_q"), constant, w, sec(3), sec(1));
  CHECK(all.a == 6);
  CHECK(all.c == 4);
  CHECK(all.b + all.d == 0);
  CHECK_FALSE(all.yule_q.has_value());

  // Uncodable [0,5) drops units 0-4: N = 5, after = units 6,7,8 = 3; a = 1 (unit 7), c = 0,
  // b = 2, d = 2 -> Q = (1*2 - 2*0) / (2 + 0) = 1.
  std::vector<Event> cut = events;
  cut.push_back(state(20, "Uncodable", "dyad", 0, 5));
  const ContingencyFigures part = contingency(rule(scheme, "talk_q"), cut, session_window(scheme, cut, sec(10)),
                                              sec(3), sec(1));
  CHECK(part.a == 1);
  CHECK(part.b == 2);
  CHECK(part.c == 0);
  CHECK(part.d == 2);
  CHECK(*part.yule_q == doctest::Approx(1));
}

TEST_CASE("evaluate_rule carries the parameters it used and honours overrides") {
  const Scheme scheme = summary_test::summary_scheme();
  const std::vector<Event> events = {point(1, "Bid", "child", 40), point(2, "Reflection", "parent", 44)};
  const Window w = session_window(scheme, events, sec(60));
  const RuleResult by_scheme = evaluate_rule(rule(scheme, "bid_resp"), scheme, events, w,
                                             SummaryParameters::resolve(scheme));
  CHECK(std::get<ResponsivenessFigures>(by_scheme.figures).responded == 0);  // 4 s > 3 s
  REQUIRE(by_scheme.parameters.size() == 1);
  CHECK(by_scheme.parameters[0].name == "bid_resp.window_s");
  CHECK(by_scheme.parameters[0].source == ParameterSource::Scheme);

  const RuleResult widened = evaluate_rule(rule(scheme, "bid_resp"), scheme, events, w,
                                           SummaryParameters::resolve(scheme, {{"bid_resp.window_s", sec(5)}}));
  CHECK(std::get<ResponsivenessFigures>(widened.figures).responded == 1);  // 4 s <= 5 s
  CHECK(widened.parameters[0].source == ParameterSource::Override);
  CHECK(widened.parameters[0].value_text() == "5");
}
