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
  if (edit_ && !ws.model().find(edit_->id)) edit_.reset();  // deleted (or undone) meanwhile
  const float actions_height = selected ? ImGui::GetFrameHeightWithSpacing() * 1.3f : 0.0f;
  draw_table(ws, std::max(60.0f, ImGui::GetContentRegionAvail().y - actions_height));
  if (selected) draw_actions(ws, *selected);
}

void EventListView::begin_edit(const Workspace& ws, EventId id, Column column) {
  const Event* e = ws.model().find(id);
  if (!e) return;
  CellEdit edit;
  edit.id = id;
  edit.column = column;
  if (column == Column::Start) edit.text = format_seconds(e->start);
  if (column == Column::End) edit.text = e->end ? format_seconds(*e->end) : "";
  if (column == Column::Comment) edit.text = e->comment;
  edit_ = std::move(edit);
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
  const float row_height = ImGui::GetFrameHeight();
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
      ImGui::TableNextRow(ImGuiTableRowFlags_None, row_height);
      ImGui::TableNextColumn();
      ImGui::PushID(static_cast<int>(e.id));
      const bool is_selected = ws.selected == e.id;
      // The row's selectable spans every column: a click seeks, a double-click edits the
      // cell under the mouse.
      if (ImGui::Selectable("##row", is_selected,
                            ImGuiSelectableFlags_SpanAllColumns | ImGuiSelectableFlags_AllowItemOverlap |
                                ImGuiSelectableFlags_AllowDoubleClick,
                            ImVec2(0, row_height)))
        ws.seek_to_event(e);
      if (ImGui::IsItemHovered() && ImGui::IsMouseDoubleClicked(ImGuiMouseButton_Left))
        for (int c = 0; c < 6; ++c)
          if (ImGui::TableGetColumnFlags(c) & ImGuiTableColumnFlags_IsHovered)
            begin_edit(ws, e.id, static_cast<Column>(c));
      ImGui::SameLine(0, 0);
      for (int c = 0; c < 6; ++c) {
        if (c > 0) ImGui::TableNextColumn();
        draw_cell(ws, e, static_cast<Column>(c));
      }
      ImGui::PopID();
    }
  }
  ImGui::EndTable();
}

void EventListView::draw_cell(Workspace& ws, const Event& e, Column column) {
  if (edit_ && edit_->id == e.id && edit_->column == column) {
    if (column == Column::Start || column == Column::End || column == Column::Comment) draw_text_editor(ws, e);
    else draw_choice_editor(ws, e);
    return;
  }
  const Scheme& scheme = ws.scheme();
  ImGui::AlignTextToFramePadding();
  switch (column) {
    case Column::Start: ImGui::TextUnformatted(format_clock(e.start).c_str()); break;
    case Column::End:
      ImGui::TextUnformatted(e.end ? (*e.end == e.start ? "" : format_clock(*e.end).c_str()) : "running");
      break;
    case Column::Code: {
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
      const Code* code = scheme.find_code(e.code);
      ImGui::TextColored(ui::text_color(code ? code->color : ""), "%s", code ? code->name.c_str() : e.code.c_str());
      break;
    }
    case Column::Subject: {
      const Subject* subject = scheme.find_subject(e.subject);
      ImGui::TextUnformatted(subject ? subject->name.c_str() : "");
      break;
    }
    case Column::Modifiers: ImGui::TextUnformatted(modifiers_text(e.modifiers).c_str()); break;
    case Column::Comment: ImGui::TextUnformatted(e.comment.c_str()); break;
  }
}

// Start, End and Comment: a text field in the cell. Enter or leaving it keeps the text,
// Esc drops it; a time that does not parse is reported and the field stays open.
void EventListView::draw_text_editor(Workspace& ws, const Event& e) {
  CellEdit& edit = *edit_;
  if (edit.focus) {
    ImGui::SetKeyboardFocusHere();
    edit.focus = false;
  }
  ImGui::SetNextItemWidth(-1);
  const char* hint = edit.column == Column::End ? "running" : "";
  const bool entered = ImGui::InputTextWithHint("##cell", hint, &edit.text,
                                                ImGuiInputTextFlags_EnterReturnsTrue | ImGuiInputTextFlags_AutoSelectAll);
  const bool left = ImGui::IsItemDeactivated();
  const bool cancelled = left && ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Escape), false);
  if (cancelled) {
    edit_.reset();
    return;
  }
  if (!entered && !left) return;
  const Code* code = ws.scheme().find_code(e.code);
  std::string error;
  switch (edit.column) {
    case Column::Start:
      if (auto t = parse_or_none(edit.text, error); t && *t != e.start) ws.apply(EditEvent{.id = e.id, .start = *t});
      break;
    case Column::End:
      if (!code || code->kind != CodeKind::State) break;  // a point's end is its start
      if (edit.text.empty()) {
        if (e.end) ws.apply(EditEvent{.id = e.id, .end = std::optional<Micros>()});
      } else if (auto t = parse_or_none(edit.text, error); t && e.end != *t) {
        ws.apply(EditEvent{.id = e.id, .end = std::optional<Micros>(*t)});
      }
      break;
    default:
      if (edit.text != e.comment) ws.apply(EditEvent{.id = e.id, .comment = edit.text});
      break;
  }
  if (!error.empty()) {
    ws.report(error);
    edit.focus = entered;  // keep typing after a bad time typed with Enter
    if (entered) return;
  }
  edit_.reset();
}

// Code, Subject and Modifiers: a popup of choices opened at the cell; choosing applies at
// once, closing the popup (Esc or a click elsewhere) ends the edit.
void EventListView::draw_choice_editor(Workspace& ws, const Event& e) {
  CellEdit& edit = *edit_;
  const Scheme& scheme = ws.scheme();
  const Code* code = scheme.find_code(e.code);
  ImGui::TextDisabled("choose…");
  if (!edit.popup) {
    ImGui::OpenPopup("##choices");
    edit.popup = true;
  }
  if (!ImGui::BeginPopup("##choices")) {
    edit_.reset();
    return;
  }
  bool done = false;
  switch (edit.column) {
    case Column::Code:
      for (const Code& c : scheme.codes) {
        if (code && c.group != code->group) continue;  // within the group: kinds stay consistent
        if (ImGui::Selectable(c.name.c_str(), c.id == e.code)) {
          if (c.id != e.code) ws.apply(EditEvent{.id = e.id, .code = c.id});
          done = true;
        }
      }
      break;
    case Column::Subject:
      if (!code || code->subjects.size() < 2) ImGui::TextDisabled("this code has one subject");
      if (code)
        for (const std::string& id : code->subjects) {
          const Subject* s = scheme.find_subject(id);
          if (ImGui::Selectable(s ? s->name.c_str() : id.c_str(), id == e.subject)) {
            if (id != e.subject) ws.apply(EditEvent{.id = e.id, .subject = id});
            done = true;
          }
        }
      break;
    default: {
      int shown = 0;
      for (const std::string& modifier_id : code ? code->modifiers : std::vector<std::string>{}) {
        const Modifier* m = scheme.find_modifier(modifier_id);
        if (!m || m->kind == ModifierKind::Number) continue;
        ++shown;
        const auto value = e.modifiers.find(m->id);
        ImGui::SetNextItemWidth(160);
        if (ImGui::BeginCombo(m->name.c_str(), value == e.modifiers.end() ? "-" : value->second.c_str())) {
          if (ImGui::Selectable("-", value == e.modifiers.end()) && value != e.modifiers.end())
            ws.apply(EditEvent{.id = e.id, .set_modifiers = {{m->id, ""}}});
          for (const std::string& v : m->values)
            if (ImGui::Selectable(v.c_str(), value != e.modifiers.end() && value->second == v))
              ws.apply(EditEvent{.id = e.id, .set_modifiers = {{m->id, v}}});
          ImGui::EndCombo();
        }
      }
      if (shown == 0) ImGui::TextDisabled("this code has no modifiers to choose");
      break;
    }
  }
  if (done) ImGui::CloseCurrentPopup();
  ImGui::EndPopup();
  if (done) edit_.reset();
}

void EventListView::draw_actions(Workspace& ws, const Event& e) {
  ImGui::Separator();
  ImGui::AlignTextToFramePadding();
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
  ImGui::SameLine();
  ImGui::TextDisabled("double-click a cell to edit it");
}

}  // namespace attune
