#include "app/file_browser.h"

#include <imgui.h>

#include <algorithm>
#include <filesystem>

namespace attune {

namespace fs = std::filesystem;

void FileBrowser::open(const std::string& folder, std::vector<std::string> extensions) {
  extensions_ = std::move(extensions);
  list(folder.empty() ? fs::current_path().string() : folder);
  open_ = true;
  just_opened_ = true;
}

void FileBrowser::list(const std::string& folder) {
  std::error_code ec;
  folder_ = fs::absolute(folder, ec).lexically_normal().string();
  entries_.clear();
  error_.clear();
  for (const auto& entry : fs::directory_iterator(folder_, fs::directory_options::skip_permission_denied, ec)) {
    const std::string name = entry.path().filename().string();
    if (name.empty() || name[0] == '.') continue;
    const bool is_folder = entry.is_directory(ec);
    std::string ext = entry.path().extension().string();
    std::transform(ext.begin(), ext.end(), ext.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    if (!is_folder && !extensions_.empty() && std::find(extensions_.begin(), extensions_.end(), ext) == extensions_.end())
      continue;
    entries_.emplace_back(name, is_folder);
  }
  if (ec) error_ = "cannot list " + folder_ + ": " + ec.message();
  std::sort(entries_.begin(), entries_.end(), [](const auto& a, const auto& b) {
    return a.second != b.second ? a.second : a.first < b.first;  // folders first
  });
}

std::optional<std::string> FileBrowser::draw(const char* title) {
  if (!open_) return std::nullopt;
  if (just_opened_) {
    ImGui::OpenPopup(title);
    just_opened_ = false;
  }
  std::optional<std::string> chosen;
  ImGui::SetNextWindowSize(ImVec2(620, 460), ImGuiCond_Appearing);
  if (ImGui::BeginPopupModal(title, &open_)) {
    ImGui::TextWrapped("%s", folder_.c_str());
    if (ImGui::Button("Up")) list(fs::path(folder_).parent_path().string());
    ImGui::SameLine();
    if (ImGui::Button("Home")) {
      const char* home = std::getenv("HOME");
      list(home ? home : "/");
    }
    if (!error_.empty()) ImGui::TextColored(ImVec4(1, 0.5f, 0.4f, 1), "%s", error_.c_str());
    ImGui::BeginChild("entries", ImVec2(0, -ImGui::GetFrameHeightWithSpacing()), true);
    std::optional<std::string> enter;
    for (const auto& [name, is_folder] : entries_) {
      const std::string label = (is_folder ? "[dir] " : "") + name;
      if (ImGui::Selectable(label.c_str())) {
        if (is_folder) enter = (fs::path(folder_) / name).string();
        else chosen = (fs::path(folder_) / name).string();
      }
    }
    ImGui::EndChild();
    if (enter) list(*enter);
    if (ImGui::Button("Cancel")) open_ = false;
    if (chosen) open_ = false;
    if (!open_) ImGui::CloseCurrentPopup();
    ImGui::EndPopup();
  }
  return chosen;
}

}  // namespace attune
