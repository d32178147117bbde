#pragma once
// Review → Global ratings…: the session's ratings on its scheme's rating scales (e.g.
// sensitivity 1-9), one row of value buttons per scale with the anchors' words shown, so
// the rater reads the definition while choosing. Every change is a Workspace intent.
#include "app/logic/workspace.h"

namespace attune {

class RatingsView {
 public:
  bool open = false;
  void draw(Workspace& ws);
};

}  // namespace attune
