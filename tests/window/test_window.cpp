// The real window, driven from outside like a user (xdotool under Xvfb): a code key creates
// an event that attune-cli sees at once, and SIGKILL loses nothing the window recorded.
#include <doctest/doctest.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <thread>

#include <nlohmann/json.hpp>

#include "../cli/process.h"
#include "running_app.h"

using namespace attune::test;
using nlohmann::json;

extern char** environ;

namespace {

const char* kScheme = R"({
  "name": "window-test", "version": 1, "description": "",
  "subjects": [{"id": "child", "name": "Child", "key": "F2"}],
  "groups": [{"id": "signals", "name": "Signals", "exclusive": false, "exhaustive": false}],
  "modifiers": [],
  "codes": [{"id": "bid", "name": "Bid", "group": "signals", "kind": "point", "subjects": ["child"], "key": "b",
             "color": "#1e88e5"}],
  "ratings": [], "rules": []
})";

std::size_t stored_events(const std::string& db) {
  auto r = run_process({ATTUNE_CLI_PATH, "--db", db, "event", "list", "1", "--json"});
  REQUIRE_MESSAGE(r.exit_code == 0, r.err);
  return json::parse(r.out).size();
}

// Polls until attune-cli sees `count` events; returns the wait in ms, or -1 after 5 s.
long wait_for_events(const std::string& db, std::size_t count) {
  const auto start = std::chrono::steady_clock::now();
  while (std::chrono::steady_clock::now() - start < std::chrono::seconds(5)) {
    if (stored_events(db) >= count)
      return static_cast<long>(
          std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - start).count());
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  return -1;
}

// A database in `dir` with the test scheme and session 1, a live observation (no video),
// made through attune-cli; its path.
std::string live_session_db(const TempDir& dir) {
  const std::string db = dir.file("attune.db");
  write_file(dir.file("scheme.json"), kScheme);
  REQUIRE(run_process({ATTUNE_CLI_PATH, "--db", db, "scheme", "import", dir.file("scheme.json")}).exit_code == 0);
  REQUIRE(run_process({ATTUNE_CLI_PATH, "--db", db, "session", "create", "--scheme", "window-test", "--dyad", "W"})
              .exit_code == 0);
  return db;
}

}  // namespace

TEST_SUITE("e2e") {
  TEST_CASE("the real window: a code key is durable at once and SIGKILL loses nothing") {
    REQUIRE_MESSAGE(std::getenv("DISPLAY"), "DISPLAY is not set: run under xvfb-run -a -s \"-screen 0 1280x800x24\"");
    TempDir dir;
    const std::string db = live_session_db(dir);

    // The window, in live mode (no video), on its own settings folder.
    std::vector<std::string> args = {ATTUNE_APP_PATH, "--db", db, "--session", "1"};
    setenv("XDG_CONFIG_HOME", dir.file("config").c_str(), 1);
    RunningApp app(args);
    REQUIRE(app.pid() > 0);

    auto found = run_process({"/usr/bin/timeout", "10", "/usr/bin/xdotool", "search", "--sync", "--name", "^Attune( - .*)?$"});
    REQUIRE_MESSAGE(found.exit_code == 0, "no Attune window appeared: ", found.err);
    const std::string window = found.out.substr(0, found.out.find('\n'));
    REQUIRE(run_process({"/usr/bin/xdotool", "windowfocus", "--sync", window}).exit_code == 0);
    std::this_thread::sleep_for(std::chrono::milliseconds(300));

    long slowest = 0;
    for (std::size_t i = 1; i <= 5; ++i) {
      REQUIRE(run_process({"/usr/bin/xdotool", "key", "b"}).exit_code == 0);
      const long waited = wait_for_events(db, i);
      CHECK_MESSAGE(waited >= 0, "event ", i, " never reached the database");
      slowest = std::max(slowest, waited);
    }
    MESSAGE("slowest key -> visible to attune-cli: " << slowest << " ms (includes xdotool and polling)");

    // A burst of keys, then SIGKILL as soon as the database shows them.
    REQUIRE(run_process({"/usr/bin/xdotool", "key", "--delay", "30", "b", "b", "b", "b", "b"}).exit_code == 0);
    CHECK(wait_for_events(db, 10) >= 0);
    const std::size_t before_kill = stored_events(db);
    const int status = app.stop(SIGKILL);
    CHECK(WIFSIGNALED(status));
    CHECK(stored_events(db) == before_kill);
    CHECK(before_kill == 10);
    auto verified = run_process({ATTUNE_CLI_PATH, "--db", db, "verify"});
    CHECK_MESSAGE(verified.exit_code == 0, verified.out, verified.err);
  }

  TEST_CASE("the real window: a session whose stored scheme no longer loads fails to open, and the window stays") {
    REQUIRE_MESSAGE(std::getenv("DISPLAY"), "DISPLAY is not set: run under xvfb-run -a -s \"-screen 0 1280x800x24\"");
    TempDir dir;
    const std::string db = live_session_db(dir);
    // The stored scheme damaged behind Attune's back (a hand edit, a bad tool).
    auto damaged = run_process({"/usr/bin/sqlite3", db, "UPDATE schemes SET json = '{\"name\": ' WHERE id = 1"});
    REQUIRE_MESSAGE(damaged.exit_code == 0, damaged.err);

    // Asked to open it at start: the open fails alone, the start screen shows why, and the
    // window runs on to its screenshot (before: "error: stored scheme …" and exit 1).
    const std::string png = dir.file("start.png");
    auto window = run_process({ATTUNE_APP_PATH, "--db", db, "--session", "1", "--screenshot", png, "--frames", "5"},
                              {"XDG_CONFIG_HOME=" + dir.file("config"), "ATTUNE_USER=tester"});
    CHECK_MESSAGE(window.exit_code == 0, window.err);
    CHECK(window.err.find("attune: Open session 1: stored scheme window-test@1 no longer loads") != std::string::npos);
    CHECK(std::filesystem::file_size(png) > 0);
  }
}
