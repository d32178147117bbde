#pragma once
// The video (or, for live observation, a large stopwatch) with its transport: play/pause,
// speed, frame and second steps, seek bar, time as hh:mm:ss.mmm and frame number, mute.
#include "app/workspace.h"

namespace attune {

class VideoPaneView {
 public:
  void draw(Workspace& ws);

 private:
  void draw_picture(Workspace& ws, float height);
  void draw_transport(Workspace& ws);
  float seek_drag_ = -1.0f;  // seek bar value while dragging (seconds), -1 when idle
};

}  // namespace attune
