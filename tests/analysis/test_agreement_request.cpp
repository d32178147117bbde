// The one place agreement requests get their defaults (analysis/agreement_request.h): the
// range, the groups compared without a group, the tolerances.
#include <doctest/doctest.h>

#include <vector>

#include "agreement_fixture.h"
#include "analysis/agreement_request.h"
#include "core/error.h"

using namespace attune;
using namespace attune::agreement_test;

namespace {

Scheme with_episodes() {
  Scheme s = scheme();
  s.groups.insert(s.groups.begin(), CodeGroup{"episode", "Episode", true, false, "episode"});
  Code play;
  play.id = "FreePlay";
  play.name = "Free play";
  play.group = "episode";
  play.kind = CodeKind::State;
  play.subjects = {"child"};
  s.codes.insert(s.codes.begin(), play);
  return s;
}

std::vector<std::string> labels(const ResolvedAgreement& r) {
  std::vector<std::string> out;
  for (const ResolvedTarget& t : r.targets) out.push_back(t.label);
  return out;
}

}  // namespace

TEST_CASE("agreement request: without a group, every comparable group in scheme order, never the episodes") {
  const Scheme s = with_episodes();
  const std::vector<Event> a{state("FreePlay", 0, ms(10'000)), state("Positive", 0, ms(4000)), point("Bid", ms(1000)),
                             state("Play", 0, ms(2000)), state("Distress", ms(5000), ms(6000))};
  const std::vector<Event> b{state("FreePlay", 0, ms(10'000)), state("Negative", 0, ms(3000)),
                             state("Positive", ms(3000), ms(5000)), point("Bid", ms(1500)), state("Play", 0, ms(2000))};
  const AgreementRecording recording{ms(10'000), {}};
  // Time-unit: affect (a code both use), signals (Bid); not the episode group, not distress
  // (only A), not activity (states, not exclusive: time-unit cannot compare it).
  const ResolvedAgreement time_unit = resolve(AgreementRequest{}, s, a, b, recording);
  CHECK(labels(time_unit) == std::vector<std::string>{"affect", "signals"});
  CHECK(time_unit.duration == ms(10'000));
  CHECK(time_unit.tolerance == 0);
  CHECK(time_unit.targets_source == "every group with a code both codings use");
  // Event-based compares any group: activity too; the tolerance defaults to 2 s.
  AgreementRequest event;
  event.method = AgreementMethod::EventBased;
  const ResolvedAgreement events = resolve(event, s, a, b, recording);
  CHECK(labels(events) == std::vector<std::string>{"affect", "signals", "activity"});
  CHECK(events.event.tolerance == 2 * kMicrosPerSecond);
  // run_agreement: one result per group, each what the function gives on its own.
  const std::vector<AgreementResult> results = run_agreement(time_unit, a, b, s);
  REQUIRE(results.size() == 2);
  TimeUnitOptions options;
  options.target.group = "signals";
  CHECK(results[1].matrix == time_unit_agreement(a, b, s, ms(10'000), options).matrix);
  // A subject narrows what counts as used by both.
  AgreementRequest parent;
  parent.subject = "parent";
  CHECK_THROWS_WITH_AS(resolve(parent, s, a, b, recording),
                       doctest::Contains("no code group has a code both codings use for this subject"), Error);
  // Asked for by name, any group; "points" the point codes.
  AgreementRequest named;
  named.group = "episode";
  CHECK(labels(resolve(named, s, a, b, recording)) == std::vector<std::string>{"episode"});
  named.group = kPointCodes;
  named.codes = {"Bid"};
  const ResolvedAgreement points = resolve(named, s, a, b, recording);
  CHECK(points.targets.front().target.group.empty());
  CHECK(points.targets.front().target.codes == std::vector<std::string>{"Bid"});
}

TEST_CASE("agreement request: the range is the recording's duration, unknown or 0 is refused") {
  const Scheme s = scheme();
  const std::vector<Event> a{state("Positive", 0, ms(4000))}, b{state("Positive", 0, ms(5000))};
  CHECK_THROWS_WITH_AS(resolve(AgreementRequest{}, s, a, b, AgreementRecording{}),
                       doctest::Contains("the recording's duration is unknown"), Error);
  CHECK_THROWS_WITH_AS(resolve(AgreementRequest{}, s, a, b, AgreementRecording{0, {}}),
                       doctest::Contains("the recording's duration is 0"), Error);
  CHECK(resolve(AgreementRequest{}, s, a, b, AgreementRecording{ms(7000), {}}).duration == ms(7000));
}

TEST_CASE("agreement request: tolerances in seconds or units, overlap only for events") {
  const Scheme s = scheme();
  const std::vector<Event> a{state("Positive", 0, ms(4000))}, b{state("Positive", 0, ms(5000))};
  const AgreementRecording recording{ms(10'000), FrameIndex(FrameRate{25, 1})};
  AgreementRequest r;
  r.group = "affect";
  r.unit = ms(500);
  r.tolerance = ms(1500);
  CHECK(resolve(r, s, a, b, recording).time_unit.tolerance_units == 3);
  r.tolerance = ms(1200);
  CHECK_THROWS_WITH_AS(resolve(r, s, a, b, recording), doctest::Contains("not a whole number of 0.5 s units"), Error);
  r.tolerance.reset();
  r.tolerance_units = 2;
  CHECK(resolve(r, s, a, b, recording).tolerance == ms(1000));
  // Frames: whole frames of the video, the tolerance in µs from the units at its rate.
  r.frame_units = true;
  const ResolvedAgreement frames = resolve(r, s, a, b, recording);
  REQUIRE(frames.time_unit.frames);
  CHECK(frames.tolerance == ms(80));
  r.tolerance_units.reset();
  r.tolerance = ms(100);  // 2.5 frames: 2 whole frames
  CHECK(resolve(r, s, a, b, recording).time_unit.tolerance_units == 2);
  CHECK_THROWS_WITH_AS(resolve(r, s, a, b, AgreementRecording{ms(10'000), {}}),
                       doctest::Contains("one-frame units need the recording's frame rate"), Error);
  r.min_overlap_percent = 50;
  CHECK_THROWS_WITH_AS(resolve(r, s, a, b, recording), doctest::Contains("event-based agreement only"), Error);
  AgreementRequest e;
  e.method = AgreementMethod::EventBased;
  e.group = "affect";
  e.min_overlap_percent = 150;
  CHECK_THROWS_WITH_AS(resolve(e, s, a, b, recording), doctest::Contains("0 to 100 %"), Error);
  e.min_overlap_percent = 50;
  CHECK(resolve(e, s, a, b, recording).event.min_overlap_percent == 50);
}
