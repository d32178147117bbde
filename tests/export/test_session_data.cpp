// The export view of a session: episode labels, which episode an event falls in, and
// parameter overrides across schemes.
#include <doctest/doctest.h>

#include "core/error.h"
#include "export/session_data.h"
#include "export/writer.h"
#include "export_fixture.h"

using namespace attune;
using namespace attune::exports;
using namespace attune::export_test;

TEST_CASE("session data: episodes are labelled by code, numbered when a code repeats") {
  std::vector<Event> events = tiny_events();
  Event again = events[0];  // a second free-play episode 55-60
  again.id = 99;
  again.start = sec(55);
  again.end = sec(60);
  events.push_back(again);
  const ExportSession s = make_export_session(tiny_info(), tiny_recording(), tiny_scheme(), events, {}, true);
  REQUIRE(s.episodes.size() == 3);
  CHECK(s.episodes[0].label == "play#1");
  CHECK(s.episodes[1].label == "still");
  CHECK(s.episodes[2].label == "play#2");
  CHECK(s.episode_at(sec(0)) == "play#1");
  CHECK(s.episode_at(sec(29.999999)) == "play#1");
  CHECK(s.episode_at(sec(30)) == "still");  // [start, end): the boundary belongs to the next
  CHECK(s.episode_at(sec(57)) == "play#2");  // overlapping episodes: the latest-starting one
  REQUIRE(s.summary);
  REQUIRE(s.summary->episodes.size() == 3);
  CHECK(s.episode_label(s.summary->episodes[2].window) == "play#2");
  CHECK(s.episode_label(s.summary->session.window) == "");
}

TEST_CASE("session data: no episodes, no events") {
  const ExportSession s = make_export_session(tiny_info(), tiny_recording(), tiny_scheme(), {}, {}, true);
  CHECK(s.episodes.empty());
  CHECK(s.episode_at(0) == "");
  REQUIRE(s.summary);
  CHECK(s.summary->session.codable_s == 60);
}

TEST_CASE("session data: overrides apply to the schemes that have the setting and no other") {
  auto tiny = tiny_scheme();
  auto plain = std::make_shared<Scheme>(*tiny);
  plain->rules.clear();
  const Overrides overrides = {{"bid_resp.window_s", sec(5)}};
  CHECK(resolve_parameters(*tiny, overrides).value("bid_resp.window_s") == sec(5));
  CHECK(resolve_parameters(*plain, overrides).used().empty());
  const Scheme* both[] = {tiny.get(), plain.get()};
  CHECK(unknown_overrides(both, overrides).empty());
  const Overrides typo = {{"bid_resp.windw_s", sec(5)}};
  CHECK(unknown_overrides(both, typo) == std::vector<std::string>{"bid_resp.windw_s"});
}

TEST_CASE("session data: an event whose code is not in the scheme is refused with a clear error") {
  std::vector<Event> events = tiny_events();
  events[3].code = "gone";
  CHECK_THROWS_WITH_AS(make_export_session(tiny_info(), tiny_recording(), tiny_scheme(), events, {}, true),
                       doctest::Contains("gone"), Error);
}

TEST_CASE("session data: code names for people say the group when two codes share a name") {
  auto scheme = std::make_shared<Scheme>(*tiny_scheme());
  scheme->codes[6].name = "Bid";  // reflect (parent) now shares the name "Bid" with bid (child)
  CHECK(code_display_name(*scheme, "bid", "child") == "Bid");  // different subjects: no ambiguity
  scheme->codes[6].subjects = {"child"};
  CHECK(code_display_name(*scheme, "bid", "child") == "Bid (Signals)");
  CHECK(code_display_name(*scheme, "reflect", "child") == "Bid (Parent talk)");
}

TEST_CASE("export options: each content comes in its formats and the rest is refused in one sentence") {
  auto check = [](What what, Format format, bool layout = false, bool profile = false) {
    ExportOptions o;
    o.what = what;
    o.format = format;
    o.layout_given = layout;
    o.profile_given = profile;
    check_options(o);
  };
  CHECK_NOTHROW(check(What::Events, Format::Csv, false, true));
  CHECK_NOTHROW(check(What::Events, Format::Json));
  CHECK_NOTHROW(check(What::Events, Format::Sdis));
  CHECK_NOTHROW(check(What::Summary, Format::Csv, true, true));
  CHECK_NOTHROW(check(What::Summary, Format::Json));
  CHECK_NOTHROW(check(What::Report, Format::Html));
  CHECK_NOTHROW(check(What::Report, Format::Json));
  CHECK_THROWS_WITH_AS(check(What::Report, Format::Sdis), doctest::Contains("html"), Error);
  CHECK_THROWS_WITH_AS(check(What::Summary, Format::Sdis), doctest::Contains("--what events --format sdis"), Error);
  CHECK_THROWS_AS(check(What::Events, Format::Html), Error);
  CHECK_THROWS_AS(check(What::Report, Format::Csv), Error);
  CHECK_THROWS_WITH_AS(check(What::Events, Format::Csv, true), doctest::Contains("--layout"), Error);
  CHECK_THROWS_WITH_AS(check(What::Summary, Format::Json, false, true), doctest::Contains("--profile"), Error);
  try {
    check(What::Report, Format::Sdis);
  } catch (const Error& e) {
    CHECK(e.kind() == ErrorKind::InvalidInput);
    CHECK(std::string(e.what()).find('\n') == std::string::npos);
  }
}
