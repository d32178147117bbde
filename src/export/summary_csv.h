#pragma once
// Summary CSV in two layouts.
//
// long (one figure per row, for R / pandas):
//   session, dyad, coder, scheme, scheme_version, attune_version, episode ("" = whole
//   session), subject, kind, item, metric, value
//   kind "session"    item "": start_s, end_s, observed_s, codable_s (per window), and for
//                     the whole session events, open_states, child_age_months
//   kind "parameter"  item = rule id, metric = setting ("window_s"), value in seconds:
//                     every parameter the figures were computed with
//   kind "code"       item = code id, metrics of metrics.h (count, rate_per_min …)
//   kind "rule"       item = rule id, the rule's figures
//
// wide (one row per session, one column per figure, for SPSS):
//   session, dyad, coder, child_age_months, session_type, status, is_master, scheme,
//   scheme_version, attune_version, created_utc (created_year when de-identified), events,
//   open_states, then param.<rule>.<setting>, the session's figures (observed_s,
//   <subject>.<code>.<metric>, <rule>.<metric>) and each episode's, prefixed "<episode>.".
//   Columns are the union over the sessions in order of first appearance; a session
//   without a column leaves it empty.
//
// An empty value is a figure that cannot be computed (e.g. a rate over no codable time).
#include <memory>

#include "export/writer.h"

namespace attune::exports {

std::unique_ptr<SessionWriter> make_summary_long_writer(const ExportOptions& options, Sink sink);
std::unique_ptr<SessionWriter> make_summary_wide_writer(const ExportOptions& options, Sink sink);

}  // namespace attune::exports
