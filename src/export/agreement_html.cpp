#include "export/agreement_html.h"

#include <algorithm>

#include "core/version.h"
#include "export/html_style.h"
#include "export/html_text.h"
#include "export/html_timeline.h"

namespace attune::exports {

namespace {

constexpr const char* kAgreementStyle = R"(
table.matrix td, table.matrix th { text-align: right; min-width: 46px; }
table.matrix th.row { text-align: left; }
table.matrix td.agree { background: #e3f4e4; color: #1b5e20; font-weight: 600; }
table.matrix td.disagree { background: #fde7e4; color: #a3271b; font-weight: 600; }
table.matrix td.zero { color: #b4bcc7; }
table.matrix td.total, table.matrix th.total { background: #f0f2f5; }
table.codings th.side { text-align: left; min-width: 190px; }
.card.kappa { border-left-color: #24364b; }
.card.undefined .big { color: #a3271b; }
svg.stacked .block-title { font-size: 12px; font-weight: 600; fill: #24364b; }
svg.stacked .disagree { fill: #e53935; fill-opacity: 0.16; stroke: #e53935; stroke-opacity: 0.7; stroke-width: 1; }
svg.stacked .disagree-mark { fill: #e53935; }
td.code-a, td.code-b { white-space: nowrap; }
)";

std::string code_label(const Scheme& scheme, const std::string& id) {
  if (const Code* code = scheme.find_code(id)) return code->name + " (" + id + ")";
  return id;  // "none" or "nil"
}

std::string seconds_text(Micros t) { return format_seconds(t) + " s"; }

// "2024-05-06T07:08:09.000000Z" as "2024-05-06 07:08 UTC"; anything else (a year) as it is.
std::string when_text(const std::string& utc) {
  if (utc.size() < 16 || utc[10] != 'T') return utc;
  return utc.substr(0, 10) + " " + utc.substr(11, 5) + " UTC";
}

// Why κ is undefined, in a sentence.
std::string undefined_reason(const AgreementResult& r) {
  if (r.n == 0) return "nothing to compare: N = 0";
  return "Pe = 1: both coders used one and the same category throughout";
}

class Page {
 public:
  explicit Page(const AgreementReport& report) : in_(report), r_(report.result), scheme_(*report.a.scheme) {}

  std::string write() {
    head();
    out_ += "<section class=\"session\" id=\"agreement\">\n";
    out_ += "<h2>Session " + std::to_string(in_.a.info.id) + " (" + html_escape(in_.a.info.coder) + ") and session " +
            std::to_string(in_.b.info.id) + " (" + html_escape(in_.b.info.coder) + ") · dyad " +
            html_escape(in_.a.recording.dyad);
    if (in_.a.deidentified) out_ += "<span class=\"badge\">de-identified</span>";
    out_ += "</h2>\n";
    cards();
    codings();
    method();
    matrix();
    per_code();
    timelines();
    disagreements();
    out_ += "</section>\n";
    foot();
    return std::move(out_);
  }

 private:
  void head() {
    out_ += "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n";
    out_ += "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; "
            "img-src data:\">\n";
    out_ += "<meta name=\"generator\" content=\"Attune " + std::string(attune::version()) + "\">\n";
    out_ += audit_head_meta(in_.audit_head);
    out_ += "<title>Attune agreement report</title>\n<style>";
    out_ += report_css();
    out_ += kAgreementStyle;
    out_ += "</style>\n</head>\n<body>\n<header class=\"report\">\n<h1>Attune agreement report</h1>\n<p>";
    out_ += "Scheme: " + html_escape(scheme_.name) + " version " + std::to_string(scheme_.version) + " · Attune " +
            attune::version();
    if (in_.a.deidentified) out_ += " · de-identified";
    else if (!in_.generated_utc.empty()) out_ += " · generated " + html_escape(in_.generated_utc) + " UTC";
    out_ += "</p>\n</header>\n";
  }

  void card(const std::string& name, const std::string& big, const std::string& detail, const char* extra = "") {
    out_ += "<div class=\"card " + std::string(extra) + "\"><div class=\"name\">" + html_escape(name) +
            "</div><div class=\"big\">" + html_escape(big) + "</div><div class=\"detail\">" + html_escape(detail) +
            "</div></div>\n";
  }

  void cards() {
    out_ += "<h3>Key figures</h3>\n<div class=\"cards\">\n";
    if (r_.kappa) card("Cohen's κ", fixed(*r_.kappa, 3), "κ = (Po − Pe) / (1 − Pe)", "kappa");
    else card("Cohen's κ", "undefined", undefined_reason(r_), "kappa undefined");
    if (r_.kappa_max) card("κmax", fixed(*r_.kappa_max, 3), "the largest κ these marginals allow", "kappa");
    else card("κmax", "undefined", undefined_reason(r_), "kappa undefined");
    card("Agreement", r_.percent_agreement ? fixed(*r_.percent_agreement, 1) + " %" : "undefined",
         "100 · Po, the share of tallies on the diagonal");
    card("N", std::to_string(r_.n),
         r_.method == AgreementMethod::EventBased ? "pairs and unpaired events"
         : r_.tolerance_units > 0                  ? "unit tallies, from both sides"
                                                   : "unit tallies");
    out_ += "</div>\n";
  }

  void codings() {
    const ExportSession &a = in_.a, &b = in_.b;
    auto compared_events = [&](const ExportSession& s) {
      return std::count_if(s.events.begin(), s.events.end(), [&](const Event& e) {
        return std::find(r_.codes.begin(), r_.codes.end(), e.code) != r_.codes.end() &&
               (r_.subject.empty() || e.subject == r_.subject);
      });
    };
    auto row = [&](const char* name, const std::string& va, const std::string& vb) {
      out_ += "<tr><th>" + std::string(name) + "</th><td>" + html_escape(va.empty() ? "—" : va) + "</td><td>" +
              html_escape(vb.empty() ? "—" : vb) + "</td></tr>\n";
    };
    out_ += "<h3>Codings compared</h3>\n<table class=\"meta codings\">\n";
    out_ += "<tr><th></th><th class=\"side\">A (matrix rows)</th><th class=\"side\">B (matrix columns)</th></tr>\n";
    row("Session", std::to_string(a.info.id), std::to_string(b.info.id));
    row("Coder", a.info.coder, b.info.coder);
    row("Status", std::string(to_string(a.info.status)) + (a.info.is_master ? " (master coding)" : ""),
        std::string(to_string(b.info.status)) + (b.info.is_master ? " (master coding)" : ""));
    row(a.deidentified ? "Coded in" : "Created", when_text(a.info.created_utc), when_text(b.info.created_utc));
    row("Events", std::to_string(a.events.size()), std::to_string(b.events.size()));
    row("Events compared", std::to_string(compared_events(a)), std::to_string(compared_events(b)));
    out_ += "</table>\n<table class=\"meta\">\n";
    const Recording& rec = a.recording;
    auto one = [&](const char* name, const std::string& value) {
      out_ += "<tr><th>" + std::string(name) + "</th><td>" + html_escape(value.empty() ? "—" : value) + "</td></tr>\n";
    };
    one("Dyad", rec.dyad);
    one("Child age", rec.child_age_months ? std::to_string(*rec.child_age_months) + " months" : "");
    one("Session type", rec.session_type);
    if (rec.fps.valid()) one("Frame rate", format_frame_rate(rec.fps) + " fps");
    one("Recording", rec.duration ? seconds_text(*rec.duration) : "duration unknown");
    out_ += "</table>\n";
  }

  void method() {
    const CodeGroup* group = scheme_.find_group(r_.group);
    std::string target = group ? group->name + " (" + group->id + ")" : "point codes";
    if (!in_.group_source.empty()) target += " — " + in_.group_source;
    const Subject* subject = scheme_.find_subject(r_.subject);
    out_ += "<h3>Method</h3>\n<table class=\"meta\">\n";
    auto row = [&](const char* name, const std::string& value) {
      out_ += "<tr><th>" + std::string(name) + "</th><td>" + html_escape(value) + "</td></tr>\n";
    };
    row("Method", in_.method);
    row("Compared", target);
    row("Subject", r_.subject.empty() ? "every subject" : subject ? subject->name : r_.subject);
    row("Time", in_.compared);
    if (r_.method == AgreementMethod::TimeUnit) {
      row("Unit", !r_.frame_rate         ? seconds_text(r_.unit)
                  : r_.variable_frames ? "one video frame (variable rate, " + format_frame_rate(*r_.frame_rate) + " fps average)"
                                       : "one video frame (" + format_frame_rate(*r_.frame_rate) + " fps)");
      row("Tolerance", std::to_string(r_.tolerance_units) + (r_.tolerance_units == 1 ? " unit" : " units") + " (" +
                           seconds_text(r_.tolerance) + ")");
    } else {
      row("Onset tolerance", seconds_text(r_.tolerance));
      if (r_.min_overlap_percent > 0) row("Minimum overlap", fixed(r_.min_overlap_percent, 1) + " %");
    }
    out_ += "</table>\n";
  }

  void matrix() {
    const std::size_t k = r_.codes.size();
    out_ += "<h3>Confusion matrix</h3>\n<p class=\"note\">Rows: coder A (session " + std::to_string(in_.a.info.id) +
            ", " + html_escape(in_.a.info.coder) + "); columns: coder B (session " + std::to_string(in_.b.info.id) +
            ", " + html_escape(in_.b.info.coder) + "). The diagonal holds the agreements.</p>\n";
    out_ += "<table class=\"matrix\">\n<tr><th class=\"row\">A \\ B</th>";
    for (const std::string& c : r_.codes) out_ += "<th title=\"" + html_escape(c) + "\">" + html_escape(name(c)) + "</th>";
    out_ += "<th class=\"total\">Total</th></tr>\n";
    std::vector<std::int64_t> columns(k, 0);
    for (std::size_t i = 0; i < k; ++i) {
      out_ += "<tr><th class=\"row\" title=\"" + html_escape(r_.codes[i]) + "\">" + html_escape(name(r_.codes[i])) + "</th>";
      std::int64_t total = 0;
      for (std::size_t j = 0; j < k; ++j) {
        const std::int64_t x = r_.matrix[i][j];
        total += x;
        columns[j] += x;
        const char* cls = x == 0 ? "zero" : i == j ? "agree" : "disagree";
        out_ += "<td class=\"" + std::string(cls) + "\">" + std::to_string(x) + "</td>";
      }
      out_ += "<td class=\"total\">" + std::to_string(total) + "</td></tr>\n";
    }
    out_ += "<tr><th class=\"row total\">Total</th>";
    for (std::int64_t c : columns) out_ += "<td class=\"total\">" + std::to_string(c) + "</td>";
    out_ += "<td class=\"total\">" + std::to_string(r_.n) + "</td></tr>\n</table>\n";
  }

  void per_code() {
    out_ += "<h3>Per code</h3>\n<p class=\"note\">Agreements: the code's diagonal cell; disagreements: the rest of its "
            "row and of its column; % = agreements / (agreements + disagreements).</p>\n";
    out_ += "<table class=\"per-code\">\n<tr><th>Code</th><th class=\"n\">Agreements</th><th class=\"n\">Disagreements"
            "</th><th class=\"n\">% agreement</th></tr>\n";
    for (const CodeAgreement& c : r_.per_code) {
      const std::optional<double> percent = percent_agreement(c);
      out_ += "<tr><td>" + html_escape(code_label(scheme_, c.code)) + "</td><td class=\"n\">" +
              std::to_string(c.agreements) + "</td><td class=\"n\">" + std::to_string(c.disagreements) + "</td>" +
              (percent ? "<td class=\"n\">" + fixed(*percent, 1) + "</td>"
                       : std::string("<td class=\"na\" title=\"never tallied\">—</td>")) +
              "</tr>\n";
    }
    out_ += "</table>\n";
  }

  void timelines() {
    // Only the compared subject's events when one was chosen: the others were not compared.
    auto compared_only = [&](const std::vector<Event>& events) {
      std::vector<Event> kept;
      for (const Event& e : events)
        if (r_.subject.empty() || e.subject == r_.subject) kept.push_back(e);
      return kept;
    };
    const std::vector<Event> a = compared_only(in_.a.events), b = compared_only(in_.b.events);
    const StackedCoding sa{"A · session " + std::to_string(in_.a.info.id) + " · " + in_.a.info.coder, a};
    const StackedCoding sb{"B · session " + std::to_string(in_.b.info.id) + " · " + in_.b.info.coder, b};
    const std::vector<std::string>& codes = r_.codes;
    auto compared = [&](const Code& c) { return std::find(codes.begin(), codes.end(), c.id) != codes.end(); };
    out_ += "<h3 id=\"timelines\">Timelines</h3>\n";
    out_ += stacked_timeline_svg(scheme_, sa, sb, compared, r_.duration, r_.disagreements);
    out_ += "<p class=\"note\">Coder A above, coder B below, on one time axis. Red: where the two disagree (the band "
            "under the axis has a tooltip for each disagreement). Bars are states, diamonds are point events.</p>\n";
  }

  void disagreements() {
    out_ += "<h3 id=\"disagreements\">" + count_text(static_cast<long long>(r_.disagreements.size()), "disagreement",
                                                         "disagreements") +
            "</h3>\n";
    if (r_.disagreements.empty()) {
      out_ += "<p class=\"note\">The codings agree everywhere.</p>\n";
      return;
    }
    out_ += "<table class=\"disagreements\">\n<tr><th class=\"n\">#</th><th class=\"n\">From s</th><th class=\"n\">To s"
            "</th><th class=\"n\">Length s</th><th>A: " + html_escape(in_.a.info.coder) + "</th><th>B: " +
            html_escape(in_.b.info.coder) + "</th></tr>\n";
    std::size_t i = 0;
    for (const Disagreement& d : r_.disagreements)
      out_ += "<tr><td class=\"n\">" + std::to_string(++i) + "</td><td class=\"n\">" + format_seconds(d.start) +
              "</td><td class=\"n\">" + format_seconds(d.end) + "</td><td class=\"n\">" + format_seconds(d.end - d.start) +
              "</td><td class=\"code-a\">" + html_escape(name(d.code_a)) + "</td><td class=\"code-b\">" +
              html_escape(name(d.code_b)) + "</td></tr>\n";
    out_ += "</table>\n";
  }

  void foot() {
    out_ += "<footer class=\"report\">\n<p>Written by Attune " + std::string(attune::version()) + ".</p>\n";
    out_ += "<p>Cohen's κ over the K×K table x (rows coder A, columns coder B), N = Σx: Po = Σx_ii / N, "
            "Pe = Σ x_i+ · x_+i / N², κ = (Po − Pe) / (1 − Pe), % agreement = 100 · Po, "
            "κmax = (Σ min(x_i+, x_+i) / N − Pe) / (1 − Pe). When Pe = 1 (or N = 0) κ is undefined and reported as "
            "such, never as 1. Time-unit κ (Bakeman &amp; Quera 2011) tallies one code per unit of time, with "
            "“none” where no code of the group runs; event-based κ (Bakeman, Quera &amp; Gnisci 2009) pairs events "
            "by onset within the tolerance and tallies unpaired events against “nil” (nil–nil is a structural "
            "zero).</p>\n";
    out_ += audit_head_note(in_.audit_head);
    out_ += "</footer>\n</body>\n</html>\n";
  }

  std::string name(const std::string& id) const {
    const Code* code = scheme_.find_code(id);
    return code ? code->name : id;
  }

  const AgreementReport& in_;
  const AgreementResult& r_;
  const Scheme& scheme_;
  std::string out_;
};

}  // namespace

std::string agreement_html(const AgreementReport& report) { return Page(report).write(); }

}  // namespace attune::exports
