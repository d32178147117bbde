// AtomicFile: the target appears only when complete, private, and never half written.
#include <doctest/doctest.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <csignal>
#include <filesystem>

#include "../cli/process.h"
#include "core/embedded.h"
#include "core/error.h"
#include "export/atomic_file.h"
#include "export/published.h"
#include "store/store.h"

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

namespace {
void age_file(const std::string& path, int seconds) {
  const auto when = std::filesystem::last_write_time(path) - std::chrono::seconds(seconds);
  std::filesystem::last_write_time(path, when);
}
}  // namespace

TEST_CASE("atomic file: the temporary file is visible beside the target and says what it is") {
  TempDir dir;
  AtomicFile file(dir.file("report.html"));
  const std::string name = std::filesystem::path(file.temp_path()).filename().string();
  CHECK(name.rfind("report.html.attune-partial-", 0) == 0);
  CHECK(name.size() == std::string("report.html.attune-partial-").size() + 6);
  CHECK(is_partial_name(name));
}

TEST_CASE("atomic file: our names only, exactly") {
  bool legacy = true;
  CHECK(is_partial_name("a.csv.attune-partial-Ab12yZ", &legacy));
  CHECK_FALSE(legacy);
  CHECK(is_partial_name(".a.csv.Ab12yZ.part", &legacy));
  CHECK(legacy);
  for (const char* other : {"a.csv", "a.csv.attune-partial-Ab12y", "a.csv.attune-partial-Ab12yZ7", ".attune-partial-Ab12yZ",
                            "a.csv.attune-partial-Ab-2yZ", "a.csv.part", ".a.csv.Ab12y.part", "a.csv.Ab12yZ.part",
                            ".a.csv.Ab12yZ.part.bak", "..Ab12yZ.part", "thesis.partial"})
    CHECK_MESSAGE(!is_partial_name(other), other);
}

TEST_CASE("atomic file: a SIGKILLed export's temporary file is removed by the next export to that folder") {
  TempDir dir;
  const pid_t pid = fork();
  REQUIRE(pid >= 0);
  if (pid == 0) {
    AtomicFile file(dir.file("big.json"));
    file.write(std::string(3 << 20, '{'));
    ::kill(::getpid(), SIGKILL);
    _exit(0);
  }
  int status = 0;
  waitpid(pid, &status, 0);
  REQUIRE(WIFSIGNALED(status));
  REQUIRE(files_in(dir.path()) == 1);  // the leftover
  {
    AtomicFile next(dir.file("other.csv"));
    CHECK(files_in(dir.path()) == 1);  // only next's own temporary file
    next.write("x");
    next.commit();
  }
  CHECK(files_in(dir.path()) == 1);
  CHECK(std::filesystem::exists(dir.file("other.csv")));
}

TEST_CASE("atomic file: stale temporary files of ours go, a file being written and look-alikes stay") {
  TempDir dir;
  write_file(dir.file("a.csv.attune-partial-Ab12yZ"), "left by a killed export");
  write_file(dir.file(".b.csv.Qw34eR.part"), "left by an older Attune, an hour ago");
  age_file(dir.file(".b.csv.Qw34eR.part"), 3600);
  write_file(dir.file(".c.csv.Zx56cV.part"), "an older Attune writing right now");
  const std::vector<std::string> lookalikes = {"a.csv.attune-partial-Ab12y", "a.csv.part", "a.csv.Ab12yZ.part",
                                               ".a.csv.Ab12yZ.part.bak", "notes.attune-partial"};
  for (const std::string& name : lookalikes) {
    write_file(dir.file(name), "not ours");
    age_file(dir.file(name), 3600);
  }
  // Another export writing at this moment holds the lock on its file.
  AtomicFile busy(dir.file("d.csv"));
  busy.write("half");
  {
    AtomicFile file(dir.file("out.csv"));
    file.write("x");
    file.commit();
  }
  CHECK_FALSE(std::filesystem::exists(dir.file("a.csv.attune-partial-Ab12yZ")));
  CHECK_FALSE(std::filesystem::exists(dir.file(".b.csv.Qw34eR.part")));
  CHECK(std::filesystem::exists(dir.file(".c.csv.Zx56cV.part")));
  CHECK(std::filesystem::exists(busy.temp_path()));
  for (const std::string& name : lookalikes) CHECK_MESSAGE(std::filesystem::exists(dir.file(name)), name);
  busy.commit();
  CHECK(read_file(dir.file("d.csv")) == "half");
}

TEST_CASE("atomic file: finish() leaves the target untouched until publish()") {
  TempDir dir;
  const std::string path = dir.file("out.csv");
  write_file(path, "old");
  AtomicFile file(path);
  file.write("new");
  file.finish();
  CHECK(read_file(path) == "old");
  CHECK(remove_stale_parts(dir.path()) == 0);  // a finished file still held by its writer is not stale
  file.publish();
  CHECK(read_file(path) == "new");
  CHECK(files_in(dir.path()) == 1);
}

TEST_CASE("published export: a rename that fails after the audit row is committed is recorded as export.failed") {
  TempDir dir;
  Store store(dir.file("attune.db"), OpenMode::CreateIfMissing, "tester");
  const std::int64_t scheme = store.import_scheme(std::string(embedded_file("samples/schemes/attachment-core.json")));
  Recording recording;
  recording.dyad = "D-1";
  const SessionId session = store.create_session(recording, scheme, "tester");
  const std::string target = dir.file("out.csv");
  AtomicFile file(target);
  file.write("a,b\r\n");
  std::filesystem::create_directories(target + "/in-the-way");  // rename(2) over a non-empty folder fails
  CHECK_THROWS_AS(publish_audited(file, store, {session}, "events csv to " + target), Error);
  std::vector<std::string> actions;
  for (const AuditRow& row : store.audit(session))
    if (row.action.rfind("export", 0) == 0) actions.push_back(row.action);
  CHECK(actions == std::vector<std::string>{"export", "export.failed"});
  for (const auto& entry : std::filesystem::directory_iterator(dir.path()))  // no temporary file left
    CHECK_FALSE(is_partial_name(entry.path().filename().string()));
  CHECK(store.verify().audit_ok);
}
