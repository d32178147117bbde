#pragma once
// A tiny scheme and one hand-made session for the export tests, with the figures worked
// out by hand below, plus a strict RFC 4180 reader to read CSV exports back.
//
// Session 7 (dyad D-7, coder ann), duration 60 s at 25 fps, scheme tiny-export version 2:
//   play   dyad   0–30  (episode)          still  dyad  30–60 (episode)
//   pos    child  0–10                     neg    child 10–20  intensity=2
//   pos    child  40–  (still running: censored at 60)
//   bid    child  5     channel=vocal, a comment with a comma, quotes, a newline and unicode
//   reflect parent 6                       bid    child 35    channel=gesture, comment "=1+1"
//   look   parent 12                       look   child 13
//   uncodable dyad 50–55
// Codable time = 60 - 5 = 55 s.
//   pos (child), whole session: onsets 0 and 40 -> count 2; rate 2 / (55/60) = 2.181818…/min;
//     bouts [0,10) = 10 s and [40,60) minus [50,55) = 15 s -> total 25, mean 12.5,
//     median 12.5, SD sqrt(((10-12.5)² + (15-12.5)²)/1) = 3.5355…, % = 25/55 = 45.4545…,
//     latency 0, censored 1.
//   bid: count 2, latency 5. bid_resp (window 2 s): bids 5 and 35; reflect at 6 lies in
//     (5, 7] -> 1 of 2 responded, proportion 0.5.
//   Episode play [0,30): codable 30; bids 1, responded 1 -> 1.0; pos 1 bout of 10 s = 33.33 %.
//   Episode still [30,60): codable 25; bids 1, responded 0 -> 0.
#include <cmath>
#include <memory>
#include <string>
#include <vector>

#include "export/session_data.h"

namespace attune::export_test {

inline Micros sec(double s) { return std::llround(s * 1e6); }

inline std::shared_ptr<const Scheme> tiny_scheme() {
  auto s = std::make_shared<Scheme>();
  s->name = "tiny-export";
  s->version = 2;
  s->subjects = {{"parent", "Parent", "P"}, {"child", "Child", "C"}, {"dyad", "Dyad", "D"}};
  s->groups = {{"episode", "Episode", true, false, "episode"},
               {"affect", "Child affect", true, false, ""},
               {"signals", "Signals", false, false, ""},
               {"talk", "Parent talk", false, false, ""}};
  s->modifiers = {{"channel", "Channel", ModifierKind::Single, {"vocal", "gesture"}, {}, {}},
                  {"intensity", "Intensity", ModifierKind::Number, {}, 1.0, 3.0}};
  auto code = [](std::string id, std::string name, std::string group, CodeKind kind, std::vector<std::string> subjects,
                 std::vector<std::string> modifiers = {}, std::string color = "") {
    Code c;
    c.id = std::move(id);
    c.name = std::move(name);
    c.group = std::move(group);
    c.kind = kind;
    c.subjects = std::move(subjects);
    c.modifiers = std::move(modifiers);
    c.color = std::move(color);
    return c;
  };
  const auto P = CodeKind::Point, S = CodeKind::State;
  s->codes = {code("play", "Free play", "episode", S, {"dyad"}),
              code("still", "Still face", "episode", S, {"dyad"}),
              code("uncodable", "Uncodable", "episode", S, {"dyad"}),
              code("pos", "Positive", "affect", S, {"child"}, {}, "#43a047"),
              code("neg", "Negative", "affect", S, {"child"}, {"intensity"}, "#e53935"),
              code("bid", "Bid", "signals", P, {"child"}, {"channel"}, "#1e88e5"),
              code("reflect", "Reflection", "talk", P, {"parent"}),
              code("look", "Look", "signals", P, {"parent", "child"})};
  s->codes[2].uncodable = true;
  ContingencyRule bid{.id = "bid_resp", .name = "Bid responsiveness", .type = "responsiveness",
                      .antecedent = {"bid"}, .target = {"reflect"}};
  bid.window_s = 2;
  s->rules = {bid};
  return s;
}

inline const char* kTrickyComment = "needs, \"quotes\"\nand a newline — ünïcödé ✓";
inline const char* kFormulaComment = "=1+1";

inline std::vector<Event> tiny_events() {
  std::vector<Event> events;
  EventId next = 1;
  auto add = [&](std::string code, std::string subject, double from, std::optional<double> to, bool point = false,
                 ModifierValues modifiers = {}, std::string comment = "") {
    Event e;
    e.id = next++;
    e.code = std::move(code);
    e.subject = std::move(subject);
    e.start = sec(from);
    if (point) e.end = e.start;
    else if (to) e.end = sec(*to);
    e.modifiers = std::move(modifiers);
    e.comment = std::move(comment);
    events.push_back(std::move(e));
  };
  add("play", "dyad", 0, 30);
  add("still", "dyad", 30, 60);
  add("pos", "child", 0, 10);
  add("neg", "child", 10, 20, false, {{"intensity", "2"}});
  add("pos", "child", 40, std::nullopt);
  add("bid", "child", 5, std::nullopt, true, {{"channel", "vocal"}}, kTrickyComment);
  add("reflect", "parent", 6, std::nullopt, true);
  add("bid", "child", 35, std::nullopt, true, {{"channel", "gesture"}}, kFormulaComment);
  add("look", "parent", 12, std::nullopt, true);
  add("look", "child", 13, std::nullopt, true);
  add("uncodable", "dyad", 50, 55);
  return events;
}

inline SessionInfo tiny_info() {
  SessionInfo info;
  info.id = 7;
  info.recording_id = 3;
  info.scheme_id = 1;
  info.scheme_name = "tiny-export";
  info.scheme_version = 2;
  info.coder = "ann";
  info.created_utc = "2024-05-06T07:08:09.000000Z";
  info.modified_utc = "2024-05-07T08:09:10.000000Z";
  return info;
}

inline Recording tiny_recording() {
  Recording r;
  r.id = 3;
  r.dyad = "D-7";
  r.child_age_months = 11;
  r.session_type = "still-face";
  r.fps = FrameRate{25, 1};
  r.duration = sec(60);
  return r;
}

inline exports::ExportSession tiny_session(bool with_summary = true, const exports::Overrides& overrides = {}) {
  return exports::make_export_session(tiny_info(), tiny_recording(), tiny_scheme(), tiny_events(), {overrides},
                                      with_summary);
}

// Strict RFC 4180: CRLF between records, quotes only around whole fields. Fails the test
// (returns what it has and sets ok = false) on anything else.
struct CsvTable {
  std::vector<std::vector<std::string>> rows;
  bool ok = true;
  std::string problem;
};

inline CsvTable read_csv(std::string_view text) {
  CsvTable t;
  std::vector<std::string> row;
  std::string field;
  std::size_t i = 0;
  auto fail = [&](std::string why) {
    t.ok = false;
    t.problem = why + " at byte " + std::to_string(i);
    return t;
  };
  if (text.empty()) return t;
  while (true) {
    field.clear();
    if (i < text.size() && text[i] == '"') {
      ++i;
      while (true) {
        if (i >= text.size()) return fail("unterminated quoted field");
        if (text[i] == '"') {
          if (i + 1 < text.size() && text[i + 1] == '"') {
            field += '"';
            i += 2;
            continue;
          }
          ++i;
          break;
        }
        field += text[i++];
      }
    } else {
      while (i < text.size() && text[i] != ',' && text[i] != '\r' && text[i] != '\n') {
        if (text[i] == '"') return fail("quote inside an unquoted field");
        field += text[i++];
      }
    }
    row.push_back(field);
    if (i == text.size()) return fail("last record without CRLF");
    if (text[i] == ',') {
      ++i;
      continue;
    }
    if (text[i] == '\r' && i + 1 < text.size() && text[i + 1] == '\n') {
      i += 2;
      t.rows.push_back(row);
      row.clear();
      if (i == text.size()) return t;
      continue;
    }
    return fail("bare CR or LF outside quotes");
  }
}

// Column index by header name; -1 when absent.
inline int column(const std::vector<std::string>& header, const std::string& name) {
  for (std::size_t i = 0; i < header.size(); ++i)
    if (header[i] == name) return static_cast<int>(i);
  return -1;
}

}  // namespace attune::export_test
