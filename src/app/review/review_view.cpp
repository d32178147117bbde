#include "app/review/review_view.h"
#include "core/text.h"

#include <imgui.h>
#include <imgui_stdlib.h>

#include <algorithm>
#include <cctype>

namespace attune {

namespace {
constexpr SessionStatus kSteps[] = {SessionStatus::Coding, SessionStatus::Submitted, SessionStatus::Reviewed,
                                    SessionStatus::Approved};
const ImVec4 kRefused(1.0f, 0.55f, 0.45f, 1.0f);

std::string where(const Workspace& ws, const SessionComment& c) {
  if (c.event_id) {
    const Event* e = ws.model().find(*c.event_id);
    const Code* code = e ? ws.scheme().find_code(e->code) : nullptr;
    const std::string what = code ? code->name : e ? e->code : "deleted event " + std::to_string(*c.event_id);
    return what + " at " + format_clock(c.at.value_or(0));
  }
  if (c.at) return format_clock(*c.at);
  return "session";
}
}  // namespace

bool ReviewView::done(const Workspace& ws, bool ok) {
  message_ = ok ? "" : ws.last_error();
  return ok;
}

bool ReviewView::change_status(Workspace& ws, SessionStatus to) {
  if (to == SessionStatus::Approved && status_change_allowed(ws.info().status, to) && ws.info().status != to) {
    running_.clear();
    for (const Event* e : ws.model().open_states()) {
      const Code* code = ws.scheme().find_code(e->code);
      const Subject* subject = e->subject.empty() ? nullptr : ws.scheme().find_subject(e->subject);
      running_.push_back((code ? code->name : e->code) + (e->subject.empty() ? "" : ", ") +
                         (subject ? subject->name : e->subject) + ", from " + format_clock(e->start));
    }
    if (!running_.empty()) {
      message_.clear();
      return false;  // the confirmation asks
    }
  }
  return done(ws, ws.set_status(to));
}

bool ReviewView::approve_anyway(Workspace& ws) {
  running_.clear();
  return done(ws, ws.set_status(SessionStatus::Approved));
}

std::optional<ImVec2> ReviewView::button_center(const std::string& label) const {
  for (const auto& [name, center] : spots_)
    if (name == label) return center;
  return std::nullopt;
}

void ReviewView::request_unlock() {
  unlock_requested_ = true;
  reason_.clear();
  message_.clear();
}

bool ReviewView::confirm_unlock(Workspace& ws) {
  if (is_blank(reason_)) {
    message_ = "unlocking an approved session needs a reason";
    return false;
  }
  if (!done(ws, ws.unlock(reason_))) return false;
  unlock_requested_ = false;
  reason_.clear();
  return true;
}

bool ReviewView::add_comment(Workspace& ws, CommentOn on) {
  std::optional<Micros> at;
  std::optional<EventId> event;
  if (on == CommentOn::Moment) at = ws.now();
  if (on == CommentOn::SelectedEvent) {
    if (!ws.selected) {
      message_ = "select an event first";
      return false;
    }
    event = ws.selected;
  }
  if (!done(ws, ws.add_comment(comment_, at, event).has_value())) return false;
  comment_.clear();
  return true;
}

void ReviewView::begin_edit(const SessionComment& comment) {
  editing_ = comment.id;
  edit_text_ = comment.text;
  message_.clear();
}

bool ReviewView::save_edit(Workspace& ws) {
  if (!editing_) return false;
  if (is_blank(edit_text_)) {
    message_ = "a comment needs text (delete it instead)";
    return false;
  }
  if (!done(ws, ws.edit_comment(*editing_, edit_text_))) return false;
  editing_.reset();
  edit_text_.clear();
  return true;
}

void ReviewView::request_delete(std::int64_t id) {
  delete_ = id;
  message_.clear();
}

bool ReviewView::confirm_delete(Workspace& ws) {
  if (!delete_) return false;
  const std::int64_t id = *delete_;
  delete_.reset();
  if (!done(ws, ws.delete_comment(id))) return false;
  if (editing_ == id) editing_.reset();
  return true;
}

void ReviewView::draw(Workspace& ws) {
  if (!open) return;
  const ImGuiViewport* viewport = ImGui::GetMainViewport();
  ImGui::SetNextWindowPos(ImVec2(viewport->WorkPos.x + viewport->WorkSize.x - 560, viewport->WorkPos.y + 40),
                          ImGuiCond_FirstUseEver);
  ImGui::SetNextWindowSize(ImVec2(540, 420), ImGuiCond_FirstUseEver);
  if (ImGui::Begin("Review", &open)) {
    draw_status(ws);
    ImGui::Separator();
    draw_comments(ws);
  }
  ImGui::End();
  draw_unlock_dialog(ws);
  draw_delete_dialog(ws);
  draw_approve_dialog(ws);
}

void ReviewView::draw_approve_dialog(Workspace& ws) {
  const char* title = "Approve with running states?";
  if (!running_.empty() && !approve_popup_open_) {
    ImGui::OpenPopup(title);
    approve_popup_open_ = true;
  }
  if (!ImGui::BeginPopupModal(title, nullptr, ImGuiWindowFlags_AlwaysAutoResize)) {
    if (approve_popup_open_) running_.clear();  // closed from outside (Escape): nothing approved
    approve_popup_open_ = false;
    return;
  }
  auto close = [&] {
    approve_popup_open_ = false;
    ImGui::CloseCurrentPopup();
  };
  if (running_.empty()) {  // decided by an intent outside the dialog
    close();
    ImGui::EndPopup();
    return;
  }
  ImGui::Text("%zu state%s still running; approval locks the coding with %s open:", running_.size(),
              running_.size() == 1 ? " is" : "s are", running_.size() == 1 ? "it" : "them");
  for (const std::string& r : running_) ImGui::BulletText("%s", r.c_str());
  if (ImGui::Button("Approve anyway")) {
    approve_anyway(ws);
    close();
  } else {
    ImGui::SameLine();
    if (ImGui::Button("Cancel")) {
      cancel_approve();
      close();
    }
  }
  ImGui::EndPopup();
}

void ReviewView::draw_delete_dialog(Workspace& ws) {
  const char* title = "Delete comment";
  if (delete_ && !delete_popup_open_) {
    ImGui::OpenPopup(title);
    delete_popup_open_ = true;
  }
  if (!ImGui::BeginPopupModal(title, nullptr, ImGuiWindowFlags_AlwaysAutoResize)) {
    if (delete_popup_open_) delete_.reset();  // closed from outside (Escape): nothing is deleted
    delete_popup_open_ = false;
    return;
  }
  auto close = [&] {
    delete_.reset();
    delete_popup_open_ = false;
    ImGui::CloseCurrentPopup();
  };
  const auto& comments = ws.comments();
  const auto found = std::find_if(comments.begin(), comments.end(),
                                  [&](const SessionComment& c) { return delete_ && c.id == *delete_; });
  if (found == comments.end()) {  // deleted or cancelled by an intent outside the dialog
    close();
    ImGui::EndPopup();
    return;
  }
  ImGui::Text("Delete %s's comment (%s)?", found->author.c_str(), where(ws, *found).c_str());
  ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + 420.0f);
  ImGui::TextDisabled("\u201c%s\u201d", found->text.c_str());
  ImGui::PopTextWrapPos();
  ImGui::TextUnformatted("It disappears from the list; the audit trail keeps its text.");
  if (ImGui::Button("Delete")) {
    confirm_delete(ws);
    close();
  } else {
    ImGui::SameLine();
    if (ImGui::Button("Cancel")) close();
  }
  ImGui::EndPopup();
}

void ReviewView::draw_status(Workspace& ws) {
  const SessionInfo& info = ws.info();
  ImGui::Text("Session %lld   coder %s", static_cast<long long>(info.id), info.coder.c_str());
  // The workflow as a row of steps, the current one highlighted.
  for (std::size_t i = 0; i < std::size(kSteps); ++i) {
    if (i > 0) {
      ImGui::SameLine();
      ImGui::TextDisabled("→");
      ImGui::SameLine();
    }
    if (kSteps[i] == info.status) ImGui::TextColored(ImVec4(0.45f, 0.85f, 1.0f, 1.0f), "[%s]", to_string(kSteps[i]));
    else ImGui::TextDisabled("%s", to_string(kSteps[i]));
  }
  if (!ws.supervisors().empty()) {
    std::string names;
    for (const std::string& n : ws.supervisors()) names += (names.empty() ? "" : ", ") + n;
    if (ws.may_supervise()) ImGui::TextDisabled("You (%s) are a supervisor. Supervisors: %s", ws.actor().c_str(), names.c_str());
    else
      ImGui::TextDisabled("You (%s) may submit; reviewing, approving, returning and unlocking are for the supervisors: %s",
                          ws.actor().c_str(), names.c_str());
  }
  // Roles in a local file are names anyone can give (docs/audit-trail.md): say so.
  ImGui::PushStyleColor(ImGuiCol_Text, ImGui::GetStyleColorVec4(ImGuiCol_TextDisabled));
  ImGui::TextWrapped("%s", kRolesNote);
  ImGui::PopStyleColor();

  // Every button keeps its place; the moves the store does not allow from here, or this user
  // may not make, are disabled. So a second click where Approve was never lands on Unlock….
  spots_.clear();
  auto button = [&](const char* label, bool enabled, const char* why_not) {
    ImGui::BeginDisabled(!enabled);
    const bool pressed = ImGui::Button(label);
    ImGui::EndDisabled();
    const ImVec2 a = ImGui::GetItemRectMin(), b = ImGui::GetItemRectMax();
    spots_.emplace_back(label, ImVec2((a.x + b.x) / 2, (a.y + b.y) / 2));
    if (!enabled && ImGui::IsItemHovered(ImGuiHoveredFlags_AllowWhenDisabled)) ImGui::SetTooltip("%s", why_not);
    ImGui::SameLine();
    return pressed;
  };
  auto move = [&](const char* label, SessionStatus to) {
    const bool supervisor_move = to != SessionStatus::Submitted;
    const bool allowed = to != info.status && status_change_allowed(info.status, to);
    if (button(label, allowed && (!supervisor_move || ws.may_supervise()),
               !allowed ? "Not a step from here: coding → submitted → reviewed → approved"
                        : "For the supervisors"))
      change_status(ws, to);
  };
  move("Submit for review", SessionStatus::Submitted);
  move("Mark reviewed", SessionStatus::Reviewed);
  move("Approve", SessionStatus::Approved);
  move("Return to coder", SessionStatus::Coding);
  ImGui::NewLine();
  // Unlock has a line of its own, under the moves.
  if (button("Unlock…", info.status == SessionStatus::Approved && ws.may_supervise(),
             info.status == SessionStatus::Approved ? "For the supervisors" : "Only an approved session is unlocked"))
    request_unlock();
  if (info.status == SessionStatus::Approved)
    ImGui::TextColored(ImVec4(1.0f, 0.8f, 0.35f, 1.0f), "Approved — locked: coding is refused until it is unlocked.");
  else
    ImGui::NewLine();

  bool master = info.is_master;
  ImGui::BeginDisabled(!ws.may_supervise());
  if (ImGui::Checkbox("Master coding of this recording", &master)) done(ws, ws.set_master(master));
  ImGui::EndDisabled();
  if (!message_.empty()) ImGui::TextColored(kRefused, "Refused: %s", message_.c_str());
}

void ReviewView::draw_unlock_dialog(Workspace& ws) {
  const char* title = "Unlock approved session";
  if (unlock_requested_ && !unlock_popup_open_) {
    ImGui::OpenPopup(title);
    unlock_popup_open_ = true;
  }
  if (!ImGui::BeginPopupModal(title, nullptr, ImGuiWindowFlags_AlwaysAutoResize)) {
    if (unlock_popup_open_) unlock_requested_ = false;  // closed from outside (Escape)
    unlock_popup_open_ = false;
    return;
  }
  if (!unlock_requested_) {  // unlocked or cancelled by an intent outside the dialog
    unlock_popup_open_ = false;  // so the next request opens it again
    ImGui::CloseCurrentPopup();
    ImGui::EndPopup();
    return;
  }
  ImGui::TextUnformatted("The session returns to coding and can be edited again.");
  ImGui::TextUnformatted("The reason is kept in the audit trail.");
  ImGui::SetNextItemWidth(380);
  if (ImGui::IsWindowAppearing()) ImGui::SetKeyboardFocusHere();
  ImGui::InputTextWithHint("##reason", "reason (required)", &reason_);
  ImGui::BeginDisabled(is_blank(reason_));
  if (ImGui::Button("Unlock")) {
    if (confirm_unlock(ws)) {
      unlock_popup_open_ = false;
      ImGui::CloseCurrentPopup();
    }
  }
  ImGui::EndDisabled();
  ImGui::SameLine();
  if (ImGui::Button("Cancel")) {
    unlock_requested_ = false;
    unlock_popup_open_ = false;
    ImGui::CloseCurrentPopup();
  }
  if (!message_.empty()) ImGui::TextColored(kRefused, "%s", message_.c_str());
  ImGui::EndPopup();
}

void ReviewView::draw_comments(Workspace& ws) {
  ImGui::TextUnformatted("Comments");
  ImGui::SetNextItemWidth(-1);
  ImGui::InputTextWithHint("##comment", "a comment for the coder", &comment_);
  ImGui::BeginDisabled(is_blank(comment_));
  if (ImGui::Button(("Comment at " + format_clock(ws.now())).c_str())) add_comment(ws, CommentOn::Moment);
  ImGui::SameLine();
  ImGui::BeginDisabled(!ws.selected);
  if (ImGui::Button("On selected event")) add_comment(ws, CommentOn::SelectedEvent);
  ImGui::EndDisabled();
  ImGui::SameLine();
  if (ImGui::Button("On session")) add_comment(ws, CommentOn::Session);
  ImGui::EndDisabled();

  const std::vector<SessionComment>& comments = ws.comments();
  const ImGuiTableFlags flags = ImGuiTableFlags_ScrollY | ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerV |
                                ImGuiTableFlags_SizingFixedFit;
  if (!ImGui::BeginTable("comments", 4, flags, ImVec2(0, std::max(80.0f, ImGui::GetContentRegionAvail().y))))
    return;
  ImGui::TableSetupScrollFreeze(0, 1);
  ImGui::TableSetupColumn("Where");
  ImGui::TableSetupColumn("Author");
  ImGui::TableSetupColumn("Comment", ImGuiTableColumnFlags_WidthStretch);
  ImGui::TableSetupColumn("");
  ImGui::TableHeadersRow();
  ImGuiListClipper clipper;
  clipper.Begin(static_cast<int>(comments.size()));
  while (clipper.Step())
    for (int i = clipper.DisplayStart; i < clipper.DisplayEnd; ++i) draw_comment_row(ws, comments[static_cast<std::size_t>(i)]);
  ImGui::EndTable();
  // After the table: saving re-reads the list the rows were drawn from.
  if (save_now_) {
    save_now_ = false;
    save_edit(ws);
  }
}

void ReviewView::draw_comment_row(Workspace& ws, const SessionComment& c) {
  ImGui::TableNextRow();
  ImGui::TableNextColumn();
  ImGui::PushID(static_cast<int>(c.id));
  const bool editing = editing_ == c.id;
  // While a row is edited its selectable does not span the text field and buttons.
  const ImGuiSelectableFlags span = editing ? 0 : ImGuiSelectableFlags_SpanAllColumns | ImGuiSelectableFlags_AllowItemOverlap;
  if (ImGui::Selectable(where(ws, c).c_str(), false, span) && c.at) {
    if (const Event* e = c.event_id ? ws.model().find(*c.event_id) : nullptr) ws.seek_to_event(*e);
    else ws.clock().seek(*c.at);
  }
  if (ImGui::IsItemHovered() && !editing) ImGui::SetTooltip("%s  %s", c.created_utc.c_str(), c.text.c_str());
  ImGui::TableNextColumn();
  ImGui::TextUnformatted(c.author.c_str());
  ImGui::TableNextColumn();
  if (editing) {
    ImGui::SetNextItemWidth(-1);
    if (ImGui::InputText("##edit", &edit_text_, ImGuiInputTextFlags_EnterReturnsTrue)) save_now_ = true;
  } else {
    ImGui::TextUnformatted(c.text.c_str());
  }
  ImGui::TableNextColumn();
  if (editing) {
    ImGui::BeginDisabled(is_blank(edit_text_));
    if (ImGui::SmallButton("Save")) save_now_ = true;
    ImGui::EndDisabled();
    ImGui::SameLine();
    if (ImGui::SmallButton("Cancel")) cancel_edit();
  } else {
    if (ImGui::SmallButton("Edit")) begin_edit(c);
    ImGui::SameLine();
    if (ImGui::SmallButton("Delete")) request_delete(c.id);
  }
  ImGui::PopID();
}

}  // namespace attune
