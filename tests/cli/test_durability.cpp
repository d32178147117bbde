// Durability: a writer codes events in a loop and is killed with SIGKILL at random
// moments. After every kill the database passes PRAGMA integrity_check (through
// Store::verify) and holds every event whose id the writer had printed — it prints an id
// only after the commit has returned.
#include <doctest/doctest.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <random>
#include <set>
#include <thread>

#include "cli_fixture.h"
#include "store/store.h"

using namespace attune::test;

namespace {
// Starts the writer with its stdout on a pipe; returns pid and the pipe's read end.
std::pair<pid_t, int> start_writer(const std::string& db, const std::string& session) {
  int fds[2];
  REQUIRE(pipe(fds) == 0);
  const pid_t pid = fork();
  REQUIRE(pid >= 0);
  if (pid == 0) {
    dup2(fds[1], STDOUT_FILENO);
    close(fds[0]);
    close(fds[1]);
    execl(ATTUNE_WRITER_PATH, ATTUNE_WRITER_PATH, db.c_str(), session.c_str(), "bid", nullptr);
    _exit(127);
  }
  close(fds[1]);
  return {pid, fds[0]};
}

// Reads whatever the writer printed; only complete lines count as acknowledged ids.
std::vector<std::int64_t> complete_ids(const std::string& text) {
  std::vector<std::int64_t> ids;
  std::size_t from = 0;
  for (std::size_t nl; (nl = text.find('\n', from)) != std::string::npos; from = nl + 1)
    ids.push_back(std::stoll(text.substr(from, nl - from)));
  return ids;
}
}  // namespace

TEST_CASE("durability: SIGKILL at random moments never loses an acknowledged event") {
  Cli cli;
  REQUIRE(cli({"scheme", "import", cli.write_scheme("tiny.json", kTinyScheme)}).exit_code == 0);
  auto created = cli({"session", "create", "--scheme", "tiny", "--dyad", "D-1"});
  REQUIRE(created.exit_code == 0);
  const std::string session = trimmed(created.out);

  std::mt19937 random(20261128);
  std::uniform_int_distribution<int> delay_ms(5, 250);
  std::set<std::int64_t> acknowledged;
  constexpr int kKills = 24;
  for (int round = 0; round < kKills; ++round) {
    auto [pid, out] = start_writer(cli.db(), session);
    std::this_thread::sleep_for(std::chrono::milliseconds(delay_ms(random)));
    kill(pid, SIGKILL);
    int status = 0;
    waitpid(pid, &status, 0);
    CHECK(WIFSIGNALED(status));
    std::string printed;
    char buffer[4096];
    for (ssize_t n; (n = read(out, buffer, sizeof buffer)) > 0;) printed.append(buffer, static_cast<std::size_t>(n));
    close(out);
    for (std::int64_t id : complete_ids(printed)) acknowledged.insert(id);

    attune::Store store(cli.db(), attune::OpenMode::MustExist);
    const attune::VerifyReport report = store.verify();
    CHECK_MESSAGE(report.integrity_ok, report.integrity_message);
    std::set<std::int64_t> present;
    for (const attune::Event& e : store.events(std::stoll(session))) present.insert(e.id);
    const auto missing = std::count_if(acknowledged.begin(), acknowledged.end(),
                                       [&](std::int64_t id) { return !present.count(id); });
    CHECK_MESSAGE(missing == 0, "round ", round, ": ", missing, " acknowledged events lost");
  }
  MESSAGE(kKills << " kills, " << acknowledged.size() << " acknowledged events, none lost");
  CHECK(acknowledged.size() > 0);
}
