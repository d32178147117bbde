// attune-cli agreement --format html: one self-contained page, written atomically and audited,
// checked in headless Chromium (it loads, the hand-computed figures are on the page) with a
// screenshot kept under the build folder; de-identified on request; κ "undefined" when it is.
#include <doctest/doctest.h>
#include <unistd.h>

#include <filesystem>

#include <nlohmann/json.hpp>

#include "../cli/cli_fixture.h"
#include "chromium.h"
#include "export/agreement_html.h"
#include "export/atomic_file.h"
#include "export_fixture.h"

using namespace attune;
using namespace attune::exports;
using namespace attune::test;
using nlohmann::json;

namespace {

void ok(const ProcessResult& r) { REQUIRE_MESSAGE(r.exit_code == 0, r.err); }

// The tiny scheme; session 1 (tester) and session 2 (bob, a recode), 10 s at 25 fps.
//   affect   A: pos [0,5)  neg [5,10)          B: pos [0,3)  neg [3,8)  pos [8,10)
//   signals  A: bid 1.0                        B: bid 1.2, look 6.0 (child)
// Time-unit κ over affect, 1 s units, each unit takes the state covering its midpoint k + 0.5 s:
//   A: units 0-4 pos, 5-9 neg.   B: units 0-2 pos, 3-7 neg, 8-9 pos.
//   (pos,pos) × 3 [0-2], (pos,neg) × 2 [3-4], (neg,neg) × 3 [5-7], (neg,pos) × 2 [8-9].
//           pos neg none | row
//   pos      3   2   0   |  5
//   neg      2   3   0   |  5
//   none     0   0   0   |  0
//   col      5   5   0   | 10
//   Po = (3 + 3)/10 = 0.6;  Pe = (5·5 + 5·5 + 0·0)/10² = 0.5;  κ = (0.6 − 0.5)/(1 − 0.5) = 0.2
//   κmax = ((min(5,5) + min(5,5) + min(0,0))/10 − 0.5)/0.5 = (1 − 0.5)/0.5 = 1
//   % agreement = 60.0;  per code: pos 3 agreements, 2 + 2 = 4 disagreements → 3/7 = 42.9 %,
//   neg the same, none never tallied (—).  Disagreements: [3 s, 5 s) pos/neg, [8 s, 10 s) neg/pos.
void code_two_sessions(const Cli& cli) {
  ok(cli({"scheme", "import", cli.write_scheme("tiny.json", kTinyScheme)}));
  ok(cli({"session", "create", "--scheme", "tiny@1", "--dyad", "D-42", "--fps", "25", "--duration", "10"}));
  ok(cli({"session", "recode", "1", "--coder", "bob"}));
  for (std::vector<std::string> add : std::vector<std::vector<std::string>>{
           {"1", "pos", "--at", "0", "--end", "5"},
           {"1", "neg", "--at", "5", "--end", "10"},
           {"1", "bid", "--at", "1"},
           {"2", "pos", "--at", "0", "--end", "3"},
           {"2", "neg", "--at", "3", "--end", "8"},
           {"2", "pos", "--at", "8", "--end", "10"},
           {"2", "bid", "--at", "1.2"},
           {"2", "look", "--at", "6", "--subject", "child"}}) {
    add.insert(add.begin(), {"event", "add"});
    ok(cli(add));
  }
}

std::size_t count(const std::string& text, const std::string& what) {
  std::size_t n = 0;
  for (std::size_t at = text.find(what); at != std::string::npos; at = text.find(what, at + 1)) ++n;
  return n;
}

bool leftovers(const std::string& folder) {  // AtomicFile's "NAME.attune-partial-XXXXXX" temporaries
  for (const auto& entry : std::filesystem::directory_iterator(folder))
    if (attune::exports::is_partial_name(entry.path().filename().string())) return true;
  return false;
}

}  // namespace

TEST_CASE("agreement html: self-contained page with the hand-computed figures, written atomically and audited") {
  Cli cli;
  code_two_sessions(cli);
  const std::string page = cli.dir().file("agreement.html");
  write_file(page, "an older file of that name");
  auto written = cli({"agreement", "1", "2", "--group", "affect", "--format", "html", "-o", page});
  ok(written);
  CHECK(written.out.rfind("wrote the agreement of sessions 1 and 2 as html, de-identified, to " + page +
                              "; attune-audit-head ",
                          0) == 0);
  CHECK_FALSE(leftovers(cli.dir().path()));
  const std::string html = read_file(page);

  // Self-contained: no script, nothing fetched.
  CHECK(html.rfind("<!DOCTYPE html>", 0) == 0);
  CHECK(html.find("default-src 'none'") != std::string::npos);
  CHECK(html.find("<script") == std::string::npos);
  for (const char* fetch : {"<link", "<img", "<iframe", "src=", "href=", "@import", "https://"})
    CHECK_MESSAGE(html.find(fetch) == std::string::npos, std::string(fetch));
  // Both timelines stacked, with the two disagreements marked behind both blocks.
  CHECK(html.find("<svg class=\"timeline stacked\"") != std::string::npos);
  CHECK(count(html, "class=\"disagree\"/>") == 4);      // 2 disagreements × 2 blocks
  CHECK(count(html, "class=\"disagree-mark\"/>") == 2);  // and on the band under the axis
  CHECK(html.find("3–5 s: A Positive, B Negative") != std::string::npos);

  // The audit trail of both sessions names the export.
  for (const char* session : {"1", "2"}) {
    const json trail = json::parse(cli({"audit", session, "--json"}).out);
    REQUIRE_FALSE(trail.empty());
    CHECK(trail.back()["action"] == "export");
    CHECK(trail.back()["new"]["what"] ==
          "agreement html de-identified to " + page + " (time-unit, group affect, tolerance 0 s)");
    CHECK(trail.back()["new"]["session_count"] == 2);
  }
  ok(cli({"verify"}));

  // A refused report leaves the file as it was and writes no audit row.
  const std::size_t rows = json::parse(cli({"audit", "--json"}).out).size();
  CHECK(cli({"agreement", "1", "2", "--group", "nope", "--format", "html", "-o", page}).exit_code == 2);
  CHECK(read_file(page) == html);
  CHECK(json::parse(cli({"audit", "--json"}).out).size() == rows);
}

TEST_CASE("agreement html: loads in headless Chromium with the key figures on the page, screenshot kept") {
  if (!attune::test::chromium_installed()) {
    MESSAGE("Chromium is not installed (apt-get install chromium): the browser check is skipped");
    return;
  }
  Cli cli;
  code_two_sessions(cli);
  const std::string page = cli.dir().file("agreement.html");
  ok(cli({"agreement", "1", "2", "--group", "affect", "--format", "html", "--identified", "-o", page}));
  const std::filesystem::path out = output_folder();
  write_file((out / "agreement.html").string(), read_file(page));

  const std::string text = attune::test::chromium_dom(page);
  // The figures worked out above, as the page shows them.
  for (const char* figure :
       {"Session 1 (tester) and session 2 (bob) · dyad D-42", "<div class=\"big\">0.200</div>",
        "<div class=\"big\">1.000</div>", "<div class=\"big\">60.0 %</div>", "<div class=\"big\">10</div>",
        "time-unit: 1 s units, tolerance 0 s (0 units)", "Child affect (affect)", "0 – 10 s (the recording's duration)",
        "25 fps", "A (matrix rows)", "B (matrix columns)",
        // the confusion matrix, row by row, with totals
        "<th class=\"row\" title=\"pos\">Positive</th><td class=\"agree\">3</td><td class=\"disagree\">2</td>"
        "<td class=\"zero\">0</td><td class=\"total\">5</td>",
        "<th class=\"row\" title=\"neg\">Negative</th><td class=\"disagree\">2</td><td class=\"agree\">3</td>",
        "<td class=\"total\">10</td></tr>",
        // per code: 3 agreements, 4 disagreements, 42.9 %; none never tallied
        "<td>Positive (pos)</td><td class=\"n\">3</td><td class=\"n\">4</td><td class=\"n\">42.9</td>",
        "<td>none</td><td class=\"n\">0</td><td class=\"n\">0</td><td class=\"na\" title=\"never tallied\">—</td>",
        // the disagreement list
        "2 disagreements", "<td class=\"n\">3</td><td class=\"n\">5</td><td class=\"n\">2</td>",
        "<td class=\"n\">8</td><td class=\"n\">10</td><td class=\"n\">2</td>"})
    CHECK_MESSAGE(text.find(figure) != std::string::npos, std::string(figure));
  CHECK(text.find("<svg class=\"timeline stacked\"") != std::string::npos);
  CHECK(text.find("A · session 1 · tester") != std::string::npos);
  CHECK(text.find("B · session 2 · bob") != std::string::npos);
  CHECK(text.find("<p class=\"audit-head\">Audit trail when written: <code>attune-audit-head ") != std::string::npos);

  const std::string png = attune::test::chromium_screenshot(page, "agreement.png", 2000);
  MESSAGE("agreement report screenshot: " << png);
}

TEST_CASE("agreement html: de-identified by default, pseudonyms and years, never the coders' names") {
  Cli cli;
  code_two_sessions(cli);
  const std::string page = cli.dir().file("agreement.html");
  const std::string head = trimmed(cli({"audit", "anchor"}).out).substr(std::string("attune.db 2026-12-02T16:30:05Z ").size());
  ok(cli({"agreement", "1", "2", "--group", "affect", "--format", "html", "-o", page}));
  const std::string html = read_file(page);
  CHECK(html.find("<meta name=\"attune-audit-head\" content=\"" + head + "\">") != std::string::npos);
  CHECK(html.find("<code>" + head + "</code>") != std::string::npos);
  // Pseudonyms in order of first appearance among the database's sessions.
  CHECK(html.find("Session 1 (coder-1) and session 2 (coder-2) · dyad dyad-1") != std::string::npos);
  CHECK(html.find("de-identified") != std::string::npos);
  CHECK(html.find("tester") == std::string::npos);
  CHECK(html.find("bob") == std::string::npos);
  CHECK(html.find("D-42") == std::string::npos);
  CHECK(html.find("generated") == std::string::npos);  // no export time either
  CHECK(html.find("<th>Coded in</th>") != std::string::npos);
  CHECK(html.find("<div class=\"big\">0.200</div>") != std::string::npos);  // the figures are unchanged
  const json trail = json::parse(cli({"audit", "1", "--json"}).out);
  CHECK(trail.back()["new"]["what"].get<std::string>().find("agreement html de-identified to ") == 0);
  // The JSON report uses the same pseudonyms.
  const json r = json::parse(cli({"agreement", "1", "2", "--group", "affect", "--deidentify", "--json"}).out);
  CHECK(r["session_a"]["coder"] == "coder-1");
  CHECK(r["session_b"]["coder"] == "coder-2");
}

TEST_CASE("agreement html: an undefined kappa is written undefined with the reason, text is escaped") {
  // Both coders used Positive throughout: one category, Pe = 1, κ and κmax undefined.
  AgreementReport report;
  report.a = export_test::tiny_session(false);
  report.b = export_test::tiny_session(false);
  report.b.info.id = 8;
  report.b.info.coder = "o'<b>brien</b>";
  report.result.method = AgreementMethod::TimeUnit;
  report.result.unit = kMicrosPerSecond;
  report.result.group = "affect";
  report.result.duration = 4 * kMicrosPerSecond;
  report.result.n = 4;
  report.result.percent_agreement = 100.0;
  report.result.codes = {"pos", "neg", "none"};
  report.result.matrix = {{4, 0, 0}, {0, 0, 0}, {0, 0, 0}};
  report.result.per_code = {{"pos", 4, 0}, {"neg", 0, 0}, {"none", 0, 0}};
  report.method = "time-unit: 1 s units, tolerance 0 s (0 units)";
  report.compared = "0 – 4 s";
  const std::string html = agreement_html(report);
  CHECK(count(html, "<div class=\"big\">undefined</div>") == 2);  // κ and κmax, never 1
  CHECK(html.find("Pe = 1: both coders used one and the same category throughout") != std::string::npos);
  CHECK(html.find("<div class=\"big\">100.0 %</div>") != std::string::npos);
  CHECK(html.find("o&#39;&lt;b&gt;brien&lt;/b&gt;") != std::string::npos);
  CHECK(html.find("<b>brien") == std::string::npos);
  CHECK(html.find("The codings agree everywhere.") != std::string::npos);
}
