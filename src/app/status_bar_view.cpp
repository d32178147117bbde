#include "app/status_bar_view.h"

#include <imgui.h>

namespace attune {

void StatusBarView::draw(Workspace& ws, float height, KeyboardCoder& coder) {
  const ImGuiViewport* viewport = ImGui::GetMainViewport();
  ImGui::SetNextWindowPos(ImVec2(viewport->WorkPos.x, viewport->WorkPos.y + viewport->WorkSize.y - height));
  ImGui::SetNextWindowSize(ImVec2(viewport->WorkSize.x, height));
  const ImGuiWindowFlags flags = ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove |
                                 ImGuiWindowFlags_NoSavedSettings | ImGuiWindowFlags_NoFocusOnAppearing |
                                 ImGuiWindowFlags_NoBringToFrontOnFocus;
  ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(8, 3));
  ImGui::Begin("status", nullptr, flags);
  if (!ws.last_error().empty()) {
    ImGui::TextColored(ImVec4(1.0f, 0.55f, 0.45f, 1.0f), "Not recorded: %s", ws.last_error().c_str());
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
  ImGui::TextDisabled("%s", ws.db_path().c_str());
  if (!ws.clock().error().empty()) {
    ImGui::SameLine(0, 30);
    ImGui::TextColored(ImVec4(1.0f, 0.75f, 0.3f, 1.0f), "%s", ws.clock().error().c_str());
  }
  ImGui::End();
  ImGui::PopStyleVar();
}

}  // namespace attune
