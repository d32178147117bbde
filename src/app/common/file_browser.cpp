#include "app/common/file_browser.h"

#include <imgui.h>
#include <imgui_stdlib.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>

#include "store/user_config.h"

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
  typed_ = folder_;
  std::sort(entries_.begin(), entries_.end(), [](const auto& a, const auto& b) {
    return a.second != b.second ? a.second : a.first < b.first;  // folders first
  });
}

bool FileBrowser::go_to(const std::string& path) {
  std::string wanted = path;
  while (!wanted.empty() && (wanted.back() == '\n' || wanted.back() == '\r' || wanted.back() == ' '))
    wanted.pop_back();  // a pasted line
  if (wanted.starts_with("~/") || wanted == "~")
    wanted = home_folder() + wanted.substr(1);
  std::error_code ec;
  if (fs::is_directory(wanted, ec)) {
    list(wanted);
    return false;
  }
  if (fs::is_regular_file(wanted, ec)) {
    pending_ = fs::absolute(wanted, ec).lexically_normal().string();
    open_ = false;
    error_.clear();
    return true;
  }
  error_ = "no such file or folder: " + wanted;
  return false;
}

std::optional<std::string> FileBrowser::draw(const char* title) {
  std::optional<std::string> chosen = std::move(pending_);
  pending_.reset();
  if (!open_ && !ImGui::IsPopupOpen(title)) return chosen;
  if (just_opened_) {
    ImGui::OpenPopup(title);
    just_opened_ = false;
  }
  ImGui::SetNextWindowSize(ImVec2(620, 460), ImGuiCond_Appearing);
  if (ImGui::BeginPopupModal(title, &open_)) {
    ImGui::SetNextItemWidth(-ImGui::CalcTextSize("Go").x - ImGui::GetStyle().FramePadding.x * 2 -
                            ImGui::GetStyle().ItemSpacing.x);
    if (ImGui::IsWindowAppearing()) ImGui::SetKeyboardFocusHere();
    const bool entered = ImGui::InputTextWithHint("##path", "type or paste a folder or a file, then Enter", &typed_,
                                                  ImGuiInputTextFlags_EnterReturnsTrue);
    ImGui::SameLine();
    if ((ImGui::Button("Go") || entered) && go_to(typed_)) {
      chosen = std::move(pending_);
      pending_.reset();
    }
    if (ImGui::Button("Up")) list(fs::path(folder_).parent_path().string());
    ImGui::SameLine();
    if (ImGui::Button("Home")) list(home_folder());
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
