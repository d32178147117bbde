#pragma once
// JSON export, documented by schemas/session-export.schema.json:
//   {"format": "attune-session-export", "format_version": 1, "attune_version",
//    "generated_utc" (left out when de-identified), "audit_head" (the audit chain head the
//    data was read at, "attune-audit-head N:HASH"), "deidentified", "content": [...],
//    "sessions": [{"session", "scheme", "parameters", "episodes", "events"?, "summary"?}]}
// Numbers are JSON numbers, figures that cannot be computed are null, times are seconds
// (events also carry their exact microseconds).
//
// The pieces are shared with `attune-cli summary --json`, so both write the same names.
#include <memory>

#include <nlohmann/json_fwd.hpp>

#include "export/writer.h"

namespace attune::exports {

inline constexpr const char* kJsonFormatName = "attune-session-export";
inline constexpr int kJsonFormatVersion = 1;

nlohmann::json session_meta_json(const ExportSession& session);
nlohmann::json parameters_json(const std::vector<analysis::Parameter>& parameters);
nlohmann::json episodes_json(const ExportSession& session);
nlohmann::json events_json(const ExportSession& session);
// {"codes": [...], "rules": [...]} over the whole session (episode null) and each episode,
// plus "observed_s", "codable_s", "session_end_s", "end_from_duration", "open_states".
nlohmann::json summary_json(const ExportSession& session);

// What `attune-cli summary SESSION --json` prints: session, scheme, parameters, episodes,
// then the members of summary_json() at the top level.
nlohmann::json summary_document(const ExportSession& session);

std::unique_ptr<SessionWriter> make_json_writer(const ExportOptions& options, Sink sink);

}  // namespace attune::exports
