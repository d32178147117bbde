// attune-cli summary SESSION [--param NAME=VALUE]... : per-code and per-rule figures of one
// session, over the whole session and each episode (--json for programs).
#include <iostream>

#include <nlohmann/json.hpp>

#include "analysis/parameters.h"
#include "cli/output.h"
#include "cli/summary_command.h"
#include "core/error.h"
#include "export/exporter.h"
#include "export/html_text.h"
#include "export/json_export.h"
#include "export/metrics.h"

namespace attune::cli {

namespace {

struct SummaryArgs {
  std::string session;
  std::vector<std::string> params;
  std::vector<std::string> sequential;
  bool collapse_repeats = false;
};

// A lag-1 table as counts with p(target|given) and the adjusted residual, one row per given code.
void print_sequential(std::ostream& out, const analysis::SequentialTable& t) {
  out << "lag-1 transitions in " << t.options.group << (t.options.collapse_repeats ? " (repeats collapsed)" : "")
      << ": N = " << t.transitions << "  (cells: count  p(target|given)  adjusted residual z)\n";
  std::vector<std::string> header = {"given \\ target"};
  for (const std::string& c : t.codes) header.push_back(c);
  std::vector<std::vector<std::string>> rows;
  for (std::size_t i = 0; i < t.codes.size(); ++i) {
    std::vector<std::string> row = {t.codes[i]};
    for (std::size_t j = 0; j < t.codes.size(); ++j)
      row.push_back(std::to_string(t.counts[i][j]) + "  " + exports::figure_text("probability", t.probability[i][j]) +
                    "  " + exports::figure_text("adjusted_residual", t.adjusted_residual[i][j]));
    rows.push_back(std::move(row));
  }
  print_table(out, header, rows);
}

void print_window(std::ostream& out, const exports::ExportSession& s, const analysis::WindowSummary& w,
                  const std::string& label) {
  using exports::figure_text;
  out << '\n'
      << (label.empty() ? std::string("Whole session") : "Episode " + label) << "  "
      << format_seconds(w.window.start) << "–" << format_seconds(w.window.end) << " s, codable "
      << exports::fixed(w.codable_s, 2) << " s\n";
  if (!w.rules.empty()) {
    std::vector<std::vector<std::string>> rows;
    for (const analysis::RuleResult& r : w.rules)
      for (const exports::Figure& f : exports::rule_figures(r)) rows.push_back({r.rule_id, f.name, figure_text(f.name, f.value)});
    print_table(out, {"rule", "figure", "value"}, rows);
    out << '\n';
  }
  std::vector<std::vector<std::string>> rows;
  for (const analysis::CodeStats& c : w.codes) {
    if (c.count == 0 && c.bouts == 0) continue;
    const bool state = c.kind == CodeKind::State;
    auto state_only = [&](const char* name, const std::optional<double>& v) {
      return state ? figure_text(name, v) : std::string("");
    };
    rows.push_back({c.subject.empty() ? "-" : c.subject, c.code, std::to_string(c.count),
                    figure_text("rate_per_min", c.rate_per_min), state_only("total_s", c.total_s),
                    state_only("mean_s", c.mean_s), state_only("median_s", c.median_s), state_only("sd_s", c.sd_s),
                    state_only("percent", c.percent_codable), figure_text("latency_s", c.latency_s)});
  }
  if (rows.empty()) out << "no code occurs in this window\n";
  else print_table(out, {"subject", "code", "count", "rate/min", "total_s", "mean_s", "median_s", "sd_s", "%codable", "latency_s"}, rows);
  for (const analysis::SequentialTable& t : w.sequential) {
    out << '\n';
    print_sequential(out, t);
  }
  (void)s;
}

void summary(const SummaryArgs& args, const Context& context) {
  auto store = context.open_for_reading();
  exports::ExportOptions options;
  options.what = exports::What::Summary;
  options.format = exports::Format::Json;
  options.summary = {parse_param_overrides(args.params), args.sequential, args.collapse_repeats};
  exports::check_options(options);
  exports::StoreSource source(*store);
  const SessionId id = parse_id(args.session, "SESSION");
  const SessionInfo info = source.info(id);
  const auto scheme = source.scheme(info.scheme_id);
  const Scheme* schemes[] = {scheme.get()};
  if (const auto unknown = exports::unknown_overrides(schemes, options.summary.overrides); !unknown.empty()) {
    const analysis::SummaryParameters defaults = analysis::SummaryParameters::resolve(*scheme);
    std::string known;
    for (const analysis::Parameter& p : defaults.used()) known += (known.empty() ? "" : ", ") + p.name;
    throw Error(ErrorKind::InvalidInput, "--param " + unknown.front() + " is not a setting of scheme " + scheme->name +
                                             " (" + (known.empty() ? std::string("it has none") : "it has: " + known) + ")");
  }
  const exports::ExportSession s = source.load(id, options);
  const AuditHead head = source.audit_head();  // the trail these figures were read at
  if (context.json) {
    nlohmann::json document = exports::summary_document(s);
    document["audit_head"] = head.text();
    print_json(std::cout, document);
    return;
  }
  const analysis::SessionSummary& sum = *s.summary;
  std::ostream& out = std::cout;
  out << "session " << s.info.id << " · dyad " << printable(s.recording.dyad) << " · coder " << printable(s.info.coder)
      << " · scheme " << printable(s.info.scheme_name) << "@" << s.info.scheme_version << '\n'
      << s.events.size() << " events, observed " << exports::fixed(sum.session.observed_s, 2) << " s"
      << (sum.end_from_duration ? " (recording duration)" : " (to the last event)") << ", codable "
      << exports::fixed(sum.session.codable_s, 2) << " s";
  if (sum.open_states > 0) out << ", " << sum.open_states << " state(s) still running (counted up to the end)";
  out << '\n';
  if (!sum.parameters.empty()) {
    out << "parameters:";
    for (const analysis::Parameter& p : sum.parameters)
      out << ' ' << p.name << '=' << p.value_text() << "s (" << to_string(p.source) << ')';
    out << '\n';
  }
  for (const exports::ExportRating& r : s.ratings)
    out << "rating " << printable(r.scale) << " (" << printable(r.name) << ", " << r.min << "-" << r.max << "): " << r.value << '\n';
  out << "— = not computable\n";
  print_window(out, s, sum.session, "");
  for (const analysis::WindowSummary& w : sum.episodes) print_window(out, s, w, s.episode_label(w.window));
  out << "\naudit head: " << head.text() << '\n';
}

}  // namespace

std::map<std::string, Micros> parse_param_overrides(const std::vector<std::string>& items) {
  std::map<std::string, Micros> overrides;
  for (const std::string& item : items) {
    auto [name, value] = analysis::parse_parameter_override(item);
    overrides[name] = value;
  }
  return overrides;
}

void add_sequential_options(CLI::App* cmd, std::vector<std::string>& groups, bool& collapse_repeats) {
  cmd->add_option("--sequential", groups,
                  "Add lag-1 sequential tables for a code group (repeatable), e.g. --sequential child_affect")
      ->allow_extra_args(false);
  cmd->add_flag("--collapse-repeats", collapse_repeats,
                "In those tables, drop an event that repeats the previous code (the diagonal becomes a structural zero)");
}

void add_summary_command(CLI::App& app, Context& context) {
  auto args = std::make_shared<SummaryArgs>();
  CLI::App* cmd = app.add_subcommand(
      "summary", "Per-code and per-rule figures of one session, over the whole session and each episode");
  cmd->add_option("session", args->session, "Session id")->required();
  cmd->add_option("--param", args->params, "Override a rule setting, NAME=SECONDS (e.g. bid_responsiveness.window_s=5)")
      ->allow_extra_args(false);
  add_sequential_options(cmd, args->sequential, args->collapse_repeats);
  cmd->callback([args, &context] { summary(*args, context); });
}

}  // namespace attune::cli
