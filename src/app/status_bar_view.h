#pragma once
// The status bar: "all changes saved" (every change is already durable: there is no Save),
// the last refused change, the session status (approved: locked), the database path, the
// scheme name and version, and how frames are counted when it matters (a variable-rate
// video, its index still being read, or the index could not be read).
#include "app/workspace.h"

namespace attune {

class StatusBarView {
 public:
  void draw(Workspace& ws, float height);

 private:
  void draw_frames(const Workspace& ws);
};

}  // namespace attune
