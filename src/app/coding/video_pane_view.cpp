#include "app/coding/video_pane_view.h"
#include "app/logic/playback_speeds.h"

#include <imgui.h>

#include <algorithm>
#include <cstdio>
#include <filesystem>

namespace attune {

void VideoPaneView::draw(Workspace& ws) {
  const float transport_height = ImGui::GetFrameHeightWithSpacing() * 2.2f;
  draw_picture(ws, std::max(80.0f, ImGui::GetContentRegionAvail().y - transport_height));
  draw_transport(ws);
}

void VideoPaneView::draw_picture(Workspace& ws, float height) {
  MediaClock& clock = ws.clock();
  const ImVec2 origin = ImGui::GetCursorScreenPos();
  const float width = ImGui::GetContentRegionAvail().x;
  ImDrawList* draw = ImGui::GetWindowDrawList();
  draw->AddRectFilled(origin, ImVec2(origin.x + width, origin.y + height), IM_COL32(0, 0, 0, 255));
  if (clock.texture() && clock.video_width() > 0 && clock.video_height() > 0) {
    // Letterbox: keep the video's aspect ratio inside the pane.
    const float aspect = static_cast<float>(clock.video_width()) / static_cast<float>(clock.video_height());
    float w = width, h = width / aspect;
    if (h > height) h = height, w = height * aspect;
    const ImVec2 top(origin.x + (width - w) * 0.5f, origin.y + (height - h) * 0.5f);
    draw->AddImage(reinterpret_cast<ImTextureID>(static_cast<std::uintptr_t>(clock.texture())), top,
                   ImVec2(top.x + w, top.y + h), ImVec2(0, 0), ImVec2(1, 1));  // FLIP_Y=0: rows already top-down
  } else if (!clock.error().empty()) {
    ImGui::SetCursorScreenPos(ImVec2(origin.x + 20, origin.y + 20));
    ImGui::BeginGroup();
    ImGui::TextColored(ImVec4(1.0f, 0.7f, 0.4f, 1.0f), "%s", clock.error().c_str());
    ImGui::TextWrapped("Coding can go on without the picture; to see it again, choose the file where the video is now.");
    draw_relink(ws);
    ImGui::EndGroup();
    ImGui::SetCursorScreenPos(origin);
  } else {
    const std::string text = clock.has_video() ? "loading video…" : "Live observation - " + format_clock(clock.position());
    ImGui::SetWindowFontScale(clock.has_video() ? 1.0f : 2.0f);
    const ImVec2 size = ImGui::CalcTextSize(text.c_str());
    draw->AddText(ImGui::GetFont(), ImGui::GetFontSize(),
                  ImVec2(origin.x + (width - size.x) * 0.5f, origin.y + (height - size.y) * 0.5f),
                  IM_COL32(220, 220, 220, 255), text.c_str());
    ImGui::SetWindowFontScale(1.0f);
  }
  ImGui::InvisibleButton("picture", ImVec2(width, height));
  if (ImGui::IsItemClicked()) clock.toggle();
}

void VideoPaneView::draw_relink(Workspace& ws) {
  if (ImGui::Button("Relink video…"))
    browser_.open(std::filesystem::path(ws.recording().video_path).parent_path().string(),
                  {".mp4", ".mov", ".mkv", ".avi", ".webm", ".m4v", ".mpg"});
  if (auto chosen = browser_.draw("Find the video")) {
    relink_path_ = *chosen;
    relink_message_ = ws.relink_video(relink_path_, false);
    reopen_ = relink_message_.empty();
  }
  if (!relink_message_.empty()) {
    ImGui::TextColored(ImVec4(1.0f, 0.55f, 0.45f, 1.0f), "%s", relink_message_.c_str());
    if (ImGui::Button("Use it anyway")) {
      relink_message_ = ws.relink_video(relink_path_, true);
      reopen_ = relink_message_.empty();
    }
  }
}

void VideoPaneView::draw_transport(Workspace& ws) {
  MediaClock& clock = ws.clock();
  const Micros now = clock.position();
  const std::optional<Micros> duration = clock.duration() ? clock.duration() : ws.recording().duration;

  // The time and the frame counter first, where nothing can push them off a narrow pane;
  // then the seek bar over the whole duration (the seek happens on release so dragging
  // stays smooth).
  const std::optional<std::int64_t> frame = clock.frame();
  std::string time_text = format_clock(now);
  if (frame) time_text += "  frame " + std::to_string(*frame);
  if (duration) time_text += "  / " + format_clock(*duration);
  ImGui::AlignTextToFramePadding();
  ImGui::TextUnformatted(time_text.c_str());
  ImGui::SameLine();
  const float total = duration ? static_cast<float>(*duration) / 1e6f : std::max(60.0f, static_cast<float>(now) / 1e6f);
  float value = seek_drag_ >= 0 ? seek_drag_ : static_cast<float>(now) / 1e6f;
  ImGui::SetNextItemWidth(-1);
  if (ImGui::SliderFloat("##seek", &value, 0.0f, total, "")) seek_drag_ = value;
  if (ImGui::IsItemDeactivatedAfterEdit() || (seek_drag_ >= 0 && !ImGui::IsItemActive())) {
    clock.seek(static_cast<Micros>(static_cast<double>(seek_drag_) * 1e6));
    seek_drag_ = -1.0f;
  }

  if (ImGui::Button(clock.playing() ? "Pause" : "Play", ImVec2(ImGui::CalcTextSize("Pause").x + 24, 0))) clock.toggle();
  ImGui::SameLine(0, 4);  // tight: the row must fit a 1024-wide window
  if (ImGui::Button("-5s")) clock.seek(std::max<Micros>(0, now - 5 * kMicrosPerSecond));
  ImGui::SameLine(0, 4);  // tight: the row must fit a 1024-wide window
  if (ImGui::Button("-1s")) clock.seek(std::max<Micros>(0, now - kMicrosPerSecond));
  ImGui::SameLine(0, 4);  // tight: the row must fit a 1024-wide window
  if (ImGui::Button("<|")) clock.step_frames(-1);
  ImGui::SameLine(0, 4);  // tight: the row must fit a 1024-wide window
  if (ImGui::Button("|>")) clock.step_frames(1);
  ImGui::SameLine(0, 4);  // tight: the row must fit a 1024-wide window
  if (ImGui::Button("+1s")) clock.seek(now + kMicrosPerSecond);
  ImGui::SameLine(0, 4);  // tight: the row must fit a 1024-wide window
  if (ImGui::Button("+5s")) clock.seek(now + 5 * kMicrosPerSecond);
  ImGui::SameLine(0, 4);  // tight: the row must fit a 1024-wide window
  char speed_label[16];
  std::snprintf(speed_label, sizeof speed_label, "%.2gx", clock.speed());
  ImGui::SetNextItemWidth(ImGui::CalcTextSize("0.25x").x + ImGui::GetFrameHeight() + 8);
  if (ImGui::BeginCombo("##speed", speed_label)) {
    for (double s : kPlaybackSpeeds) {
      char label[16];
      std::snprintf(label, sizeof label, "%.2gx", s);
      if (ImGui::Selectable(label, std::abs(clock.speed() - s) < 1e-6)) clock.set_speed(s);
    }
    ImGui::EndCombo();
  }
  ImGui::SameLine(0, 4);  // tight: the row must fit a 1024-wide window
  bool muted = clock.muted();
  if (clock.has_video() && ImGui::Checkbox("Mute", &muted)) clock.set_muted(muted);
}

}  // namespace attune
