#include "app/timeline/timeline_view.h"

#include <imgui_internal.h>  // SetItemUsingMouseWheel: the wheel zooms instead of scrolling

#include <algorithm>
#include <cmath>
#include <numeric>
#include <string>

#include "app/timeline/timeline_paint.h"

namespace attune {

namespace {

constexpr float kEdgeGrab = 4.0f;     // pixels either side of a bar's edge that grab it
constexpr std::uint32_t kWhite = 0xFFFFFFFFu;

const Code* code_of(const Workspace& ws, const Event& e) { return ws.scheme().find_code(e.code); }

std::string code_name(const Workspace& ws, const Event& e) {
  const Code* code = code_of(ws, e);
  return code ? code->name : e.code;
}

}  // namespace

float TimelineView::lane_center_y(std::size_t lane) const {
  if (lane >= lane_top_.size()) return track_max_.y;
  return track_min_.y + lane_top_[lane] + lane_h_ * 0.5f;
}

void TimelineView::set_view(Micros start, Micros end) {
  window_.set(start, end);
  initialised_ = true;
  gestures_.note_user_move();
}

// ---- input ------------------------------------------------------------------------------

TimelineView::Hit TimelineView::hit_test(ImVec2 mouse, Micros now) const {
  Hit hit;
  if (mouse.x < track_min_.x || mouse.x >= track_max_.x || mouse.y < track_min_.y) return hit;
  const float y = mouse.y - track_min_.y;
  for (std::size_t l = 0; l < lane_top_.size(); ++l)
    if (y >= lane_top_[l] && y < lane_top_[l] + lane_h_) hit.lane = l;
  if (!hit.lane || *hit.lane >= layout_.items().size()) return hit;
  const float x = mouse.x - track_min_.x;
  float best_edge = kEdgeGrab + 1, best_body = 1e9f;
  for (const TimelineItem& item : layout_.items()[*hit.lane]) {
    const bool single_state = item.count == 1 && item.kind != TimelineItemKind::Tick &&
                              item.kind != TimelineItemKind::Folded;
    const float x1 =
        item.kind == TimelineItemKind::Open ? open_extent(item, layout_.x_of(now), layout_.width()).open_x1 : item.x1;
    if (single_state) {  // a state with no end yet: only its start can be dragged
      const float to_start = std::fabs(x - item.x0);
      const float to_end = item.kind == TimelineItemKind::Bar ? std::fabs(x - x1) : 1e9f;
      const bool end_closer = to_end < to_start || (to_end == to_start && x > (item.x0 + x1) * 0.5f);
      const float d = end_closer ? to_end : to_start;
      if (d <= kEdgeGrab && d < best_edge) {
        best_edge = d;
        hit.item = &item;
        hit.edge = true;
        hit.start_edge = !end_closer;
      }
    }
    if (hit.edge) continue;
    const float pad = item.kind == TimelineItemKind::Tick ? 3.0f : 1.0f;
    if (x >= item.x0 - pad && x <= std::max(x1, item.x0 + 1.0f) + pad && x1 - item.x0 < best_body) {
      best_body = x1 - item.x0;  // the narrowest item under the cursor wins
      hit.item = &item;
    }
  }
  return hit;
}

void TimelineView::begin_edge_drag(const Workspace& ws, const Hit& hit) {
  const Event* e = ws.model().find(hit.item->id);
  if (!e) return;
  gestures_.claim();
  edge_.id = e->id;
  edge_.start_edge = hit.start_edge;
  edge_.original = hit.start_edge ? e->start : e->end.value_or(e->start);
  edge_.preview = edge_.original;
  auto [lo, hi] = layout_.room(*hit.lane, *e);
  if (hit.start_edge) {  // the start stays within [end of the previous state, own end]
    edge_.lo = lo;
    edge_.hi = e->end ? std::optional(*e->end) : hi;
  } else {
    edge_.lo = e->start;
    edge_.hi = hi;
  }
}

void TimelineView::finish_edge_drag(Workspace& ws) {
  const EdgeDrag drag = edge_;
  edge_ = {};
  const Event* e = drag.id ? ws.model().find(drag.id) : nullptr;
  if (!e || drag.preview == drag.original) return;
  // One command for the whole drag: one undo step, "Move Comfort start".
  EditEvent edit{.id = e->id, .label = "Move " + code_name(ws, *e) + (drag.start_edge ? " start" : " end")};
  if (drag.start_edge) edit.start = drag.preview;
  else edit.end = std::optional<Micros>(drag.preview);
  ws.apply(edit);
}

TimelineGestures::Track TimelineView::track() const { return {track_min_.x, track_max_.x, track_min_.y}; }

void TimelineView::handle_input(Workspace& ws, bool hovered) {
  const ImGuiIO& io = ImGui::GetIO();
  const ImVec2 mouse = io.MousePos;
  const Micros now = ws.clock().position();

  if (hovered && io.KeyCtrl && io.MouseWheel != 0 && !editing()) {
    // Ctrl+wheel: the lanes up and down, when they do not fit (a horizontal wheel still pans).
    lane_scroll_ -= io.MouseWheel * lane_h_ * 2.0f;
    const bool in_x = mouse.x >= track_min_.x && mouse.x < track_max_.x;
    const Micros anchor = in_x ? layout_.time_at(mouse.x - track_min_.x) : (window_.t0 + window_.t1) / 2;
    if (io.MouseWheelH != 0 && window_.wheel(0, io.MouseWheelH, false, anchor)) gestures_.note_user_move();
  } else {
    gestures_.wheel(window_, track(), layout_, hovered);
  }

  if (gestures_.pressed(window_, track())) {
    edge_ = {};
    const Hit hit = hit_test(mouse, now);
    if (hit.edge) begin_edge_drag(ws, hit);  // claims the press
    else press_id_ = hit.item ? hit.item->id : 0;
  }
  switch (gestures_.update(ws.clock(), window_, track(), layout_)) {
    case TimelineGestures::Outcome::Click: {  // a click, not a drag
      const Event* e = press_id_ ? ws.model().find(press_id_) : nullptr;
      if (e) ws.seek_to_event(*e);
      else ws.clock().seek(std::max<Micros>(0, layout_.time_at(gestures_.press_x() - track_min_.x)));
      break;
    }
    case TimelineGestures::Outcome::OwnerDrag: {
      Micros t = edge_.original + gestures_.moved_us();
      t = ws.snap_to_frame(t);  // edits land on frame starts, as coding does
      t = std::max(t, edge_.lo);
      if (edge_.hi) t = std::min(t, *edge_.hi);
      edge_.preview = t;
      break;
    }
    case TimelineGestures::Outcome::OwnerRelease:
      finish_edge_drag(ws);
      break;
    case TimelineGestures::Outcome::Cancelled:
      edge_ = {};  // an edge drag leaves the event as it was
      break;
    case TimelineGestures::Outcome::None:
      break;
  }
}

// The playhead jumped (a seek from the list, a key, go-to) to a time out of view: centre it.
// Only on a jump: a user who pans away from a still playhead is left alone.
void TimelineView::reveal_playhead(const MediaClock& clock) {
  const Micros now = clock.position();
  const bool jumped = last_now_ && *last_now_ != now;
  last_now_ = now;
  if (!jumped || clock.playing() || gestures_.drag() != TimelineGestures::Drag::None) return;
  if (now >= window_.t0 && now < window_.t1) return;
  window_.pan_to(now - window_.span() / 2);
}

// ---- drawing ----------------------------------------------------------------------------

void TimelineView::draw(Workspace& ws, ImVec2 size) {
  const ImVec2 avail = ImGui::GetContentRegionAvail();
  if (size.x <= 0) size.x = avail.x;
  if (size.y <= 0) size.y = avail.y;
  size.x = std::max(size.x, 120.0f);
  size.y = std::max(size.y, 48.0f);
  if (!initialised_) {
    const std::optional<Micros> duration = ws.clock().duration();
    window_.t1 = window_.t0 + (duration && *duration > 0 ? std::min(*duration, 60 * kMicrosPerSecond) : 60 * kMicrosPerSecond);
    window_.clamp();
    initialised_ = true;
  }

  const float text_h = ImGui::GetTextLineHeight();
  float label_w = 60.0f;  // the longest lane label (of the last frame's lanes: a few, cheap)
  for (const TimelineLane& lane : layout_.lanes())
    label_w = std::max(label_w, ImGui::CalcTextSize(lane.label.c_str()).x + 12.0f);
  label_w = std::min(label_w, size.x * 0.35f);
  origin_ = ImGui::GetCursorScreenPos();
  track_min_ = ImVec2(origin_.x + label_w, origin_.y + text_h + 8.0f);
  track_max_ = ImVec2(origin_.x + size.x, origin_.y + size.y);

  ImGui::InvisibleButton("##timeline", size);
  ImGui::SetItemUsingMouseWheel();
  handle_input(ws, ImGui::IsItemHovered());
  gestures_.follow(window_, ws.clock(), follow_);
  reveal_playhead(ws.clock());

  const SessionModel& model = ws.model();
  layout_.update(model, window_.t0, window_.t1, track_width());
  const std::size_t lanes = layout_.lanes().size();
  const float track_h = track_max_.y - track_min_.y;
  // At most a comfortable lane (more with a bigger font or on HiDPI: the bound follows the text).
  lane_h_ = lanes ? std::clamp(track_h / static_cast<float>(lanes), text_h + 2.0f, std::max(26.0f, text_h * 1.6f))
                  : track_h;
  // Lanes never shrink below a line of text: when they do not fit, Ctrl+wheel scrolls them.
  const float max_scroll = std::max(0.0f, static_cast<float>(lanes) * lane_h_ - track_h);
  lane_scroll_ = std::clamp(lane_scroll_, 0.0f, max_scroll);
  lane_top_.resize(lanes);
  for (std::size_t l = 0; l < lanes; ++l) lane_top_[l] = static_cast<float>(l) * lane_h_ - lane_scroll_;
  if (all_lanes_.size() != lanes) {
    all_lanes_.resize(lanes);
    std::iota(all_lanes_.begin(), all_lanes_.end(), std::size_t{0});
  }

  const Micros now = ws.clock().position();
  ImDrawList& dl = *ImGui::GetWindowDrawList();
  dl.PushClipRect(origin_, track_max_, true);
  dl.PushClipRect(ImVec2(origin_.x, track_min_.y), track_max_, true);
  draw_lanes(dl, now);
  if (max_scroll > 0) draw_lane_scrollbar(dl, static_cast<float>(lanes) * lane_h_);
  dl.PopClipRect();
  if (max_scroll > 0)  // how to reach the other lanes, in the empty corner above the labels
    dl.AddText(ImVec2(origin_.x + 4.0f, origin_.y + 3.0f), ImGui::GetColorU32(ImGuiCol_TextDisabled), "Ctrl+wheel: lanes");
  timeline_paint::ruler(dl, layout_, track_min_.x, track_max_.x, origin_.y, track_min_.y, track_max_.y);
  draw_overlays(dl, ws, now);
  dl.PopClipRect();

  const bool edge_hover = gestures_.drag() == TimelineGestures::Drag::None && ImGui::IsItemHovered() && hit_test(ImGui::GetIO().MousePos, now).edge;
  if (editing() || edge_hover) ImGui::SetMouseCursor(ImGuiMouseCursor_ResizeEW);
  if (gestures_.drag() == TimelineGestures::Drag::None && ImGui::IsItemHovered()) draw_tooltip(ws, ImGui::GetIO().MousePos, now);
}

void TimelineView::draw_lanes(ImDrawList& dl, Micros now) const {
  dl.AddRectFilled(origin_, ImVec2(track_min_.x, track_max_.y), ImGui::GetColorU32(ImGuiCol_TitleBg));
  dl.AddRectFilled(track_min_, track_max_, ImGui::GetColorU32(ImGuiCol_FrameBg));
  timeline_paint::LaneBlock block;
  block.label_x0 = origin_.x;
  block.track_x0 = track_min_.x;
  block.track_x1 = track_max_.x;
  block.top = track_min_.y - lane_scroll_;
  block.bottom = track_max_.y;
  block.lane_h = lane_h_;
  block.lanes = all_lanes_;
  timeline_paint::lanes(dl, layout_, block, now, editing() ? edge_.id : 0);
}

// A thin bar at the right edge: where the visible lanes are among all of them.
void TimelineView::draw_lane_scrollbar(ImDrawList& dl, float content_h) const {
  const float track_h = track_max_.y - track_min_.y;
  const float thumb_h = std::max(12.0f, track_h * track_h / content_h);
  const float top = track_min_.y + (track_h - thumb_h) * lane_scroll_ / (content_h - track_h);
  dl.AddRectFilled(ImVec2(track_max_.x - 6.0f, track_min_.y), track_max_, 0x40000000u);
  dl.AddRectFilled(ImVec2(track_max_.x - 5.0f, top), ImVec2(track_max_.x - 1.0f, top + thumb_h),
                   ImGui::GetColorU32(ImGuiCol_ScrollbarGrab), 2.0f);
}

void TimelineView::draw_overlays(ImDrawList& dl, const Workspace& ws, Micros now) const {
  const float left = track_min_.x;
  auto outline = [&](const Event& e, std::optional<Micros> start, std::optional<Micros> end, std::uint32_t fill) {
    const std::optional<std::size_t> lane = layout_.lane_of(e.code, e.subject);
    if (!lane) return;
    const float y0 = track_min_.y + lane_top_[*lane] + 1.0f, y1 = y0 + lane_h_ - 2.0f;
    // A state with no end yet is outlined to the right edge, as it is drawn.
    const Micros s = start.value_or(e.start), t = end.value_or(e.end.value_or(std::max(layout_.t1(), e.start)));
    const float x0 = std::clamp(x_of(s), left - 8.0f, track_max_.x + 8.0f);
    const float x1 = std::max(std::clamp(x_of(t), left - 8.0f, track_max_.x + 8.0f), x0 + 2.0f);
    if (fill) dl.AddRectFilled(ImVec2(x0 - 1.0f, y0), ImVec2(x1 + 1.0f, y1), fill);
    dl.AddRect(ImVec2(x0 - 2.0f, y0 - 1.0f), ImVec2(x1 + 2.0f, y1 + 1.0f), kWhite, 0.0f, 0, 2.0f);
  };
  dl.PushClipRect(track_min_, track_max_, true);
  if (ws.selected)
    if (const Event* e = ws.model().find(*ws.selected)) outline(*e, std::nullopt, std::nullopt, 0);
  if (editing())
    if (const Event* e = ws.model().find(edge_.id)) {
      const Code* code = code_of(ws, *e);
      const std::uint32_t color = code ? parse_color(code->color) : 0xFF909090u;
      if (edge_.start_edge) outline(*e, edge_.preview, std::nullopt, color);
      else outline(*e, std::nullopt, edge_.preview, color);
      const float x = x_of(edge_.preview);
      dl.AddLine(ImVec2(x, track_min_.y), ImVec2(x, track_max_.y), kWhite);
      const std::string label = format_clock(edge_.preview);
      dl.AddText(ImVec2(x + 4.0f, track_min_.y + 2.0f), kWhite, label.c_str());
    }
  dl.PopClipRect();
  // Comment flags at the foot of the ruler.
  constexpr std::uint32_t kFlag = 0xFF3AC8FFu;  // amber (ABGR)
  dl.PushClipRect(ImVec2(left, origin_.y), ImVec2(track_max_.x, track_min_.y), true);
  for (const Micros at : markers_) {
    const float mx = x_of(at);
    if (mx < left - 8.0f || mx > track_max_.x + 8.0f) continue;
    const float foot = track_min_.y, top = foot - 11.0f;
    dl.AddLine(ImVec2(mx, foot), ImVec2(mx, top), kFlag, 1.5f);
    dl.AddTriangleFilled(ImVec2(mx, top), ImVec2(mx + 7.0f, top + 3.0f), ImVec2(mx, top + 6.0f), kFlag);
  }
  dl.PopClipRect();
  // The playhead, over the ruler and every lane.
  const float x = x_of(now);
  if (x >= left && x <= track_max_.x) timeline_paint::playhead(dl, x, origin_.y, track_max_.y);
}

void TimelineView::draw_tooltip(const Workspace& ws, ImVec2 mouse, Micros now) const {
  const Hit hit = hit_test(mouse, now);
  if (!hit.item) return;
  const Event* e = ws.model().find(hit.item->id);
  if (!e) return;
  ImGui::BeginTooltip();
  if (hit.item->count > 1) {
    ImGui::Text("%u events from %s (zoom in to see them)", hit.item->count, format_clock(e->start).c_str());
  } else {
    const Subject* subject = ws.scheme().find_subject(e->subject);
    ImGui::Text("%s%s%s", code_name(ws, *e).c_str(), subject ? " \u00b7 " : "", subject ? subject->name.c_str() : "");
    if (e->end && *e->end != e->start)
      ImGui::Text("%s - %s (%s s)", format_clock(e->start).c_str(), format_clock(*e->end).c_str(),
                  format_seconds(*e->end - e->start).c_str());
    else if (e->is_open())
      ImGui::Text("%s - no end yet%s", format_clock(e->start).c_str(),
                  now < e->start ? " (not running at the playhead: it starts later)" : " (running)");
    else
      ImGui::Text("%s", format_clock(e->start).c_str());
    if (!e->comment.empty()) ImGui::TextWrapped("%s", e->comment.c_str());
    if (hit.edge) ImGui::TextDisabled("drag to move the %s", hit.start_edge ? "start" : "end");
  }
  ImGui::EndTooltip();
}

}  // namespace attune
