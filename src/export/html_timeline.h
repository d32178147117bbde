#pragma once
// The session timeline of the HTML report as inline SVG (no script, no external resource):
// an episode band on top, uncodable time shaded across all rows, then one row per code and
// subject that has events, in scheme order. States are bars in the code's colour (a state
// still running at the end of the coding has a dashed outline to the session end), point
// events are ticks. Each mark has a tooltip (<title>) with its code, subject and times.
#include <functional>
#include <span>
#include <string>

#include "analysis/agreement.h"
#include "export/session_data.h"

namespace attune::exports {

std::string timeline_svg(const ExportSession& session);

// Two codings of one recording on one axis, for the agreement report: coding A's rows above
// coding B's (the same rows in the same order and colours: every code × subject of the
// compared codes that either coding used), a band under the axis marking each disagreement
// (with a tooltip naming both codes), and translucent red behind both blocks where they
// disagree. CSS classes: block-title, disagree, disagree-mark (the page styles them).
struct StackedCoding {
  std::string title;  // "A · session 1 · coder-1"
  std::span<const Event> events;
};
std::string stacked_timeline_svg(const Scheme& scheme, const StackedCoding& a, const StackedCoding& b,
                                 const std::function<bool(const Code&)>& compared, Micros end,
                                 std::span<const Disagreement> disagreements);

}  // namespace attune::exports
