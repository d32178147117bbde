#include "export/html_style.h"

namespace attune::exports {

const char* report_css() {
  return R"(
:root { color-scheme: light; }
body { font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "DejaVu Sans", sans-serif; color: #1d2430;
       margin: 0; background: #f4f5f7; }
header.report, footer.report { padding: 18px 32px; background: #24364b; color: #fff; }
header.report h1 { margin: 0 0 4px; font-size: 22px; }
header.report p, footer.report p { margin: 2px 0; color: #d6dde6; }
footer.report { background: #e8ebef; color: #3a4656; font-size: 12.5px; }
footer.report p { color: #3a4656; }
footer.report p.audit-head code { overflow-wrap: anywhere; font-size: 11.5px; }
section.session { background: #fff; margin: 20px 24px; padding: 16px 24px 24px; border-radius: 6px;
                  box-shadow: 0 1px 3px rgba(0,0,0,.12); }
h2 { font-size: 19px; margin: 4px 0 12px; }
h3 { font-size: 15px; margin: 22px 0 8px; color: #24364b; border-bottom: 1px solid #dde2e8; padding-bottom: 3px; }
h4 { font-size: 13.5px; margin: 14px 0 6px; }
table { border-collapse: collapse; font-size: 13px; }
th, td { padding: 3px 9px; border-bottom: 1px solid #e6e9ed; text-align: left; vertical-align: top; }
th { background: #f0f2f5; font-weight: 600; }
td.n, th.n { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
td.na { color: #8a94a3; text-align: right; }
table.meta th { background: none; color: #56606e; font-weight: 500; width: 160px; }
table.meta { margin-bottom: 6px; }
.cards { display: flex; flex-wrap: wrap; gap: 12px; }
.card { border: 1px solid #d9dee5; border-left: 4px solid #1e88e5; border-radius: 4px; padding: 8px 12px;
        min-width: 200px; max-width: 300px; }
.card .name { font-size: 12px; color: #56606e; }
.card .big { font-size: 22px; font-weight: 650; }
.card .detail { font-size: 12px; color: #3a4656; }
svg.timeline { width: 100%; height: auto; max-width: 1100px; display: block; }
svg.timeline .tick { font-size: 10px; fill: #56606e; text-anchor: middle; }
svg.timeline .grid { stroke: #e3e6ea; stroke-width: 1; }
svg.timeline .rowline { stroke: #f0f1f3; stroke-width: 1; }
svg.timeline .label { font-size: 11px; fill: #1d2430; text-anchor: end; }
svg.timeline .label-left { font-size: 12px; fill: #56606e; }
svg.timeline .episode { fill: #dfe7f1; stroke: #8ea3bd; stroke-width: 1; }
svg.timeline .episode-label { font-size: 11px; fill: #24364b; }
.note { color: #56606e; font-size: 12.5px; }
.badge { display: inline-block; padding: 1px 7px; border-radius: 9px; background: #fff3cd; color: #6b5200;
         font-size: 12px; margin-left: 8px; }
@media print { body { background: #fff; } section.session { box-shadow: none; margin: 0; page-break-after: always; } }
)";
}

}  // namespace attune::exports
