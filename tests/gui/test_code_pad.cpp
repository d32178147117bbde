// The code pad and a state's key at the playhead's time: what the pad shows is what is
// true at the frame on screen, and the key does what the pad implies.
#include <doctest/doctest.h>
#include <imgui.h>

#include "app/coding/code_pad_view.h"
#include "app/logic/keyboard_coder.h"
#include "gui_fixture.h"

using namespace attune;
using namespace attune::test;

namespace {
constexpr Micros kS = kMicrosPerSecond;

struct PadRig {
  HeadlessImGui imgui;
  TestWorkspace tw;
  KeyMap keys;
  KeyboardCoder coder;
  KeyFeed feed;
  CodePadView pad;

  void frame(const std::function<void(ImGuiIO&)>& input = nullptr) {
    imgui.frame(input, [&] {
      coder.handle_keys(*tw.ws, keys, feed.queue.take(), KeyFeed::taken_by());
      ImGui::SetNextWindowPos(ImVec2(0, 0));
      ImGui::SetNextWindowSize(ImVec2(500, 500));
      ImGui::Begin("pad");
      pad.draw(*tw.ws, coder);
      ImGui::End();
    });
  }
  void type(char c) {
    const int key = KeyboardCoder::glfw_key_for(std::string(1, c));
    frame([&](ImGuiIO& io) { feed.down(io, key, static_cast<unsigned int>(c)); });
    frame([&](ImGuiIO& io) { feed.up(io, key); });
  }
  Workspace& ws() { return *tw.ws; }
  const Code& code(const char* id) { return *ws().scheme().find_code(id); }
};
}  // namespace

TEST_SUITE("gui") {
  TEST_CASE("code pad: before an open state's start it is not running, and its key says why nothing happens") {
    PadRig rig;
    rig.frame();
    rig.tw.at(60 * kS);
    rig.type('q');  // Positive starts at 60 s, no end yet
    REQUIRE(rig.tw.stored().size() == 1);
    rig.tw.at(70 * kS);
    rig.frame();
    CHECK(rig.pad.running(rig.ws(), rig.code("pos"), rig.ws().now()) != nullptr);
    CHECK(rig.pad.label(rig.ws(), rig.code("pos"), rig.ws().now()) == "[q] Positive  00:10");

    rig.tw.at(5 * kS);  // seek back before its start
    rig.frame();
    CHECK(rig.pad.running(rig.ws(), rig.code("pos"), rig.ws().now()) == nullptr);
    CHECK(rig.pad.label(rig.ws(), rig.code("pos"), rig.ws().now()) == "[q] Positive");  // no "00:00"
    rig.type('q');
    CHECK(rig.ws().last_error() ==
          "Positive is not running at 00:00:05.000: it starts later (00:01:00.000) and has no end yet, so a new one "
          "here would overlap it");
    const std::vector<Event> stored = rig.tw.stored();
    REQUIRE(stored.size() == 1);  // nothing changed
    CHECK(stored[0].start == 60 * kS);
    CHECK_FALSE(stored[0].end);

    rig.tw.at(75 * kS);  // after its start the key ends it, as always
    rig.type('q');
    CHECK(rig.tw.stored()[0].end == 75 * kS);
    CHECK(rig.ws().last_error().empty());
  }

  TEST_CASE("code pad: a closed state covering the playhead shows as on until its end") {
    PadRig rig;
    REQUIRE(rig.ws().apply(AddEvent{.code = "cry", .start = 10 * kS, .end = 40 * kS}));
    rig.tw.at(25 * kS);
    rig.frame();
    CHECK(rig.pad.label(rig.ws(), rig.code("cry"), rig.ws().now()) == "[d] Cry  00:15");
    rig.tw.at(40 * kS);  // its end: no longer on
    rig.frame();
    CHECK(rig.pad.label(rig.ws(), rig.code("cry"), rig.ws().now()) == "[d] Cry");
    rig.tw.at(25 * kS);
    rig.type('d');  // inside it: a clear line, nothing changed
    CHECK(rig.ws().last_error().find("Cry is already coded at 00:00:25.000") == 0);
    CHECK(rig.tw.stored().size() == 1);
  }
}
