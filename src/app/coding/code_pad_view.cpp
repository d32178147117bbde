#include "app/coding/code_pad_view.h"

#include <imgui.h>

#include <algorithm>
#include <cmath>

#include "app/common/style.h"

namespace attune {

const Event* CodePadView::running(const Workspace& ws, const Code& code, Micros t) {
  if (code.kind != CodeKind::State) return nullptr;
  running_.update(ws.model());
  if (code.subjects.empty()) return running_.at(ws.model(), code.id, "", t);
  for (const std::string& subject : code.subjects)
    if (const Event* e = running_.at(ws.model(), code.id, subject, t)) return e;
  return nullptr;
}

std::string CodePadView::label(const Workspace& ws, const Code& code, Micros t) {
  std::string text = (code.key.empty() ? "   " : "[" + code.key + "] ") + code.name;
  // mm:ss since it began (the tooltip tells a state with an end from one still running).
  if (const Event* on = running(ws, code, t)) text += "  " + format_clock(t - on->start).substr(3, 5);
  return text;
}

float CodePadView::widest_label_of(const Scheme& scheme) {
  float widest = 0;
  for (const Code& code : scheme.codes) {
    std::string text = (code.key.empty() ? "   " : "[" + code.key + "] ") + code.name;
    if (code.kind == CodeKind::State) text += "  00:00";
    widest = std::max(widest, ImGui::CalcTextSize(text.c_str()).x);
  }
  return widest;
}

float CodePadView::widest_label(const Workspace& ws) {
  const float font = ImGui::GetFontSize();
  if (measured_scheme_ == &ws.scheme() && measured_font_ == font) return widest_;
  widest_ = widest_label_of(ws.scheme());
  measured_scheme_ = &ws.scheme();
  measured_font_ = font;
  return widest_;
}

void CodePadView::draw(Workspace& ws, KeyboardCoder& coder) {
  draw_prompt(ws, coder);
  draw_subjects(ws, coder);
  const Micros now = ws.now();
  if (const Code* clicked = draw_codes(ws.scheme(), widest_label(ws), [&](const Code& code) {
        return Cell{label(ws, code, now), running(ws, code, now)};
      }))
    coder.code(ws, *clicked);
}

const Code* CodePadView::draw_codes(const Scheme& scheme, float widest, const std::function<Cell(const Code&)>& cell) {
  const Code* clicked = nullptr;
  // As many columns (2–4) as fit the widest button with its running time: a narrow pane
  // never cuts the time off, a wide one shows more codes without scrolling.
  const float width = ImGui::GetContentRegionAvail().x;
  const float spacing = ImGui::GetStyle().ItemSpacing.x;
  const float needed = widest + 2 * ImGui::GetStyle().FramePadding.x;
  const int columns = std::clamp(static_cast<int>((width + spacing) / (needed + spacing)), 2, 4);
  const float button_width = std::floor((width - spacing * static_cast<float>(columns - 1)) / static_cast<float>(columns));
  for (const CodeGroup& group : scheme.groups) {
    ImGui::PushID(group.id.c_str());
    ImGui::TextDisabled("%s%s", group.name.c_str(), group.exclusive ? "  (one at a time)" : "");
    int column = 0;
    for (const Code& code : scheme.codes) {
      if (code.group != group.id) continue;
      ImGui::PushID(code.id.c_str());
      const Cell c = cell(code);
      const Event* on = c.on;
      const ImVec4 base = ui::color_vec(code.color, on ? 1.0f : 0.38f);
      ImGui::PushStyleColor(ImGuiCol_Button, base);
      ImGui::PushStyleColor(ImGuiCol_ButtonHovered, ui::color_vec(code.color, on ? 1.0f : 0.6f));
      ImGui::PushStyleColor(ImGuiCol_ButtonActive, ui::color_vec(code.color, 1.0f));
      ImGui::PushStyleColor(ImGuiCol_Text, on ? ImGui::ColorConvertU32ToFloat4(ui::text_on(code.color))
                                              : ImGui::GetStyleColorVec4(ImGuiCol_Text));
      if (column > 0) ImGui::SameLine();
      // "###": the button keeps its id while the time in its label moves.
      if (ImGui::Button((c.label + "###code").c_str(), ImVec2(button_width, 0))) clicked = &code;
      ImGui::PopStyleColor(4);
      if (ImGui::IsItemHovered() && on)
        ImGui::SetTooltip("%s: %s - %s%s%s", code.name.c_str(), format_clock(on->start).c_str(),
                          on->end ? format_clock(*on->end).c_str() : "running (no end yet)",
                          code.definition.empty() ? "" : "\n", code.definition.c_str());
      else if (ImGui::IsItemHovered() && !code.definition.empty())
        ImGui::SetTooltip("%s (%s)\n%s", code.name.c_str(), to_string(code.kind), code.definition.c_str());
      column = (column + 1) % columns;
      ImGui::PopID();
    }
    ImGui::Spacing();
    ImGui::PopID();
  }
  return clicked;
}

void CodePadView::draw_subjects(Workspace& ws, KeyboardCoder& coder) {
  ImGui::TextDisabled("Subject");
  for (const Subject& s : ws.scheme().subjects) {
    ImGui::SameLine();
    const bool active = coder.subject() == s.id;
    if (active) ImGui::PushStyleColor(ImGuiCol_Button, ImGui::GetStyleColorVec4(ImGuiCol_ButtonActive));
    const std::string label = (s.key.empty() ? "" : "[" + s.key + "] ") + s.name;
    if (ImGui::Button(label.c_str())) coder.choose_subject(active ? "" : s.id);
    if (active) ImGui::PopStyleColor();
  }
  ImGui::SameLine();
  ImGui::TextDisabled(coder.subject().empty() ? "(each code's own)" : "");
  ImGui::Separator();
}

void CodePadView::draw_prompt(Workspace& ws, KeyboardCoder& coder) {
  const std::optional<ModifierPrompt>& prompt = coder.prompt();
  if (!prompt) return;
  const Modifier* m = ws.scheme().find_modifier(prompt->modifiers[prompt->current]);
  const Code* code = ws.scheme().find_code(prompt->code);
  if (!m || !code) return;
  ImGui::PushStyleColor(ImGuiCol_ChildBg, ImVec4(0.20f, 0.24f, 0.32f, 1.0f));
  ImGui::BeginChild("modifier prompt", ImVec2(0, ImGui::GetTextLineHeightWithSpacing() * 3.6f), true);
  ImGui::Text("%s - %s  (%zu of %zu)", code->name.c_str(), m->name.c_str(), prompt->current + 1,
              prompt->modifiers.size());
  if (m->kind == ModifierKind::Number) {
    ImGui::Text("Type a number%s: %s_", m->min && m->max ? " in range" : "", prompt->number_text.c_str());
  } else {
    const auto chosen = prompt->chosen.find(m->id);
    for (std::size_t i = 0; i < m->values.size() && i < 9; ++i) {
      if (i) ImGui::SameLine();
      const bool on = chosen != prompt->chosen.end() &&
                      ("," + chosen->second + ",").find("," + m->values[i] + ",") != std::string::npos;
      const std::string label = std::to_string(i + 1) + " " + m->values[i];
      if (on) ImGui::PushStyleColor(ImGuiCol_Button, ImGui::GetStyleColorVec4(ImGuiCol_ButtonActive));
      if (ImGui::SmallButton(label.c_str())) coder.prompt_choose(ws, i);
      if (on) ImGui::PopStyleColor();
    }
  }
  ImGui::TextDisabled("digits choose   Enter next   Esc done");
  ImGui::EndChild();
  ImGui::PopStyleColor();
}

}  // namespace attune
