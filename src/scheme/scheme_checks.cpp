#include "scheme/scheme_checks.h"

#include <algorithm>
#include <charconv>
#include <map>
#include <optional>

#include <nlohmann/json.hpp>

namespace attune::scheme_detail {

using nlohmann::json;

namespace {

const json& list(const json& obj, const char* key) {
  static const json empty = json::array();
  if (!obj.is_object()) return empty;
  const auto it = obj.find(key);
  return it != obj.end() && it->is_array() ? *it : empty;
}

const json* field(const json& obj, const char* key) {
  if (!obj.is_object()) return nullptr;
  const auto it = obj.find(key);
  return it == obj.end() ? nullptr : &*it;
}

std::optional<std::string> text(const json& obj, const char* key) {
  const json* f = field(obj, key);
  if (f && f->is_string()) return f->get<std::string>();
  return std::nullopt;
}

std::string quoted(const std::string& s) { return json(s).dump(-1, ' ', false, json::error_handler_t::replace); }

std::string at(const char* section, std::size_t i) { return "/" + std::string(section) + "/" + std::to_string(i); }
std::string at(const char* section, std::size_t i, const char* key) { return at(section, i) + "/" + key; }

struct Section {
  const char* key;   // "codes"
  const char* noun;  // "code"
};
constexpr Section kSubjects{"subjects", "subject"}, kGroups{"groups", "group"}, kModifiers{"modifiers", "modifier"},
    kCodes{"codes", "code"}, kRatings{"ratings", "rating scale"}, kRules{"rules", "rule"};

// What each rule type needs, and what the key means (for the sentence).
struct Need {
  const char* key;
  const char* meaning;
};
const std::map<std::string, std::vector<Need>> kRuleNeeds = {
    {"responsiveness",
     {{"antecedent", "the codes that ask for an answer"},
      {"target", "the codes that count as an answer"},
      {"window_s", "the seconds within which an answer counts"}}},
    {"contingency",
     {{"antecedent", "the codes that open the window"},
      {"target", "the codes looked for in the window"},
      {"window_s", "the length of the window in seconds"}}},
    {"comfort_latency", {{"antecedent", "the distress codes"}, {"target", "the codes that count as comfort"}}},
    {"affect_matching", {{"pairs", "the [child code, parent code] pairs that count as a match"}}},
    {"joint_engagement", {{"target", "the codes that count as engaged"}}},
};

class Checker {
 public:
  explicit Checker(const json& doc) : doc_(doc) {}

  std::vector<Finding> run() {
    subjects_ = ids(kSubjects);
    groups_ = ids(kGroups);
    modifiers_ = ids(kModifiers);
    codes_ = ids(kCodes);
    ids(kRatings);
    ids(kRules);
    keys();
    episode_groups();
    modifiers();
    codes();
    ratings();
    rules();
    return std::move(out_);
  }

 private:
  using Index = std::map<std::string, std::size_t>;

  void add(std::string pointer, std::string message) { out_.push_back({std::move(pointer), std::move(message)}); }

  const json& items(Section s) const { return list(doc_, s.key); }

  // `"bid"`, or `/codes/3` when the entry has no usable id.
  std::string ident(Section s, std::size_t i) const {
    const auto id = text(items(s)[i], "id");
    return id ? quoted(*id) : at(s.key, i);
  }
  // `code "bid"`
  std::string describe(Section s, std::size_t i) const { return std::string(s.noun) + " " + ident(s, i); }

  // First index of each id; later repeats are reported.
  Index ids(Section s) {
    Index index;
    const json& arr = items(s);
    for (std::size_t i = 0; i < arr.size(); ++i) {
      const auto id = text(arr[i], "id");
      if (!id) continue;
      const auto [it, inserted] = index.emplace(*id, i);
      if (!inserted)
        add(at(s.key, i, "id"), "The " + std::string(s.noun) + " id " + quoted(*id) + " is already used by " +
                                    at(s.key, it->second) + "; each " + s.noun + " needs its own id.");
    }
    return index;
  }

  // Subjects and codes share the keyboard.
  void keys() {
    std::map<std::string, std::string> owner;  // key -> "subject \"parent\""
    for (Section s : {kSubjects, kCodes}) {
      const json& arr = items(s);
      for (std::size_t i = 0; i < arr.size(); ++i) {
        const auto key = text(arr[i], "key");
        if (!key) continue;
        const auto [it, inserted] = owner.emplace(*key, describe(s, i));
        if (!inserted)
          add(at(s.key, i, "key"), "Key " + quoted(*key) + " is used by both " + it->second + " and " + describe(s, i) +
                                       "; each code and subject needs its own key.");
      }
    }
  }

  void episode_groups() {
    std::optional<std::size_t> first;
    const json& arr = items(kGroups);
    for (std::size_t i = 0; i < arr.size(); ++i) {
      if (text(arr[i], "role") != "episode") continue;
      if (!first) {
        first = i;
        continue;
      }
      add(at(kGroups.key, i, "role"),
          "Only one group can have the role \"episode\", and " + describe(kGroups, *first) + " already has it.");
    }
  }

  void modifiers() {
    const json& arr = items(kModifiers);
    for (std::size_t i = 0; i < arr.size(); ++i) {
      const json& m = arr[i];
      const auto kind = text(m, "kind");
      if (!kind) continue;
      const std::string who = "Modifier " + ident(kModifiers, i);
      if (*kind == "single" || *kind == "multi") {
        const std::string what = *kind == "single" ? "single-choice" : "multiple-choice";
        if (!field(m, "values"))
          add(at(kModifiers.key, i), who + " is a " + what + " modifier, so it needs a \"values\" list.");
        for (const char* bound : {"min", "max"})
          if (field(m, bound))
            add(at(kModifiers.key, i, bound),
                who + " is a " + what + " modifier; \"" + bound + "\" applies only to number modifiers.");
      } else if (*kind == "number") {
        if (field(m, "values"))
          add(at(kModifiers.key, i, "values"),
              who + " is a number modifier; it takes \"min\" and \"max\", not \"values\".");
        const json* min = field(m, "min");
        const json* max = field(m, "max");
        if (min && max && min->is_number() && max->is_number() && min->get<double>() > max->get<double>())
          add(at(kModifiers.key, i, "max"),
              "The maximum (" + max->dump() + ") is less than the minimum (" + min->dump() + ").");
      }
    }
  }

  void reference(const json& holder, const char* key, const std::string& pointer, const Index& index, Section s) {
    const json* f = field(holder, key);
    if (f && f->is_string()) reference(*f, pointer, index, s);
  }
  void reference(const json& id, const std::string& pointer, const Index& index, Section s) {
    if (!id.is_string() || index.count(id.get<std::string>())) return;
    add(pointer, "Unknown " + std::string(s.noun) + " " + quoted(id.get<std::string>()) + "; no " + s.noun +
                     " with this id is defined in \"" + s.key + "\".");
  }
  void references(const json& holder, const char* key, const std::string& pointer, const Index& index, Section s) {
    const json& arr = list(holder, key);
    for (std::size_t k = 0; k < arr.size(); ++k) reference(arr[k], pointer + "/" + std::to_string(k), index, s);
  }

  bool is_point_code(const json& id) const {
    if (!id.is_string()) return false;
    const auto it = codes_.find(id.get<std::string>());
    return it != codes_.end() && text(items(kCodes)[it->second], "kind") == "point";
  }

  void codes() {
    const json& arr = items(kCodes);
    for (std::size_t i = 0; i < arr.size(); ++i) {
      const json& c = arr[i];
      reference(c, "group", at(kCodes.key, i, "group"), groups_, kGroups);
      references(c, "subjects", at(kCodes.key, i, "subjects"), subjects_, kSubjects);
      references(c, "modifiers", at(kCodes.key, i, "modifiers"), modifiers_, kModifiers);
      const bool point = text(c, "kind") == "point";
      const auto group = text(c, "group");
      if (point && group && groups_.count(*group)) {
        const json* exclusive = field(items(kGroups)[groups_.at(*group)], "exclusive");
        if (exclusive && *exclusive == true)
          add(at(kCodes.key, i, "kind"), "Code " + ident(kCodes, i) + " is a point code, but its group " +
                                             quoted(*group) +
                                             " is exclusive; an exclusive group can only hold state codes.");
      }
      const json* uncodable = field(c, "uncodable");
      if (point && uncodable && *uncodable == true)
        add(at(kCodes.key, i, "uncodable"),
            "Code " + ident(kCodes, i) + " marks uncodable time, so it must be a state code.");
    }
  }

  void ratings() {
    const json& arr = items(kRatings);
    for (std::size_t i = 0; i < arr.size(); ++i) {
      const json* min = field(arr[i], "min");
      const json* max = field(arr[i], "max");
      if (!min || !max || !min->is_number() || !max->is_number()) continue;
      const double lo = min->get<double>();
      const double hi = max->get<double>();
      if (lo >= hi) {
        add(at(kRatings.key, i, "max"),
            "The maximum (" + max->dump() + ") must be greater than the minimum (" + min->dump() + ").");
        continue;
      }
      const json* anchors = field(arr[i], "anchors");
      if (!anchors || !anchors->is_object()) continue;
      for (const auto& [key, label] : anchors->items()) {
        long long value = 0;
        const auto [end, ec] = std::from_chars(key.data(), key.data() + key.size(), value);
        if (ec != std::errc() || end != key.data() + key.size()) continue;  // the schema reports it
        if (static_cast<double>(value) < lo || static_cast<double>(value) > hi)
          add(at(kRatings.key, i, "anchors") + "/" + key,
              "Anchor " + key + " is outside the scale (" + min->dump() + " to " + max->dump() + ").");
      }
    }
  }

  void needs_state(const json& id, const std::string& pointer, const std::string& type, const char* role) {
    if (is_point_code(id))
      add(pointer, "Code " + quoted(id.get<std::string>()) + " is a point code, but the " + role + " of " +
                       article(type, false) + " " + type + " rule must be state codes.");
  }

  void rules() {
    const json& arr = items(kRules);
    for (std::size_t i = 0; i < arr.size(); ++i) {
      const json& r = arr[i];
      const std::string base = at(kRules.key, i);
      references(r, "antecedent", base + "/antecedent", codes_, kCodes);
      references(r, "target", base + "/target", codes_, kCodes);
      const json& pairs = list(r, "pairs");
      for (std::size_t k = 0; k < pairs.size(); ++k) pair(pairs[k], base + "/pairs/" + std::to_string(k));
      target_modifier(r, base + "/target_modifier");

      const auto type = text(r, "type");
      if (!type || !kRuleNeeds.count(*type)) continue;
      for (const Need& need : kRuleNeeds.at(*type))
        if (!field(r, need.key))
          add(base, article(*type, true) + " " + *type + " rule needs \"" + need.key + "\" (" + need.meaning + ").");
      if (*type == "comfort_latency") {
        const json& ante = list(r, "antecedent");
        for (std::size_t k = 0; k < ante.size(); ++k)
          needs_state(ante[k], base + "/antecedent/" + std::to_string(k), *type, "antecedent");
      } else if (*type == "joint_engagement") {
        const json& target = list(r, "target");
        for (std::size_t k = 0; k < target.size(); ++k)
          needs_state(target[k], base + "/target/" + std::to_string(k), *type, "target");
      } else if (*type == "affect_matching") {
        for (std::size_t k = 0; k < pairs.size(); ++k)
          for (std::size_t side = 0; pairs[k].is_array() && side < std::min<std::size_t>(2, pairs[k].size()); ++side)
            needs_state(pairs[k][side], base + "/pairs/" + std::to_string(k) + "/" + std::to_string(side), *type,
                        "pairs");
      }
    }
  }

  void pair(const json& p, const std::string& pointer) {
    if (!p.is_array()) return;
    for (std::size_t side = 0; side < p.size(); ++side)
      reference(p[side], pointer + "/" + std::to_string(side), codes_, kCodes);
  }

  void target_modifier(const json& rule, const std::string& pointer) {
    const json* tm = field(rule, "target_modifier");
    if (!tm) return;
    const auto id = text(*tm, "modifier");
    if (!id) return;
    if (!modifiers_.count(*id))
      return reference(*field(*tm, "modifier"), pointer + "/modifier", modifiers_, kModifiers);
    const json& m = items(kModifiers)[modifiers_.at(*id)];
    if (text(m, "kind") == "number") {
      add(pointer + "/modifier",
          "Modifier " + quoted(*id) + " is a number modifier, so it has no named value for the rule to match.");
      return;
    }
    const auto value = text(*tm, "value");
    const json& values = list(m, "values");
    if (!value || values.empty()) return;
    for (const json& v : values)
      if (v == *value) return;
    std::vector<std::string> names;
    for (const json& v : values) names.push_back(v.dump(-1, ' ', false, json::error_handler_t::replace));
    std::string joined;
    for (std::size_t k = 0; k < names.size(); ++k)
      joined += (k == 0 ? "" : k + 1 == names.size() ? " and " : ", ") + names[k];
    add(pointer + "/value",
        "Modifier " + quoted(*id) + " has no value " + quoted(*value) + "; its values are " + joined + ".");
  }

  // "a"/"an" (or "A"/"An") for `word`.
  static std::string article(const std::string& word, bool capital) {
    return std::string(1, capital ? 'A' : 'a') + (word.find_first_of("aeiou") == 0 ? "n" : "");
  }

  const json& doc_;
  std::vector<Finding> out_;
  Index subjects_, groups_, modifiers_, codes_;
};

}  // namespace

std::vector<Finding> check_scheme_semantics(const nlohmann::json& doc) { return Checker(doc).run(); }

std::vector<Finding> check_scheme_warnings(const json& doc) {
  static const std::map<std::string, std::string> taken = {
      {"F10", "opens the menu in many desktops"},
      {"F11", "switches windows to full screen in many desktops"},
      {"F12", "opens a drop-down terminal in many desktops"},
  };
  std::vector<Finding> out;
  for (Section s : {kSubjects, kCodes}) {
    const json& arr = list(doc, s.key);
    for (std::size_t i = 0; i < arr.size(); ++i) {
      const auto key = text(arr[i], "key");
      const auto found = key ? taken.find(*key) : taken.end();
      if (found == taken.end()) continue;
      out.push_back({at(s.key, i, "key"), "Key " + quoted(*key) + " " + found->second +
                                              ", so a press may never reach Attune; choose another key."});
    }
  }
  return out;
}

}  // namespace attune::scheme_detail
