#include "app/start/sessions_view.h"

#include <imgui_stdlib.h>

#include <algorithm>
#include <cctype>

#include "app/logic/action.h"
#include "core/error.h"

namespace attune {

namespace {

const ImVec4 kError(1, 0.5f, 0.4f, 1);

std::string lower(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return s;
}

float text_width(const char* text) { return ImGui::CalcTextSize(text).x; }

// "2024-05-01T12:34:56.123456Z" -> "2024-05-01 12:34"
std::string minute_of(const std::string& utc) {
  std::string text = utc.substr(0, 16);
  if (text.size() > 10 && text[10] == 'T') text[10] = ' ';
  return text;
}

}  // namespace

void SessionsView::refresh(Store& store) {
  loaded_ = true;  // also when reading fails: Reload tries again, not every frame
  shown_stale_ = true;
  run_action("Reading the sessions", [&] {
    std::vector<Row> rows;
    for (const SessionInfo& s : store.sessions()) {
      Row row{s, store.recording(s.recording_id)};
      row.id_text = std::to_string(s.id);
      row.scheme_text = s.scheme_name + "@" + std::to_string(s.scheme_version);
      row.status_text = std::string(to_string(s.status)) + (s.is_master ? " · master" : "");
      row.modified_text = minute_of(s.modified_utc);
      row.dyad_lower = lower(row.recording.dyad);
      row.coder_lower = lower(s.coder);
      row.type_lower = lower(row.recording.session_type);
      rows.push_back(std::move(row));
    }
    rows_ = std::move(rows);
    schemes_ = store.schemes();
    may_supervise_ = store.may_supervise();
    form_.refresh(schemes_);
  }, [&](const std::string& message) { error_ = message; });
}

void SessionsView::refilter() {
  if (!shown_stale_ && shown_dyad_ == filter_dyad_ && shown_coder_ == filter_coder_ && shown_type_ == filter_type_ &&
      shown_status_ == filter_status_)
    return;
  shown_stale_ = false;
  shown_dyad_ = filter_dyad_;
  shown_coder_ = filter_coder_;
  shown_type_ = filter_type_;
  shown_status_ = filter_status_;
  const std::string dyad = lower(filter_dyad_), coder = lower(filter_coder_), type = lower(filter_type_);
  shown_.clear();
  for (std::size_t i = 0; i < rows_.size(); ++i) {
    const Row& row = rows_[i];
    if (row.dyad_lower.find(dyad) == std::string::npos || row.coder_lower.find(coder) == std::string::npos ||
        row.type_lower.find(type) == std::string::npos ||
        (filter_status_ > 0 && static_cast<int>(row.session.status) != filter_status_ - 1))
      continue;
    shown_.push_back(i);
  }
}

std::optional<SessionId> SessionsView::draw(Store& store) {
  if (!loaded_) refresh(store);
  std::optional<SessionId> open;
  spots_.clear();
  const ImGuiViewport* viewport = ImGui::GetMainViewport();
  ImGui::SetNextWindowPos(viewport->WorkPos);
  ImGui::SetNextWindowSize(viewport->WorkSize);
  ImGui::Begin("Sessions", nullptr,
               ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoSavedSettings);
  ImGui::Text("Attune - %s", store.path().c_str());
  if (!file_check.empty()) {
    ImGui::SameLine();
    if (file_damaged) ImGui::TextColored(kError, "%s", file_check.c_str());
    else ImGui::TextDisabled("(%s)", file_check.c_str());
  }
  ImGui::SameLine(0, 24);
  if (user_.draw(store)) refresh(store);  // the supervisor rule depends on who is acting
  if (!notice.empty()) {
    ImGui::SameLine(0, 30);
    ImGui::TextColored(ImVec4(1.0f, 0.8f, 0.35f, 1.0f), "%s", notice.c_str());
  }
  ImGui::Separator();
  // The side panel gives way first on a small screen, so the list keeps readable columns.
  const float avail = ImGui::GetContentRegionAvail().x;
  const float right_width = std::clamp(avail * 0.36f, std::min(320.0f, avail * 0.45f), 460.0f);
  ImGui::BeginChild("list", ImVec2(avail - right_width - ImGui::GetStyle().ItemSpacing.x, 0), true);
  draw_list(store, open);
  ImGui::EndChild();
  ImGui::SameLine();
  ImGui::BeginChild("side", ImVec2(0, 0), true);
  if (std::optional<SessionId> created = form_.draw(store)) {
    refresh(store);
    open = created;
  }
  ImGui::Separator();
  if (scheme_panel_.draw(store, schemes_)) refresh(store);
  ImGui::EndChild();
  ImGui::End();
  draw_delete_dialog(store);
  if (open) notice.clear();
  return open;
}

void SessionsView::draw_list(Store& store, std::optional<SessionId>& open) {
  ImGui::TextUnformatted("Sessions");
  ImGui::SameLine();
  const float filter = std::clamp(ImGui::GetContentRegionAvail().x / 5.0f - 10.0f, 70.0f, 140.0f);
  ImGui::SetNextItemWidth(filter);
  ImGui::InputTextWithHint("##dyad", "dyad", &filter_dyad_);
  ImGui::SameLine();
  ImGui::SetNextItemWidth(filter);
  ImGui::InputTextWithHint("##coder", "coder", &filter_coder_);
  ImGui::SameLine();
  ImGui::SetNextItemWidth(filter);
  ImGui::InputTextWithHint("##type", "type", &filter_type_);
  ImGui::SameLine();
  ImGui::SetNextItemWidth(filter);
  ImGui::Combo("##status", &filter_status_, "any status\0coding\0submitted\0reviewed\0approved\0");
  ImGui::SameLine();
  if (ImGui::Button("Reload")) refresh(store);

  // The buttons act on the selected row (a click selects, a double-click opens): outside the
  // rows, so the rows' selectables never take their clicks, and the columns keep their room.
  const Row* chosen = nullptr;
  for (const Row& row : rows_)
    if (selected_ && row.session.id == *selected_) chosen = &row;
  auto spot = [&](Button which) {
    const ImVec2 a = ImGui::GetItemRectMin(), b = ImGui::GetItemRectMax();
    spots_.push_back({chosen ? chosen->session.id : 0, which, ImVec2((a.x + b.x) / 2, (a.y + b.y) / 2)});
  };
  std::optional<SessionId> fresh_from, delete_of;
  ImGui::BeginDisabled(chosen == nullptr);
  if (ImGui::Button("Open")) open = chosen->session.id;
  spot(Button::Open);
  ImGui::SameLine();
  if (ImGui::Button("New coding")) fresh_from = chosen->session.id;
  spot(Button::NewCoding);
  if (ImGui::IsItemHovered(ImGuiHoveredFlags_AllowWhenDisabled))
    ImGui::SetTooltip("Code this recording again yourself, from an empty coding (for agreement or training)");
  ImGui::SameLine();
  const bool allowed = chosen && may_delete(store, chosen->session);
  ImGui::BeginDisabled(!allowed);
  if (ImGui::Button("Delete…")) delete_of = chosen->session.id;
  ImGui::EndDisabled();
  spot(Button::Delete);
  if (chosen && ImGui::IsItemHovered(ImGuiHoveredFlags_AllowWhenDisabled))
    ImGui::SetTooltip(allowed ? "Delete a session started by mistake (its rows stay for the audit trail)"
                      : chosen->session.status == SessionStatus::Approved
                          ? "An approved session is not deleted (a supervisor can unlock it first)"
                          : "Only its coder (while coding) or a supervisor may delete it");
  ImGui::EndDisabled();
  ImGui::SameLine();
  if (chosen)
    ImGui::TextDisabled("session %lld: %s, coded by %s", static_cast<long long>(chosen->session.id),
                        chosen->recording.dyad.c_str(), chosen->session.coder.c_str());
  else
    ImGui::TextDisabled("Click a session to choose it; double-click opens it.");
  if (!error_.empty()) {
    ImGui::PushStyleColor(ImGuiCol_Text, kError);
    ImGui::TextWrapped("%s", error_.c_str());
    ImGui::PopStyleColor();
  }
  if (rows_.empty()) ImGui::TextDisabled("No sessions yet: start one with New session.");

  // Fixed columns fit their content; the text columns share the rest but never get narrower
  // than about eight characters: below that the table scrolls sideways instead.
  const ImGuiStyle& style = ImGui::GetStyle();
  const float fixed = text_width("0000") + text_width("submitted · master") + text_width("0000-00-00 00:00");
  const float shared_min = text_width("abcdefgh") * 4;
  const float inner = std::max(ImGui::GetContentRegionAvail().x, fixed + shared_min + 7 * style.CellPadding.x * 2);
  const ImGuiTableFlags flags = ImGuiTableFlags_RowBg | ImGuiTableFlags_ScrollY | ImGuiTableFlags_ScrollX |
                                ImGuiTableFlags_BordersInnerV | ImGuiTableFlags_Resizable;
  if (!ImGui::BeginTable("sessions", 7, flags, ImVec2(0, 0), inner)) return;
  ImGui::TableSetupScrollFreeze(0, 1);
  const ImGuiTableColumnFlags fit = ImGuiTableColumnFlags_WidthFixed, share = ImGuiTableColumnFlags_WidthStretch;
  ImGui::TableSetupColumn("Id", fit);
  ImGui::TableSetupColumn("Dyad", share, 1.0f);
  ImGui::TableSetupColumn("Coder", share, 1.0f);
  ImGui::TableSetupColumn("Type", share, 1.0f);
  ImGui::TableSetupColumn("Scheme", share, 1.3f);
  ImGui::TableSetupColumn("Status", fit);
  ImGui::TableSetupColumn("Modified (UTC)", fit);
  ImGui::TableHeadersRow();
  refilter();
  // Only the visible rows are drawn (a clinic's database holds thousands of sessions).
  ImGuiListClipper clipper;
  clipper.Begin(static_cast<int>(shown_.size()));
  while (clipper.Step()) {
    for (int i = clipper.DisplayStart; i < clipper.DisplayEnd; ++i) {
      const Row& row = rows_[shown_[static_cast<std::size_t>(i)]];
      const SessionInfo& s = row.session;
      ImGui::TableNextRow();
      ImGui::TableNextColumn();
      ImGui::PushID(static_cast<int>(s.id));
      if (ImGui::Selectable(row.id_text.c_str(), selected_ == s.id,
                            ImGuiSelectableFlags_SpanAllColumns | ImGuiSelectableFlags_AllowDoubleClick)) {
        selected_ = s.id;
        if (ImGui::IsMouseDoubleClicked(0)) open = s.id;
      }
      {
        const ImVec2 a = ImGui::GetItemRectMin(), b = ImGui::GetItemRectMax();
        spots_.push_back({s.id, Button::Row, ImVec2((a.x + b.x) / 2, (a.y + b.y) / 2)});
      }
      ImGui::PopID();
      ImGui::TableNextColumn();
      ImGui::TextUnformatted(row.recording.dyad.c_str());
      ImGui::TableNextColumn();
      ImGui::TextUnformatted(s.coder.c_str());
      ImGui::TableNextColumn();
      ImGui::TextUnformatted(row.recording.session_type.c_str());
      ImGui::TableNextColumn();
      ImGui::TextUnformatted(row.scheme_text.c_str());
      ImGui::TableNextColumn();
      ImGui::TextUnformatted(row.status_text.c_str());
      ImGui::TableNextColumn();
      ImGui::TextUnformatted(row.modified_text.c_str());
    }
  }
  ImGui::EndTable();
  // After the table: both re-read the rows it was drawn from.
  if (fresh_from)
    if (std::optional<SessionId> fresh = new_coding(store, *fresh_from)) open = fresh;
  if (delete_of) request_delete(store, *delete_of);
}

std::optional<ImVec2> SessionsView::button_center(SessionId id, Button which) const {
  for (const Spot& s : spots_)
    if (s.id == id && s.which == which) return s.center;
  return std::nullopt;
}

std::optional<SessionId> SessionsView::new_coding(Store& store, SessionId of) {
  std::optional<SessionId> id;
  error_.clear();
  run_action("New coding of session " + std::to_string(of), [&] {
    const SessionInfo original = store.session(of);
    id = store.create_session_for_recording(original.recording_id, original.scheme_id, store.actor());
  }, [&](const std::string& message) { error_ = message; });
  if (id) refresh(store);
  return id;
}

bool SessionsView::may_delete(const Store& store, const SessionInfo& s) const {
  if (s.status == SessionStatus::Approved) return false;
  return may_supervise_ || (s.coder == store.actor() && s.status == SessionStatus::Coding);
}

void SessionsView::request_delete(Store& store, SessionId id) {
  error_.clear();
  run_action("Delete session " + std::to_string(id), [&] {
    const SessionInfo s = store.session(id);
    const Recording r = store.recording(s.recording_id);
    const std::size_t events = store.events(id).size();
    delete_what_ = "session " + std::to_string(id) + " (dyad " + r.dyad + ", coder " + s.coder + ", " +
                   std::to_string(events) + (events == 1 ? " event)" : " events)");
    delete_ = id;
  }, [&](const std::string& message) { error_ = message; });
}

bool SessionsView::delete_session(Store& store) {
  if (!delete_) return false;
  const SessionId id = *delete_;
  delete_.reset();
  error_.clear();
  const bool deleted = run_action("Delete session " + std::to_string(id), [&] { store.delete_session(id); },
                                  [&](const std::string& message) { error_ = message; });
  const std::string why_not = error_;
  refresh(store);  // the rows as stored, either way
  if (!why_not.empty()) error_ = why_not;
  return deleted;
}

void SessionsView::draw_delete_dialog(Store& store) {
  const char* title = "Delete session";
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
    delete_popup_open_ = false;
    ImGui::CloseCurrentPopup();
  };
  if (!delete_) {  // done or cancelled by an intent outside the dialog
    close();
    ImGui::EndPopup();
    return;
  }
  ImGui::Text("Delete %s?", delete_what_.c_str());
  ImGui::TextUnformatted("It leaves every list and can no longer be opened, changed or exported.");
  ImGui::TextUnformatted("Its rows stay in the database; the audit trail records who deleted it and when.");
  if (ImGui::Button("Delete")) {
    delete_session(store);
    close();
  } else {
    ImGui::SameLine();
    if (ImGui::Button("Cancel")) {
      delete_.reset();
      close();
    }
  }
  ImGui::EndPopup();
}

}  // namespace attune
