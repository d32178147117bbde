// attune-cli: the Attune core for batch work on machines with no display.
// Exit codes: 0 success, 1 failure, 2 bad usage or bad input; errors on stderr as one
// line starting with "error:".
#include <iostream>

#include "cli/commands.h"
#include "cli/completion.h"
#include "cli/output.h"
#include "core/error.h"
#include "core/version.h"

namespace {
int exit_code(attune::ErrorKind kind) { return kind == attune::ErrorKind::InvalidInput ? 2 : 1; }

// One line, whatever the message held: a newline or ESC from a name shows as \n or \x1b.
std::string one_line(const std::string& text) { return attune::cli::printable(text); }
}  // namespace

int main(int argc, char** argv) {
  const attune::cli::TerminalGuard terminal;  // nothing reaches the terminal unescaped
  attune::cli::Context context;
  CLI::App app{"attune-cli: code parent–child sessions against a coding scheme, from the command line", "attune-cli"};
  app.set_version_flag("--version", std::string("attune-cli ") + attune::version());
  app.set_help_all_flag("--help-all", "Print this help with every command's options");
  app.option_defaults()->always_capture_default();
  app.add_option("--db", context.db_path, "Database file (default: $ATTUNE_DB, else $XDG_DATA_HOME/attune/attune.db)");
  app.add_flag("--json", context.json, "Machine-readable JSON output");
  app.fallthrough();
  app.require_subcommand(1);

  attune::cli::add_scheme_commands(app, context);
  attune::cli::add_session_commands(app, context);
  attune::cli::add_event_commands(app, context);
  attune::cli::add_history_commands(app, context);
  attune::cli::add_demo_command(app, context);
  attune::cli::add_verify_command(app, context);
  attune::cli::add_export_commands(app, context);
  attune::cli::add_agreement_command(app, context);
  attune::cli::add_review_commands(app, context);
  attune::cli::add_audit_command(app, context);
  attune::cli::add_rating_commands(app, context);
  attune::cli::add_supervisor_commands(app, context);
  attune::cli::add_backup_commands(app, context);
  attune::cli::add_completion_flag(app);  // last: it writes the whole tree

  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForAllHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForVersion& e) {
    return app.exit(e);
  } catch (const CLI::Success& e) {  // --bash-completion, already printed
    return app.exit(e);
  } catch (const CLI::ParseError& e) {
    // CLI11 says "A subcommand is required" for a mistyped command; name the word instead.
    const std::vector<std::string> extra = app.remaining();
    if (!extra.empty() && app.get_subcommands().empty())
      std::cerr << "error: unknown command '" << one_line(extra.front()) << "' (see attune-cli --help)\n";
    else
      std::cerr << "error: " << one_line(e.what()) << " (see attune-cli --help)\n";
    return 2;
  } catch (const attune::cli::ExitWith& e) {
    return e.code;
  } catch (const attune::Error& e) {
    std::cerr << "error: " << one_line(e.what()) << '\n';
    return exit_code(e.kind());
  } catch (const std::exception& e) {
    std::cerr << "error: " << one_line(e.what()) << '\n';
    return 1;
  }
  return 0;
}
