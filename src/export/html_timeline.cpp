#include "export/html_timeline.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <functional>
#include <map>
#include <set>

#include "analysis/window.h"
#include "export/html_text.h"

namespace attune::exports {

namespace {

constexpr double kWidth = 1000;
constexpr double kLabelWidth = 200;
constexpr double kPlotLeft = kLabelWidth + 10;
constexpr double kPlotWidth = kWidth - kPlotLeft - 20;
constexpr double kAxisHeight = 26;
constexpr double kEpisodeHeight = 24;
constexpr double kRowHeight = 16;
constexpr double kRowGap = 5;

const char* const kPalette[] = {"#1e88e5", "#e53935", "#43a047", "#8e24aa", "#fb8c00", "#00897b", "#6d4c41", "#3949ab"};

bool valid_color(const std::string& c) {
  return c.size() == 7 && c[0] == '#' &&
         std::all_of(c.begin() + 1, c.end(), [](char ch) { return std::isxdigit(static_cast<unsigned char>(ch)); });
}

std::string num(double v) { return fixed(v, 1); }

double tick_step(double seconds) {
  for (double step : {1.0, 2.0, 5.0, 10.0, 15.0, 30.0, 60.0, 120.0, 300.0, 600.0, 900.0, 1800.0, 3600.0})
    if (seconds / step <= 12) return step;
  return 7200;
}

struct Row {
  std::string code, subject, label, color;
  std::vector<const Event*> events;
};

using RowKey = std::pair<std::string, std::string>;  // (code, subject)

// Rows (code × subject with events in any of `lists`), in the scheme's group and code order,
// leaving out the episode group and uncodable codes and codes `keep` refuses. Each row gets
// the code's colour, or the next colour of the palette. Events are those of lists[0].
std::vector<Row> make_rows(const Scheme& scheme, std::initializer_list<std::span<const Event>> lists,
                           const std::function<bool(const Code&)>& keep) {
  std::map<RowKey, std::vector<const Event*>> by_row;
  std::set<RowKey> seen;
  bool first = true;
  for (std::span<const Event> list : lists) {
    for (const Event& e : list) {
      seen.insert({e.code, e.subject});
      if (first) by_row[{e.code, e.subject}].push_back(&e);
    }
    first = false;
  }
  std::vector<Row> rows;
  std::size_t color_index = 0;
  for (const CodeGroup& group : scheme.groups) {
    if (group.role == "episode") continue;
    for (const Code& code : scheme.codes) {
      if (code.group != group.id || code.uncodable || (keep && !keep(code))) continue;
      std::vector<std::string> subjects = code.subjects.empty() ? std::vector<std::string>{""} : code.subjects;
      for (const RowKey& key : seen)  // subjects seen but not listed still get a row
        if (key.first == code.id && std::find(subjects.begin(), subjects.end(), key.second) == subjects.end())
          subjects.push_back(key.second);
      for (const std::string& subject : subjects) {
        if (!seen.count({code.id, subject})) continue;
        const Subject* sub = scheme.find_subject(subject);
        auto it = by_row.find({code.id, subject});
        Row row{code.id, subject, (sub ? sub->name + " · " : std::string()) + code_display_name(scheme, code.id, subject),
                valid_color(code.color) ? code.color : kPalette[color_index++ % std::size(kPalette)],
                it == by_row.end() ? std::vector<const Event*>{} : it->second};
        rows.push_back(std::move(row));
      }
    }
  }
  return rows;
}

// The same rows filled with another list's events.
std::vector<Row> refill(std::vector<Row> rows, std::span<const Event> events) {
  std::map<RowKey, std::size_t> index;
  for (std::size_t i = 0; i < rows.size(); ++i) {
    rows[i].events.clear();
    index[{rows[i].code, rows[i].subject}] = i;
  }
  for (const Event& e : events)
    if (auto it = index.find({e.code, e.subject}); it != index.end()) rows[it->second].events.push_back(&e);
  return rows;
}

// Axis ticks with grid lines from kAxisHeight − 6 down to `grid_bottom`.
void axis(std::string& svg, double end, double grid_bottom) {
  const double step = tick_step(end);
  for (double t = 0; t <= end + 1e-9; t += step) {
    const double px = kPlotLeft + kPlotWidth * t / end;
    svg += "<line x1=\"" + num(px) + "\" y1=\"" + num(kAxisHeight - 6) + "\" x2=\"" + num(px) + "\" y2=\"" +
           num(grid_bottom) + "\" class=\"grid\"/>";
    svg += "<text x=\"" + num(px) + "\" y=\"14\" class=\"tick\">" + clock_text(t, false) + "</text>\n";
  }
}

// One row's label, guide line and marks at height y; `prefix` starts each mark's tooltip.
void draw_row(std::string& svg, const Scheme& scheme, const Row& row, double y, Micros end_us,
              const std::function<double(Micros)>& x, const std::string& prefix = "") {
  svg += "<text x=\"" + num(kLabelWidth) + "\" y=\"" + num(y + kRowHeight - 4) + "\" class=\"label\">" +
         html_escape(row.label) + "</text>";
  svg += "<line x1=\"" + num(kPlotLeft) + "\" y1=\"" + num(y + kRowHeight / 2) + "\" x2=\"" +
         num(kPlotLeft + kPlotWidth) + "\" y2=\"" + num(y + kRowHeight / 2) + "\" class=\"rowline\"/>\n";
  for (const Event* e : row.events) {
    const Code* code = scheme.find_code(e->code);
    const bool state = code && code->kind == CodeKind::State;
    std::string tip = prefix + row.label + "  " + format_seconds(e->start) + " s";
    if (state) tip += e->end ? "–" + format_seconds(*e->end) + " s" : " – still running at the end of the coding";
    for (const auto& [id, value] : e->modifiers) tip += "  " + id + "=" + value;
    svg += "<g><title>" + html_escape(tip) + "</title>";
    if (state) {
      const double x0 = x(e->start), x1 = std::max(x(e->end ? *e->end : end_us), x0 + 1);
      svg += "<rect x=\"" + num(x0) + "\" y=\"" + num(y) + "\" width=\"" + num(x1 - x0) + "\" height=\"" +
             num(kRowHeight) + "\" fill=\"" + row.color + "\"" +
             (e->is_open() ? " fill-opacity=\"0.45\" stroke=\"#333\" stroke-dasharray=\"3 2\"" : "") + "/>";
    } else {
      // A diamond with a dark outline: visible whatever the code's colour.
      const double cx = x(e->start), cy = y + kRowHeight / 2, r = kRowHeight / 2;
      svg += "<path d=\"M" + num(cx) + " " + num(cy - r) + "L" + num(cx + r * 0.6) + " " + num(cy) + "L" + num(cx) +
             " " + num(cy + r) + "L" + num(cx - r * 0.6) + " " + num(cy) + "Z\" fill=\"" + row.color +
             "\" stroke=\"#222\" stroke-width=\"0.7\"/>";
    }
    svg += "</g>\n";
  }
}

}  // namespace

std::string timeline_svg(const ExportSession& s) {
  const Scheme& scheme = *s.scheme;
  const Micros end_us = std::max<Micros>(analysis::session_end(s.events, s.recording.duration), 1);
  const double end = analysis::as_seconds(end_us);
  auto x = [&](Micros t) {
    return kPlotLeft + kPlotWidth * std::clamp(analysis::as_seconds(t) / end, 0.0, 1.0);
  };

  const std::vector<Row> rows = make_rows(scheme, {std::span<const Event>(s.events)}, nullptr);

  const double top = kAxisHeight + kEpisodeHeight + 8;
  const double height = top + static_cast<double>(rows.size()) * (kRowHeight + kRowGap) + 10;
  std::string svg;
  svg += "<svg class=\"timeline\" xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 " + num(kWidth) + " " +
         num(height) + "\" role=\"img\" aria-label=\"Timeline of session " + std::to_string(s.info.id) + "\">\n";
  svg += "<defs><pattern id=\"hatch" + std::to_string(s.info.id) +
         "\" width=\"6\" height=\"6\" patternUnits=\"userSpaceOnUse\" patternTransform=\"rotate(45)\">"
         "<rect width=\"6\" height=\"6\" fill=\"#eeeeee\"/><line x1=\"0\" y1=\"0\" x2=\"0\" y2=\"6\" "
         "stroke=\"#b0b0b0\" stroke-width=\"2\"/></pattern></defs>\n";

  // Axis with ticks and grid lines.
  axis(svg, end, height - 6);

  // Episode band.
  const double band = kAxisHeight;
  svg += "<text x=\"" + num(kLabelWidth) + "\" y=\"" + num(band + 16) + "\" class=\"label\">Episodes</text>\n";
  for (const EpisodeInfo& e : s.episodes) {
    const double x0 = x(e.start), x1 = std::max(x(e.end), x0 + 1);
    const Code* code = scheme.find_code(e.code);
    const std::string name = code ? code->name : e.code;
    svg += "<g><title>" + html_escape(e.label + " (" + name + ") " + format_seconds(e.start) + "–" +
                                      format_seconds(e.end) + " s") +
           "</title><rect x=\"" + num(x0) + "\" y=\"" + num(band) + "\" width=\"" + num(x1 - x0) + "\" height=\"" +
           num(kEpisodeHeight - 4) + "\" class=\"episode\"/>";
    if (x1 - x0 > 40)
      svg += "<text x=\"" + num(x0 + 4) + "\" y=\"" + num(band + 14) + "\" class=\"episode-label\">" +
             html_escape(name) + "</text>";
    svg += "</g>\n";
  }

  // Uncodable time, shaded over every row.
  for (const analysis::TimeInterval& u : analysis::uncodable_time(scheme, s.events, end_us)) {
    const double x0 = x(u.start), x1 = std::max(x(u.end), x0 + 1);
    svg += "<rect x=\"" + num(x0) + "\" y=\"" + num(band) + "\" width=\"" + num(x1 - x0) + "\" height=\"" +
           num(height - band - 6) + "\" fill=\"url(#hatch" + std::to_string(s.info.id) +
           ")\" opacity=\"0.8\"><title>Uncodable " + html_escape(format_seconds(u.start) + "–" + format_seconds(u.end)) +
           " s</title></rect>\n";
  }

  // Code rows.
  double y = top;
  for (const Row& row : rows) {
    draw_row(svg, scheme, row, y, end_us, x);
    y += kRowHeight + kRowGap;
  }
  if (rows.empty())
    svg += "<text x=\"" + num(kPlotLeft) + "\" y=\"" + num(top + 12) + "\" class=\"label-left\">No events coded.</text>\n";
  svg += "</svg>\n";
  return svg;
}

std::string stacked_timeline_svg(const Scheme& scheme, const StackedCoding& a, const StackedCoding& b,
                                 const std::function<bool(const Code&)>& compared, Micros end_us,
                                 std::span<const Disagreement> disagreements) {
  end_us = std::max<Micros>(end_us, 1);
  const double end = analysis::as_seconds(end_us);
  auto x = [&](Micros t) {
    return kPlotLeft + kPlotWidth * std::clamp(analysis::as_seconds(t) / end, 0.0, 1.0);
  };
  // The same rows, in the same order and colours, for both codings: every compared row that
  // either coding used.
  const std::vector<Row> rows_a = make_rows(scheme, {a.events, b.events}, compared);
  const std::vector<Row> rows_b = refill(rows_a, b.events);
  const double rows_h = static_cast<double>(std::max<std::size_t>(rows_a.size(), 1)) * (kRowHeight + kRowGap);
  constexpr double kTitle = 22, kMarkBand = 14;
  const double top_a = kAxisHeight + kMarkBand + kTitle;
  const double top_b = top_a + rows_h + 8 + kTitle;
  const double height = top_b + rows_h + 10;

  std::string svg;
  svg += "<svg class=\"timeline stacked\" xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 " + num(kWidth) + " " +
         num(height) + "\" role=\"img\" aria-label=\"" + html_escape(a.title + " above " + b.title) + "\">\n";
  axis(svg, end, height - 6);

  // Where they disagree: a band under the axis and translucent red behind both blocks of rows.
  // Neighbouring spans closer than a tenth of a unit of the drawing merge into one rectangle.
  const double band = kAxisHeight;
  svg += "<text x=\"" + num(kLabelWidth) + "\" y=\"" + num(band + 10) + "\" class=\"label\">Disagreements</text>\n";
  std::vector<std::pair<double, double>> spans;
  for (const Disagreement& d : disagreements) {
    const double x0 = x(d.start), x1 = std::max(x(d.end), x0 + 1.5);
    if (!spans.empty() && x0 <= spans.back().second + 0.1) spans.back().second = std::max(spans.back().second, x1);
    else spans.emplace_back(x0, x1);
  }
  for (const auto& [x0, x1] : spans) {
    svg += "<rect x=\"" + num(x0) + "\" y=\"" + num(band) + "\" width=\"" + num(x1 - x0) + "\" height=\"" +
           num(kMarkBand - 4) + "\" class=\"disagree-mark\"/>";
    for (double top : {top_a, top_b})
      svg += "<rect x=\"" + num(x0) + "\" y=\"" + num(top - 2) + "\" width=\"" + num(x1 - x0) + "\" height=\"" +
             num(rows_h) + "\" class=\"disagree\"/>";
    svg += "\n";
  }
  // Each disagreement also has a tooltip on the band.
  for (const Disagreement& d : disagreements) {
    const double x0 = x(d.start), x1 = std::max(x(d.end), x0 + 1.5);
    const Code* ca = scheme.find_code(d.code_a);
    const Code* cb = scheme.find_code(d.code_b);
    svg += "<rect x=\"" + num(x0) + "\" y=\"" + num(band) + "\" width=\"" + num(x1 - x0) + "\" height=\"" +
           num(kMarkBand - 4) + "\" fill-opacity=\"0\"><title>" +
           html_escape(format_seconds(d.start) + "–" + format_seconds(d.end) + " s: A " + (ca ? ca->name : d.code_a) +
                       ", B " + (cb ? cb->name : d.code_b)) +
           "</title></rect>";
  }
  svg += "\n";

  auto block = [&](const StackedCoding& coding, const std::vector<Row>& rows, double top, const char* tag) {
    svg += "<text x=\"" + num(kPlotLeft) + "\" y=\"" + num(top - 7) + "\" class=\"block-title\">" +
           html_escape(coding.title) + "</text>\n";
    double y = top;
    for (const Row& row : rows) {
      draw_row(svg, scheme, row, y, end_us, x, std::string(tag) + ": ");
      y += kRowHeight + kRowGap;
    }
    if (rows.empty())
      svg += "<text x=\"" + num(kPlotLeft) + "\" y=\"" + num(top + 12) + "\" class=\"label-left\">No events of the "
             "compared codes.</text>\n";
  };
  block(a, rows_a, top_a, "A");
  block(b, rows_b, top_b, "B");
  svg += "</svg>\n";
  return svg;
}

}  // namespace attune::exports
