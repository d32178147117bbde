#include "app/platform/ui_scale.h"

#include <algorithm>
#include <cmath>
#include <filesystem>

#include "app/common/style.h"
#include "app/logic/display_settings.h"

namespace attune {

bool UiScale::apply(float font_size, float content_scale) {
  font_size = clamp_font_size(font_size);
  content_scale = std::isfinite(content_scale) && content_scale > 0 ? std::clamp(content_scale, 0.5f, 4.0f) : 1.0f;
  if (font_size == font_size_ && content_scale == content_scale_) return false;
  font_size_ = font_size;
  content_scale_ = content_scale;
  pixels_ = std::round(font_size * content_scale);

  ImGuiIO& io = ImGui::GetIO();
  io.Fonts->Clear();
  const char* font = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf";
  if (std::filesystem::exists(font)) {
    // Latin-1 plus the punctuation the UI and schemes use (… – — − ·). The atlas copies
    // the ranges' pointer, so they live as long as this object.
    if (ranges_.empty()) {
      ImFontGlyphRangesBuilder builder;
      builder.AddRanges(io.Fonts->GetGlyphRangesDefault());
      builder.AddText("…–—−•→←≤≥×κ");
      builder.BuildRanges(&ranges_);
    }
    io.Fonts->AddFontFromFileTTF(font, pixels_, nullptr, ranges_.Data);
  } else {
    ImFontConfig config;
    config.SizePixels = pixels_;
    io.Fonts->AddFontDefault(&config);
  }
  io.Fonts->Build();
  ui::apply_style(content_scale * font_size / DisplaySettings::kDefaultFontSize);
  return true;
}

}  // namespace attune
