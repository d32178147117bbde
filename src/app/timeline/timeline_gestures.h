#pragma once
// The mouse gestures both timelines share (the coding view's and the comparison's stacked
// one), written once: on the item just submitted (the timeline's InvisibleButton)
//   wheel        zooms around the cursor; Shift or a horizontal wheel pans
//   press        on the ruler scrubs the video while held; on the track it is a click
//                (released before the drag threshold) or, past it, a pan of the window;
//                the owner may claim a press for a drag of its own (the coding timeline's
//                bar edges) and is told when that drag moves, ends or is cancelled
//   Escape       cancels any drag: the window goes back where it was, the release does nothing
//   follow       while the video plays and no drag is on, the window keeps the playhead in
//                view, except within 3 s of the user's own pan or zoom
#include <optional>

#include <imgui.h>

#include "app/logic/time_window.h"
#include "app/logic/timeline_layout.h"
#include "media/clock.h"

namespace attune {

class TimelineGestures {
 public:
  enum class Drag { None, Pending, Pan, Ruler, Owner };
  // This frame's geometry in screen pixels: the track's left and right, the ruler's foot.
  struct Track {
    float x0 = 0, x1 = 0, ruler_foot = 0;
    float width() const { return x1 - x0; }
  };
  enum class Outcome { None, Click, OwnerDrag, OwnerRelease, Cancelled };

  // The wheel over the hovered timeline (not during the owner's drag). Whether it moved.
  bool wheel(TimeWindow& window, const Track& track, const TimelineLayout& layout, bool hovered);
  // A press that began this frame on the track below the ruler: the owner may claim() it.
  // (A press on the ruler starts scrubbing by itself.)
  bool pressed(const TimeWindow& window, const Track& track);
  void claim() { drag_ = Drag::Owner; }
  // Moves a pan or a scrub, handles Escape and the release. Click: a press released in
  // place (at press_x/press_y). OwnerDrag: the owner's drag moved (moved_us() from the
  // press); OwnerRelease: it ended (commit it); Cancelled: Escape dropped it.
  Outcome update(MediaClock& clock, TimeWindow& window, const Track& track, const TimelineLayout& layout);
  // Keeps the playhead in view while playing (see above); `enabled` = the owner's setting.
  void follow(TimeWindow& window, const MediaClock& clock, bool enabled = true) const;

  Drag drag() const { return drag_; }
  float press_x() const { return press_x_; }
  float press_y() const { return press_y_; }
  Micros moved_us() const;  // the horizontal mouse movement since the press, in µs at the press's scale
  void note_user_move();    // a pan or zoom by other means (set_view): pauses following
  bool moved_recently() const;

 private:
  Drag drag_ = Drag::None;
  float press_x_ = 0, press_y_ = 0;
  double us_per_px_ = 0;  // the scale when the button went down
  Micros pan_t0_ = 0;     // the window's start when the button went down
  double last_user_move_ = -1e9;  // ImGui time of the last pan or zoom by the user
};

}  // namespace attune
