// The scheme reference for users (docs/scheme-reference.md) is written by hand; this test
// keeps it from drifting from the schema: every key the schema defines, and every value of
// an enumeration, must be named in it.
#include <doctest/doctest.h>

#include <algorithm>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <vector>

namespace {

std::string read_source_file(const std::string& relative) {
  std::ifstream in(std::string(ATTUNE_SOURCE_DIR) + "/" + relative, std::ios::binary);
  REQUIRE_MESSAGE(in, "cannot read " << relative);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

// "`prefix.key`" for every property (nested ones as prefix.key.sub), and each enum value.
void collect(const nlohmann::json& schema, const std::string& prefix, std::vector<std::string>& keys,
             std::vector<std::string>& enum_values) {
  if (!schema.is_object() || !schema.contains("properties")) return;
  for (const auto& [key, property] : schema["properties"].items()) {
    const std::string name = prefix.empty() ? key : prefix + "." + key;
    keys.push_back(name);
    if (property.contains("enum"))
      for (const auto& value : property["enum"]) enum_values.push_back(value.get<std::string>());
    collect(property, name, keys, enum_values);
  }
}

bool names(const std::string& doc, const std::string& word) {
  return doc.find("`" + word + "`") != std::string::npos || doc.find("`\"" + word + "\"`") != std::string::npos;
}

}  // namespace

TEST_CASE("the scheme reference in docs/ names every key and enumerated value of the schema") {
  const auto schema = nlohmann::json::parse(read_source_file("schemas/coding-scheme.schema.json"));
  const std::string doc = read_source_file("docs/scheme-reference.md");
  std::vector<std::string> keys, enum_values;
  collect(schema, "", keys, enum_values);
  for (const auto& [definition, body] : schema["$defs"].items()) collect(body, definition, keys, enum_values);
  // The schema really was walked: top level, definitions and a nested object.
  REQUIRE(keys.size() > 40);
  CHECK(std::find(keys.begin(), keys.end(), "rule.target_modifier.value") != keys.end());
  for (const std::string& key : keys) CHECK_MESSAGE(names(doc, key), "docs/scheme-reference.md does not name `" << key << "`");
  for (const std::string& value : enum_values)
    CHECK_MESSAGE(names(doc, value), "docs/scheme-reference.md does not name the value `" << value << "`");
}
