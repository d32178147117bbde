// attune-cli scheme export: a stored scheme goes back to its JSON file byte for byte, so
// JSON -> store -> JSON round-trips and importing the export again finds the same version.
#include <doctest/doctest.h>

#include "cli_fixture.h"

using namespace attune::test;

TEST_CASE("scheme export writes the stored JSON back - the file imports again as the same scheme") {
  Cli cli;
  const std::string original = cli.write_scheme("tiny.json", kTinyScheme);
  REQUIRE(cli({"scheme", "import", original}).exit_code == 0);

  const std::string out = cli.dir().file("tiny-export.json");
  const ProcessResult exported = cli({"scheme", "export", "tiny", "-o", out});
  INFO(exported.err);
  REQUIRE(exported.exit_code == 0);
  CHECK(exported.out == "exported tiny@1 to " + out + "\n");
  CHECK(read_file(out) == kTinyScheme);  // byte for byte

  const ProcessResult again = cli({"scheme", "import", out});
  CHECK(again.exit_code == 0);
  CHECK(again.out.find("imported tiny@1 as scheme 1") != std::string::npos);  // the same row

  const ProcessResult to_stdout = cli({"scheme", "export", "tiny", "--version", "1", "-o", "-"});
  CHECK(to_stdout.exit_code == 0);
  CHECK(to_stdout.out == kTinyScheme);

  const ProcessResult missing = cli({"scheme", "export", "tiny", "--version", "2", "-o", out});
  CHECK(missing.exit_code != 0);
  CHECK(trimmed(missing.err) == "error: scheme tiny version 2 is not in the database (see 'attune-cli scheme list')");
  CHECK(read_file(out) == kTinyScheme);  // untouched
}
