// Keyboard coding, headless: keys injected through ImGuiIO reach the real store.
#include <doctest/doctest.h>
#include <imgui.h>
#include <imgui_stdlib.h>

#include "app/keyboard_coder.h"
#include "gui_fixture.h"

using namespace attune;
using namespace attune::test;

namespace {
struct Rig {
  HeadlessImGui imgui;
  TestWorkspace tw;
  KeyMap keys;
  KeyboardCoder coder;
  std::string text_field;
  bool show_text_field = false;

  // One frame as the coding view runs it: keys first, then the widgets.
  void frame(const std::function<void(ImGuiIO&)>& input = nullptr) {
    imgui.frame(input, [&] {
      coder.handle_keys(*tw.ws, keys, ImGui::GetIO().WantTextInput);
      ImGui::SetNextWindowPos(ImVec2(0, 0));
      ImGui::SetNextWindowSize(ImVec2(400, 200));
      ImGui::Begin("test");
      if (show_text_field) ImGui::InputText("comment", &text_field);
      ImGui::End();
    });
  }
  // Types one character: key down with its character this frame, key up the next.
  void type(char c) {
    const int key = KeyboardCoder::glfw_key_for(std::string(1, c));
    frame([&](ImGuiIO& io) {
      if (key) io.KeysDown[key] = true;
      io.AddInputCharacter(static_cast<unsigned int>(c));
    });
    frame([&](ImGuiIO& io) {
      if (key) io.KeysDown[key] = false;
    });
  }
  void press(int key, bool ctrl = false, bool shift = false) {
    frame([&](ImGuiIO& io) {
      io.KeysDown[key] = true;
      io.KeyCtrl = ctrl;
      io.KeyShift = shift;
    });
    frame([&](ImGuiIO& io) {
      io.KeysDown[key] = false;
      io.KeyCtrl = io.KeyShift = false;
    });
  }
};
}  // namespace

TEST_SUITE("gui") {
  TEST_CASE("a code key records a point event at the clock's time and it is durable at once") {
    Rig rig;
    rig.frame();
    rig.tw.at(2'040'000);  // frame 51 at 25 fps
    rig.type('b');
    const std::vector<Event> stored = rig.tw.stored();
    REQUIRE(stored.size() == 1);
    CHECK(stored[0].code == "bid");
    CHECK(stored[0].subject == "child");
    CHECK(stored[0].start == 2'040'000);
    CHECK(stored[0].frame == 51);
    CHECK(rig.coder.prompt().has_value());  // Bid has a channel modifier
    // Shift+b is another key: 'B' codes Big, not Bid.
    rig.type('\x1b');  // not a printable key: ignored
    rig.press(GLFW_KEY_ESCAPE);
    rig.type('B');
    REQUIRE(rig.tw.stored().size() == 2);
    CHECK(rig.tw.stored()[1].code == "big");
  }

  TEST_CASE("the modifier prompt works by keyboard alone") {
    Rig rig;
    rig.frame();
    rig.tw.at(1'000'000);
    rig.type('b');
    REQUIRE(rig.coder.prompt());
    rig.type('2');  // channel: 1 vocal, 2 gesture, 3 show
    CHECK_FALSE(rig.coder.prompt());
    std::vector<Event> stored = rig.tw.stored();
    REQUIRE(stored.size() == 1);
    CHECK(stored[0].modifiers.at("channel") == "gesture");
    CHECK(rig.tw.ws->history().undo_label() == "Set modifiers of Bid");

    // Two modifiers: touch (multi: digits toggle, Enter goes on), then channel.
    rig.tw.at(2'000'000);
    rig.type('s');
    rig.type('1');
    rig.type('3');
    rig.type('1');  // toggles hold off again
    rig.type('1');  // and on
    rig.press(GLFW_KEY_ENTER);
    REQUIRE(rig.coder.prompt());
    rig.type('3');
    CHECK_FALSE(rig.coder.prompt());
    stored = rig.tw.stored();
    REQUIRE(stored.size() == 2);
    CHECK(stored[1].modifiers.at("touch") == "hold,pat");
    CHECK(stored[1].modifiers.at("channel") == "show");

    // A number: typed digits count when Esc ends the prompt.
    rig.tw.at(3'000'000);
    rig.type('d');
    rig.type('2');
    rig.press(GLFW_KEY_ESCAPE);
    CHECK_FALSE(rig.coder.prompt());
    stored = rig.tw.stored();
    REQUIRE(stored.size() == 3);
    CHECK(stored[2].code == "cry");
    CHECK(stored[2].modifiers.at("intensity") == "2");

    // Esc without a choice keeps the event and adds nothing.
    rig.tw.at(4'000'000);
    rig.type('b');
    rig.press(GLFW_KEY_ESCAPE);
    CHECK(rig.tw.stored().back().modifiers.empty());
  }

  TEST_CASE("starting a state in an exclusive group by key closes the running one") {
    Rig rig;
    rig.frame();
    rig.tw.at(1'000'000);
    rig.type('q');
    rig.tw.at(3'000'000);
    rig.type('w');
    std::vector<Event> stored = rig.tw.stored();
    REQUIRE(stored.size() == 2);
    CHECK(stored[0].code == "pos");
    CHECK(stored[0].end == 3'000'000);
    CHECK(stored[1].code == "neg");
    CHECK_FALSE(stored[1].end);
    // Tapping the running state's key ends it.
    rig.tw.at(5'000'000);
    rig.type('w');
    CHECK(rig.tw.stored()[1].end == 5'000'000);
  }

  TEST_CASE("undo and redo by keyboard") {
    Rig rig;
    rig.frame();
    rig.tw.at(1'000'000);
    rig.type('q');
    rig.tw.at(2'000'000);
    rig.type('w');
    REQUIRE(rig.tw.stored().size() == 2);
    rig.press(GLFW_KEY_Z, true);
    CHECK(rig.tw.stored().size() == 1);
    CHECK_FALSE(rig.tw.stored()[0].end);  // Positive runs again
    rig.press(GLFW_KEY_Z, true, true);
    CHECK(rig.tw.stored().size() == 2);
    rig.press(GLFW_KEY_Z, true);
    rig.press(GLFW_KEY_Y, true);
    CHECK(rig.tw.stored().size() == 2);
    CHECK(rig.tw.ws->history().undo_label() == "Start Negative");
  }

  TEST_CASE("no code key fires while a text field has focus") {
    Rig rig;
    rig.show_text_field = true;
    rig.frame();
    // Click into the text field.
    rig.frame([](ImGuiIO& io) {
      io.MousePos = ImVec2(60, 30);
      io.MouseDown[0] = true;
    });
    rig.frame([](ImGuiIO& io) { io.MouseDown[0] = false; });
    REQUIRE(ImGui::GetIO().WantTextInput);
    rig.type('b');
    rig.type('q');
    CHECK(rig.tw.stored().empty());
    CHECK(rig.text_field == "bq");
    // Leaving the field (Esc) gives the keys back to coding.
    rig.press(GLFW_KEY_ESCAPE);
    rig.frame();
    rig.type('b');
    CHECK(rig.tw.stored().size() == 1);
  }

  TEST_CASE("hold-to-code: press starts the state and release ends it") {
    Rig rig;
    rig.coder.options.hold_to_code = true;
    rig.frame();
    rig.tw.at(1'000'000);
    rig.frame([](ImGuiIO& io) {
      io.KeysDown[GLFW_KEY_Q] = true;
      io.AddInputCharacter('q');
    });
    for (int i = 0; i < 5; ++i) rig.frame();  // held
    REQUIRE(rig.tw.stored().size() == 1);
    CHECK_FALSE(rig.tw.stored()[0].end);
    rig.tw.at(2'500'000);
    rig.frame([](ImGuiIO& io) { io.KeysDown[GLFW_KEY_Q] = false; });
    REQUIRE(rig.tw.stored().size() == 1);
    CHECK(rig.tw.stored()[0].end == 2'500'000);
    // Without hold-to-code the same key press and release leaves the state running.
    rig.coder.options.hold_to_code = false;
    rig.tw.at(4'000'000);
    rig.type('w');
    rig.frame();
    CHECK_FALSE(rig.tw.stored().back().end);
  }

  TEST_CASE("a subject key picks the subject for codes that allow several") {
    Rig rig;
    rig.frame();
    rig.type('l');  // Look is for parent or child: no subject chosen yet
    CHECK(rig.tw.stored().empty());
    CHECK(rig.tw.ws->last_error().find("needs a subject") != std::string::npos);
    rig.press(GLFW_KEY_F1);
    CHECK(rig.coder.subject() == "parent");
    rig.type('l');
    REQUIRE(rig.tw.stored().size() == 1);
    CHECK(rig.tw.stored()[0].subject == "parent");
    // A code that does not allow the chosen subject still gets its own.
    rig.type('b');
    CHECK(rig.tw.stored().back().subject == "child");
  }

  TEST_CASE("transport keys move the clock - nudge moves the selected event by one frame") {
    Rig rig;
    rig.frame();
    rig.tw.at(10'000'000);
    rig.press(GLFW_KEY_RIGHT, false, true);  // Shift+Right: +1 s
    CHECK(rig.tw.ws->clock().position() == 11'000'000);
    rig.press(GLFW_KEY_LEFT, true);  // Ctrl+Left: -5 s
    CHECK(rig.tw.ws->clock().position() == 6'000'000);
    rig.press(GLFW_KEY_SPACE);
    CHECK(rig.tw.ws->clock().playing());
    rig.press(GLFW_KEY_SPACE);
    CHECK_FALSE(rig.tw.ws->clock().playing());
    rig.type('b');
    rig.press(GLFW_KEY_ESCAPE);
    const Micros coded = rig.tw.stored()[0].start;
    rig.frame([](ImGuiIO& io) {
      io.KeysDown[GLFW_KEY_RIGHT] = true;
      io.KeyAlt = true;
    });
    rig.frame([](ImGuiIO& io) {
      io.KeysDown[GLFW_KEY_RIGHT] = false;
      io.KeyAlt = false;
    });
    // No video: a frame is 1/30 s = 33333 us.
    CHECK(rig.tw.stored()[0].start == coded + 33'333);
    CHECK(rig.tw.ws->history().undo_label() == "Nudge Bid");
  }
}

TEST_SUITE("gui") {
  TEST_CASE("every press records an event also after Escape and Space") {
    Rig rig;
    rig.frame();
    rig.type('k');
    rig.press(GLFW_KEY_ESCAPE);
    rig.type('k');
    rig.press(GLFW_KEY_SPACE);
    rig.type('p');
    CHECK(rig.tw.stored().size() == 3);
  }
}
