#include "app/platform/screenshot.h"

#include <GL/gl.h>
#include <stb_image_write.h>  // implementation lives in Debian's libstb

#include <algorithm>
#include <vector>

#include "core/error.h"

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

const std::vector<std::string_view>& show_view_names() {
  // "schemes" opens the scheme editor on its Codes tab; "schemes:TAB" brings another tab forward.
  static const std::vector<std::string_view> names = {
      "start",    "coding",  "review",          "ratings",           "audit",           "compare",
      "all-lanes", "export", "keys",            "settings",          "display",         "schemes",
      "schemes:groups", "schemes:subjects", "schemes:modifiers", "schemes:ratings", "schemes:rules"};
  return names;
}

std::vector<std::string> parse_show_views(const std::string& list) {
  std::vector<std::string> out;
  std::size_t from = 0;
  while (from <= list.size()) {
    const std::size_t comma = std::min(list.find(',', from), list.size());
    const std::string name = list.substr(from, comma - from);
    from = comma + 1;
    if (name.empty()) continue;
    const auto& known = show_view_names();
    if (std::find(known.begin(), known.end(), name) == known.end()) {
      std::string all;
      for (std::string_view k : known) all += (all.empty() ? "" : ", ") + std::string(k);
      throw Error(ErrorKind::InvalidInput, "--show: no view '" + name + "' (views: " + all + ")");
    }
    out.push_back(name);
  }
  return out;
}

}  // namespace attune
