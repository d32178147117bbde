#include "app/sessions_view.h"

#include <imgui.h>
#include <imgui_stdlib.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "core/error.h"
#include "media/video_probe.h"
#include "scheme/scheme_loader.h"

namespace attune {

namespace {
bool contains_ci(const std::string& haystack, const std::string& needle) {
  if (needle.empty()) return true;
  auto lower = [](std::string s) {
    std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return s;
  };
  return lower(haystack).find(lower(needle)) != std::string::npos;
}
}  // namespace

void SessionsView::refresh(Store& store) {
  rows_.clear();
  for (const SessionInfo& s : store.sessions()) rows_.push_back({s, store.recording(s.recording_id)});
  schemes_ = store.schemes();
  loaded_ = true;
}

std::optional<SessionId> SessionsView::draw(Store& store) {
  if (!loaded_) refresh(store);
  std::optional<SessionId> open;
  const ImGuiViewport* viewport = ImGui::GetMainViewport();
  ImGui::SetNextWindowPos(viewport->WorkPos);
  ImGui::SetNextWindowSize(viewport->WorkSize);
  ImGui::Begin("Sessions", nullptr,
               ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoSavedSettings);
  ImGui::Text("Attune - %s", store.path().c_str());
  if (!notice.empty()) {
    ImGui::SameLine(0, 30);
    ImGui::TextColored(ImVec4(1.0f, 0.8f, 0.35f, 1.0f), "%s", notice.c_str());
  }
  ImGui::Separator();
  const float right_width = std::min(460.0f, ImGui::GetContentRegionAvail().x * 0.4f);
  ImGui::BeginChild("list", ImVec2(ImGui::GetContentRegionAvail().x - right_width - 8, 0), true);
  draw_list(store, open);
  ImGui::EndChild();
  ImGui::SameLine();
  ImGui::BeginChild("side", ImVec2(0, 0), true);
  draw_create(store, open);
  ImGui::Separator();
  draw_import(store);
  ImGui::EndChild();
  ImGui::End();
  if (open) notice.clear();
  return open;
}

void SessionsView::draw_list(Store& store, std::optional<SessionId>& open) {
  ImGui::TextUnformatted("Sessions");
  ImGui::SetNextItemWidth(120);
  ImGui::InputTextWithHint("##dyad", "dyad", &filter_dyad_);
  ImGui::SameLine();
  ImGui::SetNextItemWidth(120);
  ImGui::InputTextWithHint("##coder", "coder", &filter_coder_);
  ImGui::SameLine();
  ImGui::SetNextItemWidth(120);
  ImGui::InputTextWithHint("##type", "type", &filter_type_);
  ImGui::SameLine();
  ImGui::SetNextItemWidth(120);
  ImGui::Combo("##status", &filter_status_, "any status\0coding\0submitted\0reviewed\0approved\0");
  ImGui::SameLine();
  if (ImGui::Button("Reload")) refresh(store);

  const ImGuiTableFlags flags = ImGuiTableFlags_RowBg | ImGuiTableFlags_ScrollY | ImGuiTableFlags_BordersInnerV |
                                ImGuiTableFlags_Resizable;
  if (!ImGui::BeginTable("sessions", 8, flags)) return;
  ImGui::TableSetupScrollFreeze(0, 1);
  // Text columns share the width; the rest fit their content, so the buttons are never cut off.
  const ImGuiTableColumnFlags fit = ImGuiTableColumnFlags_WidthFixed, share = ImGuiTableColumnFlags_WidthStretch;
  const std::pair<const char*, ImGuiTableColumnFlags> columns[] = {
      {"Id", fit},     {"Dyad", share},   {"Coder", share},          {"Type", share},
      {"Scheme", fit}, {"Status", fit},   {"Modified (UTC)", fit},   {"", fit}};
  for (const auto& [column, column_flags] : columns) ImGui::TableSetupColumn(column, column_flags);
  ImGui::TableHeadersRow();
  for (const Row& row : rows_) {
    const SessionInfo& s = row.session;
    if (!contains_ci(row.recording.dyad, filter_dyad_) || !contains_ci(s.coder, filter_coder_) ||
        !contains_ci(row.recording.session_type, filter_type_) ||
        (filter_status_ > 0 && static_cast<int>(s.status) != filter_status_ - 1))
      continue;
    ImGui::TableNextRow();
    ImGui::TableNextColumn();
    ImGui::PushID(static_cast<int>(s.id));
    if (ImGui::Selectable(std::to_string(s.id).c_str(), false,
                          ImGuiSelectableFlags_SpanAllColumns | ImGuiSelectableFlags_AllowDoubleClick) &&
        ImGui::IsMouseDoubleClicked(0))
      open = s.id;
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("Double-click to open");
    ImGui::PopID();
    ImGui::TableNextColumn();
    ImGui::TextUnformatted(row.recording.dyad.c_str());
    ImGui::TableNextColumn();
    ImGui::TextUnformatted(s.coder.c_str());
    ImGui::TableNextColumn();
    ImGui::TextUnformatted(row.recording.session_type.c_str());
    ImGui::TableNextColumn();
    ImGui::Text("%s@%d", s.scheme_name.c_str(), s.scheme_version);
    ImGui::TableNextColumn();
    ImGui::Text("%s%s", to_string(s.status), s.is_master ? " · master" : "");
    ImGui::TableNextColumn();
    ImGui::TextUnformatted(s.modified_utc.substr(0, 16).c_str());
    ImGui::TableNextColumn();
    ImGui::PushID(static_cast<int>(s.id));
    if (ImGui::SmallButton("Open")) open = s.id;
    ImGui::SameLine();
    if (ImGui::SmallButton("New coding")) {
      if (std::optional<SessionId> fresh = new_coding(store, s.id)) open = fresh;
    }
    if (ImGui::IsItemHovered())
      ImGui::SetTooltip("Code this recording again yourself, from an empty coding (for agreement or training)");
    ImGui::PopID();
  }
  ImGui::EndTable();
}

std::optional<SessionId> SessionsView::new_coding(Store& store, SessionId of) {
  try {
    const SessionInfo original = store.session(of);
    const SessionId id = store.create_session_for_recording(original.recording_id, original.scheme_id, store.actor());
    create_error_.clear();
    refresh(store);
    return id;
  } catch (const Error& e) {
    create_error_ = e.what();
    return std::nullopt;
  }
}

void SessionsView::draw_create(Store& store, std::optional<SessionId>& open) {
  ImGui::TextUnformatted("New session");
  ImGui::InputTextWithHint("Dyad", "pseudonym, never a name", &dyad_);
  ImGui::InputInt("Child age (months)", &child_age_months_);
  child_age_months_ = std::clamp(child_age_months_, 0, 240);
  ImGui::InputTextWithHint("Type", "free play, still-face, feeding…", &type_);
  ImGui::InputTextWithHint("Coder", current_actor().c_str(), &coder_);
  std::vector<std::string> labels;
  for (const SchemeRow& s : schemes_) labels.push_back(s.name + "@" + std::to_string(s.version));
  scheme_index_ = std::clamp(scheme_index_, 0, std::max(0, static_cast<int>(labels.size()) - 1));
  if (ImGui::BeginCombo("Scheme", labels.empty() ? "(import one below)" : labels[static_cast<std::size_t>(scheme_index_)].c_str())) {
    for (std::size_t i = 0; i < labels.size(); ++i)
      if (ImGui::Selectable(labels[i].c_str(), static_cast<int>(i) == scheme_index_)) scheme_index_ = static_cast<int>(i);
    ImGui::EndCombo();
  }
  ImGui::InputTextWithHint("##video", "video file (optional: live coding without)", &video_);
  ImGui::SameLine();
  if (ImGui::Button("Browse…")) {
    browsing_scheme_ = false;
    browser_.open(video_.empty() ? "" : std::filesystem::path(video_).parent_path().string(),
                  {".mp4", ".mov", ".mkv", ".avi", ".webm", ".m4v", ".mpg"});
  }
  if (ImGui::Button("Create and open")) {
    try {
      if (dyad_.empty()) throw Error(ErrorKind::InvalidInput, "a dyad pseudonym is needed");
      if (schemes_.empty()) throw Error(ErrorKind::InvalidInput, "import a coding scheme first");
      Recording r;
      r.dyad = dyad_;
      if (child_age_months_ > 0) r.child_age_months = child_age_months_;
      r.session_type = type_;
      if (!video_.empty()) {
        const VideoFacts v = probe_video(video_);
        r.video_path = v.absolute_path;
        r.video_size = v.size;
        r.video_hash = v.hash;
        r.fps = v.fps;
        r.duration = v.duration;
      }
      open = store.create_session(r, schemes_[static_cast<std::size_t>(scheme_index_)].id,
                                  coder_.empty() ? current_actor() : coder_);
      create_error_.clear();
      refresh(store);
    } catch (const Error& e) {
      create_error_ = e.what();
    }
  }
  if (!create_error_.empty()) ImGui::TextColored(ImVec4(1, 0.5f, 0.4f, 1), "%s", create_error_.c_str());
  if (auto chosen = browser_.draw("Choose a file")) (browsing_scheme_ ? import_path_ : video_) = *chosen;
}

void SessionsView::draw_import(Store& store) {
  ImGui::TextUnformatted("Import a coding scheme");
  ImGui::InputTextWithHint("##scheme", "scheme .json file", &import_path_);
  ImGui::SameLine();
  if (ImGui::Button("Browse…##scheme")) {
    browsing_scheme_ = true;
    browser_.open("", {".json"});
  }
  if (ImGui::Button("Validate and import")) {
    import_problems_.clear();
    import_message_.clear();
    std::ifstream in(import_path_, std::ios::binary);
    std::ostringstream text;
    text << in.rdbuf();
    if (!in) {
      import_problems_.push_back("cannot read " + import_path_);
    } else {
      const SchemeLoadResult result = load_scheme_text(text.str(), import_path_);
      for (const SchemeProblem& p : result.problems) import_problems_.push_back(p.to_string());
      for (const SchemeProblem& p : result.warnings) import_problems_.push_back("warning: " + p.to_string());
      if (result.ok()) {
        try {
          store.import_scheme(result.scheme->name, result.scheme->version, result.scheme->description, text.str());
          import_message_ = "imported " + result.scheme->name + "@" + std::to_string(result.scheme->version);
          refresh(store);
        } catch (const Error& e) {
          import_problems_.push_back(e.what());
        }
      }
    }
  }
  if (!import_message_.empty()) ImGui::TextColored(ImVec4(0.55f, 0.85f, 0.55f, 1), "%s", import_message_.c_str());
  for (const std::string& problem : import_problems_) ImGui::TextColored(ImVec4(1, 0.5f, 0.4f, 1), "%s", problem.c_str());
}

}  // namespace attune
