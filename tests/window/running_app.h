#pragma once
// The attune window started by a test. A failed REQUIRE leaves the test case early: the
// destructor kills the window then, or ctest would wait for it (it holds the output pipe).
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>

#include <string>
#include <vector>

extern char** environ;

namespace attune::test {

class RunningApp {
 public:
  // Starts args[0] with args; pid() is 0 when it could not be started.
  explicit RunningApp(std::vector<std::string> args) {
    std::vector<char*> argv;
    for (auto& a : args) argv.push_back(a.data());
    argv.push_back(nullptr);
    if (posix_spawn(&pid_, argv[0], nullptr, nullptr, argv.data(), environ) != 0) pid_ = 0;
  }
  RunningApp(const RunningApp&) = delete;
  RunningApp& operator=(const RunningApp&) = delete;
  ~RunningApp() {
    if (pid_ > 0) stop(SIGKILL);
  }
  pid_t pid() const { return pid_; }
  // Sends `signal` and waits for the window to end; its wait status.
  int stop(int signal) {
    int status = 0;
    kill(pid_, signal);
    waitpid(pid_, &status, 0);
    pid_ = 0;
    return status;
  }

 private:
  pid_t pid_ = 0;
};

}  // namespace attune::test
