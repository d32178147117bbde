#pragma once
// The status bar: "all changes saved" (every change is already durable: there is no Save),
// the last refused change, the session status (approved: locked), the database path, the
// scheme name and version.
#include "app/workspace.h"

namespace attune {

class StatusBarView {
 public:
  void draw(Workspace& ws, float height);
};

}  // namespace attune
