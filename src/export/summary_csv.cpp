#include "export/summary_csv.h"

#include <unordered_map>
#include <variant>

#include "core/error.h"
#include "core/version.h"
#include "export/metrics.h"

namespace attune::exports {

namespace {

const analysis::SessionSummary& summary_of(const ExportSession& s) {
  if (!s.summary) throw Error(ErrorKind::InvalidInput, "session " + std::to_string(s.info.id) + " has no summary");
  return *s.summary;
}

// ---- long ------------------------------------------------------------------------------

class SummaryLongWriter : public BufferedWriter {
 public:
  SummaryLongWriter(const ExportOptions& options, Sink sink) : BufferedWriter(std::move(sink)), csv_(options.profile) {}

  void begin(const std::vector<std::shared_ptr<const Scheme>>&) override {
    buffer() += csv_.file_prefix();
    for (const char* c : {"session", "dyad", "coder", "scheme", "scheme_version", "attune_version", "episode", "subject",
                          "kind", "item", "metric", "value"})
      csv_.text(c);
    csv_.end_row();
    drain();
  }

  void add(const ExportSession& s) override {
    const analysis::SessionSummary& summary = summary_of(s);
    // The leading cells are the same on every row of the session: format them once.
    CsvWriter lead(csv_.profile());
    lead.verbatim(std::to_string(s.info.id));
    lead.text(s.recording.dyad);
    lead.text(s.info.coder);
    lead.text(s.info.scheme_name);
    lead.verbatim(std::to_string(s.info.scheme_version));
    lead.verbatim(attune::version());
    prefix_ = lead.out();

    window(s, summary.session, "");
    row("", "", "session", "", "events", static_cast<double>(s.events.size()));
    row("", "", "session", "", "open_states", static_cast<double>(summary.open_states));
    if (s.recording.child_age_months)
      row("", "", "session", "", "child_age_months", static_cast<double>(*s.recording.child_age_months));
    for (const analysis::Parameter& p : summary.parameters) {
      const auto [rule, setting] = split_parameter_name(p.name);
      row("", "", "parameter", rule, setting, analysis::as_seconds(p.value));
    }
    for (const ExportRating& r : s.ratings) row("", "", "rating", r.scale, "value", r.value);
    codes_and_rules(summary.session, "");
    for (const analysis::WindowSummary& w : summary.episodes) {
      const std::string& label = s.episode_label(w.window);
      window(s, w, label);
      codes_and_rules(w, label);
    }
    drain();
  }

  void finish() override {
    drain();
    flush();
  }

 private:
  void row(const std::string& episode, const std::string& subject, const char* kind, const std::string& item,
           const std::string& metric, std::optional<double> value) {
    std::string& out = csv_.out();
    out += prefix_;
    out += ',';
    csv_.text(episode);
    csv_.text(subject);
    csv_.text(kind);
    csv_.text(item);
    csv_.text(metric);
    csv_.number(value);
    csv_.end_row();
  }

  void window(const ExportSession&, const analysis::WindowSummary& w, const std::string& label) {
    for (const Figure& f : window_figures(w)) row(label, "", "session", "", f.name, f.value);
  }

  void codes_and_rules(const analysis::WindowSummary& w, const std::string& label) {
    for (const analysis::CodeStats& c : w.codes)
      for (const Figure& f : code_figures(c)) row(label, c.subject, "code", c.code, f.name, f.value);
    for (const analysis::RuleResult& r : w.rules)
      for (const Figure& f : rule_figures(r)) row(label, "", "rule", r.rule_id, f.name, f.value);
    // Lag-1 tables: the group's transition count, then every cell "given>target".
    for (const analysis::SequentialTable& t : w.sequential) {
      row(label, "", "lag1", t.options.group, t.options.collapse_repeats ? "transitions_collapsed" : "transitions",
          static_cast<double>(t.transitions));
      for (const SequentialCell& cell : sequential_cells(t))
        for (const Figure& f : cell.figures) row(label, "", "lag1", transition_name(cell), f.name, f.value);
    }
    if (csv_.out().size() > (1u << 16)) drain();
  }

  void drain() {
    buffer() += csv_.out();
    csv_.out().clear();
    maybe_flush();
  }

  CsvWriter csv_;
  std::string prefix_;
};

// ---- wide ------------------------------------------------------------------------------

using Cell = std::variant<std::string, std::optional<double>>;

class SummaryWideWriter : public BufferedWriter {
 public:
  SummaryWideWriter(const ExportOptions& options, Sink sink)
      : BufferedWriter(std::move(sink)), profile_(options.profile), deidentified_(options.deidentify) {
    for (const char* c : {"session", "dyad", "coder", "child_age_months", "session_type", "status", "is_master",
                          "scheme", "scheme_version", "attune_version"})
      column(c);
    column(deidentified_ ? "created_year" : "created_utc");
    column("events");
    column("open_states");
  }

  void begin(const std::vector<std::shared_ptr<const Scheme>>&) override {}

  void add(const ExportSession& s) override {
    const analysis::SessionSummary& summary = summary_of(s);
    Row row;
    auto set = [&](const std::string& name, Cell value) { row.emplace_back(column(name), std::move(value)); };
    auto number = [](double v) { return Cell(std::optional<double>(v)); };
    set("session", number(static_cast<double>(s.info.id)));
    set("dyad", s.recording.dyad);
    set("coder", s.info.coder);
    if (s.recording.child_age_months) set("child_age_months", number(*s.recording.child_age_months));
    set("session_type", s.recording.session_type);
    set("status", std::string(to_string(s.info.status)));
    set("is_master", number(s.info.is_master ? 1 : 0));
    set("scheme", s.info.scheme_name);
    set("scheme_version", number(s.info.scheme_version));
    set("attune_version", std::string(attune::version()));
    set(deidentified_ ? "created_year" : "created_utc", s.info.created_utc);
    set("events", number(static_cast<double>(s.events.size())));
    set("open_states", number(summary.open_states));
    for (const analysis::Parameter& p : summary.parameters) set("param." + p.name, number(analysis::as_seconds(p.value)));
    for (const ExportRating& r : s.ratings) set("rating." + r.scale, number(r.value));
    auto window = [&](const analysis::WindowSummary& w, const std::string& prefix) {
      for (const Figure& f : window_figures(w)) set(prefix + f.name, f.value);
      for (const analysis::CodeStats& c : w.codes) {
        const std::string stem = prefix + (c.subject.empty() ? "" : c.subject + ".") + c.code + ".";
        for (const Figure& f : code_figures(c)) set(stem + f.name, f.value);
      }
      for (const analysis::RuleResult& r : w.rules)
        for (const Figure& f : rule_figures(r)) set(prefix + r.rule_id + "." + f.name, f.value);
      for (const analysis::SequentialTable& t : w.sequential) {
        set(prefix + "lag1." + t.options.group + (t.options.collapse_repeats ? ".transitions_collapsed" : ".transitions"),
            number(static_cast<double>(t.transitions)));
        for (const SequentialCell& cell : sequential_cells(t))
          for (const Figure& f : cell.figures) set(prefix + "lag1." + transition_name(cell) + "." + f.name, f.value);
      }
    };
    window(summary.session, "");
    for (const analysis::WindowSummary& w : summary.episodes) window(w, s.episode_label(w.window) + ".");
    rows_.push_back(std::move(row));
  }

  void finish() override {
    CsvWriter csv(profile_);
    buffer() += csv.file_prefix();
    for (const std::string& name : names_) csv.text(name);
    csv.end_row();
    std::vector<const Cell*> line(names_.size());
    for (const Row& row : rows_) {
      std::fill(line.begin(), line.end(), nullptr);
      for (const auto& [index, cell] : row) line[index] = &cell;
      for (const Cell* cell : line) {
        if (!cell) csv.number(std::nullopt);
        else if (const auto* text = std::get_if<std::string>(cell)) csv.text(*text);
        else csv.number(std::get<std::optional<double>>(*cell));
      }
      csv.end_row();
      if (csv.out().size() > (1u << 16)) {
        buffer() += csv.out();
        csv.out().clear();
        maybe_flush();
      }
    }
    buffer() += csv.out();
    flush();
  }

 private:
  using Row = std::vector<std::pair<std::size_t, Cell>>;

  std::size_t column(const std::string& name) {
    auto [it, inserted] = index_.try_emplace(name, names_.size());
    if (inserted) names_.push_back(name);
    return it->second;
  }

  CsvProfile profile_;
  bool deidentified_;
  std::vector<std::string> names_;
  std::unordered_map<std::string, std::size_t> index_;
  std::vector<Row> rows_;
};

}  // namespace

std::unique_ptr<SessionWriter> make_summary_long_writer(const ExportOptions& options, Sink sink) {
  return std::make_unique<SummaryLongWriter>(options, std::move(sink));
}

std::unique_ptr<SessionWriter> make_summary_wide_writer(const ExportOptions& options, Sink sink) {
  return std::make_unique<SummaryWideWriter>(options, std::move(sink));
}

}  // namespace attune::exports
