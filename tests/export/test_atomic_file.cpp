// AtomicFile: the target appears only when complete, private, and never half written.
#include <doctest/doctest.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <csignal>
#include <filesystem>

#include "../cli/process.h"
#include "core/error.h"
#include "export/atomic_file.h"

using namespace attune;
using namespace attune::exports;
using attune::test::read_file;
using attune::test::TempDir;
using attune::test::write_file;

namespace {
std::size_t files_in(const std::string& folder) {
  std::size_t n = 0;
  for ([[maybe_unused]] const auto& entry : std::filesystem::directory_iterator(folder)) ++n;
  return n;
}
}  // namespace

TEST_CASE("atomic file: commit renames the complete file into place, private to its owner") {
  TempDir dir;
  const std::string path = dir.file("out.csv");
  {
    AtomicFile file(path);
    file.write("a,b\r\n");
    CHECK_FALSE(std::filesystem::exists(path));  // nothing under the target's name yet
    CHECK(std::filesystem::exists(file.temp_path()));
    CHECK(std::filesystem::path(file.temp_path()).parent_path() == std::filesystem::path(dir.path()));
    file.write(std::string(3 << 20, 'x'));  // larger than the buffer
    file.commit();
  }
  CHECK(read_file(path).size() == 5 + (3u << 20));
  struct stat st {};
  REQUIRE(stat(path.c_str(), &st) == 0);
  CHECK((st.st_mode & 0777) == 0600);
  CHECK(files_in(dir.path()) == 1);
}

TEST_CASE("atomic file: without commit nothing is left, and an old file of that name stays as it was") {
  TempDir dir;
  const std::string path = dir.file("report.html");
  write_file(path, "old report");
  {
    AtomicFile file(path);
    file.write("half a new rep");
  }  // e.g. an exception while exporting
  CHECK(read_file(path) == "old report");
  CHECK(files_in(dir.path()) == 1);

  try {
    AtomicFile file(path);
    file.write("more");
    throw Error(ErrorKind::NotFound, "session 99 does not exist");
  } catch (const Error&) {
  }
  CHECK(read_file(path) == "old report");
  CHECK(files_in(dir.path()) == 1);
}

TEST_CASE("atomic file: a missing folder or a folder as target is a clear error") {
  TempDir dir;
  CHECK_THROWS_WITH_AS(AtomicFile(dir.file("no/such/folder/x.csv")), doctest::Contains("does not exist"), Error);
  CHECK_THROWS_WITH_AS(AtomicFile(dir.path()), doctest::Contains("is a folder"), Error);
}

TEST_CASE("atomic file: SIGINT in the middle of an export removes the temporary file") {
  TempDir dir;
  const std::string path = dir.file("big.json");
  const pid_t pid = fork();
  REQUIRE(pid >= 0);
  if (pid == 0) {
    install_signal_cleanup();
    AtomicFile file(path);
    file.write(std::string(2 << 20, '{'));
    std::raise(SIGINT);
    _exit(0);  // not reached: the handler re-raises with the default action
  }
  int status = 0;
  waitpid(pid, &status, 0);
  CHECK(WIFSIGNALED(status));
  CHECK(WTERMSIG(status) == SIGINT);
  CHECK_FALSE(std::filesystem::exists(path));
  CHECK(files_in(dir.path()) == 0);
}
