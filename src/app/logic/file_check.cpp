#include "app/logic/file_check.h"

#include <chrono>
#include <iostream>

#include "app/logic/action.h"
#include "store/store.h"

namespace attune {

void BackgroundFileCheck::start(std::string path, std::function<void()> wake) {
  path_ = std::move(path);
  done_ = ok_ = false;
  line_ = "checking the database file…";
  job_ = std::async(std::launch::async, [path = path_, wake = std::move(wake)] {
    struct Wake {  // also when the check throws: the UI thread collects the error
      const std::function<void()>& wake;
      ~Wake() {
        if (wake) wake();
      }
    } waker{wake};
    return quick_check_file(path);
  });
}

bool BackgroundFileCheck::poll() {
  if (!job_.valid() || job_.wait_for(std::chrono::seconds(0)) != std::future_status::ready) return false;
  done_ = true;
  std::string result;
  const bool read = run_action("Checking the database file", [&] { result = job_.get(); },
                               [&](const std::string& message) { line_ = message; });
  ok_ = read && result == "ok";
  if (ok_) {
    line_ = "database file checked: ok";
  } else if (read) {
    line_ = "the database file is damaged (quick_check: " + result +
            "): keep a copy, run attune-cli verify, and restore a backup (docs/files-and-backups.md)";
    std::cerr << "attune: " << path_ << ": " << line_ << '\n';
  }
  return true;
}

}  // namespace attune
