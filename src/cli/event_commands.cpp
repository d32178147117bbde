// attune-cli event add | list | edit | delete, and undo / redo
#include <iostream>

#include <nlohmann/json.hpp>

#include "cli/commands.h"
#include "cli/output.h"
#include "core/error.h"

namespace attune::cli {

namespace {

struct EventOptions {
  std::string session, event, code, at, end, subject, comment;
  std::vector<std::string> modifiers;
  bool has_comment = false;
};

void add(const EventOptions& o, const Context& context) {
  auto store = context.open_store();
  LoadedSession s = load_session(*store, parse_id(o.session, "SESSION"));
  use_frame_index(s, *store);
  AddEvent command;
  command.code = o.code;
  command.subject = o.subject;
  command.start = parse_seconds(o.at);
  if (!o.end.empty()) command.end = parse_seconds(o.end);
  command.modifiers = parse_modifiers(o.modifiers);
  command.comment = o.comment;
  // apply() returns only after the store's transaction has committed.
  ChangeSet committed = s.history->apply(command);
  const Event& added = committed.ops.back().after;
  if (context.json) print_json(std::cout, {{"id", added.id}, {"event", event_json(added)}});
  else std::cout << added.id << std::endl;
}

void list(const EventOptions& o, const Context& context) {
  auto store = context.open_for_reading();
  const SessionId id = parse_id(o.session, "SESSION");
  store->session(id);  // NotFound for an unknown session rather than an empty list
  print_events(std::cout, store->events(id), context.json);
}

void edit(const EventOptions& o, const Context& context) {
  auto store = context.open_store();
  const EventId event = parse_id(o.event, "EVENT");
  LoadedSession s = load_session(*store, store->session_of_event(event));
  use_frame_index(s, *store);
  EditEvent command;
  command.id = event;
  if (!o.at.empty()) command.start = parse_seconds(o.at);
  if (o.end == "open") command.end = std::optional<Micros>();
  else if (!o.end.empty()) command.end = parse_seconds(o.end);
  if (!o.code.empty()) command.code = o.code;
  if (!o.subject.empty()) command.subject = o.subject;
  command.set_modifiers = parse_modifiers(o.modifiers);
  if (o.has_comment) command.comment = o.comment;
  ChangeSet committed = s.history->apply(command);
  if (committed.empty()) {
    std::cout << "event " << event << " unchanged\n";
    return;
  }
  const Event& after = committed.ops.back().after;
  if (context.json) print_json(std::cout, event_json(after));
  else std::cout << "event " << event << " updated\n";
}

void remove(const EventOptions& o, const Context& context) {
  auto store = context.open_store();
  const EventId event = parse_id(o.event, "EVENT");
  LoadedSession s = load_session(*store, store->session_of_event(event));
  s.history->apply(DeleteEvent{event});
  if (context.json) print_json(std::cout, {{"deleted", event}});
  else std::cout << "event " << event << " deleted\n";
}

void step(const std::string& session, bool forward, const Context& context) {
  auto store = context.open_store();
  LoadedSession s = load_session(*store, parse_id(session, "SESSION"));
  // The step is chosen, checked and applied inside one transaction: the label printed is
  // the one committed, whatever another writer did in between.
  const std::optional<ChangeSet> applied = forward ? s.history->redo_change() : s.history->undo_change();
  if (!applied)
    throw Error(ErrorKind::Conflict, std::string("nothing to ") + (forward ? "redo" : "undo") + " in session " + session);
  if (context.json) print_json(std::cout, {{forward ? "redone" : "undone", applied->label}});
  else std::cout << (forward ? "redone: " : "undone: ") << applied->label << '\n';
}

}  // namespace

void add_event_commands(CLI::App& app, Context& context) {
  CLI::App* event = app.add_subcommand("event", "Add, list, edit and delete coded events");
  event->require_subcommand(1);

  auto a = std::make_shared<EventOptions>();
  CLI::App* add_cmd = event->add_subcommand("add", "Code an event; prints its id once it is committed");
  add_cmd->add_option("session", a->session, "Session id")->required();
  add_cmd->add_option("code", a->code, "Code id from the session's scheme")->required();
  add_cmd->add_option("--at", a->at, "Start in seconds (up to 6 decimals)")->required();
  add_cmd->add_option("--end", a->end, "End in seconds for a state (omit to leave it running)");
  add_cmd->add_option("--subject", a->subject, "Subject id (default: the code's only subject)");
  add_cmd->add_option("--modifier", a->modifiers, "Modifier value as ID=VALUE (repeatable)");
  add_cmd->add_option("--comment", a->comment, "Free-text comment");
  add_cmd->callback([a, &context] { add(*a, context); });

  auto l = std::make_shared<EventOptions>();
  CLI::App* list_cmd = event->add_subcommand("list", "List a session's events by time");
  list_cmd->add_option("session", l->session, "Session id")->required();
  list_cmd->callback([l, &context] { list(*l, context); });

  auto e = std::make_shared<EventOptions>();
  CLI::App* edit_cmd = event->add_subcommand("edit", "Change an event's times, code, subject, modifiers or comment");
  edit_cmd->add_option("event", e->event, "Event id")->required();
  edit_cmd->add_option("--at", e->at, "New start in seconds");
  edit_cmd->add_option("--end", e->end, "New end in seconds, or 'open' to let the state run");
  edit_cmd->add_option("--code", e->code, "New code id");
  edit_cmd->add_option("--subject", e->subject, "New subject id");
  edit_cmd->add_option("--modifier", e->modifiers, "Set ID=VALUE; ID= removes it (repeatable)");
  CLI::Option* comment = edit_cmd->add_option("--comment", e->comment, "New comment ('' clears it)");
  edit_cmd->callback([e, comment, &context] {
    e->has_comment = comment->count() > 0;
    edit(*e, context);
  });

  auto d = std::make_shared<EventOptions>();
  CLI::App* delete_cmd = event->add_subcommand("delete", "Delete an event (undo brings it back)");
  delete_cmd->add_option("event", d->event, "Event id")->required();
  delete_cmd->callback([d, &context] { remove(*d, context); });
}

void add_history_commands(CLI::App& app, Context& context) {
  auto session = std::make_shared<std::string>();
  CLI::App* undo_cmd = app.add_subcommand("undo", "Undo the session's last change");
  undo_cmd->add_option("session", *session, "Session id")->required();
  undo_cmd->callback([session, &context] { step(*session, false, context); });

  auto redo_session = std::make_shared<std::string>();
  CLI::App* redo_cmd = app.add_subcommand("redo", "Redo the session's last undone change");
  redo_cmd->add_option("session", *redo_session, "Session id")->required();
  redo_cmd->callback([redo_session, &context] { step(*redo_session, true, context); });
}

}  // namespace attune::cli
