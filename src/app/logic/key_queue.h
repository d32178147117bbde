#pragma once
// Every key the window receives, in the order it arrived, with the time it arrived. GLFW's
// key and char callbacks push here (see glfw_keys.h); the coding view takes the whole queue
// once per frame and applies each entry in order, so a press and release that both happen
// within one frame still count once each, whatever the frame rate. No ImGui, no GLFW: key
// codes and modifier bits are GLFW's numbers, kept as plain ints so this is testable alone.
#include <chrono>
#include <cstddef>
#include <vector>

namespace attune {

struct KeyInput {
  enum class Kind { Press, Repeat, Release, Char };
  Kind kind = Kind::Press;
  int key = 0;                 // GLFW key code (Press, Repeat, Release)
  int scancode = 0;
  unsigned int codepoint = 0;  // the typed character (Char)
  int mods = 0;                // GLFW_MOD_* bits held with it
  std::chrono::steady_clock::time_point at{};  // when the window received it

  static constexpr int kShift = 0x1, kCtrl = 0x2, kAlt = 0x4, kSuper = 0x8;  // GLFW_MOD_*
  bool shift() const { return (mods & kShift) != 0; }
  bool ctrl() const { return (mods & kCtrl) != 0; }
  bool alt() const { return (mods & kAlt) != 0; }
  bool is_down() const { return kind == Kind::Press || kind == Kind::Repeat; }
};

class KeyQueue {
 public:
  // From GLFW's callbacks: action is GLFW_RELEASE (0), GLFW_PRESS (1) or GLFW_REPEAT (2).
  void key(int key, int scancode, int action, int mods);
  void character(unsigned int codepoint, int mods = 0);
  void push(KeyInput input) { pending_.push_back(input); }

  // Everything received since the last take, oldest first; the queue is empty afterwards.
  // The returned vector keeps its capacity between frames (no allocation per frame).
  const std::vector<KeyInput>& take();
  bool empty() const { return pending_.empty(); }
  std::size_t size() const { return pending_.size(); }

 private:
  std::vector<KeyInput> pending_;
  std::vector<KeyInput> taken_;
};

}  // namespace attune
