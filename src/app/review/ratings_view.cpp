#include "app/review/ratings_view.h"

#include <imgui.h>

#include <string>

namespace attune {

namespace {

std::optional<int> rating_of(const Workspace& ws, const std::string& scale) {
  for (const SessionRating& r : ws.ratings())
    if (r.scale_id == scale) return r.value;
  return std::nullopt;
}

// The anchor text for `value`, else the nearest anchor below it ("" when none).
std::string anchor_text(const RatingScale& scale, int value) {
  auto it = scale.anchors.upper_bound(value);
  if (it == scale.anchors.begin()) return "";
  --it;
  return it->first == value ? it->second : "";
}

}  // namespace

void RatingsView::draw(Workspace& ws) {
  if (!open) return;
  const ImVec2 display = ImGui::GetIO().DisplaySize;
  ImGui::SetNextWindowPos(ImVec2(display.x * 0.5f, display.y * 0.35f), ImGuiCond_Appearing, ImVec2(0.5f, 0.5f));
  ImGui::SetNextWindowSize(ImVec2(600, 0), ImGuiCond_Appearing);
  if (!ImGui::Begin("Global ratings", &open, ImGuiWindowFlags_NoCollapse)) {
    ImGui::End();
    return;
  }
  const Scheme& scheme = ws.scheme();
  if (scheme.ratings.empty()) ImGui::TextDisabled("The scheme %s has no rating scales.", scheme.name.c_str());
  const bool locked = ws.info().status == SessionStatus::Approved;
  if (locked) ImGui::TextDisabled("The session is approved: unlock it in the review panel to change its ratings.");
  ImGui::BeginDisabled(locked);
  for (const RatingScale& scale : scheme.ratings) {
    ImGui::PushID(scale.id.c_str());
    const std::optional<int> value = rating_of(ws, scale.id);
    ImGui::Text("%s", scale.name.c_str());
    ImGui::SameLine();
    ImGui::TextDisabled("(%d-%d)", scale.min, scale.max);
    for (int v = scale.min; v <= scale.max; ++v) {
      if (v > scale.min) ImGui::SameLine();
      const bool chosen = value == v;
      if (chosen) ImGui::PushStyleColor(ImGuiCol_Button, ImGui::GetStyleColorVec4(ImGuiCol_ButtonActive));
      if (ImGui::Button(std::to_string(v).c_str(), ImVec2(ImGui::GetFrameHeight() * 1.4f, 0)))
        ws.set_rating(scale.id, v);
      if (chosen) ImGui::PopStyleColor();
      if (ImGui::IsItemHovered()) {
        const std::string anchor = anchor_text(scale, v);
        if (!anchor.empty()) ImGui::SetTooltip("%d: %s", v, anchor.c_str());
      }
    }
    ImGui::SameLine();
    ImGui::BeginDisabled(!value);
    if (ImGui::Button("Clear")) ws.set_rating(scale.id, std::nullopt);
    ImGui::EndDisabled();
    if (value) {
      const std::string anchor = anchor_text(scale, *value);
      ImGui::TextWrapped("%d%s%s", *value, anchor.empty() ? "" : ": ", anchor.c_str());
    } else {
      ImGui::TextDisabled("not rated");
    }
    ImGui::Spacing();
    ImGui::PopID();
  }
  ImGui::EndDisabled();
  if (!ws.last_error().empty()) ImGui::TextColored(ImVec4(1.0f, 0.45f, 0.4f, 1.0f), "%s", ws.last_error().c_str());
  ImGui::End();
}

}  // namespace attune
