#pragma once
// The start screen's coding schemes: the schemes shipped with Attune, each added with one
// click when the database lacks it, and a scheme file imported as soon as it is picked in the
// file browser (or typed and Enter pressed), with every validation problem on its own line.
#include <string>
#include <vector>

#include "app/common/file_browser.h"
#include "store/store.h"

namespace attune {

class SchemePanel {
 public:
  // Draws the panel; true when a scheme was added (the caller re-reads the schemes).
  bool draw(Store& store, const std::vector<SchemeRow>& stored);

  // What the buttons do (tests drive these directly); true when a scheme was stored.
  bool add_shipped(Store& store, std::size_t index);
  bool import_file(Store& store, const std::string& path);
  std::string& path() { return path_; }
  const std::string& message() const { return message_; }
  const std::vector<std::string>& problems() const { return problems_; }
  FileBrowser& browser() { return browser_; }

 private:
  std::string path_;
  std::vector<std::string> problems_;
  std::string message_;
  FileBrowser browser_;
};

}  // namespace attune
