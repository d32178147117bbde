#include "app/platform/screenshot.h"

#include <GL/gl.h>
#include <stb_image_write.h>  // implementation lives in Debian's libstb

#include <algorithm>
#include <vector>

namespace attune {

bool write_screenshot(const std::string& path, int width, int height) {
  std::vector<unsigned char> pixels(static_cast<std::size_t>(width) * static_cast<std::size_t>(height) * 4);
  glReadBuffer(GL_BACK);
  glPixelStorei(GL_PACK_ALIGNMENT, 1);
  glReadPixels(0, 0, width, height, GL_RGBA, GL_UNSIGNED_BYTE, pixels.data());
  // GL's rows run bottom-up; PNG's top-down.
  const std::size_t stride = static_cast<std::size_t>(width) * 4;
  std::vector<unsigned char> flipped(pixels.size());
  for (int y = 0; y < height; ++y)
    std::copy_n(pixels.data() + static_cast<std::size_t>(height - 1 - y) * stride, stride,
                flipped.data() + static_cast<std::size_t>(y) * stride);
  return stbi_write_png(path.c_str(), width, height, 4, flipped.data(), static_cast<int>(stride)) != 0;
}

}  // namespace attune
