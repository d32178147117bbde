#pragma once
// Runs the real attune-cli against a database in a private temporary folder.
#include <string>
#include <vector>

#include "process.h"

namespace attune::test {

// A small valid scheme: child affect states (exclusive), a distress state with an
// intensity modifier, a bid point code with a channel modifier.
inline const char* kTinyScheme = R"({
  "name": "tiny",
  "version": 1,
  "description": "A small scheme for the CLI tests",
  "subjects": [{"id": "parent", "name": "Parent", "key": "P"}, {"id": "child", "name": "Child", "key": "C"}],
  "groups": [
    {"id": "affect", "name": "Child affect", "exclusive": true, "exhaustive": false},
    {"id": "signals", "name": "Child signals", "exclusive": false, "exhaustive": false}
  ],
  "modifiers": [
    {"id": "channel", "name": "Channel", "kind": "single", "values": ["vocal", "gesture"]},
    {"id": "intensity", "name": "Intensity", "kind": "number", "min": 1, "max": 3}
  ],
  "codes": [
    {"id": "pos", "name": "Positive", "group": "affect", "kind": "state", "subjects": ["child"], "key": "q",
     "color": "#4caf50", "definition": "Smiles or laughs.", "modifiers": []},
    {"id": "neg", "name": "Negative", "group": "affect", "kind": "state", "subjects": ["child"], "key": "w",
     "color": "#e53935", "definition": "Frowns, fusses or cries.", "modifiers": ["intensity"]},
    {"id": "bid", "name": "Bid", "group": "signals", "kind": "point", "subjects": ["child"], "key": "b",
     "color": "#1e88e5", "definition": "Child seeks the parent's attention.", "modifiers": ["channel"]},
    {"id": "look", "name": "Look", "group": "signals", "kind": "point", "subjects": ["parent", "child"], "key": "l",
     "color": "#8e24aa", "definition": "Looks at the partner's face.", "modifiers": []}
  ],
  "ratings": [],
  "rules": []
})";

class Cli {
 public:
  Cli() : db_(dir_.file("data/attune.db")) {}
  const std::string& db() const { return db_; }
  const TempDir& dir() const { return dir_; }

  ProcessResult operator()(std::vector<std::string> args) const {
    args.insert(args.begin(), {ATTUNE_CLI_PATH, "--db", db_});
    return run_process(args, {"ATTUNE_USER=tester"});
  }
  // Runs without --db, with the given environment (default-location tests).
  ProcessResult bare(std::vector<std::string> args, std::vector<std::string> env) const {
    args.insert(args.begin(), ATTUNE_CLI_PATH);
    return run_process(args, env);
  }
  std::string write_scheme(const std::string& name, const std::string& text) const {
    const std::string path = dir_.file(name);
    write_file(path, text);
    return path;
  }

 private:
  TempDir dir_;
  std::string db_;
};

inline std::string trimmed(std::string s) {
  while (!s.empty() && (s.back() == '\n' || s.back() == ' ')) s.pop_back();
  return s;
}

}  // namespace attune::test
