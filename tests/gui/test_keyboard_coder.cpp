// Keyboard coding, headless: keys injected through ImGuiIO reach the real store.
#include <doctest/doctest.h>
#include <imgui.h>
#include <imgui_stdlib.h>

#include <cctype>

#include "app/logic/keyboard_coder.h"
#include "app/logic/key_queue.h"
#include "gui_fixture.h"

using namespace attune;
using namespace attune::test;

namespace {
constexpr int kPress = GLFW_PRESS, kRelease = GLFW_RELEASE, kRepeat = GLFW_REPEAT;

struct Rig {
  HeadlessImGui imgui;
  TestWorkspace tw;
  KeyMap keys;
  KeyboardCoder coder;
  KeyQueue queue;  // what GLFW's callbacks fill in the app
  std::string text_field;
  bool show_text_field = false;

  // One frame as the coding view runs it: keys first (all of the queue, in order), then
  // the widgets.
  void frame(const std::function<void(ImGuiIO&)>& input = nullptr) {
    imgui.frame(input, [&] {
      coder.handle_keys(*tw.ws, keys, queue.take(), ImGui::GetIO().WantTextInput ? "a text field" : "");
      ImGui::SetNextWindowPos(ImVec2(0, 0));
      ImGui::SetNextWindowSize(ImVec2(400, 200));
      ImGui::Begin("test");
      if (show_text_field) ImGui::InputText("comment", &text_field);
      ImGui::End();
    });
  }
  // Types one character: key down with its character this frame, key up the next (both the
  // queue and ImGui see it, as GLFW's callbacks chained to ImGui's do).
  void type(char c) {
    const int key = KeyboardCoder::glfw_key_for(std::string(1, c));
    const int mods = std::isupper(static_cast<unsigned char>(c)) ? GLFW_MOD_SHIFT : 0;
    frame([&](ImGuiIO& io) {
      if (key) io.KeysDown[key] = true;
      if (key) queue.key(key, 0, kPress, mods);
      io.AddInputCharacter(static_cast<unsigned int>(c));
      queue.character(static_cast<unsigned int>(c), mods);
    });
    frame([&](ImGuiIO& io) {
      if (key) io.KeysDown[key] = false;
      if (key) queue.key(key, 0, kRelease, 0);
    });
  }
  void press(int key, bool ctrl = false, bool shift = false) {
    const int mods = (ctrl ? GLFW_MOD_CONTROL : 0) | (shift ? GLFW_MOD_SHIFT : 0);
    frame([&](ImGuiIO& io) {
      io.KeysDown[key] = true;
      io.KeyCtrl = ctrl;
      io.KeyShift = shift;
      queue.key(key, 0, kPress, mods);
    });
    frame([&](ImGuiIO& io) {
      io.KeysDown[key] = false;
      io.KeyCtrl = io.KeyShift = false;
      queue.key(key, 0, kRelease, mods);
    });
  }
  // A press and its release both before the next frame (a quick tap, or a busy machine):
  // ImGui's io.KeysDown never shows it; the queue keeps it.
  void tap(int key, unsigned int c = 0, int mods = 0) {
    queue.key(key, 0, kPress, mods);
    if (c) queue.character(c, mods);
    queue.key(key, 0, kRelease, mods);
  }
  std::string codes() const {
    std::string out;
    for (const Event& e : tw.stored()) out += (out.empty() ? "" : " ") + e.code;
    return out;
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
    CHECK(rig.tw.ws->history().undo_label() == "Add Bid");  // coded with its answer: one undo step (docs/keys.md)

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

  TEST_CASE("a number typed in the prompt is kept as a plain decimal") {
    // Plain variables, not a structured binding: clang 14 cannot capture one in CHECK_MESSAGE's lambda.
    for (const auto& entry : {std::pair{"02.50", "2.5"}, std::pair{"3.", "3"}, std::pair{".", ""}}) {
      const char* typed = entry.first;
      const char* kept = entry.second;
      Rig rig;
      rig.frame();
      rig.tw.at(1'000'000);
      rig.type('d');
      REQUIRE(rig.coder.prompt());
      for (const char* k = typed; *k; ++k) rig.type(*k);
      rig.press(GLFW_KEY_ESCAPE);
      CHECK_FALSE(rig.coder.prompt());
      const std::vector<Event> stored = rig.tw.stored();
      REQUIRE(stored.size() == 1);
      if (*kept) CHECK_MESSAGE(stored[0].modifiers.at("intensity") == kept, typed);
      else CHECK_MESSAGE(stored[0].modifiers.count("intensity") == 0, typed);  // "0." is 0: out of range, refused
    }
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
    rig.queue.key(GLFW_KEY_Q, 0, kPress, 0);
    rig.queue.character('q');
    rig.frame();
    for (int i = 0; i < 5; ++i) {  // held: the keyboard repeats it, which codes nothing
      rig.queue.key(GLFW_KEY_Q, 0, kRepeat, 0);
      rig.queue.character('q');
      rig.frame();
    }
    REQUIRE(rig.tw.stored().size() == 1);
    CHECK_FALSE(rig.tw.stored()[0].end);
    rig.tw.at(2'500'000);
    rig.queue.key(GLFW_KEY_Q, 0, kRelease, 0);
    rig.frame();
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
    // A code coded for one subject only gets that subject, and the coder is told that the
    // chosen one did not apply (it is not silently recorded for someone else).
    rig.type('b');
    REQUIRE(rig.tw.stored().size() == 2);
    CHECK(rig.tw.stored().back().subject == "child");
    CHECK(rig.coder.note() == "Bid recorded for Child, its only subject: F1 Parent does not apply to Bid");
    rig.press(GLFW_KEY_ESCAPE);  // no modifier
    // A code of the chosen subject clears the note.
    rig.type('s');
    CHECK(rig.coder.note().empty());
    rig.press(GLFW_KEY_ESCAPE);
    // A code with several subjects, none of them the chosen one: refused, with the reason.
    rig.tw.ws->clear_error();
    const std::size_t before = rig.tw.stored().size();
    rig.coder.choose_subject("dyad-less");  // a subject the code does not allow
    rig.type('l');
    CHECK(rig.tw.stored().size() == before);
    CHECK(rig.tw.ws->last_error() ==
          "Look is coded for F1 Parent or F2 Child: dyad-less does not apply; choose one of those subjects first");
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
    rig.tap(GLFW_KEY_RIGHT, 0, GLFW_MOD_ALT);
    rig.frame();
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

TEST_SUITE("gui") {
  TEST_CASE("keys pressed and released within one frame all count, once each, in order") {
    Rig rig;
    rig.frame();
    rig.tw.at(1'000'000);
    // Between two frames: Space (play), k, Space (pause), p, F2 (subject), k, and a state
    // key pressed twice (start, then stop). io.KeysDown never shows any of these presses.
    rig.tap(GLFW_KEY_SPACE, ' ');
    rig.tap(GLFW_KEY_K, 'k');
    rig.tap(GLFW_KEY_SPACE, ' ');
    rig.tap(GLFW_KEY_P, 'p');
    rig.tap(GLFW_KEY_F2);
    rig.tap(GLFW_KEY_K, 'k');
    rig.tap(GLFW_KEY_Q, 'q');
    rig.tap(GLFW_KEY_Q, 'q');
    rig.frame();
    CHECK_FALSE(rig.tw.ws->clock().playing());  // toggled twice
    CHECK(rig.coder.subject() == "child");
    CHECK(rig.codes() == "check prox check");  // Positive started and stopped on one frame: cancelled
    CHECK(rig.tw.ws->history().undo_label() == "Cancel Positive");
    // Ctrl-chords and arrows too: Ctrl+Z undoes twice, Shift+Right jumps 1 s.
    rig.tap(GLFW_KEY_Z, 0, GLFW_MOD_CONTROL);
    rig.tap(GLFW_KEY_Z, 0, GLFW_MOD_CONTROL);
    rig.tap(GLFW_KEY_RIGHT, 0, GLFW_MOD_SHIFT);
    rig.frame();
    CHECK(rig.codes() == "check prox check");  // undid the cancel and the start of Positive
    CHECK(rig.tw.ws->clock().position() == 2'000'000);
    // Two states of one exclusive group on one frame (F5 F6 on the shipped episodes): the
    // second replaces the first, which had no length, and the coder is told.
    rig.tap(GLFW_KEY_Q, 'q');
    rig.tap(GLFW_KEY_W, 'w');
    rig.frame();
    CHECK(rig.codes() == "check prox check neg");
    CHECK(rig.coder.note() ==
          "Positive started on this same frame, so Negative replaced it (a state needs at least one frame)");
  }

  TEST_CASE("a key's auto-repeat codes nothing - every press counts once") {
    Rig rig;
    rig.frame();
    rig.queue.key(GLFW_KEY_K, 0, GLFW_PRESS, 0);
    rig.queue.character('k');
    for (int i = 0; i < 4; ++i) {
      rig.queue.key(GLFW_KEY_K, 0, GLFW_REPEAT, 0);
      rig.queue.character('k');
    }
    rig.queue.key(GLFW_KEY_K, 0, GLFW_RELEASE, 0);
    rig.frame();
    CHECK(rig.codes() == "check");
    // Holding an arrow steps on, though: a repeat is a step, not a code.
    rig.tw.at(5'000'000);
    rig.queue.key(GLFW_KEY_RIGHT, 0, GLFW_PRESS, GLFW_MOD_SHIFT);
    rig.queue.key(GLFW_KEY_RIGHT, 0, GLFW_REPEAT, GLFW_MOD_SHIFT);
    rig.queue.key(GLFW_KEY_RIGHT, 0, GLFW_RELEASE, GLFW_MOD_SHIFT);
    rig.frame();
    CHECK(rig.tw.ws->clock().position() == 7'000'000);
  }

  TEST_CASE("a key that cannot be applied says why and records nothing") {
    Rig rig;
    rig.frame();
    // An unused key.
    rig.type('y');
    CHECK(rig.tw.stored().empty());
    CHECK(rig.tw.ws->last_error() == "'y' is not a key of gui-test");
    // A digit the open prompt has no value for (Bid's channel has 3).
    rig.type('b');
    REQUIRE(rig.coder.prompt());
    rig.type('7');
    CHECK(rig.tw.ws->last_error() == "'7': answer the prompt first (Channel: digits 1-3, Enter, Esc)");
    CHECK(rig.coder.prompt());
    rig.type('0');
    CHECK(rig.tw.ws->last_error().starts_with("'0': answer the prompt first"));
    rig.type('3');
    CHECK_FALSE(rig.coder.prompt());
    CHECK(rig.tw.stored().at(0).modifiers.at("channel") == "show");
    CHECK(rig.codes() == "bid");
    // A locked (approved) session refuses the key, and says so.
    REQUIRE(rig.tw.ws->set_status(SessionStatus::Submitted));
    REQUIRE(rig.tw.ws->set_status(SessionStatus::Reviewed));
    REQUIRE(rig.tw.ws->set_status(SessionStatus::Approved));
    rig.type('k');
    CHECK(rig.codes() == "bid");
    CHECK(rig.tw.ws->last_error().find("is approved") != std::string::npos);
    // Delete and nudge with nothing selected say so.
    rig.tw.ws->selected.reset();
    rig.press(GLFW_KEY_DELETE);
    CHECK(rig.tw.ws->last_error() == "Delete: no event is selected");
  }

  TEST_CASE("a scheme F-key while a text field has focus says it was not coded") {
    Rig rig;
    rig.show_text_field = true;
    rig.frame();
    rig.frame([](ImGuiIO& io) {
      io.MousePos = ImVec2(60, 30);
      io.MouseDown[0] = true;
    });
    rig.frame([](ImGuiIO& io) { io.MouseDown[0] = false; });
    REQUIRE(ImGui::GetIO().WantTextInput);
    rig.press(GLFW_KEY_F2);
    CHECK(rig.coder.subject().empty());
    CHECK(rig.tw.ws->last_error() == "F2: the keys are going to a text field");
    rig.type('k');
    CHECK(rig.tw.stored().empty());
    CHECK(rig.text_field == "k");
  }

  TEST_CASE("hold-to-code: a press released before the next frame says the state was not kept") {
    Rig rig;
    rig.coder.options.hold_to_code = true;
    rig.frame();
    rig.tw.at(1'000'000);
    rig.tap(GLFW_KEY_Q, 'q');
    rig.frame();
    CHECK(rig.tw.stored().empty());
    CHECK(rig.coder.note() ==
          "Positive was released on the frame it started, so it was not kept: hold the key while the state lasts");
  }

  TEST_CASE("a transport key that also types a character does not code it") {
    Rig rig;
    rig.keys.set(Action::Forward1s, KeyChord{GLFW_KEY_KP_ADD});
    rig.frame();
    rig.tap(GLFW_KEY_KP_ADD, '+');
    rig.frame();
    CHECK(rig.tw.ws->clock().position() == 1'000'000);
    CHECK(rig.tw.ws->last_error().empty());
  }
}

TEST_SUITE("gui") {
  TEST_CASE("keys that would code in a session: typed characters and F-keys, not '?', Space or chords") {
    auto press = [](int key, int mods = 0) {
      KeyInput k;
      k.key = key;
      k.mods = mods;
      return k;
    };
    auto typed = [](unsigned int c) {
      KeyInput k;
      k.kind = KeyInput::Kind::Char;
      k.codepoint = c;
      return k;
    };
    CHECK(KeyboardCoder::could_code(typed('b')));
    CHECK(KeyboardCoder::could_code(press(GLFW_KEY_F5)));
    CHECK_FALSE(KeyboardCoder::could_code(typed(' ')));
    CHECK_FALSE(KeyboardCoder::could_code(typed('?')));
    CHECK_FALSE(KeyboardCoder::could_code(press(GLFW_KEY_F5, GLFW_MOD_ALT)));
    CHECK_FALSE(KeyboardCoder::could_code(press(GLFW_KEY_LEFT)));
  }
}
