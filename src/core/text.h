#pragma once
// What counts as empty text, everywhere: a reason, a comment, a name is "blank" when it has
// nothing but spaces, tabs and line breaks. The window greys a button out by the same rule
// the store refuses the text by.
#include <string>
#include <string_view>

namespace attune {

inline constexpr std::string_view kBlankChars = " \t\r\n\v\f";

inline bool is_blank(std::string_view text) { return text.find_first_not_of(kBlankChars) == std::string_view::npos; }

// The text without blank characters at either end.
inline std::string trimmed(std::string_view text) {
  const auto first = text.find_first_not_of(kBlankChars);
  if (first == std::string_view::npos) return "";
  return std::string(text.substr(first, text.find_last_not_of(kBlankChars) - first + 1));
}

}  // namespace attune
