#include "app/schemes/scheme_editor_view.h"

#include <imgui.h>
#include <imgui_stdlib.h>

#include <algorithm>
#include <array>
#include <filesystem>

#include "app/coding/code_pad_view.h"
#include "core/error.h"
#include "export/scheme_file.h"

namespace attune {

namespace {

const ImVec4 kError(1, 0.5f, 0.4f, 1), kWarning(1.0f, 0.8f, 0.35f, 1.0f), kDone(0.55f, 0.85f, 0.55f, 1);

constexpr std::array<std::pair<SchemeSection, const char*>, 6> kTabs = {{{SchemeSection::Codes, "Codes"},
                                                                          {SchemeSection::Groups, "Groups"},
                                                                          {SchemeSection::Subjects, "Subjects"},
                                                                          {SchemeSection::Modifiers, "Modifiers"},
                                                                          {SchemeSection::Ratings, "Rating scales"},
                                                                          {SchemeSection::Rules, "Rules"}}};

std::string version_label(const SchemeRow& row) { return row.name + "  version " + std::to_string(row.version); }

// "/codes/3/key" -> (Codes, 3)
std::optional<std::pair<SchemeSection, std::size_t>> item_of(const std::string& pointer) {
  for (const auto& [section, title] : kTabs) {
    const std::string prefix = "/" + std::string(section_key(section)) + "/";
    if (pointer.compare(0, prefix.size(), prefix) != 0) continue;
    const std::string rest = pointer.substr(prefix.size());
    std::size_t digits = 0;
    while (digits < rest.size() && rest[digits] >= '0' && rest[digits] <= '9') ++digits;
    if (digits == 0 || digits > 6) return std::nullopt;
    return std::pair{section, static_cast<std::size_t>(std::stoul(rest.substr(0, digits)))};
  }
  return std::nullopt;
}

}  // namespace

void SchemeEditorView::reload(Workspace& ws) {
  stored_ = ws.stored_schemes();
  db_folder_ = std::filesystem::path(ws.db_path()).parent_path().string();
  next_for_ = draft_.scheme().name;
  next_version_ = ws.next_scheme_version(next_for_);
}

void SchemeEditorView::open(Workspace& ws) {
  error_.clear();
  message_.clear();
  if (open_) return;  // already editing: keep the draft
  stored_ = ws.stored_schemes();
  db_folder_ = std::filesystem::path(ws.db_path()).parent_path().string();
  const auto it = std::find_if(stored_.begin(), stored_.end(), [&](const SchemeRow& r) { return r.id == ws.info().scheme_id; });
  choose(it == stored_.end() ? 0 : static_cast<std::size_t>(it - stored_.begin()));
  reload(ws);
  open_ = true;
}

bool SchemeEditorView::choose(std::size_t index) {
  if (index >= stored_.size()) return false;
  std::string why;
  std::optional<SchemeDraft> draft = SchemeDraft::from_row(stored_[index], &why);
  if (!draft) {
    error_ = version_label(stored_[index]) + " does not load: " + why;
    return false;
  }
  draft_ = std::move(*draft);
  chosen_ = index;
  export_path_ = (std::filesystem::path(db_folder_) / exports::scheme_file_name(stored_[index])).string();
  measured_at_.reset();
  return true;
}

std::optional<SchemeRow> SchemeEditorView::save(Workspace& ws) {
  error_.clear();
  message_.clear();
  if (!draft_.valid()) {
    error_ = "Not saved: fix the problems listed first (the same checks as attune-cli scheme validate).";
    return std::nullopt;
  }
  try {
    const SchemeRow row = ws.save_scheme_version(draft_.scheme());
    stored_ = ws.stored_schemes();
    const auto it = std::find_if(stored_.begin(), stored_.end(), [&](const SchemeRow& r) { return r.id == row.id; });
    choose(static_cast<std::size_t>(it - stored_.begin()));
    reload(ws);
    message_ = "Saved as " + version_label(row) + ". Sessions keep the version they were created with; a new "
               "session can use this one (File → Sessions… → New session).";
    return row;
  } catch (const Error& e) {
    error_ = std::string("Not saved: ") + e.what();
    return std::nullopt;
  }
}

bool SchemeEditorView::export_to(const std::string& path) {
  error_.clear();
  message_.clear();
  const SchemeRow* row = editing();
  if (!row) return false;
  try {
    exports::write_scheme_file(*row, path);
    message_ = "Exported " + version_label(*row) + " to " + path;
    return true;
  } catch (const Error& e) {
    error_ = std::string("Not exported: ") + e.what();
    return false;
  }
}

void SchemeEditorView::close(bool discard) {
  if (draft_.changed() && !discard) {
    discard_popup_ = true;
    discard_closes_ = true;
    return;
  }
  open_ = false;
}

void SchemeEditorView::draw(Workspace& ws) {
  if (!open_) return;
  const ImGuiViewport* viewport = ImGui::GetMainViewport();
  ImGui::SetNextWindowPos(ImVec2(viewport->WorkPos.x + viewport->WorkSize.x * 0.5f, viewport->WorkPos.y + viewport->WorkSize.y * 0.5f),
                          ImGuiCond_Appearing, ImVec2(0.5f, 0.5f));
  ImGui::SetNextWindowSize(ImVec2(viewport->WorkSize.x * 0.96f, viewport->WorkSize.y * 0.92f), ImGuiCond_Appearing);
  bool visible = true;
  if (!ImGui::Begin("Coding schemes###scheme editor", &visible, ImGuiWindowFlags_NoCollapse | ImGuiWindowFlags_NoSavedSettings)) {
    ImGui::End();
    if (!visible) close();
    return;
  }
  if (!visible) close();
  draw_header(ws);
  ImGui::Separator();
  const ImVec2 avail = ImGui::GetContentRegionAvail();
  ImGui::BeginChild("edit", ImVec2(avail.x * 0.60f, 0), false);
  if (ImGui::BeginTabBar("sections")) {
    for (const auto& [section, title] : kTabs) {
      const ImGuiTabItemFlags flags = select_tab_ == section ? ImGuiTabItemFlags_SetSelected : 0;
      if (ImGui::BeginTabItem(title, nullptr, flags)) {
        section_ = section;
        items_.draw(draft_, section);
        ImGui::EndTabItem();
      }
    }
    select_tab_.reset();
    ImGui::EndTabBar();
  }
  ImGui::EndChild();
  ImGui::SameLine();
  ImGui::BeginChild("side", ImVec2(0, 0), false);
  ImGui::BeginChild("preview", ImVec2(0, ImGui::GetContentRegionAvail().y * 0.62f), true);
  draw_preview();
  ImGui::EndChild();
  ImGui::BeginChild("problems", ImVec2(0, 0), true);
  draw_problems();
  ImGui::EndChild();
  ImGui::EndChild();
  draw_export_popup();
  draw_discard_popup();
  ImGui::End();
}

void SchemeEditorView::draw_header(Workspace& ws) {
  const SchemeRow* row = editing();
  ImGui::SetNextItemWidth(ImGui::GetFontSize() * 16);
  if (ImGui::BeginCombo("##version", row ? version_label(*row).c_str() : "(no scheme)")) {
    for (std::size_t i = 0; i < stored_.size(); ++i) {
      const bool in_use = stored_[i].id == ws.info().scheme_id;
      const std::string label = version_label(stored_[i]) + (in_use ? "  (this session)" : "") + "##" + std::to_string(i);
      if (ImGui::Selectable(label.c_str(), i == chosen_) && i != chosen_) {
        if (draft_.changed()) {
          discard_popup_ = true;
          discard_for_ = i;
          discard_closes_ = false;
        } else {
          choose(i);
          reload(ws);
        }
      }
    }
    ImGui::EndCombo();
  }
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("The stored version to start from");
  ImGui::SameLine();
  std::string name = draft_.scheme().name;
  ImGui::SetNextItemWidth(ImGui::GetFontSize() * 12);
  if (ImGui::InputTextWithHint("##name", "scheme name", &name)) draft_.edit([&](Scheme& s) { s.name = name; });
  if (ImGui::IsItemDeactivatedAfterEdit() && draft_.scheme().name != next_for_) reload(ws);
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("A new name starts a scheme of its own at version 1");
  ImGui::SameLine();
  const bool can_save = draft_.changed() && draft_.valid();
  ImGui::BeginDisabled(!can_save);
  if (ImGui::Button(("Save as version " + std::to_string(next_version_)).c_str())) save(ws);
  ImGui::EndDisabled();
  if (ImGui::IsItemHovered(ImGuiHoveredFlags_AllowWhenDisabled))
    ImGui::SetTooltip("%s", !draft_.changed() ? "Nothing changed yet"
                            : !draft_.valid() ? "Fix the problems listed first"
                                              : "Stored as a new version; sessions keep the version they use");
  ImGui::SameLine();
  if (ImGui::Button("Export…")) export_popup_ = true;
  ImGui::SameLine();
  if (ImGui::Button("Close")) close();

  std::string description = draft_.scheme().description;
  ImGui::SetNextItemWidth(-1);
  if (ImGui::InputTextWithHint("##description", "description", &description))
    draft_.edit([&](Scheme& s) { s.description = description; });
  if (!error_.empty()) ImGui::TextColored(kError, "%s", error_.c_str());
  else if (!message_.empty()) ImGui::TextColored(kDone, "%s", message_.c_str());
  else if (draft_.changed())
    ImGui::TextColored(kWarning, "Unsaved changes. Saving stores them as %s version %d; sessions keep the version they use.",
                       draft_.scheme().name.c_str(), next_version_);
  else
    ImGui::TextDisabled("Sessions keep the scheme version they were created with; saving never changes a stored version.");
}

void SchemeEditorView::draw_preview() {
  ImGui::TextDisabled("Code pad preview (click a code to edit it)");
  const Scheme& s = draft_.scheme();
  ImGui::TextDisabled("Subjects");
  for (const Subject& subject : s.subjects) {
    ImGui::SameLine();
    ImGui::TextDisabled("%s%s", subject.key.empty() ? "" : ("[" + subject.key + "] ").c_str(), subject.name.c_str());
  }
  ImGui::Separator();
  const float font = ImGui::GetFontSize();
  if (measured_at_ != draft_.revision() || measured_font_ != font) {
    widest_ = CodePadView::widest_label_of(s);
    measured_at_ = draft_.revision();
    measured_font_ = font;
  }
  const Code* clicked = CodePadView::draw_codes(s, widest_, [](const Code& code) {
    return CodePadView::Cell{(code.key.empty() ? "   " : "[" + code.key + "] ") + code.name, nullptr};
  });
  if (clicked) {
    items_.selected(SchemeSection::Codes) = static_cast<std::size_t>(clicked - s.codes.data());
    select_tab_ = SchemeSection::Codes;
  }
}

void SchemeEditorView::draw_problems() {
  const SchemeLoadResult& v = draft_.validation();
  const auto& clashes = draft_.key_clashes();
  const std::size_t count = v.problems.size() + v.more_problems;
  ImGui::PushStyleColor(ImGuiCol_Text, count == 0 && clashes.empty() ? kDone : kError);
  if (count == 0 && clashes.empty()) ImGui::TextWrapped("No problems (the same checks as attune-cli scheme validate).");
  else ImGui::TextWrapped("%zu problem%s (as attune-cli scheme validate says them); click one to go to it.", count,
                          count == 1 ? "" : "s");
  ImGui::PopStyleColor();
  auto line = [&](const SchemeProblem& p, bool warning, std::size_t n) {
    ImGui::PushID(static_cast<int>(n));
    ImGui::PushStyleColor(ImGuiCol_Text, warning ? kWarning : kError);
    const std::string text = std::string(warning ? "warning: " : "") + (p.pointer.empty() ? "/" : p.pointer) + ": " + p.message;
    ImGui::TextWrapped("%s", text.c_str());  // whole sentences, however narrow the window
    if (ImGui::IsItemClicked())
      if (auto item = item_of(p.pointer)) {
        items_.selected(item->first) = item->second;
        select_tab_ = item->first;
      }
    ImGui::PopStyleColor();
    ImGui::PopID();
  };
  std::size_t n = 0;
  for (const SchemeProblem& p : v.problems) line(p, false, n++);
  if (v.more_problems > 0) ImGui::TextColored(kError, "... and %zu more problems", v.more_problems);
  for (const SchemeProblem& p : v.warnings) line(p, true, n++);
}

void SchemeEditorView::draw_export_popup() {
  if (export_popup_) {
    ImGui::OpenPopup("Export scheme");
    export_popup_ = false;
  }
  if (!ImGui::BeginPopupModal("Export scheme", nullptr, ImGuiWindowFlags_AlwaysAutoResize)) return;
  const SchemeRow* row = editing();
  ImGui::Text("Writes %s as stored, to a JSON file that attune-cli scheme import reads back.",
              row ? version_label(*row).c_str() : "(none)");
  if (draft_.changed()) ImGui::TextColored(kWarning, "Your unsaved changes are not in it: save them first to export them.");
  ImGui::SetNextItemWidth(ImGui::GetFontSize() * 36);
  ImGui::InputText("File", &export_path_);
  ImGui::BeginDisabled(export_path_.empty() || !row);
  if (ImGui::Button("Export") && export_to(export_path_)) ImGui::CloseCurrentPopup();
  ImGui::EndDisabled();
  ImGui::SameLine();
  if (ImGui::Button("Cancel")) ImGui::CloseCurrentPopup();
  if (!error_.empty()) ImGui::TextColored(kError, "%s", error_.c_str());
  ImGui::EndPopup();
}

void SchemeEditorView::draw_discard_popup() {
  if (discard_popup_) {
    ImGui::OpenPopup("Discard changes?");
    discard_popup_ = false;
  }
  if (!ImGui::BeginPopupModal("Discard changes?", nullptr, ImGuiWindowFlags_AlwaysAutoResize)) return;
  ImGui::Text("Your changes to %s are not saved.", draft_.scheme().name.c_str());
  if (ImGui::Button("Discard them")) {
    if (discard_closes_) open_ = false;
    else if (discard_for_) choose(*discard_for_);
    discard_for_.reset();
    ImGui::CloseCurrentPopup();
  }
  ImGui::SameLine();
  if (ImGui::Button("Keep editing")) {
    discard_for_.reset();
    ImGui::CloseCurrentPopup();
  }
  ImGui::EndPopup();
}

}  // namespace attune
