// attune-cli verify: PRAGMA integrity_check, the audit trail's hash chain, and the scheme's
// rules over the stored events.
#include <iostream>

#include <nlohmann/json.hpp>

#include "cli/commands.h"
#include "cli/output.h"

namespace attune::cli {

namespace {

void verify(const Context& context) {
  auto store = context.open_existing_store();
  VerifyReport report = store->verify();
  if (context.json) {
    print_json(std::cout, {{"integrity_ok", report.integrity_ok},
                           {"integrity", report.integrity_message},
                           {"audit_ok", report.audit_ok},
                           {"audit_rows", report.audit_rows},
                           {"first_broken_audit_id", report.first_broken_audit_id
                                                         ? nlohmann::json(*report.first_broken_audit_id)
                                                         : nlohmann::json(nullptr)},
                           {"audit", report.audit_message},
                           {"rules_ok", report.rules_ok},
                           {"rules", report.rules_message},
                           {"rule_problem_count", report.rule_problem_count},
                           {"rule_problems", report.rule_problems}});
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
  }
  if (!report.integrity_ok || !report.audit_ok || !report.rules_ok) {
    std::cerr << "error: " << store->path() << " failed verification: "
              << (!report.integrity_ok ? report.integrity_message
                  : !report.audit_ok   ? report.audit_message
                                       : report.rules_message)
              << '\n';
    throw ExitWith{1};
  }
}

}  // namespace

void add_verify_command(CLI::App& app, Context& context) {
  app.add_subcommand("verify", "Check the database's integrity, its audit trail and the scheme's rules over the stored events")->callback([&context] {
    verify(context);
  });
}

}  // namespace attune::cli
