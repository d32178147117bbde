#pragma once
// A small in-app file chooser (no native dialog exists under Xvfb or in every desktop):
// folders and files of one directory, filtered by extension.
#include <optional>
#include <string>
#include <vector>

namespace attune {

class FileBrowser {
 public:
  // Opens the chooser at `folder` for files ending in one of `extensions` (".mp4", …).
  void open(const std::string& folder, std::vector<std::string> extensions);
  // Draws the modal when open; returns the chosen file once.
  std::optional<std::string> draw(const char* title);
  bool is_open() const { return open_; }

 private:
  void list(const std::string& folder);

  bool open_ = false;
  bool just_opened_ = false;
  std::string folder_;
  std::vector<std::string> extensions_;
  std::vector<std::pair<std::string, bool>> entries_;  // name, is folder
  std::string error_;
};

}  // namespace attune
