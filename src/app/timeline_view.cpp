#include "app/timeline_view.h"

#include <imgui_internal.h>  // SetItemUsingMouseWheel: the wheel zooms instead of scrolling

#include <algorithm>
#include <cmath>
#include <string>

namespace attune {

namespace {

constexpr Micros kMinSpan = 10'000;                        // 10 ms across the track
constexpr Micros kMaxSpan = 48LL * 3600 * kMicrosPerSecond;  // two days
constexpr double kFollowPause = 3.0;  // seconds after a user pan before following again
constexpr float kEdgeGrab = 4.0f;     // pixels either side of a bar's edge that grab it
constexpr std::uint32_t kWhite = 0xFFFFFFFFu, kPlayhead = 0xFF3A3AE8u;

std::uint32_t with_alpha(std::uint32_t color, std::uint32_t alpha) { return (color & 0x00FFFFFFu) | (alpha << 24); }

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

void TimelineView::clamp_window() {
  Micros span = std::clamp<Micros>(t1_ - t0_, kMinSpan, kMaxSpan);
  t0_ = std::max<Micros>(0, t0_);
  t1_ = t0_ + span;
}

void TimelineView::set_view(Micros start, Micros end) {
  t0_ = start;
  t1_ = end;
  clamp_window();
  initialised_ = true;
  last_user_move_ = ImGui::GetCurrentContext() ? ImGui::GetTime() : last_user_move_;
}

void TimelineView::zoom(double factor, Micros anchor) {
  const double span = static_cast<double>(t1_ - t0_);
  const double next = std::clamp(span * factor, static_cast<double>(kMinSpan), static_cast<double>(kMaxSpan));
  const double left = static_cast<double>(anchor - t0_) / span;  // keeps the anchor under the cursor
  t0_ = anchor - std::llround(left * next);
  t1_ = t0_ + std::llround(next);
  clamp_window();
}

void TimelineView::pan_to(Micros start) {
  const Micros span = t1_ - t0_;
  t0_ = start;
  t1_ = start + span;
  clamp_window();
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
    const float x1 = item.kind == TimelineItemKind::Open ? std::max(item.x0, layout_.x_of(now)) : item.x1;
    if (single_state) {  // the end of a running state is "now": only its start can be dragged
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
  drag_.kind = DragKind::Edge;
  drag_.id = e->id;
  drag_.start_edge = hit.start_edge;
  drag_.original = hit.start_edge ? e->start : e->end.value_or(e->start);
  drag_.preview = drag_.original;
  auto [lo, hi] = layout_.room(*hit.lane, *e);
  if (hit.start_edge) {  // the start stays within [end of the previous state, own end]
    drag_.lo = lo;
    drag_.hi = e->end ? std::optional(*e->end) : hi;
  } else {
    drag_.lo = e->start;
    drag_.hi = hi;
  }
}

void TimelineView::finish_drag(Workspace& ws) {
  const Drag drag = drag_;
  drag_ = {};
  const Event* e = drag.id ? ws.model().find(drag.id) : nullptr;
  switch (drag.kind) {
    case DragKind::Edge:
      if (e && drag.preview != drag.original) {
        // One command for the whole drag: one undo step, "Move Comfort start".
        EditEvent edit{.id = e->id, .label = "Move " + code_name(ws, *e) + (drag.start_edge ? " start" : " end")};
        if (drag.start_edge) edit.start = drag.preview;
        else edit.end = std::optional<Micros>(drag.preview);
        ws.apply(edit);
      }
      break;
    case DragKind::Pending:  // a click, not a drag
      if (e) ws.seek_to_event(*e);
      else ws.clock().seek(std::max<Micros>(0, layout_.time_at(drag.press_x - track_min_.x)));
      break;
    default:
      break;
  }
}

void TimelineView::handle_input(Workspace& ws, bool hovered) {
  const ImGuiIO& io = ImGui::GetIO();
  const ImVec2 mouse = io.MousePos;
  const Micros now = ws.clock().position();
  const float width = track_width();
  const bool in_x = mouse.x >= track_min_.x && mouse.x < track_max_.x;

  if (hovered && drag_.kind != DragKind::Edge) {
    const float wheel_pan = io.MouseWheelH + (io.KeyShift ? io.MouseWheel : 0.0f);
    if (io.MouseWheel != 0 && !io.KeyShift) {
      const Micros anchor = in_x ? layout_.time_at(mouse.x - track_min_.x) : (t0_ + t1_) / 2;
      zoom(std::pow(0.8, static_cast<double>(io.MouseWheel)), anchor);
      last_user_move_ = ImGui::GetTime();
    }
    if (wheel_pan != 0) {
      pan_to(t0_ - std::llround(static_cast<double>(wheel_pan) * 0.1 * static_cast<double>(t1_ - t0_)));
      last_user_move_ = ImGui::GetTime();
    }
  }

  if (ImGui::IsItemActivated() && in_x && width > 0) {
    drag_ = {};
    drag_.press_x = mouse.x;
    drag_.press_y = mouse.y;
    drag_.us_per_px = static_cast<double>(t1_ - t0_) / static_cast<double>(width);
    drag_.pan_t0 = t0_;
    if (mouse.y < track_min_.y) {  // the ruler scrubs
      drag_.kind = DragKind::Ruler;
    } else {
      const Hit hit = hit_test(mouse, now);
      if (hit.edge) begin_edge_drag(ws, hit);
      if (drag_.kind == DragKind::None) {
        drag_.kind = DragKind::Pending;
        drag_.id = hit.item ? hit.item->id : 0;
      }
    }
  }
  if (drag_.kind == DragKind::None) return;

  const int escape = ImGui::GetKeyIndex(ImGuiKey_Escape);  // -1 until a backend maps it
  if (escape >= 0 && ImGui::IsKeyPressed(escape, false)) {
    drag_ = {};  // cancels an edge drag or a pan; the release then does nothing
    return;
  }
  const float dx = mouse.x - drag_.press_x, dy = mouse.y - drag_.press_y;
  const Micros moved = std::llround(static_cast<double>(dx) * drag_.us_per_px);
  switch (drag_.kind) {
    case DragKind::Pending:
      if (dx * dx + dy * dy < io.MouseDragThreshold * io.MouseDragThreshold) break;
      drag_.kind = DragKind::Pan;
      [[fallthrough]];
    case DragKind::Pan:
      pan_to(drag_.pan_t0 - moved);
      last_user_move_ = ImGui::GetTime();
      break;
    case DragKind::Edge: {
      Micros t = drag_.original + moved;
      const FrameRate fps = ws.clock().fps();
      if (fps.valid()) t = frame_start(frame_at(t, fps), fps);  // edits land on frame starts, as coding does
      t = std::max(t, drag_.lo);
      if (drag_.hi) t = std::min(t, *drag_.hi);
      drag_.preview = t;
      break;
    }
    case DragKind::Ruler: {
      const Micros t = std::max<Micros>(0, layout_.time_at(mouse.x - track_min_.x));
      if (t != now) ws.clock().seek(t);
      break;
    }
    case DragKind::None:
      break;
  }
  if (ImGui::IsItemDeactivated()) finish_drag(ws);
}

void TimelineView::follow(const MediaClock& clock) {
  if (!follow_ || !clock.playing() || drag_.kind != DragKind::None) return;
  if (ImGui::GetTime() - last_user_move_ < kFollowPause) return;
  const Micros now = clock.position(), span = t1_ - t0_;
  // Scroll with the playhead once it passes 3/4 of the view; jump when it left the view.
  if (now > t0_ + span * 3 / 4) pan_to(now - span * 3 / 4);
  else if (now < t0_) pan_to(now - span / 4);
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
    t1_ = t0_ + (duration && *duration > 0 ? std::min(*duration, 60 * kMicrosPerSecond) : 60 * kMicrosPerSecond);
    clamp_window();
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
  follow(ws.clock());

  const SessionModel& model = ws.model();
  layout_.update(model, t0_, t1_, track_width());
  const std::size_t lanes = layout_.lanes().size();
  const float track_h = track_max_.y - track_min_.y;
  lane_h_ = lanes ? std::clamp(track_h / static_cast<float>(lanes), text_h + 2.0f, 26.0f) : track_h;
  lane_top_.resize(lanes);
  for (std::size_t l = 0; l < lanes; ++l) lane_top_[l] = static_cast<float>(l) * lane_h_;

  const Micros now = ws.clock().position();
  ImDrawList& dl = *ImGui::GetWindowDrawList();
  dl.PushClipRect(origin_, track_max_, true);
  draw_lanes(dl, now);
  draw_ruler(dl);
  draw_overlays(dl, ws, now);
  dl.PopClipRect();

  const bool edge_hover = drag_.kind == DragKind::None && ImGui::IsItemHovered() && hit_test(ImGui::GetIO().MousePos, now).edge;
  if (drag_.kind == DragKind::Edge || edge_hover) ImGui::SetMouseCursor(ImGuiMouseCursor_ResizeEW);
  if (drag_.kind == DragKind::None && ImGui::IsItemHovered()) draw_tooltip(ws, ImGui::GetIO().MousePos, now);
}

void TimelineView::draw_ruler(ImDrawList& dl) const {
  const float width = track_width();
  const Micros span = t1_ - t0_;
  dl.AddRectFilled(ImVec2(track_min_.x, origin_.y), ImVec2(track_max_.x, track_min_.y),
                   ImGui::GetColorU32(ImGuiCol_TitleBg));
  const Micros step = tick_step(span, width, 90.0f);
  const Micros minor = std::max<Micros>(1, step / 5);
  const std::uint32_t text = ImGui::GetColorU32(ImGuiCol_Text);
  const std::uint32_t faint = ImGui::GetColorU32(ImGuiCol_TextDisabled);
  dl.PushClipRect(ImVec2(track_min_.x, origin_.y), track_max_, true);
  for (Micros t = (t0_ + minor - 1) / minor * minor; t < t1_; t += minor) {
    const float x = x_of(t);
    if (t % step == 0) {
      dl.AddLine(ImVec2(x, track_min_.y - 6.0f), ImVec2(x, track_min_.y), text);
      dl.AddLine(ImVec2(x, track_min_.y), ImVec2(x, track_max_.y), with_alpha(faint, 0x30));  // grid
      const std::string label = format_tick(t, step);
      dl.AddText(ImVec2(x + 3.0f, origin_.y + 2.0f), text, label.c_str());
    } else {
      dl.AddLine(ImVec2(x, track_min_.y - 3.0f), ImVec2(x, track_min_.y), faint);
    }
  }
  dl.PopClipRect();
}

void TimelineView::draw_lanes(ImDrawList& dl, Micros now) const {
  const std::vector<TimelineLane>& lanes = layout_.lanes();
  const TimelineLayout::Items& items = layout_.items();
  const float now_x = std::clamp(layout_.x_of(now), -8.0f, track_width() + 8.0f);
  const float left = track_min_.x;
  dl.AddRectFilled(origin_, ImVec2(track_min_.x, track_max_.y), ImGui::GetColorU32(ImGuiCol_TitleBg));
  dl.AddRectFilled(track_min_, track_max_, ImGui::GetColorU32(ImGuiCol_FrameBg));
  for (std::size_t l = 0; l < lanes.size(); ++l) {
    const float y0 = track_min_.y + lane_top_[l];
    if (l % 2 == 1) dl.AddRectFilled(ImVec2(left, y0), ImVec2(track_max_.x, y0 + lane_h_), 0x0CFFFFFFu);
    // Episodes shade every lane behind the events, with a line where each one begins.
    if (lanes[l].episode)
      for (const TimelineItem& item : items[l]) {
        const float x1 = item.kind == TimelineItemKind::Open ? std::max(now_x, item.x0 + 2.0f) : item.x1;
        dl.AddRectFilled(ImVec2(left + item.x0, track_min_.y), ImVec2(left + std::max(x1, item.x0 + 1.0f), track_max_.y),
                         with_alpha(item.color, 0x28));
        dl.AddLine(ImVec2(left + item.x0, track_min_.y), ImVec2(left + item.x0, track_max_.y), with_alpha(item.color, 0xA0));
      }
  }
  dl.PushClipRect(track_min_, track_max_, true);
  for (std::size_t l = 0; l < lanes.size(); ++l) {
    const float y0 = track_min_.y + lane_top_[l] + 2.0f, y1 = y0 + lane_h_ - 4.0f;
    for (const TimelineItem& item : items[l]) {
      if (drag_.kind == DragKind::Edge && item.id == drag_.id && item.count == 1) continue;  // drawn as preview
      const float x0 = left + item.x0;
      switch (item.kind) {
        case TimelineItemKind::Tick:
          dl.AddRectFilled(ImVec2(x0 - 1.0f, y0 - 1.0f), ImVec2(x0 + 1.0f, y1 + 1.0f), item.color);
          break;
        case TimelineItemKind::Open: {  // running: drawn to the playhead, lighter, open-ended
          const float x1 = left + std::max(now_x, item.x0 + 2.0f);
          dl.AddRectFilled(ImVec2(x0, y0), ImVec2(x1, y1), with_alpha(item.color, 0xB0));
          dl.AddLine(ImVec2(x1, y0), ImVec2(x1, y1), kWhite, 2.0f);
          break;
        }
        case TimelineItemKind::Bar:
        case TimelineItemKind::Folded:
          dl.AddRectFilled(ImVec2(x0, y0), ImVec2(left + std::max(item.x1, item.x0 + 1.0f), y1), item.color);
          break;
      }
    }
  }
  dl.PopClipRect();
  // Labels last so long ones are cut at the track, not painted over it.
  dl.PushClipRect(origin_, ImVec2(track_min_.x - 4.0f, track_max_.y), true);
  const float text_h = ImGui::GetTextLineHeight();
  for (std::size_t l = 0; l < lanes.size(); ++l)
    dl.AddText(ImVec2(origin_.x + 4.0f, lane_center_y(l) - text_h * 0.5f), ImGui::GetColorU32(ImGuiCol_Text),
               lanes[l].label.c_str());
  dl.PopClipRect();
}

void TimelineView::draw_overlays(ImDrawList& dl, const Workspace& ws, Micros now) const {
  const float left = track_min_.x;
  auto outline = [&](const Event& e, std::optional<Micros> start, std::optional<Micros> end, std::uint32_t fill) {
    const std::optional<std::size_t> lane = layout_.lane_of(e.code, e.subject);
    if (!lane) return;
    const float y0 = track_min_.y + lane_top_[*lane] + 1.0f, y1 = y0 + lane_h_ - 2.0f;
    const Micros s = start.value_or(e.start), t = end.value_or(e.end.value_or(std::max(now, e.start)));
    const float x0 = std::clamp(x_of(s), left - 8.0f, track_max_.x + 8.0f);
    const float x1 = std::max(std::clamp(x_of(t), left - 8.0f, track_max_.x + 8.0f), x0 + 2.0f);
    if (fill) dl.AddRectFilled(ImVec2(x0 - 1.0f, y0), ImVec2(x1 + 1.0f, y1), fill);
    dl.AddRect(ImVec2(x0 - 2.0f, y0 - 1.0f), ImVec2(x1 + 2.0f, y1 + 1.0f), kWhite, 0.0f, 0, 2.0f);
  };
  dl.PushClipRect(track_min_, track_max_, true);
  if (ws.selected)
    if (const Event* e = ws.model().find(*ws.selected)) outline(*e, std::nullopt, std::nullopt, 0);
  if (drag_.kind == DragKind::Edge)
    if (const Event* e = ws.model().find(drag_.id)) {
      const Code* code = code_of(ws, *e);
      const std::uint32_t color = code ? parse_color(code->color) : 0xFF909090u;
      if (drag_.start_edge) outline(*e, drag_.preview, std::nullopt, color);
      else outline(*e, std::nullopt, drag_.preview, color);
      const float x = x_of(drag_.preview);
      dl.AddLine(ImVec2(x, track_min_.y), ImVec2(x, track_max_.y), kWhite);
      const std::string label = format_clock(drag_.preview);
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
  if (x >= left && x <= track_max_.x) {
    dl.AddLine(ImVec2(x, origin_.y), ImVec2(x, track_max_.y), kPlayhead, 2.0f);
    dl.AddTriangleFilled(ImVec2(x - 5.0f, origin_.y), ImVec2(x + 5.0f, origin_.y), ImVec2(x, origin_.y + 7.0f),
                         kPlayhead);
  }
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
      ImGui::Text("%s - running", format_clock(e->start).c_str());
    else
      ImGui::Text("%s", format_clock(e->start).c_str());
    if (!e->comment.empty()) ImGui::TextWrapped("%s", e->comment.c_str());
    if (hit.edge) ImGui::TextDisabled("drag to move the %s", hit.start_edge ? "start" : "end");
  }
  ImGui::EndTooltip();
}

}  // namespace attune
