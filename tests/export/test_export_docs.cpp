// The export formats page for users (docs/export-formats.md) is written by hand; this test
// keeps it from drifting from the exporters: every CSV column the real attune-cli writes
// (events, summary long and wide, agreement), every `kind` and `measure` value and every
// metric name must be named in it.
#include <doctest/doctest.h>

#include <fstream>
#include <set>
#include <sstream>

#include "../cli/process.h"
#include "export_cli.h"
#include "export_fixture.h"

using namespace attune::test;
using namespace attune::export_test;

namespace {

std::string doc_text() {
  std::ifstream in(std::string(ATTUNE_SOURCE_DIR) + "/docs/export-formats.md", std::ios::binary);
  REQUIRE_MESSAGE(in, "cannot read docs/export-formats.md");
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

bool names(const std::string& doc, const std::string& word) { return doc.find("`" + word + "`") != std::string::npos; }

CsvTable exported(const Cli& cli, std::vector<std::string> args, const std::string& name) {
  args.push_back("-o");
  args.push_back(cli.file(name));
  ok(cli(args));
  CsvTable t = read_csv(read_file(cli.file(name)));
  REQUIRE_MESSAGE(t.ok, t.problem);
  REQUIRE(t.rows.size() > 1);
  return t;
}

// The distinct values of one column, header excluded.
std::set<std::string> values(const CsvTable& t, const std::string& name) {
  const int c = column(t.rows[0], name);
  REQUIRE_MESSAGE(c >= 0, name);
  std::set<std::string> out;
  for (std::size_t r = 1; r < t.rows.size(); ++r) out.insert(t.rows[r][static_cast<std::size_t>(c)]);
  return out;
}

}  // namespace

TEST_CASE("docs/export-formats.md names every CSV column, kind, measure and metric the exports write") {
  const std::string doc = doc_text();
  Cli cli;
  ok(cli({"demo"}));  // session 1: the shipped scheme, every kind of code, episodes, modifiers, rules
  ok(cli({"rating", "set", "1", "sensitivity", "6"}));
  ok(cli({"session", "recode", "1", "--coder", "second"}));  // session 2, for agreement
  ok(cli({"event", "add", "2", "child_positive", "--at", "0", "--end", "30"}));
  const std::set<std::string> modifier_columns = {"intensity", "channel", "mind", "comfort_type"};

  std::vector<std::string> checked;
  auto check = [&](const std::string& what, const std::string& word) {
    checked.push_back(word);
    CHECK_MESSAGE(names(doc, word), "docs/export-formats.md does not name the " << what << " `" << word << "`");
  };

  // Events CSV, identified (it has every column; de-identified leaves `comment` out).
  const CsvTable events = exported(cli, {"export", "1", "--what", "events", "--format", "csv", "--identified"}, "e.csv");
  for (const std::string& c : events.rows[0])
    if (!modifier_columns.count(c)) check("events CSV column", c);
  for (const std::string& m : modifier_columns) CHECK(column(events.rows[0], m) >= 0);  // one column per modifier

  // Summary CSV, long, with a lag-1 table: columns, kinds and metrics.
  const CsvTable long_csv = exported(
      cli, {"export", "1", "--what", "summary", "--format", "csv", "--sequential", "child_affect"}, "l.csv");
  for (const std::string& c : long_csv.rows[0]) check("summary CSV column", c);
  for (const std::string& k : values(long_csv, "kind")) check("summary CSV kind", k);
  for (const std::string& m : values(long_csv, "metric")) check("summary CSV metric", m);

  // Summary CSV, wide, identified and de-identified: the fixed columns by name, the figure
  // columns (RULE.METRIC, SUBJECT.CODE.METRIC, episode-prefixed …) by their metric.
  for (const char* identity : {"--identified", "--deidentify"}) {
    const CsvTable wide = exported(
        cli, {"export", "1", "--what", "summary", "--format", "csv", "--layout", "wide", "--sequential", "child_affect", identity},
        "w.csv");
    for (const std::string& c : wide.rows[0]) {
      if (c.rfind("rating.", 0) == 0) continue;  // rating.SCALE: named by the scheme
      const std::size_t dot = c.rfind('.');
      check(dot == std::string::npos ? "wide summary CSV column" : "wide summary CSV metric",
            dot == std::string::npos ? c : c.substr(dot + 1));
    }
    CHECK(column(wide.rows[0], "rating.sensitivity") >= 0);
    CHECK(names(doc, "rating.SCALE"));
  }

  // Agreement CSV: columns and measures.
  const CsvTable agreement =
      exported(cli, {"agreement", "1", "2", "--group", "child_affect", "--format", "csv"}, "a.csv");
  for (const std::string& c : agreement.rows[0]) check("agreement CSV column", c);
  for (const std::string& m : values(agreement, "measure")) check("agreement CSV measure", m);

  // The files really were read: the long summary alone has dozens of metric names.
  CHECK(checked.size() > 80);
}
