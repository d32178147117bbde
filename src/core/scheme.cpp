#include "core/scheme.h"

#include <algorithm>

namespace attune {

namespace {
// The indexed position when it still holds the id, else the first item with the id.
template <typename T, typename Positions>
const T* find_by_id(const std::vector<T>& items, const Positions& index, const std::string& id) {
  if (const auto at = index.find(id); at != index.end() && at->second < items.size() && items[at->second].id == id)
    return &items[at->second];
  auto it = std::find_if(items.begin(), items.end(), [&](const T& item) { return item.id == id; });
  return it == items.end() ? nullptr : &*it;
}

template <typename T, typename Positions>
void index_ids(const std::vector<T>& items, Positions& index) {
  index.clear();
  index.reserve(items.size());
  for (std::size_t i = 0; i < items.size(); ++i) index.try_emplace(items[i].id, i);  // the first one wins
}
}  // namespace

const Code* Scheme::find_code(const std::string& id) const { return find_by_id(codes, index.codes_, id); }
const CodeGroup* Scheme::find_group(const std::string& id) const { return find_by_id(groups, index.groups_, id); }
const Subject* Scheme::find_subject(const std::string& id) const {
  return find_by_id(subjects, index.subjects_, id);
}
const Modifier* Scheme::find_modifier(const std::string& id) const {
  return find_by_id(modifiers, index.modifiers_, id);
}
const RatingScale* Scheme::find_rating(const std::string& id) const {
  return find_by_id(ratings, index.ratings_, id);
}

void Scheme::reindex() {
  index_ids(codes, index.codes_);
  index_ids(groups, index.groups_);
  index_ids(subjects, index.subjects_);
  index_ids(modifiers, index.modifiers_);
  index_ids(ratings, index.ratings_);
}

const char* to_string(CodeKind kind) { return kind == CodeKind::State ? "state" : "point"; }

const char* to_string(ModifierKind kind) {
  switch (kind) {
    case ModifierKind::Single: return "single";
    case ModifierKind::Multi: return "multi";
    case ModifierKind::Number: return "number";
  }
  return "single";
}

}  // namespace attune
