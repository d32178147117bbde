// De-identification: markers planted in every identifying field never reach a
// de-identified export, in any format or profile.
#include <doctest/doctest.h>

#include "export/deidentify.h"
#include "export/writer.h"
#include "export_fixture.h"

using namespace attune;
using namespace attune::exports;
using namespace attune::export_test;

namespace {

// Every identifying field of a session, each carrying a marker.
ExportSession marked_session(SessionId id, const std::string& tag) {
  SessionInfo info = tiny_info();
  info.id = id;
  info.coder = "Coder Jane MARKCODER" + tag;
  info.created_utc = "2019-07-14T09:08:07.123456Z";
  info.modified_utc = "2019-08-15T10:11:12.654321Z";
  Recording r = tiny_recording();
  r.dyad = "Smith family MARKDYAD" + tag;
  r.session_type = "home visit at the Smiths' MARKTYPE" + tag;
  r.video_path = "/home/clinic/MARKPATH" + tag + "/smith_2019-07-14.mp4";
  r.video_hash = "sha256:MARKHASH" + tag;
  r.video_size = 123456789;
  std::vector<Event> events = tiny_events();
  for (Event& e : events) e.comment = "mother said MARKCOMMENT" + tag + " about grandma";
  events[5].modifiers["channel"] = "free text MARKMOD" + tag;  // the bid at 5 s: not a value of the scheme
  return make_export_session(info, r, tiny_scheme(), events, {}, true);
}

const char* const kMarkers[] = {"MARK", "Smith", "Jane", "grandma", "2019-07-14", "2019-08-15", "09:08:07",
                                "10:11:12", "/home/clinic", ".mp4", "123456789", "2024-01-02", "03:04:05"};

std::string export_all(ExportOptions options, const std::vector<ExportSession>& sessions) {
  std::string out;
  auto writer = make_writer(options, [&](std::string_view b) { out += b; });
  writer->begin({sessions.front().scheme});
  for (const auto& s : sessions) writer->add(s);
  writer->finish();
  return out;
}

struct Combo {
  What what;
  Format format;
  Layout layout;
  CsvProfile profile;
};
const Combo kCombos[] = {
    {What::Events, Format::Csv, Layout::Long, CsvProfile::Analysis},
    {What::Events, Format::Csv, Layout::Long, CsvProfile::Spreadsheet},
    {What::Events, Format::Json, Layout::Long, CsvProfile::Analysis},
    {What::Events, Format::Sdis, Layout::Long, CsvProfile::Analysis},
    {What::Summary, Format::Csv, Layout::Long, CsvProfile::Analysis},
    {What::Summary, Format::Csv, Layout::Wide, CsvProfile::Spreadsheet},
    {What::Summary, Format::Json, Layout::Long, CsvProfile::Analysis},
    {What::Report, Format::Html, Layout::Long, CsvProfile::Analysis},
    {What::Report, Format::Json, Layout::Long, CsvProfile::Analysis},
};

}  // namespace

TEST_CASE("deidentify: no planted marker reaches any de-identified export") {
  std::vector<ExportSession> sessions = {marked_session(7, "A"), marked_session(8, "B")};
  const Pseudonyms pseudonyms = make_pseudonyms({{sessions[0].recording.dyad, sessions[0].info.coder},
                                                 {sessions[1].recording.dyad, sessions[1].info.coder}});
  for (ExportSession& s : sessions) deidentify(s, pseudonyms);
  for (const Combo& c : kCombos) {
    ExportOptions options;
    options.what = c.what;
    options.format = c.format;
    options.layout = c.layout;
    options.profile = c.profile;
    options.deidentify = true;
    options.generated_utc = "2024-01-02T03:04:05Z";  // the export's own date stays out too
    const std::string out = export_all(options, sessions);
    INFO(to_string(c.what), " ", to_string(c.format), " ", to_string(c.layout), " ", to_string(c.profile));
    REQUIRE(out.size() > 200);
    for (const char* marker : kMarkers) CHECK_MESSAGE(out.find(marker) == std::string::npos, std::string(marker));
    CHECK(out.find("dyad-1") != std::string::npos);
    CHECK(out.find("dyad-2") != std::string::npos);
    CHECK(out.find("coder-") != std::string::npos);
  }
}

TEST_CASE("deidentify: the same exports without --deidentify do carry the markers (the test plants them right)") {
  const std::vector<ExportSession> sessions = {marked_session(7, "A")};
  ExportOptions options;
  options.what = What::Report;
  options.format = Format::Json;
  const std::string out = export_all(options, sessions);
  for (const char* marker : {"MARKDYADA", "MARKCODERA", "MARKTYPEA", "MARKPATHA", "MARKCOMMENTA", "MARKMODA",
                             "2019-07-14", "MARKHASHA"})
    CHECK_MESSAGE(out.find(marker) != std::string::npos, std::string(marker));
}

TEST_CASE("deidentify: what stays and what goes") {
  ExportSession s = marked_session(7, "A");
  const Pseudonyms p = make_pseudonyms({{s.recording.dyad, s.info.coder}});
  deidentify(s, p);
  CHECK(s.deidentified);
  CHECK(s.recording.dyad == "dyad-1");
  CHECK(s.info.coder == "coder-1");
  CHECK(s.info.created_utc == "2019");
  CHECK(s.recording.session_type == "withheld");
  CHECK(s.recording.video_path.empty());
  CHECK(s.recording.video_hash.empty());
  CHECK_FALSE(s.recording.video_size);
  CHECK(s.recording.child_age_months == 11);  // age in months is what the analyses need
  CHECK(s.recording.duration == sec(60));
  for (const Event& e : s.events) CHECK(e.comment.empty());
  REQUIRE(s.events[2].code == "bid");
  CHECK(s.events[2].modifiers.count("channel") == 0);       // free text dropped
  CHECK(s.events[4].modifiers.at("intensity") == "2");      // a number in range stays
  CHECK(s.events[8].modifiers.at("channel") == "gesture");  // a listed value stays
  // Codes, times and figures are untouched.
  CHECK(s.events.size() == 11);
  REQUIRE(s.summary);
  CHECK(s.summary->session.codable_s == 55);
}

TEST_CASE("deidentify: pseudonyms follow the database's order, so they are stable between exports") {
  const Pseudonyms p = make_pseudonyms({{"D-3", "ann"}, {"D-1", "bo"}, {"D-3", "bo"}, {"D-2", "ann"}});
  CHECK(p.dyads.at("D-3") == "dyad-1");
  CHECK(p.dyads.at("D-1") == "dyad-2");
  CHECK(p.dyads.at("D-2") == "dyad-3");
  CHECK(p.coders.at("ann") == "coder-1");
  CHECK(p.coders.at("bo") == "coder-2");
}

TEST_CASE("deidentify: dates become years, session types stay only when they are a known kind") {
  CHECK(year_of("2024-05-06T07:08:09Z") == "2024");
  CHECK(year_of("2024") == "2024");
  CHECK(year_of("yesterday") == "");
  CHECK(year_of("20245-01-01") == "");
  const auto scheme = tiny_scheme();
  CHECK(safe_session_type("still-face", *scheme) == "still-face");
  CHECK(safe_session_type("Free Play", *scheme) == "Free Play");
  CHECK(safe_session_type("Still face", *scheme) == "Still face");  // an episode code's name
  CHECK(safe_session_type("feeding", *scheme) == "feeding");
  CHECK(safe_session_type("visit to Mrs Smith", *scheme) == "withheld");
  CHECK(safe_session_type("", *scheme) == "");
}

TEST_CASE("deidentify: a number modifier stays only as a plain decimal, spelled canonically") {
  for (const char* loose : {"0x2", "+2", "02", "1e0", " 2", "0x1p1"}) {
    ExportSession s = marked_session(7, "A");
    REQUIRE(s.events[4].modifiers.at("intensity") == "2");
    s.events[4].modifiers["intensity"] = loose;  // stored by an older version, or by hand
    deidentify(s, make_pseudonyms({{s.recording.dyad, s.info.coder}}));
    CHECK_MESSAGE(s.events[4].modifiers.count("intensity") == 0, loose);
  }
}

TEST_CASE("deidentify: a plain decimal stored in another spelling is exported canonically") {
  ExportSession s = marked_session(7, "A");
  s.events[4].modifiers["intensity"] = "2.50";
  deidentify(s, make_pseudonyms({{s.recording.dyad, s.info.coder}}));
  CHECK(s.events[4].modifiers.at("intensity") == "2.5");
}
