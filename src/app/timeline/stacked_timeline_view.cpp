#include "app/timeline/stacked_timeline_view.h"

#include <imgui_internal.h>  // SetItemUsingMouseWheel: the wheel zooms instead of scrolling

#include <algorithm>
#include <cmath>

#include "app/timeline/timeline_paint.h"

namespace attune {

namespace {

constexpr float kMaxLane = 30.0f, kGap = 10.0f;
constexpr std::uint32_t kDisagree = 0x383C46E6u;      // translucent red over the bars (ABGR)
constexpr std::uint32_t kDisagreeEdge = 0xFF6E78FFu;  // its outline: light red, visible on a red bar too
constexpr std::uint32_t kDisagreeBand = 0xFF3C46E6u;  // the band between the blocks
constexpr std::uint32_t kTagA = 0xFFE0A040u, kTagB = 0xFF40A0E0u;  // blue-ish A, amber B (ABGR)

std::string code_name(const Scheme& scheme, const std::string& id) {
  const Code* code = scheme.find_code(id);
  return code ? code->name : id;
}

}  // namespace

float StackedTimelineView::height_for(std::size_t rows, float lane_h) {
  const float text_h = ImGui::GetTextLineHeight();
  const float header = text_h + 6.0f;
  return (text_h + 8.0f) + 2.0f * header + kGap + 2.0f * static_cast<float>(std::max<std::size_t>(rows, 1)) * lane_h + 2.0f;
}

float StackedTimelineView::preferred_height(std::size_t rows) {
  return height_for(rows, std::max(kMaxLane, ImGui::GetTextLineHeight() * 1.6f));
}

float StackedTimelineView::minimum_height(std::size_t rows) {
  return height_for(rows, ImGui::GetTextLineHeight() + 2.0f);
}

float StackedTimelineView::row_center_y(bool b, std::size_t row) const {
  return block_top_[b ? 1 : 0] + (static_cast<float>(row) + 0.5f) * lane_h_;
}

void StackedTimelineView::choose_rows(const Input& in, const Scheme& scheme) {
  const std::vector<TimelineLane>& lanes = layout_a_.lanes();
  const std::string key = (in.all_lanes ? "all:" : "one:") + in.group + ":" + std::to_string(lanes.size());
  if (key == rows_key_) return;
  rows_key_ = key;
  rows_.clear();
  compared_rows_.clear();
  for (std::size_t l = 0; l < lanes.size(); ++l) {
    bool compared = lanes[l].group == in.group;
    if (in.group.empty())  // the point codes: lanes of groups that hold a point code
      compared = std::any_of(scheme.codes.begin(), scheme.codes.end(), [&](const Code& c) {
        return c.group == lanes[l].group && c.kind == CodeKind::Point;
      });
    if (!compared && !in.all_lanes) continue;
    rows_.push_back(l);
    compared_rows_.push_back(compared);
  }
}

// ---- input ------------------------------------------------------------------------------

StackedTimelineView::Hit StackedTimelineView::hit_test(ImVec2 mouse) const {
  Hit hit;
  if (mouse.x < track_x0_ || mouse.x >= track_x1_) return hit;
  for (int block = 0; block < 2; ++block) {
    const float y = mouse.y - block_top_[block];
    if (y < 0 || y >= lane_h_ * static_cast<float>(rows_.size())) continue;
    hit.b = block == 1;
    hit.row = static_cast<std::size_t>(y / lane_h_);
  }
  if (!hit.row || *hit.row >= rows_.size()) return hit;
  const TimelineLayout& layout = hit.b ? layout_b_ : layout_a_;
  const std::size_t lane = rows_[*hit.row];
  if (lane >= layout.items().size()) return hit;
  const float x = mouse.x - track_x0_;
  float best = 1e9f;
  for (const TimelineItem& item : layout.items()[lane]) {
    const float x1 = item.kind == TimelineItemKind::Open ? track_width() + 8.0f : item.x1;
    const float pad = item.kind == TimelineItemKind::Tick ? 3.0f : 1.0f;
    if (x >= item.x0 - pad && x <= std::max(x1, item.x0 + 1.0f) + pad && x1 - item.x0 < best) {
      best = x1 - item.x0;  // the narrowest item under the cursor wins
      hit.item = &item;
    }
  }
  return hit;
}

void StackedTimelineView::seek_to(Workspace& ws, const Input& in, const Hit& hit, float x) {
  // A point event goes to its coded frame; elsewhere (bars cover whole lanes here) the click
  // goes to the moment under the cursor.
  if (hit.item && hit.item->kind == TimelineItemKind::Tick) {
    const Event* e = hit.b ? (in.b ? in.b->find(hit.item->id) : nullptr) : ws.model().find(hit.item->id);
    if (e && !hit.b) return ws.seek_to_event(*e);
    if (e) {  // coding B's event: its frame, without selecting it in this coding's list
      ws.clock().seek(ws.event_time(*e));
      return;
    }
  }
  ws.clock().seek(std::max<Micros>(0, layout_a_.time_at(x - track_x0_)));
}

void StackedTimelineView::handle_input(Workspace& ws, const Input& in, bool hovered) {
  const TimelineGestures::Track track{track_x0_, track_x1_, ruler_foot_};
  gestures_.wheel(window_, track, layout_a_, hovered);
  gestures_.pressed(window_, track);  // nothing here claims a press: read-only
  if (gestures_.update(ws.clock(), window_, track, layout_a_) == TimelineGestures::Outcome::Click)
    seek_to(ws, in, hit_test(ImVec2(gestures_.press_x(), gestures_.press_y())), gestures_.press_x());
}

// ---- drawing ----------------------------------------------------------------------------

void StackedTimelineView::draw(Workspace& ws, const Input& in, DisagreementSpans& spans, ImVec2 size) {
  const ImVec2 avail = ImGui::GetContentRegionAvail();
  if (size.x <= 0) size.x = avail.x;
  if (size.y <= 0) size.y = avail.y;
  size.x = std::max(size.x, 200.0f);
  size.y = std::max(size.y, 80.0f);
  if (!initialised_) {  // the whole compared stretch first
    const std::optional<Micros> duration = ws.clock().duration();
    const Micros span = in.duration > 0 ? in.duration : duration && *duration > 0 ? *duration : 60 * kMicrosPerSecond;
    window_.set(0, span);
    initialised_ = true;
  }

  const float text_h = ImGui::GetTextLineHeight();
  float label_w = 90.0f;  // the longest lane label (of the last frame's rows: a few, cheap)
  for (std::size_t l : rows_)
    if (l < layout_a_.lanes().size())
      label_w = std::max(label_w, ImGui::CalcTextSize(layout_a_.lanes()[l].label.c_str()).x + 14.0f);
  label_w = std::min(label_w, size.x * 0.3f);
  const ImVec2 origin = ImGui::GetCursorScreenPos();
  origin_x_ = origin.x;
  top_ = origin.y;
  bottom_ = origin.y + size.y;
  track_x0_ = origin.x + label_w;
  track_x1_ = origin.x + size.x;
  ruler_foot_ = origin.y + text_h + 8.0f;
  header_h_ = text_h + 6.0f;

  ImGui::InvisibleButton("##stacked", size);
  ImGui::SetItemUsingMouseWheel();
  const bool hovered = ImGui::IsItemHovered();
  handle_input(ws, in, hovered);
  const MediaClock& clock = ws.clock();
  gestures_.follow(window_, clock);

  layout_a_.update(ws.model(), window_.t0, window_.t1, track_width());
  if (in.b) layout_b_.update(*in.b, window_.t0, window_.t1, track_width());
  choose_rows(in, ws.scheme());
  const std::vector<DisagreementSpans::Span>& marks = spans.update(window_.t0, window_.t1, track_width());

  // Rows share what is left after the ruler, two headers and the gap, up to a comfortable height.
  const float rows = static_cast<float>(std::max<std::size_t>(rows_.size(), 1));
  const float room = bottom_ - ruler_foot_ - 2.0f * header_h_ - kGap - 2.0f;
  lane_h_ = std::clamp(room / (2.0f * rows), text_h + 2.0f, std::max(kMaxLane, text_h * 1.6f));  // labels stay readable
  block_top_[0] = ruler_foot_ + header_h_;
  block_top_[1] = block_top_[0] + rows * lane_h_ + kGap + header_h_;

  const Micros now = clock.position();
  ImDrawList& dl = *ImGui::GetWindowDrawList();
  dl.PushClipRect(origin, ImVec2(track_x1_, bottom_), true);
  dl.AddRectFilled(origin, ImVec2(track_x0_, bottom_), ImGui::GetColorU32(ImGuiCol_TitleBg));
  draw_block(dl, layout_a_, block_top_[0] - header_h_, now, marks);
  if (in.b) draw_block(dl, layout_b_, block_top_[1] - header_h_, now, marks);
  // The band between A and B: solid red where they disagree.
  const float band0 = block_top_[0] + rows * lane_h_ + 2.0f, band1 = band0 + kGap - 4.0f;
  dl.AddRectFilled(ImVec2(track_x0_, band0), ImVec2(track_x1_, band1), ImGui::GetColorU32(ImGuiCol_FrameBg));
  dl.PushClipRect(ImVec2(track_x0_, band0), ImVec2(track_x1_, band1), true);
  for (const DisagreementSpans::Span& s : marks)
    dl.AddRectFilled(ImVec2(track_x0_ + s.x0, band0), ImVec2(track_x0_ + std::max(s.x1, s.x0 + 1.0f), band1),
                     kDisagreeBand);
  dl.PopClipRect();
  timeline_paint::ruler(dl, layout_a_, track_x0_, track_x1_, top_, ruler_foot_, bottom_);
  const float x = x_of(now);
  if (x >= track_x0_ && x <= track_x1_) timeline_paint::playhead(dl, x, top_, bottom_);
  // The blocks' titles last: the playhead never covers them.
  dl.AddText(ImVec2(origin_x_ + 8.0f, block_top_[0] - header_h_ + 3.0f), ImGui::GetColorU32(ImGuiCol_Text),
             in.title_a.c_str());
  if (in.b)
    dl.AddText(ImVec2(origin_x_ + 8.0f, block_top_[1] - header_h_ + 3.0f), ImGui::GetColorU32(ImGuiCol_Text),
               in.title_b.c_str());
  dl.PopClipRect();
  if (hovered && gestures_.drag() == TimelineGestures::Drag::None) draw_tooltip(ws, in, spans, ImGui::GetIO().MousePos);
}

void StackedTimelineView::draw_block(ImDrawList& dl, const TimelineLayout& layout, float header_top, Micros now,
                                     const std::vector<DisagreementSpans::Span>& marks) const {
  const bool is_b = &layout == &layout_b_;
  const float top = header_top + header_h_;
  const float bottom = top + static_cast<float>(rows_.size()) * lane_h_;
  // The header (its title is drawn last) has a coloured tag so A and B are told apart at a glance.
  dl.AddRectFilled(ImVec2(origin_x_, header_top), ImVec2(track_x1_, top), ImGui::GetColorU32(ImGuiCol_Header));
  dl.AddRectFilled(ImVec2(origin_x_, header_top), ImVec2(origin_x_ + 4.0f, bottom), is_b ? kTagB : kTagA);
  dl.AddRectFilled(ImVec2(track_x0_, top), ImVec2(track_x1_, bottom), ImGui::GetColorU32(ImGuiCol_FrameBg));
  timeline_paint::LaneBlock block;
  block.label_x0 = origin_x_ + 4.0f;
  block.track_x0 = track_x0_;
  block.track_x1 = track_x1_;
  block.top = top;
  block.bottom = bottom;
  block.lane_h = lane_h_;
  block.lanes = rows_;
  timeline_paint::lanes(dl, layout, block, now);
  // Where the codings disagree: each compared row outlined in red over a light red tint, so
  // the codes' colours stay readable underneath.
  dl.PushClipRect(ImVec2(track_x0_, top), ImVec2(track_x1_, bottom), true);
  for (std::size_t r = 0; r < rows_.size(); ++r) {
    if (!compared_rows_[r]) continue;
    const float y0 = top + static_cast<float>(r) * lane_h_ + 1.0f, y1 = y0 + lane_h_ - 2.0f;
    for (const DisagreementSpans::Span& s : marks) {
      const float x0 = track_x0_ + s.x0, x1 = track_x0_ + std::max(s.x1, s.x0 + 1.0f);
      dl.AddRectFilled(ImVec2(x0, y0), ImVec2(x1, y1), kDisagree);
      dl.AddRect(ImVec2(x0, y0), ImVec2(x1, y1), kDisagreeEdge, 0.0f, 0, 2.0f);
    }
  }
  dl.PopClipRect();
}

void StackedTimelineView::draw_tooltip(const Workspace& ws, const Input& in, const DisagreementSpans& spans,
                                       ImVec2 mouse) const {
  const Hit hit = hit_test(mouse);
  if (!hit.row) return;
  const Scheme& scheme = ws.scheme();
  std::string text;
  if (hit.item) {
    const Event* e = hit.b ? (in.b ? in.b->find(hit.item->id) : nullptr) : ws.model().find(hit.item->id);
    if (e && hit.item->count == 1) {
      const Subject* subject = scheme.find_subject(e->subject);
      text = std::string(hit.b ? "B: " : "A: ") + code_name(scheme, e->code) + (subject ? " \u00b7 " + subject->name : "") +
             "\n" + format_clock(e->start) +
             (e->end && *e->end != e->start ? " \u2013 " + format_clock(*e->end) : e->is_open() ? " \u2013 running" : "");
    } else if (e) {
      text = std::to_string(hit.item->count) + " events from " + format_clock(e->start) + " (zoom in to see them)";
    }
  }
  if (in.disagreements && compared_rows_[*hit.row]) {
    const double us_per_px = static_cast<double>(window_.span()) / std::max(1.0, static_cast<double>(track_width()));
    const Micros t = layout_a_.time_at(mouse.x - track_x0_), slack = std::llround(2.0 * us_per_px);
    for (std::size_t i : spans.near(t - slack, t + slack, 3)) {
      if (i >= in.disagreements->size()) continue;
      const Disagreement& d = (*in.disagreements)[i];
      text += std::string(text.empty() ? "" : "\n") + "disagree " + format_clock(d.start) + " \u2013 " +
              format_clock(d.end) + ":  A " + code_name(scheme, d.code_a) + "  \u00b7  B " + code_name(scheme, d.code_b);
    }
  }
  if (text.empty()) text = format_clock(layout_a_.time_at(mouse.x - track_x0_)) + "  (click to seek)";
  ImGui::SetTooltip("%s", text.c_str());
}

}  // namespace attune
