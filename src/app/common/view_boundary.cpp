#include "app/common/view_boundary.h"

#include <imgui.h>
#include <imgui_internal.h>

#include <cstdarg>
#include <cstdio>

#include "app/logic/action.h"

namespace attune {

namespace {
void log_recovery(void*, const char* format, ...) {
  std::va_list args;
  va_start(args, format);
  std::fputs("attune: ", stderr);
  std::vfprintf(stderr, format, args);
  std::fputc('\n', stderr);
  va_end(args);
}
}  // namespace

bool draw_guarded(std::string_view name, const std::function<void()>& draw,
                  const std::function<void(const std::string&)>& report) {
  if (run_action(name, draw, report)) return true;
  ImGui::ErrorCheckEndFrameRecover(log_recovery, nullptr);  // Begin/Push… without their End/Pop
  return false;
}

}  // namespace attune
