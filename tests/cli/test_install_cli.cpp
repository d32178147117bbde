// What the package installs beside attune-cli: --version names the version set once in
// CMake, and the bash completion written by `attune-cli --bash-completion` completes every
// command the CLI knows, their options and the options' choices.
#include <doctest/doctest.h>

#include <sstream>

#include "cli_fixture.h"
#include "core/version.h"

using namespace attune::test;

namespace {

// The names listed under "Subcommands:" in a --help text.
std::vector<std::string> subcommands_in(const std::string& help) {
  std::vector<std::string> names;
  std::istringstream lines(help);
  std::string line;
  bool inside = false;
  while (std::getline(lines, line)) {
    if (line.rfind("Subcommands:", 0) == 0) {
      inside = true;
    } else if (inside && line.size() > 2 && line.rfind("  ", 0) == 0 && line[2] != ' ') {
      names.push_back(line.substr(2, line.find(' ', 2) - 2));
    } else if (inside && !line.empty()) {
      inside = false;
    }
  }
  return names;
}

std::string joined(const std::vector<std::string>& words) {
  std::string out;
  for (const std::string& w : words) out += (out.empty() ? "" : " ") + w;
  return out;
}

// What bash completes for the last of `words` with the given completion script.
std::string completes(const std::string& script, std::vector<std::string> words) {
  std::vector<std::string> argv = {"/bin/bash", "-c",
                                   ". \"$1\"; shift; COMP_WORDS=(\"$@\"); COMP_CWORD=$(($# - 1)); _attune_cli; "
                                   "echo \"${COMPREPLY[*]}\"",
                                   "bash", script};
  argv.insert(argv.end(), words.begin(), words.end());
  const ProcessResult r = run_process(argv);
  REQUIRE_MESSAGE(r.exit_code == 0, r.err);
  return trimmed(r.out);
}

}  // namespace

TEST_CASE("attune-cli --version prints its name and the version set in CMake") {
  const Cli cli;
  const ProcessResult r = cli.bare({"--version"}, {});
  CHECK(r.exit_code == 0);
  CHECK(r.out == std::string("attune-cli ") + attune::version() + "\n");
  CHECK(std::string(attune::version()).find('.') != std::string::npos);
}

TEST_CASE("the bash completion completes every command the CLI knows, their options and choices") {
  const Cli cli;
  const ProcessResult generated = cli.bare({"--bash-completion"}, {});
  REQUIRE_MESSAGE(generated.exit_code == 0, generated.err);
  const std::string script = cli.dir().file("attune-cli.bash");
  write_file(script, generated.out);

  // Every command of `attune-cli --help`, and every subcommand of each, as --help lists them.
  const std::vector<std::string> commands = subcommands_in(cli.bare({"--help"}, {}).out);
  REQUIRE(commands.size() >= 15);
  CHECK(completes(script, {"attune-cli", ""}) == joined(commands));
  for (const std::string& command : commands) {
    const std::vector<std::string> subs = subcommands_in(cli.bare({command, "--help"}, {}).out);
    if (subs.empty()) continue;
    CAPTURE(command);
    CHECK(completes(script, {"attune-cli", command, ""}) == joined(subs));
  }

  CHECK(completes(script, {"attune-cli", "sch"}) == "scheme");
  CHECK(completes(script, {"attune-cli", "--db", "x.db", "session", "cr"}) == "create");  // --db's value skipped
  CHECK(completes(script, {"attune-cli", "export", "--form"}) == "--format");
  CHECK(completes(script, {"attune-cli", "export", "--format", ""}) == "csv json sdis html");
  CHECK(completes(script, {"attune-cli", "event", "add", "1", "bid", "--at", "2", "--sub"}) == "--subject");
  CHECK(completes(script, {"attune-cli", "scheme", "import", "--j"}) == "--json");  // the global options too
  CHECK(completes(script, {"attune-cli", "--db", ""}).empty());  // a file: bash's own (-o default)
}
