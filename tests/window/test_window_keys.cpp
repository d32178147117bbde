// The real window under Xvfb, keys from outside (xdotool, XTEST): every press is recorded,
// once, in the order pressed, also when a key goes down and up within 1 ms (inside one UI
// frame), at 1x, 2x and 4x playback and with the CPU busy. Checked through attune-cli.
#include <doctest/doctest.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <string>
#include <thread>
#include <vector>

#include <nlohmann/json.hpp>

#include "../cli/process.h"
#include "running_app.h"

using namespace attune::test;
using nlohmann::json;

extern char** environ;

namespace {

// Point codes on letters and on F-keys (F5-F8: the keys ImGui 1.86 lost in a short press).
const char* kScheme = R"({
  "name": "window-keys", "version": 1, "description": "",
  "subjects": [{"id": "child", "name": "Child", "key": "F2"}],
  "groups": [{"id": "signals", "name": "Signals", "exclusive": false, "exhaustive": false}],
  "modifiers": [],
  "codes": [
    {"id": "a", "name": "A", "group": "signals", "kind": "point", "subjects": ["child"], "key": "a", "color": "#1e88e5"},
    {"id": "b", "name": "B", "group": "signals", "kind": "point", "subjects": ["child"], "key": "b", "color": "#1e88e5"},
    {"id": "c", "name": "C", "group": "signals", "kind": "point", "subjects": ["child"], "key": "c", "color": "#1e88e5"},
    {"id": "d", "name": "D", "group": "signals", "kind": "point", "subjects": ["child"], "key": "d", "color": "#1e88e5"},
    {"id": "x", "name": "X", "group": "signals", "kind": "point", "subjects": ["child"], "key": "x", "color": "#1e88e5"},
    {"id": "f5", "name": "F5", "group": "signals", "kind": "point", "subjects": ["child"], "key": "F5", "color": "#1e88e5"},
    {"id": "f6", "name": "F6", "group": "signals", "kind": "point", "subjects": ["child"], "key": "F6", "color": "#1e88e5"},
    {"id": "f7", "name": "F7", "group": "signals", "kind": "point", "subjects": ["child"], "key": "F7", "color": "#1e88e5"},
    {"id": "f8", "name": "F8", "group": "signals", "kind": "point", "subjects": ["child"], "key": "F8", "color": "#1e88e5"}
  ],
  "ratings": [], "rules": []
})";

void ok(const ProcessResult& r) { REQUIRE_MESSAGE(r.exit_code == 0, r.out, r.err); }

// Keys with 1 ms between them; xdotool sends each key's press and release back to back.
void keys(const std::vector<std::string>& names) {
  std::vector<std::string> args = {"/usr/bin/xdotool", "key", "--delay", "1"};
  args.insert(args.end(), names.begin(), names.end());
  ok(run_process(args));
}
void pause_ms(int ms) { std::this_thread::sleep_for(std::chrono::milliseconds(ms)); }

struct Stored {
  std::string code;
  long long start_us = 0;
};

// The session's events in the order they were recorded (by id).
std::vector<Stored> stored(const std::string& db) {
  auto r = run_process({ATTUNE_CLI_PATH, "--db", db, "event", "list", "1", "--json"});
  REQUIRE_MESSAGE(r.exit_code == 0, r.err);
  json rows = json::parse(r.out);
  std::sort(rows.begin(), rows.end(), [](const json& a, const json& b) { return a["id"] < b["id"]; });
  std::vector<Stored> out;
  for (const json& row : rows) out.push_back({row["code"].get<std::string>(), row["start_us"].get<long long>()});
  return out;
}

// Polls until attune-cli sees `count` events (at most 10 s).
std::vector<Stored> wait_for(const std::string& db, std::size_t count) {
  std::vector<Stored> events;
  for (int i = 0; i < 200; ++i) {
    events = stored(db);
    if (events.size() >= count) break;
    pause_ms(50);
  }
  return events;
}

std::string codes(const std::vector<Stored>& events, std::size_t from) {
  std::string text;
  for (std::size_t i = from; i < events.size(); ++i) text += (text.empty() ? "" : " ") + events[i].code;
  return text;
}

// Busy loops on every core, killed when this goes away.
class CpuLoad {
 public:
  explicit CpuLoad(int processes) {
    for (int i = 0; i < processes; ++i) {
      const pid_t pid = fork();
      if (pid == 0) {
        volatile unsigned long spin = 0;
        for (;;) spin = spin + 1;
      }
      if (pid > 0) pids_.push_back(pid);
    }
  }
  ~CpuLoad() {
    for (pid_t pid : pids_) {
      kill(pid, SIGKILL);
      waitpid(pid, nullptr, 0);
    }
  }

 private:
  std::vector<pid_t> pids_;
};

}  // namespace

TEST_SUITE("e2e") {
  TEST_CASE("the real window: 1 ms key presses all count once and in order at 1x 2x 4x and under CPU load") {
    REQUIRE_MESSAGE(std::getenv("DISPLAY"), "DISPLAY is not set: run under xvfb-run -a -s \"-screen 0 1280x800x24\"");
    TempDir dir;
    const std::string db = dir.file("attune.db"), clip = dir.file("clip.mp4");
    // A small clip made now (never committed): 120 s, so 4x playback does not reach its end.
    ok(run_process({"/usr/bin/ffmpeg", "-loglevel", "error", "-f", "lavfi", "-i",
                    "testsrc=duration=120:size=160x120:rate=25", "-c:v", "libx264", "-preset", "ultrafast",
                    "-pix_fmt", "yuv420p", clip}));
    write_file(dir.file("scheme.json"), kScheme);
    ok(run_process({ATTUNE_CLI_PATH, "--db", db, "scheme", "import", dir.file("scheme.json")}));
    ok(run_process({ATTUNE_CLI_PATH, "--db", db, "session", "create", "--scheme", "window-keys", "--dyad", "W",
                    "--video", clip}));

    std::vector<std::string> args = {ATTUNE_APP_PATH, "--db", db, "--session", "1"};
    setenv("XDG_CONFIG_HOME", dir.file("config").c_str(), 1);  // the default key map
    RunningApp app(args);
    REQUIRE(app.pid() > 0);
    auto found = run_process({"/usr/bin/timeout", "10", "/usr/bin/xdotool", "search", "--sync", "--name", "^Attune( - .*)?$"});
    REQUIRE_MESSAGE(found.exit_code == 0, "no Attune window appeared: ", found.err);
    const std::string window = found.out.substr(0, found.out.find('\n'));
    ok(run_process({"/usr/bin/xdotool", "windowfocus", "--sync", window}));
    pause_ms(1000);  // the video loads

    // One round: speed up, play, code while playing (x then Ctrl+Z undoes it), pause with
    // Space, code twice while paused. Every key is a 1 ms tap.
    const std::string expected = "a f5 b f6 c f7 d f8 a b";
    auto round = [&](int faster, const std::string& what) {
      CAPTURE(what);
      const std::size_t before = stored(db).size();
      for (int i = 0; i < faster; ++i) keys({"Up"});
      keys({"space"});  // play
      pause_ms(300);
      keys({"a", "F5", "b", "F6", "c", "F7", "x", "ctrl+z"});
      pause_ms(300);
      keys({"d", "F8", "space"});  // the last two while still playing, then pause
      pause_ms(300);
      keys({"a"});
      pause_ms(300);
      keys({"b"});
      const std::vector<Stored> events = wait_for(db, before + 10);
      CHECK(codes(events, before) == expected);  // every press, once, in order; x undone
      REQUIRE(events.size() == before + 10);
      const Stored* e = events.data() + before;
      CHECK(e[0].start_us > 0);                   // Space started playback
      CHECK(e[6].start_us > e[5].start_us);       // still playing 300 ms later
      CHECK(e[8].start_us == e[9].start_us);      // Space paused: 300 ms apart, one frame
      if (before > 0) CHECK(e[0].start_us > events[before - 1].start_us);  // played on
    };
    round(0, "1x");
    round(3, "2x");  // 1 -> 1.25 -> 1.5 -> 2
    round(2, "4x");  // 2 -> 3 -> 4
    {
      CpuLoad load(2);  // both cores of a CI machine
      round(0, "4x under CPU load");
      round(0, "4x under CPU load, again");
    }
    app.stop(SIGTERM);
    const std::vector<Stored> all = stored(db);
    CHECK(all.size() == 50);
  }
}
