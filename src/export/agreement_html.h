#pragma once
// The agreement of two codings of one recording as one self-contained HTML page (inline CSS
// and SVG, no script, a Content-Security-Policy that forbids every network request), for a
// supervisor: both codings' metadata (pseudonymous when de-identified), the method and its
// parameters, N, % agreement, κ ("undefined" when it is), κmax, the confusion matrix, the
// per-code agreement, both timelines stacked with the disagreements marked, and the list of
// disagreements. Figures that cannot be computed show "undefined" or "—", never 0 or 1.
#include <optional>
#include <string>

#include "analysis/agreement.h"
#include "export/session_data.h"
#include "store/audit_head.h"

namespace attune::exports {

struct AgreementReport {
  // The codings as exported: metadata and events, de-identified when asked (deidentify()).
  ExportSession a, b;
  AgreementResult result;
  std::string method;         // "time-unit: 1 s units, tolerance 0 s (0 units)"
  std::string compared;       // "0 – 180 s (the recording's duration)"
  std::string group_source;   // "" or why this group was compared
  std::string generated_utc;  // left out when de-identified
  std::optional<AuditHead> audit_head;  // the database's audit chain head when written
};

std::string agreement_html(const AgreementReport& report);

}  // namespace attune::exports
