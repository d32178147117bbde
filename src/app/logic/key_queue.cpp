#include "app/logic/key_queue.h"

namespace attune {

void KeyQueue::key(int key, int scancode, int action, int mods) {
  KeyInput input;
  input.kind = action == 0 ? KeyInput::Kind::Release : action == 2 ? KeyInput::Kind::Repeat : KeyInput::Kind::Press;
  input.key = key;
  input.scancode = scancode;
  input.mods = mods;
  input.at = std::chrono::steady_clock::now();
  pending_.push_back(input);
}

void KeyQueue::character(unsigned int codepoint, int mods) {
  KeyInput input;
  input.kind = KeyInput::Kind::Char;
  input.codepoint = codepoint;
  input.mods = mods;
  input.at = std::chrono::steady_clock::now();
  pending_.push_back(input);
}

const std::vector<KeyInput>& KeyQueue::take() {
  taken_.clear();
  taken_.swap(pending_);
  return taken_;
}

}  // namespace attune
