// Every export and report names the audit trail it was read from: the chain head
// (store/audit_head.h) inside every format that has room for it and in the CLI's summary
// line, so a file kept elsewhere can later check the database with verify --expect.
#include <doctest/doctest.h>

#include <nlohmann/json.hpp>

#include "../cli/cli_fixture.h"
#include "export_fixture.h"
#include "schema_check.h"
#include "store/audit_head.h"

using namespace attune::test;
using nlohmann::json;

namespace {

void ok(const ProcessResult& r) { REQUIRE_MESSAGE(r.exit_code == 0, r.err); }

// The head now (audit anchor writes no row).
std::string head_now(const Cli& cli) {
  const ProcessResult r = cli({"audit", "anchor"});
  ok(r);
  const std::optional<attune::AuditHead> head = attune::AuditHead::parse(r.out);
  REQUIRE(head.has_value());
  return head->text();
}

}  // namespace

TEST_CASE("export audit head: every format with room carries the head it was read at, the summary line too") {
  Cli cli;
  ok(cli({"demo"}));
  struct Case {
    const char* name;
    std::vector<std::string> args;
    std::string inside;  // how the head appears in the file ("" for CSV: no room)
  };
  const std::vector<Case> cases = {
      {"events.json", {"--what", "events", "--format", "json"}, "\"audit_head\": \"HEAD\""},
      {"report.json", {"--what", "report", "--format", "json", "--identified"}, "\"audit_head\": \"HEAD\""},
      {"events.sds", {"--what", "events", "--format", "sdis"}, "\n% audit trail at export: HEAD\n"},
      {"report.html", {"--what", "report", "--format", "html"}, "<meta name=\"attune-audit-head\" content=\"HEAD\">"},
      {"events.csv", {"--what", "events", "--format", "csv"}, ""},
      {"summary.csv", {"--what", "summary", "--format", "csv", "--layout", "wide"}, ""}};
  std::string first_head;
  for (const Case& c : cases) {
    const std::string head = head_now(cli);
    if (first_head.empty()) first_head = head;
    std::vector<std::string> command = {"export", "1"};
    command.insert(command.end(), c.args.begin(), c.args.end());
    command.insert(command.end(), {"-o", cli.dir().file(c.name)});
    const ProcessResult r = cli(command);
    ok(r);
    CHECK_MESSAGE(r.out.size() > head.size() + 3, c.name);
    CHECK_MESSAGE(r.out.substr(r.out.size() - head.size() - 3) == "; " + head + "\n", c.name, ": ", r.out);
    const std::string bytes = read_file(cli.dir().file(c.name));
    if (std::string(c.inside).empty()) {
      CHECK_MESSAGE(bytes.find("attune-audit-head") == std::string::npos, c.name);
      continue;
    }
    std::string inside = c.inside;
    inside.replace(inside.find("HEAD"), 4, head);
    CHECK_MESSAGE(bytes.find(inside) != std::string::npos, c.name);
    if (std::string(c.name).ends_with(".json")) CHECK(attune::export_test::schema_violations(json::parse(bytes)) == "");
    if (std::string(c.name).ends_with(".html")) CHECK(bytes.find("<code>" + head + "</code>") != std::string::npos);
  }
  // --json gives the head as a field.
  const std::string head = head_now(cli);
  const json summary = json::parse(
      cli({"--json", "export", "1", "--what", "events", "--format", "csv", "-o", cli.dir().file("x.csv")}).out);
  CHECK(summary["audit_head"] == head);
  // A head taken from an exported file checks the database later, the exports since appended.
  const ProcessResult checked = cli({"verify", "--expect", read_file(cli.dir().file("events.sds"))});
  ok(checked);
  CHECK(checked.out.find("matches the head recorded earlier") != std::string::npos);
  CHECK(checked.out.find("; 5 rows added since") != std::string::npos);
  CHECK(first_head.find("attune-audit-head ") == 0);
}

TEST_CASE("export audit head: attune-cli summary prints the head, as text and as JSON") {
  Cli cli;
  ok(cli({"demo"}));
  const std::string head = head_now(cli);
  const ProcessResult text = cli({"summary", "1"});
  ok(text);
  CHECK(text.out.substr(text.out.size() - head.size() - 13) == "audit head: " + head + "\n");
  CHECK(json::parse(cli({"--json", "summary", "1"}).out)["audit_head"] == head);
}
