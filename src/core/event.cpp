#include "core/event.h"

namespace attune {

const char* to_string(SessionStatus status) {
  switch (status) {
    case SessionStatus::Coding: return "coding";
    case SessionStatus::Submitted: return "submitted";
    case SessionStatus::Reviewed: return "reviewed";
    case SessionStatus::Approved: return "approved";
  }
  return "coding";
}

std::optional<SessionStatus> parse_session_status(const std::string& text) {
  if (text == "coding") return SessionStatus::Coding;
  if (text == "submitted") return SessionStatus::Submitted;
  if (text == "reviewed") return SessionStatus::Reviewed;
  if (text == "approved") return SessionStatus::Approved;
  return std::nullopt;
}

std::string modifiers_text(const ModifierValues& values) {
  std::string text;
  for (const auto& [id, value] : values) text += (text.empty() ? "" : " ") + id + "=" + value;
  return text;
}

}  // namespace attune
