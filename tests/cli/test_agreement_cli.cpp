// attune-cli agreement end to end: two coders code the same recording with the tiny scheme
// and differences small enough to tally by hand.
#include <doctest/doctest.h>

#include <nlohmann/json.hpp>

#include "cli_fixture.h"
#include "store/audit_head.h"

using namespace attune::test;
using nlohmann::json;

namespace {

void ok(const ProcessResult& r) { REQUIRE_MESSAGE(r.exit_code == 0, r.err); }

// Session 1 (tester) and session 2 (bob, a recode of the same recording), 10 s long at 25 fps.
//   affect (exclusive states)   A: pos [0,4) neg [4,8) —        B: pos [0,5) neg [5,10)
//   signals (points, child)     A: bid 1.0, look 3.0, bid 6.0   B: bid 1.5, look 3.2, look 6.1, bid 9.0
void code_two_sessions(const Cli& cli) {
  ok(cli({"scheme", "import", cli.write_scheme("tiny.json", kTinyScheme)}));
  ok(cli({"session", "create", "--scheme", "tiny@1", "--dyad", "D-1", "--fps", "25", "--duration", "10"}));
  auto recoded = cli({"session", "recode", "1", "--coder", "bob"});
  ok(recoded);
  REQUIRE(trimmed(recoded.out) == "2");
  for (std::vector<std::string> add : std::vector<std::vector<std::string>>{
           {"1", "pos", "--at", "0", "--end", "4"},
           {"1", "neg", "--at", "4", "--end", "8"},
           {"1", "bid", "--at", "1"},
           {"1", "look", "--at", "3", "--subject", "child"},
           {"1", "bid", "--at", "6"},
           {"2", "pos", "--at", "0", "--end", "5"},
           {"2", "neg", "--at", "5", "--end", "10"},
           {"2", "bid", "--at", "1.5"},
           {"2", "look", "--at", "3.2", "--subject", "child"},
           {"2", "look", "--at", "6.1", "--subject", "child"},
           {"2", "bid", "--at", "9"}}) {
    add.insert(add.begin(), {"event", "add"});
    ok(cli(add));
  }
}

json agreement(const Cli& cli, std::vector<std::string> args) {
  args.insert(args.begin(), "agreement");
  args.push_back("--json");
  auto r = cli(args);
  REQUIRE_MESSAGE(r.exit_code == 0, r.err);
  return json::parse(r.out);
}

json transposed(const json& m) {
  json t = json::array();
  for (std::size_t j = 0; j < m.size(); ++j) {
    json row = json::array();
    for (std::size_t i = 0; i < m.size(); ++i) row.push_back(m[i][j]);
    t.push_back(row);
  }
  return t;
}

}  // namespace

TEST_CASE("cli agreement: time-unit kappa of an exclusive group equals the hand-computed table") {
  Cli cli;
  code_two_sessions(cli);
  // 1 s units, each takes the state covering its midpoint k + 0.5 s:
  //   A: units 0-3 pos, 4-7 neg, 8-9 none;  B: units 0-4 pos, 5-9 neg.
  //   (pos,pos) × 4 [units 0-3], (neg,pos) × 1 [unit 4], (neg,neg) × 3 [5-7], (none,neg) × 2 [8-9].
  //         pos neg none | row
  //   pos    4   0   0   |  4
  //   neg    1   3   0   |  4
  //   none   0   2   0   |  2
  //   col    5   5   0   | 10
  //   Po = 7/10 = 0.7;  Pe = (4·5 + 4·5 + 2·0)/10² = 0.4;  κ = (0.7 − 0.4)/(1 − 0.4) = 0.5
  //   κmax = ((min(4,5) + min(4,5) + min(2,0))/10 − 0.4)/0.6 = (0.8 − 0.4)/0.6 = 2/3
  const json r = agreement(cli, {"1", "2", "--group", "affect"});
  CHECK(r["method"] == "time-unit");
  CHECK(r["unit_s"] == 1.0);
  CHECK(r["tolerance_s"] == 0.0);
  CHECK(r["group"] == "affect");
  CHECK(r["n"] == 10);
  CHECK(r["codes"] == json{"pos", "neg", "none"});
  CHECK(r["matrix"] == json{{4, 0, 0}, {1, 3, 0}, {0, 2, 0}});
  CHECK(r["percent_agreement"].get<double>() == doctest::Approx(70.0));
  CHECK(r["kappa"].get<double>() == doctest::Approx(0.5));
  CHECK(r["kappa_max"].get<double>() == doctest::Approx(2.0 / 3.0));
  // per code: the diagonal cell; off-diagonal of its row + of its column.
  CHECK(r["per_code"] == json{{{"code", "pos"}, {"agreements", 4}, {"disagreements", 1}},
                              {{"code", "neg"}, {"agreements", 3}, {"disagreements", 3}},
                              {{"code", "none"}, {"agreements", 0}, {"disagreements", 2}}});
  REQUIRE(r["disagreements"].size() == 2);
  CHECK(r["disagreements"][0]["start_s"] == 4.0);
  CHECK(r["disagreements"][0]["end_s"] == 5.0);
  CHECK(r["disagreements"][0]["code_a"] == "neg");
  CHECK(r["disagreements"][0]["code_b"] == "pos");
  CHECK(r["disagreements"][1]["start_s"] == 8.0);
  CHECK(r["disagreements"][1]["end_s"] == 10.0);
  CHECK(r["disagreements"][1]["code_a"] == "none");

  // Swapping the coders transposes the matrix and keeps κ.
  const json swapped = agreement(cli, {"2", "1", "--group", "affect"});
  CHECK(swapped["matrix"] == transposed(r["matrix"]));
  CHECK(swapped["kappa"].get<double>() == doctest::Approx(0.5));
  CHECK(swapped["session_a"]["id"] == 2);

  // Without --group: every group with a code both coders use, one table each (an array in
  // JSON), in scheme order: affect, then signals (bid and look, both coders).
  const json every = agreement(cli, {"1", "2"});
  REQUIRE(every.is_array());
  REQUIRE(every.size() == 2);
  CHECK(every[0]["group"] == "affect");
  CHECK(every[1]["group"] == "signals");
  CHECK(every[0]["matrix"] == r["matrix"]);
  CHECK(every[1]["matrix"] == agreement(cli, {"1", "2", "--group", "signals"})["matrix"]);
  auto text = cli({"agreement", "1", "2"});
  ok(text);
  for (const char* part : {"time-unit: 1 s units, tolerance 0 s (0 units)",
                           "group       affect (every group with a code both codings use)",
                           "group       signals (every group with a code both codings use)", "kappa       0.5000",
                           "kappa max   0.6667", "agreement   70.0 %", "N           10",
                           "compared    0 – 10 s (the recording's duration)",
                           "rows: session 1 (tester), columns: session 2 (bob)"})
    CHECK_MESSAGE(text.out.find(part) != std::string::npos, part, "\n", text.out);
  // The matrix rows with their labels and totals.
  CHECK(text.out.find("neg    1    3    0     4") != std::string::npos);
  CHECK(text.out.find("total  5    5    0     10") != std::string::npos);

  // A tolerance of 1 unit tallies from both sides (N doubles); frames as units.
  const json tolerant = agreement(cli, {"1", "2", "--group", "affect", "--tolerance", "1"});
  CHECK(tolerant["tolerance_units"] == 1);
  CHECK(tolerant["n"] == 20);
  const json frames = agreement(cli, {"1", "2", "--group", "affect", "--unit", "frame"});
  CHECK(frames["unit_s"] == 0.04);
  CHECK(frames["frame_rate"] == "25");
  CHECK(frames["n"] == 250);
  // Frames: A neg 100-199 vs B pos up to frame 124 → 25 frames (neg,pos); none vs neg 50 frames.
  CHECK(frames["matrix"] == json{{100, 0, 0}, {25, 75, 0}, {0, 50, 0}});
}

TEST_CASE("cli agreement: event-based kappa of point codes equals the hand-computed table") {
  Cli cli;
  code_two_sessions(cli);
  // Onset tolerance 1 s. Alignment (order kept, fewest substitutions + unpaired):
  //   bid 1.0 – bid 1.5 (agree), look 3.0 – look 3.2 (agree), bid 6.0 – look 6.1 (disagree),
  //   B's bid 9.0 unpaired → (nil, bid).
  //         bid look nil | row
  //   bid    1    1   0  |  2
  //   look   0    1   0  |  1
  //   nil    1    0   0  |  1      (nil–nil is a structural zero)
  //   col    2    2   0  |  4
  //   Po = 2/4 = 0.5. The nil column total is 0, so m = R·C/D = 0 and Pe is the ordinary
  //   Σ_{i≠nil} x_i+·x_+i / N² = (2·2 + 1·2)/16 = 0.375;  κ = (0.5 − 0.375)/0.625 = 0.2
  //   κmax = ((min(2,2) + min(1,2))/4 − 0.375)/0.625 = (0.75 − 0.375)/0.625 = 0.6
  const json r = agreement(cli, {"1", "2", "--method", "event", "--group", "points", "--tolerance", "1"});
  CHECK(r["method"] == "event-based");
  CHECK(r["unit_s"].is_null());
  CHECK(r["tolerance_s"] == 1.0);
  CHECK(r["group"] == "points");
  CHECK(r["codes"] == json{"bid", "look", "nil"});
  CHECK(r["matrix"] == json{{1, 1, 0}, {0, 1, 0}, {1, 0, 0}});
  CHECK(r["n"] == 4);
  CHECK(r["percent_agreement"].get<double>() == doctest::Approx(50.0));
  CHECK(r["kappa"].get<double>() == doctest::Approx(0.2));
  CHECK(r["kappa_max"].get<double>() == doctest::Approx(0.6));
  CHECK(r["per_code"][2] == json{{"code", "nil"}, {"agreements", 0}, {"disagreements", 1}});

  const json swapped = agreement(cli, {"2", "1", "--method", "event", "--group", "points", "--tolerance", "1"});
  CHECK(swapped["matrix"] == transposed(r["matrix"]));
  CHECK(swapped["kappa"].get<double>() == doctest::Approx(0.2));

  // Only bids: A 1.0, 6.0 vs B 1.5, 9.0 → one agreement, one unpaired on each side:
  //   [[1, 1], [1, 0]], N = 3, Po = 1/3. Nil row R = 1, column C = 1, D = N − R − C = 1,
  //   m = R·C/D = 1, Pe = (2·2)/(N·(N + m)) = 4/12 = 1/3 → κ = 0;
  //   κmax = (min(2,2)/3 − 1/3)/(2/3) = 0.5.
  const json bids = agreement(cli, {"1", "2", "--method", "event", "--group", "points", "--code", "bid", "--tolerance", "1"});
  CHECK(bids["matrix"] == json{{1, 1}, {1, 0}});
  CHECK(bids["kappa"].get<double>() == doctest::Approx(0.0));
  CHECK(bids["kappa_max"].get<double>() == doctest::Approx(0.5));
}

TEST_CASE("cli agreement: an undefined kappa is null, never 1") {
  Cli cli;
  ok(cli({"scheme", "import", cli.write_scheme("tiny.json", kTinyScheme)}));
  ok(cli({"session", "create", "--scheme", "tiny", "--dyad", "D-1", "--duration", "5"}));
  ok(cli({"session", "recode", "1", "--coder", "bob"}));
  // Both coders: "none" throughout → Pe = 1.
  const json r = agreement(cli, {"1", "2", "--group", "affect"});
  CHECK(r["n"] == 5);
  CHECK(r["percent_agreement"] == 100.0);
  CHECK(r["kappa"].is_null());
  CHECK(r["kappa_max"].is_null());
  auto text = cli({"agreement", "1", "2", "--group", "affect"});
  CHECK(text.out.find("kappa       undefined (Pe = 1") != std::string::npos);
}

TEST_CASE("cli agreement: codings of different recordings or schemes are refused with exit 2") {
  Cli cli;
  code_two_sessions(cli);
  ok(cli({"session", "create", "--scheme", "tiny@1", "--dyad", "D-2", "--duration", "10"}));  // session 3
  std::string v2 = kTinyScheme;
  v2.replace(v2.find("\"version\": 1"), 12, "\"version\": 2");
  ok(cli({"scheme", "import", cli.write_scheme("tiny2.json", v2)}));
  ok(cli({"session", "recode", "1", "--coder", "carol", "--scheme", "tiny@2"}));  // session 4
  auto expect = [&](std::vector<std::string> args, const std::string& fragment) {
    auto r = cli(args);
    CHECK_MESSAGE(r.exit_code == 2, r.err);
    CHECK_MESSAGE(r.err.find(fragment) != std::string::npos, r.err);
    CHECK(r.out.empty());
  };
  expect({"agreement", "1", "3"}, "sessions 1 and 3 are codings of different recordings (1 and 2)");
  expect({"agreement", "1", "4"}, "sessions 1 and 4 were coded with different schemes (tiny@1 and tiny@2)");
  expect({"agreement", "1", "1"}, "two different sessions");
  expect({"agreement", "1", "2", "--group", "nope"}, "no code group 'nope'");
  expect({"agreement", "1", "2", "--tolerance", "0.5"}, "not a whole number of 1 s units");
  expect({"agreement", "1", "2", "--method", "event", "--unit", "2"}, "--unit applies to --method time-unit only");
  expect({"agreement", "1", "2", "--method", "kappa"}, "--method");
  expect({"agreement", "1", "2", "--format", "csv"}, "--format and -o go together");
  auto missing = cli({"agreement", "1", "99"});
  CHECK(missing.exit_code == 1);
  CHECK(missing.err.find("session 99 not found") != std::string::npos);
}

TEST_CASE("cli agreement: CSV and JSON report files, recorded as exports in the audit trail") {
  Cli cli;
  code_two_sessions(cli);
  const std::string csv_path = cli.dir().file("agreement.csv");
  auto written = cli({"agreement", "1", "2", "--group", "affect", "--format", "csv", "--identified", "-o", csv_path});
  ok(written);
  const std::string csv = read_file(csv_path);
  const std::string prefix = "1,2,tester,bob,time-unit,1,0,affect,";
  CHECK(csv.rfind("session_a,session_b,coder_a,coder_b,method,unit_s,tolerance_s,group,measure,code_a,code_b,value\r\n", 0) == 0);
  CHECK(csv.find(prefix + "kappa,,,0.5\r\n") != std::string::npos);
  CHECK(csv.find(prefix + "n,,,10\r\n") != std::string::npos);
  CHECK(csv.find(prefix + "cell,neg,pos,1\r\n") != std::string::npos);
  CHECK(csv.find(prefix + "cell,none,neg,2\r\n") != std::string::npos);
  CHECK(csv.find(prefix + "disagreements,neg,,3\r\n") != std::string::npos);

  const std::string json_path = cli.dir().file("agreement.json");
  ok(cli({"agreement", "1", "2", "--format", "json", "-o", json_path}));
  const json every = json::parse(read_file(json_path));  // no --group: every comparable group
  REQUIRE(every.is_array());
  REQUIRE(every.size() == 2);
  CHECK(every[0]["kappa"].get<double>() == doctest::Approx(0.5));
  CHECK(every[1]["group"] == "signals");

  const json trail = json::parse(cli({"audit", "2", "--json"}).out);
  int exports = 0;
  for (const json& row : trail)
    if (row["action"] == "export") {
      ++exports;
      CHECK(row["new"]["what"].get<std::string>().find("agreement") == 0);
      CHECK(row["new"]["session_count"] == 2);
    }
  CHECK(exports == 2);
  CHECK(cli({"verify"}).exit_code == 0);
}

TEST_CASE("cli agreement: report files are de-identified by default like every export, --identified names the coders") {
  Cli cli;
  code_two_sessions(cli);
  const std::string head = attune::AuditHead::parse(trimmed(cli({"audit", "anchor"}).out))->text();
  const std::string csv_path = cli.dir().file("agreement.csv"), json_path = cli.dir().file("agreement.json");
  const ProcessResult csv_written = cli({"agreement", "1", "2", "--group", "affect", "--format", "csv", "-o", csv_path});
  ok(csv_written);
  CHECK(csv_written.out == "wrote the agreement of sessions 1 and 2 as csv, de-identified, to " + csv_path + "; " +
                               head + "\n");
  ok(cli({"agreement", "1", "2", "--group", "affect", "--format", "json", "-o", json_path}));
  const std::string csv = read_file(csv_path), report = read_file(json_path);
  CHECK(csv.find("1,2,coder-1,coder-2,time-unit,1,0,affect,kappa,,,0.5\r\n") != std::string::npos);
  const json parsed = json::parse(report);
  CHECK(parsed["session_a"]["coder"] == "coder-1");
  CHECK(parsed["session_b"]["coder"] == "coder-2");
  // The head the report was read at: the JSON's is after the CSV's export rows (one per session).
  CHECK(attune::AuditHead::parse(parsed["audit_head"].get<std::string>())->count ==
        attune::AuditHead::parse(head)->count + 2);
  for (const std::string* file : {&csv, &report})
    for (const char* name : {"tester", "bob", "D-1"}) CHECK_MESSAGE(file->find(name) == std::string::npos, name);
  const json trail = json::parse(cli({"audit", "1", "--json"}).out);
  CHECK(trail.back()["new"]["what"].get<std::string>().find("agreement json de-identified to ") == 0);

  ok(cli({"agreement", "1", "2", "--group", "affect", "--format", "json", "--identified", "-o", json_path}));
  const json named = json::parse(read_file(json_path));
  CHECK(named["session_a"]["coder"] == "tester");
  CHECK(named["session_b"]["coder"] == "bob");
  CHECK(json::parse(cli({"audit", "1", "--json"}).out).back()["new"]["what"].get<std::string>().find(
            "agreement json identified to ") == 0);
  // The terminal listing is for the person at the keyboard: names, and the head.
  const ProcessResult listing = cli({"agreement", "1", "2", "--group", "affect"});
  ok(listing);
  CHECK(listing.out.find("session 1 (tester)") != std::string::npos);
  CHECK(listing.out.find("\naudit head  attune-audit-head ") != std::string::npos);
  // --identified means files; with --deidentify it is a contradiction.
  const ProcessResult alone = cli({"agreement", "1", "2", "--identified"});
  CHECK(alone.exit_code == 2);
  CHECK(alone.err.rfind("error: --identified applies to report files", 0) == 0);
  CHECK(cli({"agreement", "1", "2", "--format", "csv", "-o", csv_path, "--identified", "--deidentify"}).exit_code == 2);
  // On standard output the report's own bytes (CR LF rows), not escaped as text for a person.
  const ProcessResult csv_stdout = cli({"agreement", "1", "2", "--group", "affect", "--format", "csv", "-o", "-"});
  ok(csv_stdout);
  CHECK(csv_stdout.out.find("1,2,coder-1,coder-2,time-unit,1,0,affect,kappa,,,0.5\r\n") != std::string::npos);
}

TEST_CASE("cli agreement: without --group every comparable group, never the episode group, the whole recording") {
  Cli cli;
  // The tiny scheme with an episode group first, as the shipped schemes have: both coders
  // mark the same episode, which would give a meaningless κ = 1.
  std::string scheme = kTinyScheme;
  scheme.replace(scheme.find("\"groups\": ["), 11,
                 "\"groups\": [{\"id\": \"episode\", \"name\": \"Episode\", \"exclusive\": true, "
                 "\"exhaustive\": false, \"role\": \"episode\"},");
  scheme.replace(scheme.find("\"codes\": ["), 10,
                 "\"codes\": [{\"id\": \"play\", \"name\": \"Free play\", \"group\": \"episode\", "
                 "\"kind\": \"state\", \"subjects\": [\"child\"], \"key\": \"1\", \"color\": \"#607d8b\"},");
  ok(cli({"scheme", "import", cli.write_scheme("episodes.json", scheme)}));
  ok(cli({"session", "create", "--scheme", "tiny@1", "--dyad", "D-1", "--duration", "10"}));
  ok(cli({"session", "recode", "1", "--coder", "bob"}));
  for (std::vector<std::string> add : std::vector<std::vector<std::string>>{{"1", "play", "--at", "0", "--end", "10"},
                                                                            {"2", "play", "--at", "0", "--end", "10"},
                                                                            {"1", "pos", "--at", "0", "--end", "6"},
                                                                            {"2", "pos", "--at", "0", "--end", "4"},
                                                                            {"1", "bid", "--at", "2"}}) {
    add.insert(add.begin(), {"event", "add"});
    ok(cli(add));
  }
  // affect only: the episode group is structure, and no signal is coded by both.
  const json every = agreement(cli, {"1", "2"});
  REQUIRE(every.is_array());
  REQUIRE(every.size() == 1);
  CHECK(every[0]["group"] == "affect");
  CHECK(every[0]["n"] == 10);
  CHECK(every[0]["duration_s"] == 10.0);
  // Asked for by name, the episode group is still compared.
  CHECK(agreement(cli, {"1", "2", "--group", "episode"})["kappa"].is_null());
  // One HTML page shows one group: with one comparable group that is fine.
  ok(cli({"agreement", "1", "2", "--format", "html", "-o", cli.dir().file("a.html")}));

  // Nothing coded in common: a clear error naming the groups, exit 2.
  ok(cli({"session", "recode", "1", "--coder", "carol"}));  // session 3, empty
  const ProcessResult none = cli({"agreement", "1", "3"});
  CHECK(none.exit_code == 2);
  CHECK_MESSAGE(none.err.find("no code group has a code both codings use") != std::string::npos, none.err);
  CHECK(none.err.find("groups: episode, affect, signals") != std::string::npos);
}

TEST_CASE("cli agreement: a recording of unknown duration is refused, not compared as 0 s") {
  Cli cli;
  ok(cli({"scheme", "import", cli.write_scheme("tiny.json", kTinyScheme)}));
  ok(cli({"session", "create", "--scheme", "tiny@1", "--dyad", "D-1"}));  // no video, no duration
  ok(cli({"session", "recode", "1", "--coder", "bob"}));
  ok(cli({"event", "add", "1", "pos", "--at", "0", "--end", "4"}));
  ok(cli({"event", "add", "2", "pos", "--at", "0", "--end", "5"}));
  const ProcessResult r = cli({"agreement", "1", "2", "--group", "affect"});
  CHECK(r.exit_code == 2);
  CHECK(r.out.empty());
  CHECK_MESSAGE(r.err.rfind("error: the recording's duration is unknown", 0) == 0, r.err);
}

TEST_CASE("cli agreement: HTML of several comparable groups asks for one") {
  Cli cli;
  code_two_sessions(cli);
  const ProcessResult r = cli({"agreement", "1", "2", "--format", "html", "-o", cli.dir().file("a.html")});
  CHECK(r.exit_code == 2);
  CHECK_MESSAGE(r.err.find("2 are comparable (affect, signals): choose one with --group") != std::string::npos, r.err);
  ok(cli({"agreement", "1", "2", "--group", "signals", "--format", "html", "-o", cli.dir().file("a.html")}));
}
