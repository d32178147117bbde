#include "app/start/session_form.h"
#include "app/logic/action.h"

#include <imgui.h>
#include <imgui_stdlib.h>

#include <algorithm>
#include <filesystem>

#include "core/embedded.h"
#include "core/error.h"
#include "media/video_probe.h"
#include "scheme/scheme_loader.h"
#include "core/text.h"

namespace attune {

namespace {
const ImVec4 kError(1, 0.5f, 0.4f, 1);
}  // namespace

const std::vector<ShippedScheme>& shipped_schemes() {
  static const std::vector<ShippedScheme> schemes = [] {
    std::vector<ShippedScheme> out;
    for (const char* file : {"samples/schemes/attachment-core.json", "samples/schemes/pcit-dpics.json"}) {
      const SchemeLoadResult loaded = load_scheme_text(std::string(embedded_file(file)), file);
      if (!loaded.ok()) continue;  // a broken sample is caught by the scheme tests, not here
      const std::string& about = loaded.scheme->description;
      out.push_back({file, loaded.scheme->name, about.substr(0, about.find(". ") + 1), loaded.scheme->version});
    }
    return out;
  }();
  return schemes;
}

std::int64_t add_shipped_scheme(Store& store, const ShippedScheme& scheme) {
  return store.import_scheme(std::string(embedded_file(scheme.file)), scheme.file);
}

void SessionForm::refresh(const std::vector<SchemeRow>& stored) {
  const std::string chosen = labels_.empty() ? "" : labels_[static_cast<std::size_t>(std::clamp(
                                                        scheme_index_, 0, static_cast<int>(labels_.size()) - 1))];
  choices_.clear();
  labels_.clear();
  for (const SchemeRow& s : stored) {
    choices_.push_back({s.id, std::nullopt});
    labels_.push_back(s.name + "@" + std::to_string(s.version));
  }
  for (const ShippedScheme& s : shipped_schemes()) {
    const bool have = std::any_of(stored.begin(), stored.end(),
                                  [&](const SchemeRow& r) { return r.name == s.name && r.version == s.version; });
    if (have) continue;
    choices_.push_back({std::nullopt, s});
    labels_.push_back(s.name + "@" + std::to_string(s.version) + " (shipped)");
  }
  // The same scheme stays chosen (a shipped one keeps its place once it is added).
  scheme_index_ = 0;
  for (std::size_t i = 0; i < labels_.size(); ++i)
    if (!chosen.empty() && (labels_[i] == chosen || chosen.starts_with(labels_[i] + " ")))
      scheme_index_ = static_cast<int>(i);
}

std::optional<SessionId> SessionForm::create(Store& store) {
  std::optional<SessionId> created;
  run_action("New session", [&] {
    if (is_blank(dyad_))
      throw Error(ErrorKind::InvalidInput, "a dyad pseudonym is needed");
    if (choices_.empty()) throw Error(ErrorKind::InvalidInput, "import a coding scheme first");
    if (!live_ && video_.empty())
      throw Error(ErrorKind::InvalidInput, "choose the video file, or No video (live observation)");
    Recording r;
    r.dyad = dyad_;
    if (child_age_months_ > 0) r.child_age_months = child_age_months_;
    r.session_type = type_;
    if (!live_) {
      apply_video(r, probe_video(video_));  // refuses a file that is not a video
    }
    const Choice& choice = choices_[static_cast<std::size_t>(std::clamp(scheme_index_, 0, static_cast<int>(choices_.size()) - 1))];
    const std::int64_t scheme_id = choice.stored_id ? *choice.stored_id : add_shipped_scheme(store, *choice.shipped);
    const SessionId id = store.create_session(r, scheme_id, coder_.empty() ? store.actor() : coder_);
    error_.clear();
    // The next session is another recording: its fields start empty (coder and scheme stay).
    dyad_.clear();
    type_.clear();
    video_.clear();
    child_age_months_ = 0;
    live_ = false;
    created = id;
  }, [&](const std::string& message) {
    error_ = message;
    error_inputs_ = inputs();
  });
  return created;
}

SessionForm::Inputs SessionForm::inputs() const {
  return {dyad_, coder_, type_, video_, child_age_months_, live_, scheme_index_};
}

std::optional<SessionId> SessionForm::draw(Store& store) {
  std::optional<SessionId> created;
  ImGui::TextUnformatted("New session");
  const float field = std::max(120.0f, ImGui::GetContentRegionAvail().x - 130.0f);
  ImGui::SetNextItemWidth(field);
  ImGui::InputTextWithHint("Dyad", "pseudonym, never a name", &dyad_);
  ImGui::SetNextItemWidth(field);
  if (ImGui::InputInt("Child age (months)", &child_age_months_)) child_age_months_ = std::clamp(child_age_months_, 0, 240);
  ImGui::SetNextItemWidth(field);
  ImGui::InputTextWithHint("Type", "free play, still-face, feeding…", &type_);
  ImGui::SetNextItemWidth(field);
  ImGui::InputTextWithHint("Coder", store.actor().c_str(), &coder_);
  scheme_index_ = std::clamp(scheme_index_, 0, std::max(0, static_cast<int>(labels_.size()) - 1));
  ImGui::SetNextItemWidth(field);
  if (ImGui::BeginCombo("Scheme", labels_.empty() ? "(import one below)" : labels_[static_cast<std::size_t>(scheme_index_)].c_str())) {
    for (std::size_t i = 0; i < labels_.size(); ++i)
      if (ImGui::Selectable(labels_[i].c_str(), static_cast<int>(i) == scheme_index_)) scheme_index_ = static_cast<int>(i);
    ImGui::EndCombo();
  }
  if (ImGui::IsItemHovered() && !labels_.empty() && !choices_[static_cast<std::size_t>(scheme_index_)].stored_id)
    ImGui::SetTooltip("Shipped with Attune: added to the database when the session is created");
  if (ImGui::RadioButton("Video file", !live_)) live_ = false;
  ImGui::SameLine();
  if (ImGui::RadioButton("No video (live observation)", live_)) live_ = true;
  if (!live_) {
    ImGui::SetNextItemWidth(field);
    ImGui::InputTextWithHint("##video", "the recording: .mp4, .mov, .mkv…", &video_);
    ImGui::SameLine();
    if (ImGui::Button("Browse…"))
      browser_.open(video_.empty() ? "" : std::filesystem::path(video_).parent_path().string(),
                    {".mp4", ".mov", ".mkv", ".avi", ".webm", ".m4v", ".mpg", ".mpeg", ".mts", ".wmv"});
  } else {
    ImGui::TextDisabled("Codes are timed by a stopwatch, not by a video.");
  }
  // An error is about the fields as they were: it goes as soon as one of them changes.
  if (!error_.empty() && !(inputs() == error_inputs_)) error_.clear();
  if (ImGui::Button("Create and open")) created = create(store);
  if (!error_.empty()) {
    ImGui::PushStyleColor(ImGuiCol_Text, kError);
    ImGui::TextWrapped("%s", error_.c_str());
    ImGui::PopStyleColor();
  }
  if (auto chosen = browser_.draw("Choose the video")) video_ = *chosen;
  return created;
}

}  // namespace attune
