#include "export/html_timeline.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <map>

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

}  // namespace

std::string timeline_svg(const ExportSession& s) {
  const Scheme& scheme = *s.scheme;
  const Micros end_us = std::max<Micros>(analysis::session_end(s.events, s.recording.duration), 1);
  const double end = analysis::as_seconds(end_us);
  auto x = [&](Micros t) {
    return kPlotLeft + kPlotWidth * std::clamp(analysis::as_seconds(t) / end, 0.0, 1.0);
  };

  // Rows: (code, subject) pairs with events, in the scheme's group and code order.
  std::map<std::pair<std::string, std::string>, std::vector<const Event*>> by_row;
  for (const Event& e : s.events) by_row[{e.code, e.subject}].push_back(&e);
  std::vector<Row> rows;
  std::size_t color_index = 0;
  for (const CodeGroup& group : scheme.groups) {
    if (group.role == "episode") continue;
    for (const Code& code : scheme.codes) {
      if (code.group != group.id || code.uncodable) continue;
      std::vector<std::string> subjects = code.subjects.empty() ? std::vector<std::string>{""} : code.subjects;
      for (const auto& [key, list] : by_row)  // subjects seen but not listed still get a row
        if (key.first == code.id && std::find(subjects.begin(), subjects.end(), key.second) == subjects.end())
          subjects.push_back(key.second);
      for (const std::string& subject : subjects) {
        auto it = by_row.find({code.id, subject});
        if (it == by_row.end()) continue;
        const Subject* sub = scheme.find_subject(subject);
        Row row{code.id, subject, (sub ? sub->name + " · " : std::string()) + code_display_name(scheme, code.id, subject),
                valid_color(code.color) ? code.color : kPalette[color_index++ % std::size(kPalette)], it->second};
        rows.push_back(std::move(row));
      }
    }
  }

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
  const double step = tick_step(end);
  for (double t = 0; t <= end + 1e-9; t += step) {
    const double px = kPlotLeft + kPlotWidth * t / end;
    svg += "<line x1=\"" + num(px) + "\" y1=\"" + num(kAxisHeight - 6) + "\" x2=\"" + num(px) + "\" y2=\"" +
           num(height - 6) + "\" class=\"grid\"/>";
    svg += "<text x=\"" + num(px) + "\" y=\"14\" class=\"tick\">" + clock_text(t, false) + "</text>\n";
  }

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
    svg += "<text x=\"" + num(kLabelWidth) + "\" y=\"" + num(y + kRowHeight - 4) + "\" class=\"label\">" +
           html_escape(row.label) + "</text>";
    svg += "<line x1=\"" + num(kPlotLeft) + "\" y1=\"" + num(y + kRowHeight / 2) + "\" x2=\"" +
           num(kPlotLeft + kPlotWidth) + "\" y2=\"" + num(y + kRowHeight / 2) + "\" class=\"rowline\"/>\n";
    for (const Event* e : row.events) {
      const Code* code = scheme.find_code(e->code);
      const bool state = code && code->kind == CodeKind::State;
      std::string tip = row.label + "  " + format_seconds(e->start) + " s";
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
    y += kRowHeight + kRowGap;
  }
  if (rows.empty())
    svg += "<text x=\"" + num(kPlotLeft) + "\" y=\"" + num(top + 12) + "\" class=\"label-left\">No events coded.</text>\n";
  svg += "</svg>\n";
  return svg;
}

}  // namespace attune::exports
