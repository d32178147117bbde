#pragma once
// The status bar: "all changes saved" (every change is already durable: there is no Save),
// the last refused change or key, the keyboard coder's note, the session status (approved:
// locked), the database path, the scheme name and version, and how frames are counted when it
// matters (a variable-rate video, its index still being read, or the index could not be read).
#include "app/logic/keyboard_coder.h"
#include "app/logic/workspace.h"

namespace attune {

class StatusBarView {
 public:
  // `coder`: its note (a key applied, but not quite as pressed) shows until the next one.
  void draw(Workspace& ws, float height, KeyboardCoder& coder);

 private:
  void draw_frames(const Workspace& ws);
};

}  // namespace attune
