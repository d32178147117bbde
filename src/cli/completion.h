#pragma once
// The bash completion script of attune-cli, written from the command tree the parser holds
// (every subcommand, option and choice), so the completion cannot drift from the CLI. The
// build writes it with `attune-cli --bash-completion`; the package installs it.
#include <CLI/CLI.hpp>

#include <string>

namespace attune::cli {

std::string bash_completion(const CLI::App& app);

// Adds the hidden --bash-completion flag: prints bash_completion(app) and exits 0.
void add_completion_flag(CLI::App& app);

}  // namespace attune::cli
