#include "app/logic/scheme_draft.h"

#include <algorithm>
#include <map>

namespace attune {

namespace {

// Calls f with the section's list (const when the scheme is).
template <class S, class F>
decltype(auto) with_list(S& s, SchemeSection section, F&& f) {
  switch (section) {
    case SchemeSection::Subjects: return f(s.subjects);
    case SchemeSection::Groups: return f(s.groups);
    case SchemeSection::Modifiers: return f(s.modifiers);
    case SchemeSection::Codes: return f(s.codes);
    case SchemeSection::Ratings: return f(s.ratings);
    case SchemeSection::Rules: break;
  }
  return f(s.rules);
}

void replace_in(std::vector<std::string>& ids, const std::string& from, const std::string& to) {
  for (std::string& id : ids)
    if (id == from) id = to;
}
void erase_from(std::vector<std::string>& ids, const std::string& id) { std::erase(ids, id); }

const char* noun(SchemeSection section) {
  switch (section) {
    case SchemeSection::Subjects: return "subject";
    case SchemeSection::Groups: return "group";
    case SchemeSection::Modifiers: return "modifier";
    case SchemeSection::Codes: return "code";
    case SchemeSection::Ratings: return "rating scale";
    case SchemeSection::Rules: break;
  }
  return "rule";
}

}  // namespace

const char* section_key(SchemeSection section) {
  switch (section) {
    case SchemeSection::Subjects: return "subjects";
    case SchemeSection::Groups: return "groups";
    case SchemeSection::Modifiers: return "modifiers";
    case SchemeSection::Codes: return "codes";
    case SchemeSection::Ratings: return "ratings";
    case SchemeSection::Rules: break;
  }
  return "rules";
}

std::string describe_item(const Scheme& scheme, SchemeSection section, std::size_t index) {
  return with_list(scheme, section, [&](auto& items) {
    if (index >= items.size()) return std::string(noun(section));
    const auto& item = items[index];
    return std::string(noun(section)) + " " + (item.name.empty() ? item.id : item.name);
  });
}

SchemeDraft::SchemeDraft(Scheme base) : base_(std::move(base)), scheme_(base_) {}

std::optional<SchemeDraft> SchemeDraft::from_row(const SchemeRow& row, std::string* why) {
  SchemeLoadResult loaded = load_scheme_text(row.json, row.name + "@" + std::to_string(row.version));
  if (!loaded.ok()) {
    if (why) *why = loaded.problems.empty() ? "the scheme does not load" : loaded.problems.front().to_string();
    return std::nullopt;
  }
  return SchemeDraft(std::move(*loaded.scheme));
}

void SchemeDraft::touched() {
  scheme_.reindex();
  ++revision_;
}

void SchemeDraft::edit(const std::function<void(Scheme&)>& change) {
  change(scheme_);
  touched();
}

bool SchemeDraft::id_taken(SchemeSection section, const std::string& id) const {
  return with_list(scheme_, section, [&](auto& items) {
    return std::any_of(items.begin(), items.end(), [&](const auto& item) { return item.id == id; });
  });
}

std::string SchemeDraft::unique_id(SchemeSection section, const std::string& stem) const {
  if (!id_taken(section, stem)) return stem;
  for (int n = 2;; ++n)
    if (const std::string id = stem + "_" + std::to_string(n); !id_taken(section, id)) return id;
}

std::size_t SchemeDraft::add_subject() {
  scheme_.subjects.push_back({.id = unique_id(SchemeSection::Subjects, "new_subject"), .name = "New subject"});
  touched();
  return scheme_.subjects.size() - 1;
}

std::size_t SchemeDraft::add_group() {
  scheme_.groups.push_back({.id = unique_id(SchemeSection::Groups, "new_group"), .name = "New group"});
  touched();
  return scheme_.groups.size() - 1;
}

std::size_t SchemeDraft::add_modifier() {
  scheme_.modifiers.push_back({.id = unique_id(SchemeSection::Modifiers, "new_modifier"),
                               .name = "New modifier",
                               .kind = ModifierKind::Single,
                               .values = {"yes", "no"}});
  touched();
  return scheme_.modifiers.size() - 1;
}

std::size_t SchemeDraft::add_code(const std::string& group) {
  Code code{.id = unique_id(SchemeSection::Codes, "new_code"), .name = "New code", .color = "#7f7f7f"};
  code.group = !group.empty() ? group : scheme_.groups.empty() ? "" : scheme_.groups.front().id;
  if (const CodeGroup* g = scheme_.find_group(code.group); g && g->exclusive) code.kind = CodeKind::State;
  // After the group's last code, with its subjects: the pad shows it with its group.
  auto last = std::find_if(scheme_.codes.rbegin(), scheme_.codes.rend(), [&](const Code& c) { return c.group == code.group; });
  std::size_t at = scheme_.codes.size();
  if (last != scheme_.codes.rend()) {
    code.subjects = last->subjects;
    at = static_cast<std::size_t>(scheme_.codes.rend() - last);
  }
  scheme_.codes.insert(scheme_.codes.begin() + static_cast<std::ptrdiff_t>(at), std::move(code));
  touched();
  return at;
}

std::size_t SchemeDraft::add_rating() {
  scheme_.ratings.push_back({.id = unique_id(SchemeSection::Ratings, "new_rating"), .name = "New rating", .min = 1, .max = 7});
  touched();
  return scheme_.ratings.size() - 1;
}

std::size_t SchemeDraft::add_rule() {
  scheme_.rules.push_back(
      {.id = unique_id(SchemeSection::Rules, "new_rule"), .name = "New rule", .type = "responsiveness", .window_s = 3.0});
  touched();
  return scheme_.rules.size() - 1;
}

std::string SchemeDraft::remove(SchemeSection section, std::size_t index) {
  std::string id;
  const bool exists = with_list(scheme_, section, [&](auto& items) {
    if (index >= items.size()) return false;
    id = items[index].id;
    return true;
  });
  if (!exists) return "";
  if (section == SchemeSection::Groups) {
    const auto n = std::count_if(scheme_.codes.begin(), scheme_.codes.end(), [&](const Code& c) { return c.group == id; });
    if (n > 0)
      return "Group " + id + " still has " + std::to_string(n) + (n == 1 ? " code" : " codes") +
             "; move them to another group or delete them first.";
  }
  for (Code& c : scheme_.codes) {
    if (section == SchemeSection::Subjects) erase_from(c.subjects, id);
    if (section == SchemeSection::Modifiers) erase_from(c.modifiers, id);
  }
  for (ContingencyRule& r : scheme_.rules) {
    if (section == SchemeSection::Codes) {
      erase_from(r.antecedent, id);
      erase_from(r.target, id);
      std::erase_if(r.pairs, [&](const auto& p) { return p.first == id || p.second == id; });
    }
    if (section == SchemeSection::Modifiers && r.target_modifier && r.target_modifier->first == id)
      r.target_modifier.reset();
  }
  with_list(scheme_, section, [&](auto& items) { items.erase(items.begin() + static_cast<std::ptrdiff_t>(index)); });
  touched();
  return "";
}

void SchemeDraft::move(SchemeSection section, std::size_t index, int delta) {
  const bool moved = with_list(scheme_, section, [&](auto& items) {
    const auto to = static_cast<std::ptrdiff_t>(index) + delta;
    if (index >= items.size() || to < 0 || to >= static_cast<std::ptrdiff_t>(items.size())) return false;
    std::swap(items[index], items[static_cast<std::size_t>(to)]);
    return true;
  });
  if (moved) touched();
}

std::string SchemeDraft::rename(SchemeSection section, std::size_t index, const std::string& new_id) {
  std::string old_id;
  if (!with_list(scheme_, section, [&](auto& items) {
        if (index >= items.size()) return false;
        old_id = items[index].id;
        return true;
      }))
    return "";
  if (new_id == old_id) return "";
  if (new_id.empty()) return std::string("A ") + noun(section) + " needs an id.";
  if (id_taken(section, new_id))
    return "The " + std::string(noun(section)) + " id \"" + new_id + "\" is already used; each " + noun(section) +
           " needs its own id.";
  with_list(scheme_, section, [&](auto& items) { items[index].id = new_id; });
  for (Code& c : scheme_.codes) {
    if (section == SchemeSection::Groups && c.group == old_id) c.group = new_id;
    if (section == SchemeSection::Subjects) replace_in(c.subjects, old_id, new_id);
    if (section == SchemeSection::Modifiers) replace_in(c.modifiers, old_id, new_id);
  }
  for (ContingencyRule& r : scheme_.rules) {
    if (section == SchemeSection::Codes) {
      replace_in(r.antecedent, old_id, new_id);
      replace_in(r.target, old_id, new_id);
      for (auto& [a, b] : r.pairs) {
        if (a == old_id) a = new_id;
        if (b == old_id) b = new_id;
      }
    }
    if (section == SchemeSection::Modifiers && r.target_modifier && r.target_modifier->first == old_id)
      r.target_modifier->first = new_id;
  }
  touched();
  return "";
}

void SchemeDraft::toggle_code_subject(std::size_t code, const std::string& subject) {
  if (code >= scheme_.codes.size()) return;
  std::vector<std::string>& ids = scheme_.codes[code].subjects;
  if (std::find(ids.begin(), ids.end(), subject) != ids.end()) erase_from(ids, subject);
  else {
    // In the scheme's order of subjects, so the file reads as before.
    ids.push_back(subject);
    std::stable_sort(ids.begin(), ids.end(), [&](const std::string& a, const std::string& b) {
      auto pos = [&](const std::string& id) {
        auto it = std::find_if(scheme_.subjects.begin(), scheme_.subjects.end(), [&](const Subject& s) { return s.id == id; });
        return it - scheme_.subjects.begin();
      };
      return pos(a) < pos(b);
    });
  }
  touched();
}

void SchemeDraft::toggle_code_modifier(std::size_t code, const std::string& modifier) {
  if (code >= scheme_.codes.size()) return;
  std::vector<std::string>& ids = scheme_.codes[code].modifiers;
  if (std::find(ids.begin(), ids.end(), modifier) != ids.end()) erase_from(ids, modifier);
  else ids.push_back(modifier);  // the prompt asks in this order
  touched();
}

const SchemeLoadResult& SchemeDraft::validation() const {
  if (validated_at_ != revision_) {
    validation_ = load_scheme_text(to_json(), scheme_.name.empty() ? "scheme" : scheme_.name);
    validated_at_ = revision_;
  }
  return validation_;
}

std::vector<const SchemeProblem*> SchemeDraft::problems_at(const std::string& pointer) const {
  std::vector<const SchemeProblem*> found;
  auto under = [&](const SchemeProblem& p) {
    return p.pointer == pointer || (p.pointer.size() > pointer.size() && p.pointer.compare(0, pointer.size(), pointer) == 0 &&
                                    p.pointer[pointer.size()] == '/');
  };
  for (const SchemeProblem& p : validation().problems)
    if (under(p)) found.push_back(&p);
  for (const SchemeProblem& p : validation().warnings)
    if (under(p)) found.push_back(&p);
  return found;
}

const std::vector<KeyClash>& SchemeDraft::key_clashes() const {
  if (clashes_at_ == revision_) return clashes_;
  std::map<std::string, std::vector<KeyUse>> users;
  for (std::size_t i = 0; i < scheme_.subjects.size(); ++i)
    if (!scheme_.subjects[i].key.empty())
      users[scheme_.subjects[i].key].push_back({SchemeSection::Subjects, i, describe_item(scheme_, SchemeSection::Subjects, i)});
  for (std::size_t i = 0; i < scheme_.codes.size(); ++i)
    if (!scheme_.codes[i].key.empty())
      users[scheme_.codes[i].key].push_back({SchemeSection::Codes, i, describe_item(scheme_, SchemeSection::Codes, i)});
  clashes_.clear();
  for (auto& [key, who] : users)
    if (who.size() > 1) clashes_.push_back({key, std::move(who)});
  clashes_at_ = revision_;
  return clashes_;
}

std::string SchemeDraft::key_clash(const std::string& key, SchemeSection section, std::size_t index) const {
  if (key.empty()) return "";
  std::vector<std::string> others;
  for (std::size_t i = 0; i < scheme_.subjects.size(); ++i)
    if (scheme_.subjects[i].key == key && !(section == SchemeSection::Subjects && i == index))
      others.push_back(describe_item(scheme_, SchemeSection::Subjects, i));
  for (std::size_t i = 0; i < scheme_.codes.size(); ++i)
    if (scheme_.codes[i].key == key && !(section == SchemeSection::Codes && i == index))
      others.push_back(describe_item(scheme_, SchemeSection::Codes, i));
  if (others.empty()) return "";
  std::string who;
  for (std::size_t i = 0; i < others.size(); ++i) who += (i ? i + 1 == others.size() ? " and " : ", " : "") + others[i];
  return "Key \"" + key + "\" is also used by " + who + "; each code and subject needs its own key.";
}

}  // namespace attune
