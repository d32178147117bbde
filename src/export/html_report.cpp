#include "export/html_report.h"

#include <map>

#include "core/error.h"
#include "core/version.h"
#include "export/html_style.h"
#include "export/html_text.h"
#include "export/html_timeline.h"
#include "export/metrics.h"

namespace attune::exports {

namespace {


std::string td_number(std::string_view name, const std::optional<double>& v) {
  if (!v) return "<td class=\"na\" title=\"not computable\">—</td>";
  return "<td class=\"n\">" + figure_text(name, v) + "</td>";
}

std::string pct(const std::optional<double>& v) { return v ? fixed(*v, 1) + " %" : "—"; }
std::string secs(const std::optional<double>& v) { return v ? fixed(*v, 1) + " s" : "—"; }

std::string parameter_value(const analysis::RuleResult& r, const char* setting) {
  for (const analysis::Parameter& p : r.parameters)
    if (split_parameter_name(p.name).second == setting) return p.value_text() + " s";
  return "?";
}

// The headline figure of a rule and a sentence that explains it.
std::pair<std::string, std::string> headline(const analysis::RuleResult& r) {
  using namespace analysis;
  if (const auto* f = std::get_if<ResponsivenessFigures>(&r.figures)) {
    if (f->bids == 0) return {"—", "no bids coded"};
    return {f->proportion ? fixed(100.0 * *f->proportion, 1) + " %" : "—",
            std::to_string(f->responded) + " of " + count_text(f->bids, "bid", "bids") + " answered within " +
                parameter_value(r, "window_s")};
  }
  if (const auto* f = std::get_if<ComfortLatencyFigures>(&r.figures)) {
    if (f->bouts == 0) return {"—", "no distress bouts"};
    const std::string counts = std::to_string(f->comforted) + " of " + count_text(f->bouts, "distress bout", "distress bouts") +
                               " comforted (" + pct(f->percent_within) + " within " + parameter_value(r, "threshold_s") +
                               ", " + pct(f->percent_never) + " never)";
    if (f->comforted == 0) return {"none comforted", counts};
    return {secs(f->median_latency_s), "median latency; " + counts};
  }
  if (const auto* f = std::get_if<AffectMatchingFigures>(&r.figures)) {
    if (f->joint_s <= 0) return {"—", "no codable time with both partners' affect coded"};
    return {pct(f->percent_matched), "of " + fixed(f->joint_s, 1) + " s jointly coded; " +
                                         count_text(f->repairs, "repair", "repairs") + " (" +
                                         figure_text("repairs_per_min", f->repairs_per_min) + " per min of mismatch)"};
  }
  if (const auto* f = std::get_if<JointEngagementFigures>(&r.figures))
    return {pct(f->percent_codable), "of codable time; " + count_text(f->bouts, "bout", "bouts") + ", mean " +
                                         secs(f->mean_bout_s)};
  const auto& f = std::get<ContingencyFigures>(r.figures);
  const std::string table = "(a=" + std::to_string(f.a) + ", b=" + std::to_string(f.b) + ", c=" + std::to_string(f.c) +
                            ", d=" + std::to_string(f.d) + ")";
  if (!f.yule_q) return {"—", "Yule's Q not computable: ad + bc = 0 " + table};
  return {"Q = " + fixed(*f.yule_q, 2), "Yule's Q, target within " + parameter_value(r, "window_s") + " " + table};
}

class HtmlWriter : public BufferedWriter {
 public:
  HtmlWriter(const ExportOptions& options, Sink sink) : BufferedWriter(std::move(sink)), options_(options) {}

  void begin(const std::vector<std::shared_ptr<const Scheme>>& schemes) override {
    std::string& out = buffer();
    out += "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n";
    out += "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; "
           "img-src data:\">\n";
    out += "<meta name=\"generator\" content=\"Attune " + std::string(attune::version()) + "\">\n";
    out += audit_head_meta(options_.audit_head);
    out += "<title>Attune session report</title>\n<style>";
    out += report_css();
    out += "</style>\n</head>\n<body>\n<header class=\"report\">\n<h1>Attune session report</h1>\n<p>";
    std::string scheme_names;
    for (const auto& scheme : schemes)
      scheme_names += (scheme_names.empty() ? "" : ", ") + scheme->name + " version " + std::to_string(scheme->version);
    out += "Scheme: " + html_escape(scheme_names) + " · Attune " + attune::version();
    if (options_.deidentify) out += " · de-identified";
    else if (!options_.generated_utc.empty()) out += " · generated " + html_escape(options_.generated_utc) + " UTC";
    out += "</p>\n</header>\n";
  }

  void add(const ExportSession& s) override {
    if (!s.summary) throw Error(ErrorKind::InvalidInput, "session " + std::to_string(s.info.id) + " has no summary");
    ++sessions_;
    id_ = s.info.id;
    const analysis::SessionSummary& summary = *s.summary;
    std::string& out = buffer();
    out += "<section class=\"session\" id=\"session-" + std::to_string(s.info.id) + "\">\n";
    out += "<h2>Session " + std::to_string(s.info.id) + " · dyad " + html_escape(s.recording.dyad);
    if (s.deidentified) out += "<span class=\"badge\">de-identified</span>";
    out += "</h2>\n";
    metadata(s, summary);
    ratings(s);
    key_figures(summary);
    out += "<h3 id=\"timeline-" + std::to_string(s.info.id) + "\">Timeline</h3>\n" + timeline_svg(s);
    out += "<p class=\"note\">Bars are states, diamonds are point events; hatched time is uncodable; a dashed bar is a state still running at the end of the coding. Hover a mark "
           "for its times.</p>\n";
    parameters(summary);
    rules(s, summary);
    codes(s, summary);
    sequential(summary);
    comments(s);
    out += "</section>\n";
    maybe_flush();
  }

  void finish() override {
    std::string& out = buffer();
    out += "<footer class=\"report\">\n";
    out += "<p>" + std::to_string(sessions_) + (sessions_ == 1 ? " session" : " sessions") + ". Written by Attune " +
           attune::version() + ".</p>\n";
    out += "<p>Figures are computed over codable time (observation time minus Uncodable). Rate = onsets per "
           "minute of codable time; latency = first onset after the window start; durations and % are of states "
           "clipped to codable time; a state still running at the end of the coding counts up to the session end. "
           "— means the figure cannot be computed (for example no bids, or no codable time).</p>\n";
    out += audit_head_note(options_.audit_head);
    out += "</footer>\n</body>\n</html>\n";
    flush();
  }

 private:
  void metadata(const ExportSession& s, const analysis::SessionSummary& summary) {
    std::string& out = buffer();
    const Recording& r = s.recording;
    auto row = [&](const char* name, const std::string& value) {
      out += "<tr><th>" + std::string(name) + "</th><td>" + html_escape(value.empty() ? "—" : value) + "</td></tr>\n";
    };
    out += "<table class=\"meta\">\n";
    row("Dyad", r.dyad);
    row("Child age", r.child_age_months ? std::to_string(*r.child_age_months) + " months" : "");
    row("Session type", r.session_type);
    row("Coder", s.info.coder);
    row("Status", std::string(to_string(s.info.status)) + (s.info.is_master ? " (master coding)" : ""));
    row("Scheme", s.info.scheme_name + " version " + std::to_string(s.info.scheme_version));
    row("Observation", fixed(summary.session.observed_s, 1) + " s" +
                           (summary.end_from_duration ? " (recording duration)" : " (to the last event)") +
                           ", codable " + fixed(summary.session.codable_s, 1) + " s");
    row("Events", std::to_string(s.events.size()) +
                      (summary.open_states ? " (" + std::to_string(summary.open_states) +
                                                 " still running at the end, counted up to it)"
                                           : ""));
    row("Episodes", std::to_string(s.episodes.size()));
    if (r.fps.valid()) row("Frame rate", format_frame_rate(r.fps) + " fps");
    if (s.deidentified) {
      row("Coded in", s.info.created_utc);
    } else {
      row("Video", r.video_path);
      row("Created", s.info.created_utc);
      row("Last changed", s.info.modified_utc);
    }
    out += "</table>\n";
  }

  void ratings(const ExportSession& s) {
    if (s.ratings.empty()) return;
    std::string& out = buffer();
    out += "<h3>Global ratings</h3>\n<table>\n<tr><th>Scale</th><th class=\"n\">Rating</th><th>Anchor</th></tr>\n";
    for (const ExportRating& r : s.ratings)
      out += "<tr><td>" + html_escape(r.name) + "</td><td class=\"n\">" + std::to_string(r.value) + " of " +
             std::to_string(r.min) + "–" + std::to_string(r.max) + "</td><td>" + html_escape(r.anchor) + "</td></tr>\n";
    out += "</table>\n";
  }

  // The whole session's lag-1 tables: count, p(target | given) and adjusted residual per cell.
  void sequential(const analysis::SessionSummary& summary) {
    std::string& out = buffer();
    for (const analysis::SequentialTable& t : summary.session.sequential) {
      out += "<h3>Lag-1 transitions: " + html_escape(t.options.group) + "</h3>\n<p class=\"note\">N = " +
             std::to_string(t.transitions) + " transitions between consecutive events" +
             (t.options.collapse_repeats ? ", repeats collapsed (the diagonal is a structural zero; expected counts by quasi-independence, "
                                           "fitted iteratively)" : "") +
             ". Each cell: count · p(target | given) · adjusted residual z (|z| &gt; 1.96: more or less often than "
             "chance at the 5% level).</p>\n<table>\n<tr><th>Given \\ target</th>";
      for (const std::string& c : t.codes) out += "<th class=\"n\">" + html_escape(c) + "</th>";
      out += "</tr>\n";
      for (std::size_t i = 0; i < t.codes.size(); ++i) {
        out += "<tr><th>" + html_escape(t.codes[i]) + "</th>";
        for (std::size_t j = 0; j < t.codes.size(); ++j)
          out += "<td class=\"n\">" + std::to_string(t.counts[i][j]) + " · " +
                 figure_text("probability", t.probability[i][j]) + " · " +
                 figure_text("adjusted_residual", t.adjusted_residual[i][j]) + "</td>";
        out += "</tr>\n";
      }
      out += "</table>\n";
    }
  }

  void key_figures(const analysis::SessionSummary& summary) {
    if (summary.session.rules.empty()) return;
    std::string& out = buffer();
    out += "<h3>Key figures (whole session)</h3>\n<div class=\"cards\">\n";
    for (const analysis::RuleResult& r : summary.session.rules) {
      const auto [big, detail] = headline(r);
      out += "<div class=\"card\"><div class=\"name\">" + html_escape(r.rule_name) + "</div><div class=\"big\">" +
             html_escape(big) + "</div><div class=\"detail\">" + html_escape(detail) + "</div></div>\n";
    }
    out += "</div>\n";
  }

  void parameters(const analysis::SessionSummary& summary) {
    std::string& out = buffer();
    out += "<h3 id=\"parameters-" + std::to_string(id_) + "\">Parameters</h3>\n";
    if (summary.parameters.empty()) {
      out += "<p class=\"note\">The scheme's rules use no parameters.</p>\n";
      return;
    }
    out += "<table><tr><th>Parameter</th><th class=\"n\">Value</th><th>From</th></tr>\n";
    for (const analysis::Parameter& p : summary.parameters)
      out += "<tr><td>" + html_escape(p.name) + "</td><td class=\"n\">" + p.value_text() + " s</td><td>" +
             to_string(p.source) + "</td></tr>\n";
    out += "</table>\n";
  }

  void rules(const ExportSession& s, const analysis::SessionSummary& summary) {
    if (summary.session.rules.empty()) return;
    std::string& out = buffer();
    out += "<h3 id=\"rules-" + std::to_string(s.info.id) + "\">Rules by episode</h3>\n<table>\n<tr><th>Rule</th><th>Figure</th><th class=\"n\">Whole session</th>";
    for (const analysis::WindowSummary& w : summary.episodes)
      out += "<th class=\"n\">" + html_escape(s.episode_label(w.window)) + "</th>";
    out += "</tr>\n";
    for (std::size_t i = 0; i < summary.session.rules.size(); ++i) {
      const analysis::RuleResult& r = summary.session.rules[i];
      const std::vector<Figure> figures = rule_figures(r);
      for (std::size_t k = 0; k < figures.size(); ++k) {
        out += "<tr>";
        if (k == 0)
          out += "<td rowspan=\"" + std::to_string(figures.size()) + "\">" + html_escape(r.rule_name) + "</td>";
        out += "<td>" + std::string(figures[k].name) + "</td>" + td_number(figures[k].name, figures[k].value);
        for (const analysis::WindowSummary& w : summary.episodes) {
          const std::vector<Figure> ef = i < w.rules.size() ? rule_figures(w.rules[i]) : std::vector<Figure>{};
          out += k < ef.size() ? td_number(ef[k].name, ef[k].value) : "<td class=\"na\">—</td>";
        }
        out += "</tr>\n";
      }
    }
    out += "</table>\n";
  }

  void code_table(const ExportSession& s, const analysis::WindowSummary& w) {
    std::string& out = buffer();
    out += "<table>\n<tr><th>Subject</th><th>Code</th><th class=\"n\">Count</th><th class=\"n\">Rate/min</th>"
           "<th class=\"n\">Total s</th><th class=\"n\">Mean s</th><th class=\"n\">Median s</th>"
           "<th class=\"n\">SD s</th><th class=\"n\">% codable</th><th class=\"n\">Latency s</th></tr>\n";
    int shown = 0;
    for (const analysis::CodeStats& c : w.codes) {
      if (c.count == 0 && c.bouts == 0) continue;
      ++shown;
      const Subject* subject = s.scheme->find_subject(c.subject);
      out += "<tr><td>" + html_escape(subject ? subject->name : c.subject) + "</td><td>" +
             html_escape(code_display_name(*s.scheme, c.code, c.subject)) + "</td>";
      out += td_number("count", static_cast<double>(c.count)) + td_number("rate_per_min", c.rate_per_min);
      if (c.kind == CodeKind::State)
        out += td_number("total_s", c.total_s) + td_number("mean_s", c.mean_s) + td_number("median_s", c.median_s) +
               td_number("sd_s", c.sd_s) + td_number("percent", c.percent_codable);
      else
        out += "<td></td><td></td><td></td><td></td><td></td>";
      out += td_number("latency_s", c.latency_s) + "</tr>\n";
    }
    if (shown == 0) out += "<tr><td colspan=\"10\" class=\"note\">No code occurs in this window.</td></tr>\n";
    out += "</table>\n";
  }

  void codes(const ExportSession& s, const analysis::SessionSummary& summary) {
    std::string& out = buffer();
    out += "<h3 id=\"codes-" + std::to_string(s.info.id) + "\">Codes, whole session</h3>\n";
    out += "<p class=\"note\">" + fixed(summary.session.codable_s, 1) +
           " s codable. Codes that never occur are left out of the tables (the CSV and JSON exports list them "
           "with zero counts).</p>\n";
    code_table(s, summary.session);
    for (const analysis::WindowSummary& w : summary.episodes) {
      out += "<h4>Episode " + html_escape(s.episode_label(w.window)) + " · " +
             html_escape(format_seconds(w.window.start) + "–" + format_seconds(w.window.end)) + " s · codable " +
             fixed(w.codable_s, 1) + " s</h4>\n";
      code_table(s, w);
    }
  }

  void comments(const ExportSession& s) {
    if (s.deidentified) return;
    std::string rows;
    for (const Event& e : s.events)
      if (!e.comment.empty())
        rows += "<tr><td class=\"n\">" + format_seconds(e.start) + "</td><td>" + html_escape(e.code) + "</td><td>" +
                html_escape(e.comment) + "</td></tr>\n";
    if (rows.empty()) return;
    buffer() += "<h3>Coder's comments</h3>\n<table><tr><th class=\"n\">At s</th><th>Code</th><th>Comment</th></tr>\n" +
                rows + "</table>\n";
  }

  ExportOptions options_;
  int sessions_ = 0;
  SessionId id_ = 0;
};

}  // namespace

std::unique_ptr<SessionWriter> make_html_writer(const ExportOptions& options, Sink sink) {
  return std::make_unique<HtmlWriter>(options, std::move(sink));
}

}  // namespace attune::exports
