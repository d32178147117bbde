// attune-cli demo: creates (or reopens) the demo session — the default scheme and a coded
// free-play / still-face / reunion session from samples/demo/demo-session.json.
#include <iostream>

#include <nlohmann/json.hpp>

#include "cli/commands.h"
#include "cli/output.h"
#include "core/error.h"
#include "store/demo_session.h"

namespace attune::cli {

namespace {

void demo(const Context& context) {
  auto store = context.open_store();
  const DemoSession demo = open_or_create_demo(*store);
  const SessionId id = demo.id;
  const bool existing = !demo.created;
  const std::vector<Event> events = store->events(id);
  if (context.json) {
    print_json(std::cout, {{"database", store->path()}, {"session", id}, {"created", !existing}, {"events", events.size()}});
    return;
  }
  std::cout << (existing ? "reopened" : "created") << " demo session " << id << " (" << events.size()
            << " events) in " << store->path() << "\n\n";
  print_events(std::cout, events, false);
}

}  // namespace

void add_demo_command(CLI::App& app, Context& context) {
  app.add_subcommand("demo", "Create (or reopen) the demo session with the default scheme")->callback([&context] {
    demo(context);
  });
}

}  // namespace attune::cli
