#pragma once
// The event list: every event by time (or only one code's and/or subject's: the filter
// above it), clipped so only visible rows cost anything, following playback and the
// selection; click to select and seek. Double-click a cell to edit it in place (times as
// seconds or as the list shows them, 00:00:04.500; comment as text; code, subject and
// modifiers as choices): Enter or clicking away keeps the change, Esc drops it, each kept
// change is one undo step and the video goes to the edited event. Above the list: previous
// / next event (of any code, or of the selected event's code; also by key) and a go-to-time
// field. The selected event's ±1 frame nudge and Delete sit under the list. Columns start
// as wide as their widest content (measured once per scheme and font size).
// Events a supervisor commented on carry a flag (•) before their code; hover it to read.
#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "app/logic/event_rows.h"
#include "app/logic/key_map.h"
#include "app/logic/workspace.h"

namespace attune {

class EventListView {
 public:
  enum class Column { Start, End, Code, Subject, Modifiers, Comment };

  void draw(Workspace& ws);
  // The previous/next-event actions (Action::PrevEvent … NextSameCode), as the keyboard
  // coder hands them over in the order the keys arrived.
  void handle_action(Workspace& ws, Action action);

  // Selects the next (direction > 0) or previous shown event and seeks the video to it:
  // from the selected event when the playhead is on it, else from the playhead; with
  // `same_code`, only events of the selected event's code. False when there is none.
  bool step(Workspace& ws, int direction, bool same_code);
  // The go-to field: seeks to a typed time (seconds, MM:SS.mmm or HH:MM:SS.mmm) and brings
  // that row into view. A bad time is reported on the status bar; false.
  bool go_to(Workspace& ws, const std::string& text);

  // Only the events of this code and/or subject ("" = all); plain data, applied next frame.
  EventFilter filter;
  const EventRows& rows() const { return rows_; }

  // Widths: what each column needs for its widest content (its header included), and what
  // the table gave it in the last frame.
  float content_width(Column column) const { return content_[static_cast<std::size_t>(column)]; }
  float column_width(Column column) const { return given_[static_cast<std::size_t>(column)]; }
  // The table's vertical scroll in the last frame (tests: the list follows the selection).
  float scroll_y() const { return scroll_y_; }
  float row_height() const { return row_height_; }
  // Screen y of the middle of a row in the last frame (tests click rows with it).
  float row_center_y(std::size_t row) const { return rows_top_ + (static_cast<float>(row) + 0.5f) * row_height_; }

  // Starts editing one cell of an event (what a double-click does; tests call it directly).
  void begin_edit(const Workspace& ws, EventId id, Column column);
  bool editing() const { return edit_.has_value(); }

 private:
  struct CellEdit {
    EventId id = 0;
    Column column = Column::Start;
    std::string text;     // the text being typed (Start, End, Comment)
    bool focus = true;    // give the field the keyboard on its first frame
    bool popup = false;   // the choice popup was opened (Code, Subject, Modifiers)
  };

  void draw_toolbar(Workspace& ws);
  void measure(const Workspace& ws);
  void draw_table(Workspace& ws, float height);
  void draw_cell(Workspace& ws, const Event& e, Column column);
  void draw_text_editor(Workspace& ws, const Event& e);
  void draw_choice_editor(Workspace& ws, const Event& e);
  void draw_actions(Workspace& ws, const Event& e);
  void follow_edit(Workspace& ws, EventId id);

  std::optional<CellEdit> edit_;
  EventRows rows_;
  std::string goto_text_;
  std::string note_;  // "no later event" and the like, beside the buttons
  std::optional<EventId> shown_selection_;    // the selection the list last brought into view
  std::optional<std::size_t> scroll_to_row_;  // a row to bring into view in the next table draw
  // Column widths by content, for the scheme and font size they were measured with.
  const void* measured_scheme_ = nullptr;
  float measured_font_ = 0;
  std::array<float, 6> content_{}, given_{};
  float scroll_y_ = 0, row_height_ = 0, rows_top_ = 0;
  std::optional<std::size_t> last_follow_row_;
  // Events with a supervisor comment (sorted), rebuilt when the comments change.
  std::vector<EventId> commented_;
  std::optional<std::uint64_t> commented_version_;
};

}  // namespace attune
