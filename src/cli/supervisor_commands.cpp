// Who may act as a supervisor (review, approve, return, unlock, master coding):
//   attune-cli supervisor list
//   attune-cli supervisor add NAME      (the first name is free; later ones need a supervisor)
//   attune-cli supervisor remove NAME
#include <iostream>

#include <nlohmann/json.hpp>

#include "cli/commands.h"
#include "cli/output.h"

namespace attune::cli {

namespace {

void list(const Context& context) {
  auto store = context.open_for_reading();
  const std::vector<std::string> names = store->supervisors();
  if (context.json) {
    print_json(std::cout, {{"supervisors", names}, {"you", store->actor()}, {"you_may_supervise", store->may_supervise()}});
    return;
  }
  if (names.empty()) {
    std::cout << "no supervisors named: everyone may review, approve and unlock ('supervisor add NAME' to name one)\n";
    return;
  }
  for (const std::string& n : names) std::cout << n << (n == store->actor() ? "  (you)" : "") << '\n';
}

}  // namespace

void add_supervisor_commands(CLI::App& app, Context& context) {
  CLI::App* cmd = app.add_subcommand("supervisor", "Who may review, approve, return and unlock codings");
  cmd->require_subcommand(1);
  cmd->add_subcommand("list", "List the supervisors")->callback([&context] { list(context); });

  auto name = std::make_shared<std::string>();
  CLI::App* add = cmd->add_subcommand("add", "Name a supervisor (by the user name Attune records)");
  add->add_option("name", *name, "User name")->required();
  add->callback([name, &context] {
    context.open_existing_store()->add_supervisor(*name);
    if (!context.json) std::cout << *name << " is a supervisor\n";
  });

  auto gone = std::make_shared<std::string>();
  CLI::App* remove = cmd->add_subcommand("remove", "Take a name off the supervisors");
  remove->add_option("name", *gone, "User name")->required();
  remove->callback([gone, &context] {
    context.open_existing_store()->remove_supervisor(*gone);
    if (!context.json) std::cout << *gone << " is not a supervisor\n";
  });
}

}  // namespace attune::cli
