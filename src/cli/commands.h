#pragma once
// Each group of attune-cli subcommands registers itself on the app; the handlers throw
// attune::Error for expected failures, which main() turns into "error: …" and an exit code.
#include <CLI/CLI.hpp>

#include "cli/context.h"

namespace attune::cli {

void add_scheme_commands(CLI::App& app, Context& context);
void add_session_commands(CLI::App& app, Context& context);
void add_event_commands(CLI::App& app, Context& context);
void add_history_commands(CLI::App& app, Context& context);
void add_demo_command(CLI::App& app, Context& context);
void add_verify_command(CLI::App& app, Context& context);
void add_export_commands(CLI::App& app, Context& context);  // summary and export
void add_agreement_command(CLI::App& app, Context& context);
void add_review_commands(CLI::App& app, Context& context);  // session recode/submit/…, comment; after add_session_commands
void add_audit_command(CLI::App& app, Context& context);
void add_rating_commands(CLI::App& app, Context& context);  // rating list/set/clear
void add_supervisor_commands(CLI::App& app, Context& context);
void add_backup_commands(CLI::App& app, Context& context);  // backup, restore

// Thrown by a command that already printed its problems (scheme validation): exit code only.
struct ExitWith {
  int code;
};

}  // namespace attune::cli
