// attune --show VIEW --screenshot FILE, as docs/make-screenshots.sh runs it for the user
// guide: every view the option names opens in the real window and is written to its PNG;
// a name that is not a view is refused before any window opens.
#include <doctest/doctest.h>

#include <cstdlib>
#include <filesystem>
#include <sstream>

#include "../cli/process.h"

using namespace attune::test;

namespace {

// The views `attune --help` offers: "... comma-separated (start, coding, review, ...)".
std::vector<std::string> offered_views() {
  const ProcessResult help = run_process({ATTUNE_APP_PATH, "--help"});
  REQUIRE(help.exit_code == 0);
  const std::string marker = "comma-separated (";
  const std::size_t from = help.out.find(marker);
  REQUIRE_MESSAGE(from != std::string::npos, help.out);
  const std::size_t to = help.out.find(')', from);
  std::istringstream list(help.out.substr(from + marker.size(), to - from - marker.size()));
  std::vector<std::string> names;
  for (std::string name; std::getline(list, name, ',');) names.push_back(name.substr(name.find_first_not_of(' ')));
  return names;
}

}  // namespace

TEST_SUITE("e2e") {
  TEST_CASE("the real window: attune --show opens each named view for a screenshot, and an unknown view is refused") {
    REQUIRE_MESSAGE(std::getenv("DISPLAY"), "DISPLAY is not set: run under xvfb-run -a -s \"-screen 0 1280x800x24\"");
    TempDir dir;
    const std::string db = dir.file("attune.db");
    setenv("XDG_CONFIG_HOME", dir.file("config").c_str(), 1);
    setenv("ATTUNE_USER", "Ann Lee", 1);
    // The demo session without its video (attune-cli does not make it): timed by a stopwatch.
    REQUIRE(run_process({ATTUNE_CLI_PATH, "--db", db, "demo"}).exit_code == 0);

    const std::vector<std::string> views = offered_views();
    REQUIRE(views.size() >= 10);
    CHECK(views.front() == "start");
    for (const std::string& view : views) {
      CAPTURE(view);
      const std::string png = dir.file(view + ".png");
      const ProcessResult shot = run_process({ATTUNE_APP_PATH, "--db", db, "--session", "1", "--show", view,
                                              "--screenshot", png, "--frames", "5", "--width", "800", "--height", "600"});
      CHECK_MESSAGE(shot.exit_code == 0, shot.err);
      CHECK(std::filesystem::exists(png));
      if (std::filesystem::exists(png)) CHECK(std::filesystem::file_size(png) > 1000);
    }

    const ProcessResult unknown = run_process({ATTUNE_APP_PATH, "--db", db, "--show", "review,revue"});
    CHECK(unknown.exit_code == 2);
    CHECK(unknown.err.rfind("error: --show: no view 'revue' (views: start, coding, review", 0) == 0);
    CHECK(unknown.err.find('\n') == unknown.err.size() - 1);  // one line
  }
}
