#include "cli/output.h"

#include <algorithm>
#include <ostream>

#include <nlohmann/json.hpp>

namespace attune::cli {

namespace {
// Display width in characters, counting UTF-8 continuation bytes as nothing.
std::size_t width(const std::string& s) {
  return static_cast<std::size_t>(std::count_if(s.begin(), s.end(), [](char c) { return (c & 0xC0) != 0x80; }));
}

nlohmann::json seconds_or_null(const std::optional<Micros>& t) {
  return t ? nlohmann::json(static_cast<double>(*t) / 1e6) : nlohmann::json(nullptr);
}
}  // namespace

void print_table(std::ostream& out, const std::vector<std::string>& header,
                 const std::vector<std::vector<std::string>>& rows) {
  std::vector<std::size_t> widths(header.size());
  for (std::size_t c = 0; c < header.size(); ++c) widths[c] = width(header[c]);
  for (const auto& row : rows)
    for (std::size_t c = 0; c < row.size() && c < widths.size(); ++c) widths[c] = std::max(widths[c], width(row[c]));
  auto line = [&](const std::vector<std::string>& cells) {
    std::string text;
    for (std::size_t c = 0; c < cells.size(); ++c) {
      text += cells[c];
      if (c + 1 < cells.size()) text += std::string(widths[c] - width(cells[c]) + 2, ' ');
    }
    out << text << '\n';
  };
  line(header);
  for (const auto& row : rows) line(row);
}

void print_json(std::ostream& out, const nlohmann::json& value) { out << value.dump(2) << '\n'; }

nlohmann::json event_json(const Event& e) {
  nlohmann::json modifiers = nlohmann::json::object();
  for (const auto& [id, value] : e.modifiers) modifiers[id] = value;
  return {{"id", e.id},
          {"code", e.code},
          {"subject", e.subject.empty() ? nlohmann::json(nullptr) : nlohmann::json(e.subject)},
          {"start_s", static_cast<double>(e.start) / 1e6},
          {"end_s", seconds_or_null(e.end)},
          {"duration_s", e.end ? nlohmann::json(static_cast<double>(*e.end - e.start) / 1e6) : nlohmann::json(nullptr)},
          {"start_us", e.start},
          {"end_us", e.end ? nlohmann::json(*e.end) : nlohmann::json(nullptr)},
          {"frame", e.frame ? nlohmann::json(*e.frame) : nlohmann::json(nullptr)},
          {"modifiers", modifiers},
          {"comment", e.comment}};
}

nlohmann::json recording_json(const Recording& r) {
  return {{"id", r.id},
          {"dyad", r.dyad},
          {"child_age_months", r.child_age_months ? nlohmann::json(*r.child_age_months) : nlohmann::json(nullptr)},
          {"session_type", r.session_type},
          {"video_path", r.video_path.empty() ? nlohmann::json(nullptr) : nlohmann::json(r.video_path)},
          {"video_size", r.video_size ? nlohmann::json(*r.video_size) : nlohmann::json(nullptr)},
          {"video_hash", r.video_hash.empty() ? nlohmann::json(nullptr) : nlohmann::json(r.video_hash)},
          {"fps", r.fps.valid() ? nlohmann::json(format_frame_rate(r.fps)) : nlohmann::json(nullptr)},
          {"duration_s", seconds_or_null(r.duration)}};
}

nlohmann::json session_json(const SessionInfo& s, const Recording& r) {
  return {{"id", s.id},
          {"recording", recording_json(r)},
          {"scheme", {{"id", s.scheme_id}, {"name", s.scheme_name}, {"version", s.scheme_version}}},
          {"coder", s.coder},
          {"status", to_string(s.status)},
          {"is_master", s.is_master},
          {"created_utc", s.created_utc},
          {"modified_utc", s.modified_utc}};
}

void print_events(std::ostream& out, const std::vector<Event>& events, bool json) {
  if (json) {
    nlohmann::json array = nlohmann::json::array();
    for (const Event& e : events) array.push_back(event_json(e));
    print_json(out, array);
    return;
  }
  std::vector<std::vector<std::string>> table;
  for (const Event& e : events)
    table.push_back({std::to_string(e.id), format_seconds_fixed(e.start),
                     e.end ? format_seconds_fixed(*e.end) : std::string("running"), e.code,
                     e.subject.empty() ? "-" : e.subject, e.frame ? std::to_string(*e.frame) : "-",
                     modifiers_text(e.modifiers), e.comment});
  print_table(out, {"id", "start_s", "end_s", "code", "subject", "frame", "modifiers", "comment"}, table);
}

std::string modifiers_text(const ModifierValues& modifiers) {
  std::string text;
  for (const auto& [id, value] : modifiers) text += (text.empty() ? "" : " ") + id + "=" + value;
  return text;
}

}  // namespace attune::cli
