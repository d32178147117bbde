// Supervisor review from the command line:
//   attune-cli session recode RECORDING [--coder NAME] [--scheme NAME[@VERSION]]
//   attune-cli session submit|review|approve|return SESSION
//   attune-cli session unlock SESSION --reason TEXT
//   attune-cli session master SESSION [--clear]
//   attune-cli comment add SESSION [--at S | --event ID] TEXT
//   attune-cli comment list SESSION
//   attune-cli comment edit ID --text TEXT
//   attune-cli comment delete ID
#include <iostream>

#include <nlohmann/json.hpp>

#include "cli/commands.h"
#include "cli/output.h"
#include "core/error.h"
#include "store/session_loader.h"

namespace attune::cli {

namespace {

using nlohmann::json;

struct ReviewArgs {
  std::string session, recording, coder, scheme, reason, at, event, text, comment;
  bool clear = false;
  bool with_running = false;  // approve: also when states are still running
};

// A fresh, empty coding of a recording by another coder. The scheme defaults to the one the
// recording's master coding (else its first coding) uses, so the codings can be compared.
void recode(const ReviewArgs& a, const Context& context) {
  auto store = context.open_existing_store();
  const RecordingId recording = parse_id(a.recording, "RECORDING");
  store->recording(recording);  // NotFound
  std::int64_t scheme_id = 0;
  if (!a.scheme.empty()) {
    auto [name, version] = parse_scheme_ref(a.scheme);
    const std::optional<SchemeRow> row = store->find_scheme(name, version);
    if (!row) throw Error(ErrorKind::InvalidInput, "no scheme '" + a.scheme + "' in the database (see 'attune-cli scheme list')");
    scheme_id = row->id;
  } else {
    const std::vector<SessionInfo> codings = store->sessions_of_recording(recording);
    if (codings.empty())
      throw Error(ErrorKind::InvalidInput, "recording " + a.recording + " has no coding to take the scheme from; give --scheme");
    scheme_id = codings.front().scheme_id;
    for (const SessionInfo& s : codings)
      if (s.is_master) scheme_id = s.scheme_id;
  }
  const SessionId id = store->create_session_for_recording(recording, scheme_id, a.coder.empty() ? current_actor() : a.coder);
  if (context.json) print_json(std::cout, {{"id", id}, {"recording", recording}});
  else std::cout << id << '\n';
}

// Approving locks the coding, so states that were never ended are named first (as the
// window's review panel asks), and approved only when asked for with --with-running.
void refuse_running_states(Store& store, const SessionInfo& session) {
  const std::shared_ptr<const Scheme> scheme = load_stored_scheme(store, session.scheme_id);
  std::string running;
  int count = 0;
  for (const Event& e : store.events(session.id)) {
    const Code* code = scheme->find_code(e.code);
    if (!e.is_open() || !code || code->kind != CodeKind::State) continue;
    running += std::string(count++ ? "; " : "") + code->name + (e.subject.empty() ? "" : ", " + e.subject) +
               ", from " + format_clock(e.start);
  }
  if (count == 0) return;
  throw Error(ErrorKind::InvalidInput, "session " + std::to_string(session.id) + " has " + std::to_string(count) +
                                           (count == 1 ? " state" : " states") + " still running (" + running +
                                           "): end them first, or approve anyway with --with-running");
}

void change_status(const ReviewArgs& a, SessionStatus to, const Context& context) {
  auto store = context.open_existing_store();
  const SessionId id = parse_id(a.session, "SESSION");
  const SessionInfo info = store->session(id);
  const SessionStatus from = info.status;
  if (to == SessionStatus::Approved && from != to && !a.with_running) refuse_running_states(*store, info);
  store->set_session_status(id, to);
  if (context.json) print_json(std::cout, {{"session", id}, {"from", to_string(from)}, {"status", to_string(to)}});
  else if (from == to) std::cout << "session " << id << " is already " << to_string(to) << '\n';
  else std::cout << "session " << id << ": " << to_string(from) << " → " << to_string(to) << '\n';
}

void unlock(const ReviewArgs& a, const Context& context) {
  auto store = context.open_existing_store();
  const SessionId id = parse_id(a.session, "SESSION");
  store->unlock_session(id, a.reason);
  if (context.json) print_json(std::cout, {{"session", id}, {"from", "approved"}, {"status", "coding"}, {"reason", a.reason}});
  else std::cout << "session " << id << " unlocked: approved → coding (reason: " << printable(a.reason) << ")\n";
}

void master(const ReviewArgs& a, const Context& context) {
  auto store = context.open_existing_store();
  const SessionId id = parse_id(a.session, "SESSION");
  const SessionInfo info = store->session(id);
  std::optional<SessionId> previous;
  for (const SessionInfo& s : store->sessions_of_recording(info.recording_id))
    if (s.is_master && s.id != id) previous = s.id;
  store->set_master(id, !a.clear);
  if (context.json) {
    print_json(std::cout, {{"session", id},
                           {"recording", info.recording_id},
                           {"is_master", !a.clear},
                           {"previous_master", previous && !a.clear ? json(*previous) : json(nullptr)}});
  } else if (a.clear) {
    std::cout << "session " << id << " is not the master coding of recording " << info.recording_id << '\n';
  } else {
    std::cout << "session " << id << " is the master coding of recording " << info.recording_id
              << (previous ? " (instead of session " + std::to_string(*previous) + ")" : "") << '\n';
  }
}

json comment_json(const SessionComment& c) {
  return {{"id", c.id},
          {"session", c.session_id},
          {"at_s", c.at ? json(static_cast<double>(*c.at) / 1e6) : json(nullptr)},
          {"at_us", c.at ? json(*c.at) : json(nullptr)},
          {"event", c.event_id ? json(*c.event_id) : json(nullptr)},
          {"author", c.author},
          {"text", c.text},
          {"created_utc", c.created_utc}};
}

void add_comment(const ReviewArgs& a, const Context& context) {
  auto store = context.open_existing_store();
  const SessionId id = parse_id(a.session, "SESSION");
  std::optional<Micros> at;
  std::optional<EventId> event;
  if (!a.at.empty()) at = parse_seconds(a.at);
  if (!a.event.empty()) event = parse_id(a.event, "--event");
  const std::int64_t comment = store->add_comment(id, a.text, at, event);
  if (context.json) print_json(std::cout, {{"id", comment}});
  else std::cout << comment << '\n';
}

void list_comments(const ReviewArgs& a, const Context& context) {
  auto store = context.open_for_reading();
  const std::vector<SessionComment> comments = store->comments(parse_id(a.session, "SESSION"));
  if (context.json) {
    json out = json::array();
    for (const SessionComment& c : comments) out.push_back(comment_json(c));
    print_json(std::cout, out);
    return;
  }
  std::vector<std::vector<std::string>> rows;
  for (const SessionComment& c : comments)
    rows.push_back({std::to_string(c.id), c.at ? format_seconds_fixed(*c.at) : "session",
                    c.event_id ? std::to_string(*c.event_id) : "-", c.author, c.created_utc, c.text});
  print_table(std::cout, {"id", "at_s", "event", "author", "created (UTC)", "text"}, rows);
}

// Where a comment sits, for people: "the session", "12.500000 s" or "event 7 at 12.500000 s".
std::string comment_place(const SessionComment& c) {
  if (c.event_id) return "event " + std::to_string(*c.event_id) + " at " + format_seconds_fixed(c.at.value_or(0)) + " s";
  if (c.at) return format_seconds_fixed(*c.at) + " s";
  return "the session";
}

void edit_comment(const ReviewArgs& a, const Context& context) {
  auto store = context.open_existing_store();
  const std::int64_t id = parse_id(a.comment, "ID");
  const SessionComment before = store->comment(id);
  store->edit_comment(id, a.text);
  if (context.json) {
    json out = comment_json(store->comment(id));
    out["old_text"] = before.text;
    print_json(std::cout, out);
  } else if (before.text == a.text) {
    std::cout << "comment " << id << " already says that; nothing changed\n";
  } else {
    std::cout << "comment " << id << " on session " << before.session_id << " (" << comment_place(before)
              << ") edited\n";
  }
}

void delete_comment(const ReviewArgs& a, const Context& context) {
  auto store = context.open_existing_store();
  const std::int64_t id = parse_id(a.comment, "ID");
  const SessionComment before = store->comment(id);
  store->delete_comment(id);
  if (context.json) print_json(std::cout, {{"deleted", comment_json(before)}});
  else std::cout << "comment " << id << " on session " << before.session_id << " (" << comment_place(before)
                 << ") deleted; the audit trail keeps its text\n";
}

CLI::App* with_session(CLI::App* cmd, const std::shared_ptr<ReviewArgs>& a) {
  cmd->add_option("session", a->session, "Session id")->required();
  return cmd;
}

}  // namespace

void add_review_commands(CLI::App& app, Context& context) {
  CLI::App* session = app.get_subcommand("session");  // registered by add_session_commands

  auto r = std::make_shared<ReviewArgs>();
  CLI::App* recode_cmd = session->add_subcommand(
      "recode", "Start another coder's fresh coding of a recording (no events copied); prints the session id");
  recode_cmd->add_option("recording", r->recording, "Recording id (see 'attune-cli session list')")->required();
  recode_cmd->add_option("--coder", r->coder, "Coder (default: $ATTUNE_USER, else your saved name, else $USER)");
  recode_cmd->add_option("--scheme", r->scheme, "Scheme NAME[@VERSION] (default: the one the recording's master coding uses)");
  recode_cmd->callback([r, &context] { recode(*r, context); });

  const std::pair<const char*, SessionStatus> moves[] = {
      {"submit", SessionStatus::Submitted},
      {"review", SessionStatus::Reviewed},
      {"approve", SessionStatus::Approved},
      {"return", SessionStatus::Coding}};
  const char* help[] = {"Coder: hand the coding in for review (coding → submitted)",
                        "Supervisor: mark the coding as reviewed (submitted → reviewed)",
                        "Supervisor: approve and lock the coding (reviewed → approved)",
                        "Supervisor: send the coding back to its coder (submitted or reviewed → coding)"};
  for (std::size_t i = 0; i < std::size(moves); ++i) {
    auto a = std::make_shared<ReviewArgs>();
    const SessionStatus to = moves[i].second;
    CLI::App* move = with_session(session->add_subcommand(moves[i].first, help[i]), a);
    if (to == SessionStatus::Approved)
      move->add_flag("--with-running", a->with_running, "Approve although states are still running (no end)");
    move->callback([a, to, &context] { change_status(*a, to, context); });
  }

  auto u = std::make_shared<ReviewArgs>();
  CLI::App* unlock_cmd = with_session(session->add_subcommand("unlock", "Supervisor: unlock an approved coding for changes (approved → coding)"), u);
  unlock_cmd->add_option("--reason", u->reason, "Why it is unlocked (kept in the audit trail)")->required();
  unlock_cmd->callback([u, &context] { unlock(*u, context); });

  auto m = std::make_shared<ReviewArgs>();
  CLI::App* master_cmd = with_session(
      session->add_subcommand("master", "Mark the coding as its recording's master coding (the one others are compared with)"), m);
  master_cmd->add_flag("--clear", m->clear, "Remove the mark instead");
  master_cmd->callback([m, &context] { master(*m, context); });

  CLI::App* comment = app.add_subcommand("comment", "Supervisor comments on a session, a moment or an event");
  comment->require_subcommand(1);
  auto c = std::make_shared<ReviewArgs>();
  CLI::App* add_cmd = with_session(comment->add_subcommand("add", "Comment on a session; prints the comment id"), c);
  add_cmd->add_option("text", c->text, "The comment")->required();
  CLI::Option* at = add_cmd->add_option("--at", c->at, "The moment in seconds");
  CLI::Option* event = add_cmd->add_option("--event", c->event, "The event id (its onset is kept as the moment)");
  at->excludes(event);
  add_cmd->callback([c, &context] { add_comment(*c, context); });

  auto l = std::make_shared<ReviewArgs>();
  with_session(comment->add_subcommand("list", "List a session's comments: session-wide first, then by moment"), l)
      ->callback([l, &context] { list_comments(*l, context); });

  auto e = std::make_shared<ReviewArgs>();
  CLI::App* edit_cmd = comment->add_subcommand("edit", "Replace a comment's text (the old text stays in the audit trail)");
  edit_cmd->add_option("id", e->comment, "Comment id (see 'attune-cli comment list SESSION')")->required();
  edit_cmd->add_option("--text", e->text, "The new text")->required();
  edit_cmd->callback([e, &context] { edit_comment(*e, context); });

  auto d = std::make_shared<ReviewArgs>();
  CLI::App* delete_cmd = comment->add_subcommand("delete", "Delete a comment (the audit trail keeps it)");
  delete_cmd->add_option("id", d->comment, "Comment id (see 'attune-cli comment list SESSION')")->required();
  delete_cmd->callback([d, &context] { delete_comment(*d, context); });
}

}  // namespace attune::cli
