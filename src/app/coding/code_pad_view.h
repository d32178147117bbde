#pragma once
// The code pad: the scheme's codes by group, each with its key and colour; the states
// running at the playhead's time highlighted with the time since they began (what is true
// at the frame on screen: before an open state's start it is not running); subjects to
// pick; the modifier prompt inline.
#include <string>

#include "app/logic/keyboard_coder.h"
#include "app/logic/workspace.h"
#include "core/running_states.h"

namespace attune {

class CodePadView {
 public:
  void draw(Workspace& ws, KeyboardCoder& coder);

  // The state of `code` (any of its subjects) running at time t, as the pad shows it.
  const Event* running(const Workspace& ws, const Code& code, Micros t);
  // The label of a code's button at time t ("[q] Positive  00:12").
  std::string label(const Workspace& ws, const Code& code, Micros t);

 private:
  void draw_prompt(Workspace& ws, KeyboardCoder& coder);
  void draw_subjects(Workspace& ws, KeyboardCoder& coder);

  // The widest button label (with a running time), measured once per scheme and font size.
  float widest_label(const Workspace& ws);

  RunningStates running_;
  const void* measured_scheme_ = nullptr;
  float measured_font_ = 0, widest_ = 0;
};

}  // namespace attune
