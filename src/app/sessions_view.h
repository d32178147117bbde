#pragma once
// The start screen: the project database's sessions with filters (dyad, coder, status,
// type), a form to create a session (recording metadata, scheme, video chosen in the
// in-app file browser), and scheme import with its validation problems shown.
#include <optional>
#include <string>
#include <vector>

#include "app/file_browser.h"
#include "store/store.h"

namespace attune {

class SessionsView {
 public:
  // Draws the screen; returns a session once the user opens one.
  std::optional<SessionId> draw(Store& store);
  // Reloads the rows from the store (after a change; never per frame).
  void refresh(Store& store);
  // A fresh, empty coding of the same recording by this user (blind: it starts with none of
  // the other coding's events), with the same scheme; what "New coding" does. Its id, or
  // nullopt with the reason in error().
  std::optional<SessionId> new_coding(Store& store, SessionId of);
  const std::string& error() const { return create_error_; }
  // One line shown under the title until a session opens (e.g. a code key pressed here).
  std::string notice;

 private:
  void draw_list(Store& store, std::optional<SessionId>& open);
  void draw_create(Store& store, std::optional<SessionId>& open);
  void draw_import(Store& store);

  struct Row {
    SessionInfo session;
    Recording recording;
  };
  bool loaded_ = false;
  std::vector<Row> rows_;
  std::vector<SchemeRow> schemes_;
  std::string filter_dyad_, filter_coder_, filter_type_;
  int filter_status_ = 0;  // 0 = any, else SessionStatus + 1

  // create form
  std::string dyad_, coder_, type_, video_;
  int child_age_months_ = 0;
  int scheme_index_ = 0;
  std::string create_error_;
  FileBrowser browser_;
  bool browsing_scheme_ = false;

  // import
  std::string import_path_;
  std::vector<std::string> import_problems_;
  std::string import_message_;
};

}  // namespace attune
