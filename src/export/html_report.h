#pragma once
// The supervisor's report: one self-contained HTML file (inline CSS and SVG, no script, a
// Content-Security-Policy that forbids every network request). Per session: metadata, the
// rules' key figures, the timeline, the parameters, the rules over the whole session and
// each episode, the per-code table of the whole session and of each episode, and (unless
// de-identified) the coder's comments. Figures that cannot be computed show "—".
#include <memory>

#include "export/writer.h"

namespace attune::exports {

std::unique_ptr<SessionWriter> make_html_writer(const ExportOptions& options, Sink sink);

}  // namespace attune::exports
