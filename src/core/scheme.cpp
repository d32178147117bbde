#include "core/scheme.h"

#include <algorithm>
#include <cstdint>

#include "core/error.h"

namespace attune {

namespace {

// FNV-1a: ids are short, and this inlines where std::hash calls out.
std::uint64_t id_hash(const std::string& id) {
  std::uint64_t h = 14695981039346656037ull;
  for (const char c : id) h = (h ^ static_cast<unsigned char>(c)) * 1099511628211ull;
  return h;
}

template <typename T>
const T* first_with_id(const std::vector<T>& items, const std::string& id) {
  auto it = std::find_if(items.begin(), items.end(), [&](const T& item) { return item.id == id; });
  return it == items.end() ? nullptr : &*it;
}

}  // namespace

template <typename T>
void SchemeIndex::Table::build(const std::vector<T>& items) {
  slots_.clear();
  if (items.size() >= UINT32_MAX / 4) return;  // no index: lookups walk the list
  std::size_t size = 8;
  while (size < 2 * items.size()) size *= 2;  // at most half full
  slots_.assign(size, 0);
  const std::size_t mask = size - 1;
  for (std::size_t pos = 0; pos < items.size(); ++pos) {
    std::size_t i = id_hash(items[pos].id) & mask;
    bool taken = false;  // a repeated id keeps its first position, as the walk would find
    for (; slots_[i] != 0; i = (i + 1) & mask)
      if (items[slots_[i] - 1].id == items[pos].id) taken = true;
    if (!taken) slots_[i] = static_cast<std::uint32_t>(pos + 1);
  }
}

// The indexed position when it still holds the id; otherwise (no index, or the lists changed
// since it was built) the first item with the id.
template <typename T>
const T* SchemeIndex::Table::find(const std::vector<T>& items, const std::string& id) const {
  if (!slots_.empty()) {
    const std::size_t mask = slots_.size() - 1;
    for (std::size_t i = id_hash(id) & mask; slots_[i] != 0; i = (i + 1) & mask) {
      const std::size_t pos = slots_[i] - 1;
      if (pos < items.size() && items[pos].id == id) return &items[pos];
    }
  }
  return first_with_id(items, id);
}

const Code* Scheme::find_code(const std::string& id) const { return index.codes_.find(codes, id); }
const CodeGroup* Scheme::find_group(const std::string& id) const { return index.groups_.find(groups, id); }
const Subject* Scheme::find_subject(const std::string& id) const { return index.subjects_.find(subjects, id); }
const Modifier* Scheme::find_modifier(const std::string& id) const { return index.modifiers_.find(modifiers, id); }
const RatingScale* Scheme::find_rating(const std::string& id) const { return index.ratings_.find(ratings, id); }

void Scheme::reindex() {
  index.codes_.build(codes);
  index.groups_.build(groups);
  index.subjects_.build(subjects);
  index.modifiers_.build(modifiers);
  index.ratings_.build(ratings);
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
