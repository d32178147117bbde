// Undo in the steps a person thinks in (Workspace::apply's merge rule, docs/keys.md): coding
// an event and answering its modifier prompt is one step, nudges of one event in a row are
// one step, and undo selects the step's event so the list and timeline show what changed.
#include <doctest/doctest.h>
#include <imgui.h>

#include "app/logic/key_map.h"
#include "app/logic/keyboard_coder.h"
#include "gui_fixture.h"

using namespace attune;
using namespace attune::test;

namespace {
struct Coding {
  HeadlessImGui imgui;
  TestWorkspace tw;
  KeyMap keys;
  KeyboardCoder coder;
  KeyFeed feed;
  Workspace& ws() { return *tw.ws; }
  void type(char c) {
    const int key = KeyboardCoder::glfw_key_for(std::string(1, c));
    imgui.frame([&](ImGuiIO& io) { feed.down(io, key, static_cast<unsigned int>(c)); },
                [&] { coder.handle_keys(ws(), keys, feed.queue.take()); });
    imgui.frame([&](ImGuiIO& io) { feed.up(io, key); }, [&] { coder.handle_keys(ws(), keys, feed.queue.take()); });
  }
};
}  // namespace

TEST_SUITE("gui") {
  TEST_CASE("undo steps: a code key and its modifier answer are one step, and undo takes the event back whole") {
    Coding c;
    c.tw.at(kMicrosPerSecond);
    c.type('k');  // Check: a step of its own
    c.tw.at(2 * kMicrosPerSecond);
    c.type('b');  // Bid opens the Channel prompt
    REQUIRE(c.coder.prompt().has_value());
    c.type('2');  // gesture: the prompt closes
    REQUIRE(c.ws().model().size() == 2);
    const Event bid = c.ws().model().events()[1];
    CHECK(bid.modifiers.at("channel") == "gesture");
    REQUIRE(c.ws().history().undo_label().has_value());
    CHECK(c.ws().history().undo_label()->find("Set modifiers") == std::string::npos);
    REQUIRE(c.ws().undo());
    CHECK(c.ws().model().size() == 1);  // the Bid is gone in one step (before: still there, without its channel)
    CHECK(c.ws().model().events()[0].code == "check");
    REQUIRE(c.ws().redo());
    REQUIRE(c.ws().model().size() == 2);
    CHECK(c.ws().model().find(bid.id)->modifiers.at("channel") == "gesture");
    CHECK(c.ws().selected == bid.id);  // redo selected what it brought back
  }

  TEST_CASE("undo steps: nudges of one event in a row are one step, and undo re-selects the event") {
    Coding c;
    c.tw.at(kMicrosPerSecond);
    c.type('k');
    const EventId id = c.ws().model().events()[0].id;
    const Micros start = c.ws().model().events()[0].start;
    REQUIRE(c.ws().selected == id);
    c.ws().nudge(id, 1);
    c.ws().nudge(id, 1);
    c.ws().nudge(id, 1);
    CHECK(c.ws().model().find(id)->start > start);
    c.ws().selected.reset();  // the user looks elsewhere
    REQUIRE(c.ws().undo());
    CHECK(c.ws().model().find(id)->start == start);  // all three nudges, one step
    CHECK(c.ws().selected == id);                     // and the event is shown again
    REQUIRE(c.ws().undo());
    CHECK(c.ws().model().size() == 0);  // the next step back is coding it
  }

  TEST_CASE("undo steps: another kind of change, or a nudge of another event, starts a new step") {
    Coding c;
    c.tw.at(kMicrosPerSecond);
    c.type('k');
    const EventId id = c.ws().model().events()[0].id;
    const Micros start = c.ws().model().events()[0].start;
    c.ws().nudge(id, 1);
    const Micros once = c.ws().model().find(id)->start;
    c.ws().nudge(id, 1);  // merges with the first
    c.ws().apply(EditEvent{.id = id, .comment = std::string("looked away")});  // another kind of change
    c.ws().nudge(id, 1);
    REQUIRE(c.ws().undo());  // the last nudge alone
    CHECK(c.ws().model().find(id)->comment == "looked away");
    REQUIRE(c.ws().undo());  // the comment
    CHECK(c.ws().model().find(id)->comment.empty());
    REQUIRE(c.ws().undo());  // the two nudges before it
    CHECK(c.ws().model().find(id)->start == start);
    CHECK(once > start);

    // Another event in between: its own step, and the first event's nudges after it too.
    c.tw.at(3 * kMicrosPerSecond);
    c.type('k');
    const EventId other = c.ws().model().events()[1].id;
    c.ws().nudge(other, 1);
    c.ws().selected = id;
    c.ws().nudge(id, 1);
    REQUIRE(c.ws().undo());
    CHECK(c.ws().model().find(id)->start == start);
    CHECK(c.ws().model().find(other)->start > 3 * kMicrosPerSecond);
  }
}
