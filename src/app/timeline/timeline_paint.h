#pragma once
// Painting a TimelineLayout with ImGui's draw list (the second of Tracy's two passes): the
// ruler and blocks of lanes. Shared by the coding timeline (one block of every lane) and the
// comparison's stacked timelines (coding A's block above coding B's). Input handling, view
// state and overlays stay with the views.
#include <cstddef>
#include <cstdint>
#include <span>

#include <imgui.h>

#include "app/logic/timeline_layout.h"

namespace attune::timeline_paint {

inline std::uint32_t with_alpha(std::uint32_t color, std::uint32_t alpha) {
  return (color & 0x00FFFFFFu) | (alpha << 24);
}

// Labelled ticks (m:ss) in the ruler band [track_x0, track_x1) × [top, foot), and faint grid
// lines from the foot down to `grid_bottom`, for the layout's window.
void ruler(ImDrawList& dl, const TimelineLayout& layout, float track_x0, float track_x1, float top, float foot,
           float grid_bottom);

// Rows of lanes: row r is the layout's lane lanes[r], `lane_h` tall from `top`; its label sits
// in [label_x0, track_x0 − 4) and its items on the track [track_x0, track_x1). Drawing is
// clipped to [top, bottom). Episode lanes also shade the whole block behind the events.
// The caller paints the backgrounds.
struct LaneBlock {
  float label_x0 = 0;
  float track_x0 = 0, track_x1 = 0;
  float top = 0, bottom = 0;
  float lane_h = 18;
  std::span<const std::size_t> lanes;
};

// `now` ends running states; the item of event `hidden` (a bar being dragged) is skipped.
void lanes(ImDrawList& dl, const TimelineLayout& layout, const LaneBlock& block, Micros now, EventId hidden = 0);

// The playhead from `top` to `bottom` at x, with its handle at the top.
void playhead(ImDrawList& dl, float x, float top, float bottom);

}  // namespace attune::timeline_paint
