#pragma once
// The database file's full check (PRAGMA quick_check, store/store.h) run once on another
// thread when the window opens a database, so a large file never delays the first frame
// (0.45 s for 250 MB read on the UI thread before). The start screen shows its result when it
// arrives; `attune-cli verify` runs the complete check on demand. No ImGui here.
#include <functional>
#include <future>
#include <string>

namespace attune {

class BackgroundFileCheck {
 public:
  // Starts the check of `path` on its own thread (its own read-only connection); `wake`
  // (e.g. glfwPostEmptyEvent) is called from that thread when it is done.
  void start(std::string path, std::function<void()> wake = nullptr);
  // Call once per frame: true on the call that collects the result.
  bool poll();
  bool running() const { return job_.valid(); }
  bool done() const { return done_; }
  bool damaged() const { return done_ && !ok_; }
  // One line for the screen: "" before start, "checking the database file…" while running,
  // then the result.
  const std::string& line() const { return line_; }

 private:
  std::string path_;
  std::future<std::string> job_;
  bool done_ = false, ok_ = false;
  std::string line_;
};

}  // namespace attune
