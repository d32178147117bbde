#include "app/common/style.h"

#include <algorithm>
#include <cmath>

#include "app/logic/timeline_layout.h"

namespace attune::ui {

// The one parser of a code's colour (app/timeline_layout.h): the same grey for bad input here
// as on the timeline.
ImVec4 color_vec(const std::string& hex, float alpha) {
  ImVec4 c = ImGui::ColorConvertU32ToFloat4(parse_color(hex));
  c.w = alpha;
  return c;
}

ImU32 color_of(const std::string& hex, float alpha) {
  const ImU32 opaque = parse_color(hex);
  if (alpha >= 1.0f) return opaque;
  return (opaque & ~IM_COL32_A_MASK) | (static_cast<ImU32>(std::lround(std::clamp(alpha, 0.0f, 1.0f) * 255.0f))
                                        << IM_COL32_A_SHIFT);
}

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
