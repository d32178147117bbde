#pragma once
// The timeline widget: a ruler (mm:ss), one lane per subject × group with states as bars
// and points as ticks in their code's colour, episodes shaded across all lanes, the
// playhead and the selected event. Wheel zooms around the cursor, dragging the background
// (or shift+wheel) pans, a click seeks (empty space) or selects and seeks (an event),
// a seek that puts the playhead out of view (the event list, the keys) centres it,
// dragging a bar's edge previews the new time and commits one EditEvent on release, Escape
// cancels any drag (the gestures are shared with the stacked timeline: app/timeline_gestures.h).
// All view state lives in this object; the geometry comes from TimelineLayout (cached).
#include <cstddef>
#include <optional>
#include <utility>
#include <vector>

#include <imgui.h>

#include "app/logic/time_window.h"
#include "app/logic/timeline_layout.h"
#include "app/logic/workspace.h"
#include "app/timeline/timeline_gestures.h"

namespace attune {

class TimelineView {
 public:
  TimelineView() = default;

  // Draws at the cursor of the current ImGui window, `size` pixels (0 in a component: the
  // rest of the content region), handles the mouse and applies edits through `ws`.
  void draw(Workspace& ws, ImVec2 size = ImVec2(0, 0));

  // The view window [start, end) in microseconds.
  Micros view_start() const { return window_.t0; }
  Micros view_end() const { return window_.t1; }
  // Shows [start, end), clamped to a sane zoom; pauses following like a user pan does.
  void set_view(Micros start, Micros end);

  // Supervisor comments: a small flag on the ruler at each moment (sorted or not).
  void set_markers(std::vector<Micros> markers) { markers_ = std::move(markers); }
  const std::vector<Micros>& markers() const { return markers_; }

  // Keep the playhead in view while playing (unless the user panned in the last seconds).
  bool follow_playback() const { return follow_; }
  void set_follow_playback(bool follow) { follow_ = follow; }

  // Geometry of the last draw in screen pixels (for tests and for placing other widgets).
  float track_left() const { return track_min_.x; }
  float track_width() const { return track_max_.x - track_min_.x; }
  float track_top() const { return track_min_.y; }  // the ruler is the strip above it
  float x_of(Micros t) const { return track_min_.x + layout_.x_of(t); }
  float lane_center_y(std::size_t lane) const;
  float lane_scroll() const { return lane_scroll_; }  // pixels the lanes are scrolled up
  const TimelineLayout& layout() const { return layout_; }

 private:
  // Dragging a bar's edge: the timeline's own drag, claimed from the shared gestures.
  struct EdgeDrag {
    EventId id = 0;
    bool start_edge = false;   // which end of the bar moves
    Micros original = 0, preview = 0;
    Micros lo = 0;             // the preview stays within [lo, hi]
    std::optional<Micros> hi;
  };
  struct Hit {
    std::optional<std::size_t> lane;
    const TimelineItem* item = nullptr;
    bool edge = false, start_edge = false;
  };

  void handle_input(Workspace& ws, bool hovered);
  void reveal_playhead(const MediaClock& clock);
  Hit hit_test(ImVec2 mouse, Micros now) const;
  void begin_edge_drag(const Workspace& ws, const Hit& hit);
  void finish_edge_drag(Workspace& ws);
  bool editing() const { return gestures_.drag() == TimelineGestures::Drag::Owner; }
  TimelineGestures::Track track() const;

  void draw_lanes(ImDrawList& dl, Micros now) const;
  void draw_overlays(ImDrawList& dl, const Workspace& ws, Micros now) const;
  void draw_lane_scrollbar(ImDrawList& dl, float content_h) const;
  void draw_tooltip(const Workspace& ws, ImVec2 mouse, Micros now) const;

  TimelineLayout layout_;
  TimeWindow window_;
  bool initialised_ = false;
  bool follow_ = true;
  std::optional<Micros> last_now_;  // the playhead of the last frame: a jump out of view is followed
  TimelineGestures gestures_;  // wheel, click, pan, scrub, Escape, follow (as the stacked timeline)
  EdgeDrag edge_;
  EventId press_id_ = 0;  // the event under the press (0: empty space), for a click
  // Geometry of the current frame; lane tops are offsets below the track's top edge.
  ImVec2 origin_{0, 0}, track_min_{0, 0}, track_max_{0, 0};
  float lane_h_ = 18;
  float lane_scroll_ = 0;  // pixels the lanes are scrolled up (Ctrl+wheel) when they do not fit
  std::vector<float> lane_top_;
  std::vector<std::size_t> all_lanes_;  // 0 … lanes − 1: the one block this view paints
  std::vector<Micros> markers_;
};

}  // namespace attune
