#pragma once
// The event list: every event by time, clipped so only visible rows cost anything,
// following playback; click to seek; the selected event is edited in place below it.
// Events a supervisor commented on carry a flag (•) before their code; hover it to read.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "app/workspace.h"

namespace attune {

class EventListView {
 public:
  void draw(Workspace& ws);

 private:
  void draw_table(Workspace& ws, float height);
  void draw_editor(Workspace& ws, const Event& event);
  void load_buffers(const Event& event);

  // Edit buffers of the selected event, refreshed when the selection or the data changes.
  std::optional<EventId> buffer_event_;
  std::uint64_t buffer_version_ = 0;
  std::string start_text_, end_text_, comment_text_;
  std::optional<std::size_t> last_follow_row_;
  // Events with a supervisor comment (sorted), rebuilt when the comments change.
  std::vector<EventId> commented_;
  std::optional<std::uint64_t> commented_version_;
};

}  // namespace attune
