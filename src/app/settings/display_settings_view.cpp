#include "app/settings/display_settings_view.h"

#include <imgui.h>

namespace attune {

bool DisplaySettingsView::set_font_size(DisplaySettings& settings, float size, const std::string& save_path) {
  settings.font_size = clamp_font_size(size);
  message_.clear();
  if (!settings.save(save_path, &message_)) {
    message_ = "not saved: " + message_;
    return false;
  }
  return true;
}

void DisplaySettingsView::draw(DisplaySettings& settings, const std::string& save_path) {
  if (!open) return;
  ImGui::SetNextWindowSize(ImVec2(ImGui::GetFontSize() * 30, 0), ImGuiCond_Appearing);
  if (!ImGui::Begin("Display", &open, ImGuiWindowFlags_NoCollapse | ImGuiWindowFlags_AlwaysAutoResize)) {
    ImGui::End();
    return;
  }
  const float step = ImGui::GetFrameHeight();
  ImGui::AlignTextToFramePadding();
  ImGui::TextUnformatted("Font size");
  ImGui::SameLine();
  if (ImGui::Button("-", ImVec2(step, 0))) set_font_size(settings, settings.font_size - 1, save_path);
  ImGui::SameLine(0, 4);
  int size = static_cast<int>(settings.font_size);
  ImGui::SetNextItemWidth(ImGui::GetFontSize() * 10);
  // Applied while dragging (the fonts follow before the next frame), saved on release.
  if (ImGui::SliderInt("##font size", &size, static_cast<int>(DisplaySettings::kMinFontSize),
                       static_cast<int>(DisplaySettings::kMaxFontSize), "%d px"))
    settings.font_size = clamp_font_size(static_cast<float>(size));
  if (ImGui::IsItemDeactivatedAfterEdit()) set_font_size(settings, settings.font_size, save_path);
  ImGui::SameLine(0, 4);
  if (ImGui::Button("+", ImVec2(step, 0))) set_font_size(settings, settings.font_size + 1, save_path);
  ImGui::SameLine();
  if (ImGui::Button("Default")) set_font_size(settings, DisplaySettings::kDefaultFontSize, save_path);
  ImGui::TextDisabled("Text is drawn at %.0f px: the font size times this monitor's scale (HiDPI).",
                      ImGui::GetFontSize());
  if (!message_.empty()) ImGui::TextColored(ImVec4(1.0f, 0.7f, 0.4f, 1.0f), "%s", message_.c_str());
  ImGui::TextDisabled("Saved to %s", save_path.c_str());
  ImGui::End();
}

}  // namespace attune
