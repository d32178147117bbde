// Export benchmark (run by hand, never by ctest):
//
//   build-export/bench_export [--sessions N] [--events M] [--runs R] [--db PATH]
//
// Builds (once, cached next to the binary) a database of N sessions (default 1,000) with M
// events each (default 2,000) of the default scheme, then times, as separate processes on
// the same file, median of R runs (default 5; the runs interleave, after one warm-up round):
//   baseline   sqlite3 DB 'SELECT * FROM events' > /dev/null
//   summary    attune-cli export --all --what summary --format csv -o FILE   (the goal: ≤ 3×)
// and, for the record, the other batch exports. It prints each median and its ratio to the
// baseline, plus where the summary export's time goes (read / summarise / write).
//
// The events are inserted with one prepared statement in one transaction (no audit rows, no
// undo journal): a benchmark fixture, not how Attune codes.
#include <fcntl.h>
#include <spawn.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <SQLiteCpp/Database.h>
#include <SQLiteCpp/Statement.h>
#include <SQLiteCpp/Transaction.h>
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <iostream>
#include <random>
#include <string>
#include <vector>

#include "../cli/process.h"
#include "core/embedded.h"
#include "export/exporter.h"
#include "scheme/scheme_loader.h"
#include "store/store.h"

extern char** environ;

namespace {

using Clock = std::chrono::steady_clock;
using attune::Micros;

double seconds_since(Clock::time_point t0) { return std::chrono::duration<double>(Clock::now() - t0).count(); }

struct Timing {
  double wall = 0;
  double cpu = 0;  // user + system time of the process (all its threads)
};

// Runs argv with stdout (and stderr) sent to /dev/null.
Timing timed_run(const std::vector<std::string>& argv) {
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, STDOUT_FILENO, "/dev/null", O_WRONLY, 0);
  posix_spawn_file_actions_addopen(&actions, STDERR_FILENO, "/dev/null", O_WRONLY, 0);
  std::vector<std::string> args = argv;
  std::vector<char*> c_args;
  for (auto& a : args) c_args.push_back(a.data());
  c_args.push_back(nullptr);
  const auto t0 = Clock::now();
  pid_t pid = 0;
  if (posix_spawnp(&pid, c_args[0], &actions, nullptr, c_args.data(), environ) != 0) {
    std::cerr << "cannot start " << argv[0] << '\n';
    std::exit(1);
  }
  int status = 0;
  struct rusage usage {};
  wait4(pid, &status, 0, &usage);
  const double t = seconds_since(t0);
  posix_spawn_file_actions_destroy(&actions);
  if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
    std::cerr << argv[0] << " failed (status " << status << ")\n";
    std::exit(1);
  }
  auto secs = [](const timeval& tv) { return static_cast<double>(tv.tv_sec) + static_cast<double>(tv.tv_usec) / 1e6; };
  return {t, secs(usage.ru_utime) + secs(usage.ru_stime)};
}

double median(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  const std::size_t n = v.size();
  return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

// A plausible coded session: three episodes, alternating states in the exclusive groups,
// occasional distress, and point events (bids, parent talk and responses) filling the rest.
struct Row {
  std::string code, subject;
  Micros start;
  std::optional<Micros> end;
  std::string modifiers;
};

std::vector<Row> session_rows(std::mt19937& rng, int events, Micros duration) {
  std::vector<Row> rows;
  const Micros third = duration / 3;
  rows.push_back({"free_play", "dyad", 0, third, "{}"});
  rows.push_back({"still_face", "dyad", third, 2 * third, "{}"});
  rows.push_back({"reunion", "dyad", 2 * third, duration, "{}"});
  auto states = [&](std::vector<std::string> codes, const std::string& subject, int bouts) {
    const Micros step = duration / bouts;
    for (int i = 0; i < bouts; ++i)
      rows.push_back({codes[rng() % codes.size()], subject, i * step, (i + 1) * step, "{}"});
  };
  const int state_budget = events / 4;
  states({"child_positive", "child_neutral", "child_negative"}, "child", state_budget / 3);
  states({"parent_positive", "parent_neutral", "parent_negative", "parent_withdrawn"}, "parent", state_budget / 3);
  states({"joint_none", "supported", "coordinated"}, "dyad", state_budget / 3 - 20);
  for (int i = 0; i < 20; ++i) {
    const Micros at = static_cast<Micros>(rng() % static_cast<unsigned>(duration - 20'000'000));
    rows.push_back({"distress", "child", at, at + 2'000'000 + static_cast<Micros>(rng() % 8'000'000),
                    "{\"intensity\":\"" + std::to_string(1 + rng() % 3) + "\"}"});
  }
  const char* channels[] = {"vocal", "gesture", "show", "offer"};
  const char* minds[] = {"none", "appropriate", "non-attuned"};
  const char* talk[] = {"parent_neutral_talk", "behavior_description", "reflection", "labeled_praise", "question",
                        "command", "validate"};
  const char* responses[] = {"mirror", "comfort", "welcome", "intrusive"};
  while (static_cast<int>(rows.size()) < events) {
    const Micros at = static_cast<Micros>(rng() % static_cast<unsigned>(duration));
    switch (rng() % 4) {
      case 0:
        rows.push_back({"bid", "child", at, at, std::string("{\"channel\":\"") + channels[rng() % 4] + "\"}"});
        break;
      case 1:
      case 2:
        rows.push_back({talk[rng() % 7], "parent", at, at, std::string("{\"mind\":\"") + minds[rng() % 3] + "\"}"});
        break;
      default:
        rows.push_back({responses[rng() % 4], "parent", at, at, "{}"});
    }
  }
  return rows;
}

void build_database(const std::string& path, int sessions, int events) {
  std::cerr << "building " << path << ": " << sessions << " sessions x " << events << " events …\n";
  const auto t0 = Clock::now();
  std::filesystem::remove(path);
  {
    attune::Store store(path, attune::OpenMode::CreateIfMissing, "bench");
    const std::string text(attune::embedded_file("samples/schemes/attachment-core.json"));
    attune::SchemeLoadResult loaded = attune::load_scheme_text(text, "attachment-core.json");
    if (!loaded.ok()) throw std::runtime_error("the default scheme does not load");
    const auto scheme_id = store.import_scheme(text);
    for (int i = 0; i < sessions; ++i) {
      attune::Recording r;
      r.dyad = "B-" + std::to_string(i + 1);
      r.child_age_months = 6 + i % 18;
      r.session_type = "still-face";
      r.fps = {30, 1};
      r.duration = 1200 * attune::kMicrosPerSecond;
      store.create_session(r, scheme_id, i % 2 ? "coder-a" : "coder-b");
    }
  }
  SQLite::Database db(path, SQLite::OPEN_READWRITE);
  db.exec("PRAGMA synchronous=NORMAL");
  SQLite::Transaction tx(db);
  SQLite::Statement insert(db,
                           "INSERT INTO events (session_id, code, subject, start_us, end_us, frame, modifiers, comment, "
                           "created_utc, modified_utc) VALUES (?, ?, ?, ?, ?, ?, ?, '', '2025-01-01T00:00:00Z', "
                           "'2025-01-01T00:00:00Z')");
  std::mt19937 rng(20250101);
  for (int s = 1; s <= sessions; ++s)
    for (const Row& row : session_rows(rng, events, 1200 * attune::kMicrosPerSecond)) {
      insert.bind(1, s);
      insert.bind(2, row.code);
      insert.bind(3, row.subject);
      insert.bind(4, static_cast<std::int64_t>(row.start));
      if (row.end) insert.bind(5, static_cast<std::int64_t>(*row.end));
      else insert.bind(5);
      insert.bind(6, static_cast<std::int64_t>(row.start * 30 / attune::kMicrosPerSecond));
      insert.bind(7, row.modifiers);
      insert.exec();
      insert.reset();
    }
  tx.commit();
  db.exec("PRAGMA wal_checkpoint(TRUNCATE)");
  std::cerr << "built in " << seconds_since(t0) << " s\n";
}

bool database_matches(const std::string& path, int sessions, int events) {
  if (!std::filesystem::exists(path)) return false;
  try {
    SQLite::Database db(path, SQLite::OPEN_READONLY);
    const auto n = db.execAndGet("SELECT count(*) FROM sessions").getInt64();
    const auto e = db.execAndGet("SELECT count(*) FROM events").getInt64();
    return n == sessions && e == static_cast<std::int64_t>(sessions) * events;
  } catch (const std::exception&) {
    return false;
  }
}

}  // namespace

int main(int argc, char** argv) {
  int sessions = 1000, events = 2000, runs = 5;
  std::string db = (std::filesystem::path(argv[0]).parent_path() / "bench-export.db").string();
  for (int i = 1; i + 1 < argc; i += 2) {
    const std::string flag = argv[i], value = argv[i + 1];
    if (flag == "--sessions") sessions = std::stoi(value);
    else if (flag == "--events") events = std::stoi(value);
    else if (flag == "--runs") runs = std::stoi(value);
    else if (flag == "--db") db = value;
    else {
      std::cerr << "usage: bench_export [--sessions N] [--events M] [--runs R] [--db PATH]\n";
      return 2;
    }
  }
  if (!database_matches(db, sessions, events)) build_database(db, sessions, events);
  const auto size = std::filesystem::file_size(db);
  attune::test::TempDir out;
  std::printf("database: %s (%.1f MB), %d sessions x %d events; median of %d runs after a warm-up\n", db.c_str(),
              static_cast<double>(size) / 1e6, sessions, events, runs);

  struct Case {
    const char* label;
    std::vector<std::string> argv;
    std::string output;
    std::vector<double> times, cpu;
  };
  std::vector<Case> cases = {
      {"sqlite3 'SELECT * FROM events' > /dev/null", {"sqlite3", db, "SELECT * FROM events"}, "", {}, {}}};
  const std::vector<std::pair<const char*, std::vector<std::string>>> exports = {
      {"export summary csv (long)   <- goal <= 3x", {"--what", "summary", "--format", "csv"}},
      {"export summary csv (wide)", {"--what", "summary", "--format", "csv", "--layout", "wide"}},
      {"export summary json", {"--what", "summary", "--format", "json"}},
      {"export events csv", {"--what", "events", "--format", "csv"}},
      {"export events sdis", {"--what", "events", "--format", "sdis"}}};
  for (const auto& [label, args] : exports) {
    std::vector<std::string> argv_cli = {ATTUNE_CLI_PATH, "--db", db, "export", "--all"};
    argv_cli.insert(argv_cli.end(), args.begin(), args.end());
    const std::string output = out.file("out-" + std::to_string(cases.size()));
    argv_cli.insert(argv_cli.end(), {"-o", output});
    cases.push_back({label, argv_cli, output, {}, {}});
  }
  // Rounds interleave the baseline and the exports, so a machine shared with other work
  // slows them alike; the first round only warms up (page cache, dynamic loader).
  for (int round = 0; round <= runs; ++round)
    for (Case& c : cases) {
      const Timing t = timed_run(c.argv);
      if (round > 0) {
        c.times.push_back(t.wall);
        c.cpu.push_back(t.cpu);
      }
    }
  const double baseline = median(cases[0].times), baseline_cpu = median(cases[0].cpu);
  std::printf("%-44s %10s %7s %10s %7s\n", "", "wall", "ratio", "cpu", "ratio");
  for (const Case& c : cases) {
    const double t = median(c.times), cpu = median(c.cpu);
    std::printf("%-44s %8.3f s %6.2fx %8.3f s %6.2fx", c.label, t, t / baseline, cpu, cpu / baseline_cpu);
    if (!c.output.empty())
      std::printf("   (%.1f MB written)", static_cast<double>(std::filesystem::file_size(c.output)) / 1e6);
    std::printf("\n");
  }
  double load[3] = {0, 0, 0};
  if (getloadavg(load, 3) == 3) std::printf("load average at the end: %.2f %.2f %.2f\n", load[0], load[1], load[2]);

  // Where the summary export's time goes, in this process.
  attune::Store store(db, attune::OpenMode::MustExist, "bench");
  attune::exports::StoreSource source(store);
  attune::exports::ExportOptions options;
  const auto ids = source.all_sessions();
  double read = 0, summarise = 0;
  std::size_t n_events = 0;
  for (auto id : ids) {
    auto t0 = Clock::now();
    const attune::SessionInfo info = store.session(id);
    const attune::Recording recording = store.recording(info.recording_id);
    std::vector<attune::Event> ev = store.events(id);
    auto scheme = source.scheme(info.scheme_id);
    read += seconds_since(t0);
    n_events += ev.size();
    t0 = Clock::now();
    const auto s = attune::exports::make_export_session(info, recording, scheme, std::move(ev), {}, true);
    summarise += seconds_since(t0);
  }
  const auto t0 = Clock::now();
  std::size_t bytes = 0;
  attune::exports::export_sessions(source, ids, options, [&](std::string_view b) { bytes += b.size(); });
  const double whole = seconds_since(t0);
  std::printf("in-process: read %zu events %.3f s, summarise %.3f s, whole export to memory %.3f s (write ~%.3f s)\n",
              n_events, read, summarise, whole, std::max(0.0, whole - read - summarise));
  return 0;
}
