#pragma once
// The review panel: the session's status (coding → submitted → reviewed → approved) with
// the moves the store allows, unlocking an approved session with a reason, marking the
// master coding, and the supervisor's comments (add at the playhead, on the selected
// event or on the session; click one to seek there). Every change is a Workspace intent.
#include <string>

#include "app/workspace.h"

namespace attune {

class ReviewView {
 public:
  bool open = false;
  void draw(Workspace& ws);

  // The buttons' intents (tests drive them directly). Each returns whether it was done;
  // a refusal is kept in message() (and the status bar shows the store's words).
  bool change_status(Workspace& ws, SessionStatus to);
  void request_unlock();  // opens the reason dialog
  bool unlock_requested() const { return unlock_requested_; }
  std::string& unlock_reason() { return reason_; }
  bool confirm_unlock(Workspace& ws);  // with unlock_reason(); refused while it is blank
  std::string& comment_text() { return comment_; }
  enum class CommentOn { Moment, SelectedEvent, Session };
  bool add_comment(Workspace& ws, CommentOn on);
  const std::string& message() const { return message_; }

 private:
  void draw_status(Workspace& ws);
  void draw_unlock_dialog(Workspace& ws);
  void draw_comments(Workspace& ws);
  bool done(const Workspace& ws, bool ok);

  bool unlock_requested_ = false;
  bool unlock_popup_open_ = false;
  std::string reason_, comment_, message_;
};

}  // namespace attune
