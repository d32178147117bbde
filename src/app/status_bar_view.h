#pragma once
// The status bar: "all changes saved" (every change is already durable: there is no Save),
// the last refused change or key, the keyboard coder's note, the session status (approved:
// locked), the database path, the scheme name and version.
#include "app/keyboard_coder.h"
#include "app/workspace.h"

namespace attune {

class StatusBarView {
 public:
  // `coder`: its note (a key applied, but not quite as pressed) shows until the next one.
  void draw(Workspace& ws, float height, KeyboardCoder& coder);
};

}  // namespace attune
