// The event list's in-place editing, headless: a cell opened for editing takes typed text,
// Enter keeps it as one undoable change in the store, Esc drops it, a bad time is reported
// and nothing changes; code keys typed into a cell never code.
#include <doctest/doctest.h>
#include <imgui.h>

#include "app/coding/event_list_view.h"
#include "app/logic/keyboard_coder.h"
#include "gui_fixture.h"

using namespace attune;
using namespace attune::test;

namespace {

constexpr Micros kS = kMicrosPerSecond;

struct ListRig {
  HeadlessImGui imgui;
  TestWorkspace tw;
  KeyMap keys;
  KeyboardCoder coder;
  KeyFeed feed;
  EventListView list;
  EventId bid = 0, pos = 0;

  ListRig() {
    coder.on_list_action = [this](Workspace& w, Action action) { list.handle_action(w, action); };  // as the coding view does
    bid = ws().apply(AddEvent{.code = "bid", .subject = "child", .start = 2 * kS})->ops.at(0).after.id;
    pos = ws().apply(AddEvent{.code = "pos", .subject = "child", .start = 0, .end = 5 * kS})->ops.at(0).after.id;
    frame();
  }
  Workspace& ws() { return *tw.ws; }
  void frame(const std::function<void(ImGuiIO&)>& input = nullptr) {
    imgui.frame(input, [&] {
      coder.handle_keys(ws(), keys, feed.queue.take(), KeyFeed::taken_by());
      ImGui::SetNextWindowPos(ImVec2(0, 0));
      ImGui::SetNextWindowSize(ImVec2(1000, 600));
      ImGui::Begin("list");
      list.draw(ws());
      ImGui::End();
    });
  }
  void type(const std::string& text) {
    for (char c : text) {
      const int key = KeyboardCoder::glfw_key_for(std::string(1, c));
      frame([&](ImGuiIO& io) { feed.down(io, key, static_cast<unsigned int>(c)); });
      frame([&](ImGuiIO& io) { feed.up(io, key); });
    }
  }
  // The frames a double-click takes: the cell's field is drawn, then has the keyboard.
  void open_cell() {
    frame();
    frame();
  }
  void press(int key) {
    frame([&](ImGuiIO& io) { feed.down(io, key); });
    frame([&](ImGuiIO& io) { feed.up(io, key); });
  }
  const Event* stored(EventId id) {
    static std::vector<Event> events;
    events = tw.stored();
    for (const Event& e : events)
      if (e.id == id) return &e;
    return nullptr;
  }
};

}  // namespace

TEST_SUITE("gui") {
  TEST_CASE("event list: a start time typed into its cell is stored on Enter, as one undo step") {
    ListRig rig;
    rig.list.begin_edit(rig.ws(), rig.bid, EventListView::Column::Start);
    rig.open_cell();  // the field takes the keyboard with its text selected
    rig.type("3.5b");  // 'b' is Bid's code key: inside the field it is only a character
    rig.press(GLFW_KEY_BACKSPACE);
    rig.press(GLFW_KEY_ENTER);
    CHECK_FALSE(rig.list.editing());
    REQUIRE(rig.stored(rig.bid) != nullptr);
    CHECK(rig.stored(rig.bid)->start == 3'500'000);
    CHECK(rig.tw.stored().size() == 2);  // no bid was coded by the typed 'b'
    REQUIRE(rig.ws().undo());
    CHECK(rig.stored(rig.bid)->start == 2 * kS);
  }

  TEST_CASE("event list: a state's end and a comment edited in place, Esc drops an edit") {
    ListRig rig;
    rig.list.begin_edit(rig.ws(), rig.pos, EventListView::Column::End);
    rig.open_cell();
    rig.type("7.25");
    rig.press(GLFW_KEY_ENTER);
    CHECK(rig.stored(rig.pos)->end == 7'250'000);

    rig.list.begin_edit(rig.ws(), rig.pos, EventListView::Column::Comment);
    rig.open_cell();
    rig.type("smiles at mum");
    rig.press(GLFW_KEY_ENTER);
    CHECK(rig.stored(rig.pos)->comment == "smiles at mum");

    rig.list.begin_edit(rig.ws(), rig.pos, EventListView::Column::Comment);
    rig.open_cell();
    rig.type("oops");
    rig.press(GLFW_KEY_ESCAPE);
    CHECK_FALSE(rig.list.editing());
    CHECK(rig.stored(rig.pos)->comment == "smiles at mum");

    // An empty end makes the state running again.
    rig.list.begin_edit(rig.ws(), rig.pos, EventListView::Column::End);
    rig.open_cell();
    rig.press(GLFW_KEY_BACKSPACE);
    rig.press(GLFW_KEY_ENTER);
    CHECK_FALSE(rig.stored(rig.pos)->end.has_value());
  }

  TEST_CASE("event list: a time that does not parse is reported, changes nothing and keeps the cell open") {
    ListRig rig;
    rig.list.begin_edit(rig.ws(), rig.bid, EventListView::Column::Start);
    rig.open_cell();
    rig.type("soon");
    rig.press(GLFW_KEY_ENTER);
    CHECK(rig.list.editing());
    CHECK_FALSE(rig.ws().last_error().empty());
    CHECK(rig.stored(rig.bid)->start == 2 * kS);
    rig.open_cell();  // the field has the keyboard again
    rig.type("x");
    rig.press(GLFW_KEY_ESCAPE);
    CHECK_FALSE(rig.list.editing());
  }

  TEST_CASE("event list: an edited event that is deleted meanwhile ends the edit") {
    ListRig rig;
    rig.list.begin_edit(rig.ws(), rig.bid, EventListView::Column::Comment);
    rig.open_cell();
    REQUIRE(rig.ws().apply(DeleteEvent{rig.bid}).has_value());
    rig.frame();
    CHECK_FALSE(rig.list.editing());
  }
}

namespace {
// The rig with more events: bid 2 s, check 7 s, bid 9 s, look (parent) 12 s, pos 0–5 s.
struct NavRig : ListRig {
  EventId check = 0, bid2 = 0, look = 0;
  NavRig() {
    check = ws().apply(AddEvent{.code = "check", .start = 7 * kS})->ops.at(0).after.id;
    bid2 = ws().apply(AddEvent{.code = "bid", .start = 9 * kS})->ops.at(0).after.id;
    look = ws().apply(AddEvent{.code = "look", .subject = "parent", .start = 12 * kS})->ops.at(0).after.id;
    frame();
  }
};
}  // namespace

TEST_SUITE("gui") {
  TEST_CASE("event list: a time typed as the list shows it is accepted, and the video goes to the edited event") {
    ListRig rig;
    rig.list.begin_edit(rig.ws(), rig.bid, EventListView::Column::Start);
    rig.open_cell();
    rig.type("00:00:04.500");
    rig.press(GLFW_KEY_ENTER);
    CHECK_FALSE(rig.list.editing());
    CHECK(rig.ws().last_error() == "");
    CHECK(rig.stored(rig.bid)->start == 4'500'000);
    CHECK(rig.ws().clock().position() == 4'500'000);  // the video follows the edit
    CHECK(rig.ws().selected == rig.bid);
    // MM:SS.mmm too; and the cell opens with the exact time, so keeping it changes nothing.
    rig.list.begin_edit(rig.ws(), rig.pos, EventListView::Column::End);
    rig.open_cell();
    rig.type("00:06.25");
    rig.press(GLFW_KEY_ENTER);
    CHECK(rig.stored(rig.pos)->end == 6'250'000);
    const std::optional<std::string> label = rig.ws().history().undo_label();
    rig.list.begin_edit(rig.ws(), rig.pos, EventListView::Column::End);
    rig.open_cell();
    rig.press(GLFW_KEY_ENTER);
    CHECK(rig.ws().history().undo_label() == label);  // no new step
  }

  TEST_CASE("event list: clicking a row selects the event and seeks the video to it") {
    NavRig rig;
    rig.tw.at(30 * kS);
    rig.frame();
    // Rows by time: pos 0, bid 2, check 7, bid 9, look 12.
    const float y = rig.list.row_center_y(2);
    for (bool down : {false, true, false})
      rig.frame([&](ImGuiIO& io) {
        io.MousePos = ImVec2(40, y);
        io.MouseDown[0] = down;
      });
    CHECK(rig.ws().selected == rig.check);
    CHECK(rig.ws().clock().position() == 7 * kS);
  }

  TEST_CASE("event list: next and previous event, of any code or of the selected code, by button and key") {
    NavRig rig;
    rig.tw.at(1 * kS);
    CHECK(rig.list.step(rig.ws(), 1, false));  // from the playhead: the first event after it
    CHECK(rig.ws().selected == rig.bid);
    CHECK(rig.ws().clock().position() == 2 * kS);
    CHECK(rig.list.step(rig.ws(), 1, true));  // the next bid, over check
    CHECK(rig.ws().selected == rig.bid2);
    CHECK(rig.list.step(rig.ws(), -1, false));
    CHECK(rig.ws().selected == rig.check);
    CHECK_FALSE(rig.list.step(rig.ws(), -1, true));  // no check before this one
    CHECK(rig.ws().selected == rig.check);
    // The keys: PageDown / PageUp, Ctrl+ for the selected code.
    rig.press(GLFW_KEY_PAGE_DOWN);
    CHECK(rig.ws().selected == rig.bid2);
    rig.press(GLFW_KEY_PAGE_DOWN);
    CHECK(rig.ws().selected == rig.look);
    rig.press(GLFW_KEY_PAGE_UP);
    rig.press(GLFW_KEY_PAGE_UP);
    CHECK(rig.ws().selected == rig.check);
    rig.frame([&](ImGuiIO& io) {
      rig.feed.down(io, GLFW_KEY_PAGE_UP, 0, KeyInput::kCtrl);
      rig.feed.up(io, GLFW_KEY_PAGE_UP, KeyInput::kCtrl);
    });  // pressed and released within one frame: still counts
    CHECK(rig.ws().selected == rig.check);  // no earlier check: stays
    // When the playhead moved away from the selected event, steps go from the playhead.
    rig.tw.at(10 * kS);
    CHECK(rig.list.step(rig.ws(), -1, false));
    CHECK(rig.ws().selected == rig.bid2);
  }

  TEST_CASE("event list: the filter shows one code or subject, cached until the data or the filter change") {
    NavRig rig;
    rig.list.filter.code = "bid";
    rig.frame();
    rig.frame();
    rig.frame();
    CHECK(rig.list.rows().size() == 2);
    CHECK(rig.list.rows().builds() == 1);  // not per frame
    rig.tw.at(0);
    CHECK(rig.list.step(rig.ws(), 1, false));  // steps stay within the filter
    CHECK(rig.ws().selected == rig.bid);
    CHECK(rig.list.step(rig.ws(), 1, false));
    CHECK(rig.ws().selected == rig.bid2);
    REQUIRE(rig.ws().apply(AddEvent{.code = "bid", .start = 20 * kS}));
    rig.frame();
    CHECK(rig.list.rows().size() == 3);
    CHECK(rig.list.rows().builds() == 2);
    rig.list.filter = EventFilter{.subject = "parent"};
    rig.frame();
    REQUIRE(rig.list.rows().size() == 1);
    CHECK(rig.list.rows().row(rig.ws().model(), 0).id == rig.look);
  }

  TEST_CASE("event list: go to a typed time, in seconds or as the list shows it") {
    NavRig rig;
    CHECK(rig.list.go_to(rig.ws(), "00:01:30.500"));
    CHECK(rig.ws().clock().position() == 90'500'000);
    CHECK(rig.list.go_to(rig.ws(), "7.25"));
    CHECK(rig.ws().clock().position() == 7'250'000);
    CHECK_FALSE(rig.list.go_to(rig.ws(), "soon"));
    CHECK(rig.ws().last_error() == "'soon' is not a time (e.g. 12.5, 01:12.5 or 00:01:12.500)");
    CHECK(rig.ws().clock().position() == 7'250'000);
  }

  TEST_CASE("event list: a selection made elsewhere scrolls the list to it") {
    ListRig rig;
    for (int i = 0; i < 300; ++i) REQUIRE(rig.ws().apply(AddEvent{.code = "check", .start = (10 + i) * kS}));
    rig.frame();
    CHECK(rig.list.scroll_y() == 0);
    const Event& far = rig.ws().model().events()[250];
    rig.ws().seek_to_event(far);  // as the timeline or a key would
    rig.frame();
    rig.frame();
    const float y = 250 * rig.list.row_height();
    CHECK(rig.list.scroll_y() > 0);
    CHECK(rig.list.scroll_y() <= y);
    CHECK(rig.list.scroll_y() + 400 >= y);  // the row is inside the 600 px window's list
  }

  TEST_CASE("event list: columns are as wide as their widest content, also in a narrow window") {
    ListRig rig;
    REQUIRE(rig.ws().apply(AddEvent{.code = "cry", .start = 3723 * kS, .end = 3725 * kS,
                                    .modifiers = {{"intensity", "3"}}}));
    for (int i = 0; i < 3; ++i)
      rig.imgui.frame(nullptr, [&] {
        ImGui::SetNextWindowPos(ImVec2(0, 0));
        ImGui::SetNextWindowSize(ImVec2(380, 500));  // the list's share of a 1024-wide window
        ImGui::Begin("narrow");
        rig.list.draw(rig.ws());
        ImGui::End();
      });
    using C = EventListView::Column;
    const float time = ImGui::CalcTextSize("00:00:00.000").x;
    CHECK(rig.list.content_width(C::Start) >= time);
    CHECK(rig.list.content_width(C::End) >= time);
    CHECK(rig.list.content_width(C::Code) >= ImGui::CalcTextSize("Positive").x);
    CHECK(rig.list.content_width(C::Subject) >= ImGui::CalcTextSize("Subject").x);
    for (C c : {C::Start, C::End, C::Code, C::Subject, C::Modifiers}) {
      CAPTURE(static_cast<int>(c));
      CHECK(rig.list.column_width(c) >= rig.list.content_width(c));
    }
  }
}
