#pragma once
// The coding workspace: video and timeline on the left, code pad and event list on the
// right, the Edit menu's undo/redo labels, settings, the Review menu (review panel, audit
// trail, comparison with another coding), and the status bar. It owns the view
// objects and the keyboard coder; the data lives in the Workspace.
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "app/review/audit_view.h"
#include "app/coding/code_pad_view.h"
#include "app/review/comparison_view.h"
#include "app/settings/display_settings_view.h"
#include "app/coding/event_list_view.h"
#include "app/export/export_dialog.h"
#include "app/review/ratings_view.h"
#include "app/logic/key_map.h"
#include "app/review/review_view.h"
#include "app/logic/keyboard_coder.h"
#include "app/logic/key_queue.h"
#include "app/coding/keys_help_view.h"
#include "app/settings/settings_view.h"
#include "app/coding/status_bar_view.h"
#include "app/timeline/timeline_view.h"
#include "app/coding/video_pane_view.h"
#include "app/logic/workspace.h"
#include "app/schemes/scheme_editor_view.h"

namespace attune {

class CodingView {
 public:
  enum class Next { Stay, Sessions, Quit, ReopenMedia };

  // `key_queue`: every key the window received, in order (filled by GLFW's callbacks);
  // each frame takes and applies all of it.
  CodingView(Workspace& ws, KeyMap keys, std::string keys_path, KeyQueue& key_queue);
  // One frame: call between ImGui::NewFrame() and ImGui::Render().
  Next draw();

  KeyboardCoder& coder() { return coder_; }
  KeysHelpView& keys_help() { return help_; }
  KeyMap& keys() { return keys_; }
  Workspace& workspace() { return ws_; }
  ReviewView& review() { return review_; }
  ExportDialog& export_dialog() { return export_; }
  RatingsView& ratings() { return ratings_; }
  // Work running off the UI thread whose progress the window must keep drawing.
  bool background_work() const { return export_.busy(); }
  std::shared_ptr<ExportJob> running_export() const { return export_.running_job(); }
  AuditView& audit() { return audit_; }
  ComparisonView& comparison() { return comparison_; }
  SchemeEditorView& scheme_editor() { return schemes_; }
  const TimelineView& timeline() const { return timeline_; }
  // Opens the panels named (attune --show, see parse_show_views): "review", "ratings",
  // "audit", "compare" ("all-lanes": the comparison shows every lane), "export", "keys"
  // (the keyboard shortcuts), "settings" (Settings → Keys), "display", "schemes" (the scheme
  // editor; "schemes:rules" and the like with that tab in front); other names are not
  // panels and change nothing. Used to picture them (docs/make-screenshots.sh).
  void open_panels(const std::vector<std::string>& names);
  // The window's display settings (owned by the window, which applies them between
  // frames) and where Settings → Display… saves them.
  void set_display(DisplaySettings* settings, std::string save_path) {
    display_ = settings;
    display_path_ = std::move(save_path);
  }

 private:
  Next draw_menu();
  Next handle_window_keys(const std::vector<KeyInput>& input, bool keys_free);
  void draw_review_menu();
  void update_markers();

  Workspace& ws_;
  KeyMap keys_;
  std::string keys_path_;
  KeyQueue& key_queue_;
  KeyboardCoder coder_;
  CodePadView pad_;
  EventListView list_;
  VideoPaneView video_;
  TimelineView timeline_;
  StatusBarView status_;
  SettingsView settings_;
  ReviewView review_;
  ExportDialog export_;
  RatingsView ratings_;
  AuditView audit_;
  ComparisonView comparison_;
  KeysHelpView help_;
  SchemeEditorView schemes_;
  std::optional<std::uint64_t> markers_version_;
  DisplaySettings* display_ = nullptr;
  std::string display_path_;
  DisplaySettingsView display_view_;
};

}  // namespace attune
