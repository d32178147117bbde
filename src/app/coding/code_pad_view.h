#pragma once
// The code pad: the scheme's codes by group, each with its key and colour; the states
// running at the playhead's time highlighted with the time since they began (what is true
// at the frame on screen: before an open state's start it is not running); subjects to
// pick; the modifier prompt inline.
#include <functional>
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

  // The code buttons of a scheme by group, as the pad draws them (the scheme editor's
  // preview draws them too). `cell` gives a button's label and the state running under it
  // (nullptr: none); `widest` is widest_label_of(scheme). Returns the code clicked.
  struct Cell {
    std::string label;
    const Event* on = nullptr;
  };
  static const Code* draw_codes(const Scheme& scheme, float widest, const std::function<Cell(const Code&)>& cell);
  // The widest button label of a scheme, with room for a running time.
  static float widest_label_of(const Scheme& scheme);

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
