#include <doctest/doctest.h>

#include <vector>

#include "core/scheme.h"
#include "analysis/summary.h"
#include "core/error.h"
#include "summary_fixture.h"

using namespace attune;
using namespace attune::analysis;
using attune::summary_test::point;
using attune::summary_test::sec;
using attune::summary_test::state;

namespace {

const CodeStats& row(const std::vector<CodeStats>& rows, const std::string& code, const std::string& subject) {
  for (const CodeStats& r : rows)
    if (r.code == code && r.subject == subject) return r;
  FAIL("no row for " << code << " / " << subject);
  return rows.front();
}

SessionSummary run(const std::vector<Event>& events, std::optional<Micros> duration) {
  const Scheme scheme = summary_test::summary_scheme();
  return summarize(scheme, events, duration, SummaryParameters::resolve(scheme));
}

}  // namespace

TEST_CASE("interval sets: normalize, intersect, subtract, measure") {
  const TimeSet a = normalize({{5, 10}, {0, 3}, {3, 4}, {8, 12}, {20, 20}});
  CHECK(a == TimeSet{{0, 4}, {5, 12}});  // touching [0,3)+[3,4) merge; the empty [20,20) goes
  CHECK(measure(a) == 11);               // 4 + 7
  CHECK(intersect(a, {{2, 6}}) == TimeSet{{2, 4}, {5, 6}});
  CHECK(subtract(a, {{2, 6}, {11, 30}}) == TimeSet{{0, 2}, {6, 11}});
  CHECK(contains(a, 4) == false);  // half-open
  CHECK(contains(a, 5));
}

TEST_CASE("per code: counts, rates and state durations over codable time, open state censored") {
  // Recording 60 s; Uncodable [10, 20) -> codable time = 60 - 10 = 50 s.
  const std::vector<Event> events = {
      state(1, "Uncodable", "dyad", 10, 20),
      point(2, "Bid", "child", 5),
      point(3, "Bid", "child", 15),  // inside Uncodable: not counted
      point(4, "Bid", "child", 30),
      state(5, "ChildPos", "child", 0, 12),     // codable part [0,10) = 10 s
      state(6, "ChildPos", "child", 25, 31),    // 6 s
      state(7, "ChildPos", "child", 40, std::nullopt),  // open: censored at 60 -> 20 s
  };
  const SessionSummary s = run(events, sec(60));
  CHECK(s.session_end == sec(60));
  CHECK(s.end_from_duration);
  CHECK(s.open_states == 1);
  CHECK(s.session.observed_s == doctest::Approx(60));
  CHECK(s.session.codable_s == doctest::Approx(50));

  const CodeStats& bid = row(s.session.codes, "Bid", "child");
  CHECK(bid.kind == CodeKind::Point);
  CHECK(bid.count == 2);                                     // 5 and 30; 15 is uncodable
  CHECK(*bid.rate_per_min == doctest::Approx(2.4));          // 2 / (50/60 min) = 2.4
  CHECK(*bid.latency_s == doctest::Approx(5));               // first onset 5 - 0
  CHECK_FALSE(bid.total_s.has_value());                      // point code: no durations

  const CodeStats& pos = row(s.session.codes, "ChildPos", "child");
  CHECK(pos.count == 3);                                     // onsets 0, 25, 40
  CHECK(*pos.rate_per_min == doctest::Approx(3.6));          // 3 / (50/60) = 3.6
  CHECK(pos.bouts == 3);
  CHECK(pos.censored == 1);
  CHECK(*pos.total_s == doctest::Approx(36));                // 10 + 6 + 20
  CHECK(*pos.mean_s == doctest::Approx(12));                 // 36 / 3
  CHECK(*pos.median_s == doctest::Approx(10));               // sorted 6, 10, 20
  CHECK(*pos.sd_s == doctest::Approx(7.2111).epsilon(1e-4)); // ((-2)^2+(-6)^2+8^2)/2 = 52, sqrt = 7.2111
  CHECK(*pos.percent_codable == doctest::Approx(72));        // 36 / 50
  CHECK(*pos.latency_s == doctest::Approx(0));

  // Uncodable itself has no row; a code never coded has count 0 and defined zeros.
  for (const CodeStats& r : s.session.codes) CHECK(r.code != "Uncodable");
  const CodeStats& neg = row(s.session.codes, "ChildNeg", "child");
  CHECK(neg.count == 0);
  CHECK(*neg.rate_per_min == doctest::Approx(0));
  CHECK(*neg.total_s == doctest::Approx(0));
  CHECK(*neg.percent_codable == doctest::Approx(0));
  CHECK_FALSE(neg.mean_s.has_value());     // no bouts
  CHECK_FALSE(neg.latency_s.has_value());  // never started
}

TEST_CASE("a single state has no SD - a two-subject code gets a row per subject") {
  const std::vector<Event> events = {state(1, "ChildNeu", "child", 0, 30), point(2, "Look", "parent", 10)};
  const SessionSummary s = run(events, sec(60));
  const CodeStats& neu = row(s.session.codes, "ChildNeu", "child");
  CHECK(neu.bouts == 1);
  CHECK(*neu.mean_s == doctest::Approx(30));
  CHECK_FALSE(neu.sd_s.has_value());  // n = 1 < 2
  CHECK(row(s.session.codes, "Look", "parent").count == 1);
  CHECK(row(s.session.codes, "Look", "child").count == 0);
}

TEST_CASE("without a known duration the session ends at the latest event time, which still counts") {
  const std::vector<Event> events = {state(1, "ChildPos", "child", 0, 4), point(2, "Bid", "child", 2),
                                     point(3, "Bid", "child", 10)};
  const SessionSummary s = run(events, std::nullopt);
  CHECK_FALSE(s.end_from_duration);
  CHECK(s.session_end == sec(10));
  const CodeStats& bid = row(s.session.codes, "Bid", "child");
  CHECK(bid.count == 2);                             // the Bid at 10 = session end is counted
  CHECK(*bid.rate_per_min == doctest::Approx(12));   // 2 / (10/60 min) = 12
  // A recording that is known to be longer than the coding: events past it are outside.
  const SessionSummary cut = run(events, sec(8));
  CHECK(row(cut.session.codes, "Bid", "child").count == 1);  // the Bid at 10 > 8 s is dropped
}

TEST_CASE("empty session: counts 0, everything undefined is null") {
  const SessionSummary s = run({}, std::nullopt);
  CHECK(s.session_end == 0);
  CHECK(s.session.codable_s == 0);
  CHECK(s.episodes.empty());
  const CodeStats& pos = row(s.session.codes, "ChildPos", "child");
  CHECK(pos.count == 0);
  CHECK_FALSE(pos.rate_per_min.has_value());     // 0 codable minutes: not computable
  CHECK_FALSE(pos.percent_codable.has_value());
  CHECK_FALSE(pos.latency_s.has_value());
  CHECK_FALSE(pos.mean_s.has_value());
  CHECK(*pos.total_s == doctest::Approx(0));
  REQUIRE(s.session.rules.size() == 5);
  const auto& bids = std::get<ResponsivenessFigures>(s.session.rules[0].figures);
  CHECK(bids.bids == 0);
  CHECK_FALSE(bids.proportion.has_value());  // 0 bids: no proportion
  const auto& joint = std::get<JointEngagementFigures>(s.session.rules[3].figures);
  CHECK_FALSE(joint.percent_codable.has_value());

  // The same empty coding of a 60 s recording: rates are a real 0.
  const SessionSummary known = run({}, sec(60));
  CHECK(*row(known.session.codes, "Bid", "child").rate_per_min == doctest::Approx(0));
}

TEST_CASE("zero-length codable time: rates and percentages are not computable, no division by zero") {
  // Uncodable covers the whole 30 s recording.
  const std::vector<Event> events = {state(1, "Uncodable", "dyad", 0, std::nullopt), point(2, "Bid", "child", 5),
                                     state(3, "Coordinated", "dyad", 0, 10), state(4, "ChildPos", "child", 0, 10)};
  const SessionSummary s = run(events, sec(30));
  CHECK(s.session.observed_s == doctest::Approx(30));
  CHECK(s.session.codable_s == 0);
  const CodeStats& bid = row(s.session.codes, "Bid", "child");
  CHECK(bid.count == 0);  // coded in uncodable time
  CHECK_FALSE(bid.rate_per_min.has_value());
  const CodeStats& pos = row(s.session.codes, "ChildPos", "child");
  CHECK(pos.bouts == 0);
  CHECK_FALSE(pos.percent_codable.has_value());
  const auto& joint = std::get<JointEngagementFigures>(s.session.rules[3].figures);
  CHECK(joint.time_s == 0);
  CHECK_FALSE(joint.percent_codable.has_value());
  CHECK_FALSE(joint.mean_bout_s.has_value());
  CHECK(s.episodes.empty());  // an uncodable episode-group code is not an episode
}

TEST_CASE("overlapping episodes are each summarised on their own window") {
  // FreePlay [0,40) and StillFace [30,60) overlap on [30,40).
  const std::vector<Event> events = {
      state(1, "FreePlay", "dyad", 0, 40),   state(2, "StillFace", "dyad", 30, 60),
      point(3, "Bid", "child", 10),          point(4, "Bid", "child", 35),
      state(5, "ChildPos", "child", 20, 50),
  };
  const SessionSummary s = run(events, sec(60));
  REQUIRE(s.episodes.size() == 2);
  const WindowSummary& fp = s.episodes[0];
  const WindowSummary& sf = s.episodes[1];
  CHECK(fp.window.episode_code == "FreePlay");
  CHECK(fp.window.episode_id == 1);
  CHECK(sf.window.episode_code == "StillFace");
  CHECK(fp.codable_s == doctest::Approx(40));
  CHECK(sf.codable_s == doctest::Approx(30));

  CHECK(row(fp.codes, "Bid", "child").count == 2);                      // 10 and 35
  CHECK(*row(fp.codes, "Bid", "child").latency_s == doctest::Approx(10)); // 10 - 0
  CHECK(row(sf.codes, "Bid", "child").count == 1);                      // 35 only
  CHECK(*row(sf.codes, "Bid", "child").latency_s == doctest::Approx(5));  // 35 - 30
  CHECK(*row(sf.codes, "Bid", "child").rate_per_min == doctest::Approx(2));  // 1 / (30/60)

  // ChildPos [20,50) clipped: FreePlay [20,40) = 20 s of 40; StillFace [30,50) = 20 s of 30.
  CHECK(*row(fp.codes, "ChildPos", "child").percent_codable == doctest::Approx(50));
  CHECK(*row(sf.codes, "ChildPos", "child").percent_codable == doctest::Approx(66.6667).epsilon(1e-4));
  CHECK(row(sf.codes, "ChildPos", "child").count == 0);  // its onset at 20 lies before StillFace
  CHECK(row(sf.codes, "ChildPos", "child").bouts == 1);  // but its time inside counts
}

TEST_CASE("an episode window excludes uncodable time inside it") {
  const std::vector<Event> events = {state(1, "FreePlay", "dyad", 0, 30), state(2, "Uncodable", "dyad", 20, 40),
                                     point(3, "Bid", "child", 25)};
  const SessionSummary s = run(events, sec(60));
  REQUIRE(s.episodes.size() == 1);
  CHECK(s.episodes[0].observed_s == doctest::Approx(30));
  CHECK(s.episodes[0].codable_s == doctest::Approx(20));  // [0,30) minus [20,40)
  CHECK(row(s.episodes[0].codes, "Bid", "child").count == 0);
  CHECK(s.session.codable_s == doctest::Approx(40));      // 60 - 20
}

TEST_CASE("an event with a code the scheme does not have is refused") {
  const Scheme scheme = summary_test::summary_scheme();
  const std::vector<Event> events = {point(1, "Mystery", "child", 1)};
  try {
    (void)summarize(scheme, events, sec(10), SummaryParameters::resolve(scheme));
    FAIL("expected an error");
  } catch (const Error& e) {
    CHECK(e.kind() == ErrorKind::InvalidInput);
    CHECK(std::string(e.what()).find("Mystery") != std::string::npos);
  }
}

TEST_CASE("global ratings are checked against the scheme's scale") {
  const Scheme scheme = summary_test::summary_scheme();
  CHECK_NOTHROW(check_rating(scheme, "sensitivity", 1));
  CHECK_NOTHROW(check_rating(scheme, "sensitivity", 9));
  for (int bad : {0, 10}) {
    try {
      check_rating(scheme, "sensitivity", bad);
      FAIL("expected an error for " << bad);
    } catch (const Error& e) {
      CHECK(e.kind() == ErrorKind::InvalidInput);
      CHECK(std::string(e.what()).find("from 1 to 9") != std::string::npos);
    }
  }
  CHECK_THROWS_AS(check_rating(scheme, "warmth", 3), Error);
}
