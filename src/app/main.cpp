// attune: the coding window. See README.md.
#include <CLI/CLI.hpp>

#include <iostream>

#include "app/app.h"
#include "core/version.h"
#include "app/platform/screenshot.h"
#include "core/error.h"

int main(int argc, char** argv) {
  attune::AppOptions options;
  std::optional<long long> session;
  CLI::App cli{"attune: code recorded parent–child sessions against a coding scheme", "attune"};
  cli.set_version_flag("--version", std::string("attune ") + attune::version());
  cli.add_option("--db", options.db_path, "Database file (default: $ATTUNE_DB, else $XDG_DATA_HOME/attune/attune.db)");
  cli.add_option("--session", session, "Open this session");
  cli.add_flag("--demo", options.demo, "Open the demo session (created with its video when missing)");
  cli.add_option("--screenshot", options.screenshot, "Write the window to this PNG file after --frames frames, then exit");
  std::string show;
  std::string views;
  for (std::string_view v : attune::show_view_names()) views += (views.empty() ? "" : ", ") + std::string(v);
  cli.add_option("--show", show, "Open these views, comma-separated (" + views + "), e.g. for a screenshot");
  cli.add_option("--frames", options.frames, "Frames to render before the screenshot")->check(CLI::Range(1, 100000));
  cli.add_option("--width", options.width, "Window width")->check(CLI::Range(640, 7680));
  cli.add_option("--height", options.height, "Window height")->check(CLI::Range(480, 4320));
  try {
    cli.parse(argc, argv);
  } catch (const CLI::CallForHelp& e) {
    return cli.exit(e);
  } catch (const CLI::CallForVersion& e) {
    return cli.exit(e);
  } catch (const CLI::ParseError& e) {
    std::cerr << "error: " << e.what() << " (see attune --help)\n";
    return 2;
  }
  try {
    options.show = attune::parse_show_views(show);
  } catch (const attune::Error& e) {
    std::cerr << "error: " << e.what() << '\n';
    return 2;
  }
  if (session) {
    if (*session < 1) {
      std::cerr << "error: --session must be a positive whole number\n";
      return 2;
    }
    options.session = *session;
  }
  return attune::run_app(options);
}
