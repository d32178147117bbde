#include "app/settings/settings_view.h"

#include <GLFW/glfw3.h>
#include <imgui.h>

namespace attune {

namespace {
bool is_modifier_key(int key) {
  return key == GLFW_KEY_LEFT_SHIFT || key == GLFW_KEY_RIGHT_SHIFT || key == GLFW_KEY_LEFT_CONTROL ||
         key == GLFW_KEY_RIGHT_CONTROL || key == GLFW_KEY_LEFT_ALT || key == GLFW_KEY_RIGHT_ALT ||
         key == GLFW_KEY_LEFT_SUPER || key == GLFW_KEY_RIGHT_SUPER;
}

// Transport keys must not be plain characters: those belong to the scheme's codes.
bool is_free_for_transport(const KeyChord& chord) {
  const bool printable = chord.key >= GLFW_KEY_APOSTROPHE && chord.key <= GLFW_KEY_GRAVE_ACCENT;
  const bool function_key = chord.key >= GLFW_KEY_F1 && chord.key <= GLFW_KEY_F12;
  return !((printable || function_key) && !chord.ctrl && !chord.alt);
}
}  // namespace

bool SettingsView::draw(KeyMap& keys, KeyboardCoder::Options& options, const std::string& save_path,
                        const std::vector<KeyInput>& input) {
  if (!open) return false;
  const bool was_capturing = capturing_ >= 0;
  ImGui::SetNextWindowSize(ImVec2(560, 520), ImGuiCond_FirstUseEver);
  if (!ImGui::Begin("Settings", &open, ImGuiWindowFlags_NoCollapse)) {
    ImGui::End();
    return capturing_ >= 0;
  }
  ImGui::Checkbox("Hold-to-code for states (press starts, release ends)", &options.hold_to_code);
  ImGui::Checkbox("Pause the video while choosing modifiers", &options.pause_while_choosing);
  ImGui::Separator();
  ImGui::TextDisabled("Transport keys - click a key, then press the new one (Esc cancels)");

  // The first key pressed since the last frame, however short the press.
  for (const KeyInput& k : input) {
    if (capturing_ < 0) break;
    if (k.kind != KeyInput::Kind::Press || is_modifier_key(k.key)) continue;
    const KeyChord chord{k.key, k.ctrl(), k.shift(), k.alt()};
    const Action taken = keys.action_for(chord);
    if (k.key == GLFW_KEY_ESCAPE) {
      message_.clear();
    } else if (!is_free_for_transport(chord)) {
      message_ = describe(chord) + " is kept for code keys; use a key with Ctrl or Alt, or a non-character key";
    } else if (const char* why = taken_by_desktop(chord)) {
      message_ = describe(chord) + " is not used: " + why;
    } else if (taken != Action::Count && static_cast<int>(taken) != capturing_) {
      message_ = describe(chord) + " is already " + action_label(taken);
    } else {
      keys.set(static_cast<Action>(capturing_), chord);
      message_.clear();
      if (!keys.save(save_path, &message_)) message_ = "not saved: " + message_;
    }
    capturing_ = -1;
  }

  if (ImGui::BeginTable("keys", 2, ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerV)) {
    for (int i = 0; i < static_cast<int>(Action::Count); ++i) {
      const Action action = static_cast<Action>(i);
      ImGui::TableNextRow();
      ImGui::TableNextColumn();
      ImGui::TextUnformatted(action_label(action));
      ImGui::TableNextColumn();
      ImGui::PushID(i);
      const std::string label = capturing_ == i ? "press a key…" : describe(keys.chord(action));
      if (ImGui::Button(label.c_str(), ImVec2(180, 0))) capture(action);
      ImGui::PopID();
    }
    ImGui::EndTable();
  }
  if (ImGui::Button("Restore defaults")) {
    keys = KeyMap();
    if (!keys.save(save_path, &message_)) message_ = "not saved: " + message_;
  }
  ImGui::SameLine();
  ImGui::TextDisabled("Undo Ctrl+Z   Redo Ctrl+Shift+Z / Ctrl+Y");
  if (!message_.empty()) ImGui::TextColored(ImVec4(1.0f, 0.7f, 0.4f, 1.0f), "%s", message_.c_str());
  ImGui::TextDisabled("Saved to %s", save_path.c_str());
  ImGui::End();
  return was_capturing || capturing_ >= 0;
}

}  // namespace attune
