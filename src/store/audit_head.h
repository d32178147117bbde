#pragma once
// The head of the audit hash chain: how many rows the trail holds and the hash of the last
// one. Because every row's hash covers the row before it, a head recorded once (printed by
// every export and report, by `attune-cli audit` and `audit anchor`) pins the whole trail up
// to that row: if a row at or before it is later removed, altered or rewritten (even with
// the chain recomputed), the trail no longer hashes to the recorded head. Rows added after
// it do not matter. Printed as "attune-audit-head 1234:<64 hex digits>" (docs/audit-trail.md).
// No SQLite here: exports, reports and the window carry heads without the store's internals.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace attune {

inline constexpr std::string_view kAuditHeadPrefix = "attune-audit-head";

struct AuditHead {
  std::int64_t count = 0;                 // rows in the trail
  std::string hash = std::string(64, '0');  // the last row's hash; 64 zeros for an empty trail

  // "1234:9f3a…" with the full hash: what `verify --expect` takes.
  std::string value() const;
  // "attune-audit-head 1234:9f3a…" with the full hash: the form every file and report prints.
  std::string text() const;
  // "1234:9f3a5c01…": for a narrow display next to the full text (never to check against).
  std::string abbreviated() const;

  // Reads a head from "COUNT:HASH" or from any line holding "attune-audit-head COUNT:HASH"
  // (an anchor line, an export's header); the hash is 64 hex digits (case ignored).
  // nullopt when there is none.
  static std::optional<AuditHead> parse(std::string_view text);

  bool operator==(const AuditHead&) const = default;
};

}  // namespace attune
