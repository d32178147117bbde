// Help → Keyboard shortcuts, headless: the overlay lists the current (remapped) chords and
// the scheme's keys; '?' toggles it in the coding view, F1 only where the scheme leaves it free.
#include <doctest/doctest.h>
#include <imgui.h>
#include <imgui_internal.h>

#include "app/coding/coding_view.h"
#include "app/coding/keys_help_view.h"
#include "app/settings/settings_view.h"
#include "gui_fixture.h"

using namespace attune;
using namespace attune::test;

namespace {
// The text the overlay's list draws (Dear ImGui's log of rendered text; logging stops at
// the End() of the window it started in, so it runs inside a tall window of its own).
std::string drawn_text(HeadlessImGui& imgui, const KeyMap& keys, const Scheme& scheme) {
  std::string text;
  for (int frame = 0; frame < 2; ++frame)  // a window draws nothing visible in its first frame
    imgui.frame(nullptr, [&] {
      ImGui::SetNextWindowPos(ImVec2(0, 0));
      ImGui::SetNextWindowSize(ImVec2(1200, 3000));
      ImGui::Begin("list");
      ImGui::LogToBuffer();
      KeysHelpView::draw_contents(keys, scheme);
      text = GImGui->LogBuffer.c_str();
      ImGui::LogFinish();
      ImGui::End();
    });
  return text;
}

bool has_row(const std::vector<ShortcutSection>& sections, const std::string& keys, const std::string& what) {
  for (const ShortcutSection& s : sections)
    for (const ShortcutRow& r : s.rows)
      if (r.keys == keys && r.what == what) return true;
  return false;
}

const char* kSchemeWithoutF1 = R"({
  "name": "no-f1", "version": 1, "description": "",
  "subjects": [{"id": "child", "name": "Child", "key": "F2"}],
  "groups": [{"id": "signals", "name": "Signals", "exclusive": false, "exhaustive": false}],
  "modifiers": [],
  "codes": [{"id": "bid", "name": "Bid", "group": "signals", "kind": "point", "subjects": ["child"], "key": "b",
             "color": "#1e88e5"}],
  "ratings": [], "rules": []
})";
}  // namespace

TEST_SUITE("gui") {
  TEST_CASE("keyboard shortcuts: every transport chord as remapped, and the scheme's keys") {
    HeadlessImGui imgui;
    TestWorkspace tw;
    KeyMap keys;
    keys.set(Action::PlayPause, KeyChord{GLFW_KEY_P, true, true});  // remapped: Ctrl+Shift+P
    const std::vector<ShortcutSection> sections = shortcut_sections(keys, tw.ws->scheme());
    CHECK(has_row(sections, "Ctrl+Shift+P", "Play / pause"));
    CHECK_FALSE(has_row(sections, "Space", "Play / pause"));
    for (int i = 0; i < static_cast<int>(Action::Count); ++i)
      CHECK(has_row(sections, describe(keys.chord(static_cast<Action>(i))), action_label(static_cast<Action>(i))));
    CHECK(has_row(sections, "Ctrl+Z", "Undo"));
    CHECK(has_row(sections, "F1", "Parent"));
    CHECK(has_row(sections, "b", "Bid (point, Child)"));
    CHECK(has_row(sections, "l", "Look (point, Parent or Child)"));
    CHECK(has_row(sections, "q", "Positive (state, Child)"));
    CHECK(has_row(sections, "?", "Show or hide this list"));  // F1 is Parent in this scheme

    const std::string text = drawn_text(imgui, keys, tw.ws->scheme());
    CHECK(text.find("Ctrl+Shift+P") != std::string::npos);
    CHECK(text.find("Play / pause") != std::string::npos);
    CHECK(text.find("Bid (point, Child)") != std::string::npos);
    CHECK(text.find("Nudge selected +1 frame") != std::string::npos);
  }

  TEST_CASE("keyboard shortcuts: '?' toggles the overlay in the coding view, F1 only where it is free") {
    HeadlessImGui imgui;
    TestWorkspace tw;
    KeyQueue queue;
    CodingView view(*tw.ws, KeyMap(), "/nonexistent/keys.json", queue);
    auto frame = [&] { imgui.frame(nullptr, [&] { view.draw(); }); };
    frame();
    CHECK_FALSE(view.keys_help().open);
    queue.key(GLFW_KEY_SLASH, 0, GLFW_PRESS, GLFW_MOD_SHIFT);
    queue.character('?', GLFW_MOD_SHIFT);
    queue.key(GLFW_KEY_SLASH, 0, GLFW_RELEASE, GLFW_MOD_SHIFT);
    frame();
    CHECK(view.keys_help().open);
    frame();
    ImGuiWindow* window = ImGui::FindWindowByName("Keyboard shortcuts");
    REQUIRE(window);
    CHECK(window->Active);
    CHECK(tw.ws->last_error().empty());  // '?' is not reported as an unknown key
    // Esc closes it.
    queue.key(GLFW_KEY_ESCAPE, 0, GLFW_PRESS, 0);
    queue.key(GLFW_KEY_ESCAPE, 0, GLFW_RELEASE, 0);
    frame();
    CHECK_FALSE(view.keys_help().open);
    // F1 is Parent in this scheme: it picks the subject and leaves the overlay closed.
    queue.key(GLFW_KEY_F1, 0, GLFW_PRESS, 0);
    queue.key(GLFW_KEY_F1, 0, GLFW_RELEASE, 0);
    frame();
    CHECK_FALSE(view.keys_help().open);
    CHECK(view.coder().subject() == "parent");
  }

  TEST_CASE("keyboard shortcuts: F1 opens the overlay when the scheme does not use F1") {
    HeadlessImGui imgui;
    TestWorkspace tw(kSchemeWithoutF1);
    KeyQueue queue;
    CodingView view(*tw.ws, KeyMap(), "/nonexistent/keys.json", queue);
    CHECK(help_keys(tw.ws->scheme()) == "? or F1");
    queue.key(GLFW_KEY_F1, 0, GLFW_PRESS, 0);
    queue.key(GLFW_KEY_F1, 0, GLFW_RELEASE, 0);
    imgui.frame(nullptr, [&] { view.draw(); });
    CHECK(view.keys_help().open);
  }
}

TEST_SUITE("gui") {
  TEST_CASE("the default key map uses no chord a desktop takes - such chords are named") {
    const KeyMap defaults;
    for (int i = 0; i < static_cast<int>(Action::Count); ++i) {
      const KeyChord& chord = defaults.chord(static_cast<Action>(i));
      CAPTURE(describe(chord));
      CHECK(taken_by_desktop(chord) == nullptr);
    }
    CHECK(taken_by_desktop(KeyChord{GLFW_KEY_F4, false, false, true}));        // Alt+F4 closes the window
    CHECK(taken_by_desktop(KeyChord{GLFW_KEY_LEFT, true, false, true}));       // Ctrl+Alt+Left: workspace
    CHECK(taken_by_desktop(KeyChord{GLFW_KEY_F2, true, false, false}));        // Ctrl+F2: desktop 2 (KDE)
    CHECK(taken_by_desktop(KeyChord{GLFW_KEY_F11, false, true, false}));       // F11 family
    CHECK_FALSE(taken_by_desktop(KeyChord{GLFW_KEY_HOME, false, false, false}));
  }
}

TEST_SUITE("gui") {
  TEST_CASE("Settings → Keys takes the new chord from the key queue, also a 1 ms tap, and refuses desktop chords") {
    HeadlessImGui imgui;
    TestWorkspace tw;
    KeyMap keys;
    KeyboardCoder::Options options;
    SettingsView settings;
    settings.open = true;
    const std::string path = tw.dir() + "/keys.json";
    auto frame = [&](std::vector<KeyInput> input) {
      bool taken = false;
      imgui.frame(nullptr, [&] { taken = settings.draw(keys, options, path, input); });
      return taken;
    };
    auto tap = [](int key, int mods) {
      KeyQueue q;
      q.key(GLFW_KEY_LEFT_CONTROL, 0, GLFW_PRESS, 0);  // a modifier alone is not the chord
      q.key(key, 0, GLFW_PRESS, mods);
      q.key(key, 0, GLFW_RELEASE, mods);
      return q.take();
    };
    CHECK_FALSE(frame({}));
    settings.capture(Action::PlayPause);
    CHECK(frame(tap(GLFW_KEY_P, GLFW_MOD_CONTROL | GLFW_MOD_SHIFT)));  // the coder must not see it
    CHECK(describe(keys.chord(Action::PlayPause)) == "Ctrl+Shift+P");
    CHECK(KeyMap::load(path).chord(Action::PlayPause) == keys.chord(Action::PlayPause));  // saved
    CHECK_FALSE(frame({}));

    settings.capture(Action::Mute);
    CHECK(frame(tap(GLFW_KEY_F4, GLFW_MOD_ALT)));
    CHECK(describe(keys.chord(Action::Mute)) == "Ctrl+M");  // unchanged
    CHECK(settings.message() ==
          "Alt+F4 is not used: Alt+F-keys belong to the window manager on many desktops (Alt+F4 closes)");
  }
}
