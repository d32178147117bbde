#pragma once
// A small, hand-written JSON Schema validator. Debian ships no JSON Schema library for
// C++, and the scheme file needs only a subset of draft 2020-12, so this is that subset
// and nothing more:
//
//   type (a name or a list of names), enum, const, required, properties,
//   patternProperties, additionalProperties, pattern, minLength, maxLength (counted in
//   characters), minimum, maximum, minItems, maxItems, items, prefixItems, uniqueItems,
//   $ref to "#/..." inside the same document, $defs, and boolean schemas (true / false).
//
// Annotations ($schema, $id, $comment, title, description, default, examples) are
// accepted and ignored. `errorMessage` (the ajv-errors convention) may map a keyword to
// the sentence shown when that keyword fails; "${0}" in it stands for the offending value.
// Any other keyword is refused when the schema is constructed, so a schema never silently
// relies on a rule this validator does not check.
//
// validate() reports every violation, not just the first, each with the JSON pointer
// (RFC 6901) of the offending value. When a value has the wrong type, its other keywords
// are not checked (they would only repeat the same mistake). When a string fails
// minLength or maxLength, its pattern is not checked.
#include <memory>
#include <string>
#include <vector>

#include <nlohmann/json_fwd.hpp>

namespace attune {

struct SchemaViolation {
  std::string pointer;  // where in the instance ("" is the whole document)
  std::string keyword;  // the schema keyword that failed ("type", "required", …)
  std::string message;  // one plain sentence
};

class JsonSchema {
 public:
  // Throws attune::Error(InvalidInput) when `schema` uses a keyword outside the subset,
  // has a $ref that does not resolve, or a pattern std::regex cannot compile.
  explicit JsonSchema(const nlohmann::json& schema);
  ~JsonSchema();
  JsonSchema(JsonSchema&&) noexcept;
  JsonSchema& operator=(JsonSchema&&) noexcept;

  std::vector<SchemaViolation> validate(const nlohmann::json& instance) const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

// Strings longer than this (in bytes) are not matched against a `pattern` (std::regex
// recurses per character); they are reported as too long to check instead.
inline constexpr std::size_t kMaxPatternInput = 4096;

}  // namespace attune
