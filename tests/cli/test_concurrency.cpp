// Two writers: two attune-cli processes in tight loops on one session, one adding states
// of one exclusive group, the other adding states and undoing. Afterwards no rule of the
// scheme is broken (verify and a direct check), every command that exited 0 is in the
// store and every one that failed is not (the audit trail shows exactly the successes).
// Bounded by iterations, not wall-clock; ATTUNE_STRESS_ITERATIONS runs it longer by hand.
#include <SQLiteCpp/Database.h>
#include <doctest/doctest.h>

#include <algorithm>
#include <cstdlib>
#include <map>
#include <random>
#include <set>
#include <thread>

#include <nlohmann/json.hpp>

#include "cli_fixture.h"
#include "store/store.h"

using namespace attune::test;

namespace {

struct WriterLog {
  std::set<std::int64_t> added;  // ids printed by `event add` that exited 0
  int add_refused = 0;
  int undone = 0;                // `undo` that exited 0
  int undo_nothing = 0;          // "nothing to undo" (exit 1, nothing committed)
  std::vector<std::string> wrong;  // any other failure: a caller told something unexpected
};

int iterations() {
  if (const char* n = std::getenv("ATTUNE_STRESS_ITERATIONS")) return std::max(1, std::atoi(n));
  return 60;
}

// One writer's loop. `undo_every` 0: never undoes.
WriterLog run_writer(const Cli& cli, const std::string& session, unsigned seed, int undo_every, int count) {
  WriterLog log;
  std::mt19937 random(seed);
  std::uniform_int_distribution<int> second(0, 29), length(1, 3), code(0, 1);
  for (int i = 0; i < count; ++i) {
    if (undo_every > 0 && i % undo_every == undo_every - 1) {
      const ProcessResult r = cli({"undo", session});
      if (r.exit_code == 0) ++log.undone;
      else if (r.err.find("nothing to undo") != std::string::npos) ++log.undo_nothing;
      else log.wrong.push_back("undo exit " + std::to_string(r.exit_code) + ": " + r.err);
      continue;
    }
    const int at = second(random);
    const ProcessResult r = cli({"event", "add", session, code(random) ? "pos" : "neg", "--at", std::to_string(at),
                                 "--end", std::to_string(at + length(random))});
    if (r.exit_code == 0) log.added.insert(std::stoll(r.out));
    else if (r.err.find("would overlap") != std::string::npos) ++log.add_refused;
    else log.wrong.push_back("add exit " + std::to_string(r.exit_code) + ": " + r.err);
  }
  return log;
}

}  // namespace

TEST_CASE("concurrency: two attune-cli writers in tight loops break no rule and tell every caller the truth") {
  Cli cli;
  REQUIRE(cli({"scheme", "import", cli.write_scheme("tiny.json", kTinyScheme)}).exit_code == 0);
  auto created = cli({"session", "create", "--scheme", "tiny", "--dyad", "D-1"});
  REQUIRE(created.exit_code == 0);
  const std::string session = trimmed(created.out);

  const int count = iterations();
  WriterLog a, b;
  std::thread first([&] { a = run_writer(cli, session, 1, 0, count); });
  std::thread second([&] { b = run_writer(cli, session, 2, 2, count); });
  first.join();
  second.join();
  MESSAGE("writer A: ", a.added.size(), " added, ", a.add_refused, " refused; writer B: ", b.added.size(),
          " added, ", b.add_refused, " refused, ", b.undone, " undone, ", b.undo_nothing, " nothing to undo");

  for (const std::string& w : a.wrong) CHECK_MESSAGE(false, "writer A was told: ", w);
  for (const std::string& w : b.wrong) CHECK_MESSAGE(false, "writer B was told: ", w);

  attune::Store store(cli.db(), attune::OpenMode::MustExist, "tester");
  const std::vector<attune::Event> events = store.events(std::stoll(session));

  // No rule broken: states of one exclusive group never overlap for one subject.
  int overlaps = 0;
  for (std::size_t i = 0; i < events.size(); ++i)
    for (std::size_t j = i + 1; j < events.size(); ++j) {
      const attune::Event &x = events[i], &y = events[j];
      if (x.subject == y.subject && x.end && y.end && x.start < *y.end && y.start < *x.end) ++overlaps;
    }
  CHECK_MESSAGE(overlaps == 0, overlaps, " overlapping pairs stored");
  const attune::VerifyReport report = store.verify();
  CHECK_MESSAGE(report.rules_ok, report.rules_message);

  // Every add that exited 0 was inserted, no other insert exists, and every undo that exited
  // 0 is an undo row in the audit trail (one per undone add), no more.
  std::set<std::int64_t> acknowledged = a.added;
  acknowledged.insert(b.added.begin(), b.added.end());
  std::set<std::int64_t> inserted, undone;
  for (const attune::AuditRow& row : store.audit(std::stoll(session))) {
    if (row.action == "event.insert") inserted.insert(row.row_id);
    if (row.action == "undo") undone.insert(row.row_id);
  }
  CHECK(inserted == acknowledged);
  CHECK(static_cast<int>(undone.size()) == b.undone);
  std::set<std::int64_t> present;
  for (const attune::Event& e : events) present.insert(e.id);
  for (std::int64_t id : acknowledged) CHECK_MESSAGE((present.count(id) == 1) != (undone.count(id) == 1), "event ", id);
}

TEST_CASE("cli verify: rules broken in stored data are reported with event ids and exit 1") {
  Cli cli;
  REQUIRE(cli({"scheme", "import", cli.write_scheme("tiny.json", kTinyScheme)}).exit_code == 0);
  const std::string session = trimmed(cli({"session", "create", "--scheme", "tiny", "--dyad", "D-1"}).out);
  const std::string first = trimmed(cli({"event", "add", session, "pos", "--at", "10", "--end", "20"}).out);
  CHECK(cli({"verify"}).exit_code == 0);
  CHECK(cli({"verify"}).out.find("rules:       ok") != std::string::npos);
  std::string overlapping, point;
  {  // a second program writing past the rules
    SQLite::Database raw(cli.db(), SQLite::OPEN_READWRITE);
    const std::string head = "INSERT INTO events (session_id, code, subject, start_us, end_us, modifiers, comment, "
                             "created_utc, modified_utc) VALUES (" + session + ", ";
    raw.exec(head + "'neg', 'child', 15000000, 25000000, '{}', '', 'x', 'x')");
    overlapping = std::to_string(raw.getLastInsertRowid());
    raw.exec(head + "'bid', 'child', 30000000, 31000000, '{}', '', 'x', 'x')");
    point = std::to_string(raw.getLastInsertRowid());
  }
  const ProcessResult r = cli({"verify"});
  CHECK(r.exit_code == 1);
  CHECK(r.out.find("rules:       2 problem(s)") != std::string::npos);
  CHECK(r.out.find("session " + session + ": events " + first + " and " + overlapping + " overlap") != std::string::npos);
  CHECK(r.out.find("session " + session + ": event " + point + ": 'bid' is a point event") != std::string::npos);
  CHECK(r.err.find("error: ") == 0);
  CHECK(r.err.find("2 rule problem(s)") != std::string::npos);
  const ProcessResult json = cli({"verify", "--json"});
  CHECK(json.exit_code == 1);
  const auto parsed = nlohmann::json::parse(json.out);
  CHECK(parsed.at("rules_ok") == false);
  CHECK(parsed.at("rule_problem_count") == 2);
}
