#pragma once
// Who is acting, on the start screen: "You are NAME" with Change…, and a small dialog that
// saves the name once in the user's config (store/user_config.h) and makes it the store's
// actor, so it is what the audit trail records. When no name is known at all the dialog
// opens by itself and cannot be dismissed: nothing is changed by "unknown".
#include <string>

#include "store/store.h"

namespace attune {

class UserNameView {
 public:
  // Draws the line and the dialog; true when the name changed this frame.
  bool draw(Store& store);
  // What the dialog's Save does (tests call it directly): saves `name`, sets store's actor.
  bool save(Store& store, const std::string& name);
  void request(const Store& store);  // opens the dialog with the current name
  bool asking() const { return asking_; }
  std::string& field() { return field_; }
  const std::string& error() const { return error_; }

 private:
  void draw_dialog(Store& store, bool& changed);
  bool asking_ = false, popup_open_ = false;
  std::string field_, error_;
};

}  // namespace attune
