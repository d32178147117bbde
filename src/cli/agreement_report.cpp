#include "cli/agreement_report.h"

#include <cstdio>
#include <ostream>
#include <span>

#include <nlohmann/json.hpp>

#include "cli/output.h"

namespace attune::cli {

namespace {

using nlohmann::json;

json number_or_null(const std::optional<double>& value) { return value ? json(*value) : json(nullptr); }

double seconds(Micros t) { return static_cast<double>(t) / 1e6; }

std::string fixed(double value, int decimals) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.*f", decimals, value);
  return buf;
}

// The shortest text of a number of seconds for people: 1, 0.04, 2.5.
std::string seconds_text(double value) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.6g", value);
  return buf;
}

std::string who(const SessionInfo& s) {
  return "session " + std::to_string(s.id) + " (" + printable(s.coder) + (s.is_master ? ", master coding" : "") + ")";
}

std::string why_undefined(const AgreementResult& r) {
  if (r.n == 0) return "undefined (nothing to compare: N = 0)";
  return "undefined (Pe = 1: both coders used one and the same code throughout)";
}

}  // namespace

std::string method_text(const AgreementResult& r, const AgreementContext& c) {
  const std::string tolerance = seconds_text(c.tolerance_s) + " s";
  if (r.method == AgreementMethod::EventBased) {
    std::string text = "event-based: events paired by onset within " + tolerance;
    if (r.min_overlap_percent > 0) text += " and overlapping by at least " + seconds_text(r.min_overlap_percent) + " %";
    return text + "; unpaired events against nil";
  }
  const std::string unit =
      !c.frame_rate ? seconds_text(c.unit_s.value_or(0)) + " s units"
      : c.variable_frames
          ? "one-frame units (the video's own frames: variable rate, " + format_frame_rate(*c.frame_rate) + " fps average)"
          : "one-frame units (" + format_frame_rate(*c.frame_rate) + " fps)";
  const std::int64_t w = c.tolerance_units.value_or(0);
  return "time-unit: " + unit + ", tolerance " + tolerance + " (" + std::to_string(w) + (w == 1 ? " unit" : " units") +
         (w > 0 ? ", tallied from both sides" : "") + ")";
}

json agreement_json(const AgreementResult& r, const AgreementContext& c) {
  json matrix = json::array();
  for (const auto& row : r.matrix) matrix.push_back(row);
  json per_code = json::array();
  for (const CodeAgreement& code : r.per_code)
    per_code.push_back({{"code", code.code}, {"agreements", code.agreements}, {"disagreements", code.disagreements}});
  json disagreements = json::array();
  for (const Disagreement& d : r.disagreements)
    disagreements.push_back({{"start_s", seconds(d.start)},
                             {"end_s", seconds(d.end)},
                             {"start_us", d.start},
                             {"end_us", d.end},
                             {"code_a", d.code_a},
                             {"code_b", d.code_b}});
  return {{"method", to_string(r.method)},
          {"unit_s", number_or_null(c.unit_s)},
          {"frame_rate", c.frame_rate ? json(format_frame_rate(*c.frame_rate)) : json(nullptr)},
          {"variable_frame_rate", c.frame_rate ? json(c.variable_frames) : json(nullptr)},
          {"tolerance_s", c.tolerance_s},
          {"tolerance_units", c.tolerance_units ? json(*c.tolerance_units) : json(nullptr)},
          {"min_overlap_percent", r.method == AgreementMethod::EventBased ? json(r.min_overlap_percent) : json(nullptr)},
          {"group", c.group_label},
          {"subject", r.subject.empty() ? json(nullptr) : json(r.subject)},
          {"session_a", {{"id", c.a.id}, {"coder", c.a.coder}, {"is_master", c.a.is_master}}},
          {"session_b", {{"id", c.b.id}, {"coder", c.b.coder}, {"is_master", c.b.is_master}}},
          {"recording", c.recording.id},
          {"scheme", c.a.scheme_name + "@" + std::to_string(c.a.scheme_version)},
          {"duration_s", seconds(r.duration)},
          {"n", r.n},
          {"percent_agreement", number_or_null(r.percent_agreement)},
          {"kappa", number_or_null(r.kappa)},
          {"kappa_max", number_or_null(r.kappa_max)},
          {"codes", r.codes},
          {"matrix", matrix},
          {"per_code", per_code},
          {"disagreements", disagreements},
          {"audit_head", c.audit_head.text()}};
}

std::string agreement_csv(std::span<const AgreementResult> results, std::span<const AgreementContext> contexts,
                          exports::CsvProfile profile) {
  exports::CsvWriter csv(profile);
  csv.out() += csv.file_prefix();
  for (const char* column : {"session_a", "session_b", "coder_a", "coder_b", "method", "unit_s", "tolerance_s", "group",
                             "measure", "code_a", "code_b", "value"})
    csv.text(column);
  csv.end_row();
  for (std::size_t k = 0; k < results.size() && k < contexts.size(); ++k) {
    const AgreementResult& r = results[k];
    const AgreementContext& c = contexts[k];
    auto row = [&](const char* measure, const std::string& code_a, const std::string& code_b, auto value) {
      csv.integer(c.a.id);
      csv.integer(c.b.id);
      csv.text(c.a.coder);
      csv.text(c.b.coder);
      csv.text(to_string(r.method));
      csv.number(c.unit_s);
      csv.number(c.tolerance_s);
      csv.text(c.group_label);
      csv.text(measure);
      csv.text(code_a);
      csv.text(code_b);
      if constexpr (std::is_same_v<decltype(value), std::int64_t>) csv.integer(value);
      else csv.number(value);
      csv.end_row();
    };
    row("n", "", "", r.n);
    row("percent_agreement", "", "", r.percent_agreement);
    row("kappa", "", "", r.kappa);
    row("kappa_max", "", "", r.kappa_max);
    for (std::size_t i = 0; i < r.codes.size(); ++i)
      for (std::size_t j = 0; j < r.codes.size(); ++j) row("cell", r.codes[i], r.codes[j], r.matrix[i][j]);
    for (const CodeAgreement& code : r.per_code) row("agreements", code.code, "", code.agreements);
    for (const CodeAgreement& code : r.per_code) row("disagreements", code.code, "", code.disagreements);
  }
  return std::move(csv.out());
}

void print_agreement(std::ostream& out, const AgreementResult& r, const AgreementContext& c) {
  out << "agreement of " << who(c.a) << " and " << who(c.b) << '\n'
      << "recording   " << c.recording.id << " (" << c.recording.dyad << "), scheme " << c.a.scheme_name << '@'
      << c.a.scheme_version << '\n'
      << "method      " << method_text(r, c) << '\n'
      << "group       " << (c.group_label == "points" ? "point codes" : c.group_label)
      << (c.group_source.empty() ? "" : " (" + c.group_source + ")") << '\n'
      << "compared    0 – " << format_seconds(r.duration) << " s (" << c.duration_source << ")\n"
      << "N           " << r.n << (r.method == AgreementMethod::EventBased ? " (pairs and unpaired events)" : " (unit tallies)") << '\n'
      << "agreement   " << (r.percent_agreement ? fixed(*r.percent_agreement, 1) + " %" : "undefined (N = 0)") << '\n'
      << "kappa       " << (r.kappa ? fixed(*r.kappa, 4) : why_undefined(r)) << '\n'
      << "kappa max   " << (r.kappa_max ? fixed(*r.kappa_max, 4) : std::string("undefined")) << '\n'
      << "audit head  " << c.audit_head.text() << "\n\n";

  out << "confusion matrix (rows: " << who(c.a) << ", columns: " << who(c.b) << ")\n";
  std::vector<std::string> header{""};
  for (const std::string& code : r.codes) header.push_back(code);
  header.push_back("total");
  std::vector<std::vector<std::string>> rows;
  std::vector<std::int64_t> column_totals(r.codes.size(), 0);
  for (std::size_t i = 0; i < r.codes.size(); ++i) {
    std::vector<std::string> line{r.codes[i]};
    std::int64_t total = 0;
    for (std::size_t j = 0; j < r.codes.size(); ++j) {
      line.push_back(std::to_string(r.matrix[i][j]));
      total += r.matrix[i][j];
      column_totals[j] += r.matrix[i][j];
    }
    line.push_back(std::to_string(total));
    rows.push_back(std::move(line));
  }
  std::vector<std::string> totals{"total"};
  for (std::int64_t t : column_totals) totals.push_back(std::to_string(t));
  totals.push_back(std::to_string(r.n));
  rows.push_back(std::move(totals));
  print_table(out, header, rows);

  out << '\n';
  std::vector<std::vector<std::string>> codes;
  for (const CodeAgreement& code : r.per_code)
    codes.push_back({code.code, std::to_string(code.agreements), std::to_string(code.disagreements)});
  print_table(out, {"code", "agreements", "disagreements"}, codes);

  constexpr std::size_t kShown = 20;
  out << '\n' << r.disagreements.size() << (r.disagreements.size() == 1 ? " disagreement" : " disagreements");
  if (r.disagreements.empty()) {
    out << '\n';
    return;
  }
  out << (r.disagreements.size() > kShown ? " (the first " + std::to_string(kShown) + "; --json lists all)" : "")
      << ":\n";
  std::vector<std::vector<std::string>> places;
  for (std::size_t i = 0; i < r.disagreements.size() && i < kShown; ++i) {
    const Disagreement& d = r.disagreements[i];
    places.push_back({format_seconds_fixed(d.start), format_seconds_fixed(d.end), d.code_a, d.code_b});
  }
  print_table(out, {"start_s", "end_s", "A: session " + std::to_string(c.a.id), "B: session " + std::to_string(c.b.id)},
              places);
}

}  // namespace attune::cli
