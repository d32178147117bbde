#include "app/coding/event_list_view.h"

#include <imgui.h>
#include <imgui_internal.h>  // the table's column widths, for the tests
#include <imgui_stdlib.h>

#include <algorithm>

#include "app/common/style.h"
#include "core/error.h"

namespace attune {

namespace {
std::optional<Micros> parse_or_none(const std::string& text, std::string& error) {
  try {
    return parse_time(text);  // seconds, or the clock form the list shows
  } catch (const Error& e) {
    error = e.what();
    return std::nullopt;
  }
}

constexpr const char* kColumnNames[] = {"Start", "End", "Code", "Subject", "Modifiers", "Comment"};

// After an item: the next one (`width` wide) stays on this line when it fits, else wraps.
void flow(float width) {
  const float right = ImGui::GetWindowPos().x + ImGui::GetWindowContentRegionMax().x;
  ImGui::SameLine();
  if (ImGui::GetCursorScreenPos().x + width > right) ImGui::NewLine();
}

// Where seek_to_event puts the playhead for `e`, within a frame: then steps go from `e`.
bool playhead_on(const Workspace& ws, const Event& e) {
  const FrameIndex frames = ws.clock().frames();
  const Micros target = ws.event_time(e);
  const Micros slack = frames.valid() ? frames.frame_duration(frames.frame_at(target)) : 1000;
  return ws.now() > target - slack && ws.now() < target + slack;
}
}  // namespace

void EventListView::draw(Workspace& ws) {
  const Event* selected = ws.selected ? ws.model().find(*ws.selected) : nullptr;
  if (edit_ && !ws.model().find(edit_->id)) edit_.reset();  // deleted (or undone) meanwhile
  rows_.update(ws.model(), filter);
  measure(ws);
  draw_toolbar(ws);
  const float actions_height = selected ? ImGui::GetFrameHeightWithSpacing() * 1.3f : 0.0f;
  draw_table(ws, std::max(60.0f, ImGui::GetContentRegionAvail().y - actions_height));
  if (selected) draw_actions(ws, *selected);
}

void EventListView::handle_action(Workspace& ws, Action action) {
  const bool back = action == Action::PrevEvent || action == Action::PrevSameCode;
  const bool same_code = action == Action::PrevSameCode || action == Action::NextSameCode;
  step(ws, back ? -1 : 1, same_code);
}

bool EventListView::step(Workspace& ws, int direction, bool same_code) {
  rows_.update(ws.model(), filter);
  const Event* selected = ws.selected ? ws.model().find(*ws.selected) : nullptr;
  const std::optional<EventId> from = selected && playhead_on(ws, *selected) ? std::optional(selected->id) : std::nullopt;
  const std::string code = same_code && selected ? selected->code : "";
  const Event* to = step_event(ws.model(), rows_, from, ws.now(), direction, code);
  if (!to) {
    const Code* c = code.empty() ? nullptr : ws.scheme().find_code(code);
    note_ = std::string(direction > 0 ? "no later " : "no earlier ") + (c ? c->name : "event") +
            (filter.active() ? " in this filter" : "");
    return false;
  }
  note_.clear();
  ws.seek_to_event(*to);
  return true;
}

bool EventListView::go_to(Workspace& ws, const std::string& text) {
  std::string error;
  const std::optional<Micros> t = parse_or_none(text, error);
  if (!t) {
    ws.report(error);
    return false;
  }
  ws.clock().seek(*t);
  rows_.update(ws.model(), filter);
  if (rows_.size() > 0) scroll_to_row_ = std::min(rows_.row_at(ws.model(), *t), rows_.size() - 1);
  note_.clear();
  return true;
}

void EventListView::measure(const Workspace& ws) {
  const float font = ImGui::GetFontSize();
  if (measured_scheme_ == &ws.scheme() && measured_font_ == font) return;
  const Scheme& scheme = ws.scheme();
  auto width = [](const std::string& text) { return ImGui::CalcTextSize(text.c_str()).x; };
  for (std::size_t c = 0; c < content_.size(); ++c) content_[c] = width(kColumnNames[c]);
  const float time = width(format_clock(0));
  auto widen = [&](Column column, float w) {
    float& slot = content_[static_cast<std::size_t>(column)];
    slot = std::max(slot, w);
  };
  widen(Column::Start, time);
  widen(Column::End, std::max(time, width("running")));
  const float flag = width("\u2022") + ImGui::GetStyle().ItemSpacing.x;  // the comment flag before a code
  for (const Code& code : scheme.codes) {
    widen(Column::Code, width(code.name) + flag);
    std::string modifiers;  // the longest values of the code's modifiers, as a cell shows them
    for (const std::string& id : code.modifiers) {
      const Modifier* m = scheme.find_modifier(id);
      std::string longest = m && m->kind == ModifierKind::Number ? "000" : "";
      if (m)
        for (const std::string& v : m->values) longest = v.size() > longest.size() ? v : longest;
      modifiers += (modifiers.empty() ? "" : " ") + id + "=" + longest;
    }
    widen(Column::Modifiers, std::min(width(modifiers), 24.0f * font));
  }
  for (const Subject& subject : scheme.subjects) widen(Column::Subject, width(subject.name));
  measured_scheme_ = &scheme;
  measured_font_ = font;
}

void EventListView::draw_toolbar(Workspace& ws) {
  const float button = ImGui::GetFrameHeight();
  if (ImGui::Button("< Prev")) step(ws, -1, false);
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("the previous event (PageUp)");
  ImGui::SameLine(0, 4);
  if (ImGui::Button("Next >")) step(ws, 1, false);
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("the next event (PageDown)");
  flow(ImGui::CalcTextSize("< Code").x * 2 + button);
  if (ImGui::Button("< Code")) step(ws, -1, true);
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("the previous event of the selected event's code (Ctrl+PageUp)");
  ImGui::SameLine(0, 4);
  if (ImGui::Button("Code >")) step(ws, 1, true);
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("the next event of the selected event's code (Ctrl+PageDown)");
  const float goto_width = ImGui::CalcTextSize("00:00:00.000").x + 2 * ImGui::GetStyle().FramePadding.x + 8;
  flow(goto_width);
  ImGui::SetNextItemWidth(goto_width);
  if (ImGui::InputTextWithHint("##go to", "go to time", &goto_text_, ImGuiInputTextFlags_EnterReturnsTrue) &&
      go_to(ws, goto_text_))
    goto_text_.clear();
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("type a time and press Enter: 90, 01:30 or 00:01:30.500");
  if (!note_.empty()) {
    flow(ImGui::CalcTextSize(note_.c_str()).x);
    ImGui::AlignTextToFramePadding();
    ImGui::TextDisabled("%s", note_.c_str());
  }

  // The filter: one code and/or one subject.
  const Scheme& scheme = ws.scheme();
  const float code_combo = std::max(content_width(Column::Code), ImGui::CalcTextSize("every code").x) + button + 12;
  const float subject_combo = std::max(content_width(Column::Subject), ImGui::CalcTextSize("every subject").x) + button + 12;
  const Code* code = filter.code.empty() ? nullptr : scheme.find_code(filter.code);
  ImGui::AlignTextToFramePadding();
  ImGui::TextDisabled("Show");
  ImGui::SameLine();
  ImGui::SetNextItemWidth(code_combo);
  if (ImGui::BeginCombo("##code filter", code ? code->name.c_str() : "every code")) {
    if (ImGui::Selectable("every code", !code)) filter.code.clear();
    for (const CodeGroup& group : scheme.groups) {
      ImGui::TextDisabled("%s", group.name.c_str());
      for (const Code& c : scheme.codes)
        if (c.group == group.id && ImGui::Selectable(("  " + c.name + "##" + c.id).c_str(), c.id == filter.code))
          filter.code = c.id;
    }
    ImGui::EndCombo();
  }
  const Subject* subject = filter.subject.empty() ? nullptr : scheme.find_subject(filter.subject);
  flow(subject_combo);
  ImGui::SetNextItemWidth(subject_combo);
  if (ImGui::BeginCombo("##subject filter", subject ? subject->name.c_str() : "every subject")) {
    if (ImGui::Selectable("every subject", !subject)) filter.subject.clear();
    for (const Subject& s : scheme.subjects)
      if (ImGui::Selectable(s.name.c_str(), s.id == filter.subject)) filter.subject = s.id;
    ImGui::EndCombo();
  }
  if (filter.active()) {
    rows_.update(ws.model(), filter);
    const std::string shown = std::to_string(rows_.size()) + " of " + std::to_string(ws.model().size());
    flow(ImGui::CalcTextSize(shown.c_str()).x + button * 2);
    ImGui::AlignTextToFramePadding();
    ImGui::TextDisabled("%s", shown.c_str());
    ImGui::SameLine();
    if (ImGui::SmallButton("show all")) filter = {};
  }
}

void EventListView::begin_edit(const Workspace& ws, EventId id, Column column) {
  const Event* e = ws.model().find(id);
  if (!e) return;
  CellEdit edit;
  edit.id = id;
  edit.column = column;
  // Times as the list shows them, to the microsecond so that keeping the text changes nothing.
  if (column == Column::Start) edit.text = format_clock_exact(e->start);
  if (column == Column::End) edit.text = e->end ? format_clock_exact(*e->end) : "";
  if (column == Column::Comment) edit.text = e->comment;
  edit_ = std::move(edit);
}

void EventListView::draw_table(Workspace& ws, float height) {
  const SessionModel& model = ws.model();
  if (commented_version_ != ws.comments_version()) {
    commented_.clear();
    for (const SessionComment& c : ws.comments())
      if (c.event_id) commented_.push_back(*c.event_id);
    std::sort(commented_.begin(), commented_.end());
    commented_version_ = ws.comments_version();
  }
  // Columns start at their content's width; a narrow window scrolls sideways rather than
  // squeezing them (the comment takes what is left, at least a few words).
  const float padding = ImGui::GetStyle().CellPadding.x * 2 + 2;
  float fixed = 0;
  for (std::size_t c = 0; c + 1 < content_.size(); ++c) fixed += content_[c] + padding;
  const float inner = std::max(ImGui::GetContentRegionAvail().x, fixed + 12 * ImGui::GetFontSize());
  const ImGuiTableFlags flags = ImGuiTableFlags_ScrollX | ImGuiTableFlags_ScrollY | ImGuiTableFlags_RowBg |
                                ImGuiTableFlags_BordersInnerV | ImGuiTableFlags_Resizable |
                                ImGuiTableFlags_SizingFixedFit;
  ImGui::PushID(static_cast<int>(measured_font_ * 10));  // new widths when the font size changes
  if (!ImGui::BeginTable("events", 6, flags, ImVec2(0, height), inner)) {
    ImGui::PopID();
    return;
  }
  ImGui::TableSetupScrollFreeze(0, 1);
  for (std::size_t c = 0; c + 1 < content_.size(); ++c)
    ImGui::TableSetupColumn(kColumnNames[c], ImGuiTableColumnFlags_WidthFixed, content_[c]);
  ImGui::TableSetupColumn("Comment", ImGuiTableColumnFlags_WidthStretch);
  ImGui::TableHeadersRow();

  const float row_height = ImGui::GetFrameHeight();
  row_height_ = row_height;
  const std::size_t n = rows_.size();
  const float view_h = height - row_height;  // below the frozen header
  auto bring_into_view = [&](std::size_t row, bool centre) {
    const float y = static_cast<float>(row) * row_height, scroll = ImGui::GetScrollY();
    if (!centre && y >= scroll && y + row_height <= scroll + view_h) return;
    ImGui::SetScrollY(std::max(0.0f, y - (view_h - row_height) * 0.5f));
  };
  // Follow playback: keep the row at the playhead in view (only when it moves to a new row).
  if (ws.clock().playing() && n > 0) {
    const std::size_t row = std::min(rows_.row_at(model, ws.now()), n - 1);
    if (row != last_follow_row_) {
      bring_into_view(row, true);
      last_follow_row_ = row;
    }
  }
  // Follow the selection, wherever it was made (timeline, keys, the buttons above).
  if (ws.selected != shown_selection_) {
    shown_selection_ = ws.selected;
    if (ws.selected)
      if (const auto row = rows_.row_of(model, *ws.selected)) bring_into_view(*row, false);
  }
  if (scroll_to_row_) {
    bring_into_view(*scroll_to_row_, true);
    scroll_to_row_.reset();
  }
  scroll_y_ = ImGui::GetScrollY();
  rows_top_ = ImGui::GetCursorScreenPos().y;

  ImGuiListClipper clipper;
  clipper.Begin(static_cast<int>(n), row_height);
  while (clipper.Step()) {
    for (int i = clipper.DisplayStart; i < clipper.DisplayEnd; ++i) {
      const Event& e = rows_.row(model, static_cast<std::size_t>(i));
      ImGui::TableNextRow(ImGuiTableRowFlags_None, row_height);
      ImGui::TableNextColumn();
      ImGui::PushID(static_cast<int>(e.id));
      const bool is_selected = ws.selected == e.id;
      // The row's selectable spans every column: a click selects and seeks, a double-click
      // edits the cell under the mouse.
      if (ImGui::Selectable("##row", is_selected,
                            ImGuiSelectableFlags_SpanAllColumns | ImGuiSelectableFlags_AllowItemOverlap |
                                ImGuiSelectableFlags_AllowDoubleClick,
                            ImVec2(0, row_height))) {
        ws.seek_to_event(e);
        shown_selection_ = e.id;  // in view already: the list does not jump
      }
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
  if (const ImGuiTable* table = ImGui::GetCurrentTable())
    for (int c = 0; c < 6; ++c) given_[static_cast<std::size_t>(c)] = table->Columns[c].WidthGiven;
  ImGui::EndTable();
  ImGui::PopID();
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
  follow_edit(ws, edit.id);
  edit_.reset();
}

// After a kept edit the video and the timeline go to the event (a new start moves it).
void EventListView::follow_edit(Workspace& ws, EventId id) {
  if (!ws.last_error().empty()) return;
  if (const Event* e = ws.model().find(id)) ws.seek_to_event(*e);
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
  if (done) {
    follow_edit(ws, edit.id);
    edit_.reset();
  }
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
