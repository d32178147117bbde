#include "app/coding/status_bar_view.h"

#include <imgui.h>

#include <cstdio>

namespace attune {

void StatusBarView::draw_frames(const Workspace& ws) {
  const FrameIndex frames = ws.clock().frames();
  char text[128] = "";
  if (frames.variable()) {
    const double average = static_cast<double>(frames.rate().num) / static_cast<double>(frames.rate().den);
    std::snprintf(text, sizeof text, "VFR \u00b7 %.2f fps average \u00b7 frames from the file's index", average);
    ImGui::TextColored(ImVec4(0.55f, 0.8f, 1.0f, 1.0f), "%s", text);
  } else if (ws.indexing_frames()) {
    ImGui::TextDisabled("indexing frames\u2026");
  } else if (!ws.frame_index_problem().empty()) {
    ImGui::TextColored(ImVec4(1.0f, 0.75f, 0.3f, 1.0f), "frames at the container's rate");
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", ws.frame_index_problem().c_str());
  } else {
    return;
  }
  ImGui::SameLine(0, 30);
}

void StatusBarView::draw(Workspace& ws, float height, KeyboardCoder& coder) {
  const ImGuiViewport* viewport = ImGui::GetMainViewport();
  ImGui::SetNextWindowPos(ImVec2(viewport->WorkPos.x, viewport->WorkPos.y + viewport->WorkSize.y - height));
  ImGui::SetNextWindowSize(ImVec2(viewport->WorkSize.x, height));
  const ImGuiWindowFlags flags = ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove |
                                 ImGuiWindowFlags_NoSavedSettings | ImGuiWindowFlags_NoFocusOnAppearing |
                                 ImGuiWindowFlags_NoBringToFrontOnFocus;
  ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(8, 3));
  ImGui::Begin("status", nullptr, flags);
  if (!ws.last_error().empty() || !ws.unrecorded().empty()) {
    // The newest failure; work that failed for other reasons than a rule stays listed until
    // dismissed, whatever succeeded since (Workspace::unrecorded).
    const std::string& line = ws.last_error().empty() ? ws.unrecorded().back() : ws.last_error();
    ImGui::TextColored(ImVec4(1.0f, 0.55f, 0.45f, 1.0f), "Not recorded: %s", line.c_str());
    const std::size_t more = ws.unrecorded().size() - (!ws.unrecorded().empty() && ws.unrecorded().back() == line);
    if (more > 0) {
      ImGui::SameLine();
      ImGui::TextColored(ImVec4(1.0f, 0.55f, 0.45f, 1.0f), "(+%zu more not recorded)", more);
      if (ImGui::IsItemHovered()) {
        ImGui::BeginTooltip();
        for (const std::string& failed : ws.unrecorded()) ImGui::TextUnformatted(failed.c_str());
        ImGui::EndTooltip();
      }
    }
    ImGui::SameLine();
    if (ImGui::SmallButton("dismiss")) ws.clear_error();
  } else if (!coder.note().empty()) {
    ImGui::TextColored(ImVec4(1.0f, 0.8f, 0.35f, 1.0f), "%s", coder.note().c_str());
    ImGui::SameLine();
    if (ImGui::SmallButton("dismiss")) coder.clear_note();
  } else {
    ImGui::TextColored(ImVec4(0.55f, 0.85f, 0.55f, 1.0f), "All changes saved");
  }
  ImGui::SameLine(0, 30);
  if (ws.info().status == SessionStatus::Approved)
    ImGui::TextColored(ImVec4(1.0f, 0.8f, 0.35f, 1.0f), "Session approved — locked");
  else
    ImGui::TextDisabled("Session %s", to_string(ws.info().status));
  ImGui::SameLine(0, 30);
  ImGui::TextDisabled("%zu events", ws.model().size());
  ImGui::SameLine(0, 30);
  ImGui::TextDisabled("%s@%d", ws.scheme().name.c_str(), ws.scheme().version);
  ImGui::SameLine(0, 30);
  draw_frames(ws);
  ImGui::TextDisabled("%s", ws.db_path().c_str());
  if (!ws.clock().error().empty()) {
    ImGui::SameLine(0, 30);
    ImGui::TextColored(ImVec4(1.0f, 0.75f, 0.3f, 1.0f), "%s", ws.clock().error().c_str());
  }
  ImGui::End();
  ImGui::PopStyleVar();
}

}  // namespace attune
