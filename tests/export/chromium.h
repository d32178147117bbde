#pragma once
// Headless Chromium for the HTML checks (Debian's chromium package): the page's DOM as the
// browser built it, and a screenshot kept under <build folder>/test-output/export.
#include <doctest/doctest.h>
#include <unistd.h>

#include <filesystem>
#include <string>
#include <vector>

#include "../cli/process.h"

namespace attune::test {

inline constexpr const char* kChromium = "/usr/bin/chromium";

inline bool chromium_installed() { return access(kChromium, X_OK) == 0; }

// Where test output is kept: <build folder>/test-output/export.
inline std::filesystem::path output_folder() {
  const std::filesystem::path exe = std::filesystem::read_symlink("/proc/self/exe");
  std::filesystem::path folder = exe.parent_path() / "test-output" / "export";
  std::filesystem::create_directories(folder);
  return folder;
}

// No network, no sandbox (root in CI), a private profile.
inline std::vector<std::string> chromium_args(const std::string& profile_dir) {
  return {kChromium,           "--headless",  "--no-sandbox", "--disable-gpu", "--disable-quic",
          "--no-first-run",    "--disable-background-networking", "--disable-component-update",
          "--disable-sync",    "--user-data-dir=" + profile_dir};
}

// The DOM after the browser loaded `page` (a file path); fails the test when it cannot.
inline std::string chromium_dom(const std::string& page) {
  TempDir profile;
  std::vector<std::string> args = chromium_args(profile.path());
  args.push_back("--dump-dom");
  args.push_back("file://" + page);
  const ProcessResult dom = run_process(args);
  REQUIRE_MESSAGE(dom.exit_code == 0, dom.err);
  return dom.out;
}

// A `height`-pixel-high, 1280-wide screenshot of `page` saved as output_folder()/png_name,
// checked to be a real PNG; returns its path (to look at).
inline std::string chromium_screenshot(const std::string& page, const std::string& png_name, int height) {
  TempDir profile;
  const std::string png = (output_folder() / png_name).string();
  std::filesystem::remove(png);
  std::vector<std::string> shot = chromium_args(profile.path());
  shot.push_back("--screenshot=" + png);
  shot.push_back("--window-size=1280," + std::to_string(height));
  shot.push_back("--hide-scrollbars");
  shot.push_back("file://" + page);
  const ProcessResult taken = run_process(shot);
  REQUIRE_MESSAGE(taken.exit_code == 0, taken.err);
  REQUIRE(std::filesystem::exists(png));
  CHECK(std::filesystem::file_size(png) > 20'000);
  CHECK(read_file(png).rfind("\x89PNG", 0) == 0);
  return png;
}

}  // namespace attune::test
