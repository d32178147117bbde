// attune-cli and the audit chain head: `audit` and `audit anchor` print it, `verify --expect`
// checks one recorded earlier, so truncating or rewriting the trail (which the chain alone
// cannot show once recomputed) is caught, while rows appended since are fine.
#include <doctest/doctest.h>

#include <SQLiteCpp/Database.h>
#include <SQLiteCpp/Statement.h>

#include <nlohmann/json.hpp>

#include "../store/audit_forgery.h"
#include "cli_fixture.h"
#include "store/audit.h"

using namespace attune::test;
using nlohmann::json;

namespace {

void ok(const ProcessResult& r) { REQUIRE_MESSAGE(r.exit_code == 0, r.err); }

// The tiny scheme, session 1 with `events` bids.
void coded(const Cli& cli, int events) {
  ok(cli({"scheme", "import", cli.write_scheme("tiny.json", kTinyScheme)}));
  ok(cli({"session", "create", "--scheme", "tiny", "--dyad", "D-1", "--duration", "60"}));
  for (int i = 0; i < events; ++i) ok(cli({"event", "add", "1", "bid", "--at", std::to_string(i + 1)}));
}

ProcessResult sql(const Cli& cli, const std::string& statements) {
  return run_process({"/usr/bin/sqlite3", cli.db(), statements});
}

std::string head_of(const std::string& text) {
  const std::optional<attune::AuditHead> head = attune::AuditHead::parse(text);
  REQUIRE_MESSAGE(head.has_value(), text);
  return head->text();
}

}  // namespace

TEST_CASE("cli audit: the listing ends with the chain head, and anchor prints one line to keep") {
  Cli cli;
  coded(cli, 2);
  const json trail = json::parse(cli({"audit", "--json"}).out);
  REQUIRE(trail.size() == 5);
  const std::string head = "attune-audit-head 5:" + trail.back()["hash"].get<std::string>();
  const ProcessResult listing = cli({"audit"});
  ok(listing);
  CHECK(listing.out.find("\naudit head: " + head + "\n") != std::string::npos);
  const ProcessResult one = cli({"audit", "1"});
  ok(one);
  CHECK(one.out.find("\naudit head: " + head + " (the whole database's trail)\n") != std::string::npos);

  const ProcessResult anchor = cli({"audit", "anchor"});
  ok(anchor);
  // "attune.db 2026-12-02T16:30:05Z attune-audit-head 5:<hash>": the file's name, no folder.
  const std::string line = trimmed(anchor.out);
  CHECK(line.rfind("attune.db ", 0) == 0);
  CHECK(line.size() == std::string("attune.db 2026-12-02T16:30:05Z ").size() + head.size());
  CHECK(line.substr(line.size() - head.size()) == head);
  CHECK(line.find(cli.dir().path()) == std::string::npos);
  CHECK(anchor.out.find('\n') == anchor.out.size() - 1);
  const json anchor_json = json::parse(cli({"audit", "anchor", "--json"}).out);
  CHECK(anchor_json["database"] == "attune.db");
  CHECK(anchor_json["count"] == 5);
  CHECK(anchor_json["head"] == head);
  // verify takes the whole line back.
  const ProcessResult checked = cli({"verify", "--expect", line});
  ok(checked);
  CHECK(checked.out.find("audit head:  " + head + "\n") != std::string::npos);
  CHECK(checked.out.find("expected:    ok, the audit trail up to row 5 matches") != std::string::npos);
}

TEST_CASE("cli verify --expect: the newest audit rows deleted pass plain verify and fail the head recorded earlier") {
  Cli cli;
  coded(cli, 4);
  const std::string anchor = trimmed(cli({"audit", "anchor"}).out);
  ok(cli({"verify", "--expect", anchor}));
  ok(sql(cli, "DROP TRIGGER audit_no_delete; DELETE FROM audit WHERE id > 4;"));
  ok(cli({"verify"}));  // a shorter chain is a valid chain: this is why anchors are kept
  const ProcessResult r = cli({"verify", "--expect", anchor});
  CHECK(r.exit_code == 1);
  CHECK(r.out.find("expected:    FAILED: the audit trail has 4 rows, fewer than the 7 of the head") != std::string::npos);
  CHECK(r.err.find("error: " + cli.db() + " failed verification: the audit trail has 4 rows, fewer than the 7 of the "
                   "head recorded earlier") == 0);
  CHECK(r.err.find("rows were removed\n") != std::string::npos);
  CHECK(r.err.find('\n') == r.err.size() - 1);
  const json report = json::parse(cli({"verify", "--json", "--expect", anchor}).out);
  CHECK(report["audit_ok"] == true);
  CHECK(report["expected_head_ok"] == false);
  CHECK(report["expected_head"] == head_of(anchor));
}

TEST_CASE("cli verify --expect: an earlier row rewritten with the chain recomputed fails, appended rows pass") {
  Cli cli;
  coded(cli, 3);
  const std::string anchor = trimmed(cli({"audit", "anchor"}).out);
  // More work after the anchor: the anchor still holds.
  ok(cli({"event", "add", "1", "bid", "--at", "30"}));
  ok(cli({"session", "submit", "1"}));
  const ProcessResult later = cli({"verify", "--expect", anchor});
  ok(later);
  CHECK(later.out.find("the audit trail up to row 6 matches the head recorded earlier") != std::string::npos);
  CHECK(later.out.find("; 2 rows added since\n") != std::string::npos);

  // Move the second bid to 9 s in its audit row and recompute every hash, as a forger with the
  // documented format would: the chain verifies, the anchor does not.
  {
    SQLite::Database raw(cli.db(), SQLite::OPEN_READWRITE);
    raw.exec("DROP TRIGGER audit_no_update");
    raw.exec("UPDATE audit SET new_json = replace(new_json, '\"start_us\":2000000', '\"start_us\":9000000') "
             "WHERE id = 5");
    attune::test::recompute_audit_chain(raw);
  }
  REQUIRE(json::parse(cli({"audit", "1", "--json"}).out)[3]["new"]["start_us"] == 9000000);
  ok(cli({"verify"}));
  const ProcessResult r = cli({"verify", "--expect", anchor});
  CHECK(r.exit_code == 1);
  CHECK(r.err.find("failed verification: the audit trail up to row 6 does not hash to the head recorded earlier") !=
        std::string::npos);
}

TEST_CASE("cli verify --expect: a malformed head is bad usage, and anchor refuses a broken trail") {
  Cli cli;
  coded(cli, 1);
  for (const std::string& bad : std::vector<std::string>{"", "12", "4:abc", "attune-audit-head 4:" + std::string(63, 'a')}) {
    const ProcessResult r = cli({"verify", "--expect", bad});
    CHECK_MESSAGE(r.exit_code == 2, bad);
    CHECK(r.err.rfind("error: --expect takes an audit head as 'attune-cli audit anchor' prints it", 0) == 0);
  }
  ok(sql(cli, "DROP TRIGGER audit_no_update; UPDATE audit SET actor = 'mallory' WHERE id = 2;"));
  const ProcessResult r = cli({"audit", "anchor"});
  CHECK(r.exit_code == 1);
  CHECK(r.out.empty());
  CHECK(r.err.find("audit row 2 was altered after it was written): an anchor of it would vouch for nothing") !=
        std::string::npos);
}
