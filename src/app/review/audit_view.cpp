#include "app/review/audit_view.h"
#include "app/logic/action.h"

#include <imgui.h>

#include "core/error.h"

namespace attune {

namespace {
std::string compact(const std::string& json, std::size_t limit) {
  if (json.empty()) return "-";
  if (json.size() <= limit) return json;
  return json.substr(0, limit) + "…";
}

// "2026-11-28T19:30:15.884674Z" -> "2026-11-28 19:30:15" (the full stamp is in the tooltip).
std::string short_time(const std::string& utc) {
  std::string t = utc.substr(0, 19);
  if (t.size() > 10 && t[10] == 'T') t[10] = ' ';
  return t;
}
}  // namespace

void AuditView::open(Workspace& ws) {
  open_ = true;
  rows_.clear();
  changes_.clear();
  times_.clear();
  head_text_.clear();
  head_short_.clear();
  const bool read = run_action("", [&] {
    rows_ = ws.audit();
    const VerifyReport report = ws.verify();
    verified_ = report.integrity_ok && report.audit_ok;
    verify_line_ = std::string("Database: ") + report.integrity_message + "   Audit chain: " +
                   std::to_string(report.audit_rows) + " rows, " + report.audit_message;
    head_text_ = report.audit_head.text();
    head_short_ = std::string(kAuditHeadPrefix) + " " + report.audit_head.abbreviated();
  }, [&](const std::string& message) { verify_line_ = "Cannot read the audit trail: " + message; });
  if (!read) verified_ = false;
  changes_.reserve(rows_.size());
  times_.reserve(rows_.size());
  for (const AuditRow& r : rows_) {
    changes_.push_back(compact(r.old_json, 120) + "  →  " + compact(r.new_json, 120));
    times_.push_back(short_time(r.at_utc));
  }
}

void AuditView::draw(Workspace& ws) {
  if (!open_) return;
  const ImVec2 work = ImGui::GetMainViewport()->WorkPos;
  ImGui::SetNextWindowPos(ImVec2(work.x + 40, work.y + 330), ImGuiCond_FirstUseEver);
  ImGui::SetNextWindowSize(ImVec2(900, 400), ImGuiCond_FirstUseEver);
  bool keep = true;
  if (ImGui::Begin("Audit trail", &keep)) {
    ImGui::TextColored(verified_ ? ImVec4(0.55f, 0.85f, 0.55f, 1.0f) : ImVec4(1.0f, 0.55f, 0.45f, 1.0f), "%s",
                       verify_line_.c_str());
    ImGui::SameLine();
    if (ImGui::SmallButton("Refresh")) open(ws);
    if (!head_text_.empty()) {
      // The head to keep elsewhere: abbreviated here, whole in the tooltip and on Copy.
      ImGui::TextDisabled("Chain head: %s", head_short_.c_str());
      if (ImGui::IsItemHovered())
        ImGui::SetTooltip("%s\nKeep it outside this computer; later, attune-cli verify --expect with it shows whether "
                          "the trail up to here was cut short or rewritten.",
                          head_text_.c_str());
      ImGui::SameLine();
      if (ImGui::SmallButton("Copy")) ImGui::SetClipboardText(head_text_.c_str());
    }
    const ImGuiTableFlags flags = ImGuiTableFlags_ScrollY | ImGuiTableFlags_ScrollX | ImGuiTableFlags_RowBg |
                                  ImGuiTableFlags_BordersInnerV | ImGuiTableFlags_Resizable |
                                  ImGuiTableFlags_SizingFixedFit;
    if (ImGui::BeginTable("audit", 5, flags)) {
      ImGui::TableSetupScrollFreeze(0, 1);
      ImGui::TableSetupColumn("Time (UTC)");
      ImGui::TableSetupColumn("Actor");
      ImGui::TableSetupColumn("Action");
      ImGui::TableSetupColumn("Row");
      ImGui::TableSetupColumn("Old → new");
      ImGui::TableHeadersRow();
      ImGuiListClipper clipper;
      clipper.Begin(static_cast<int>(rows_.size()));
      while (clipper.Step()) {
        for (int i = clipper.DisplayStart; i < clipper.DisplayEnd; ++i) {
          const AuditRow& r = rows_[static_cast<std::size_t>(i)];
          ImGui::TableNextRow();
          ImGui::TableNextColumn();
          ImGui::TextUnformatted(times_[static_cast<std::size_t>(i)].c_str());
          if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", r.at_utc.c_str());
          ImGui::TableNextColumn();
          ImGui::TextUnformatted(r.actor.c_str());
          ImGui::TableNextColumn();
          ImGui::TextUnformatted(r.action.c_str());
          ImGui::TableNextColumn();
          ImGui::Text("%s %lld", r.table_name.c_str(), static_cast<long long>(r.row_id));
          ImGui::TableNextColumn();
          ImGui::TextUnformatted(changes_[static_cast<std::size_t>(i)].c_str());
          if (ImGui::IsItemHovered() && (r.old_json.size() > 120 || r.new_json.size() > 120)) {
            ImGui::BeginTooltip();
            ImGui::PushTextWrapPos(600);
            ImGui::Text("old: %s", r.old_json.empty() ? "-" : r.old_json.c_str());
            ImGui::Text("new: %s", r.new_json.empty() ? "-" : r.new_json.c_str());
            ImGui::PopTextWrapPos();
            ImGui::EndTooltip();
          }
        }
      }
      ImGui::EndTable();
    }
  }
  ImGui::End();
  if (!keep) open_ = false;
}

}  // namespace attune
