#include "app/export/export_dialog.h"
#include "app/logic/action.h"

#include <imgui.h>
#include <imgui_stdlib.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>

#include "analysis/parameters.h"
#include "core/error.h"
#include "store/user_config.h"

namespace attune {

namespace {

struct FormatChoice {
  exports::Format format;
  const char* label;
};

// The formats each content comes in (exports::check_options holds the same rule).
std::vector<FormatChoice> formats_for(exports::What what) {
  using F = exports::Format;
  switch (what) {
    case exports::What::Events: return {{F::Csv, "CSV"}, {F::Json, "JSON"}, {F::Sdis, "SDIS (GSEQ)"}};
    case exports::What::Summary: return {{F::Csv, "CSV"}, {F::Json, "JSON"}};
    case exports::What::Report: return {{F::Html, "HTML report"}, {F::Json, "JSON (events and summary)"}};
  }
  return {};
}

bool radio(const char* label, bool active) { return ImGui::RadioButton(label, active); }

}  // namespace

void ExportDialog::open(Workspace& ws) {
  open_ = true;
  if (choices_.folder.empty()) choices_.folder = home_folder();
  groups_.clear();
  for (const CodeGroup& g : ws.scheme().groups) groups_.push_back(g.id);
  choices_.parameters.clear();
  const analysis::SummaryParameters defaults = analysis::SummaryParameters::resolve(ws.scheme());
  for (const analysis::Parameter& p : defaults.used()) choices_.parameters.emplace_back(p.name, p.value_text());
  message_.clear();
  error_ = false;
}

std::vector<SessionId> ExportDialog::sessions(Workspace& ws) const {
  std::vector<SessionId> ids;
  switch (choices_.scope) {
    case Scope::ThisSession: ids.push_back(ws.info().id); break;
    case Scope::Recording:
      for (const SessionInfo& s : ws.codings_of_recording()) ids.push_back(s.id);
      break;
    case Scope::All:
      for (const SessionInfo& s : ws.all_sessions()) ids.push_back(s.id);
      break;
  }
  return ids;
}

exports::ExportOptions ExportDialog::options(const Scheme& scheme) const {
  exports::ExportOptions o;
  o.what = choices_.what;
  o.format = choices_.format;
  o.layout_given = o.what == exports::What::Summary && o.format == exports::Format::Csv;
  o.layout = choices_.layout;
  o.profile_given = o.format == exports::Format::Csv;
  o.profile = choices_.profile;
  o.deidentify = choices_.deidentify;
  if (o.what != exports::What::Events) {
    const analysis::SummaryParameters defaults = analysis::SummaryParameters::resolve(scheme);
    for (const auto& [name, text] : choices_.parameters) {
      const Micros value = analysis::parse_parameter_override(name + "=" + text).second;
      if (value != defaults.value(name)) o.summary.overrides[name] = value;
    }
    if (!choices_.sequential_group.empty()) {
      o.summary.sequential_groups.push_back(choices_.sequential_group);
      o.summary.collapse_repeats = choices_.collapse_repeats;
    }
  }
  exports::check_options(o);
  return o;
}

std::string ExportDialog::output_path() const {
  return (std::filesystem::path(choices_.folder) / choices_.file_name).string();
}

bool ExportDialog::start(Workspace& ws) {
  if (job_->running()) return say("An export is still running.", true);
  bool started = false;
  run_action("Export", [&] {
    ExportRequest request;
    request.options = options(ws.scheme());
    request.sessions = sessions(ws);
    if (request.sessions.empty()) return (void)say("There is no session to export.", true);
    if (choices_.file_name.empty()) choices_.file_name = default_export_name(request.options, request.sessions);
    if (!std::filesystem::is_directory(choices_.folder))
      return (void)say("The folder " + choices_.folder + " does not exist.", true);
    request.db_path = ws.db_path();
    request.actor = ws.actor();
    request.output = output_path();
    job_->start(std::move(request));
    say("Exporting…", false);
    started = true;
  }, [&](const std::string& message) { say(message, true); });
  return started;
}

bool ExportDialog::say(std::string message, bool error) {
  message_ = std::move(message);
  error_ = error;
  message_choices_ = choices_;
  return !error;
}

void ExportDialog::poll() {
  if (std::optional<ExportOutcome> outcome = job_->take_outcome()) say(outcome->message, !outcome->ok);
}

void ExportDialog::draw_choices(Workspace& ws) {
  Choices& c = choices_;
  const bool busy = job_->running();
  ImGui::BeginDisabled(busy);
  ImGui::TextDisabled("Sessions");
  if (radio("This session", c.scope == Scope::ThisSession)) c.scope = Scope::ThisSession;
  ImGui::SameLine();
  if (radio("Every coding of this recording", c.scope == Scope::Recording)) c.scope = Scope::Recording;
  ImGui::SameLine();
  if (radio("Every session in the database", c.scope == Scope::All)) c.scope = Scope::All;

  ImGui::Spacing();
  ImGui::TextDisabled("Content and format");
  const std::pair<exports::What, const char*> whats[] = {
      {exports::What::Summary, "Summary"}, {exports::What::Events, "Events"}, {exports::What::Report, "Report"}};
  for (const auto& [what, label] : whats) {
    if (radio(label, c.what == what) && c.what != what) {
      c.what = what;
      c.format = formats_for(what).front().format;
      c.file_name.clear();
    }
    ImGui::SameLine();
  }
  ImGui::NewLine();
  for (const FormatChoice& f : formats_for(c.what)) {
    if (radio(f.label, c.format == f.format) && c.format != f.format) {
      c.format = f.format;
      c.file_name.clear();
    }
    ImGui::SameLine();
  }
  ImGui::NewLine();
  if (c.format == exports::Format::Csv) {
    if (c.what == exports::What::Summary) {
      if (radio("Long (one figure per row: R, pandas)", c.layout == exports::Layout::Long)) c.layout = exports::Layout::Long;
      ImGui::SameLine();
      if (radio("Wide (one row per session: SPSS)", c.layout == exports::Layout::Wide)) {
        if (c.layout != exports::Layout::Wide) c.file_name.clear();
        c.layout = exports::Layout::Wide;
      }
    }
    if (radio("Analysis CSV (values untouched)", c.profile == exports::CsvProfile::Analysis))
      c.profile = exports::CsvProfile::Analysis;
    ImGui::SameLine();
    if (radio("Spreadsheet CSV (formulas neutralised)", c.profile == exports::CsvProfile::Spreadsheet))
      c.profile = exports::CsvProfile::Spreadsheet;
  }
  if (ImGui::Checkbox("De-identify (pseudonymous ids, years for dates, no comments or video paths)", &c.deidentify))
    c.file_name.clear();

  if (c.what != exports::What::Events) {
    ImGui::Spacing();
    ImGui::TextDisabled("Parameters (seconds; written into the file)");
    for (auto& [name, text] : c.parameters) {
      ImGui::SetNextItemWidth(90);
      ImGui::InputText(name.c_str(), &text);
    }
    if (c.parameters.empty()) ImGui::TextDisabled("The scheme's rules use no parameters.");
    ImGui::SetNextItemWidth(220);
    if (ImGui::BeginCombo("Lag-1 table for group", c.sequential_group.empty() ? "none" : c.sequential_group.c_str())) {
      if (ImGui::Selectable("none", c.sequential_group.empty())) c.sequential_group.clear();
      for (const std::string& g : groups_)
        if (ImGui::Selectable(g.c_str(), g == c.sequential_group)) c.sequential_group = g;
      ImGui::EndCombo();
    }
    if (!c.sequential_group.empty()) {
      ImGui::SameLine();
      ImGui::Checkbox("Collapse repeats", &c.collapse_repeats);
    }
  }

  ImGui::Spacing();
  ImGui::TextDisabled("Write to");
  if (c.file_name.empty()) {
    c.file_name = "export";  // unless the name from the choices can be made
    try_action("", [&] { c.file_name = default_export_name(options(ws.scheme()), sessions(ws)); });
  }
  ImGui::SetNextItemWidth(-60);
  ImGui::InputText("Folder", &c.folder);
  ImGui::SetNextItemWidth(-60);
  ImGui::InputText("File", &c.file_name);
  ImGui::EndDisabled();
}

void ExportDialog::draw(Workspace& ws) {
  poll();
  if (!open_) return;
  const ImVec2 display = ImGui::GetIO().DisplaySize;
  const ImGuiStyle& style = ImGui::GetStyle();
  const float width = std::min(660.0f, display.x - 40);
  ImGui::SetNextWindowPos(ImVec2(display.x * 0.5f, display.y * 0.5f), ImGuiCond_Appearing, ImVec2(0.5f, 0.5f));
  // The dialog fits its content and the screen: the choices scroll when the screen is short,
  // the Export button and the message beside it stay in view.
  ImGui::SetNextWindowSizeConstraints(ImVec2(0, 0), ImVec2(display.x - 20, display.y - 20));
  if (!ImGui::Begin("Export", &open_, ImGuiWindowFlags_NoCollapse | ImGuiWindowFlags_AlwaysAutoResize)) {
    ImGui::End();
    return;
  }
  const float footer = ImGui::GetFrameHeightWithSpacing() + 3 * ImGui::GetTextLineHeightWithSpacing() +
                       style.ItemSpacing.y * 2;
  const float room = display.y - 20 - ImGui::GetFrameHeight() - style.WindowPadding.y * 2 - footer;
  const float shown = choices_height_ > 0 ? std::min(choices_height_, std::max(120.0f, room)) : std::max(120.0f, room);
  ImGui::BeginChild("choices", ImVec2(width, shown), false);
  draw_choices(ws);
  // A message is about the choices it came from: it goes when they change.
  if (!message_.empty() && !job_->running() && !(choices_ == message_choices_)) message_.clear();
  choices_height_ = ImGui::GetCursorPosY() + style.ItemSpacing.y;
  ImGui::EndChild();
  ImGui::Separator();
  if (job_->running()) {
    const std::size_t total = job_->total(), done = job_->done();
    const float fraction = total ? static_cast<float>(done) / static_cast<float>(total) : 0.0f;
    const std::string label = std::to_string(done) + " / " + std::to_string(total) + " sessions";
    ImGui::ProgressBar(fraction, ImVec2(std::min(200.0f, width / 3), 0), label.c_str());
  } else if (ImGui::Button("Export")) {
    start(ws);
  }
  if (!message_.empty()) {  // beside the button, wrapped to the dialog's width
    ImGui::SameLine();
    ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + std::max(100.0f, width - ImGui::GetCursorPosX()));
    if (error_) ImGui::TextColored(ImVec4(1.0f, 0.45f, 0.4f, 1.0f), "%s", message_.c_str());
    else ImGui::TextUnformatted(message_.c_str());
    ImGui::PopTextWrapPos();
  }
  ImGui::End();
}

}  // namespace attune
