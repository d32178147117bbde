#pragma once
// Settings → Display…: the font size (12–24 px, applied at once, saved per user). The
// monitor's HiDPI scale multiplies it; the window rebuilds the fonts before the next frame.
#include <string>

#include "app/logic/display_settings.h"

namespace attune {

class DisplaySettingsView {
 public:
  bool open = false;
  void draw(DisplaySettings& settings, const std::string& save_path);
  // Sets the font size (brought into range) and saves it. False with message() on failure.
  bool set_font_size(DisplaySettings& settings, float size, const std::string& save_path);
  const std::string& message() const { return message_; }

 private:
  std::string message_;
};

}  // namespace attune
