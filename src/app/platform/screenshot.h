#pragma once
#include <string>

namespace attune {

// Writes the current GL back buffer (width × height) to a PNG file. Call after rendering,
// before swapping buffers. Returns false when the file cannot be written.
bool write_screenshot(const std::string& path, int width, int height);

}  // namespace attune
