#pragma once
// The agreement of two codings as attune-cli prints and writes it: a JSON document, a tidy
// CSV (one figure per row, every parameter on every row) and a readable text report.
#include <iosfwd>
#include <optional>
#include <span>
#include <string>

#include <nlohmann/json_fwd.hpp>

#include "analysis/agreement.h"
#include "core/event.h"
#include "export/csv.h"
#include "store/audit_head.h"

namespace attune::cli {

// What was compared and how, beyond what AgreementResult holds.
struct AgreementContext {
  SessionInfo a, b;
  Recording recording;
  std::string group_label;   // the group id, or "points" for point codes
  std::string group_source;  // "" when --group was given, else why this group was chosen
  std::optional<double> unit_s;            // time-unit: the unit (a frame: 1 / fps); event: none
  std::optional<FrameRate> frame_rate;     // time-unit with --unit frame (a variable-rate video's average)
  bool variable_frames = false;           // the frames are a variable-rate video's own
  double tolerance_s = 0;                  // as asked for
  std::optional<std::int64_t> tolerance_units;  // time-unit
  std::string duration_source;             // "the recording's duration" or why another
  AuditHead audit_head;                    // the database's audit chain head when compared
};

// {method, unit_s, tolerance_s, group, n, percent_agreement, kappa, kappa_max, codes,
//  matrix, per_code, disagreements, audit_head, …}; undefined values are null.
nlohmann::json agreement_json(const AgreementResult& r, const AgreementContext& c);

// Columns: session_a, session_b, coder_a, coder_b, method, unit_s, tolerance_s, group,
// measure, code_a, code_b, value. Measures: n, percent_agreement, kappa, kappa_max (empty
// value when undefined), cell (one row per matrix cell: code_a = row, code_b = column),
// agreements and disagreements (per code, in code_a). One header, then each result's rows.
std::string agreement_csv(std::span<const AgreementResult> results, std::span<const AgreementContext> contexts,
                          exports::CsvProfile profile);

// "time-unit: 1 s units, tolerance 0 s (0 units)" / "event-based: events paired by onset …".
std::string method_text(const AgreementResult& r, const AgreementContext& c);

// The confusion matrix with labels and totals, κ, κmax, % agreement, and the parameters.
void print_agreement(std::ostream& out, const AgreementResult& r, const AgreementContext& c);

}  // namespace attune::cli
