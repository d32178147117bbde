#include "app/logic/display_settings.h"

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <fstream>

#include <nlohmann/json.hpp>

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

}  // namespace attune
