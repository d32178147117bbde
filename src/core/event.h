#pragma once
// Coded data: a recording (the video of one dyad's session), a session (one coder's
// coding of a recording with one exact scheme version) and its events.
#include <cstdint>
#include <map>
#include <optional>
#include <string>

#include "core/time.h"

namespace attune {

using EventId = std::int64_t;
using SessionId = std::int64_t;
using RecordingId = std::int64_t;

// Modifier id -> value. A multi modifier holds its chosen values joined by ','
// (values of single/multi modifiers never contain ','); a number is its decimal text.
using ModifierValues = std::map<std::string, std::string>;
// "channel=vocal mind=appropriate": the modifiers as the event list and attune-cli show them.
std::string modifiers_text(const ModifierValues& values);

// One coded event. A point event has end == start; a state event is one interval,
// end == nullopt while it is still running ("open"). Never a start/stop toggle pair.
struct Event {
  EventId id = 0;  // 0 until the store has assigned one
  std::string code;
  std::string subject;  // "" when the code has no subject
  Micros start = 0;
  std::optional<Micros> end;
  std::optional<std::int64_t> frame;  // video frame on screen at `start`, when coded from video
  ModifierValues modifiers;
  std::string comment;

  bool is_open() const { return !end.has_value(); }
  bool operator==(const Event&) const = default;
};

// Orders events for display and search: by start, then id.
inline bool event_before(const Event& a, const Event& b) {
  return a.start != b.start ? a.start < b.start : a.id < b.id;
}

struct Recording {
  RecordingId id = 0;
  std::string dyad;  // pseudonym, never a name
  std::optional<int> child_age_months;
  std::string session_type;  // free play, still-face, feeding …
  std::string video_path;
  std::optional<std::int64_t> video_size;
  std::string video_hash;  // "sha256:<hex>"
  FrameRate fps;           // invalid (0/1) when unknown
  std::optional<Micros> duration;
};

enum class SessionStatus { Coding, Submitted, Reviewed, Approved };
const char* to_string(SessionStatus status);
std::optional<SessionStatus> parse_session_status(const std::string& text);

struct SessionInfo {
  SessionId id = 0;
  RecordingId recording_id = 0;
  std::int64_t scheme_id = 0;
  std::string scheme_name;
  int scheme_version = 0;
  std::string coder;
  SessionStatus status = SessionStatus::Coding;
  bool is_master = false;
  std::string created_utc;
  std::string modified_utc;
};

}  // namespace attune
