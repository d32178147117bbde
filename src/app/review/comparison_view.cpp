#include "app/review/comparison_view.h"
#include "app/logic/action.h"

#include <imgui.h>

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "app/common/style.h"
#include "app/logic/timeline_layout.h"
#include "core/error.h"

namespace attune {

namespace {
const ImVec4 kBad(1.0f, 0.55f, 0.45f, 1.0f);

// The name the settings show for a request's group.
std::string group_name(const Scheme& scheme, const std::string& group) {
  if (group.empty()) return "(first comparable)";
  if (const CodeGroup* g = scheme.find_group(group)) return g->name;
  return "point codes";
}

std::string coding_name(const SessionInfo& s) {
  return "session " + std::to_string(s.id) + " · " + s.coder + (s.is_master ? " (master)" : "") + " · " +
         to_string(s.status);
}
}  // namespace

void ComparisonView::open(Workspace& ws) {
  open_ = true;
  error_.clear();
  if (!run_action("", [&] { codings_ = ws.codings_of_recording(); }, [&](const std::string& m) { error_ = m; }))
    codings_.clear();
  std::erase_if(codings_, [&](const SessionInfo& s) { return s.id == ws.info().id; });
  const bool known = std::any_of(codings_.begin(), codings_.end(), [&](const auto& s) { return s.id == settings.other; });
  if (!known) {
    settings.other = 0;
    for (const SessionInfo& s : codings_)
      if (s.is_master) settings.other = s.id;
    if (settings.other == 0 && !codings_.empty()) settings.other = codings_.front().id;
  }
  // A group this scheme does not have: back to the first comparable one (update() picks it).
  const std::string& group = settings.request.group;
  if (!group.empty() && group != kPointCodes && !ws.scheme().find_group(group)) settings.request.group.clear();
  loaded_other_ = 0;  // re-read the other coding: it may have changed since
  computed_settings_.reset();
}

void ComparisonView::load_other(Workspace& ws) {
  other_model_.reset();
  stacked_.reset_other();
  loaded_other_ = settings.other;
  if (settings.other == 0) return;
  const auto other = std::find_if(codings_.begin(), codings_.end(), [&](const auto& s) { return s.id == settings.other; });
  if (other != codings_.end() && other->scheme_id != ws.info().scheme_id)
    throw Error(ErrorKind::InvalidInput, "session " + std::to_string(other->id) + " was coded with " +
                                             other->scheme_name + "@" + std::to_string(other->scheme_version) +
                                             ", this one with another scheme version: they cannot be compared");
  // The same scheme object as this coding's: the timeline lays out both with the same lanes.
  other_model_.emplace(ws.model().scheme_ptr(), ws.events_of(settings.other), ws.model().frames());
}

void ComparisonView::update(Workspace& ws) {
  if (computed_settings_ == settings && computed_version_ == ws.model().version() && loaded_other_ == settings.other)
    return;
  computed_settings_ = settings;
  computed_version_ = ws.model().version();
  result_.reset();
  ++result_version_;
  error_.clear();
  try {
    if (loaded_other_ != settings.other) load_other(ws);
    if (settings.other == 0 || !other_model_) {
      error_ = "there is no other coding of this recording to compare with";
      return;
    }
    const std::span<const Event> a = ws.model().events(), b = other_model_->events();
    // The session's frames: the video's index once read (variable rate included), else its rate.
    const AgreementRecording recording{ws.recording().duration, ws.model().frames()};
    ResolvedAgreement resolved = resolve(settings.request, ws.scheme(), a, b, recording);
    // One group at a time here: the first of those resolved, which the settings then name.
    resolved.targets.resize(1);
    if (settings.request.group.empty()) {
      settings.request.group = resolved.targets.front().label;
      computed_settings_ = settings;
    }
    result_ = std::move(run_agreement(resolved, a, b, ws.scheme()).front());
  } catch (const Error& e) {
    loaded_other_ = settings.other;
    error_ = e.what();
  }
}

std::string ComparisonView::label(const Workspace& ws, const std::string& code) const {
  const Code* c = ws.scheme().find_code(code);
  return c ? c->name : code;
}

std::string ComparisonView::other_coder() const {
  const auto other = std::find_if(codings_.begin(), codings_.end(), [&](const auto& s) { return s.id == settings.other; });
  return other == codings_.end() ? std::string("other") : other->coder;
}

void ComparisonView::draw(Workspace& ws) {
  if (!open_ || docked) return;
  update(ws);
  // Sized to the main window each time it appears: the timelines and tables need the room.
  const ImGuiViewport* viewport = ImGui::GetMainViewport();
  ImGui::SetNextWindowPos(ImVec2(viewport->WorkPos.x + 16, viewport->WorkPos.y + 28), ImGuiCond_Appearing);
  ImGui::SetNextWindowSize(ImVec2(viewport->WorkSize.x - 32, viewport->WorkSize.y - 64), ImGuiCond_Appearing);
  bool keep = true;
  if (ImGui::Begin("Compare codings", &keep)) {
    if (ImGui::SmallButton("Dock below the video")) docked = true;
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("show the comparison in place of the timeline, with the video above it");
    draw_body(ws);
  }
  ImGui::End();
  if (!keep) open_ = false;
}

void ComparisonView::draw_docked(Workspace& ws) {
  if (!open_ || !docked) return;
  update(ws);
  ImGui::AlignTextToFramePadding();
  ImGui::TextUnformatted("Compare codings");
  ImGui::SameLine();
  if (ImGui::SmallButton("Open as a window")) docked = false;
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("a window of its own, over the coding view (more room for the tables)");
  ImGui::SameLine();
  if (ImGui::SmallButton("Close")) open_ = false;
  ImGui::SameLine();
  ImGui::TextDisabled("(the timeline comes back when the comparison is closed)");
  draw_body(ws);
}

void ComparisonView::draw_body(Workspace& ws) {
  if (docked) {
    // Docked the room is the lower panel's: the settings fold into one line saying what is
    // compared (the defaults, the master coding and the first comparable group, usually do).
    const auto other = std::find_if(codings_.begin(), codings_.end(), [&](const auto& s) { return s.id == settings.other; });
    const std::string summary = "B: " + (other == codings_.end() ? std::string("(none)") : coding_name(*other)) +
                                "  \u00b7  " + group_name(ws.scheme(), settings.request.group) + "  \u00b7  " +
                                to_string(settings.request.method) +
                                "###compare settings";
    if (ImGui::CollapsingHeader(summary.c_str())) draw_settings(ws);
  } else {
    draw_settings(ws);
  }
  ImGui::Separator();
  if (!error_.empty()) ImGui::TextColored(kBad, "%s", error_.c_str());
  if (!result_) return;
  draw_statistics(ws);
  draw_timelines(ws);
  const ImVec2 avail = ImGui::GetContentRegionAvail();
  const float height = std::max(avail.y, 8 * ImGui::GetFrameHeight());
  const float matrix_w = std::min(avail.x * 0.36f, 110.0f + 76.0f * static_cast<float>(result_->codes.size()));
  ImGui::BeginChild("matrix", ImVec2(matrix_w, height), true);
  draw_matrix(ws);
  ImGui::EndChild();
  ImGui::SameLine();
  ImGui::BeginChild("per code", ImVec2(std::min(avail.x * 0.30f, 400.0f), height), true);
  draw_per_code(ws);
  ImGui::EndChild();
  ImGui::SameLine();
  ImGui::BeginChild("disagreement list", ImVec2(0, height), true);
  draw_disagreements(ws);
  ImGui::EndChild();
}

void ComparisonView::draw_settings(Workspace& ws) {
  ImGui::Text("A: this coding (session %lld · %s)", static_cast<long long>(ws.info().id), ws.info().coder.c_str());
  ImGui::SetNextItemWidth(380);
  const auto other = std::find_if(codings_.begin(), codings_.end(), [&](const auto& s) { return s.id == settings.other; });
  if (ImGui::BeginCombo("B: compare with", other == codings_.end() ? "(none)" : coding_name(*other).c_str())) {
    for (const SessionInfo& s : codings_)
      if (ImGui::Selectable(coding_name(s).c_str(), s.id == settings.other)) settings.other = s.id;
    ImGui::EndCombo();
  }
  ImGui::SameLine();
  if (ImGui::SmallButton("Reload")) open(ws);

  AgreementRequest& request = settings.request;
  int method = request.method == AgreementMethod::TimeUnit ? 0 : 1;
  ImGui::RadioButton("time-unit", &method, 0);
  ImGui::SameLine();
  ImGui::RadioButton("event-based", &method, 1);
  const AgreementMethod chosen = method == 0 ? AgreementMethod::TimeUnit : AgreementMethod::EventBased;
  if (chosen != request.method) {  // the tolerances of one method mean nothing to the other
    request.method = chosen;
    request.tolerance.reset();
    request.tolerance_units.reset();
    request.min_overlap_percent.reset();
    request.frame_units = false;
  }
  ImGui::SameLine(0, 20);
  ImGui::SetNextItemWidth(200);
  if (ImGui::BeginCombo("group", group_name(ws.scheme(), request.group).c_str())) {
    if (ImGui::Selectable("point codes", request.group == kPointCodes)) request.group = kPointCodes;
    for (const CodeGroup& g : ws.scheme().groups)
      if (ImGui::Selectable(g.name.c_str(), g.id == request.group)) request.group = g.id;
    ImGui::EndCombo();
  }

  if (request.method == AgreementMethod::TimeUnit) {
    int unit = request.frame_units ? 1 : 0;
    ImGui::TextUnformatted("unit");
    ImGui::SameLine();
    ImGui::RadioButton("seconds", &unit, 0);
    ImGui::SameLine();
    ImGui::BeginDisabled(!ws.model().frames().valid());
    ImGui::RadioButton("one video frame", &unit, 1);
    ImGui::EndDisabled();
    request.frame_units = unit == 1;
    if (!request.frame_units) {
      ImGui::SameLine();
      ImGui::SetNextItemWidth(90);
      double seconds = static_cast<double>(request.unit) / kMicrosPerSecond;
      if (ImGui::InputDouble("s##unit", &seconds, 0.1, 1.0, "%.2f") && seconds >= 0.01)
        request.unit = std::llround(seconds * kMicrosPerSecond);
    }
    ImGui::SameLine(0, 20);
    ImGui::SetNextItemWidth(90);
    int tolerance = static_cast<int>(request.tolerance_units.value_or(0));
    if (ImGui::InputInt("tolerance (units)", &tolerance) && tolerance >= 0) {
      request.tolerance.reset();
      request.tolerance_units = tolerance;
    }
  } else {
    ImGui::SetNextItemWidth(90);
    double tolerance = static_cast<double>(request.tolerance.value_or(2 * kMicrosPerSecond)) / kMicrosPerSecond;
    if (ImGui::InputDouble("onset tolerance (s)", &tolerance, 0.1, 1.0, "%.2f") && tolerance >= 0)
      request.tolerance = std::llround(tolerance * kMicrosPerSecond);
    ImGui::SameLine(0, 20);
    ImGui::SetNextItemWidth(90);
    double overlap = request.min_overlap_percent.value_or(0.0);
    if (ImGui::InputDouble("overlap (%)", &overlap, 5.0, 25.0, "%.0f") && overlap >= 0 && overlap <= 100) {
      if (overlap > 0) request.min_overlap_percent = overlap;
      else request.min_overlap_percent.reset();
    }
    if (ImGui::IsItemHovered())
      ImGui::SetTooltip("states pair only when they overlap by at least this share of the longer one (0: onset only)");
  }
}

void ComparisonView::draw_statistics(const Workspace& ws) {
  const AgreementResult& r = *result_;
  if (r.kappa) ImGui::Text("κ = %.3f", *r.kappa);
  else ImGui::TextColored(kBad, "κ undefined");
  if (ImGui::IsItemHovered() && !r.kappa)
    ImGui::SetTooltip(r.n == 0 ? "nothing to compare: N = 0" : "chance agreement is 1: κ is not defined");
  ImGui::SameLine(0, 24);
  if (r.kappa_max) ImGui::Text("κmax = %.3f", *r.kappa_max);
  else ImGui::TextDisabled("κmax undefined");
  ImGui::SameLine(0, 24);
  if (r.percent_agreement) ImGui::Text("agreement %.1f %%", *r.percent_agreement);
  else ImGui::TextDisabled("agreement undefined");
  ImGui::SameLine(0, 24);
  ImGui::Text("N = %lld", static_cast<long long>(r.n));
  ImGui::SameLine(0, 24);
  const CodeGroup* group = ws.scheme().find_group(r.group);
  ImGui::TextDisabled("%s, %s · 0 – %s", group ? group->name.c_str() : "point codes", to_string(r.method),
                      format_clock(r.duration).c_str());
  if (r.method == AgreementMethod::TimeUnit)
    ImGui::TextDisabled("%s units of %s s, tolerance %lld unit(s)%s",
                        !r.frame_rate ? "time" : r.variable_frames ? "frame (variable-rate video: first)" : "frame",
                        format_seconds(r.unit).c_str(), static_cast<long long>(r.tolerance_units),
                        r.tolerance_units > 0 ? ": each unit is tallied from both sides, so N doubles" : "");
  else if (r.min_overlap_percent > 0)
    ImGui::TextDisabled("events paired by onset within %s s, states overlapping by %.0f %%; unpaired events count "
                        "against nil",
                        format_seconds(r.tolerance).c_str(), r.min_overlap_percent);
  else
    ImGui::TextDisabled("events paired by onset within %s s; unpaired events count against nil",
                        format_seconds(r.tolerance).c_str());
}

void ComparisonView::draw_timelines(Workspace& ws) {
  const AgreementResult& r = *result_;
  spans_.set(r.disagreements, result_version_);
  ImGui::Checkbox("all lanes", &all_lanes);
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("off: only the compared lanes; on: every lane of both codings");
  ImGui::SameLine(0, 16);
  ImGui::TextDisabled("(?)");
  if (ImGui::IsItemHovered())
    ImGui::SetTooltip("A (this coding) above, B below, on one time axis.\n"
                      "Red outline and the red band between them: the codings disagree there.\n"
                      "Wheel zooms, drag pans, a click seeks the video, dragging the ruler scrubs.");
  // The compared codes' colours, so a bar is read without hovering it.
  std::size_t shown = 0;
  for (const std::string& id : r.codes) {
    const Code* code = ws.scheme().find_code(id);
    if (!code) continue;
    if (++shown > 12) {
      ImGui::SameLine(0, 10);
      ImGui::TextDisabled("\u2026");
      break;
    }
    ImGui::SameLine(0, 14);
    const float h = ImGui::GetTextLineHeight();
    const ImVec2 p = ImGui::GetCursorScreenPos();
    ImGui::GetWindowDrawList()->AddRectFilled(ImVec2(p.x, p.y + 2.0f), ImVec2(p.x + h - 4.0f, p.y + h - 2.0f),
                                              parse_color(code->color));
    ImGui::Dummy(ImVec2(h - 2.0f, h));
    ImGui::SameLine(0, 4);
    ImGui::TextUnformatted(code->name.c_str());
  }
  ImGui::SameLine(0, 18);
  const ImVec2 p = ImGui::GetCursorScreenPos();
  const float h = ImGui::GetTextLineHeight();
  ImGui::GetWindowDrawList()->AddRect(ImVec2(p.x, p.y + 2.0f), ImVec2(p.x + h - 4.0f, p.y + h - 2.0f),
                                      IM_COL32(230, 70, 60, 255), 0.0f, 0, 2.0f);
  ImGui::Dummy(ImVec2(h - 2.0f, h));
  ImGui::SameLine(0, 4);
  ImGui::TextUnformatted("disagree");
  StackedTimelineView::Input in;
  in.b = other_model_ ? &*other_model_ : nullptr;
  in.title_a = "A  session " + std::to_string(ws.info().id) + " · " + ws.info().coder + " (this coding)";
  const auto other = std::find_if(codings_.begin(), codings_.end(), [&](const auto& s) { return s.id == settings.other; });
  in.title_b = "B  session " + std::to_string(settings.other) + " · " + other_coder() +
               (other != codings_.end() && other->is_master ? " (master)" : "");
  in.group = r.group;
  in.all_lanes = all_lanes;
  in.disagreements = &r.disagreements;
  in.duration = r.duration;
  // Up to 60 % of the room below; more lanes than fit at a readable height scroll in a child.
  const std::size_t rows = stacked_.rows().empty() ? 1 : stacked_.rows().size();
  const float room = ImGui::GetContentRegionAvail().y;
  const float cap = std::max(100.0f, room * 0.6f);
  const float preferred = StackedTimelineView::preferred_height(rows);
  const float least = StackedTimelineView::minimum_height(rows);
  if (least <= cap) {
    stacked_.draw(ws, in, spans_, ImVec2(0, std::min(preferred, cap)));
  } else {
    ImGui::BeginChild("timelines", ImVec2(0, cap), false);
    stacked_.draw(ws, in, spans_, ImVec2(ImGui::GetContentRegionAvail().x, least));
    ImGui::EndChild();
  }
  draw_strip(ws);
}

void ComparisonView::draw_matrix(const Workspace& ws) {
  const AgreementResult& r = *result_;
  const int n = static_cast<int>(r.codes.size());
  if (n == 0 || n + 1 > 64) return;
  ImGui::TextUnformatted("Confusion matrix");
  ImGui::TextDisabled("rows A (%s), columns B (%s)", ws.info().coder.c_str(), other_coder().c_str());
  const ImGuiTableFlags flags = ImGuiTableFlags_Borders | ImGuiTableFlags_SizingFixedFit | ImGuiTableFlags_ScrollX |
                                ImGuiTableFlags_ScrollY;
  if (!ImGui::BeginTable("matrix", n + 1, flags, ImVec2(0, 0))) return;
  ImGui::TableSetupScrollFreeze(1, 1);
  ImGui::TableSetupColumn("A \\ B");
  for (const std::string& code : r.codes) ImGui::TableSetupColumn(label(ws, code).c_str());
  ImGui::TableHeadersRow();
  for (int i = 0; i < n; ++i) {
    ImGui::TableNextRow();
    ImGui::TableNextColumn();
    ImGui::TextUnformatted(label(ws, r.codes[static_cast<std::size_t>(i)]).c_str());
    for (int j = 0; j < n; ++j) {
      ImGui::TableNextColumn();
      const std::int64_t count = r.matrix[static_cast<std::size_t>(i)][static_cast<std::size_t>(j)];
      if (count == 0) ImGui::TextDisabled("·");
      else if (i == j) ImGui::TextColored(ImVec4(0.55f, 0.85f, 0.55f, 1.0f), "%lld", static_cast<long long>(count));
      else ImGui::TextColored(kBad, "%lld", static_cast<long long>(count));
    }
  }
  ImGui::EndTable();
}

void ComparisonView::draw_per_code(const Workspace& ws) {
  const AgreementResult& r = *result_;
  ImGui::TextUnformatted("Per code");
  ImGui::TextDisabled("%% = agreements / (agreements + disagreements)");
  const ImGuiTableFlags flags = ImGuiTableFlags_RowBg | ImGuiTableFlags_SizingFixedFit | ImGuiTableFlags_ScrollY |
                                ImGuiTableFlags_BordersInnerV;
  if (!ImGui::BeginTable("per code", 4, flags, ImVec2(0, 0))) return;
  ImGui::TableSetupScrollFreeze(0, 1);
  const float number_w = ImGui::CalcTextSize("Disagree").x + 4.0f;
  ImGui::TableSetupColumn("Code", ImGuiTableColumnFlags_WidthStretch);
  ImGui::TableSetupColumn("Agree", ImGuiTableColumnFlags_WidthFixed, number_w);
  ImGui::TableSetupColumn("Disagree", ImGuiTableColumnFlags_WidthFixed, number_w);
  ImGui::TableSetupColumn("%", ImGuiTableColumnFlags_WidthFixed, ImGui::CalcTextSize("100.0").x + 8.0f);
  ImGui::TableHeadersRow();
  auto right = [](const std::string& text) {  // numbers right-aligned in their cell
    ImGui::SetCursorPosX(ImGui::GetCursorPosX() +
                         std::max(0.0f, ImGui::GetContentRegionAvail().x - ImGui::CalcTextSize(text.c_str()).x));
    ImGui::TextUnformatted(text.c_str());
  };
  for (const CodeAgreement& c : r.per_code) {
    ImGui::TableNextRow();
    ImGui::TableNextColumn();
    const Code* code = ws.scheme().find_code(c.code);
    ImGui::TextColored(ui::text_color(code ? code->color : ""), "%s", label(ws, c.code).c_str());
    ImGui::TableNextColumn();
    right(std::to_string(c.agreements));
    ImGui::TableNextColumn();
    right(std::to_string(c.disagreements));
    ImGui::TableNextColumn();
    const std::optional<double> percent = percent_agreement(c);
    char text[32];
    std::snprintf(text, sizeof text, "%.1f", percent.value_or(0.0));
    if (percent) right(text);
    else right("—");
    if (!percent && ImGui::IsItemHovered()) ImGui::SetTooltip("never tallied: no percentage");
  }
  ImGui::EndTable();
}

void ComparisonView::draw_strip(Workspace& ws) {
  // Where the disagreements are over the whole recording, with the stacked timelines' window
  // outlined; click to seek (the window follows).
  const AgreementResult& r = *result_;
  const float width = ImGui::GetContentRegionAvail().x, height = 12.0f;
  const ImVec2 p0 = ImGui::GetCursorScreenPos();
  ImGui::InvisibleButton("strip", ImVec2(std::max(1.0f, width), height));
  ImDrawList& dl = *ImGui::GetWindowDrawList();
  dl.AddRectFilled(p0, ImVec2(p0.x + width, p0.y + height), IM_COL32(60, 110, 70, 255));
  const double scale = r.duration > 0 ? width / static_cast<double>(r.duration) : 0.0;
  auto x_at = [&](Micros t) { return p0.x + static_cast<float>(std::clamp(static_cast<double>(t) * scale, 0.0, static_cast<double>(width))); };
  // The strip's own window is the whole recording: the same folding as the timelines.
  strip_spans_.set(r.disagreements, result_version_);
  for (const DisagreementSpans::Span& s : strip_spans_.update(0, std::max<Micros>(r.duration, 1), width))
    dl.AddRectFilled(ImVec2(p0.x + s.x0, p0.y), ImVec2(p0.x + std::max(s.x1, s.x0 + 1.0f), p0.y + height),
                     IM_COL32(220, 80, 60, 255));
  const TimeWindow& view = stacked_.window();
  dl.AddRect(ImVec2(x_at(view.t0), p0.y - 1.0f), ImVec2(std::max(x_at(view.t1), x_at(view.t0) + 2.0f), p0.y + height + 1.0f),
             IM_COL32(255, 255, 255, 200), 0.0f, 0, 1.5f);
  const float now = x_at(ws.now());
  dl.AddLine(ImVec2(now, p0.y - 2.0f), ImVec2(now, p0.y + height + 2.0f), IM_COL32(232, 58, 58, 255), 2.0f);
  if (ImGui::IsItemClicked() && scale > 0) {
    const Micros t = std::llround(static_cast<double>(ImGui::GetIO().MousePos.x - p0.x) / scale);
    ws.clock().seek(std::max<Micros>(0, t));
    stacked_.window().pan_to(t - view.span() / 2);
  }
  if (ImGui::IsItemHovered())
    ImGui::SetTooltip("the whole recording: green agree, red disagree; the outline is the timelines' window; click to go there");
}

void ComparisonView::draw_disagreements(Workspace& ws) {
  const AgreementResult& r = *result_;
  ImGui::Text("%zu disagreements", r.disagreements.size());
  ImGui::SameLine();
  ImGui::TextDisabled("(click one to seek there)");
  const ImGuiTableFlags flags = ImGuiTableFlags_ScrollY | ImGuiTableFlags_RowBg | ImGuiTableFlags_SizingFixedFit;
  if (!ImGui::BeginTable("disagreements", 4, flags, ImVec2(0, 0)))
    return;
  ImGui::TableSetupScrollFreeze(0, 1);
  ImGui::TableSetupColumn("When");
  ImGui::TableSetupColumn("Length");
  ImGui::TableSetupColumn(("A: " + ws.info().coder).c_str());
  ImGui::TableSetupColumn(("B: " + other_coder()).c_str(), ImGuiTableColumnFlags_WidthStretch);
  ImGui::TableHeadersRow();
  ImGuiListClipper clipper;
  clipper.Begin(static_cast<int>(r.disagreements.size()));
  while (clipper.Step()) {
    for (int i = clipper.DisplayStart; i < clipper.DisplayEnd; ++i) {
      const Disagreement& d = r.disagreements[static_cast<std::size_t>(i)];
      ImGui::TableNextRow();
      ImGui::TableNextColumn();
      ImGui::PushID(i);
      const std::string when = format_clock(d.start) + " – " + format_clock(d.end);
      const bool here = ws.now() >= d.start && ws.now() < d.end;
      if (ImGui::Selectable(when.c_str(), here, ImGuiSelectableFlags_SpanAllColumns)) {
        ws.clock().seek(d.start);
        const TimeWindow& view = stacked_.window();  // bring it into the timelines' window
        if (d.start < view.t0 || d.start >= view.t1) stacked_.window().pan_to(d.start - view.span() / 4);
      }
      ImGui::TableNextColumn();
      ImGui::TextDisabled("%s s", format_seconds(d.end - d.start).c_str());
      ImGui::TableNextColumn();
      const Code* a = ws.scheme().find_code(d.code_a);
      ImGui::TextColored(ui::text_color(a ? a->color : ""), "%s", label(ws, d.code_a).c_str());
      ImGui::TableNextColumn();
      const Code* b = ws.scheme().find_code(d.code_b);
      ImGui::TextColored(ui::text_color(b ? b->color : ""), "%s", label(ws, d.code_b).c_str());
      ImGui::PopID();
    }
  }
  ImGui::EndTable();
}

}  // namespace attune
