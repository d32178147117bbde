#include "app/settings/display_settings.h"

#include <imgui.h>

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <fstream>

#include <nlohmann/json.hpp>

#include "app/common/style.h"
#include "core/error.h"
#include "store/user_config.h"

namespace attune {

float clamp_font_size(float size) {
  if (!std::isfinite(size)) return DisplaySettings::kDefaultFontSize;
  return std::round(std::clamp(size, DisplaySettings::kMinFontSize, DisplaySettings::kMaxFontSize));
}

std::string DisplaySettings::default_path() { return user_config_file("display.json"); }

DisplaySettings DisplaySettings::load(const std::string& path, std::string* problem) {
  DisplaySettings settings;
  std::ifstream in(path);
  if (!in) return settings;
  try {
    const nlohmann::json doc = nlohmann::json::parse(in);
    if (const auto size = doc.find("font_size"); size != doc.end())
      settings.font_size = clamp_font_size(size->get<float>());
  } catch (const std::exception& e) {
    if (problem) *problem = "display settings " + path + " ignored: " + e.what();
    return DisplaySettings();
  }
  return settings;
}

bool DisplaySettings::save(const std::string& path, std::string* problem) const {
  try {
    write_user_config_file(path, nlohmann::json{{"font_size", font_size}}.dump(2) + "\n");
    return true;
  } catch (const Error& e) {
    if (problem) *problem = e.what();
    return false;
  }
}

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
