#include <doctest/doctest.h>

#include <string>

#include "scheme/json_positions.h"

using namespace attune;

namespace {

std::string at(std::string_view text, std::string_view pointer) {
  const TextPosition p = locate_json_pointer(text, pointer);
  return std::to_string(p.line) + ":" + std::to_string(p.col);
}

// The sample the pointer tests read; count lines and columns from here by eye.
constexpr std::string_view kDoc = R"({
  "name": "x",
  "codes": [
    { "id": "a", "key": "F1" },
    {"id":"b","tags":["p", "q"]}
  ],
  "a/b": { "c~d": 1, "": true },
  "caf\u00e9": "é", "after": 2,
	"tabbed": null
})";

}  // namespace

TEST_CASE("pointers find where values start") {
  CHECK(at(kDoc, "") == "1:1");
  CHECK(at(kDoc, "/name") == "2:11");
  CHECK(at(kDoc, "/codes") == "3:12");
  CHECK(at(kDoc, "/codes/0") == "4:5");
  CHECK(at(kDoc, "/codes/0/id") == "4:13");
  CHECK(at(kDoc, "/codes/0/key") == "4:25");
  CHECK(at(kDoc, "/codes/1/id") == "5:11");
  CHECK(at(kDoc, "/codes/1/tags/1") == "5:28");
}

TEST_CASE("pointer tokens are unescaped (~1 is /, ~0 is ~) and keys are decoded") {
  CHECK(json_pointer_escape("a/b~c") == "a~1b~0c");
  CHECK(json_pointer_append("/x", "a/b") == "/x/a~1b");
  CHECK(at(kDoc, "/a~1b") == "7:10");
  CHECK(at(kDoc, "/a~1b/c~0d") == "7:19");
  CHECK(at(kDoc, "/a~1b/") == "7:26");  // the empty key
  CHECK(at(kDoc, "/café") == "8:16");   // "caf\u00e9" in the text
}

TEST_CASE("columns count characters, not bytes - a tab is one column") {
  CHECK(at(kDoc, "/after") == "8:30");  // after the two-byte "é"
  CHECK(at(kDoc, "/tabbed") == "9:12");
  CHECK(position_of_offset("é\nab", 0) == TextPosition{1, 1});
  CHECK(position_of_offset("éa", 2) == TextPosition{1, 2});  // byte 2 is "a"
  CHECK(position_of_offset("ab\ncd", 4) == TextPosition{2, 2});
  CHECK(position_of_offset("ab", 99) == TextPosition{1, 3});  // clamped to the end
}

TEST_CASE("a pointer to a missing value falls back to its nearest existing ancestor") {
  CHECK(at(kDoc, "/codes/0/kind") == "4:5");
  CHECK(at(kDoc, "/codes/7/id") == "3:12");
  CHECK(at(kDoc, "/nothing") == "1:1");
  const auto several = locate_json_pointers(kDoc, {"/name", "/codes/1/tags", "/missing/deeper"});
  REQUIRE(several.size() == 3);
  CHECK(several[0] == TextPosition{2, 11});
  CHECK(several[1] == TextPosition{5, 22});
  CHECK(several[2] == TextPosition{1, 1});
}

TEST_CASE("a byte order mark takes no column") {
  const std::string text = "\xEF\xBB\xBF{\"a\": 1}";
  CHECK(at(text, "/a") == "1:7");
  CHECK(position_of_offset(text, 3) == TextPosition{1, 1});
}

TEST_CASE("the last of two equal keys wins, as in the parser, and the repeat is found") {
  constexpr std::string_view text = R"({
  "id": "first",
  "x": { "k": 1, "k": 2, "k": 3 },
  "id": "second"
})";
  CHECK(at(text, "/id") == "4:9");
  CHECK(at(text, "/x/k") == "3:31");
  const auto dups = find_duplicate_keys(text);
  REQUIRE(dups.size() == 3);
  CHECK(dups[0].pointer == "/x/k");
  CHECK(dups[0].key == "k");
  CHECK(dups[0].position == TextPosition{3, 18});
  CHECK(dups[1].position == TextPosition{3, 26});
  CHECK(dups[2].pointer == "/id");
  CHECK(dups[2].position == TextPosition{4, 3});
  CHECK(find_duplicate_keys(kDoc).empty());
}

TEST_CASE("excess nesting is found in any text, ignoring brackets inside strings") {
  CHECK_FALSE(find_excess_nesting("[[[]]]", 3).has_value());
  CHECK(find_excess_nesting("[[[[]]]]", 3) == TextPosition{1, 4});
  CHECK_FALSE(find_excess_nesting(R"(["[[[[", "\"[[[["])", 1).has_value());
  CHECK(find_excess_nesting("{\n \"a\": [\n  {\"b\": [", 3) == TextPosition{3, 9});
  CHECK(find_excess_nesting("]]]][[", 1) == TextPosition{1, 6});  // stray closers do not go below zero
  const std::string deep(200000, '[');
  CHECK(find_excess_nesting(deep, 64) == TextPosition{1, 65});
}

TEST_CASE("the scanner survives very deep input and stops descending at max_depth") {
  const std::string deep = "{\"a\": " + std::string(100000, '[') + std::string(100000, ']') + ", \"b\": 1}";
  CHECK(at(deep, "/b") == "1:200014");
  CHECK(locate_json_pointers(deep, {"/a/0/0"}, 2)[0] == TextPosition{1, 8});  // not descended: the ancestor
}
