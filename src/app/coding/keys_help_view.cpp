#include "app/coding/keys_help_view.h"

#include <GLFW/glfw3.h>
#include <imgui.h>

#include <algorithm>

namespace attune {

namespace {
bool scheme_uses(const Scheme& scheme, const std::string& key) {
  return std::any_of(scheme.subjects.begin(), scheme.subjects.end(), [&](const Subject& s) { return s.key == key; }) ||
         std::any_of(scheme.codes.begin(), scheme.codes.end(), [&](const Code& c) { return c.key == key; });
}

std::string subject_list(const Scheme& scheme, const Code& code) {
  std::string text;
  for (const std::string& id : code.subjects) {
    const auto found = std::find_if(scheme.subjects.begin(), scheme.subjects.end(),
                                    [&](const Subject& s) { return s.id == id; });
    text += (text.empty() ? "" : " or ") + (found == scheme.subjects.end() ? id : found->name);
  }
  return text;
}
}  // namespace

bool is_help_char(const Scheme& scheme, unsigned int codepoint) { return codepoint == '?' && !scheme_uses(scheme, "?"); }

bool is_help_function_key(const Scheme& scheme, int glfw_key) {
  return glfw_key == GLFW_KEY_F1 && !scheme_uses(scheme, "F1");
}

std::string help_keys(const Scheme& scheme) {
  std::string text;
  if (!scheme_uses(scheme, "?")) text = "?";
  if (!scheme_uses(scheme, "F1")) text += text.empty() ? "F1" : " or F1";
  return text;
}

std::vector<ShortcutSection> shortcut_sections(const KeyMap& keys, const Scheme& scheme) {
  std::vector<ShortcutSection> sections;
  ShortcutSection transport{"Video and editing (Settings → Keys changes these)", {}};
  for (int i = 0; i < static_cast<int>(Action::Count); ++i) {
    const Action action = static_cast<Action>(i);
    transport.rows.push_back({describe(keys.chord(action)), action_label(action)});
  }
  transport.rows.push_back({"Ctrl+Z", "Undo"});
  transport.rows.push_back({"Ctrl+Shift+Z, Ctrl+Y", "Redo"});
  transport.rows.push_back({"Ctrl+Q", "Quit"});
  const std::string help = help_keys(scheme);
  transport.rows.push_back({help.empty() ? "Help menu" : help, "Show or hide this list"});
  sections.push_back(std::move(transport));

  ShortcutSection subjects{"Subjects (the subject for the following codes)", {}};
  for (const Subject& s : scheme.subjects)
    if (!s.key.empty()) subjects.rows.push_back({s.key, s.name});
  if (!subjects.rows.empty()) sections.push_back(std::move(subjects));

  for (const CodeGroup& group : scheme.groups) {
    ShortcutSection section{"Codes: " + group.name, {}};
    for (const Code& code : scheme.codes) {
      if (code.group != group.id || code.key.empty()) continue;
      std::string what = code.name + " (" + (code.kind == CodeKind::State ? "state" : "point");
      if (!code.subjects.empty()) what += ", " + subject_list(scheme, code);
      section.rows.push_back({code.key, what + ")"});
    }
    if (!section.rows.empty()) sections.push_back(std::move(section));
  }

  sections.push_back({"Modifier prompt (after a code with modifiers)",
                      {{"1-9", "Choose a value (toggles for a multiple choice)"},
                       {"Enter", "Next modifier"},
                       {"Esc", "Done: keep what was chosen"},
                       {"Backspace", "Delete a typed digit"},
                       {"a code key", "Done, and code that key"}}});
  return sections;
}

void KeysHelpView::draw(const KeyMap& keys, const Scheme& scheme) {
  if (!open) return;
  const ImGuiViewport* viewport = ImGui::GetMainViewport();
  ImGui::SetNextWindowPos(ImVec2(viewport->WorkPos.x + viewport->WorkSize.x * 0.5f,
                                 viewport->WorkPos.y + viewport->WorkSize.y * 0.5f),
                          ImGuiCond_Appearing, ImVec2(0.5f, 0.5f));
  ImGui::SetNextWindowSize(ImVec2(std::min(900.0f, viewport->WorkSize.x * 0.9f), viewport->WorkSize.y * 0.85f),
                           ImGuiCond_Appearing);
  if (!ImGui::Begin("Keyboard shortcuts", &open, ImGuiWindowFlags_NoCollapse | ImGuiWindowFlags_NoSavedSettings)) {
    ImGui::End();
    return;
  }
  draw_contents(keys, scheme);
  ImGui::End();
}

void KeysHelpView::draw_contents(const KeyMap& keys, const Scheme& scheme) {
  const std::string help = help_keys(scheme);
  ImGui::TextDisabled("%s%s", help.empty() ? "Help → Keyboard shortcuts" : help.c_str(),
                      " shows or hides this list. Keys code at the frame on screen; no key is read while a text "
                      "field has focus.");
  // Two (key, what) pairs per row keep the list on one screen.
  for (const ShortcutSection& section : shortcut_sections(keys, scheme)) {
    ImGui::Spacing();
    ImGui::TextUnformatted(section.title.c_str());
    ImGui::PushID(section.title.c_str());
    if (ImGui::BeginTable("rows", 4, ImGuiTableFlags_RowBg | ImGuiTableFlags_SizingStretchProp)) {
      ImGui::TableSetupColumn("key", ImGuiTableColumnFlags_WidthStretch, 0.75f);
      ImGui::TableSetupColumn("what", ImGuiTableColumnFlags_WidthStretch, 1.25f);
      ImGui::TableSetupColumn("key2", ImGuiTableColumnFlags_WidthStretch, 0.75f);
      ImGui::TableSetupColumn("what2", ImGuiTableColumnFlags_WidthStretch, 1.25f);
      for (std::size_t i = 0; i < section.rows.size(); ++i) {
        if (i % 2 == 0) ImGui::TableNextRow();
        ImGui::TableNextColumn();
        ImGui::TextColored(ImVec4(1.0f, 0.85f, 0.45f, 1.0f), "%s", section.rows[i].keys.c_str());
        ImGui::TableNextColumn();
        ImGui::TextUnformatted(section.rows[i].what.c_str());
      }
      ImGui::EndTable();
    }
    ImGui::PopID();
  }
}

}  // namespace attune
