// attune-cli verify [--expect HEAD]: PRAGMA integrity_check, the audit trail's hash chain
// and the scheme's rules over the stored events; with --expect, also whether the chain up to
// a head recorded earlier (by `audit anchor`, an export or a report) still ends in it
// (docs/audit-trail.md).
#include <iostream>

#include <nlohmann/json.hpp>

#include "cli/commands.h"
#include "cli/output.h"
#include "core/error.h"

namespace attune::cli {

namespace {

void verify(const std::string& expect_text, bool expect_given, const Context& context) {
  std::optional<AuditHead> expected;
  if (expect_given) {
    expected = AuditHead::parse(expect_text);
    if (!expected)
      throw Error(ErrorKind::InvalidInput,
                  "--expect takes an audit head as 'attune-cli audit anchor' prints it: COUNT:HASH (64 hex digits), "
                  "or a line holding 'attune-audit-head COUNT:HASH'");
  }
  auto store = context.open_for_reading();
  VerifyReport report = store->verify(expected);
  if (context.json) {
    nlohmann::json out = {{"integrity_ok", report.integrity_ok},
                          {"integrity", report.integrity_message},
                          {"audit_ok", report.audit_ok},
                          {"audit_rows", report.audit_rows},
                          {"first_broken_audit_id", report.first_broken_audit_id
                                                        ? nlohmann::json(*report.first_broken_audit_id)
                                                        : nlohmann::json(nullptr)},
                          {"audit", report.audit_message},
                          {"audit_head", report.audit_head.text()},
                          {"rules_ok", report.rules_ok},
                          {"rules", report.rules_message},
                          {"rule_problem_count", report.rule_problem_count},
                          {"rule_problems", report.rule_problems}};
    if (report.anchor_checked) {
      out["expected_head"] = expected->text();
      out["expected_head_ok"] = report.anchor_ok;
      out["expected_head_check"] = report.anchor_message;
    }
    print_json(std::cout, out);
  } else {
    std::cout << "integrity:   " << (report.integrity_ok ? "ok" : report.integrity_message) << '\n'
              << "audit trail: " << (report.audit_ok ? "ok" : report.audit_message) << " (" << report.audit_rows
              << " rows)\n"
              << "rules:       "
              << (report.rules_ok ? "ok" : std::to_string(report.rule_problem_count) + " problem(s)") << '\n';
    for (const std::string& problem : report.rule_problems) std::cout << "  " << problem << '\n';
    if (report.rule_problem_count > static_cast<std::int64_t>(report.rule_problems.size()))
      std::cout << "  and " << report.rule_problem_count - static_cast<std::int64_t>(report.rule_problems.size())
                << " more\n";
    std::cout << "audit head:  " << report.audit_head.text() << '\n';
    if (report.anchor_checked)
      std::cout << "expected:    " << (report.anchor_ok ? "ok, " : "FAILED: ") << report.anchor_message << '\n';
  }
  if (!report.integrity_ok || !report.audit_ok || !report.anchor_ok || !report.rules_ok) {
    std::cerr << "error: " << store->path() << " failed verification: "
              << (!report.integrity_ok ? report.integrity_message
                  : !report.audit_ok   ? report.audit_message
                  : !report.anchor_ok  ? report.anchor_message
                                       : report.rules_message)
              << '\n';
    throw ExitWith{1};
  }
}

}  // namespace

void add_verify_command(CLI::App& app, Context& context) {
  auto expect = std::make_shared<std::string>();
  CLI::App* cmd = app.add_subcommand("verify", "Check the database's integrity, its audit trail and the scheme's rules over the stored events");
  cmd->add_option("--expect", *expect,
                  "An audit head recorded earlier (COUNT:HASH, or the line 'attune-cli audit anchor' printed): "
                  "the trail up to that row must still hash to it");
  cmd->callback([expect, cmd, &context] { verify(*expect, cmd->count("--expect") > 0, context); });
}

}  // namespace attune::cli
