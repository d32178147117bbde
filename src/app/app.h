#pragma once
// The attune window: GLFW + OpenGL 3.3 + Dear ImGui, the start screen or the coding view,
// and a loop that sleeps until something happens (input, a new video frame).
#include <optional>
#include <string>
#include <vector>

#include "core/event.h"

namespace attune {

struct AppOptions {
  std::string db_path;               // "" -> default_database_path()
  std::optional<SessionId> session;  // open this session directly
  bool demo = false;                 // open (creating when missing) the demo session and its video
  std::string screenshot;            // write the window to this PNG after `frames` frames, then exit
  std::vector<std::string> show;     // views to open (parse_show_views): "start" stays on the start screen
  int frames = 30;
  int width = 1280, height = 800;
};

// Returns the process exit code.
int run_app(const AppOptions& options);

}  // namespace attune
