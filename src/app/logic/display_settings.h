#pragma once
// How big the window draws: the font size a user chose (Settings → Display…), saved per
// user like the keys. The monitor's HiDPI content scale goes on top of it when the window
// builds its fonts (app/platform/ui_scale.h).
#include <string>

namespace attune {

struct DisplaySettings {
  static constexpr float kMinFontSize = 12.0f, kMaxFontSize = 24.0f, kDefaultFontSize = 15.0f;
  float font_size = kDefaultFontSize;  // pixels at content scale 1

  // $XDG_CONFIG_HOME/attune/display.json, else ~/.config/attune/display.json.
  static std::string default_path();
  // Missing file: defaults. A malformed file: defaults, and `problem` says why. A size
  // out of range is brought into it.
  static DisplaySettings load(const std::string& path, std::string* problem = nullptr);
  // Writes atomically (temp file + rename), 0600. Returns false with `problem` on failure.
  bool save(const std::string& path, std::string* problem = nullptr) const;
  bool operator==(const DisplaySettings&) const = default;
};

// The font size in range, whole pixels.
float clamp_font_size(float size);

}  // namespace attune
