// attune-cli summary and export end to end: the real binary on a real database.
#include <doctest/doctest.h>
#include <pty.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <filesystem>
#include <map>

#include <nlohmann/json.hpp>

#include "../cli/process.h"
#include "export_cli.h"
#include "export_fixture.h"
#include "schema_check.h"

using namespace attune::test;
using namespace attune::export_test;
using nlohmann::json;

namespace {

mode_t mode_of(const std::string& path) {
  struct stat st {};
  REQUIRE(stat(path.c_str(), &st) == 0);
  return st.st_mode & 0777;
}

CsvTable csv_file(const std::string& path) {
  const CsvTable t = read_csv(read_file(path));
  REQUIRE_MESSAGE(t.ok, t.problem);
  return t;
}

std::string cell(const CsvTable& t, std::size_t row, const char* name) {
  const int c = column(t.rows[0], name);
  REQUIRE_MESSAGE(c >= 0, name);
  return t.rows[row][static_cast<std::size_t>(c)];
}

// SDIS entries (code,onset...) outside comments.
std::size_t sdis_entries(const std::string& text) {
  std::size_t n = 0;
  bool comment = false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '%') comment = true;
    if (text[i] == '\n') comment = false;
    if (!comment && text[i] == ',' && i > 0 && text[i - 1] != ' ' && text[i - 1] != '\n') ++n;
  }
  return n;
}

std::size_t files_in(const std::string& folder) {
  std::size_t n = 0;
  for ([[maybe_unused]] const auto& e : std::filesystem::directory_iterator(folder)) ++n;
  return n;
}

}  // namespace

TEST_CASE("export cli: the demo session's summary and every format agree with each other") {
  Cli cli;
  ok(cli({"demo"}));
  const auto summary = cli({"--json", "summary", "1"});
  ok(summary);
  const json sum = json::parse(summary.out);
  for (const char* key : {"session", "parameters", "codes", "rules"}) CHECK(sum.contains(key));
  int counted = 0;
  std::map<std::string, double> counts;  // subject/code over the whole session
  for (const json& c : sum["codes"])
    if (c["episode"].is_null()) {
      counted += c["count"].get<int>();
      counts[c["subject"].get<std::string>() + "/" + c["code"].get<std::string>()] = c["count"].get<double>();
    }
  const auto text_summary = cli({"summary", "1"});
  ok(text_summary);
  CHECK(text_summary.out.find("Whole session") != std::string::npos);
  CHECK(text_summary.out.find("bid_responsiveness") != std::string::npos);

  const std::map<std::string, std::vector<std::string>> exports = {
      {"events.csv", {"--what", "events", "--format", "csv"}},
      {"events.json", {"--what", "events", "--format", "json"}},
      {"events.sds", {"--what", "events", "--format", "sdis"}},
      {"summary.csv", {"--what", "summary", "--format", "csv"}},
      {"summary-wide.csv", {"--what", "summary", "--format", "csv", "--layout", "wide"}},
      {"summary.json", {"--what", "summary", "--format", "json"}},
      {"report.html", {"--what", "report", "--format", "html"}},
      {"report.json", {"--what", "report", "--format", "json"}}};
  for (const auto& [name, args] : exports) {
    std::vector<std::string> command = {"export", "1"};
    command.insert(command.end(), args.begin(), args.end());
    command.insert(command.end(), {"-o", cli.file(name)});
    const auto r = cli(command);
    ok(r);
    CHECK(r.err.empty());  // no progress bar: stderr is not a terminal
    CHECK(r.out.find("exported 1 session (") == 0);
    CHECK(mode_of(cli.file(name)) == 0600);
  }

  // Event counts agree across CSV, JSON, SDIS, the report and the summary.
  const CsvTable events_csv = csv_file(cli.file("events.csv"));
  const std::size_t events = events_csv.rows.size() - 1;
  CHECK(events > 20);
  const json events_json = json::parse(read_file(cli.file("events.json")));
  CHECK(schema_violations(events_json) == "");
  CHECK(events_json["sessions"][0]["events"].size() == events);
  CHECK(sdis_entries(read_file(cli.file("events.sds"))) == events);
  CHECK(static_cast<std::size_t>(counted) == events);  // the demo has no uncodable time
  const json report = json::parse(read_file(cli.file("report.json")));
  CHECK(schema_violations(report) == "");
  CHECK(report["sessions"][0]["events"].size() == events);
  CHECK(report["sessions"][0]["summary"]["codes"] == sum["codes"]);
  CHECK(report["sessions"][0]["summary"]["rules"] == sum["rules"]);
  CHECK(report["sessions"][0]["parameters"] == sum["parameters"]);
  const json summary_json = json::parse(read_file(cli.file("summary.json")));
  CHECK(schema_violations(summary_json) == "");
  CHECK(summary_json["sessions"][0]["summary"]["rules"] == sum["rules"]);

  // The long CSV holds the same counts and rule figures as the JSON.
  const CsvTable long_csv = csv_file(cli.file("summary.csv"));
  std::size_t compared = 0;
  for (std::size_t r = 1; r < long_csv.rows.size(); ++r) {
    if (cell(long_csv, r, "episode") != "" || cell(long_csv, r, "kind") != "code" || cell(long_csv, r, "metric") != "count")
      continue;
    const std::string key = cell(long_csv, r, "subject") + "/" + cell(long_csv, r, "item");
    CHECK_MESSAGE(std::stod(cell(long_csv, r, "value")) == counts.at(key), key);
    ++compared;
  }
  CHECK(compared == counts.size());
  double proportion = -1;
  for (const json& rule : sum["rules"])
    if (rule["id"] == "bid_responsiveness" && rule["episode"].is_null()) proportion = rule["proportion"].get<double>();
  REQUIRE(proportion >= 0);
  bool found = false;
  for (std::size_t r = 1; r < long_csv.rows.size(); ++r)
    if (cell(long_csv, r, "episode") == "" && cell(long_csv, r, "item") == "bid_responsiveness" &&
        cell(long_csv, r, "metric") == "proportion") {
      found = true;
      CHECK(std::stod(cell(long_csv, r, "value")) == proportion);
    }
  CHECK(found);
  const CsvTable wide = csv_file(cli.file("summary-wide.csv"));
  REQUIRE(wide.rows.size() == 2);
  CHECK(std::stod(cell(wide, 1, "bid_responsiveness.proportion")) == proportion);
  CHECK(std::stoul(cell(wide, 1, "events")) == events);

  // The report shows the same figures.
  const std::string html = read_file(cli.file("report.html"));
  char percent[32];
  std::snprintf(percent, sizeof percent, "%.1f %%", 100 * proportion);
  CHECK(html.find(percent) != std::string::npos);
  CHECK(html.find("<tr><th>Events</th><td>" + std::to_string(events)) != std::string::npos);
}

TEST_CASE("export cli: bad combinations and arguments exit 2 with one clear line, and write nothing") {
  Cli cli;
  ok(cli({"demo"}));
  const std::string out = cli.file("out.x");
  const std::vector<std::vector<std::string>> bad = {
      {"export", "1", "--what", "report", "--format", "sdis", "-o", out},
      {"export", "1", "--what", "summary", "--format", "sdis", "-o", out},
      {"export", "1", "--what", "events", "--format", "html", "-o", out},
      {"export", "1", "--what", "events", "--format", "csv", "--layout", "wide", "-o", out},
      {"export", "1", "--what", "summary", "--format", "json", "--profile", "spreadsheet", "-o", out},
      {"export", "1", "--what", "everything", "--format", "csv", "-o", out},
      {"export", "1", "--what", "events", "--format", "xlsx", "-o", out},
      {"export", "--what", "events", "--format", "csv", "-o", out},
      {"export", "1", "--all", "--what", "events", "--format", "csv", "-o", out},
      {"export", "1", "--what", "summary", "--format", "csv", "--param", "bid_responsiveness.windw_s=2", "-o", out},
      {"export", "1", "--what", "summary", "--format", "csv", "--param", "bid_responsiveness.window_s", "-o", out},
      {"export", "1", "--what", "events", "--format", "csv"},
      {"export", "x", "--what", "events", "--format", "csv", "-o", out},
      {"summary", "1", "--param", "nonsense.window_s=3"}};
  for (const auto& args : bad) {
    const auto r = cli(args);
    std::string shown;
    for (const auto& a : args) shown += a + " ";
    INFO(shown);
    CHECK(r.exit_code == 2);
    CHECK(r.err.rfind("error: ", 0) == 0);
    CHECK(r.err.find('\n') == r.err.size() - 1);  // one line
    CHECK(r.out.empty());
    CHECK_FALSE(std::filesystem::exists(out));
  }
  const auto sdis = cli({"export", "1", "--what", "report", "--format", "sdis", "-o", out});
  CHECK(sdis.err.find("html") != std::string::npos);
  const auto param = cli({"summary", "1", "--param", "nonsense.window_s=3"});
  CHECK(param.err.find("bid_responsiveness.window_s") != std::string::npos);  // names the settings there are
}

TEST_CASE("export cli: a failure part-way leaves neither the file nor a temporary file") {
  Cli cli;
  ok(cli({"demo"}));
  const std::string out = cli.file("exports.csv");
  const std::size_t before = files_in(cli.folder());
  const auto r = cli({"export", "1", "999", "--what", "events", "--format", "csv", "-o", out});
  CHECK(r.exit_code == 1);
  CHECK(r.err.find("999") != std::string::npos);
  CHECK_FALSE(std::filesystem::exists(out));
  CHECK(files_in(cli.folder()) == before);
  // An existing file of that name is left as it was.
  write_file(out, "yesterday's export");
  CHECK(cli({"export", "1", "999", "--what", "events", "--format", "csv", "-o", out}).exit_code == 1);
  CHECK(read_file(out) == "yesterday's export");
  // A folder that does not exist.
  const auto missing = cli({"export", "1", "--what", "events", "--format", "csv", "-o", cli.file("no/such/x.csv")});
  CHECK(missing.exit_code == 1);
  CHECK(missing.err.find("does not exist") != std::string::npos);
}

TEST_CASE("export cli: --all, -o - and --param") {
  Cli cli;
  ok(cli({"demo"}));
  ok(cli({"session", "create", "--scheme", "Attachment core", "--dyad", "D-2", "--duration", "60"}));
  ok(cli({"event", "add", "2", "bid", "--at", "3"}));
  const auto all = cli({"--json", "export", "--all", "--what", "summary", "--format", "json", "--param",
                        "bid_responsiveness.window_s=1.5", "-o", cli.file("all.json")});
  ok(all);
  const json result = json::parse(all.out);
  CHECK(result["sessions"] == 2);
  const json doc = json::parse(read_file(cli.file("all.json")));
  CHECK(schema_violations(doc) == "");
  REQUIRE(doc["sessions"].size() == 2);
  bool overridden = false;
  for (const json& p : doc["sessions"][1]["parameters"])
    if (p["name"] == "bid_responsiveness.window_s") {
      overridden = true;
      CHECK(p["value_s"] == 1.5);
      CHECK(p["source"] == "override");
    }
  CHECK(overridden);

  const auto stdout_export = cli({"export", "2", "--what", "events", "--format", "sdis", "-o", "-"});
  ok(stdout_export);
  CHECK(stdout_export.out.find("Timed ") != std::string::npos);
  CHECK(stdout_export.out.find("bid,3") != std::string::npos);

  // On standard output a file's bytes arrive as they are (CSV rows end in CR LF), not
  // escaped as text for a person is (no "\\r"), and equal the file written with -o PATH.
  const auto csv_stdout = cli({"export", "2", "--what", "events", "--format", "csv", "-o", "-"});
  ok(csv_stdout);
  CHECK(csv_stdout.out.find("\r\n") != std::string::npos);
  CHECK(csv_stdout.out.find("\\r") == std::string::npos);
  ok(cli({"export", "2", "--what", "events", "--format", "csv", "-o", cli.file("same.csv")}));
  CHECK(csv_stdout.out == read_file(cli.file("same.csv")));
}

TEST_CASE("export cli: a comment starting with '=' arrives neutralised in spreadsheet CSV, untouched in analysis CSV") {
  Cli cli;
  ok(cli({"demo"}));
  ok(cli({"event", "add", "1", "bid", "--at", "100.5", "--comment", "=HYPERLINK(\"http://evil\",\"click\")"}));
  // Comments are free text: only an --identified export carries them.
  ok(cli({"export", "1", "--what", "events", "--format", "csv", "--identified", "-o", cli.file("a.csv")}));
  ok(cli({"export", "1", "--what", "events", "--format", "csv", "--identified", "--profile", "spreadsheet", "-o",
          cli.file("s.csv")}));
  const std::string analysis = read_file(cli.file("a.csv"));
  const std::string spreadsheet = read_file(cli.file("s.csv"));
  CHECK(analysis.rfind("session,", 0) == 0);
  CHECK(spreadsheet.rfind("\xEF\xBB\xBFsession,", 0) == 0);
  const CsvTable a = read_csv(analysis), s = read_csv(std::string_view(spreadsheet).substr(3));
  REQUIRE(a.ok);
  REQUIRE(s.ok);
  bool seen = false;
  for (std::size_t r = 1; r < a.rows.size(); ++r)
    if (cell(a, r, "start_s") == "100.5") {
      seen = true;
      CHECK(cell(a, r, "comment") == "=HYPERLINK(\"http://evil\",\"click\")");
      CHECK(cell(s, r, "comment") == "'=HYPERLINK(\"http://evil\",\"click\")");
    }
  CHECK(seen);
}

TEST_CASE("export cli: a de-identified export (the default) holds no name, note, path or date of the session, in any format") {
  Cli cli;
  const std::string video = cli.file("Smith_home_visit.mp4");
  // A real (tiny) video: a file that is not one is refused at creation.
  REQUIRE(run_process({"/usr/bin/ffmpeg", "-v", "error", "-f", "lavfi", "-i", "testsrc=duration=1:size=64x48:rate=25",
                       "-pix_fmt", "yuv420p", video})
              .exit_code == 0);
  ok(cli({"session", "create", "--scheme", "Attachment core", "--dyad", "Jane Smith MARKDYAD", "--coder",
          "Dr Who MARKCODER", "--type", "home visit MARKTYPE", "--child-age-months", "14", "--video", video, "--fps", "25",
          "--duration", "120"}));
  ok(cli({"event", "add", "1", "free_play", "--at", "0", "--end", "120", "--comment", "MARKNOTE grandma visiting"}));
  ok(cli({"event", "add", "1", "bid", "--at", "3", "--modifier", "channel=vocal", "--comment", "MARKCOMMENT said Jane"}));
  ok(cli({"event", "add", "1", "reflection", "--at", "4"}));
  ok(cli({"event", "add", "1", "child_positive", "--at", "10", "--end", "30"}));
  const json sessions = json::parse(cli({"--json", "session", "list"}).out);
  const std::string created = sessions[0]["created_utc"].get<std::string>();
  REQUIRE(created.size() >= 19);
  const std::string date = created.substr(0, 10), time = created.substr(11, 8);

  const std::vector<std::vector<std::string>> formats = {
      {"--what", "events", "--format", "csv"},          {"--what", "events", "--format", "csv", "--profile", "spreadsheet"},
      {"--what", "events", "--format", "json"},         {"--what", "events", "--format", "sdis"},
      {"--what", "summary", "--format", "csv"},         {"--what", "summary", "--format", "csv", "--layout", "wide"},
      {"--what", "summary", "--format", "json"},        {"--what", "report", "--format", "html"},
      {"--what", "report", "--format", "json"}};
  int n = 0;
  for (const auto& f : formats)
    for (const bool said : {true, false}) {  // --deidentify given, or left to the default
      const std::string path = cli.file("deid-" + std::to_string(n++));
      std::vector<std::string> command = {"export", "--all", "-o", path};
      if (said) command.push_back("--deidentify");
      command.insert(command.end(), f.begin(), f.end());
      ok(cli(command));
      const std::string out = read_file(path);
      const std::string label = f[1] + " " + f[3] + " " + (f.size() > 4 ? f[5] : "");
      INFO(label);
      REQUIRE(out.size() > 100);
      for (const std::string& marker : {std::string("MARK"), std::string("Smith"), std::string("Jane"),
                                        std::string("Dr Who"), std::string("grandma"), std::string(".mp4"), cli.folder(),
                                        date, time})
        CHECK_MESSAGE(out.find(marker) == std::string::npos, marker);
      CHECK(out.find("dyad-1") != std::string::npos);
    }
  // With --identified the same markers are there (so the check above means something).
  ok(cli({"export", "--all", "--what", "report", "--format", "json", "--identified", "-o", cli.file("plain.json")}));
  const std::string plain = read_file(cli.file("plain.json"));
  for (const char* marker : {"MARKDYAD", "MARKCODER", "MARKTYPE", "MARKNOTE", "MARKCOMMENT", "Smith_home_visit.mp4"})
    CHECK_MESSAGE(plain.find(marker) != std::string::npos, std::string(marker));
  CHECK(plain.find(date) != std::string::npos);
}

TEST_CASE("export cli: a progress bar on a terminal, none otherwise") {
  Cli cli;
  ok(cli({"demo"}));
  ok(cli({"session", "create", "--scheme", "Attachment core", "--dyad", "D-2", "--duration", "60"}));
  const std::string out = cli.file("both.csv");
  // Not a terminal: stderr stays empty (checked in the first test too).
  const auto quiet = cli({"export", "--all", "--what", "summary", "--format", "csv", "-o", out});
  ok(quiet);
  CHECK(quiet.err.empty());

  // On a pseudo-terminal the bar is drawn and reaches 2/2.
  std::vector<std::string> args = {ATTUNE_CLI_PATH, "--db", cli.db(), "export", "--all", "--what", "summary",
                                   "--format", "csv", "-o", out};
  std::vector<char*> argv;
  for (auto& a : args) argv.push_back(a.data());
  argv.push_back(nullptr);
  int master = -1;
  const pid_t pid = forkpty(&master, nullptr, nullptr, nullptr);
  REQUIRE(pid >= 0);
  if (pid == 0) {
    execv(argv[0], argv.data());
    _exit(127);
  }
  std::string seen;
  char buf[4096];
  while (true) {
    const ssize_t n = read(master, buf, sizeof buf);
    if (n <= 0) break;  // EIO once the child has closed the terminal
    seen.append(buf, static_cast<std::size_t>(n));
  }
  close(master);
  int status = 0;
  waitpid(pid, &status, 0);
  CHECK(WIFEXITED(status));
  CHECK(WEXITSTATUS(status) == 0);
  CHECK(seen.find("exporting  [") != std::string::npos);
  CHECK(seen.find("2/2 sessions") != std::string::npos);
  CHECK(seen.find("exported 2 sessions") != std::string::npos);
}

TEST_CASE("export cli: every export is in the session's audit trail") {
  Cli cli;
  ok(cli({"demo"}));
  const std::string out = cli.file("events.csv");
  ok(cli({"export", "1", "--what", "events", "--format", "csv", "--deidentify", "-o", out}));
  const json trail = json::parse(cli({"audit", "1", "--json"}).out);
  std::size_t exports = 0;
  for (const json& row : trail)
    if (row.value("action", "") == "export") {
      ++exports;
      CHECK(row.dump().find("events csv de-identified to " + out) != std::string::npos);
    }
  CHECK(exports == 1);
  CHECK(cli({"verify"}).exit_code == 0);  // the export row keeps the hash chain intact
}
