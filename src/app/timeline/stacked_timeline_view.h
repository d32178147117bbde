#pragma once
// Two codings of one recording on one time axis, for the comparison view: a ruler, then
// coding A's lanes, then coding B's lanes (the same lanes in the same order), the playhead
// across both, and where the two disagree a red outline over a light red tint on the
// compared lanes of both codings and a solid red band between the two blocks. Wheel zooms around the cursor, dragging pans (one window for both), a
// click seeks the video to the moment under the cursor (on a point event: to its coded
// frame), dragging the ruler scrubs, Escape cancels a drag (app/timeline_gestures.h).
// Read-only: nothing here edits a coding. Geometry comes from two cached TimelineLayouts
// and a cached DisagreementSpans, so a frame does not grow with the sessions.
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <imgui.h>

#include "app/logic/disagreement_spans.h"
#include "app/logic/time_window.h"
#include "app/logic/timeline_layout.h"
#include "app/logic/workspace.h"
#include "app/timeline/timeline_gestures.h"

namespace attune {

class StackedTimelineView {
 public:
  struct Input {
    const SessionModel* b = nullptr;  // coding B (coding A is ws.model())
    std::string title_a, title_b;     // "A  session 1 · ann (this coding)"
    std::string group;                // the compared group; "" = the point codes
    bool all_lanes = false;           // false: only the compared lanes
    const std::vector<Disagreement>* disagreements = nullptr;  // for tooltips; spans hold the geometry
    Micros duration = 0;  // what is compared: the first window shows all of it
  };

  // Draws at the cursor `size` pixels (0: the rest of the content region).
  void draw(Workspace& ws, const Input& in, DisagreementSpans& spans, ImVec2 size = ImVec2(0, 0));
  // The height that shows `rows` lanes per coding at a comfortable lane height, and the least
  // that keeps every lane label readable (lanes never get lower than a line of text).
  static float preferred_height(std::size_t rows);
  static float minimum_height(std::size_t rows);
  // Coding B was replaced by another model (another session): forget its cached layout.
  void reset_other() { layout_b_ = TimelineLayout{}; }

  // Shows [start, end) (clamped), as a user zoom does.
  void set_view(Micros start, Micros end) {
    window_.set(start, end);
    initialised_ = true;
    gestures_.note_user_move();
  }
  TimeWindow& window() { return window_; }
  const TimeWindow& window() const { return window_; }

  // Geometry of the last draw in screen pixels (tests and overlays).
  float track_left() const { return track_x0_; }
  float track_width() const { return track_x1_ - track_x0_; }
  float x_of(Micros t) const { return track_x0_ + layout_a_.x_of(t); }
  // The vertical centre of row `row` of coding A's (b = false) or B's block.
  float row_center_y(bool b, std::size_t row) const;
  const std::vector<std::size_t>& rows() const { return rows_; }        // layout lanes shown
  const std::vector<bool>& compared() const { return compared_rows_; }  // per shown row
  const TimelineLayout& layout_a() const { return layout_a_; }
  const TimelineLayout& layout_b() const { return layout_b_; }

 private:
  struct Hit {
    bool b = false;
    std::optional<std::size_t> row;
    const TimelineItem* item = nullptr;
  };

  static float height_for(std::size_t rows, float lane_h);
  void choose_rows(const Input& in, const Scheme& scheme);
  void handle_input(Workspace& ws, const Input& in, bool hovered);
  Hit hit_test(ImVec2 mouse) const;
  void seek_to(Workspace& ws, const Input& in, const Hit& hit, float x);
  void draw_block(ImDrawList& dl, const TimelineLayout& layout, float header_top, Micros now,
                  const std::vector<DisagreementSpans::Span>& spans) const;
  void draw_tooltip(const Workspace& ws, const Input& in, const DisagreementSpans& spans, ImVec2 mouse) const;

  TimelineLayout layout_a_, layout_b_;
  TimeWindow window_;
  bool initialised_ = false;
  TimelineGestures gestures_;  // wheel, click, pan, scrub, Escape, follow (as the coding timeline)

  // The rows shown and which of them are compared; rebuilt when the key changes.
  std::string rows_key_;
  std::vector<std::size_t> rows_;
  std::vector<bool> compared_rows_;

  // Geometry of the current frame.
  float origin_x_ = 0, top_ = 0, bottom_ = 0;
  float track_x0_ = 0, track_x1_ = 0;
  float ruler_foot_ = 0, header_h_ = 0, lane_h_ = 18;
  float block_top_[2] = {0, 0};  // the first row of A's and of B's block
};

}  // namespace attune
