#pragma once
// The event list: every event by time, clipped so only visible rows cost anything,
// following playback; click to seek. Double-click a cell to edit it in place (times and
// comment as text, code, subject and modifiers as choices): Enter or clicking away keeps
// the change, Esc drops it, and each kept change is one undo step. The selected event's
// ±1 frame nudge and Delete sit under the list.
// Events a supervisor commented on carry a flag (•) before their code; hover it to read.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "app/workspace.h"

namespace attune {

class EventListView {
 public:
  enum class Column { Start, End, Code, Subject, Modifiers, Comment };

  void draw(Workspace& ws);

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

  void draw_table(Workspace& ws, float height);
  void draw_cell(Workspace& ws, const Event& e, Column column);
  void draw_text_editor(Workspace& ws, const Event& e);
  void draw_choice_editor(Workspace& ws, const Event& e);
  void draw_actions(Workspace& ws, const Event& e);

  std::optional<CellEdit> edit_;
  std::optional<std::size_t> last_follow_row_;
  // Events with a supervisor comment (sorted), rebuilt when the comments change.
  std::vector<EventId> commented_;
  std::optional<std::uint64_t> commented_version_;
};

}  // namespace attune
