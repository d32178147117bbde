#pragma once
// attune-cli run against a database of its own in a fresh folder, for the export tests
// (exports land beside the database, in folder()).
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "../cli/process.h"

namespace attune::export_test {

class Cli {
 public:
  Cli() : db_(dir_.file("attune.db")) {}
  test::ProcessResult operator()(std::vector<std::string> args) const {
    args.insert(args.begin(), {ATTUNE_CLI_PATH, "--db", db_});
    return test::run_process(args, {"ATTUNE_USER=tester"});
  }
  // As an unprivileged user, who (unlike root) is held to file permissions.
  test::ProcessResult as_nobody(std::vector<std::string> args) const {
    args.insert(args.begin(), {ATTUNE_CLI_PATH, "--db", db_});
    return test::run_process(test::unprivileged(args, dir_.path()), {"ATTUNE_USER=tester"});
  }
  std::string file(const std::string& name) const { return dir_.file(name); }
  const std::string& db() const { return db_; }
  const std::string& folder() const { return dir_.path(); }

 private:
  test::TempDir dir_;
  std::string db_;
};

inline void ok(const test::ProcessResult& r) { REQUIRE_MESSAGE(r.exit_code == 0, r.err); }

}  // namespace attune::export_test
