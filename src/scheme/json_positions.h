#pragma once
// Line and column of JSON values in the text they came from. nlohmann::json keeps no
// positions, so problems found on the parsed document (schema or semantic) are placed by
// scanning the text once more for the JSON pointers they name.
//
// Lines and columns are 1-based; a column counts characters (UTF-8 code points), so a tab
// or an "é" is one column, as most editors show it. Only "\n" ends a line.
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace attune {

struct TextPosition {
  int line = 1;
  int col = 1;
  friend bool operator==(const TextPosition&, const TextPosition&) = default;
};

// RFC 6901: one reference token, "~" written as "~0" and "/" as "~1".
std::string json_pointer_escape(std::string_view token);
// `base` + "/" + the escaped token.
std::string json_pointer_append(std::string_view base, std::string_view token);

// The position of the byte at `offset` (clamped to the end of the text).
TextPosition position_of_offset(std::string_view text, std::size_t offset);

// For each pointer, where its value starts in `text` (a well-formed JSON document: run the
// parser first). A pointer that names no value, such as a missing required key, gets the
// position of its nearest existing ancestor, so "missing key" points at the object. The
// scan does not descend below max_depth levels of nesting.
std::vector<TextPosition> locate_json_pointers(std::string_view text, const std::vector<std::string>& pointers,
                                               int max_depth = 256);
TextPosition locate_json_pointer(std::string_view text, std::string_view pointer);

// A member whose key repeats an earlier key of the same object (the parser keeps only the
// last one, so the earlier value would be silently lost).
struct DuplicateKey {
  std::string pointer;    // pointer of the repeated member
  std::string key;        // the key as decoded
  TextPosition position;  // where its key is written
};
std::vector<DuplicateKey> find_duplicate_keys(std::string_view text, int max_depth = 256);

// An array or object (outside strings) holding more than a given number of items or members.
struct OversizedContainer {
  std::string pointer;    // its JSON pointer (long keys cut short)
  TextPosition position;  // where its "[" or "{" is
  std::size_t items = 0;  // how many it holds
};
// The first such container to close. One pass over any text (malformed too; a container
// never closed is not reported), memory in proportion to the nesting depth only.
std::optional<OversizedContainer> find_oversized_container(std::string_view text, std::size_t max_items);

// The first "[" or "{" (outside strings) that opens a level deeper than max_depth, if any.
// Works on any text, well-formed or not, without recursion.
std::optional<TextPosition> find_excess_nesting(std::string_view text, int max_depth);

}  // namespace attune
