#include "app/schemes/scheme_items_view.h"

#include <imgui.h>
#include <imgui_stdlib.h>

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "app/common/style.h"

namespace attune {

namespace {

const ImVec4 kError(1, 0.5f, 0.4f, 1), kWarning(1.0f, 0.8f, 0.35f, 1.0f);

std::size_t list_size(const Scheme& s, SchemeSection section) {
  switch (section) {
    case SchemeSection::Subjects: return s.subjects.size();
    case SchemeSection::Groups: return s.groups.size();
    case SchemeSection::Modifiers: return s.modifiers.size();
    case SchemeSection::Codes: return s.codes.size();
    case SchemeSection::Ratings: return s.ratings.size();
    case SchemeSection::Rules: break;
  }
  return s.rules.size();
}

// A row of the list: "[b] Bid", "Child affect (one at a time)", …
std::string row_label(const Scheme& s, SchemeSection section, std::size_t i) {
  switch (section) {
    case SchemeSection::Subjects:
      return (s.subjects[i].key.empty() ? "" : "[" + s.subjects[i].key + "] ") + s.subjects[i].name;
    case SchemeSection::Groups: return s.groups[i].name + (s.groups[i].exclusive ? "  (one at a time)" : "");
    case SchemeSection::Modifiers: return s.modifiers[i].name + "  (" + to_string(s.modifiers[i].kind) + ")";
    case SchemeSection::Codes: return (s.codes[i].key.empty() ? "    " : "[" + s.codes[i].key + "] ") + s.codes[i].name;
    case SchemeSection::Ratings:
      return s.ratings[i].name + "  (" + std::to_string(s.ratings[i].min) + "-" + std::to_string(s.ratings[i].max) + ")";
    case SchemeSection::Rules: break;
  }
  return s.rules[i].name + "  (" + s.rules[i].type + ")";
}

const char* add_label(SchemeSection section) {
  switch (section) {
    case SchemeSection::Subjects: return "Add subject";
    case SchemeSection::Groups: return "Add group";
    case SchemeSection::Modifiers: return "Add modifier";
    case SchemeSection::Codes: return "Add code";
    case SchemeSection::Ratings: return "Add scale";
    case SchemeSection::Rules: break;
  }
  return "Add rule";
}

// A text field showing `value`; `apply` stores what was typed.
void text_field(SchemeDraft& draft, const char* label, const std::string& value,
                const std::function<void(Scheme&, const std::string&)>& apply, const char* hint = nullptr) {
  std::string text = value;
  const bool changed = hint ? ImGui::InputTextWithHint(label, hint, &text) : ImGui::InputText(label, &text);
  if (changed) draft.edit([&](Scheme& s) { apply(s, text); });
}

void checkbox(SchemeDraft& draft, const char* label, bool value, const std::function<void(Scheme&, bool)>& apply) {
  if (ImGui::Checkbox(label, &value)) draft.edit([&](Scheme& s) { apply(s, value); });
}

std::string hex_of(const float rgb[3]) {
  char text[8];
  auto byte = [](float f) { return static_cast<int>(std::lround(std::clamp(f, 0.0f, 1.0f) * 255.0f)); };
  std::snprintf(text, sizeof text, "#%02x%02x%02x", byte(rgb[0]), byte(rgb[1]), byte(rgb[2]));
  return text;
}

// "vocal, gesture, show" <-> {"vocal", "gesture", "show"}
std::string joined(const std::vector<std::string>& values) {
  std::string text;
  for (const std::string& v : values) text += (text.empty() ? "" : ", ") + v;
  return text;
}
std::vector<std::string> split(const std::string& text) {
  std::vector<std::string> values;
  std::size_t start = 0;
  while (start <= text.size()) {
    std::size_t end = text.find(',', start);
    if (end == std::string::npos) end = text.size();
    std::string v = text.substr(start, end - start);
    v.erase(0, v.find_first_not_of(' '));
    v.erase(v.find_last_not_of(' ') + 1);
    if (!v.empty()) values.push_back(v);
    start = end + 1;
  }
  return values;
}

}  // namespace

void SchemeItemsView::draw(SchemeDraft& draft, SchemeSection section) {
  const float list_width = std::max(ImGui::GetFontSize() * 16.5f, ImGui::GetContentRegionAvail().x * 0.36f);
  ImGui::BeginChild("items", ImVec2(list_width, 0), true);
  draw_list(draft, section);
  ImGui::EndChild();
  ImGui::SameLine();
  ImGui::BeginChild("form", ImVec2(0, 0), true);
  const std::size_t n = list_size(draft.scheme(), section);
  std::size_t& chosen = selected(section);
  if (n == 0) ImGui::TextDisabled("Nothing here yet: %s adds one.", add_label(section));
  else draw_form(draft, section, std::min(chosen, n - 1));
  ImGui::EndChild();
}

void SchemeItemsView::draw_list(SchemeDraft& draft, SchemeSection section) {
  std::size_t& chosen = selected(section);
  const Scheme& s = draft.scheme();
  if (ImGui::SmallButton(add_label(section))) {
    refusal_.clear();
    switch (section) {
      case SchemeSection::Subjects: chosen = draft.add_subject(); break;
      case SchemeSection::Groups: chosen = draft.add_group(); break;
      case SchemeSection::Modifiers: chosen = draft.add_modifier(); break;
      case SchemeSection::Codes:
        chosen = draft.add_code(chosen < s.codes.size() ? s.codes[chosen].group : "");
        break;
      case SchemeSection::Ratings: chosen = draft.add_rating(); break;
      case SchemeSection::Rules: chosen = draft.add_rule(); break;
    }
  }
  const std::size_t n = list_size(draft.scheme(), section);
  ImGui::BeginDisabled(n == 0);
  ImGui::SameLine();
  if (ImGui::SmallButton("Delete") && n > 0) {
    refusal_ = draft.remove(section, std::min(chosen, n - 1));
    if (refusal_.empty() && chosen > 0 && chosen >= list_size(draft.scheme(), section)) --chosen;
  }
  ImGui::SameLine();
  if (ImGui::ArrowButton("up", ImGuiDir_Up) && chosen > 0 && chosen < n) {
    draft.move(section, chosen, -1);
    --chosen;
  }
  ImGui::SameLine();
  if (ImGui::ArrowButton("down", ImGuiDir_Down) && chosen + 1 < n) {
    draft.move(section, chosen, +1);
    ++chosen;
  }
  ImGui::EndDisabled();
  ImGui::Separator();
  const Scheme& now = draft.scheme();
  std::string group;  // codes are listed under their group's name
  for (std::size_t i = 0; i < list_size(now, section); ++i) {
    if (section == SchemeSection::Codes && now.codes[i].group != group) {
      group = now.codes[i].group;
      const CodeGroup* g = now.find_group(group);
      ImGui::TextDisabled("%s", g ? g->name.c_str() : group.c_str());
    }
    const bool problem = !draft.problems_at("/" + std::string(section_key(section)) + "/" + std::to_string(i)).empty();
    if (problem) ImGui::PushStyleColor(ImGuiCol_Text, kError);
    ImGui::PushID(static_cast<int>(i));
    if (ImGui::Selectable(row_label(now, section, i).c_str(), i == chosen)) {
      chosen = i;
      refusal_.clear();
    }
    ImGui::PopID();
    if (problem) ImGui::PopStyleColor();
  }
}

void SchemeItemsView::draw_form(SchemeDraft& draft, SchemeSection section, std::size_t i) {
  ImGui::PushID(static_cast<int>(section));
  ImGui::PushID(static_cast<int>(i));
  ImGui::PushItemWidth(-ImGui::GetFontSize() * 8);
  switch (section) {
    case SchemeSection::Subjects: draw_subject(draft, i); break;
    case SchemeSection::Groups: draw_group(draft, i); break;
    case SchemeSection::Modifiers: draw_modifier(draft, i); break;
    case SchemeSection::Codes: draw_code(draft, i); break;
    case SchemeSection::Ratings: draw_rating(draft, i); break;
    case SchemeSection::Rules:
      draw_id(draft, section, i, draft.scheme().rules[i].id);
      text_field(draft, "Name", draft.scheme().rules[i].name, [i](Scheme& s, const std::string& v) { s.rules[i].name = v; });
      rule_form_.draw(draft, i);
      break;
  }
  ImGui::PopItemWidth();
  // What the validator says about this item, in its own words.
  const std::string pointer = "/" + std::string(section_key(section)) + "/" + std::to_string(i);
  const auto problems = draft.problems_at(pointer);
  const auto& warnings = draft.validation().warnings;
  if (!refusal_.empty() || !problems.empty()) ImGui::Separator();
  if (!refusal_.empty()) ImGui::TextColored(kError, "%s", refusal_.c_str());
  for (const SchemeProblem* p : problems) {
    const bool warning = p >= warnings.data() && p < warnings.data() + warnings.size();
    ImGui::PushStyleColor(ImGuiCol_Text, warning ? kWarning : kError);
    ImGui::TextWrapped("%s%s: %s", warning ? "warning: " : "", p->pointer.c_str(), p->message.c_str());
    ImGui::PopStyleColor();
  }
  ImGui::PopID();
  ImGui::PopID();
}

void SchemeItemsView::draw_id(SchemeDraft& draft, SchemeSection section, std::size_t i, const std::string& id) {
  if (!id_active_) id_edit_ = id;
  ImGui::InputText("Id", &id_edit_, ImGuiInputTextFlags_CharsNoBlank);
  id_active_ = ImGui::IsItemActive();
  if (ImGui::IsItemDeactivatedAfterEdit()) {
    refusal_ = draft.rename(section, i, id_edit_);
    id_active_ = false;
  }
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("Used in files and exports; a new id is applied when you leave the field.");
}

void SchemeItemsView::draw_key(SchemeDraft& draft, SchemeSection section, std::size_t i, const std::string& key) {
  std::string text = key;
  ImGui::SetNextItemWidth(ImGui::GetFontSize() * 4);
  if (ImGui::InputTextWithHint("Key", "none", &text, ImGuiInputTextFlags_CharsNoBlank))
    draft.edit([&](Scheme& s) {
      (section == SchemeSection::Subjects ? s.subjects[i].key : s.codes[i].key) = text;
    });
  ImGui::SameLine();
  ImGui::TextDisabled("a, B, 7 or F1-F12");
  // Said as it is typed, before anything is saved.
  if (const std::string clash = draft.key_clash(text, section, i); !clash.empty()) ImGui::TextColored(kError, "%s", clash.c_str());
}

void SchemeItemsView::draw_subject(SchemeDraft& draft, std::size_t i) {
  const Subject& subject = draft.scheme().subjects[i];
  draw_id(draft, SchemeSection::Subjects, i, subject.id);
  text_field(draft, "Name", subject.name, [i](Scheme& s, const std::string& v) { s.subjects[i].name = v; });
  draw_key(draft, SchemeSection::Subjects, i, draft.scheme().subjects[i].key);
}

void SchemeItemsView::draw_group(SchemeDraft& draft, std::size_t i) {
  const CodeGroup& group = draft.scheme().groups[i];
  draw_id(draft, SchemeSection::Groups, i, group.id);
  text_field(draft, "Name", group.name, [i](Scheme& s, const std::string& v) { s.groups[i].name = v; });
  checkbox(draft, "Exclusive (one state at a time per subject)", group.exclusive,
           [i](Scheme& s, bool v) { s.groups[i].exclusive = v; });
  checkbox(draft, "Exhaustive (some state always runs)", draft.scheme().groups[i].exhaustive,
           [i](Scheme& s, bool v) { s.groups[i].exhaustive = v; });
  checkbox(draft, "Episodes (its codes mark the session's episodes)", draft.scheme().groups[i].role == "episode",
           [i](Scheme& s, bool v) { s.groups[i].role = v ? "episode" : ""; });
}

void SchemeItemsView::draw_modifier(SchemeDraft& draft, std::size_t i) {
  const Modifier& m = draft.scheme().modifiers[i];
  draw_id(draft, SchemeSection::Modifiers, i, m.id);
  text_field(draft, "Name", m.name, [i](Scheme& s, const std::string& v) { s.modifiers[i].name = v; });
  int kind = static_cast<int>(m.kind);
  if (ImGui::Combo("Kind", &kind, "single (one value)\0multi (several values)\0number\0"))
    draft.edit([&](Scheme& s) { s.modifiers[i].kind = static_cast<ModifierKind>(kind); });
  const Modifier& now = draft.scheme().modifiers[i];
  if (now.kind != ModifierKind::Number) {
    text_field(
        draft, "Values", joined(now.values), [i](Scheme& s, const std::string& v) { s.modifiers[i].values = split(v); },
        "vocal, gesture, show");
    ImGui::TextDisabled("Separated by commas; the coder picks them with the digits 1-9.");
  } else {
    draw_optional_number(draft, "Min", now.min, [i](Scheme& s) -> std::optional<double>& { return s.modifiers[i].min; }, "%g", 0.0);
    draw_optional_number(draft, "Max", draft.scheme().modifiers[i].max,
                    [i](Scheme& s) -> std::optional<double>& { return s.modifiers[i].max; }, "%g", 0.0);
  }
  std::string users;
  for (const Code& c : draft.scheme().codes)
    if (std::find(c.modifiers.begin(), c.modifiers.end(), now.id) != c.modifiers.end())
      users += (users.empty() ? "" : ", ") + c.name;
  ImGui::TextWrapped("Asked for: %s", users.empty() ? "no code yet (tick it on a code's form)" : users.c_str());
}

void SchemeItemsView::draw_code(SchemeDraft& draft, std::size_t i) {
  const Scheme& s = draft.scheme();
  const Code& code = s.codes[i];
  draw_id(draft, SchemeSection::Codes, i, code.id);
  text_field(draft, "Name", code.name, [i](Scheme& d, const std::string& v) { d.codes[i].name = v; });
  const CodeGroup* group = s.find_group(code.group);
  if (ImGui::BeginCombo("Group", group ? group->name.c_str() : code.group.c_str())) {
    for (const CodeGroup& g : s.groups)
      if (ImGui::Selectable((g.name + "##" + g.id).c_str(), g.id == code.group)) {
        const std::string id = g.id;
        draft.edit([&](Scheme& d) { d.codes[i].group = id; });
      }
    ImGui::EndCombo();
  }
  int kind = static_cast<int>(draft.scheme().codes[i].kind);
  if (ImGui::Combo("Kind", &kind, "point (a moment)\0state (runs from start to end)\0"))
    draft.edit([&](Scheme& d) { d.codes[i].kind = static_cast<CodeKind>(kind); });
  draw_key(draft, SchemeSection::Codes, i, draft.scheme().codes[i].key);
  const ImVec4 colour = ui::color_vec(draft.scheme().codes[i].color);
  float rgb[3] = {colour.x, colour.y, colour.z};
  if (ImGui::ColorEdit3("Colour", rgb, ImGuiColorEditFlags_DisplayHex))
    draft.edit([&](Scheme& d) { d.codes[i].color = hex_of(rgb); });
  text_field(
      draft, "Definition", draft.scheme().codes[i].definition,
      [i](Scheme& d, const std::string& v) { d.codes[i].definition = v; }, "one line: what the coder looks for");

  ImGui::TextUnformatted("Subjects");
  for (const Subject& subject : draft.scheme().subjects) {
    const auto& ids = draft.scheme().codes[i].subjects;
    bool on = std::find(ids.begin(), ids.end(), subject.id) != ids.end();
    ImGui::SameLine();
    if (ImGui::Checkbox((subject.name + "##s-" + subject.id).c_str(), &on)) {
      draft.toggle_code_subject(i, subject.id);
      break;
    }
  }
  ImGui::TextUnformatted("Modifiers");
  if (draft.scheme().modifiers.empty()) {
    ImGui::SameLine();
    ImGui::TextDisabled("none in this scheme (Modifiers tab)");
  }
  float used = ImGui::CalcTextSize("Modifiers").x;
  for (const Modifier& m : draft.scheme().modifiers) {
    const auto& ids = draft.scheme().codes[i].modifiers;
    bool on = std::find(ids.begin(), ids.end(), m.id) != ids.end();
    const float w = ImGui::CalcTextSize(m.name.c_str()).x + ImGui::GetFrameHeight() * 2;
    if (used + w < ImGui::GetContentRegionAvail().x) ImGui::SameLine();
    else used = 0;
    used += w;
    if (ImGui::Checkbox((m.name + "##m-" + m.id).c_str(), &on)) {
      draft.toggle_code_modifier(i, m.id);
      break;
    }
  }
  checkbox(draft, "Uncodable (left out of codable time)", draft.scheme().codes[i].uncodable,
           [i](Scheme& d, bool v) { d.codes[i].uncodable = v; });
}

void SchemeItemsView::draw_rating(SchemeDraft& draft, std::size_t i) {
  const RatingScale& r = draft.scheme().ratings[i];
  draw_id(draft, SchemeSection::Ratings, i, r.id);
  text_field(draft, "Name", r.name, [i](Scheme& s, const std::string& v) { s.ratings[i].name = v; });
  int lo = r.min, hi = r.max;
  ImGui::SetNextItemWidth(ImGui::GetFontSize() * 7);
  if (ImGui::InputInt("Lowest", &lo)) draft.edit([&](Scheme& s) { s.ratings[i].min = lo; });
  ImGui::SetNextItemWidth(ImGui::GetFontSize() * 7);
  if (ImGui::InputInt("Highest", &hi)) draft.edit([&](Scheme& s) { s.ratings[i].max = hi; });
  const RatingScale& now = draft.scheme().ratings[i];
  if (now.max < now.min || now.max - now.min > 20) return;  // the validator says what is wrong
  ImGui::TextUnformatted("Anchors (short labels; empty: none)");
  for (int v = now.min; v <= now.max; ++v) {
    const auto it = now.anchors.find(v);
    std::string label = it == now.anchors.end() ? "" : it->second;
    if (ImGui::InputText(std::to_string(v).c_str(), &label))
      draft.edit([&](Scheme& s) {
        if (label.empty()) s.ratings[i].anchors.erase(v);
        else s.ratings[i].anchors[v] = label;
      });
  }
}

}  // namespace attune
