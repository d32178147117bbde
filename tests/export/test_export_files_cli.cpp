// attune-cli export and its files: the file and its audit row both happen or neither does
// (a locked or read-only database leaves no file), and temporary files of killed exports are
// removed by the next export to that folder, look-alikes left alone.
#include <doctest/doctest.h>
#include <sqlite3.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <filesystem>

#include <nlohmann/json.hpp>

#include "../cli/process.h"
#include "export_cli.h"
#include "export/atomic_file.h"

using namespace attune::test;
using namespace attune::export_test;
using nlohmann::json;

namespace {

std::size_t export_rows(const Cli& cli) {
  const ProcessResult r = cli({"audit", "1", "--json"});
  REQUIRE_MESSAGE(r.exit_code == 0, r.err);
  std::size_t n = 0;
  for (const json& row : json::parse(r.out))
    if (row.value("action", "").rfind("export", 0) == 0) ++n;
  return n;
}

bool one_line(const std::string& err) {
  return err.rfind("error: ", 0) == 0 && err.find('\n') == err.size() - 1;
}

std::vector<std::string> names_in(const std::string& folder) {
  std::vector<std::string> names;
  for (const auto& e : std::filesystem::directory_iterator(folder)) names.push_back(e.path().filename().string());
  std::sort(names.begin(), names.end());
  return names;
}

// A second connection holding the write lock (BEGIN IMMEDIATE) until destroyed.
class WriteLock {
 public:
  explicit WriteLock(const std::string& path) {
    REQUIRE(sqlite3_open(path.c_str(), &db_) == SQLITE_OK);
    REQUIRE(sqlite3_exec(db_, "BEGIN IMMEDIATE", nullptr, nullptr, nullptr) == SQLITE_OK);
  }
  ~WriteLock() {
    sqlite3_exec(db_, "ROLLBACK", nullptr, nullptr, nullptr);
    sqlite3_close(db_);
  }

 private:
  sqlite3* db_ = nullptr;
};

}  // namespace

std::vector<std::string> without_sqlite_files(std::vector<std::string> names) {
  std::erase_if(names, [](const std::string& n) { return n.ends_with("-wal") || n.ends_with("-shm"); });
  return names;
}

TEST_CASE("export files: a database locked past the busy timeout leaves no file and no audit row") {
  Cli cli;
  ok(cli({"demo"}));
  const std::string out = cli.file("events.csv");
  const std::vector<std::string> before = without_sqlite_files(names_in(cli.folder()));
  {
    WriteLock lock(cli.db());
    const ProcessResult r = cli({"export", "1", "--what", "events", "--format", "csv", "-o", out});
    CHECK(r.exit_code == 1);
    CHECK_MESSAGE(one_line(r.err), r.err);
    CHECK(r.err.find("locked") != std::string::npos);
    CHECK_FALSE(std::filesystem::exists(out));
    CHECK(r.out.empty());
    // Standard output: the row comes first, so nothing is printed without it.
    const ProcessResult to_stdout = cli({"export", "1", "--what", "events", "--format", "csv", "-o", "-"});
    CHECK(to_stdout.exit_code == 1);
    CHECK(to_stdout.out.empty());
  }
  CHECK(export_rows(cli) == 0);
  CHECK(without_sqlite_files(names_in(cli.folder())) == before);  // no temporary file left either
  // Once the lock is gone the same export works, with its row.
  ok(cli({"export", "1", "--what", "events", "--format", "csv", "-o", out}));
  CHECK(std::filesystem::exists(out));
  CHECK(export_rows(cli) == 1);
}

TEST_CASE("export files: a read-only database leaves no file, says so in one line, and reading still works") {
  Cli cli;
  ok(cli({"demo"}));
  const std::string out = cli.file("report.html");
  REQUIRE(::chmod(cli.db().c_str(), 0400) == 0);
  const ProcessResult r = cli.as_nobody({"export", "1", "--what", "report", "--format", "html", "-o", out});
  CHECK(r.exit_code == 1);
  CHECK_MESSAGE(one_line(r.err), r.err);
  CHECK(r.err.find("read-only") != std::string::npos);
  CHECK_FALSE(std::filesystem::exists(out));
  const ProcessResult listed = cli.as_nobody({"session", "list"});
  CHECK_MESSAGE(listed.exit_code == 0, listed.err);
  CHECK(listed.out.find("DEMO-01") != std::string::npos);
  REQUIRE(::chmod(cli.db().c_str(), 0600) == 0);
  CHECK(export_rows(cli) == 0);
}

TEST_CASE("export files: a killed export's temporary file goes with the next export to that folder, look-alikes stay") {
  Cli cli;
  ok(cli({"demo"}));
  const std::string exports = cli.file("exports");
  std::filesystem::create_directory(exports);
  const std::string ours = exports + "/events.csv.attune-partial-Ab12yZ";  // SIGKILL, nobody holds its lock
  const std::string legacy = exports + "/.report.html.Qw34eR.part";         // an older Attune's, an hour old
  write_file(ours, std::string(1 << 20, 'x'));
  write_file(legacy, "half a report");
  std::filesystem::last_write_time(legacy, std::filesystem::last_write_time(legacy) - std::chrono::hours(1));
  const std::vector<std::string> lookalikes = {"events.csv.attune-partial-Ab12y", "events.csv.part",
                                               "events.csv.Ab12yZ.part", "thesis.attune-partial"};
  for (const std::string& name : lookalikes) write_file(exports + "/" + name, "not ours");

  ok(cli({"export", "1", "--what", "summary", "--format", "csv", "-o", exports + "/summary.csv"}));
  CHECK_FALSE(std::filesystem::exists(ours));
  CHECK_FALSE(std::filesystem::exists(legacy));
  for (const std::string& name : lookalikes) CHECK_MESSAGE(std::filesystem::exists(exports + "/" + name), name);
  CHECK(std::filesystem::exists(exports + "/summary.csv"));
  CHECK(names_in(exports).size() == lookalikes.size() + 1);
}
