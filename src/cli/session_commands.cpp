// attune-cli session create | list | show | delete
#include <iostream>

#include <nlohmann/json.hpp>

#include "cli/commands.h"
#include "cli/output.h"
#include "media/video_probe.h"
#include "core/embedded.h"
#include "core/error.h"
#include "scheme/scheme_loader.h"

namespace attune::cli {

namespace {

struct CreateOptions {
  std::string scheme, dyad, coder, type, video, duration, fps;
  std::optional<int> child_age_months;
};

// Finds NAME[@VERSION] in the database; a scheme shipped with Attune is imported on first use.
std::int64_t resolve_scheme(Store& store, const std::string& ref) {
  auto [name, version] = parse_scheme_ref(ref);
  if (auto row = store.find_scheme(name, version)) return row->id;
  for (const char* shipped : {"samples/schemes/attachment-core.json", "samples/schemes/pcit-dpics.json"}) {
    const std::string text(embedded_file(shipped));
    SchemeLoadResult loaded = load_scheme_text(text, shipped);  // which shipped scheme it is
    if (loaded.ok() && loaded.scheme->name == name && (!version || loaded.scheme->version == *version))
      return store.import_scheme(text, shipped);
  }
  std::string known;
  for (const SchemeRow& row : store.schemes())
    known += (known.empty() ? "" : ", ") + row.name + "@" + std::to_string(row.version);
  throw Error(ErrorKind::InvalidInput, "no scheme '" + ref + "' in the database (" +
                                           (known.empty() ? std::string("none imported") : "have: " + known) +
                                           "); import one with 'attune-cli scheme import FILE'");
}

void create(const CreateOptions& o, const Context& context) {
  if (o.dyad.empty()) throw Error(ErrorKind::InvalidInput, "--dyad must not be empty");
  if (o.child_age_months && (*o.child_age_months < 0 || *o.child_age_months > 240))
    throw Error(ErrorKind::InvalidInput, "--child-age-months must be between 0 and 240");
  Recording recording;
  recording.dyad = o.dyad;
  recording.child_age_months = o.child_age_months;
  recording.session_type = o.type;
  if (!o.video.empty()) {
    apply_video(recording, probe_video(o.video));
  }
  if (!o.fps.empty()) recording.fps = parse_frame_rate(o.fps);
  if (!o.duration.empty()) {
    recording.duration = parse_seconds(o.duration);
    if (*recording.duration <= 0) throw Error(ErrorKind::InvalidInput, "--duration must be positive");
  }
  auto store = context.open_store();
  const std::int64_t scheme_id = resolve_scheme(*store, o.scheme);
  const SessionId id = store->create_session(recording, scheme_id, o.coder.empty() ? current_actor() : o.coder);
  if (context.json) print_json(std::cout, {{"id", id}});
  else std::cout << id << '\n';
}

void list(const Context& context) {
  auto store = context.open_for_reading();
  std::vector<SessionInfo> sessions = store->sessions();
  nlohmann::json out = nlohmann::json::array();
  std::vector<std::vector<std::string>> table;
  for (const SessionInfo& s : sessions) {
    const Recording r = store->recording(s.recording_id);
    if (context.json) out.push_back(session_json(s, r));
    table.push_back({std::to_string(s.id), std::to_string(r.id), r.dyad, s.coder + (s.is_master ? " (master)" : ""),
                     s.scheme_name + "@" + std::to_string(s.scheme_version), to_string(s.status), r.session_type,
                     s.modified_utc});
  }
  if (context.json) print_json(std::cout, out);
  else print_table(std::cout, {"id", "recording", "dyad", "coder", "scheme", "status", "type", "modified (UTC)"}, table);
}

void show(const std::string& id_text, const Context& context) {
  auto store = context.open_for_reading();
  LoadedSession s = load_session(*store, parse_id(id_text, "SESSION"));
  const auto events = s.model->events();
  std::vector<const Event*> open = s.model->open_states();
  if (context.json) {
    nlohmann::json out = session_json(s.info, s.recording);
    out["event_count"] = events.size();
    nlohmann::json running = nlohmann::json::array();
    for (const Event* e : open) running.push_back(event_json(*e));
    out["open_states"] = running;
    out["undo"] = s.history->undo_label() ? nlohmann::json(*s.history->undo_label()) : nlohmann::json(nullptr);
    out["redo"] = s.history->redo_label() ? nlohmann::json(*s.history->redo_label()) : nlohmann::json(nullptr);
    print_json(std::cout, out);
    return;
  }
  const Recording& r = s.recording;
  // One "label  value" line each; values are stored text, shown escaped.
  auto line = [](const char* label, const std::string& value) {
    std::cout << label << std::string(14 - std::string_view(label).size(), ' ') << printable(value) << '\n';
  };
  line("session", std::to_string(s.info.id) + (s.info.is_master ? " (master coding)" : ""));
  line("dyad", r.dyad);
  line("child age", r.child_age_months ? std::to_string(*r.child_age_months) + " months" : "-");
  line("type", r.session_type.empty() ? "-" : r.session_type);
  line("coder", s.info.coder);
  line("scheme", s.info.scheme_name + "@" + std::to_string(s.info.scheme_version));
  line("status", to_string(s.info.status));
  line("video", r.video_path.empty() ? "-" : r.video_path);
  line("fps", r.fps.valid() ? format_frame_rate(r.fps) : "-");
  line("duration", r.duration ? format_seconds(*r.duration) + " s" : "-");
  line("events", std::to_string(events.size()));
  line("running", std::to_string(open.size()));
  line("undo", s.history->undo_label().value_or("-"));
  line("redo", s.history->redo_label().value_or("-"));
  line("created (UTC)", s.info.created_utc);
  line("modified", s.info.modified_utc);
}

// A session started by mistake leaves the lists; its rows stay for the audit trail.
void remove(const std::string& id_text, const Context& context) {
  auto store = context.open_existing_store();
  const SessionId id = parse_id(id_text, "SESSION");
  const SessionInfo info = store->session(id);  // NotFound, also when already deleted
  const Recording r = store->recording(info.recording_id);
  store->delete_session(id);
  if (context.json) print_json(std::cout, {{"deleted", session_json(info, r)}});
  else std::cout << "session " << id << " (dyad " << printable(r.dyad) << ", coder " << printable(info.coder)
                 << ") deleted; its rows stay in the database for the audit trail\n";
}

}  // namespace

void add_session_commands(CLI::App& app, Context& context) {
  CLI::App* session = app.add_subcommand("session", "Create, list and show coding sessions");
  session->require_subcommand(1);

  auto o = std::make_shared<CreateOptions>();
  CLI::App* create_cmd = session->add_subcommand("create", "Create a recording and one coder's session of it; prints the session id");
  create_cmd->add_option("--scheme", o->scheme, "Scheme NAME or NAME@VERSION")->required();
  create_cmd->add_option("--dyad", o->dyad, "Dyad pseudonym (never a name)")->required();
  create_cmd->add_option("--coder", o->coder, "Coder (default: $ATTUNE_USER, else your saved name, else $USER)");
  create_cmd->add_option("--type", o->type, "Session type: free play, still-face, feeding …");
  create_cmd->add_option("--child-age-months", o->child_age_months, "Child age in months");
  create_cmd->add_option("--video", o->video, "Video file (size, SHA-256, frame rate and duration are recorded)");
  create_cmd->add_option("--fps", o->fps, "Frame rate (25, 29.97, 30000/1001) when not read from the video");
  create_cmd->add_option("--duration", o->duration, "Duration in seconds when not read from the video");
  create_cmd->callback([o, &context] { create(*o, context); });

  session->add_subcommand("list", "List sessions")->callback([&context] { list(context); });

  auto id = std::make_shared<std::string>();
  CLI::App* show_cmd = session->add_subcommand("show", "Show one session");
  show_cmd->add_option("session", *id, "Session id")->required();
  show_cmd->callback([id, &context] { show(*id, context); });

  auto doomed = std::make_shared<std::string>();
  CLI::App* delete_cmd = session->add_subcommand(
      "delete", "Delete a session started by mistake: your own while coding; a supervisor any not approved "
                "(the rows stay for the audit trail)");
  delete_cmd->add_option("session", *doomed, "Session id")->required();
  delete_cmd->callback([doomed, &context] { remove(*doomed, context); });
}

}  // namespace attune::cli
