// attune-cli verify: PRAGMA integrity_check plus the audit trail's hash chain.
#include <iostream>

#include <nlohmann/json.hpp>

#include "cli/commands.h"
#include "cli/output.h"

namespace attune::cli {

namespace {

void verify(const Context& context) {
  auto store = context.open_for_reading();
  VerifyReport report = store->verify();
  if (context.json) {
    print_json(std::cout, {{"integrity_ok", report.integrity_ok},
                           {"integrity", report.integrity_message},
                           {"audit_ok", report.audit_ok},
                           {"audit_rows", report.audit_rows},
                           {"first_broken_audit_id", report.first_broken_audit_id
                                                         ? nlohmann::json(*report.first_broken_audit_id)
                                                         : nlohmann::json(nullptr)},
                           {"audit", report.audit_message}});
  } else {
    std::cout << "integrity:   " << (report.integrity_ok ? "ok" : report.integrity_message) << '\n'
              << "audit trail: " << (report.audit_ok ? "ok" : report.audit_message) << " (" << report.audit_rows
              << " rows)\n";
  }
  if (!report.integrity_ok || !report.audit_ok) {
    std::cerr << "error: " << store->path() << " failed verification: "
              << (!report.integrity_ok ? report.integrity_message : report.audit_message) << '\n';
    throw ExitWith{1};
  }
}

}  // namespace

void add_verify_command(CLI::App& app, Context& context) {
  app.add_subcommand("verify", "Check the database's integrity and its audit trail")->callback([&context] {
    verify(context);
  });
}

}  // namespace attune::cli
