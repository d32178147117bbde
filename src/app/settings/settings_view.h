#pragma once
// Settings: transport keys remapped by pressing the new key, hold-to-code and "pause video
// while choosing modifiers". Saved per user (KeyMap::default_path()).
#include <string>
#include <vector>

#include "app/logic/key_map.h"
#include "app/logic/keyboard_coder.h"

namespace attune {

class SettingsView {
 public:
  bool open = false;
  // Returns true while it is capturing a key, and in the frame it took one (the coder must
  // not see those keys): the first press in `input` (this frame's keys) becomes the chord.
  bool draw(KeyMap& keys, KeyboardCoder::Options& options, const std::string& save_path,
            const std::vector<KeyInput>& input);
  // What clicking an action's key button does: the next key pressed becomes its chord.
  void capture(Action action) { capturing_ = static_cast<int>(action); }
  // The last refusal or save problem ("" when the last key was taken).
  const std::string& message() const { return message_; }

 private:
  int capturing_ = -1;  // the Action waiting for a key, or -1
  std::string message_;
};

}  // namespace attune
