// attune-cli export (SESSION... | --all) --what events|summary|report --format csv|json|sdis|html
//   [--layout long|wide] [--profile analysis|spreadsheet] [--deidentify | --identified] [--param NAME=VALUE]... -o PATH
// De-identified is the default (docs/de-identification.md): pseudonymous dyad and coder ids, years
// for dates, no comments, free text or video paths. --identified keeps them, for files that
// stay in the clinic; --deidentify says the default out loud.
// and the registration of `summary` (summary_command.cpp).
#include <unistd.h>

#include <cstdlib>
#include <iostream>

#include <nlohmann/json.hpp>

#include "cli/output.h"
#include "cli/summary_command.h"
#include "core/error.h"
#include "export/atomic_file.h"
#include "export/exporter.h"
#include "media/frame_index_reader.h"

namespace attune::cli {

namespace {

struct ExportArgs {
  std::vector<std::string> sessions;
  bool all = false;
  std::string what, format, layout, profile, output;
  bool deidentify = false;  // given explicitly (the default anyway)
  bool identified = false;
  std::vector<std::string> params;
  std::vector<std::string> sequential;
  bool collapse_repeats = false;
};

// "exporting  [##########          ]  512/1000 sessions" on one line, redrawn in place.
class ProgressBar {
 public:
  explicit ProgressBar(bool enabled) : enabled_(enabled) {}
  void operator()(std::size_t done, std::size_t total) {
    if (!enabled_) return;
    constexpr std::size_t kWidth = 30;
    const std::size_t filled = total ? done * kWidth / total : kWidth;
    raw_err() << "\rexporting  [" << std::string(filled, '#') << std::string(kWidth - filled, ' ') << "]  " << done
              << '/' << total << " sessions" << std::flush;  // raw: the '\r' redraws the line
    if (done == total) raw_err() << '\n';
  }

 private:
  bool enabled_;
};

void run(const ExportArgs& a, const CLI::App& cmd, const Context& context) {
  exports::ExportOptions options;
  options.what = *exports::parse_what(a.what);
  options.format = *exports::parse_format(a.format);
  options.layout_given = cmd.count("--layout") > 0;
  options.profile_given = cmd.count("--profile") > 0;
  if (options.layout_given) options.layout = *exports::parse_layout(a.layout);
  if (options.profile_given) options.profile = *exports::parse_profile(a.profile);
  options.deidentify = !a.identified;
  options.summary = {parse_param_overrides(a.params), a.sequential, a.collapse_repeats};
  exports::check_options(options);
  if (a.all && !a.sessions.empty())
    throw Error(ErrorKind::InvalidInput, "give session ids or --all, not both");
  if (!a.all && a.sessions.empty())
    throw Error(ErrorKind::InvalidInput, "name the sessions to export (ids, see 'attune-cli session list') or --all");
  std::vector<SessionId> ids;
  for (const std::string& s : a.sessions) ids.push_back(parse_id(s, "SESSION"));

  auto store = context.open_existing_store();
  exports::StoreSource source(*store);
  // Frames of variable-rate videos from their index (docs/time-and-frames.md).
  source.set_frames_of([folder = frame_index_folder(store->path())](const Recording& r) {
    return recording_frame_index(r, folder);
  });
  if (a.all) {
    ids = source.all_sessions();
    if (ids.empty()) throw Error(ErrorKind::NotFound, "the database holds no sessions to export");
  }
  options.generated_utc = exports::utc_now_text();
  exports::install_signal_cleanup();
  ProgressBar bar(ids.size() > 1 && ::isatty(STDERR_FILENO));
  // ATTUNE_EXPORT_THREADS=N sets the threads (default: one per core; 1: no workers), for measuring.
  unsigned threads = 0;
  if (const char* env = std::getenv("ATTUNE_EXPORT_THREADS")) threads = static_cast<unsigned>(std::strtoul(env, nullptr, 10));
  // The file and its audit rows (what, how, where to) in every exported session's trail:
  // both or neither (export/published.h).
  const exports::ExportResult result = exports::export_audited(
      *store, source, ids, options, a.output, [&bar](std::size_t done, std::size_t total) { bar(done, total); },
      threads, &raw_out());  // "-": the file's own bytes, not text for a person
  if (a.output == "-") return;  // the export itself is on standard output
  if (context.json) {
    print_json(std::cout, {{"path", a.output},
                           {"sessions", result.sessions},
                           {"events", result.events},
                           {"bytes", result.bytes},
                           {"what", a.what},
                           {"format", a.format},
                           {"deidentified", options.deidentify},
                           {"audit_head", result.audit_head.text()}});
    return;
  }
  std::cout << "exported " << result.sessions << (result.sessions == 1 ? " session" : " sessions") << " ("
            << result.events << " events) as " << a.what << ' ' << a.format
            << (options.deidentify ? ", de-identified," : ", identified,") << " to " << a.output << "; "
            << result.audit_head.text() << '\n';
}

}  // namespace

void add_export_commands(CLI::App& app, Context& context) {
  add_summary_command(app, context);

  auto a = std::make_shared<ExportArgs>();
  CLI::App* cmd = app.add_subcommand("export", "Export sessions' events, summaries or a report to one file");
  cmd->add_option("sessions", a->sessions, "Session ids");
  cmd->add_flag("--all", a->all, "Every session in the database");
  cmd->add_option("--what", a->what, "events, summary or report")
      ->required()
      ->check(CLI::IsMember({"events", "summary", "report"}));
  cmd->add_option("--format", a->format, "csv, json, sdis or html (events: csv|json|sdis; summary: csv|json; report: html|json)")
      ->required()
      ->check(CLI::IsMember({"csv", "json", "sdis", "html"}));
  cmd->add_option("--layout", a->layout, "Summary CSV layout: long (one figure per row) or wide (one row per session)")
      ->check(CLI::IsMember({"long", "wide"}));
  cmd->add_option("--profile", a->profile,
                  "CSV profile: analysis (RFC 4180, values untouched; default) or spreadsheet (BOM, formulas neutralised)")
      ->check(CLI::IsMember({"analysis", "spreadsheet"}));
  CLI::Option* deidentify = cmd->add_flag(
      "--deidentify", a->deidentify,
      "Pseudonymous dyad and coder ids, dates as years, no comments, free text or video paths (the default)");
  cmd->add_flag("--identified", a->identified,
                "Keep names, dates, comments and video paths (for files that stay in the clinic)")
      ->excludes(deidentify);
  cmd->add_option("--param", a->params, "Override a rule setting, NAME=SECONDS (repeatable)")->allow_extra_args(false);
  add_sequential_options(cmd, a->sequential, a->collapse_repeats);
  cmd->add_option("-o,--output", a->output, "Output file (written to a temporary file, then renamed); - for stdout")
      ->required();
  cmd->callback([a, cmd, &context] { run(*a, *cmd, context); });
}

}  // namespace attune::cli
