// Summary CSV, long and wide: the hand-computed figures of the fixture arrive intact, with
// the parameters they were computed with.
#include <doctest/doctest.h>

#include <cmath>
#include <map>

#include "core/version.h"
#include "export/summary_csv.h"
#include "export_fixture.h"

using namespace attune;
using namespace attune::exports;
using namespace attune::export_test;

namespace {
std::string write_summary(const ExportOptions& options, const std::vector<ExportSession>& sessions) {
  std::string out;
  auto writer = options.layout == Layout::Wide ? make_summary_wide_writer(options, [&](std::string_view b) { out += b; })
                                               : make_summary_long_writer(options, [&](std::string_view b) { out += b; });
  std::vector<std::shared_ptr<const Scheme>> schemes;
  for (const auto& s : sessions) schemes.push_back(s.scheme);
  writer->begin(schemes);
  for (const auto& s : sessions) writer->add(s);
  writer->finish();
  return out;
}

// (episode, subject, kind, item, metric) -> value text, from a long CSV.
std::map<std::string, std::string> long_values(const CsvTable& t) {
  std::map<std::string, std::string> values;
  const auto& h = t.rows[0];
  auto at = [&](const std::vector<std::string>& row, const char* name) { return row[static_cast<std::size_t>(column(h, name))]; };
  for (std::size_t r = 1; r < t.rows.size(); ++r) {
    const auto& row = t.rows[r];
    values[at(row, "session") + "|" + at(row, "episode") + "|" + at(row, "subject") + "|" + at(row, "kind") + "|" +
           at(row, "item") + "|" + at(row, "metric")] = at(row, "value");
  }
  return values;
}

double num(const std::string& text) {
  REQUIRE_FALSE(text.empty());
  return std::stod(text);
}
}  // namespace

TEST_CASE("summary csv long: figures, parameters and metadata of the hand-computed session") {
  ExportOptions options;
  const std::string text = write_summary(options, {tiny_session()});
  const CsvTable table = read_csv(text);
  REQUIRE_MESSAGE(table.ok, table.problem);
  CHECK(table.rows[0] == std::vector<std::string>{"session", "dyad", "coder", "scheme", "scheme_version", "attune_version",
                                                  "episode", "subject", "kind", "item", "metric", "value"});
  for (std::size_t r = 1; r < table.rows.size(); ++r) {
    CHECK(table.rows[r][0] == "7");
    CHECK(table.rows[r][3] == "tiny-export");
    CHECK(table.rows[r][4] == "2");
    CHECK(table.rows[r][5] == attune::version());
  }
  auto v = long_values(table);
  // The session window.
  CHECK(num(v["7|||session||observed_s"]) == 60);
  CHECK(num(v["7|||session||codable_s"]) == 55);
  CHECK(num(v["7|||session||events"]) == 11);
  CHECK(num(v["7|||session||open_states"]) == 1);
  CHECK(num(v["7|||session||child_age_months"]) == 11);
  // Every parameter, named by rule and setting.
  CHECK(num(v["7|||parameter|bid_resp|window_s"]) == 2);
  // pos (child): see export_fixture.h for the arithmetic.
  CHECK(num(v["7||child|code|pos|count"]) == 2);
  CHECK(num(v["7||child|code|pos|rate_per_min"]) == doctest::Approx(2.0 / (55.0 / 60.0)));
  CHECK(num(v["7||child|code|pos|total_s"]) == 25);
  CHECK(num(v["7||child|code|pos|mean_s"]) == 12.5);
  CHECK(num(v["7||child|code|pos|median_s"]) == 12.5);
  CHECK(num(v["7||child|code|pos|sd_s"]) == doctest::Approx(std::sqrt(12.5)));
  CHECK(num(v["7||child|code|pos|percent"]) == doctest::Approx(100.0 * 25.0 / 55.0));
  CHECK(num(v["7||child|code|pos|latency_s"]) == 0);
  CHECK(num(v["7||child|code|pos|censored"]) == 1);
  // A point code has no durations; a code that never occurs has no latency.
  CHECK(num(v["7||child|code|bid|count"]) == 2);
  CHECK(num(v["7||child|code|bid|latency_s"]) == 5);
  CHECK(v.count("7||child|code|bid|total_s") == 0);
  CHECK(num(v["7||parent|code|reflect|count"]) == 1);
  // Both subjects of a shared code get their own rows.
  CHECK(num(v["7||parent|code|look|count"]) == 1);
  CHECK(num(v["7||child|code|look|count"]) == 1);
  // Rules.
  CHECK(num(v["7|||rule|bid_resp|bids"]) == 2);
  CHECK(num(v["7|||rule|bid_resp|responded"]) == 1);
  CHECK(num(v["7|||rule|bid_resp|proportion"]) == 0.5);
  // Episodes: play [0,30) and still [30,60).
  CHECK(num(v["7|play||session||codable_s"]) == 30);
  CHECK(num(v["7|play||rule|bid_resp|proportion"]) == 1);
  CHECK(num(v["7|play|child|code|pos|percent"]) == doctest::Approx(100.0 / 3.0));
  CHECK(num(v["7|still||session||codable_s"]) == 25);
  CHECK(num(v["7|still||rule|bid_resp|proportion"]) == 0);
  // Not computable is an empty cell, not 0: no neg onset in still-face -> latency empty.
  REQUIRE(v.count("7|still|child|code|neg|latency_s") == 1);
  CHECK(v["7|still|child|code|neg|latency_s"] == "");
}

TEST_CASE("summary csv long: an overridden parameter is written and changes the figures") {
  ExportOptions options;
  options.summary.overrides = {{"bid_resp.window_s", 500'000}};  // 0.5 s: the reflection at +1 s no longer counts
  auto v = long_values(read_csv(write_summary(options, {tiny_session(true, options.summary.overrides)})));
  CHECK(num(v["7|||parameter|bid_resp|window_s"]) == 0.5);
  CHECK(num(v["7|||rule|bid_resp|responded"]) == 0);
}

TEST_CASE("summary csv long: zero codable time gives empty rates, never a division by zero") {
  std::vector<Event> events = {tiny_events()[0]};
  events[0].code = "uncodable";  // the whole observation is uncodable
  Recording r = tiny_recording();
  r.duration = sec(30);
  ExportSession s = make_export_session(tiny_info(), r, tiny_scheme(), events, {}, true);
  auto v = long_values(read_csv(write_summary(ExportOptions{}, {s})));
  CHECK(num(v["7|||session||codable_s"]) == 0);
  CHECK(v["7||child|code|bid|rate_per_min"] == "");
  CHECK(v["7|||rule|bid_resp|proportion"] == "");
}

TEST_CASE("summary csv wide: one row per session, union of columns, parameters as columns") {
  ExportOptions options;
  options.layout = Layout::Wide;
  ExportSession first = tiny_session();
  // A second session with one episode only and another coder.
  std::vector<Event> events = tiny_events();
  events.erase(events.begin() + 1);  // no still-face episode
  SessionInfo info = tiny_info();
  info.id = 9;
  info.coder = "bo";
  ExportSession second = make_export_session(info, tiny_recording(), tiny_scheme(), events, {}, true);
  const CsvTable t = read_csv(write_summary(options, {first, second}));
  REQUIRE_MESSAGE(t.ok, t.problem);
  REQUIRE(t.rows.size() == 3);
  const auto& h = t.rows[0];
  for (const auto& row : t.rows) CHECK(row.size() == h.size());
  auto cell = [&](std::size_t row, const char* name) {
    const int c = column(h, name);
    REQUIRE_MESSAGE(c >= 0, name);
    return t.rows[row][static_cast<std::size_t>(c)];
  };
  CHECK(h[0] == "session");
  CHECK(column(h, "created_utc") >= 0);
  CHECK(cell(1, "session") == "7");
  CHECK(cell(2, "session") == "9");
  CHECK(cell(2, "coder") == "bo");
  CHECK(cell(1, "scheme") == "tiny-export");
  CHECK(cell(1, "attune_version") == attune::version());
  CHECK(cell(1, "param.bid_resp.window_s") == "2");
  CHECK(num(cell(1, "child.pos.percent")) == doctest::Approx(100.0 * 25.0 / 55.0));
  CHECK(cell(1, "bid_resp.proportion") == "0.5");
  CHECK(cell(1, "play.bid_resp.proportion") == "1");
  CHECK(cell(1, "still.bid_resp.proportion") == "0");
  CHECK(cell(2, "still.bid_resp.proportion") == "");  // the second session has no still-face
  CHECK(cell(1, "events") == "11");
  CHECK(cell(2, "events") == "10");
}
