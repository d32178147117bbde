// The database file and its folder as they really are: an empty file is not a database, a
// read-only folder or file still reads, and a write says which of them is read-only.
#include <doctest/doctest.h>
#include <sys/stat.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <filesystem>
#include <thread>

#include <nlohmann/json.hpp>

#include "cli_fixture.h"

using namespace attune::test;

namespace {

bool one_line(const std::string& err) { return err.rfind("error: ", 0) == 0 && err.find('\n') == err.size() - 1; }

ProcessResult as_nobody(const Cli& cli, std::vector<std::string> args) {
  args.insert(args.begin(), {ATTUNE_CLI_PATH, "--db", cli.db()});
  return run_process(unprivileged(args, cli.dir().path()), {"ATTUNE_USER=tester"});
}

std::string folder_of(const Cli& cli) { return std::filesystem::path(cli.db()).parent_path().string(); }

std::vector<std::string> names_in(const std::string& folder) {
  std::vector<std::string> names;
  for (const auto& e : std::filesystem::directory_iterator(folder)) names.push_back(e.path().filename().string());
  std::sort(names.begin(), names.end());
  return names;
}

}  // namespace

TEST_CASE("db files: an empty file given as --db is refused, not turned into a database") {
  TempDir dir;
  const std::string path = dir.file("typo.db");
  write_file(path, "");
  for (const std::vector<std::string>& args :
       {std::vector<std::string>{"session", "list"}, {"demo"}, {"scheme", "list"}, {"verify"}}) {
    std::vector<std::string> argv = {ATTUNE_CLI_PATH, "--db", path};
    argv.insert(argv.end(), args.begin(), args.end());
    const ProcessResult r = run_process(argv, {"ATTUNE_USER=tester"});
    CHECK(r.exit_code == 1);
    CHECK_MESSAGE(one_line(r.err), r.err);
    CHECK(r.err.find(path + " is empty, not an Attune database") != std::string::npos);
    CHECK(std::filesystem::file_size(path) == 0);
  }
  CHECK(names_in(dir.path()) == std::vector<std::string>{"typo.db"});
  // A path that does not exist yet is how a new database starts, as before.
  const std::string fresh = dir.file("new.db");
  CHECK(run_process({ATTUNE_CLI_PATH, "--db", fresh, "demo"}, {"ATTUNE_USER=tester"}).exit_code == 0);
  CHECK(run_process({ATTUNE_CLI_PATH, "--db", fresh, "session", "list"}).exit_code == 0);
}

TEST_CASE("db files: in a read-only folder reading works and a change names the folder") {
  Cli cli;
  REQUIRE(cli({"demo"}).exit_code == 0);
  const std::string folder = folder_of(cli);
  REQUIRE(::chmod(folder.c_str(), 0500) == 0);
  const std::vector<std::string> before = names_in(folder);
  for (const std::vector<std::string>& args :
       {std::vector<std::string>{"session", "list"}, {"event", "list", "1"}, {"audit", "1"}, {"verify"},
        {"summary", "1"}, {"scheme", "list"}, {"comment", "list", "1"}, {"session", "show", "1"}}) {
    const ProcessResult r = as_nobody(cli, args);
    std::string what;
    for (const std::string& a : args) what += a + " ";
    what += ": " + r.err;
    CHECK_MESSAGE(r.exit_code == 0, what);
  }
  const ProcessResult listed = as_nobody(cli, {"session", "list"});
  CHECK(listed.out.find("DEMO-01") != std::string::npos);
  const ProcessResult add = as_nobody(cli, {"event", "add", "1", "bid", "--at", "1", "--subject", "child"});
  CHECK(add.exit_code == 1);
  CHECK_MESSAGE(one_line(add.err), add.err);
  CHECK(add.err.find("cannot write in folder " + folder) != std::string::npos);
  CHECK(add.err.find("readonly database") == std::string::npos);
  CHECK(names_in(folder) == before);  // no -wal or -shm left behind
  REQUIRE(::chmod(folder.c_str(), 0700) == 0);
}

TEST_CASE("db files: a read-only database file reads, and a change says the file is read-only") {
  Cli cli;
  REQUIRE(cli({"demo"}).exit_code == 0);
  REQUIRE(::chmod(cli.db().c_str(), 0400) == 0);
  const std::vector<std::string> before = names_in(folder_of(cli));
  const ProcessResult listed = as_nobody(cli, {"event", "list", "1"});
  CHECK_MESSAGE(listed.exit_code == 0, listed.err);
  const ProcessResult add = as_nobody(cli, {"event", "add", "1", "bid", "--at", "1", "--subject", "child"});
  CHECK(add.exit_code == 1);
  CHECK_MESSAGE(one_line(add.err), add.err);
  CHECK(add.err.find(cli.db() + " is read-only") != std::string::npos);
  CHECK(names_in(folder_of(cli)) == before);
  REQUIRE(::chmod(cli.db().c_str(), 0600) == 0);
  CHECK(cli({"verify"}).exit_code == 0);
}

TEST_CASE("db files: backup while another process codes, restore, and a corrupt backup refused") {
  Cli cli;
  REQUIRE(cli({"demo"}).exit_code == 0);
  const std::size_t demo_events = nlohmann::json::parse(cli({"--json", "event", "list", "1"}).out).size();
  // A second process adds events while the backup is taken.
  std::atomic<bool> stop{false}, writer_done{false};
  std::atomic<int> added{0};
  std::string first_refusal;  // written by the writer before writer_done
  std::thread writer([&] {
    // Bids after the demo's last onset (160 s) and inside its 180 s recording (a time past
    // the end is refused), 10 ms apart, so the list's time order is also the order added.
    for (int i = 0; !stop.load() && i < 200; ++i) {
      const std::string at = std::to_string(170 + i / 100) + "." + std::to_string(100 + i % 100).substr(1);
      const ProcessResult r = cli({"event", "add", "1", "bid", "--at", at, "--subject", "child"});
      if (r.exit_code == 0) ++added;
      else if (first_refusal.empty()) first_refusal = r.err;
    }
    writer_done = true;
  });
  // Never wait on a writer that has stopped: a refused add must fail the test, not hang it.
  while (added.load() < 2 && !writer_done.load()) std::this_thread::sleep_for(std::chrono::milliseconds(10));
  if (added.load() < 2) {
    writer.join();
    FAIL("the writer process added fewer than 2 events: " << first_refusal);
  }
  const std::string backup = cli.dir().file("copy.db");
  const ProcessResult b = cli({"backup", "-o", backup});
  stop = true;
  writer.join();
  REQUIRE_MESSAGE(b.exit_code == 0, b.err);
  CHECK(b.out == "backed up " + cli.db() + " to " + backup + "\n");
  struct stat st {};
  REQUIRE(::stat(backup.c_str(), &st) == 0);
  CHECK((st.st_mode & 0777) == 0600);

  // Restore into a new place: the events there are the database's at one moment.
  const std::string target = cli.dir().file("restored.db");
  const ProcessResult r = run_process({ATTUNE_CLI_PATH, "--db", target, "restore", backup}, {"ATTUNE_USER=tester"});
  REQUIRE_MESSAGE(r.exit_code == 0, r.err);
  const auto restored = nlohmann::json::parse(run_process({ATTUNE_CLI_PATH, "--db", target, "--json", "event", "list", "1"}).out);
  const auto live = nlohmann::json::parse(cli({"--json", "event", "list", "1"}).out);
  CHECK(restored.size() >= demo_events + 2);
  CHECK(restored.size() <= live.size());
  for (std::size_t i = 0; i < restored.size(); ++i) CHECK(restored[i] == live[i]);
  CHECK(run_process({ATTUNE_CLI_PATH, "--db", target, "verify"}).exit_code == 0);

  // A corrupt backup is refused and the database it would replace is untouched.
  std::string bytes = read_file(backup);
  REQUIRE(bytes.size() > 6 * 4096);
  for (std::size_t i = 2 * 4096; i < 5 * 4096; i += 5) bytes[i] = static_cast<char>(bytes[i] ^ 0x33);
  const std::string corrupt = cli.dir().file("corrupt.db");
  write_file(corrupt, bytes);
  const std::string before = read_file(target);
  const ProcessResult refused = run_process({ATTUNE_CLI_PATH, "--db", target, "restore", corrupt});
  CHECK(refused.exit_code == 1);
  CHECK_MESSAGE(one_line(refused.err), refused.err);
  CHECK(refused.err.find("nothing was restored") != std::string::npos);
  CHECK(read_file(target) == before);

  // The default place: <db folder>/backups/, 0700.
  const ProcessResult d = cli({"--json", "backup"});
  REQUIRE_MESSAGE(d.exit_code == 0, d.err);
  const std::string made = nlohmann::json::parse(d.out)["path"];
  CHECK(made.rfind(folder_of(cli) + "/backups/attune.db-", 0) == 0);
  REQUIRE(::stat((folder_of(cli) + "/backups").c_str(), &st) == 0);
  CHECK((st.st_mode & 0777) == 0700);
}
