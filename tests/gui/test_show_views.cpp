// attune --show NAME[,NAME…]: each named view opens (the user guide's screenshots are made
// with it, docs/make-screenshots.sh), and a name that is not a view is refused.
#include <doctest/doctest.h>
#include <imgui.h>
#include <imgui_internal.h>

#include <map>

#include "app/coding/coding_view.h"
#include "app/platform/screenshot.h"
#include "core/error.h"
#include "gui_fixture.h"

using namespace attune;
using namespace attune::test;

namespace {

// The drawn window named `name`, or child window `name` ("Parent/name_0123ABCD"), or nullptr.
ImGuiWindow* shown(const std::string& name) {
  for (ImGuiWindow* w : ImGui::GetCurrentContext()->Windows) {
    const std::string full = w->Name;
    if (!w->Active) continue;
    if (full == name || (name.front() == '/' && full.find(name + "_") != std::string::npos)) return w;
  }
  return nullptr;
}

// What each view name shows in the coding view: an ImGui window or a docked child; ""
// for the names that are not panels of the coding view.
const std::string kSchemeEditor = "Coding schemes###scheme editor";
const std::map<std::string, std::string> kShows = {
    {"start", ""},           {"coding", ""},         {"review", "Review"},  {"ratings", "Global ratings"},
    {"audit", "Audit trail"}, {"compare", "/compare"}, {"all-lanes", ""},    {"export", "Export"},
    {"keys", "Keyboard shortcuts"}, {"settings", "Settings"}, {"display", "Display"},
    {"schemes", kSchemeEditor},      {"schemes:groups", kSchemeEditor},    {"schemes:subjects", kSchemeEditor},
    {"schemes:modifiers", kSchemeEditor}, {"schemes:ratings", kSchemeEditor}, {"schemes:rules", kSchemeEditor},
};
const char* kPanels[] = {"Review", "Global ratings", "Audit trail", "/compare", "Export", "Keyboard shortcuts",
                         "Settings", "Display", "Coding schemes###scheme editor"};

}  // namespace

TEST_SUITE("gui") {
  TEST_CASE("attune --show: a comma-separated list of known views, and an unknown name is refused naming the known ones") {
    CHECK(parse_show_views("") == std::vector<std::string>{});
    CHECK(parse_show_views("review") == std::vector<std::string>{"review"});
    CHECK(parse_show_views("compare,all-lanes") == std::vector<std::string>{"compare", "all-lanes"});
    try {
      parse_show_views("review,revue");
      FAIL("an unknown view was accepted");
    } catch (const Error& e) {
      CHECK(e.kind() == ErrorKind::InvalidInput);
      const std::string message = e.what();
      CHECK(message.find("'revue'") != std::string::npos);
      CHECK(message.find("review, ratings") != std::string::npos);
    }
    // Every name the option offers is covered by the next test.
    for (std::string_view name : show_view_names()) CHECK_MESSAGE(kShows.count(std::string(name)) == 1, name);
  }

  TEST_CASE("attune --show: each named view opens in the coding view, and only that one") {
    for (const auto& [name, window] : kShows) {
      CAPTURE(name);
      TwoCodings codings;  // a master coding to compare with
      HeadlessImGui imgui;
      KeyQueue keys;
      CodingView view(codings.ws(), KeyMap(), codings.tw.dir() + "/keys.json", keys);
      DisplaySettings display;
      view.set_display(&display, codings.tw.dir() + "/display.json");
      view.open_panels(parse_show_views(name));
      for (int i = 0; i < 3; ++i) imgui.frame(nullptr, [&] { view.draw(); });
      if (!window.empty()) CHECK_MESSAGE(shown(window) != nullptr, window << " is not shown");
      for (const char* panel : kPanels)
        if (panel != window) CHECK_MESSAGE(shown(panel) == nullptr, panel << " is shown too");
      if (name == "all-lanes") CHECK(view.comparison().all_lanes);
      if (name == "compare") CHECK(view.comparison().result().has_value());  // computed against the master
    }
  }
}
