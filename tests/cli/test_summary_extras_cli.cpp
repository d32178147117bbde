// Global ratings and lag-1 sequential tables from the command line: `rating`, and what
// `summary` and `export` write of them.
#include <doctest/doctest.h>

#include <cmath>
#include <fstream>
#include <sstream>

#include <nlohmann/json.hpp>

#include "cli_fixture.h"

namespace attune::test {
namespace {

using nlohmann::json;

void ok(const ProcessResult& r) { REQUIRE_MESSAGE(r.exit_code == 0, r.err); }

std::string read_text(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

// The tiny scheme's affect group coded pos, neg, pos, pos, neg (back-to-back states).
std::string affect_session(const Cli& cli) {
  ok(cli({"scheme", "import", cli.write_scheme("tiny.json", kTinyScheme)}));
  auto created = cli({"session", "create", "--scheme", "tiny@1", "--dyad", "D-1", "--duration", "60"});
  ok(created);
  const std::string id = trimmed(created.out);
  for (std::vector<std::string> add : std::vector<std::vector<std::string>>{{"pos", "--at", "0", "--end", "10"},
                                                                             {"neg", "--at", "10", "--end", "20"},
                                                                             {"pos", "--at", "20", "--end", "30"},
                                                                             {"pos", "--at", "30", "--end", "40"},
                                                                             {"neg", "--at", "40", "--end", "50"},
                                                                             {"bid", "--at", "15"}}) {
    add.insert(add.begin(), {"event", "add", id});
    ok(cli(add));
  }
  return id;
}

}  // namespace

TEST_CASE("cli: global ratings are set, listed, checked and cleared") {
  Cli cli;
  ok(cli({"demo"}));
  json listed = json::parse(cli({"rating", "list", "1", "--json"}).out);
  REQUIRE(listed.size() == 2);  // the shipped scheme's two scales, none rated yet
  CHECK(listed[0]["scale"] == "sensitivity");
  CHECK(listed[0]["max"] == 9);
  CHECK(listed[0]["value"].is_null());

  ok(cli({"rating", "set", "1", "sensitivity", "7"}));
  auto out_of_range = cli({"rating", "set", "1", "sensitivity", "12"});
  CHECK(out_of_range.exit_code == 2);
  CHECK(out_of_range.err == "error: A Sensitivity rating of 12 is out of range; use a whole number from 1 to 9.\n");
  auto unknown = cli({"rating", "set", "1", "warmth", "3"});
  CHECK(unknown.exit_code == 2);
  CHECK(unknown.err.find("'warmth' is not a global rating") != std::string::npos);

  listed = json::parse(cli({"rating", "list", "1", "--json"}).out);
  CHECK(listed[0]["value"] == 7);
  const std::string text = cli({"rating", "list", "1"}).out;
  CHECK(text.find("sensitivity (Sensitivity, 1-9): 7 (Sensitive: reads most signals") != std::string::npos);
  CHECK(text.find("dyadic_reciprocity (Dyadic reciprocity, 1-5): not rated") != std::string::npos);

  // The summary and every summary format carry it.
  json summary = json::parse(cli({"summary", "1", "--json"}).out);
  REQUIRE(summary["ratings"].size() == 1);
  CHECK(summary["ratings"][0] == json({{"scale", "sensitivity"}, {"name", "Sensitivity"}, {"value", 7}, {"min", 1}, {"max", 9}}));
  const std::string long_csv = cli.dir().file("long.csv"), wide_csv = cli.dir().file("wide.csv");
  ok(cli({"export", "1", "--what", "summary", "--format", "csv", "-o", long_csv}));
  CHECK(read_text(long_csv).find(",,,rating,sensitivity,value,7\r\n") != std::string::npos);
  ok(cli({"export", "1", "--what", "summary", "--format", "csv", "--layout", "wide", "-o", wide_csv}));
  const std::string wide = read_text(wide_csv);
  const std::string header = wide.substr(0, wide.find("\r\n"));
  CHECK(header.find(",rating.sensitivity,") != std::string::npos);

  ok(cli({"rating", "clear", "1", "sensitivity"}));
  CHECK(json::parse(cli({"summary", "1", "--json"}).out)["ratings"].empty());
  // Each change is in the audit trail.
  const json audit = json::parse(cli({"audit", "1", "--json"}).out);
  int rating_rows = 0;
  for (const json& row : audit) rating_rows += row["action"].get<std::string>().rfind("rating.", 0) == 0 ? 1 : 0;
  CHECK(rating_rows == 2);
}

TEST_CASE("cli: lag-1 tables of a chosen group in the summary and its exports") {
  Cli cli;
  const std::string id = affect_session(cli);
  // The affect sequence by onset: pos neg pos pos neg -> transitions pos>neg, neg>pos,
  // pos>pos, pos>neg: N = 4.
  //   counts  pos>pos 1, pos>neg 2, neg>pos 1, neg>neg 0; rows pos 3, neg 1; columns pos 2, neg 2
  //   p(neg|pos) = 2/3, p(pos|neg) = 1/1
  //   e(pos>neg) = 3 * 2 / 4 = 1.5; z = (2 - 1.5) / sqrt(1.5 * (1 - 3/4) * (1 - 2/4)) = 0.5 / sqrt(0.1875)
  //   Yule's Q(pos>neg): a = 2, b = 3 - 2 = 1, c = 2 - 2 = 0, d = 4 - 3 - 2 + 2 = 1 -> (2*1 - 1*0) / (2*1 + 1*0) = 1
  json summary = json::parse(cli({"summary", id, "--sequential", "affect", "--json"}).out);
  REQUIRE(summary["sequential"].size() == 1);
  const json& t = summary["sequential"][0];
  CHECK(t["episode"].is_null());
  CHECK(t["group"] == "affect");
  CHECK(t["codes"] == json({"pos", "neg"}));
  CHECK(t["transitions"] == 4);
  CHECK(t["counts"] == json({{1, 2}, {1, 0}}));
  CHECK(t["probability"][0][1].get<double>() == doctest::Approx(2.0 / 3.0));
  CHECK(t["probability"][1][0].get<double>() == doctest::Approx(1.0));
  CHECK(t["expected"][0][1].get<double>() == doctest::Approx(1.5));
  CHECK(t["adjusted_residual"][0][1].get<double>() == doctest::Approx(0.5 / std::sqrt(0.1875)));
  CHECK(t["yule_q"][0][1].get<double>() == doctest::Approx(1.0));

  // Without --sequential there are none; an unknown group is refused with the groups named.
  CHECK(json::parse(cli({"summary", id, "--json"}).out)["sequential"].empty());
  auto bad = cli({"summary", id, "--sequential", "moods"});
  CHECK(bad.exit_code == 2);
  CHECK(bad.err == "error: scheme 'tiny' has no code group 'moods' for a sequential table; its groups are affect, signals\n");
  auto events_only = cli({"export", id, "--what", "events", "--format", "csv", "--sequential", "affect", "-o",
                          cli.dir().file("e.csv")});
  CHECK(events_only.exit_code == 2);

  const std::string long_csv = cli.dir().file("lag.csv");
  ok(cli({"export", id, "--what", "summary", "--format", "csv", "--sequential", "affect", "-o", long_csv}));
  const std::string csv = read_text(long_csv);
  CHECK(csv.find(",,,lag1,affect,transitions,4\r\n") != std::string::npos);
  CHECK(csv.find(",,,lag1,pos>neg,count,2\r\n") != std::string::npos);
  CHECK(csv.find(",,,lag1,pos>neg,expected,1.5\r\n") != std::string::npos);
  CHECK(csv.find(",,,lag1,neg>neg,probability,0\r\n") != std::string::npos);

  // With repeats collapsed the sequence is pos neg pos neg: N = 3, pos>neg 2, neg>pos 1, and
  // the diagonal is a structural zero (no expected value).
  summary = json::parse(cli({"summary", id, "--sequential", "affect", "--collapse-repeats", "--json"}).out);
  CHECK(summary["sequential"][0]["transitions"] == 3);
  CHECK(summary["sequential"][0]["counts"] == json({{0, 2}, {1, 0}}));
  CHECK(summary["sequential"][0]["expected"][0][0].is_null());
  // Two codes that cannot repeat: quasi-independence reproduces the off-diagonal counts.
  CHECK(summary["sequential"][0]["expected"][0][1].get<double>() == doctest::Approx(2));
  CHECK(summary["sequential"][0]["expected_model"] == "quasi-independence (IPF, diagonal structural zeros)");

  const std::string report = cli.dir().file("report.html");
  ok(cli({"export", id, "--what", "report", "--format", "html", "--sequential", "affect", "-o", report}));
  CHECK(read_text(report).find("Lag-1 transitions: affect") != std::string::npos);
}

}  // namespace attune::test
