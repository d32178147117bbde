// The comparison view's stacked timelines, headless: coding A's lanes above coding B's on one
// time axis, the disagreements as spans on the compared lanes, clicks that seek, one
// window for both, layouts cached while nothing changes; and the per-code table on screen.
#include <doctest/doctest.h>
#include <imgui.h>

#include "app/review/comparison_view.h"
#include "gui_fixture.h"

using namespace attune;
using namespace attune::test;

namespace {

// The codings of TwoCodings (gui_fixture.h): they disagree on [4 s, 6 s) only.
struct Rig : TwoCodings {
  HeadlessImGui imgui;
  ComparisonView view;
  std::string rendered;  // the text of the last frame

  Rig() {
    view.open(ws());
    view.timelines().set_view(0, 20'000'000);  // 0–20 s across the track
  }
  // Draws one frame; the text it rendered is logged "to the clipboard", which is `rendered`.
  void frame(const std::function<void(ImGuiIO&)>& input = nullptr) {
    ImGuiIO& io = ImGui::GetIO();
    io.ClipboardUserData = &rendered;
    io.SetClipboardTextFn = [](void* to, const char* text) { *static_cast<std::string*>(to) = text; };
    rendered.clear();
    imgui.frame(input, [&] {
      ImGui::LogToClipboard();
      view.draw(ws());
      ImGui::LogFinish();
    });
  }
  // A click (press, then release) at a screen point.
  void click(float x, float y) {
    frame([&](ImGuiIO& io) { io.MousePos = ImVec2(x, y); });
    frame([&](ImGuiIO& io) { io.MouseDown[0] = true; });
    frame([&](ImGuiIO& io) { io.MouseDown[0] = false; });
  }
  bool shows(const std::string& text) const { return rendered.find(text) != std::string::npos; }
};

}  // namespace

TEST_SUITE("gui") {
  TEST_CASE("stacked timelines: A above B on one axis with the disagreement marked on the compared lanes") {
    Rig rig;
    rig.frame();
    rig.frame();
    REQUIRE(rig.view.result());
    const StackedTimelineView& t = rig.view.timelines();
    // Only the compared group's lanes by default: Child · Child affect, in both blocks.
    REQUIRE(t.rows().size() == 1);
    CHECK(t.layout_a().lanes()[t.rows()[0]].group == "affect");
    CHECK(t.compared() == std::vector<bool>{true});
    CHECK(t.row_center_y(true, 0) > t.row_center_y(false, 0));  // B below A

    // One window, one width: the same moment is at the same x in both layouts.
    const float w = t.track_width();
    REQUIRE(w > 100.0f);
    CHECK(t.layout_a().t0() == 0);
    CHECK(t.layout_b().t1() == 20'000'000);
    CHECK(t.layout_b().width() == doctest::Approx(w));
    const auto& a_items = t.layout_a().items()[t.rows()[0]];
    const auto& b_items = t.layout_b().items()[t.rows()[0]];
    REQUIRE(a_items.size() == 2);
    REQUIRE(b_items.size() == 2);
    CHECK(a_items[1].x0 == doctest::Approx(w * 4.0f / 20.0f));  // A's Negative starts at 4 s
    CHECK(b_items[1].x0 == doctest::Approx(w * 6.0f / 20.0f));  // B's at 6 s

    // The disagreement [4 s, 6 s) is one red span from 4/20 to 6/20 of the track.
    REQUIRE(rig.view.spans().spans().size() == 1);
    CHECK(rig.view.spans().spans()[0].x0 == doctest::Approx(w * 4.0f / 20.0f));
    CHECK(rig.view.spans().spans()[0].x1 == doctest::Approx(w * 6.0f / 20.0f));

    // Every lane on request: 4 lanes (affect, distress, signals × parent and child), only the
    // affect lane compared.
    rig.view.all_lanes = true;
    rig.frame();
    CHECK(t.rows().size() == 4);
    CHECK(t.compared() == std::vector<bool>{true, false, false, false});
  }

  TEST_CASE("stacked timelines: cached while nothing changes, relaid when the window or a coding changes") {
    Rig rig;
    rig.frame();
    rig.frame();
    const StackedTimelineView& t = rig.view.timelines();
    const std::uint64_t a_items = t.layout_a().item_builds(), b_items = t.layout_b().item_builds();
    const std::uint64_t a_index = t.layout_a().index_builds();
    const std::uint64_t merges = rig.view.spans().merge_builds(), layouts = rig.view.spans().layout_builds();
    for (int i = 0; i < 5; ++i) rig.frame();
    CHECK(t.layout_a().item_builds() == a_items);
    CHECK(t.layout_b().item_builds() == b_items);
    CHECK(rig.view.spans().merge_builds() == merges);
    CHECK(rig.view.spans().layout_builds() == layouts);

    // Zoom (one window for both codings): both layouts and the spans are laid out again.
    rig.view.timelines().window().zoom(0.5, 5'000'000);
    rig.frame();
    CHECK(t.layout_a().item_builds() == a_items + 1);
    CHECK(t.layout_b().item_builds() == b_items + 1);
    CHECK(t.layout_a().t0() == t.layout_b().t0());
    CHECK(t.layout_a().t1() == t.layout_b().t1());
    CHECK(rig.view.spans().layout_builds() == layouts + 1);
    CHECK(rig.view.spans().merge_builds() == merges);

    // An edit of coding A: A's index is patched with it, the result and its spans rebuilt.
    const auto a_patches = t.layout_a().index_patches();
    REQUIRE(rig.ws().apply(AddEvent{.code = "check", .start = 7'000'000}));
    rig.frame();
    CHECK(t.layout_a().index_patches() == a_patches + 1);
    CHECK(t.layout_a().index_builds() == a_index);
    CHECK(rig.view.spans().merge_builds() == merges + 1);
  }

  TEST_CASE("stacked timelines: a click seeks to the moment, a click on a point event to that event") {
    Rig rig;
    rig.frame();
    rig.frame();
    const StackedTimelineView& t = rig.view.timelines();
    const float w = t.track_width();
    // In B's block at 8 s (inside B's Negative bar): the moment under the cursor.
    rig.click(t.track_left() + w * 8.0f / 20.0f, t.row_center_y(true, 0));
    CHECK(rig.ws().clock().position() == doctest::Approx(8'000'000).epsilon(0.01));
    CHECK_FALSE(rig.ws().selected);  // nothing of B is selected in A's list
    // In A's block at 15 s, past every event.
    rig.click(t.track_left() + w * 15.0f / 20.0f, t.row_center_y(false, 0));
    CHECK(rig.ws().clock().position() == doctest::Approx(15'000'000).epsilon(0.01));

    // Point codes compared: a click on A's bid tick seeks to it and selects it.
    rig.view.settings.request.group = kPointCodes;
    rig.view.settings.request.method = AgreementMethod::EventBased;
    rig.frame();
    rig.frame();
    REQUIRE(rig.view.result());
    std::optional<std::size_t> child_signals;
    for (std::size_t r = 0; r < t.rows().size(); ++r) {
      const TimelineLane& lane = t.layout_a().lanes()[t.rows()[r]];
      if (lane.group == "signals" && lane.subject == "child") child_signals = r;
    }
    REQUIRE(child_signals);
    rig.click(t.x_of(2'000'000) + 1.0f, t.row_center_y(false, *child_signals));
    CHECK(rig.ws().clock().position() == 2'000'000);
    REQUIRE(rig.ws().selected);
    CHECK(rig.ws().model().find(*rig.ws().selected)->code == "bid");
    // B's bid tick at 2.5 s: seeks there, A's selection stays.
    const EventId selected = *rig.ws().selected;
    rig.click(t.x_of(2'500'000), t.row_center_y(true, *child_signals));
    CHECK(rig.ws().clock().position() == 2'500'000);
    CHECK(rig.ws().selected == selected);
  }

  TEST_CASE("stacked timelines: Escape cancels a drag as on the coding timeline, the release does nothing") {
    Rig rig;
    rig.frame();
    rig.frame();
    const StackedTimelineView& t = rig.view.timelines();
    const float x = t.x_of(10'000'000), y = t.row_center_y(false, 0);
    const Micros position = rig.ws().clock().position();
    auto escape = [&](bool down) { ImGui::GetIO().KeysDown[ImGui::GetIO().KeyMap[ImGuiKey_Escape]] = down; };
    rig.frame([&](ImGuiIO& io) { io.MousePos = ImVec2(x, y); });
    rig.frame([&](ImGuiIO& io) { io.MouseDown[0] = true; });
    rig.frame([&](ImGuiIO& io) {
      io.MouseDown[0] = true;
      io.MousePos = ImVec2(x - 200, y);
    });
    CHECK(rig.view.timelines().window().t0 > 0);  // panning
    escape(true);
    rig.frame([&](ImGuiIO& io) { io.MouseDown[0] = true; });
    escape(false);
    CHECK(rig.view.timelines().window().t0 == 0);  // back where the drag found it
    rig.frame([&](ImGuiIO& io) {
      io.MouseDown[0] = true;
      io.MousePos = ImVec2(x - 300, y);
    });
    rig.frame([&](ImGuiIO& io) { io.MouseDown[0] = false; });
    CHECK(rig.view.timelines().window().t0 == 0);
    CHECK(rig.ws().clock().position() == position);  // no click, no seek
  }

  TEST_CASE("the statistics panel shows the per-code agreement table") {
    Rig rig;
    rig.frame();
    rig.frame();
    // The recording's 20 s: 1 s units 0–19, of which 10–19 neither coding covers (none, none).
    const AgreementResult& r = *rig.view.result();
    REQUIRE(r.codes == std::vector<std::string>{"pos", "neg", "none"});
    CHECK(r.duration == 20'000'000);
    // Units 0–3 (pos, pos), 4–5 (neg, pos), 6–9 (neg, neg), 10–19 (none, none).
    //   pos: agreements 4, disagreements 2 (its column: the two (neg, pos) units) → 4/6 = 66.7 %
    //   neg: agreements 4, disagreements 2 (its row) → 66.7 %;  none: 10 and 0 → 100.0 %
    REQUIRE(r.per_code.size() == 3);
    CHECK(r.per_code[0].agreements == 4);
    CHECK(r.per_code[0].disagreements == 2);
    CHECK(r.per_code[1].agreements == 4);
    CHECK(r.per_code[1].disagreements == 2);
    // The panel as rendered text (ImGui's log of the frame): the table's rows, cell by cell.
    CHECK(rig.shows("Per code"));
    CHECK(rig.shows("| Code | Agree | Disagree | % |"));
    CHECK(rig.shows("| Positive | 4 | 2 | 66.7 |"));
    CHECK(rig.shows("| Negative | 4 | 2 | 66.7 |"));
    CHECK(rig.shows("| none | 10 | 0 | 100.0 |"));
    // Beside it, κ over the table [[4,0,0],[2,4,0],[0,0,10]], N = 20: Po = 18/20,
    // Pe = (4·6 + 6·4 + 10·10)/400 = 148/400, κ = (360 − 148)/(400 − 148) = 212/252 = 0.841.
    CHECK(rig.shows("κ = 0.841"));
    CHECK(rig.shows("N = 20"));
    // A new result shows on the next frame. Tolerance 2 units, tallied from both sides: A's
    // side pos 4, neg 6, none 10; B's side pos 6, neg 4, none 10; all agreements.
    rig.view.settings.request.tolerance_units = 2;
    rig.frame();
    CHECK_FALSE(rig.shows("66.7"));
    CHECK(rig.shows("| Positive | 10 | 0 | 100.0 |"));
    CHECK(rig.shows("| Negative | 10 | 0 | 100.0 |"));
    CHECK(rig.shows("| none | 20 | 0 | 100.0 |"));
  }
}
