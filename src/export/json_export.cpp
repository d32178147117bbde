#include "export/json_export.h"

#include <nlohmann/json.hpp>

#include "core/error.h"
#include "core/version.h"
#include "export/metrics.h"

namespace attune::exports {

using nlohmann::json;

namespace {

json value_or_null(const std::optional<double>& v) { return v ? json(*v) : json(nullptr); }

json figure_json(const Figure& f) {
  if (f.value && f.count) return json(static_cast<std::int64_t>(*f.value));
  return value_or_null(f.value);
}

template <class T>
json optional_json(const std::optional<T>& v) {
  return v ? json(*v) : json(nullptr);
}

json seconds(Micros t) { return static_cast<double>(t) / 1e6; }

json text_or_null(const std::string& text) { return text.empty() ? json(nullptr) : json(text); }

}  // namespace

json session_meta_json(const ExportSession& s) {
  const Recording& r = s.recording;
  json meta = {{"id", s.info.id},
               {"dyad", r.dyad},
               {"coder", s.info.coder},
               {"child_age_months", optional_json(r.child_age_months)},
               {"session_type", text_or_null(r.session_type)},
               {"status", to_string(s.info.status)},
               {"is_master", s.info.is_master},
               {"fps", r.fps.valid() ? json(format_frame_rate(r.fps)) : json(nullptr)},
               {"duration_s", r.duration ? seconds(*r.duration) : json(nullptr)}};
  if (s.deidentified) {
    meta["created_year"] = text_or_null(s.info.created_utc);
  } else {
    meta["created_utc"] = s.info.created_utc;
    meta["modified_utc"] = s.info.modified_utc;
    meta["video"] = {{"path", text_or_null(r.video_path)},
                     {"size", optional_json(r.video_size)},
                     {"hash", text_or_null(r.video_hash)}};
  }
  return meta;
}

json parameters_json(const std::vector<analysis::Parameter>& parameters) {
  json out = json::array();
  for (const analysis::Parameter& p : parameters)
    out.push_back({{"name", p.name}, {"value_s", analysis::as_seconds(p.value)}, {"source", to_string(p.source)}});
  return out;
}

json episodes_json(const ExportSession& s) {
  json out = json::array();
  for (const EpisodeInfo& e : s.episodes)
    out.push_back({{"label", e.label},
                   {"code", e.code},
                   {"subject", text_or_null(e.subject)},
                   {"event_id", e.event_id},
                   {"start_s", seconds(e.start)},
                   {"end_s", seconds(e.end)}});
  return out;
}

json events_json(const ExportSession& s) {
  json out = json::array();
  for (const Event& e : s.events) {
    const Code* code = s.scheme->find_code(e.code);
    json modifiers = json::object();
    for (const auto& [id, value] : e.modifiers) modifiers[id] = value;
    json event = {{"id", e.id},
                  {"code", e.code},
                  {"subject", text_or_null(e.subject)},
                  {"group", code ? json(code->group) : json(nullptr)},
                  {"kind", code ? json(to_string(code->kind)) : json(nullptr)},
                  {"episode", text_or_null(s.episode_at(e.start))},
                  {"start_s", seconds(e.start)},
                  {"end_s", e.end ? seconds(*e.end) : json(nullptr)},
                  {"duration_s", e.end ? seconds(*e.end - e.start) : json(nullptr)},
                  {"start_us", e.start},
                  {"end_us", optional_json(e.end)},
                  {"open", e.is_open()},
                  {"frame", optional_json(s.frame_of(e))},
                  {"modifiers", std::move(modifiers)}};
    if (!s.deidentified) event["comment"] = e.comment;
    out.push_back(std::move(event));
  }
  return out;
}

json ratings_json(const ExportSession& s) {
  json out = json::array();
  for (const ExportRating& r : s.ratings)
    out.push_back({{"scale", r.scale}, {"name", r.name}, {"value", r.value}, {"min", r.min}, {"max", r.max}});
  return out;
}

json summary_json(const ExportSession& s) {
  if (!s.summary) throw Error(ErrorKind::InvalidInput, "session " + std::to_string(s.info.id) + " has no summary");
  const analysis::SessionSummary& summary = *s.summary;
  json codes = json::array();
  json rules = json::array();
  json windows = json::array();
  json sequential = json::array();
  auto add_window = [&](const analysis::WindowSummary& w, const std::string& label) {
    const json episode = label.empty() ? json(nullptr) : json(label);
    for (const analysis::CodeStats& c : w.codes) {
      json row = {{"subject", text_or_null(c.subject)}, {"code", c.code}, {"episode", episode},
                  {"kind", to_string(c.kind)}};
      for (const Figure& f : code_figures(c)) row[f.name] = figure_json(f);
      if (c.kind == CodeKind::Point)  // the same members for every row; a point has no durations
        for (const char* name : {"bouts", "censored", "total_s", "mean_s", "median_s", "sd_s", "percent"})
          row[name] = nullptr;
      codes.push_back(std::move(row));
    }
    for (const analysis::RuleResult& r : w.rules) {
      json row = {{"id", r.rule_id}, {"name", r.rule_name}, {"type", r.type}, {"episode", episode}};
      for (const Figure& f : rule_figures(r)) row[f.name] = figure_json(f);
      rules.push_back(std::move(row));
    }
    for (const analysis::SequentialTable& t : w.sequential) {
      auto matrix = [&](const auto& cells) {
        json rows = json::array();
        for (const auto& r : cells) {
          json row = json::array();
          for (const auto& v : r) row.push_back(value_or_null(v));
          rows.push_back(std::move(row));
        }
        return rows;
      };
      sequential.push_back({{"episode", episode},
                            {"group", t.options.group},
                            {"collapse_repeats", t.options.collapse_repeats},
                            {"expected_model", t.options.collapse_repeats
                                                   ? "quasi-independence (IPF, diagonal structural zeros)"
                                                   : "independence (row x column / N)"},
                            {"codes", t.codes},
                            {"transitions", t.transitions},
                            {"counts", t.counts},
                            {"probability", matrix(t.probability)},
                            {"expected", matrix(t.expected)},
                            {"adjusted_residual", matrix(t.adjusted_residual)},
                            {"yule_q", matrix(t.yule_q)}});
    }
    json window = {{"episode", episode}};
    for (const Figure& f : window_figures(w)) window[f.name] = value_or_null(f.value);
    windows.push_back(std::move(window));
  };
  add_window(summary.session, "");
  for (const analysis::WindowSummary& w : summary.episodes) add_window(w, s.episode_label(w.window));
  return {{"observed_s", summary.session.observed_s},
          {"codable_s", summary.session.codable_s},
          {"session_end_s", seconds(summary.session_end)},
          {"end_from_duration", summary.end_from_duration},
          {"open_states", summary.open_states},
          {"windows", std::move(windows)},
          {"codes", std::move(codes)},
          {"rules", std::move(rules)},
          {"sequential", std::move(sequential)},
          {"ratings", ratings_json(s)}};
}

json summary_document(const ExportSession& s) {
  json doc = {{"attune_version", attune::version()},
              {"session", session_meta_json(s)},
              {"scheme", {{"name", s.info.scheme_name}, {"version", s.info.scheme_version}}},
              {"parameters", parameters_json(s.summary ? s.summary->parameters : std::vector<analysis::Parameter>{})},
              {"episodes", episodes_json(s)}};
  json summary = summary_json(s);
  for (auto& [key, value] : summary.items()) doc[key] = std::move(value);
  return doc;
}

namespace {

class JsonWriter : public BufferedWriter {
 public:
  JsonWriter(const ExportOptions& options, Sink sink) : BufferedWriter(std::move(sink)), options_(options) {
    with_events_ = options.what != What::Summary;
    with_summary_ = options.what != What::Events;
  }

  void begin(const std::vector<std::shared_ptr<const Scheme>>&) override {
    json content = json::array();
    if (with_events_) content.push_back("events");
    if (with_summary_) content.push_back("summary");
    json head = {{"format", kJsonFormatName},
                 {"format_version", kJsonFormatVersion},
                 {"attune_version", attune::version()},
                 {"deidentified", options_.deidentify},
                 {"content", content}};
    if (!options_.deidentify) head["generated_utc"] = options_.generated_utc;
    if (options_.audit_head) head["audit_head"] = options_.audit_head->text();
    // Write the head without its closing brace, then the sessions one by one.
    std::string text = head.dump(1);
    text.pop_back();  // '}'
    while (!text.empty() && text.back() == '\n') text.pop_back();
    buffer() += text;
    buffer() += ",\n \"sessions\": [";
  }

  void add(const ExportSession& s) override {
    json session = {{"session", session_meta_json(s)},
                    {"scheme", {{"name", s.info.scheme_name}, {"version", s.info.scheme_version}}},
                    {"parameters", parameters_json(s.summary ? s.summary->parameters
                                                             : std::vector<analysis::Parameter>{})},
                    {"episodes", episodes_json(s)}};
    if (with_events_) session["events"] = events_json(s);
    if (with_summary_) session["summary"] = summary_json(s);
    buffer() += first_ ? "\n" : ",\n";
    first_ = false;
    buffer() += session.dump(-1, ' ', false, json::error_handler_t::replace);
    maybe_flush();
  }

  void finish() override {
    buffer() += first_ ? "]\n}\n" : "\n ]\n}\n";
    flush();
  }

 private:
  ExportOptions options_;
  bool with_events_ = true;
  bool with_summary_ = true;
  bool first_ = true;
};

}  // namespace

std::unique_ptr<SessionWriter> make_json_writer(const ExportOptions& options, Sink sink) {
  return std::make_unique<JsonWriter>(options, std::move(sink));
}

}  // namespace attune::exports
