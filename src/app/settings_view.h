#pragma once
// Settings: transport keys remapped by pressing the new key, hold-to-code and "pause video
// while choosing modifiers". Saved per user (KeyMap::default_path()).
#include <string>

#include "app/key_map.h"
#include "app/keyboard_coder.h"

namespace attune {

class SettingsView {
 public:
  bool open = false;
  // Returns true while it is capturing a key (the coder must not see that key).
  bool draw(KeyMap& keys, KeyboardCoder::Options& options, const std::string& save_path);

 private:
  int capturing_ = -1;  // the Action waiting for a key, or -1
  std::string message_;
};

}  // namespace attune
