// TimelineView headless: mouse input through ImGuiIO, a Workspace on a real SQLite file.
#include <doctest/doctest.h>

#include <cmath>

#include "app/timeline/timeline_view.h"
#include "gui_fixture.h"

namespace attune {
namespace {

constexpr Micros kS = kMicrosPerSecond;

// A timeline filling a fixed 1000x300 window at the top left, driven one frame at a time.
class TimelineHarness {
 public:
  explicit TimelineHarness(float height = 300) : height_(height) { frame(); }  // hoverable from the next frame

  void frame() {
    gui_.frame(
        [&](ImGuiIO& io) {
          io.MousePos = mouse_;
          io.MouseDown[0] = down_;
          io.MouseWheel = wheel_;
          io.KeyShift = shift_;
          io.KeyCtrl = ctrl_;
          wheel_ = 0;
        },
        [&] {
          ImGui::SetNextWindowPos(ImVec2(0, 0));
          ImGui::SetNextWindowSize(ImVec2(1000, height_));
          ImGui::Begin("timeline", nullptr, ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove);
          view.draw(*env.ws);
          ImGui::End();
        });
  }
  void move(float x, float y) {
    mouse_ = ImVec2(x, y);
    frame();
  }
  void press() {
    down_ = true;
    frame();
  }
  void release() {
    down_ = false;
    frame();
  }
  void click(float x, float y) {
    move(x, y);
    press();
    release();
  }
  void wheel(float amount, bool shift = false, bool ctrl = false) {
    wheel_ = amount;
    shift_ = shift;
    ctrl_ = ctrl;
    frame();
    shift_ = ctrl_ = false;
  }
  float lane_y(const char* code, const char* subject) const {
    auto lane = view.layout().lane_of(code, subject);
    REQUIRE(lane.has_value());
    return view.lane_center_y(*lane);
  }
  Workspace& ws() { return *env.ws; }
  EventId add(AddEvent add) {
    auto change = env.ws->apply(add);
    REQUIRE(change.has_value());
    return change->ops.back().after.id;
  }

  test::HeadlessImGui gui_;
  test::TestWorkspace env;
  TimelineView view;

 private:
  ImVec2 mouse_{-1000, -1000};
  bool down_ = false, shift_ = false, ctrl_ = false;
  float wheel_ = 0;
  float height_;
};

}  // namespace

TEST_SUITE("gui") {
  TEST_CASE("timeline: clicking a bar selects its event and seeks to it") {
    TimelineHarness h;
    const EventId id = h.add({.code = "pos", .subject = "child", .start = 10 * kS, .end = 20 * kS});
    h.view.set_view(0, 60 * kS);
    h.frame();
    CHECK(h.view.layout().lanes().size() == 4);
    h.click(h.view.x_of(15 * kS), h.lane_y("pos", "child"));
    REQUIRE(h.ws().selected.has_value());
    CHECK(*h.ws().selected == id);
    CHECK(h.ws().clock().position() == 10 * kS);
    CHECK(h.ws().history().undo_label() == std::optional<std::string>("Add Positive"));  // nothing edited
  }

  TEST_CASE("timeline: a state with no end is drawn open-ended past the playhead, also before its start") {
    TimelineHarness h;
    const EventId id = h.add({.code = "pos", .subject = "child", .start = 30 * kS});  // no end yet
    h.view.set_view(0, 60 * kS);
    h.ws().clock().seek(10 * kS);  // the playhead before its start: it is not running there
    h.frame();
    const auto lane = h.view.layout().lane_of("pos", "child");
    REQUIRE(lane);
    REQUIRE(h.view.layout().items()[*lane].size() == 1);
    const TimelineItem& item = h.view.layout().items()[*lane][0];
    CHECK(item.kind == TimelineItemKind::Open);
    const float width = h.view.track_width();
    OpenExtent before = open_extent(item, h.view.layout().x_of(10 * kS), width);
    CHECK(before.solid_x1 == item.x0);    // nothing solid: not running at the playhead
    CHECK(before.open_x1 >= width);       // open to the right edge: it has no end
    OpenExtent after = open_extent(item, h.view.layout().x_of(45 * kS), width);
    CHECK(after.solid_x1 == doctest::Approx(h.view.layout().x_of(45 * kS)));  // running up to the playhead
    CHECK(after.open_x1 >= width);        // and not stopped there
    // The open part is the event's own: a click on it right of the playhead selects it.
    h.ws().clock().seek(35 * kS);
    h.frame();
    h.click(h.view.x_of(50 * kS), h.lane_y("pos", "child"));
    REQUIRE(h.ws().selected.has_value());
    CHECK(*h.ws().selected == id);
  }

  TEST_CASE("timeline: a seek that puts the playhead out of view centres it, a pan away from it stays") {
    TimelineHarness h;
    h.view.set_view(0, 60 * kS);
    h.frame();
    h.ws().clock().seek(200 * kS);  // the event list, a key, go-to
    h.frame();
    CHECK(h.view.view_start() <= 200 * kS);
    CHECK(h.view.view_end() > 200 * kS);
    CHECK(h.view.view_end() - h.view.view_start() == 60 * kS);  // the zoom kept
    h.view.set_view(0, 60 * kS);  // the user pans away from the still playhead
    h.frame();
    h.frame();
    CHECK(h.view.view_start() == 0);
  }

  TEST_CASE("timeline: with a big font (or HiDPI) lanes grow with the text instead of overlapping it") {
    TimelineHarness h(600);
    ImGui::GetIO().FontGlobalScale = 2.5f;  // 13 px -> ~32 px text
    h.frame();
    h.frame();
    const float text_h = 13.0f * 2.5f;
    CHECK(h.view.lane_center_y(1) - h.view.lane_center_y(0) >= text_h);
  }

  TEST_CASE("timeline: clicking empty space seeks there without selecting") {
    TimelineHarness h;
    h.view.set_view(0, 60 * kS);
    h.frame();
    const float x = h.view.x_of(30 * kS) + 0.25f;
    h.click(x, h.lane_y("bid", "child"));
    const double us_per_px = static_cast<double>(60 * kS) / h.view.track_width();
    // ImGui 1.86 floors io.MousePos: the click lands on the pixel's left edge.
    const Micros expected = std::llround((std::floor(x) - h.view.track_left()) * us_per_px);
    CHECK(h.ws().clock().position() == expected);
    CHECK_FALSE(h.ws().selected.has_value());
  }

  TEST_CASE("timeline: dragging a bar's end edge is one undo step of the dragged distance") {
    TimelineHarness h;
    const EventId id = h.add({.code = "pos", .subject = "child", .start = 10 * kS, .end = 20 * kS});
    h.view.set_view(0, 60 * kS);
    h.frame();
    const float y = h.lane_y("pos", "child");
    const float x = h.view.x_of(20 * kS) - 1.0f;  // within the grab distance of the end edge
    const float pixels = 37;
    const double us_per_px = static_cast<double>(h.view.view_end() - h.view.view_start()) / h.view.track_width();
    const Micros expected = 20 * kS + std::llround(pixels * us_per_px);

    h.move(x, y);
    h.press();
    for (int step = 1; step <= 10; ++step) {  // many mouse moves ...
      h.move(x + pixels * static_cast<float>(step) / 10.0f, y);
      CHECK(h.ws().model().find(id)->end == 20 * kS);  // ... change nothing until release
      CHECK(h.ws().history().undo_label() == std::optional<std::string>("Add Positive"));
    }
    h.release();
    CHECK(h.ws().model().find(id)->end == expected);
    CHECK(h.ws().model().find(id)->start == 10 * kS);
    CHECK(h.ws().history().undo_label() == std::optional<std::string>("Move Positive end"));
    CHECK(h.env.stored().front().end == expected);  // durable

    REQUIRE(h.ws().undo());
    CHECK(h.ws().model().find(id)->end == 20 * kS);
    CHECK(h.ws().history().undo_label() == std::optional<std::string>("Add Positive"));  // exactly one step
  }

  TEST_CASE("timeline: a start edge dragged into the previous state stops at its end") {
    TimelineHarness h;
    h.add({.code = "neg", .subject = "child", .start = 5 * kS, .end = 8 * kS});
    const EventId id = h.add({.code = "pos", .subject = "child", .start = 10 * kS, .end = 20 * kS});
    h.view.set_view(0, 60 * kS);
    h.frame();
    const float y = h.lane_y("pos", "child");
    const float x = h.view.x_of(10 * kS) + 1.0f;
    h.move(x, y);
    h.press();
    h.move(x - 200, y);  // ~14 s to the left: far past the previous state's end
    h.release();
    CHECK(h.ws().model().find(id)->start == 8 * kS);
    CHECK(h.ws().history().undo_label() == std::optional<std::string>("Move Positive start"));
    CHECK(h.ws().last_error().empty());
  }

  TEST_CASE("timeline: Escape cancels an edge drag") {
    TimelineHarness h;
    const EventId id = h.add({.code = "pos", .subject = "child", .start = 10 * kS, .end = 20 * kS});
    h.view.set_view(0, 60 * kS);
    h.frame();
    const float y = h.lane_y("pos", "child"), x = h.view.x_of(20 * kS);
    h.move(x, y);
    h.press();
    h.move(x + 50, y);
    ImGui::GetIO().KeysDown[ImGui::GetIO().KeyMap[ImGuiKey_Escape]] = true;
    h.frame();
    ImGui::GetIO().KeysDown[ImGui::GetIO().KeyMap[ImGuiKey_Escape]] = false;
    h.release();
    CHECK(h.ws().model().find(id)->end == 20 * kS);
    CHECK(h.ws().history().undo_label() == std::optional<std::string>("Add Positive"));
  }

  TEST_CASE("timeline: Escape cancels a pan (the window goes back) and a scrub (the release does nothing)") {
    TimelineHarness h;
    h.view.set_view(0, 60 * kS);
    h.frame();
    const float x = h.view.x_of(30 * kS), y = h.lane_y("bid", "child");
    const Micros position = h.ws().clock().position();
    h.move(x, y);
    h.press();
    h.move(x - 200, y);
    CHECK(h.view.view_start() > 0);  // panning
    ImGui::GetIO().KeysDown[ImGui::GetIO().KeyMap[ImGuiKey_Escape]] = true;
    h.frame();
    ImGui::GetIO().KeysDown[ImGui::GetIO().KeyMap[ImGuiKey_Escape]] = false;
    CHECK(h.view.view_start() == 0);  // back where the drag found it
    h.move(x - 300, y);               // still held: nothing moves any more
    h.release();
    CHECK(h.view.view_start() == 0);
    CHECK(h.ws().clock().position() == position);  // and the release is not a click

    // The ruler scrubs while held; after Escape the mouse no longer moves the playhead.
    const float ruler_y = h.view.track_top() - 6;
    h.move(h.view.x_of(10 * kS), ruler_y);
    h.press();
    h.move(h.view.x_of(20 * kS), ruler_y);
    const Micros scrubbed = h.ws().clock().position();
    CHECK(scrubbed > 19 * kS);
    CHECK(scrubbed < 21 * kS);
    ImGui::GetIO().KeysDown[ImGui::GetIO().KeyMap[ImGuiKey_Escape]] = true;
    h.frame();
    ImGui::GetIO().KeysDown[ImGui::GetIO().KeyMap[ImGuiKey_Escape]] = false;
    h.move(h.view.x_of(40 * kS), ruler_y);
    h.release();
    CHECK(h.ws().clock().position() == scrubbed);
  }

  TEST_CASE("timeline: the wheel zooms around the cursor - dragging the background pans") {
    TimelineHarness h;
    h.view.set_view(0, 60 * kS);
    h.frame();
    const float x = h.view.x_of(30 * kS), y = h.lane_y("bid", "child");
    h.move(x, y);
    h.wheel(1.0f);  // zoom in: the span shrinks, 30 s stays under the cursor
    const Micros span = h.view.view_end() - h.view.view_start();
    CHECK(span == 48 * kS);
    const double under_cursor = static_cast<double>(x - h.view.track_left()) * static_cast<double>(span) / h.view.track_width();
    CHECK(std::abs(h.view.view_start() + std::llround(under_cursor) - 30 * kS) <= 1000);
    h.frame();
    h.wheel(-1.0f);
    CHECK(h.view.view_end() - h.view.view_start() == 60 * kS);

    const Micros before = h.view.view_start(), position = h.ws().clock().position();
    h.press();
    h.move(x - 100, y);
    h.move(x - 200, y);
    h.release();
    const double us_per_px = 60.0 * kS / h.view.track_width();
    CHECK(h.view.view_start() == before + std::llround(200 * us_per_px));
    CHECK(h.ws().clock().position() == position);  // a pan is not a click: no seek

    const Micros t0 = h.view.view_start();
    h.wheel(-1.0f, true);  // shift+wheel pans too
    CHECK(h.view.view_start() > t0);
    CHECK(h.view.view_end() - h.view.view_start() == 60 * kS);
  }

  TEST_CASE("timeline: follows playback unless the user just panned") {
    TimelineHarness h;
    h.view.set_view(0, 60 * kS);
    h.env.at(300 * kS);
    h.ws().clock().play();
    h.frame();
    CHECK(h.view.view_start() == 0);  // panned a moment ago: the view stays put
    ImGui::GetIO().DeltaTime = 5.0f;  // some seconds later
    h.frame();
    ImGui::GetIO().DeltaTime = 1.0f / 60.0f;
    h.frame();
    CHECK(h.view.view_start() <= 300 * kS);
    CHECK(h.view.view_end() > 300 * kS);
    h.ws().clock().pause();
  }

  TEST_CASE("timeline: the view's items are cached between idle frames") {
    TimelineHarness h;
    for (int i = 0; i < 200; ++i) h.add({.code = "bid", .subject = "child", .start = i * 100'000});
    h.view.set_view(0, 60 * kS);
    h.frame();
    const auto builds = h.view.layout().item_builds(), index = h.view.layout().index_builds();
    const auto patches = h.view.layout().index_patches();
    for (int i = 0; i < 5; ++i) h.frame();
    CHECK(h.view.layout().item_builds() == builds);
    h.add({.code = "bid", .subject = "child", .start = 50 * kS});
    h.frame();
    CHECK(h.view.layout().item_builds() == builds + 1);
    CHECK(h.view.layout().index_patches() == patches + 1);  // the change patched in,
    CHECK(h.view.layout().index_builds() == index);         // not a rebuild
  }

  TEST_CASE("timeline: lanes that do not fit keep a readable height and scroll with Ctrl+wheel") {
    TimelineHarness h(70);  // room for about two of the test scheme's four lanes
    h.frame();
    const std::size_t lanes = h.view.layout().lanes().size();
    REQUIRE(lanes == 4);
    const float first = h.lane_y("pos", "child"), second = h.lane_y("cry", "child");
    const float lane_h = second - first;
    CHECK(lane_h >= ImGui::GetTextLineHeight());  // never squeezed below a line of text
    const Micros span = h.view.view_end() - h.view.view_start();
    h.move(500, 60);
    h.wheel(-1, false, true);  // Ctrl+wheel down: the lanes move up, the time window stays
    CHECK(h.view.lane_scroll() > 0);
    CHECK(h.lane_y("pos", "child") == doctest::Approx(first - h.view.lane_scroll()));
    CHECK(h.view.view_end() - h.view.view_start() == span);
    for (int i = 0; i < 20; ++i) h.wheel(-1, false, true);  // to the end, and no further
    const float last = h.view.lane_center_y(lanes - 1);
    CHECK(last + lane_h / 2 <= 70.0f + 1.0f);
    h.wheel(50, false, true);
    CHECK(h.view.lane_scroll() == 0.0f);
  }
}

}  // namespace attune
