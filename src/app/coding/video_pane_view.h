#pragma once
#include <string>
#include <utility>

// The video (or, for live observation, a large stopwatch) with its transport: play/pause,
// speed, frame and second steps, seek bar, time as hh:mm:ss.mmm and frame number, mute.
#include "app/common/file_browser.h"
#include "app/logic/workspace.h"

namespace attune {

class VideoPaneView {
 public:
  void draw(Workspace& ws);
  // True once after the user relinked the video: the window reopens the media.
  bool take_reopen_request() { return std::exchange(reopen_, false); }

 private:
  void draw_picture(Workspace& ws, float height);
  void draw_transport(Workspace& ws);
  void draw_relink(Workspace& ws);

  float seek_drag_ = -1.0f;  // seek bar value while dragging (seconds), -1 when idle
  FileBrowser browser_;
  std::string relink_path_, relink_message_;
  bool reopen_ = false;
};

}  // namespace attune
