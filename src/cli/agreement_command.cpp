// attune-cli agreement SESSION_A SESSION_B [--method time-unit|event] [--unit S|frame]
//   [--tolerance S] [--overlap PCT] [--group ID|points] [--code ID]... [--subject ID] [--json]
//   [--format csv|json|html -o PATH [--profile analysis|spreadsheet]] [--deidentify | --identified]
// Inter-observer agreement of two codings of one recording (analysis/agreement.h). Report
// files are de-identified by default, as every export is (export/deidentify.h, through the
// same StoreSource::load); --identified keeps coder names, dyad, session type and dates. The
// terminal listing is for the person at the keyboard and names them unless --deidentify.
#include <cmath>
#include <iostream>

#include <nlohmann/json.hpp>

#include "analysis/agreement_request.h"
#include "cli/agreement_report.h"
#include "cli/commands.h"
#include "cli/output.h"
#include "core/error.h"
#include "export/agreement_html.h"
#include "export/atomic_file.h"
#include "export/exporter.h"
#include "export/published.h"
#include "media/frame_index_reader.h"

namespace attune::cli {

namespace {

struct AgreementArgs {
  std::string a, b, method = "time-unit", unit, tolerance, group, subject, format, output, profile = "analysis";
  std::vector<std::string> codes;
  double overlap = 0;
  bool overlap_given = false;
  bool deidentify = false;  // given explicitly
  bool identified = false;
};

void run(const AgreementArgs& args, const Context& context) {
  const SessionId id_a = parse_id(args.a, "SESSION_A");
  const SessionId id_b = parse_id(args.b, "SESSION_B");
  if (id_a == id_b) throw Error(ErrorKind::InvalidInput, "agreement compares two different sessions, not session " + args.a + " with itself");
  const bool event_based = args.method == "event" || args.method == "event-based";
  if (!event_based && args.overlap_given) throw Error(ErrorKind::InvalidInput, "--overlap applies to --method event only");
  if (event_based && !args.unit.empty()) throw Error(ErrorKind::InvalidInput, "--unit applies to --method time-unit only");
  if (args.output.empty() != args.format.empty())
    throw Error(ErrorKind::InvalidInput, "--format and -o go together: --format csv|json|html -o PATH");
  if (args.identified && args.output.empty())
    throw Error(ErrorKind::InvalidInput,
                "--identified applies to report files (--format csv|json|html -o PATH); the terminal listing names "
                "the coders already");
  // Files leave the clinic: de-identified unless asked otherwise, like every export.
  const bool deidentify = args.deidentify || (!args.output.empty() && !args.identified);

  auto store = context.open_existing_store();
  AgreementContext c;
  c.a = store->session(id_a);
  c.b = store->session(id_b);
  if (c.a.recording_id != c.b.recording_id)
    throw Error(ErrorKind::InvalidInput, "sessions " + args.a + " and " + args.b + " are codings of different recordings (" +
                                             std::to_string(c.a.recording_id) + " and " + std::to_string(c.b.recording_id) +
                                             "); agreement compares two codings of the same recording");
  if (c.a.scheme_id != c.b.scheme_id)
    throw Error(ErrorKind::InvalidInput, "sessions " + args.a + " and " + args.b + " were coded with different schemes (" +
                                             c.a.scheme_name + "@" + std::to_string(c.a.scheme_version) + " and " +
                                             c.b.scheme_name + "@" + std::to_string(c.b.scheme_version) +
                                             "); agreement needs the same scheme version");
  c.recording = store->recording(c.a.recording_id);
  const Recording stored_recording = c.recording;  // exports may de-identify c.recording below
  const std::shared_ptr<const Scheme> scheme = load_stored_scheme(*store, c.a.scheme_id);
  const std::vector<Event> a = store->events(id_a), b = store->events(id_b);
  // Both codings as exports show them: de-identified, pseudonymous coders and dyad, dates
  // as years, no free text (export/deidentify.h); every report format then uses these.
  exports::StoreSource source(*store);
  exports::ExportOptions export_options;
  export_options.what = exports::What::Events;  // no summary needed
  export_options.deidentify = deidentify;
  exports::ExportSession shown_a = source.load(id_a, export_options), shown_b = source.load(id_b, export_options);
  c.audit_head = source.audit_head();
  if (deidentify) {
    c.a = shown_a.info;
    c.b = shown_b.info;
    c.recording = shown_a.recording;
  }
  // The request, resolved with the window's rules (analysis/agreement_request.h).
  AgreementRequest request;
  request.method = event_based ? AgreementMethod::EventBased : AgreementMethod::TimeUnit;
  request.group = args.group;
  request.codes = args.codes;
  request.subject = args.subject;
  if (!args.codes.empty() && args.group.empty()) request.group = kPointCodes;
  if (!args.codes.empty() && request.group != kPointCodes)
    throw Error(ErrorKind::InvalidInput, "--code selects point codes; use it with --group points");
  request.frame_units = args.unit == "frame";
  if (!args.unit.empty() && !request.frame_units) {
    request.unit = parse_seconds(args.unit);
    if (request.unit <= 0) throw Error(ErrorKind::InvalidInput, "--unit must be a positive number of seconds or 'frame'");
  }
  if (!args.tolerance.empty()) {
    request.tolerance = parse_seconds(args.tolerance);
    if (*request.tolerance < 0) throw Error(ErrorKind::InvalidInput, "--tolerance cannot be negative");
  }
  if (args.overlap_given) request.min_overlap_percent = args.overlap;
  // Frame units are the video's own frames: its index (cache, else the file), else its rate.
  AgreementRecording recording{stored_recording.duration, FrameIndex(stored_recording.fps)};
  if (request.frame_units) {
    const FrameIndex read = recording_frame_index(stored_recording, frame_index_folder(store->path()));
    if (read.valid()) recording.frames = read;
  }
  const ResolvedAgreement resolved = resolve(request, *scheme, a, b, recording);
  const std::vector<AgreementResult> results = run_agreement(resolved, a, b, *scheme);
  const Micros tolerance = resolved.tolerance;
  c.duration_source = "the recording's duration";
  c.group_source = resolved.targets_source;
  c.tolerance_s = static_cast<double>(tolerance) / 1e6;
  if (!event_based) {
    c.tolerance_units = resolved.time_unit.tolerance_units;
    if (resolved.time_unit.frames) {
      const FrameRate rate = resolved.time_unit.frames->rate();  // a variable-rate video's average
      c.frame_rate = rate;
      c.variable_frames = resolved.time_unit.frames->variable();
      c.unit_s = static_cast<double>(rate.den) / static_cast<double>(rate.num);
    } else {
      c.unit_s = static_cast<double>(resolved.time_unit.unit) / 1e6;
    }
  }
  std::vector<AgreementContext> contexts;  // one per compared group
  std::string labels;
  for (const ResolvedTarget& t : resolved.targets) {
    contexts.push_back(c);
    contexts.back().group_label = t.label;
    labels += (labels.empty() ? "" : ", ") + t.label;
  }
  c.group_label = labels;
  // One group asked for: one object, as before; every comparable group: an array.
  const bool one = !args.group.empty() || !args.codes.empty();
  auto as_json = [&] {
    if (one) return agreement_json(results.front(), contexts.front());
    nlohmann::json all = nlohmann::json::array();
    for (std::size_t i = 0; i < results.size(); ++i) all.push_back(agreement_json(results[i], contexts[i]));
    return all;
  };

  if (!args.output.empty()) {
    std::string format = args.format;
    std::string bytes;
    if (format == "csv") {
      bytes = agreement_csv(results, contexts, args.profile == "spreadsheet" ? exports::CsvProfile::Spreadsheet
                                                                     : exports::CsvProfile::Analysis);
    } else if (format == "html") {
      if (results.size() > 1)
        throw Error(ErrorKind::InvalidInput, "the HTML report shows one group, and " + std::to_string(results.size()) +
                                                 " are comparable (" + labels + "): choose one with --group");
      const AgreementResult& result = results.front();
      exports::AgreementReport report{std::move(shown_a), std::move(shown_b), result, method_text(result, c),
                                      "0 – " + format_seconds(result.duration) + " s (" + c.duration_source + ")",
                                      c.group_source, deidentify ? "" : exports::utc_now_text(), c.audit_head};
      bytes = exports::agreement_html(report);
    } else {
      bytes = as_json().dump(2) + "\n";
    }
    // The file and its row in both sessions' audit trails (what, how, where to): both or
    // neither (export/published.h).
    exports::install_signal_cleanup();
    exports::write_audited(args.output, bytes, *store, {id_a, id_b},
                           "agreement " + format + (deidentify ? " de-identified" : " identified") + " to " +
                               exports::destination_text(args.output) + " (" + to_string(resolved.method) +
                               (results.size() > 1 ? ", groups " : ", group ") +
                               c.group_label + ", tolerance " + format_seconds(tolerance) + " s)",
                           &raw_out());  // "-": the report's own bytes, not text for a person
    if (args.output == "-") return;
    if (context.json)
      print_json(std::cout, {{"path", args.output},
                             {"format", format},
                             {"bytes", bytes.size()},
                             {"deidentified", deidentify},
                             {"audit_head", c.audit_head.text()}});
    else std::cout << "wrote the agreement of sessions " << id_a << " and " << id_b << " as " << format
                   << (deidentify ? ", de-identified," : ", identified,") << " to " << args.output << "; "
                   << c.audit_head.text() << '\n';
    return;
  }
  if (context.json) {
    print_json(std::cout, as_json());
    return;
  }
  for (std::size_t i = 0; i < results.size(); ++i) {
    if (i > 0) std::cout << "\n\n";
    print_agreement(std::cout, results[i], contexts[i]);
  }
}

}  // namespace

void add_agreement_command(CLI::App& app, Context& context) {
  auto a = std::make_shared<AgreementArgs>();
  CLI::App* cmd = app.add_subcommand("agreement", "Inter-observer agreement (kappa) of two codings of one recording");
  cmd->add_option("session_a", a->a, "Coder A's session (matrix rows)")->required();
  cmd->add_option("session_b", a->b, "Coder B's session (matrix columns), e.g. the master coding")->required();
  cmd->add_option("--method", a->method,
                  "time-unit (a code per unit of time; default) or event (events paired by onset, unpaired ones "
                  "against nil)")
      ->check(CLI::IsMember({"time-unit", "event", "event-based"}));
  cmd->add_option("--unit", a->unit, "Time-unit length in seconds (default 1) or 'frame' (one video frame)");
  cmd->add_option("--tolerance", a->tolerance,
                  "Seconds. Time-unit: a unit agrees when the other coder has the code within this many seconds "
                  "(a whole number of units; default 0). Event: the largest onset difference of a pair (default 2)");
  cmd->add_option("--overlap", a->overlap, "Event: states also pair only when they overlap by this percent (0-100)");
  cmd->add_option("--group", a->group,
                  "Code group to compare, or 'points' for point codes (default: every group with a code both codings "
                  "use, one table each; in JSON an array)");
  cmd->add_option("--code", a->codes, "With --group points: only these point codes (repeatable)");
  cmd->add_option("--subject", a->subject, "Only this subject's events (default: every subject)");
  cmd->add_option("--format", a->format,
                  "Write a report file instead: csv, json or html (one self-contained page with the stacked "
                  "timelines; needs -o)")
      ->check(CLI::IsMember({"csv", "json", "html"}));
  CLI::Option* deidentify = cmd->add_flag(
      "--deidentify", a->deidentify,
      "Pseudonymous coder and dyad ids, dates as years, no free text (the default for report files; with it the "
      "terminal listing too)");
  cmd->add_flag("--identified", a->identified,
                "Report files keep coder names, dyad, session type and dates (for files that stay in the clinic)")
      ->excludes(deidentify);
  cmd->add_option("-o,--output", a->output, "Report file (written whole, then renamed into place); - for stdout");
  cmd->add_option("--profile", a->profile, "CSV profile: analysis (default) or spreadsheet (BOM, formulas neutralised)")
      ->check(CLI::IsMember({"analysis", "spreadsheet"}));
  cmd->callback([a, cmd, &context] {
    a->overlap_given = cmd->count("--overlap") > 0;
    run(*a, context);
  });
}

}  // namespace attune::cli
