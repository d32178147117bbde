#include "app/start/scheme_panel.h"
#include "app/logic/action.h"

#include <imgui.h>
#include <imgui_stdlib.h>

#include <algorithm>
#include <filesystem>

#include "app/start/session_form.h"
#include "core/error.h"
#include "scheme/scheme_loader.h"

namespace attune {

namespace {
const ImVec4 kError(1, 0.5f, 0.4f, 1), kDone(0.55f, 0.85f, 0.55f, 1);
}  // namespace

bool SchemePanel::add_shipped(Store& store, std::size_t index) {
  problems_.clear();
  message_.clear();
  if (index >= shipped_schemes().size()) return false;
  const ShippedScheme& s = shipped_schemes()[index];
  return run_action("Add " + s.name, [&] {
    add_shipped_scheme(store, s);
    message_ = "added " + s.name + "@" + std::to_string(s.version);
  }, [&](const std::string& message) { problems_.push_back(message); });
}

bool SchemePanel::import_file(Store& store, const std::string& path) {
  problems_.clear();
  message_.clear();
  path_ = path;
  const SchemeFileText text = read_scheme_file(path);  // at most 1 MiB + 1 byte, read once
  if (text.problem) {
    problems_.push_back(text.problem->to_string());
    return false;
  }
  const SchemeLoadResult result = load_scheme_text(text.text, path);
  for (const SchemeProblem& p : result.problems) problems_.push_back(p.to_string());
  if (result.more_problems > 0) problems_.push_back("... and " + std::to_string(result.more_problems) + " more problems");
  for (const SchemeProblem& p : result.warnings) problems_.push_back("warning: " + p.to_string());  // still imported
  if (!result.ok()) return false;
  return run_action("Import " + path, [&] {
    store.import_scheme(text.text, path);  // checks it again: the store takes only valid schemes
    message_ = "imported " + result.scheme->name + "@" + std::to_string(result.scheme->version);
  }, [&](const std::string& message) { problems_.push_back(message); });
}

bool SchemePanel::draw(Store& store, const std::vector<SchemeRow>& stored) {
  bool added = false;
  ImGui::TextUnformatted("Coding schemes");
  const std::vector<ShippedScheme>& shipped = shipped_schemes();
  for (std::size_t i = 0; i < shipped.size(); ++i) {
    const ShippedScheme& s = shipped[i];
    const bool have = std::any_of(stored.begin(), stored.end(),
                                  [&](const SchemeRow& r) { return r.name == s.name && r.version == s.version; });
    ImGui::PushID(static_cast<int>(i));
    if (have) {
      ImGui::TextDisabled("%s@%d: in this database", s.name.c_str(), s.version);
    } else {
      if (ImGui::SmallButton("Add")) added |= add_shipped(store, i);
      ImGui::SameLine();
      ImGui::Text("%s@%d (shipped)", s.name.c_str(), s.version);
    }
    if (ImGui::IsItemHovered() && !s.summary.empty()) ImGui::SetTooltip("%s", s.summary.c_str());
    ImGui::PopID();
  }
  const float field = std::max(120.0f, ImGui::GetContentRegionAvail().x - 150.0f);
  ImGui::SetNextItemWidth(field);
  if (ImGui::InputTextWithHint("##scheme", "a scheme .json file", &path_, ImGuiInputTextFlags_EnterReturnsTrue))
    added |= import_file(store, path_);
  ImGui::SameLine();
  ImGui::BeginDisabled(path_.empty());
  if (ImGui::Button("Import")) added |= import_file(store, path_);
  ImGui::EndDisabled();
  ImGui::SameLine();
  if (ImGui::Button("Browse…##scheme"))
    browser_.open(path_.empty() ? "" : std::filesystem::path(path_).parent_path().string(), {".json"});
  if (!message_.empty()) ImGui::TextColored(kDone, "%s", message_.c_str());
  ImGui::PushStyleColor(ImGuiCol_Text, kError);
  for (const std::string& problem : problems_) ImGui::TextWrapped("%s", problem.c_str());
  ImGui::PopStyleColor();
  if (auto chosen = browser_.draw("Choose a coding scheme")) added |= import_file(store, *chosen);
  return added;
}

}  // namespace attune
