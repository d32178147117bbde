#include "store/modifier_text.h"

#include <optional>

#include <nlohmann/json.hpp>

namespace attune::store_detail {

namespace {

// The compact form with printable ASCII strings without escapes, or nullopt for anything else.
std::optional<ModifierValues> plain_object(std::string_view t) {
  const std::size_t n = t.size();
  std::size_t i = 0;
  // A string between quotes holding no '\\', control character or byte >= 0x80.
  auto plain_string = [&](std::string_view& out) {
    if (i >= n || t[i] != '"') return false;
    const std::size_t from = ++i;
    for (; i < n; ++i) {
      const auto c = static_cast<unsigned char>(t[i]);
      if (c == '"') break;
      if (c < 0x20 || c == '\\' || c >= 0x80) return false;
    }
    if (i >= n) return false;
    out = t.substr(from, i - from);
    ++i;
    return true;
  };
  if (n < 2 || t[i++] != '{') return std::nullopt;
  ModifierValues values;
  if (t[i] == '}') return n == 2 ? std::optional(std::move(values)) : std::nullopt;
  while (true) {
    std::string_view key, value;
    if (!plain_string(key) || i >= n || t[i++] != ':' || !plain_string(value)) return std::nullopt;
    if (!values.try_emplace(std::string(key), value).second) return std::nullopt;  // repeated: nlohmann decides
    if (i >= n) return std::nullopt;
    const char c = t[i++];
    if (c == '}') return i == n ? std::optional(std::move(values)) : std::nullopt;
    if (c != ',') return std::nullopt;
  }
}

}  // namespace

ModifierValues modifiers_from_text(std::string_view text) {
  if (std::optional<ModifierValues> plain = plain_object(text)) return std::move(*plain);
  return nlohmann::json::parse(text.begin(), text.end()).get<ModifierValues>();
}

}  // namespace attune::store_detail
