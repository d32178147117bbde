#pragma once
// Headless Dear ImGui (no backend, no display) and a Workspace on a real SQLite file, so
// view logic is tested with the real store and input injected through ImGuiIO (1.86 has
// no AddKeyEvent: keys go through io.KeysDown, text through io.AddInputCharacter).
#include <GLFW/glfw3.h>
#include <imgui.h>

#include <functional>

#include "app/logic/key_queue.h"
#include "../app_logic/workspace_fixture.h"  // kGuiScheme, TestWorkspace, TwoCodings

namespace attune::test {

// An ImGui context without a backend, for one test.
class HeadlessImGui {
 public:
  HeadlessImGui() {
    ImGui::CreateContext();
    ImGuiIO& io = ImGui::GetIO();
    io.IniFilename = nullptr;
    io.DisplaySize = ImVec2(1280, 800);
    io.DeltaTime = 1.0f / 60.0f;
    unsigned char* pixels = nullptr;
    int w = 0, h = 0;
    io.Fonts->GetTexDataAsRGBA32(&pixels, &w, &h);
    // InputText edits through ImGuiKey_* mapped to the backend's key codes (GLFW's here).
    io.KeyMap[ImGuiKey_Enter] = GLFW_KEY_ENTER;
    io.KeyMap[ImGuiKey_Escape] = GLFW_KEY_ESCAPE;
    io.KeyMap[ImGuiKey_Backspace] = GLFW_KEY_BACKSPACE;
    io.KeyMap[ImGuiKey_Tab] = GLFW_KEY_TAB;
    io.KeyMap[ImGuiKey_LeftArrow] = GLFW_KEY_LEFT;
    io.KeyMap[ImGuiKey_RightArrow] = GLFW_KEY_RIGHT;
  }
  ~HeadlessImGui() { ImGui::DestroyContext(); }

  // One frame: `input` sets io before NewFrame, `body` draws.
  void frame(const std::function<void(ImGuiIO&)>& input, const std::function<void()>& body) {
    ImGuiIO& io = ImGui::GetIO();
    if (input) input(io);
    ImGui::NewFrame();
    body();
    ImGui::Render();
  }
};

// What the app's GLFW callbacks do with a key: ImGui sees it (io.KeysDown, its character
// queue) and so does the KeyQueue the keyboard coder reads.
struct KeyFeed {
  KeyQueue queue;
  void down(ImGuiIO& io, int key, unsigned int c = 0, int mods = 0) {
    if (key) io.KeysDown[key] = true;
    if (key) queue.key(key, 0, GLFW_PRESS, mods);
    if (c) io.AddInputCharacter(c);
    if (c) queue.character(c, mods);
  }
  void up(ImGuiIO& io, int key, int mods = 0) {
    if (key) io.KeysDown[key] = false;
    if (key) queue.key(key, 0, GLFW_RELEASE, mods);
  }
  // Where the keys went instead of coding, as the coding view says it.
  static const char* taken_by() { return ImGui::GetIO().WantTextInput ? "a text field" : ""; }
};

}  // namespace attune::test
