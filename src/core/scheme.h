#pragma once
// The coding scheme as plain data: subjects, code groups, modifiers, codes, global rating
// scales and contingency rules. Loading and validating the JSON file is the scheme layer's
// job (src/scheme); this header only describes what a valid scheme contains.
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace attune {

struct Subject {
  std::string id;
  std::string name;
  std::string key;  // keyboard key that selects the subject ("" when none)

  bool operator==(const Subject&) const = default;
};

struct CodeGroup {
  std::string id;
  std::string name;
  bool exclusive = false;   // at most one state of the group runs per subject at a time
  bool exhaustive = false;  // some member is always running (analysis adds "none" otherwise)
  std::string role;         // "" or "episode": members mark episodes (FreePlay, StillFace …)

  bool operator==(const CodeGroup&) const = default;
};

enum class ModifierKind { Single, Multi, Number };

struct Modifier {
  std::string id;
  std::string name;
  ModifierKind kind = ModifierKind::Single;
  std::vector<std::string> values;  // single / multi
  std::optional<double> min, max;   // number

  bool operator==(const Modifier&) const = default;
};

enum class CodeKind { Point, State };

struct Code {
  std::string id;
  std::string name;
  std::string group;  // CodeGroup::id
  CodeKind kind = CodeKind::Point;
  std::vector<std::string> subjects;  // allowed Subject ids; empty: the code has no subject
  std::string key;
  std::string color;  // "#rrggbb"
  std::string definition;
  std::vector<std::string> modifiers;  // Modifier ids
  bool uncodable = false;              // time under this code is excluded from codable time

  bool operator==(const Code&) const = default;
};

struct RatingScale {
  std::string id;
  std::string name;
  int min = 1;
  int max = 9;
  std::map<int, std::string> anchors;  // value -> short label

  bool operator==(const RatingScale&) const = default;
};

// A contingency rule evaluated by the summaries. `type` selects the metric:
//   "responsiveness"  antecedent bids answered by a target within window_s
//   "comfort_latency" antecedent distress bouts (gaps < merge_gap_s merged) to first target;
//                     threshold_s is "comforted within N s"
//   "affect_matching" pairs of (antecedent code, target code) that count as a match
//   "joint_engagement" target codes are the engaged states
//   "contingency"     Yule's Q for antecedent -> target within window_s
struct ContingencyRule {
  std::string id;
  std::string name;
  std::string type;
  std::vector<std::string> antecedent;  // Code ids
  std::vector<std::string> target;      // Code ids
  // Extra targets: any code carrying this modifier value (e.g. mind = appropriate).
  std::optional<std::pair<std::string, std::string>> target_modifier;
  std::vector<std::pair<std::string, std::string>> pairs;  // affect_matching
  std::optional<double> window_s;
  std::optional<double> merge_gap_s;
  std::optional<double> threshold_s;

  bool operator==(const ContingencyRule&) const = default;
};

// Positions of the scheme's items by id, so that find_code & co. take O(1) instead of a walk
// through the list (the exporter asks for every event's code several times). Not part of the
// scheme's value: it compares equal whatever it holds, and copies or moves along with the
// lists it describes. See Scheme::reindex.
class SchemeIndex {
 public:
  bool operator==(const SchemeIndex&) const { return true; }

 private:
  friend struct Scheme;
  // Open addressing: a power-of-two number of slots, each 0 (empty) or position + 1, probed
  // from the id's hash on. A slot only counts when the item there still has the id.
  class Table {
   public:
    template <typename T>
    void build(const std::vector<T>& items);
    template <typename T>
    const T* find(const std::vector<T>& items, const std::string& id) const;

   private:
    std::vector<std::uint32_t> slots_;
  };
  Table codes_, groups_, subjects_, modifiers_, ratings_;
};

struct Scheme {
  std::string name;
  int version = 1;
  std::string description;
  std::vector<Subject> subjects;
  std::vector<CodeGroup> groups;
  std::vector<Modifier> modifiers;
  std::vector<Code> codes;
  std::vector<RatingScale> ratings;
  std::vector<ContingencyRule> rules;
  // Built by reindex(); the scheme loader does it. Lookups check every answer against the
  // lists, so a scheme built by hand or changed after reindex() still finds the right item
  // (a lookup the index cannot answer walks the list, as without an index).
  SchemeIndex index;

  // The item with that id (ids are unique in a valid scheme), or nullptr.
  const Code* find_code(const std::string& id) const;
  const CodeGroup* find_group(const std::string& id) const;
  const Subject* find_subject(const std::string& id) const;
  const Modifier* find_modifier(const std::string& id) const;
  const RatingScale* find_rating(const std::string& id) const;
  // Records where each id is; call it again after changing the lists to keep lookups O(1).
  void reindex();

  bool operator==(const Scheme&) const = default;
};

const char* to_string(CodeKind kind);
const char* to_string(ModifierKind kind);

// Throws Error(InvalidInput) when `scale_id` is not a rating scale of the scheme or `value`
// lies outside its min..max.
void check_rating(const Scheme& scheme, const std::string& scale_id, int value);

}  // namespace attune
