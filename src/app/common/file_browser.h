#pragma once
// A small in-app file chooser (no native dialog exists under Xvfb or in every desktop):
// folders and files of one directory, filtered by extension, and a path field to type or
// paste a folder (Enter lists it) or a file (Enter chooses it, whatever its extension).
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
  // What Enter in the path field does (tests call it directly): a folder is listed; a file is
  // chosen (draw() returns it, the chooser closes) and true returned; anything else sets error().
  bool go_to(const std::string& path);
  const std::string& folder() const { return folder_; }
  const std::string& error() const { return error_; }

 private:
  void list(const std::string& folder);

  bool open_ = false;
  bool just_opened_ = false;
  std::string folder_;
  std::string typed_;  // the path field
  std::optional<std::string> pending_;  // chosen through go_to, returned by the next draw()
  std::vector<std::string> extensions_;
  std::vector<std::pair<std::string, bool>> entries_;  // name, is folder
  std::string error_;
};

}  // namespace attune
