#include "store/audit_head.h"

#include <cctype>

namespace attune {

std::string AuditHead::value() const { return std::to_string(count) + ":" + hash; }

std::string AuditHead::text() const { return std::string(kAuditHeadPrefix) + " " + value(); }

std::string AuditHead::abbreviated() const { return std::to_string(count) + ":" + hash.substr(0, 12) + "…"; }

std::optional<AuditHead> AuditHead::parse(std::string_view text) {
  auto space = [](char c) { return std::isspace(static_cast<unsigned char>(c)) != 0; };
  if (const std::size_t at = text.find(kAuditHeadPrefix); at != std::string_view::npos) {
    text.remove_prefix(at + kAuditHeadPrefix.size());
    // The prefix must stand alone: "attune-audit-head 12:…", not "attune-audit-headX".
    if (text.empty() || !space(text.front())) return std::nullopt;
  }
  while (!text.empty() && space(text.front())) text.remove_prefix(1);
  std::size_t end = 0;
  while (end < text.size() && !space(text[end])) ++end;
  const std::string_view token = text.substr(0, end);
  const std::size_t colon = token.find(':');
  if (colon == 0 || colon == std::string_view::npos || colon > 18) return std::nullopt;
  AuditHead head;
  head.count = 0;
  for (char c : token.substr(0, colon)) {
    if (!std::isdigit(static_cast<unsigned char>(c))) return std::nullopt;
    head.count = head.count * 10 + (c - '0');
  }
  const std::string_view hash = token.substr(colon + 1);
  if (hash.size() != 64) return std::nullopt;
  head.hash.clear();
  for (char c : hash) {
    if (!std::isxdigit(static_cast<unsigned char>(c))) return std::nullopt;
    head.hash += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  }
  return head;
}

}  // namespace attune
