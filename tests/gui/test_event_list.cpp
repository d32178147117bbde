// The event list's in-place editing, headless: a cell opened for editing takes typed text,
// Enter keeps it as one undoable change in the store, Esc drops it, a bad time is reported
// and nothing changes; code keys typed into a cell never code.
#include <doctest/doctest.h>
#include <imgui.h>

#include "app/event_list_view.h"
#include "app/keyboard_coder.h"
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
