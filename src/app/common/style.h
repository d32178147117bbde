#pragma once
// Colours and small drawing helpers shared by the views.
#include <imgui.h>

#include <string>

namespace attune::ui {

// "#rrggbb" -> ImU32 with this alpha; the grey of parse_color (app/timeline_layout.h) for
// anything else.
ImU32 color_of(const std::string& hex, float alpha = 1.0f);
ImVec4 color_vec(const std::string& hex, float alpha = 1.0f);
// The code's colour lifted toward white until it reads as text on the dark background.
ImVec4 text_color(const std::string& hex);
// Black or white, whichever reads better on `background`.
ImU32 text_on(const std::string& hex);

void apply_style(float scale);

}  // namespace attune::ui
