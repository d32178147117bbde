#pragma once
// The window's last line of defence around drawing a screen (the start screen, the coding
// view): an action inside a view that still throws (a store read a view forgot to guard)
// ends that frame's drawing of the view, not the window. ImGui's window, ID and style stacks
// are unwound (ErrorCheckEndFrameRecover) so the next frame starts clean, and the message
// goes where the user looks. Views still guard their own actions with run_action
// (app/action.h): this catches what they missed.
#include <functional>
#include <string>
#include <string_view>

namespace attune {

// Call between ImGui::NewFrame and ImGui::Render. True when `draw` finished.
bool draw_guarded(std::string_view name, const std::function<void()>& draw,
                  const std::function<void(const std::string&)>& report);

}  // namespace attune
