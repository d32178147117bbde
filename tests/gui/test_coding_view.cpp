// The whole coding view, headless: what a supervisor sees while comparing.
#include <doctest/doctest.h>
#include <imgui.h>
#include <imgui_internal.h>

#include "app/coding/coding_view.h"
#include "gui_fixture.h"

using namespace attune;
using namespace attune::test;

namespace {
// The drawn window named `name`, or child window `name` ("Parent/name_0123ABCD"), or nullptr.
ImGuiWindow* window_named(const std::string& name) {
  for (ImGuiWindow* w : ImGui::GetCurrentContext()->Windows) {
    const std::string full = w->Name;
    if (!w->Active) continue;
    if (full == name || (name.front() == '/' && full.find(name + "_") != std::string::npos)) return w;
  }
  return nullptr;
}
bool overlap(const ImRect& a, const ImRect& b) { return a.Overlaps(b); }
}  // namespace

TEST_SUITE("gui") {
  TEST_CASE("coding view: comparing keeps the video in sight - the comparison takes the timeline's place") {
    TwoCodings codings;
    HeadlessImGui imgui;
    KeyQueue keys;
    CodingView view(codings.ws(), KeyMap(), codings.tw.dir() + "/keys.json", keys);
    view.comparison().open(codings.ws());
    for (int i = 0; i < 3; ++i) imgui.frame(nullptr, [&] { view.draw(); });
    REQUIRE(view.comparison().result().has_value());  // computed and drawn, docked
    CHECK(window_named("Compare codings") == nullptr);  // no window over the coding view
    ImGuiWindow* video = window_named("/video");
    ImGuiWindow* compare = window_named("/compare");
    REQUIRE(video != nullptr);
    REQUIRE(compare != nullptr);
    CHECK(video->Rect().GetHeight() > 150);
    CHECK_FALSE(overlap(video->Rect(), compare->Rect()));
    CHECK(window_named("/timeline") == nullptr);

    // As a window when asked; docked again from there; closed: the timeline is back.
    view.comparison().docked = false;
    imgui.frame(nullptr, [&] { view.draw(); });
    CHECK(window_named("Compare codings") != nullptr);
    view.comparison().docked = true;
    view.comparison().close();
    imgui.frame(nullptr, [&] { view.draw(); });
    CHECK(window_named("/timeline") != nullptr);
    CHECK(window_named("/compare") == nullptr);
  }
}
