#pragma once
// Runs a program (no shell) and captures its exit code, stdout and stderr: the CLI tests
// run the real attune-cli binary.
#include <string>
#include <vector>

namespace attune::test {

struct ProcessResult {
  int exit_code = -1;
  std::string out;
  std::string err;
};

ProcessResult run_process(const std::vector<std::string>& argv, const std::vector<std::string>& extra_env = {});

// A fresh private folder under /tmp, removed when the object goes away.
class TempDir {
 public:
  TempDir();
  ~TempDir();
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  const std::string& path() const { return path_; }
  std::string file(const std::string& name) const { return path_ + "/" + name; }

 private:
  std::string path_;
};

// `argv` run as an unprivileged user (nobody, through setpriv) when the tests run as root,
// who ignores file permissions, after handing the folder `tree` (and everything in it) to that
// user; `argv` unchanged otherwise. For tests of read-only files and folders.
std::vector<std::string> unprivileged(std::vector<std::string> argv, const std::string& tree);

std::string read_file(const std::string& path);
void write_file(const std::string& path, const std::string& text);

}  // namespace attune::test
