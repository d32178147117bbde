#pragma once
// The start screen: who is acting (UserNameView), the project database's sessions with
// filters (dyad, coder, status, type); a click chooses a session, a double-click opens it, and
// Open, New coding (a blind recoding) and Delete… (after a confirmation; see
// Store::delete_session) act on the chosen one; beside them the New session form
// (SessionForm) and the coding schemes (SchemePanel).
#include <optional>
#include <string>
#include <vector>

#include <imgui.h>

#include "app/start/scheme_panel.h"
#include "app/start/session_form.h"
#include "app/start/user_name_view.h"
#include "store/store.h"

namespace attune {

class SessionsView {
 public:
  // Draws the screen; returns a session once the user opens one.
  std::optional<SessionId> draw(Store& store);
  // Reloads the rows from the store (after a change; never per frame). A failure to read
  // them (say the database is locked past its timeout) is shown as error(); Reload retries.
  void refresh(Store& store);
  // Shows a failed action's one line where the list's messages go (the window's boundary
  // for actions started from here, e.g. opening a session whose scheme no longer loads).
  void report(std::string message) { error_ = std::move(message); }
  // A fresh, empty coding of the same recording by this user (blind: it starts with none of
  // the other coding's events), with the same scheme; what "New coding" does. Its id, or
  // nullopt with the reason in error().
  std::optional<SessionId> new_coding(Store& store, SessionId of);
  const std::string& error() const { return error_; }

  // Delete…: asks first; delete_session() is what the confirmation's Delete does.
  void request_delete(Store& store, SessionId id);
  std::optional<SessionId> delete_requested() const { return delete_; }
  bool delete_session(Store& store);
  // Whether this user may delete the session (the store's rule, for the button's state).
  bool may_delete(const Store& store, const SessionInfo& s) const;

  SessionForm& form() { return form_; }
  SchemePanel& schemes() { return scheme_panel_; }
  UserNameView& user() { return user_; }
  // Where a visible row (Button::Row) or, for the selected session, a button acting on it was
  // drawn in the last frame (screen coordinates of the centre), so tests can click them.
  enum class Button { Row, Open, NewCoding, Delete };
  std::optional<ImVec2> button_center(SessionId id, Button which) const;
  std::optional<SessionId> selected() const { return selected_; }
  // One line shown by the title until a session opens (e.g. a code key pressed here).
  std::string notice;
  // The background check of the database file (BackgroundFileCheck::line()), shown beside
  // its path; `file_damaged` shows it as an error.
  std::string file_check;
  bool file_damaged = false;

 private:
  void draw_list(Store& store, std::optional<SessionId>& open);
  void draw_delete_dialog(Store& store);

  // One session's row with every text it draws made once, when the rows are read: the
  // frame draws only the visible rows (ImGuiListClipper) and copies no string.
  struct Row {
    SessionInfo session;
    Recording recording;
    std::string id_text, scheme_text, status_text, modified_text;
    std::string dyad_lower, coder_lower, type_lower;  // what the filters match against
  };
  // The rows the filters let through (indices into rows_), recomputed when a filter or the
  // rows change, not per frame.
  void refilter();
  std::vector<std::size_t> shown_;
  std::string shown_dyad_, shown_coder_, shown_type_;
  int shown_status_ = -1;
  bool shown_stale_ = true;
  struct Spot {
    SessionId id;
    Button which;
    ImVec2 center;
  };
  bool loaded_ = false;
  std::vector<Row> rows_;
  std::vector<SchemeRow> schemes_;
  bool may_supervise_ = true;
  std::string filter_dyad_, filter_coder_, filter_type_;
  int filter_status_ = 0;  // 0 = any, else SessionStatus + 1
  std::optional<SessionId> selected_;
  std::vector<Spot> spots_;
  std::string error_;

  std::optional<SessionId> delete_;
  std::string delete_what_;  // "session 7 (dyad D-1, coder ann, 12 events)"
  bool delete_popup_open_ = false;

  SessionForm form_;
  SchemePanel scheme_panel_;
  UserNameView user_;
};

}  // namespace attune
