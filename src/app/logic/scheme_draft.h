#pragma once
// A coding scheme being edited in the window (File → Schemes…): a copy of a stored scheme,
// the edit operations a clinician makes (add a code or a modifier, change a key, rename an
// id with every reference following it), key clashes as they are typed, and validation by
// the same code as `attune-cli scheme validate` (src/scheme), so the messages are the same.
// Saving is not done here: the draft is handed to the store (store/scheme_versions.h),
// which stores it as the next version of its name. No ImGui here.
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "core/scheme.h"
#include "scheme/scheme_loader.h"
#include "store/store.h"

namespace attune {

// The lists of a scheme, in the order of the file.
enum class SchemeSection { Subjects, Groups, Modifiers, Codes, Ratings, Rules };
const char* section_key(SchemeSection section);  // "codes": the JSON key, as problems name it

// One key of the keyboard and who uses it (subjects and codes share the keyboard).
struct KeyUse {
  SchemeSection section = SchemeSection::Codes;  // Subjects or Codes
  std::size_t index = 0;
  std::string who;  // "code Bid", "subject Parent"
};
struct KeyClash {
  std::string key;
  std::vector<KeyUse> users;  // two or more
};

class SchemeDraft {
 public:
  SchemeDraft() = default;
  // Starts from a scheme (a stored version, already valid).
  explicit SchemeDraft(Scheme base);
  // Starts from a stored row; nullopt when its JSON does not load (`why` says so).
  static std::optional<SchemeDraft> from_row(const SchemeRow& row, std::string* why = nullptr);

  const Scheme& scheme() const { return scheme_; }
  const Scheme& base() const { return base_; }
  // Changes with every edit (views cache what they derive from the draft by it).
  std::uint64_t revision() const { return revision_; }
  // Whether the draft differs from the scheme it started from.
  bool changed() const { return scheme_ != base_; }

  // Any change of field values (a name, a key, a colour …); ids are changed with rename().
  void edit(const std::function<void(Scheme&)>& change);

  // New items with a fresh id ("new_code", "new_code_2" …); each returns the new index.
  std::size_t add_subject();
  std::size_t add_group();
  std::size_t add_modifier();
  // In `group` (its first group when ""), a state when the group is exclusive; it takes the
  // subjects of the group's last code.
  std::size_t add_code(const std::string& group = "");
  std::size_t add_rating();
  std::size_t add_rule();
  // Removes an item and every reference to it (a subject from its codes, a modifier from its
  // codes and rules, a code from the rules). A group that still has codes is not removed:
  // the sentence says so ("" when it was removed).
  std::string remove(SchemeSection section, std::size_t index);
  // Moves an item up (-1) or down (+1) in its list (the pad shows codes in this order).
  void move(SchemeSection section, std::size_t index, int delta);
  // Gives an item a new id; every reference follows (a code's group, subjects and
  // modifiers, the rules' codes and modifier). "" when done, else why not (empty, taken).
  std::string rename(SchemeSection section, std::size_t index, const std::string& new_id);
  // Adds or removes one id in a code's subjects or modifiers.
  void toggle_code_subject(std::size_t code, const std::string& subject);
  void toggle_code_modifier(std::size_t code, const std::string& modifier);

  // What `attune-cli scheme validate` says about the draft (cached per revision). Problems
  // carry the JSON pointer of the field ("/codes/3/key"); line and column are those of the
  // draft's canonical JSON (to_json()).
  const SchemeLoadResult& validation() const;
  bool valid() const { return validation().ok(); }
  // The problems (and warnings) whose pointer lies under `pointer` ("/codes/3").
  std::vector<const SchemeProblem*> problems_at(const std::string& pointer) const;

  // Keys used more than once, as the user types (cached per revision).
  const std::vector<KeyClash>& key_clashes() const;
  // Who else uses `key` than the item at (section, index): "" when nobody, else one
  // sentence ("F1 is also subject Parent's key"). Ignores the item itself.
  std::string key_clash(const std::string& key, SchemeSection section, std::size_t index) const;

  // The canonical JSON of the draft as it is (scheme_to_json).
  std::string to_json() const { return scheme_to_json(scheme_); }

 private:
  void touched();
  std::string unique_id(SchemeSection section, const std::string& stem) const;
  bool id_taken(SchemeSection section, const std::string& id) const;

  Scheme base_, scheme_;
  std::uint64_t revision_ = 0;
  mutable std::optional<std::uint64_t> validated_at_, clashes_at_;
  mutable SchemeLoadResult validation_;
  mutable std::vector<KeyClash> clashes_;
};

// Display name of an item for messages ("code Bid").
std::string describe_item(const Scheme& scheme, SchemeSection section, std::size_t index);

}  // namespace attune
