#include "core/scheme.h"

#include <algorithm>

#include "core/error.h"

namespace attune {

namespace {
template <typename T>
const T* find_by_id(const std::vector<T>& items, const std::string& id) {
  auto it = std::find_if(items.begin(), items.end(), [&](const T& item) { return item.id == id; });
  return it == items.end() ? nullptr : &*it;
}
}  // namespace

const Code* Scheme::find_code(const std::string& id) const { return find_by_id(codes, id); }
const CodeGroup* Scheme::find_group(const std::string& id) const { return find_by_id(groups, id); }
const Subject* Scheme::find_subject(const std::string& id) const { return find_by_id(subjects, id); }
const Modifier* Scheme::find_modifier(const std::string& id) const { return find_by_id(modifiers, id); }
const RatingScale* Scheme::find_rating(const std::string& id) const { return find_by_id(ratings, id); }

const char* to_string(CodeKind kind) { return kind == CodeKind::State ? "state" : "point"; }

const char* to_string(ModifierKind kind) {
  switch (kind) {
    case ModifierKind::Single: return "single";
    case ModifierKind::Multi: return "multi";
    case ModifierKind::Number: return "number";
  }
  return "single";
}

void check_rating(const Scheme& scheme, const std::string& scale_id, int value) {
  const RatingScale* scale = scheme.find_rating(scale_id);
  if (!scale)
    throw Error(ErrorKind::InvalidInput, "'" + scale_id + "' is not a global rating of scheme '" + scheme.name + "'.");
  if (value < scale->min || value > scale->max)
    throw Error(ErrorKind::InvalidInput, "A " + scale->name + " rating of " + std::to_string(value) +
                                             " is out of range; use a whole number from " + std::to_string(scale->min) +
                                             " to " + std::to_string(scale->max) + ".");
}

}  // namespace attune
