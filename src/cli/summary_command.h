#pragma once
// attune-cli summary: registered by add_export_commands (export_command.cpp).
#include <map>
#include <string>
#include <vector>

#include "cli/commands.h"
#include "core/time.h"

namespace attune::cli {

void add_summary_command(CLI::App& app, Context& context);

// Parses repeated --param NAME=SECONDS arguments. Throws Error(InvalidInput).
std::map<std::string, Micros> parse_param_overrides(const std::vector<std::string>& items);
// --sequential GROUP (repeatable) and --collapse-repeats, shared by summary and export.
void add_sequential_options(CLI::App* cmd, std::vector<std::string>& groups, bool& collapse_repeats);

}  // namespace attune::cli
