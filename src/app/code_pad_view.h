#pragma once
// The code pad: the scheme's codes by group, each with its key and colour; running states
// highlighted with their elapsed time; subjects to pick; the modifier prompt inline.
#include "app/keyboard_coder.h"
#include "app/workspace.h"

namespace attune {

class CodePadView {
 public:
  void draw(Workspace& ws, KeyboardCoder& coder);

 private:
  void draw_prompt(Workspace& ws, KeyboardCoder& coder);
  void draw_subjects(Workspace& ws, KeyboardCoder& coder);
};

}  // namespace attune
