#pragma once
// How big the window draws: the font size a user chose (Settings → Display…), saved per
// user like the keys, and the monitor's HiDPI content scale on top of it. UiScale builds
// the font atlas and the style for a (font size, content scale) pair and rebuilds them,
// between frames, only when the pair changes.
#include <imgui.h>

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

class UiScale {
 public:
  // Builds the fonts at font_size × content_scale and scales the style to match, when
  // either changed since the last call (never between NewFrame and Render). True when it
  // rebuilt: the renderer must then recreate its font texture.
  bool apply(float font_size, float content_scale);
  float pixels() const { return pixels_; }  // the font's size as built

 private:
  float font_size_ = 0, content_scale_ = 0, pixels_ = 0;
  ImVector<ImWchar> ranges_;
};

}  // namespace attune
