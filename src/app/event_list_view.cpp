#include "app/event_list_view.h"

#include <imgui.h>
#include <imgui_stdlib.h>

#include <algorithm>

#include "app/style.h"
#include "core/error.h"

namespace attune {

namespace {
std::string modifiers_text(const ModifierValues& values) {
  std::string text;
  for (const auto& [id, value] : values) text += (text.empty() ? "" : " ") + id + "=" + value;
  return text;
}

std::optional<Micros> parse_or_none(const std::string& text, std::string& error) {
  try {
    return parse_seconds(text);
  } catch (const Error& e) {
    error = e.what();
    return std::nullopt;
  }
}
}  // namespace

void EventListView::draw(Workspace& ws) {
  const Event* selected = ws.selected ? ws.model().find(*ws.selected) : nullptr;
  const float editor_height = selected ? ImGui::GetFrameHeightWithSpacing() * 5.4f : 0.0f;
  draw_table(ws, std::max(60.0f, ImGui::GetContentRegionAvail().y - editor_height));
  if (selected) draw_editor(ws, *selected);
}

void EventListView::draw_table(Workspace& ws, float height) {
  const auto events = ws.model().events();
  if (commented_version_ != ws.comments_version()) {
    commented_.clear();
    for (const SessionComment& c : ws.comments())
      if (c.event_id) commented_.push_back(*c.event_id);
    std::sort(commented_.begin(), commented_.end());
    commented_version_ = ws.comments_version();
  }
  const ImGuiTableFlags flags = ImGuiTableFlags_ScrollY | ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerV |
                                ImGuiTableFlags_Resizable | ImGuiTableFlags_SizingFixedFit;
  if (!ImGui::BeginTable("events", 6, flags, ImVec2(0, height))) return;
  ImGui::TableSetupScrollFreeze(0, 1);
  ImGui::TableSetupColumn("Start");
  ImGui::TableSetupColumn("End");
  ImGui::TableSetupColumn("Code");
  ImGui::TableSetupColumn("Subject");
  ImGui::TableSetupColumn("Modifiers");
  ImGui::TableSetupColumn("Comment", ImGuiTableColumnFlags_WidthStretch);
  ImGui::TableHeadersRow();

  // Follow playback: keep the row at the playhead in view (only when it moves to a new row).
  const float row_height = ImGui::GetTextLineHeightWithSpacing();
  if (ws.clock().playing() && !events.empty()) {
    const std::size_t row = std::min(ws.model().lower_bound(ws.now()), events.size() - 1);
    if (row != last_follow_row_) {
      ImGui::SetScrollY(std::max(0.0f, static_cast<float>(row) * row_height - height * 0.5f));
      last_follow_row_ = row;
    }
  }

  ImGuiListClipper clipper;
  clipper.Begin(static_cast<int>(events.size()), row_height);
  while (clipper.Step()) {
    for (int i = clipper.DisplayStart; i < clipper.DisplayEnd; ++i) {
      const Event& e = events[static_cast<std::size_t>(i)];
      const Code* code = ws.scheme().find_code(e.code);
      ImGui::TableNextRow();
      ImGui::TableNextColumn();
      ImGui::PushID(static_cast<int>(e.id));
      const bool is_selected = ws.selected == e.id;
      if (ImGui::Selectable(format_clock(e.start).c_str(), is_selected,
                            ImGuiSelectableFlags_SpanAllColumns | ImGuiSelectableFlags_AllowItemOverlap))
        ws.seek_to_event(e);
      ImGui::TableNextColumn();
      ImGui::TextUnformatted(e.end ? (*e.end == e.start ? "" : format_clock(*e.end).c_str()) : "running");
      ImGui::TableNextColumn();
      if (std::binary_search(commented_.begin(), commented_.end(), e.id)) {
        ImGui::TextColored(ImVec4(1.0f, 0.78f, 0.23f, 1.0f), "•");
        if (ImGui::IsItemHovered()) {
          ImGui::BeginTooltip();
          for (const SessionComment& c : ws.comments())
            if (c.event_id == e.id) ImGui::Text("%s: %s", c.author.c_str(), c.text.c_str());
          ImGui::EndTooltip();
        }
        ImGui::SameLine();
      }
      ImGui::TextColored(ui::text_color(code ? code->color : ""), "%s", code ? code->name.c_str() : e.code.c_str());
      ImGui::TableNextColumn();
      const Subject* subject = ws.scheme().find_subject(e.subject);
      ImGui::TextUnformatted(subject ? subject->name.c_str() : "");
      ImGui::TableNextColumn();
      ImGui::TextUnformatted(modifiers_text(e.modifiers).c_str());
      ImGui::TableNextColumn();
      ImGui::TextUnformatted(e.comment.c_str());
      ImGui::PopID();
    }
  }
  ImGui::EndTable();
}

void EventListView::load_buffers(const Event& e) {
  buffer_event_ = e.id;
  start_text_ = format_seconds(e.start);
  end_text_ = e.end ? format_seconds(*e.end) : "";
  comment_text_ = e.comment;
}

void EventListView::draw_editor(Workspace& ws, const Event& e) {
  if (buffer_event_ != e.id || buffer_version_ != ws.model().version()) {
    load_buffers(e);
    buffer_version_ = ws.model().version();
  }
  const Scheme& scheme = ws.scheme();
  const Code* code = scheme.find_code(e.code);
  ImGui::Separator();
  ImGui::Text("Event %lld", static_cast<long long>(e.id));
  ImGui::SameLine();
  if (ImGui::SmallButton("-1 frame")) ws.nudge(e.id, -1);
  ImGui::SameLine();
  if (ImGui::SmallButton("+1 frame")) ws.nudge(e.id, 1);
  ImGui::SameLine();
  if (ImGui::SmallButton("Delete")) {
    ws.apply(DeleteEvent{e.id});
    ws.selected.reset();
    return;
  }

  std::string error;
  ImGui::SetNextItemWidth(110);
  if (ImGui::InputText("start s", &start_text_, ImGuiInputTextFlags_EnterReturnsTrue) ||
      ImGui::IsItemDeactivatedAfterEdit()) {
    if (auto t = parse_or_none(start_text_, error)) ws.apply(EditEvent{.id = e.id, .start = *t});
  }
  if (code && code->kind == CodeKind::State) {
    ImGui::SameLine();
    ImGui::SetNextItemWidth(110);
    if (ImGui::InputTextWithHint("end s", "running", &end_text_, ImGuiInputTextFlags_EnterReturnsTrue) ||
        ImGui::IsItemDeactivatedAfterEdit()) {
      if (end_text_.empty()) ws.apply(EditEvent{.id = e.id, .end = std::optional<Micros>()});
      else if (auto t = parse_or_none(end_text_, error)) ws.apply(EditEvent{.id = e.id, .end = std::optional<Micros>(*t)});
    }
  }
  ImGui::SameLine();
  ImGui::SetNextItemWidth(160);
  if (ImGui::BeginCombo("code", code ? code->name.c_str() : e.code.c_str())) {
    for (const Code& c : scheme.codes) {
      if (code && c.group != code->group) continue;  // change within the group: kinds stay consistent
      if (ImGui::Selectable(c.name.c_str(), c.id == e.code)) ws.apply(EditEvent{.id = e.id, .code = c.id});
    }
    ImGui::EndCombo();
  }
  if (code && code->subjects.size() > 1) {
    ImGui::SameLine();
    ImGui::SetNextItemWidth(110);
    const Subject* current = scheme.find_subject(e.subject);
    if (ImGui::BeginCombo("subject", current ? current->name.c_str() : "-")) {
      for (const std::string& id : code->subjects) {
        const Subject* s = scheme.find_subject(id);
        if (ImGui::Selectable(s ? s->name.c_str() : id.c_str(), id == e.subject))
          ws.apply(EditEvent{.id = e.id, .subject = id});
      }
      ImGui::EndCombo();
    }
  }
  if (code) {
    for (const std::string& modifier_id : code->modifiers) {
      const Modifier* m = scheme.find_modifier(modifier_id);
      if (!m || m->kind == ModifierKind::Number) continue;
      const auto value = e.modifiers.find(m->id);
      ImGui::SetNextItemWidth(130);
      if (ImGui::BeginCombo(m->name.c_str(), value == e.modifiers.end() ? "-" : value->second.c_str())) {
        if (ImGui::Selectable("-", value == e.modifiers.end()))
          ws.apply(EditEvent{.id = e.id, .set_modifiers = {{m->id, ""}}});
        for (const std::string& v : m->values)
          if (ImGui::Selectable(v.c_str(), value != e.modifiers.end() && value->second == v))
            ws.apply(EditEvent{.id = e.id, .set_modifiers = {{m->id, v}}});
        ImGui::EndCombo();
      }
      ImGui::SameLine();
    }
    ImGui::NewLine();
  }
  ImGui::SetNextItemWidth(-1);
  if (ImGui::InputTextWithHint("##comment", "comment", &comment_text_, ImGuiInputTextFlags_EnterReturnsTrue) ||
      ImGui::IsItemDeactivatedAfterEdit()) {
    if (comment_text_ != e.comment) ws.apply(EditEvent{.id = e.id, .comment = comment_text_});
  }
  if (!error.empty()) ws.report(error);
}

}  // namespace attune
