#include "app/timeline/timeline_gestures.h"

#include <algorithm>
#include <cmath>

namespace attune {

namespace {
constexpr double kFollowPause = 3.0;  // seconds after a user pan or zoom before following again
}  // namespace

void TimelineGestures::note_user_move() {
  if (ImGui::GetCurrentContext()) last_user_move_ = ImGui::GetTime();
}

bool TimelineGestures::moved_recently() const { return ImGui::GetTime() - last_user_move_ < kFollowPause; }

bool TimelineGestures::wheel(TimeWindow& window, const Track& track, const TimelineLayout& layout, bool hovered) {
  if (!hovered || drag_ == Drag::Owner) return false;
  const ImGuiIO& io = ImGui::GetIO();
  const bool in_x = io.MousePos.x >= track.x0 && io.MousePos.x < track.x1;
  const Micros anchor = in_x ? layout.time_at(io.MousePos.x - track.x0) : (window.t0 + window.t1) / 2;
  if (!window.wheel(io.MouseWheel, io.MouseWheelH, io.KeyShift, anchor)) return false;
  note_user_move();
  return true;
}

bool TimelineGestures::pressed(const TimeWindow& window, const Track& track) {
  const ImVec2 mouse = ImGui::GetIO().MousePos;
  if (!ImGui::IsItemActivated() || mouse.x < track.x0 || mouse.x >= track.x1 || track.width() <= 0) return false;
  press_x_ = mouse.x;
  press_y_ = mouse.y;
  us_per_px_ = static_cast<double>(window.span()) / static_cast<double>(track.width());
  pan_t0_ = window.t0;
  drag_ = mouse.y < track.ruler_foot ? Drag::Ruler : Drag::Pending;
  return drag_ == Drag::Pending;
}

Micros TimelineGestures::moved_us() const {
  return std::llround(static_cast<double>(ImGui::GetIO().MousePos.x - press_x_) * us_per_px_);
}

TimelineGestures::Outcome TimelineGestures::update(MediaClock& clock, TimeWindow& window, const Track& track,
                                                   const TimelineLayout& layout) {
  if (drag_ == Drag::None) return Outcome::None;
  const ImGuiIO& io = ImGui::GetIO();
  const int escape = ImGui::GetKeyIndex(ImGuiKey_Escape);  // -1 until a backend maps it
  if (escape >= 0 && ImGui::IsKeyPressed(escape, false)) {
    if (drag_ == Drag::Pan) window.pan_to(pan_t0_);  // back where the drag found it
    drag_ = Drag::None;  // the release then does nothing
    return Outcome::Cancelled;
  }
  Outcome outcome = Outcome::None;
  const float dx = io.MousePos.x - press_x_, dy = io.MousePos.y - press_y_;
  switch (drag_) {
    case Drag::Pending:
      if (dx * dx + dy * dy < io.MouseDragThreshold * io.MouseDragThreshold) break;
      drag_ = Drag::Pan;
      [[fallthrough]];
    case Drag::Pan:
      window.pan_to(pan_t0_ - moved_us());
      note_user_move();
      break;
    case Drag::Ruler: {
      const Micros t = std::max<Micros>(0, layout.time_at(io.MousePos.x - track.x0));
      if (t != clock.position()) clock.seek(t);
      break;
    }
    case Drag::Owner:
      outcome = Outcome::OwnerDrag;
      break;
    case Drag::None:
      break;
  }
  if (ImGui::IsItemDeactivated()) {
    if (drag_ == Drag::Pending) outcome = Outcome::Click;
    else if (drag_ == Drag::Owner) outcome = Outcome::OwnerRelease;
    drag_ = Drag::None;
  }
  return outcome;
}

void TimelineGestures::follow(TimeWindow& window, const MediaClock& clock, bool enabled) const {
  if (!enabled || !clock.playing() || drag_ != Drag::None || moved_recently()) return;
  window.follow(clock.position());
}

}  // namespace attune
