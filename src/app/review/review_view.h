#pragma once
// The review panel: the session's status (coding → submitted → reviewed → approved) with
// the moves the store allows, unlocking an approved session with a reason, marking the
// master coding, and the supervisor's comments (add at the playhead, on the selected
// event or on the session; click one to seek there; edit or delete one). Every change is a
// Workspace intent.
#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include <imgui.h>

#include "app/logic/workspace.h"

namespace attune {

class ReviewView {
 public:
  // Shown under the status: in a local file a role is a name, and anyone can give any name.
  static constexpr const char* kRolesNote =
      "Roles are not checked in a local file: anyone here can give any name, a supervisor's too (a team server "
      "will check them).";

  bool open = false;
  void draw(Workspace& ws);

  // The buttons' intents (tests drive them directly). Each returns whether it was done;
  // a refusal is kept in message() (and the status bar shows the store's words).
  // Approving a session with running (open) states asks first: change_status then returns
  // false and approve_confirmation() lists them ("Bid, Child, from 0:01.000") until
  // approve_anyway() or cancel_approve().
  bool change_status(Workspace& ws, SessionStatus to);
  const std::vector<std::string>& approve_confirmation() const { return running_; }
  bool approve_anyway(Workspace& ws);
  void cancel_approve() { running_.clear(); }
  void request_unlock();  // opens the reason dialog
  bool unlock_requested() const { return unlock_requested_; }
  std::string& unlock_reason() { return reason_; }
  bool confirm_unlock(Workspace& ws);  // with unlock_reason(); refused while it is blank
  std::string& comment_text() { return comment_; }
  enum class CommentOn { Moment, SelectedEvent, Session };
  bool add_comment(Workspace& ws, CommentOn on);
  // Editing a comment in place (the row becomes a text field with Save / Cancel) and
  // deleting one after a confirmation; both are audited by the store with old and new values.
  void begin_edit(const SessionComment& comment);
  std::optional<std::int64_t> editing() const { return editing_; }
  std::string& edit_text() { return edit_text_; }
  bool save_edit(Workspace& ws);  // refused while the text is blank
  void cancel_edit() { editing_.reset(); }
  void request_delete(std::int64_t id);  // opens the confirmation
  std::optional<std::int64_t> delete_requested() const { return delete_; }
  bool confirm_delete(Workspace& ws);
  void cancel_delete() { delete_.reset(); }
  const std::string& message() const { return message_; }
  // Where a status button ("Approve", "Unlock…", …) was drawn in the last frame (the centre,
  // in screen coordinates), so tests can click it; every one keeps its own place.
  std::optional<ImVec2> button_center(const std::string& label) const;

 private:
  void draw_status(Workspace& ws);
  void draw_unlock_dialog(Workspace& ws);
  void draw_comments(Workspace& ws);
  void draw_comment_row(Workspace& ws, const SessionComment& c);
  void draw_delete_dialog(Workspace& ws);
  void draw_approve_dialog(Workspace& ws);
  bool done(const Workspace& ws, bool ok);

  bool unlock_requested_ = false;
  bool unlock_popup_open_ = false;
  bool delete_popup_open_ = false;
  bool approve_popup_open_ = false;
  std::vector<std::string> running_;  // the open states an approval waits on
  std::vector<std::pair<std::string, ImVec2>> spots_;
  bool save_now_ = false;  // Save pressed or Enter in the edit field: done after the table
  std::optional<std::int64_t> editing_, delete_;
  std::string reason_, comment_, edit_text_, message_;
};

}  // namespace attune
