#pragma once
// The session timeline of the HTML report as inline SVG (no script, no external resource):
// an episode band on top, uncodable time shaded across all rows, then one row per code and
// subject that has events, in scheme order. States are bars in the code's colour (a state
// still running at the end of the coding has a dashed outline to the session end), point
// events are ticks. Each mark has a tooltip (<title>) with its code, subject and times.
#include <string>

#include "export/session_data.h"

namespace attune::exports {

std::string timeline_svg(const ExportSession& session);

}  // namespace attune::exports
