#pragma once
// The window's fonts and style at the font size a user chose (DisplaySettings) times the
// monitor's HiDPI content scale. UiScale builds the font atlas and the style for a (font
// size, content scale) pair and rebuilds them, between frames, only when the pair changes.
#include <imgui.h>

namespace attune {

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
