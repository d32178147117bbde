#include "app/common/style.h"

#include <cstdlib>

namespace attune::ui {

ImVec4 color_vec(const std::string& hex, float alpha) {
  if (hex.size() != 7 || hex[0] != '#') return ImVec4(0.55f, 0.55f, 0.55f, alpha);
  const long v = std::strtol(hex.c_str() + 1, nullptr, 16);
  return ImVec4(static_cast<float>((v >> 16) & 255) / 255.0f, static_cast<float>((v >> 8) & 255) / 255.0f,
                static_cast<float>(v & 255) / 255.0f, alpha);
}

ImU32 color_of(const std::string& hex, float alpha) { return ImGui::ColorConvertFloat4ToU32(color_vec(hex, alpha)); }

ImVec4 text_color(const std::string& hex) {
  ImVec4 c = color_vec(hex);
  const float luminance = 0.299f * c.x + 0.587f * c.y + 0.114f * c.z;
  if (luminance < 0.55f) {
    const float lift = (0.55f - luminance) / (1.0f - luminance);
    c = ImVec4(c.x + (1 - c.x) * lift, c.y + (1 - c.y) * lift, c.z + (1 - c.z) * lift, 1.0f);
  }
  return c;
}

ImU32 text_on(const std::string& hex) {
  const ImVec4 c = color_vec(hex);
  const float luminance = 0.299f * c.x + 0.587f * c.y + 0.114f * c.z;
  return luminance > 0.6f ? IM_COL32(20, 20, 20, 255) : IM_COL32(250, 250, 250, 255);
}

void apply_style(float scale) {
  ImGui::StyleColorsDark();
  ImGuiStyle& style = ImGui::GetStyle();
  style.WindowRounding = 0.0f;
  style.FrameRounding = 3.0f;
  style.GrabRounding = 3.0f;
  style.ItemSpacing = ImVec2(8, 5);
  style.FramePadding = ImVec2(6, 4);
  style.WindowBorderSize = 1.0f;
  style.Colors[ImGuiCol_WindowBg] = ImVec4(0.11f, 0.12f, 0.13f, 1.0f);
  style.Colors[ImGuiCol_ChildBg] = ImVec4(0.13f, 0.14f, 0.15f, 1.0f);
  style.Colors[ImGuiCol_Header] = ImVec4(0.22f, 0.36f, 0.52f, 0.80f);
  style.Colors[ImGuiCol_HeaderHovered] = ImVec4(0.26f, 0.42f, 0.60f, 0.90f);
  style.ScaleAllSizes(scale);
}

}  // namespace attune::ui
