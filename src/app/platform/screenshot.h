#pragma once
#include <string>
#include <string_view>
#include <vector>

namespace attune {

// Writes the current GL back buffer (width × height) to a PNG file. Call after rendering,
// before swapping buffers. Returns false when the file cannot be written.
bool write_screenshot(const std::string& path, int width, int height);

// The screens `attune --show NAME[,NAME…]` opens, e.g. for the user guide's screenshots
// (docs/make-screenshots.sh): "start" stays on the start screen (no session is opened),
// "coding" is the coding view (the default), the others are the coding view's panels
// (CodingView::open_panels).
const std::vector<std::string_view>& show_view_names();
// The names of a comma-separated list, each one checked; an unknown name is an
// Error(InvalidInput) that lists the known ones.
std::vector<std::string> parse_show_views(const std::string& list);

}  // namespace attune
