#include "app/schemes/scheme_rule_form.h"

#include <imgui.h>
#include <imgui_stdlib.h>

#include <algorithm>
#include <array>

namespace attune {

namespace {

constexpr std::array<const char*, 5> kRuleTypes = {"responsiveness", "comfort_latency", "affect_matching",
                                                   "joint_engagement", "contingency"};

const char* rule_help(const std::string& type) {
  if (type == "responsiveness") return "Antecedent bids answered by a target code within the window.";
  if (type == "comfort_latency") return "Distress bouts (gaps under the merge gap joined) to the first target; threshold: comforted within N s.";
  if (type == "affect_matching") return "Pairs of (child code, parent code) that count as matching affect.";
  if (type == "joint_engagement") return "The target codes are the engaged states.";
  if (type == "contingency") return "Yule's Q of antecedent -> target within the window.";
  return "";
}

std::string code_name(const Scheme& s, const std::string& id) {
  const Code* c = s.find_code(id);
  return c ? c->name : id + " (unknown)";
}

// A combo of checkboxes over the scheme's codes; the preview lists the chosen ones.
void code_set(SchemeDraft& draft, const char* label, const std::vector<std::string>& chosen,
              const std::function<std::vector<std::string>&(Scheme&)>& field) {
  const Scheme& s = draft.scheme();
  std::string preview;
  for (const std::string& id : chosen) preview += (preview.empty() ? "" : ", ") + code_name(s, id);
  if (preview.empty()) preview = "(none)";
  if (!ImGui::BeginCombo(label, preview.c_str(), ImGuiComboFlags_HeightLarge)) return;
  for (const Code& code : s.codes) {
    bool on = std::find(chosen.begin(), chosen.end(), code.id) != chosen.end();
    if (ImGui::Checkbox((code.name + "##" + code.id).c_str(), &on)) {
      const std::string id = code.id;
      draft.edit([&](Scheme& d) {
        std::vector<std::string>& ids = field(d);
        if (on) ids.push_back(id);
        else std::erase(ids, id);
      });
      break;  // the lists changed under the loop
    }
  }
  ImGui::EndCombo();
}

// A combo choosing one code id.
bool code_choice(const Scheme& s, const char* label, const std::string& current, std::string& out) {
  bool chosen = false;
  if (ImGui::BeginCombo(label, code_name(s, current).c_str(), ImGuiComboFlags_HeightLarge)) {
    for (const Code& code : s.codes)
      if (ImGui::Selectable((code.name + "##" + code.id).c_str(), code.id == current)) {
        out = code.id;
        chosen = true;
      }
    ImGui::EndCombo();
  }
  return chosen;
}

}  // namespace

void draw_optional_number(SchemeDraft& draft, const char* label, std::optional<double> current,
                          const std::function<std::optional<double>&(Scheme&)>& field, const char* format,
                          double initial) {
  ImGui::PushID(label);
  bool has = current.has_value();
  if (ImGui::Checkbox("##has", &has)) draft.edit([&](Scheme& s) { field(s) = has ? std::optional<double>(initial) : std::nullopt; });
  ImGui::SameLine();
  if (has) {
    double value = *current;
    ImGui::SetNextItemWidth(ImGui::GetFontSize() * 7);
    if (ImGui::InputDouble(label, &value, 0.5, 1.0, format)) draft.edit([&](Scheme& s) { field(s) = value; });
  } else {
    ImGui::TextDisabled("%s (none)", label);
  }
  ImGui::PopID();
}

void SchemeRuleForm::draw(SchemeDraft& draft, std::size_t i) {
  const Scheme& s = draft.scheme();
  if (i >= s.rules.size()) return;
  const ContingencyRule& rule = s.rules[i];
  if (ImGui::BeginCombo("Type", rule.type.c_str())) {
    for (const char* type : kRuleTypes)
      if (ImGui::Selectable(type, rule.type == type)) {
        const std::string chosen = type;
        draft.edit([&](Scheme& d) { d.rules[i].type = chosen; });
      }
    ImGui::EndCombo();
  }
  ImGui::PushStyleColor(ImGuiCol_Text, ImGui::GetStyleColorVec4(ImGuiCol_TextDisabled));
  ImGui::TextWrapped("%s", rule_help(draft.scheme().rules[i].type));
  ImGui::PopStyleColor();
  code_set(draft, "Antecedent", rule.antecedent, [i](Scheme& d) -> std::vector<std::string>& { return d.rules[i].antecedent; });
  code_set(draft, "Target", draft.scheme().rules[i].target,
           [i](Scheme& d) -> std::vector<std::string>& { return d.rules[i].target; });

  // Also a target: any code carrying this modifier value.
  const ContingencyRule& r = draft.scheme().rules[i];
  const std::string mod_id = r.target_modifier ? r.target_modifier->first : "";
  const Modifier* mod = s.find_modifier(mod_id);
  if (ImGui::BeginCombo("Target modifier", mod ? mod->name.c_str() : "(none)")) {
    if (ImGui::Selectable("(none)", !mod)) draft.edit([&](Scheme& d) { d.rules[i].target_modifier.reset(); });
    for (const Modifier& m : s.modifiers)
      if (m.kind != ModifierKind::Number && ImGui::Selectable((m.name + "##" + m.id).c_str(), mod && mod->id == m.id)) {
        const std::pair<std::string, std::string> value{m.id, m.values.empty() ? "" : m.values.front()};
        draft.edit([&](Scheme& d) { d.rules[i].target_modifier = value; });
        break;
      }
    ImGui::EndCombo();
  }
  if (const ContingencyRule& now = draft.scheme().rules[i]; now.target_modifier) {
    const Modifier* m = draft.scheme().find_modifier(now.target_modifier->first);
    const std::string value = now.target_modifier->second;
    if (m && ImGui::BeginCombo("Modifier value", value.c_str())) {
      for (const std::string& v : m->values)
        if (ImGui::Selectable(v.c_str(), v == value)) {
          const std::string chosen = v;
          draft.edit([&](Scheme& d) { d.rules[i].target_modifier->second = chosen; });
          break;
        }
      ImGui::EndCombo();
    }
  }

  if (draft.scheme().rules[i].type == "affect_matching" || !draft.scheme().rules[i].pairs.empty()) {
    ImGui::TextUnformatted("Pairs (antecedent code, target code)");
    const auto pairs = draft.scheme().rules[i].pairs;  // a copy: an edit below changes the list
    for (std::size_t p = 0; p < pairs.size(); ++p) {
      ImGui::PushID(static_cast<int>(p));
      std::string chosen;
      ImGui::SetNextItemWidth(ImGui::GetContentRegionAvail().x * 0.4f);
      if (code_choice(s, "##a", pairs[p].first, chosen)) draft.edit([&](Scheme& d) { d.rules[i].pairs[p].first = chosen; });
      ImGui::SameLine();
      ImGui::SetNextItemWidth(ImGui::GetContentRegionAvail().x * 0.65f);
      if (code_choice(draft.scheme(), "##b", pairs[p].second, chosen))
        draft.edit([&](Scheme& d) { d.rules[i].pairs[p].second = chosen; });
      ImGui::SameLine();
      const bool removed = ImGui::SmallButton("Remove");
      ImGui::PopID();
      if (removed) {
        draft.edit([&](Scheme& d) { d.rules[i].pairs.erase(d.rules[i].pairs.begin() + static_cast<std::ptrdiff_t>(p)); });
        break;
      }
    }
    if (ImGui::SmallButton("Add pair") && !s.codes.empty())
      draft.edit([&](Scheme& d) { d.rules[i].pairs.emplace_back(d.codes.front().id, d.codes.front().id); });
  }

  ImGui::TextUnformatted("Windows");
  draw_optional_number(draft, "Window", draft.scheme().rules[i].window_s,
                        [i](Scheme& d) -> std::optional<double>& { return d.rules[i].window_s; }, "%.3g s", 3.0);
  draw_optional_number(draft, "Merge gap", draft.scheme().rules[i].merge_gap_s,
                        [i](Scheme& d) -> std::optional<double>& { return d.rules[i].merge_gap_s; }, "%.3g s", 3.0);
  draw_optional_number(draft, "Threshold", draft.scheme().rules[i].threshold_s,
                        [i](Scheme& d) -> std::optional<double>& { return d.rules[i].threshold_s; }, "%.3g s", 3.0);
}

}  // namespace attune
