// Events CSV: one row per event with the documented columns, values as stored.
#include <doctest/doctest.h>

#include "core/version.h"
#include "export/events_csv.h"
#include "export_fixture.h"

using namespace attune;
using namespace attune::exports;
using namespace attune::export_test;

namespace {
std::string write_events(const ExportOptions& options, const std::vector<ExportSession>& sessions) {
  std::string out;
  auto writer = make_events_csv_writer(options, [&](std::string_view b) { out += b; });
  std::vector<std::shared_ptr<const Scheme>> schemes;
  for (const auto& s : sessions) schemes.push_back(s.scheme);
  writer->begin(schemes);
  for (const auto& s : sessions) writer->add(s);
  writer->finish();
  return out;
}
}  // namespace

TEST_CASE("events csv: header and rows, in order of onset, values exactly as stored") {
  ExportOptions options;
  options.what = What::Events;
  const std::string text = write_events(options, {tiny_session(false)});
  const std::string version = attune::version();
  CHECK(text.rfind("session,dyad,episode,subject,group,code,kind,start_s,end_s,duration_s,open,frame,channel,intensity,"
                   "event_id,comment,coder,scheme,scheme_version,attune_version\r\n"
                   "7,D-7,play,dyad,episode,play,state,0,30,30,0,0,,,1,,ann,tiny-export,2," + version + "\r\n"
                   "7,D-7,play,child,affect,pos,state,0,10,10,0,0,,,3,,ann,tiny-export,2," + version + "\r\n",
                   0) == 0);

  const CsvTable table = read_csv(text);
  REQUIRE_MESSAGE(table.ok, table.problem);
  REQUIRE(table.rows.size() == 1 + 11);
  const auto& h = table.rows[0];
  auto cell = [&](std::size_t row, const char* name) { return table.rows[row][static_cast<std::size_t>(column(h, name))]; };
  // Row 3: the bid at 5 s (frame 5 * 25 = 125) with the tricky comment, read back intact.
  CHECK(cell(3, "code") == "bid");
  CHECK(cell(3, "kind") == "point");
  CHECK(cell(3, "start_s") == "5");
  CHECK(cell(3, "end_s") == "5");
  CHECK(cell(3, "duration_s") == "0");
  CHECK(cell(3, "frame") == "125");
  CHECK(cell(3, "channel") == "vocal");
  CHECK(cell(3, "comment") == kTrickyComment);
  CHECK(cell(3, "episode") == "play");
  // The negative state with its number modifier.
  CHECK(cell(5, "code") == "neg");
  CHECK(cell(5, "intensity") == "2");
  CHECK(cell(5, "duration_s") == "10");
  // The bid at 35 s lies in the still-face episode; its comment "=1+1" is untouched here.
  CHECK(cell(9, "code") == "bid");
  CHECK(cell(9, "episode") == "still");
  CHECK(cell(9, "comment") == kFormulaComment);
  // The positive state still running: no end, no duration, open = 1.
  CHECK(cell(10, "code") == "pos");
  CHECK(cell(10, "end_s") == "");
  CHECK(cell(10, "duration_s") == "");
  CHECK(cell(10, "open") == "1");
  // Codes allowed for two subjects keep the subject per row.
  CHECK(cell(6, "code") == "look");
  CHECK(cell(6, "subject") == "parent");
  CHECK(cell(7, "subject") == "child");
}

TEST_CASE("events csv: exact times survive (microseconds, no float rounding)") {
  ExportSession s = tiny_session(false);
  s.events[2].start = 12'345'678;  // 12.345678 s
  s.events[2].end = 20'000'001;
  ExportOptions options;
  options.what = What::Events;
  const CsvTable table = read_csv(write_events(options, {s}));
  REQUIRE(table.ok);
  const auto& h = table.rows[0];
  bool found = false;
  for (const auto& row : table.rows)
    if (row[static_cast<std::size_t>(column(h, "start_s"))] == "12.345678") {
      found = true;
      CHECK(row[static_cast<std::size_t>(column(h, "end_s"))] == "20.000001");
      CHECK(row[static_cast<std::size_t>(column(h, "duration_s"))] == "7.654323");
    }
  CHECK(found);
}

TEST_CASE("events csv: a comment starting with '=' is neutralised in the spreadsheet profile only") {
  ExportOptions options;
  options.what = What::Events;
  const std::string analysis = write_events(options, {tiny_session(false)});
  options.profile = CsvProfile::Spreadsheet;
  const std::string spreadsheet = write_events(options, {tiny_session(false)});

  CHECK(analysis.rfind("session,", 0) == 0);          // no BOM
  CHECK(spreadsheet.rfind("\xEF\xBB\xBFsession,", 0) == 0);  // BOM first
  const CsvTable a = read_csv(analysis);
  const CsvTable s = read_csv(std::string_view(spreadsheet).substr(3));
  REQUIRE(a.ok);
  REQUIRE(s.ok);
  const auto comment = static_cast<std::size_t>(column(a.rows[0], "comment"));
  CHECK(a.rows[9][comment] == "=1+1");
  CHECK(s.rows[9][comment] == "'=1+1");
  // Other cells, numbers included, are the same in both profiles.
  CHECK(s.rows[9][static_cast<std::size_t>(column(a.rows[0], "start_s"))] == "35");
  CHECK(a.rows[3] == s.rows[3]);
}

TEST_CASE("events csv: several sessions with different schemes share one header naming every modifier") {
  ExportSession first = tiny_session(false);
  auto other_scheme = std::make_shared<Scheme>(*tiny_scheme());
  other_scheme->name = "other";
  other_scheme->modifiers.push_back({"mood", "Mood", ModifierKind::Single, {"calm", "upset"}, {}, {}});
  other_scheme->codes[5].modifiers.push_back("mood");
  std::vector<Event> events = tiny_events();
  events[5].modifiers["mood"] = "calm";
  SessionInfo info = tiny_info();
  info.id = 8;
  info.scheme_name = "other";
  ExportSession second = make_export_session(info, tiny_recording(), other_scheme, events, {}, false);
  ExportOptions options;
  options.what = What::Events;
  const CsvTable table = read_csv(write_events(options, {first, second}));
  REQUIRE(table.ok);
  REQUIRE(table.rows.size() == 1 + 22);
  const int mood = column(table.rows[0], "mood");
  REQUIRE(mood >= 0);
  CHECK(table.rows[3][static_cast<std::size_t>(mood)] == "");
  CHECK(table.rows[14][static_cast<std::size_t>(mood)] == "calm");
  CHECK(table.rows[14][static_cast<std::size_t>(column(table.rows[0], "scheme"))] == "other");
}

TEST_CASE("events csv and json: on a variable-rate video with its index the frame is the file's frame at the time") {
  ExportOptions options;
  options.what = What::Events;
  ExportSession s = tiny_session(false);
  // Row 3's bid at 5 s stored frame 125 (25 fps). The file: 30 fps for 4 s, then 15 fps.
  auto frame_column = [&](const ExportSession& session) {
    const CsvTable table = read_csv(write_events(options, {session}));
    REQUIRE_MESSAGE(table.ok, table.problem);
    return table.rows[3][static_cast<std::size_t>(column(table.rows[0], "frame"))];
  };
  CHECK(frame_column(s) == "125");  // no index: the stored frame
  std::vector<Micros> times;
  for (int k = 0; k < 120; ++k) times.push_back(round_micros(k, 1, 30));
  for (int k = 0; k < 60; ++k) times.push_back(4'000'000 + round_micros(k, 1, 15));
  s.frames = FrameIndex::from_times(times);
  REQUIRE(s.frames.variable());
  CHECK(frame_column(s) == "135");  // 120 + 1 s at 15 fps
  s.frames = FrameIndex(FrameRate{30, 1});  // a constant rate: the stored frame stays
  CHECK(frame_column(s) == "125");
}
