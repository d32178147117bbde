#pragma once
// The coding workspace: video and timeline on the left, code pad and event list on the
// right, the Edit menu's undo/redo labels, settings, and the status bar. It owns the view
// objects and the keyboard coder; the data lives in the Workspace.
#include <memory>
#include <string>

#include "app/code_pad_view.h"
#include "app/event_list_view.h"
#include "app/key_map.h"
#include "app/keyboard_coder.h"
#include "app/settings_view.h"
#include "app/status_bar_view.h"
#include "app/timeline_view.h"
#include "app/video_pane_view.h"
#include "app/workspace.h"

namespace attune {

class CodingView {
 public:
  enum class Next { Stay, Sessions, Quit, ReopenMedia };

  CodingView(Workspace& ws, KeyMap keys, std::string keys_path);
  // One frame: call between ImGui::NewFrame() and ImGui::Render().
  Next draw();

  KeyboardCoder& coder() { return coder_; }
  Workspace& workspace() { return ws_; }

 private:
  Next draw_menu();

  Workspace& ws_;
  KeyMap keys_;
  std::string keys_path_;
  KeyboardCoder coder_;
  CodePadView pad_;
  EventListView list_;
  VideoPaneView video_;
  TimelineView timeline_;
  StatusBarView status_;
  SettingsView settings_;
};

}  // namespace attune
