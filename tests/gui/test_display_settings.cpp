// Settings → Display: the font size saved per user (atomic, 0600), brought into range, and
// the fonts and style rebuilt for font size × the monitor's HiDPI scale only when either changes.
#include <doctest/doctest.h>
#include <imgui.h>
#include <sys/stat.h>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <iterator>

#include "app/logic/display_settings.h"
#include "app/platform/ui_scale.h"
#include "app/settings/display_settings_view.h"
#include "gui_fixture.h"

using namespace attune;

namespace {
struct TempDir {
  std::string path;
  TempDir() {
    char pattern[] = "/tmp/attune-display-XXXXXX";
    path = mkdtemp(pattern);
  }
  ~TempDir() {
    std::error_code ec;
    std::filesystem::remove_all(path, ec);
  }
};
}  // namespace

TEST_SUITE("gui") {
  TEST_CASE("display settings: the font size is saved per user, 0600, and read back in range") {
    TempDir dir;
    const std::string path = dir.path + "/attune/display.json";
    CHECK(DisplaySettings::load(path).font_size == DisplaySettings::kDefaultFontSize);  // no file: defaults
    DisplaySettingsView view;
    DisplaySettings settings;
    CHECK(view.set_font_size(settings, 19, path));
    CHECK(DisplaySettings::load(path).font_size == 19);
    struct stat st {};
    REQUIRE(stat(path.c_str(), &st) == 0);
    CHECK((st.st_mode & 0777) == 0600);
    // Written through a temporary file that was renamed: nothing else is left in the folder.
    CHECK(std::distance(std::filesystem::directory_iterator(dir.path + "/attune"), std::filesystem::directory_iterator{}) == 1);
    CHECK(view.set_font_size(settings, 40, path));
    CHECK(settings.font_size == DisplaySettings::kMaxFontSize);
    CHECK(view.set_font_size(settings, 3, path));
    CHECK(DisplaySettings::load(path).font_size == DisplaySettings::kMinFontSize);
    std::ofstream(path) << "{\"font_size\": 99.4}";
    CHECK(DisplaySettings::load(path).font_size == 24);
    std::ofstream(path) << "{ not json";
    std::string problem;
    CHECK(DisplaySettings::load(path, &problem).font_size == DisplaySettings::kDefaultFontSize);
    CHECK(problem.find("ignored") != std::string::npos);
  }

  TEST_CASE("display settings: fonts and style follow font size x HiDPI scale, rebuilt only on a change") {
    test::HeadlessImGui imgui;
    UiScale scale;
    CHECK(scale.apply(15, 1.0f));
    CHECK(ImGui::GetIO().Fonts->Fonts[0]->FontSize == 15);
    const float padding = ImGui::GetStyle().FramePadding.x;
    CHECK_FALSE(scale.apply(15, 1.0f));  // unchanged: nothing rebuilt
    CHECK(scale.apply(18, 2.0f));        // a bigger font on a HiDPI monitor
    CHECK(scale.pixels() == 36);
    CHECK(ImGui::GetIO().Fonts->Fonts[0]->FontSize == 36);
    CHECK(ImGui::GetStyle().FramePadding.x == std::floor(padding * 2.4f));  // ImGui floors scaled sizes
    CHECK(ImGui::GetIO().Fonts->IsBuilt());
    imgui.frame(nullptr, [] {  // a frame draws with the new atlas
      ImGui::Begin("x");
      ImGui::TextUnformatted("text");
      CHECK(ImGui::GetFontSize() == 36);
      ImGui::End();
    });
  }
}
