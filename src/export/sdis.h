#pragma once
// SDIS timed-event data for GSEQ (Bakeman & Quera):
//   % comment lines: software and scheme versions, conventions, one line per session
//   Timed code code … ;                  every code of the schemes, declared once
//   <label> ,start code,onset-offset code,onset … ,end/      one session
// Times are seconds (exact, up to 6 decimals) from the session start; offsets are
// exclusive, as SDIS reads them. A state event is code,onset-offset; a point event is
// code,onset (momentary). A state still running at the end of the coding ends at the
// session end (noted in a comment). The session runs from 0 to the recording's duration,
// else to its latest event time. SDIS has no modifiers or comments per event: use the
// events CSV or JSON for those. A code allowed for several subjects is written
// subject_code; characters SDIS reserves become '_'.
#include <memory>
#include <string>

#include "export/writer.h"

namespace attune::exports {

// The SDIS name of a code for one subject ("child_positive", "parent_look").
std::string sdis_code(const Scheme& scheme, const std::string& code, const std::string& subject);

std::unique_ptr<SessionWriter> make_sdis_writer(const ExportOptions& options, Sink sink);

}  // namespace attune::exports
