#include <doctest/doctest.h>

#include <string>

#include <nlohmann/json.hpp>

#include "core/embedded.h"
#include "core/error.h"
#include "scheme/json_schema.h"

using namespace attune;
using nlohmann::json;

namespace {

// "pointer: message" per violation, one per line, in the validator's order.
std::string check(const char* schema, const char* instance) {
  std::string out;
  for (const SchemaViolation& v : JsonSchema(json::parse(schema)).validate(json::parse(instance)))
    out += (v.pointer.empty() ? "/" : v.pointer) + ": " + v.message + "\n";
  return out;
}

}  // namespace

TEST_CASE("the embedded scheme schema is within the supported subset") {
  const std::string_view text = embedded_file("schemas/coding-scheme.schema.json");
  REQUIRE(!text.empty());
  CHECK_NOTHROW(JsonSchema(json::parse(text)));
}

TEST_CASE("type") {
  CHECK(check(R"({"type": "string"})", R"("x")") == "");
  CHECK(check(R"({"type": "string"})", "5") == "/: Expected a string but found 5.\n");
  CHECK(check(R"({"type": "integer"})", "2") == "");
  CHECK(check(R"({"type": "integer"})", "2.0") == "");  // JSON Schema: 2.0 is an integer
  CHECK(check(R"({"type": "integer"})", "2.5") == "/: Expected a whole number but found 2.5.\n");
  CHECK(check(R"({"type": "number"})", "true") == "/: Expected a number but found true.\n");
  CHECK(check(R"({"type": "boolean"})", R"("yes")") == "/: Expected true or false but found \"yes\".\n");
  CHECK(check(R"({"type": "object"})", "[]") == "/: Expected an object but found an array.\n");
  CHECK(check(R"({"type": "array"})", "{}") == "/: Expected an array but found an object.\n");
  CHECK(check(R"({"type": ["string", "null"]})", "null") == "");
  CHECK(check(R"({"type": ["string", "null"]})", "1") == "/: Expected a string or null but found 1.\n");
  // A wrong type stops the other keywords of that value (they would repeat the mistake).
  CHECK(check(R"({"type": "string", "minLength": 3, "enum": ["abc"]})", "1") == "/: Expected a string but found 1.\n");
}

TEST_CASE("enum and const") {
  CHECK(check(R"({"enum": ["a", "b", "c"]})", R"("b")") == "");
  CHECK(check(R"({"enum": ["a", "b", "c"]})", R"("d")") ==
        "/: \"d\" is not one of the allowed values: \"a\", \"b\" or \"c\".\n");
  CHECK(check(R"({"enum": ["episode"]})", R"("x")") == "/: Expected \"episode\" but found \"x\".\n");
  CHECK(check(R"({"enum": [1, 2]})", "1.0") == "");  // numbers compare by value
  CHECK(check(R"({"const": {"a": 1}})", R"({"a": 1})") == "");
  CHECK(check(R"({"const": 3})", "[3]") == "/: Expected 3 but found an array.\n");
}

TEST_CASE("strings: length in characters, pattern, errorMessage") {
  CHECK(check(R"({"minLength": 1})", R"("")") == "/: Must not be empty.\n");
  CHECK(check(R"({"minLength": 3})", R"("ab")") == "/: Must be at least 3 characters long.\n");
  CHECK(check(R"({"maxLength": 3})", R"("abcd")") == "/: Must be at most 3 characters long (it has 4).\n");
  CHECK(check(R"({"maxLength": 3})", R"("été")") == "");  // 3 characters, 5 bytes
  CHECK(check(R"({"pattern": "^[a-z]+$"})", R"("abc")") == "");
  CHECK(check(R"({"pattern": "b"})", R"("abc")") == "");  // not anchored unless the pattern says so
  CHECK(check(R"({"pattern": "^[a-z]+$"})", R"("aBc")") == "/: \"aBc\" does not match the pattern ^[a-z]+$.\n");
  CHECK(check(R"({"pattern": "^[a-z]+$", "errorMessage": {"pattern": "Lower case only, not ${0} (${0})."}})",
              R"("X")") == "/: Lower case only, not \"X\" (\"X\").\n");
  // A failed length skips the pattern.
  CHECK(check(R"({"maxLength": 2, "pattern": "^a+$"})", R"("bbb")") ==
        "/: Must be at most 2 characters long (it has 3).\n");
  // Keywords for other types are ignored.
  CHECK(check(R"({"minLength": 2, "minimum": 5, "required": ["a"]})", "[]") == "");
}

TEST_CASE("a pattern is never run on a very long string") {
  const std::string long_text = "\"" + std::string(kMaxPatternInput + 1, 'a') + "\"";
  CHECK(check(R"({"pattern": "^a*$"})", long_text.c_str()) == "/: Too long to check (more than 4096 bytes).\n");
  const std::string ok_text = "\"" + std::string(kMaxPatternInput, 'a') + "\"";
  CHECK(check(R"({"pattern": "^[^,]*$"})", ok_text.c_str()) == "");
}

TEST_CASE("numbers") {
  CHECK(check(R"({"minimum": 0, "maximum": 10})", "10") == "");
  CHECK(check(R"({"minimum": 0})", "-0.5") == "/: Must be at least 0 (found -0.5).\n");
  CHECK(check(R"({"maximum": 10})", "11") == "/: Must be at most 10 (found 11).\n");
}

TEST_CASE("objects: required, properties, patternProperties, additionalProperties") {
  const char* schema = R"({
    "type": "object", "required": ["id", "name"],
    "properties": {"id": {"type": "string"}, "name": {"type": "string"}},
    "patternProperties": {"^x-": true},
    "additionalProperties": false})";
  CHECK(check(schema, R"({"id": "a", "name": "b", "x-note": 5})") == "");
  CHECK(check(schema, R"({"id": 1})") == "/: Missing required key \"name\".\n/id: Expected a string but found 1.\n");
  CHECK(check(schema, R"({"id": "a", "name": "b", "nmae": "c"})") ==
        "/nmae: Unknown key \"nmae\"; the allowed keys are id and name (and keys matching ^x-).\n");
  CHECK(check(R"({"additionalProperties": {"type": "number"}})", R"({"a": 1, "b": "2"})") ==
        "/b: Expected a number but found \"2\".\n");
  CHECK(check(R"({"patternProperties": {"^[0-9]+$": {"type": "string"}}, "additionalProperties": false})",
              R"({"1": "one", "2": 2, "x": "?"})") == "/2: Expected a string but found 2.\n/x: Unknown key \"x\".\n");
  // Pointers escape "~" and "/" (RFC 6901).
  CHECK(check(R"({"additionalProperties": false})", R"({"a/b~c": 1})") == "/a~1b~0c: Unknown key \"a/b~c\".\n");
}

TEST_CASE("arrays: minItems, maxItems, items, prefixItems, uniqueItems") {
  CHECK(check(R"({"minItems": 1})", "[]") == "/: Must not be empty.\n");
  CHECK(check(R"({"minItems": 2})", "[1]") == "/: Must have at least 2 items (found 1).\n");
  CHECK(check(R"({"maxItems": 1})", "[1, 2]") == "/: Must have at most 1 items (found 2).\n");
  CHECK(check(R"({"items": {"type": "string"}})", R"(["a", 2, "c", null])") ==
        "/1: Expected a string but found 2.\n/3: Expected a string but found null.\n");
  const char* pair = R"({"prefixItems": [{"type": "string"}, {"type": "number"}], "items": false})";
  CHECK(check(pair, R"(["a", 1])") == "");
  CHECK(check(pair, R"([1, "a", true])") ==
        "/0: Expected a string but found 1.\n/1: Expected a number but found \"a\".\n"
        "/2: Unexpected item: at most 2 items are allowed here.\n");
  CHECK(check(R"({"uniqueItems": true})", R"(["a", "b", "a", 1, 1.0, {"k": [1]}, {"k": [1]}])") ==
        "/2: \"a\" is listed twice (first as item 0).\n/4: 1.0 is listed twice (first as item 3).\n"
        "/6: {\"k\":[1]} is listed twice (first as item 5).\n");
}

TEST_CASE("$ref, $defs and boolean schemas") {
  const char* schema = R"({
    "$defs": {"id": {"type": "string", "minLength": 1}, "ids": {"type": "array", "items": {"$ref": "#/$defs/id"}}},
    "properties": {"a": {"$ref": "#/$defs/ids"}, "never": false}})";
  CHECK(check(schema, R"({"a": ["x", "", 3]})") == "/a/1: Must not be empty.\n/a/2: Expected a string but found 3.\n");
  CHECK(check(schema, R"({"never": null})") == "/never: No value is allowed here.\n");
  CHECK(check("true", "[1]") == "");
  CHECK(check("false", "1") == "/: No value is allowed here.\n");
  // A reference loop that never moves into the value stops instead of recursing forever.
  CHECK(check(R"({"$defs": {"a": {"$ref": "#/$defs/a"}}, "$ref": "#/$defs/a"})", "1") ==
        "/: The schema refers to itself too often to check this value.\n");
}

TEST_CASE("every violation is reported, not just the first") {
  const char* schema = R"({"type": "array", "items": {"type": "object", "required": ["id"],
    "properties": {"id": {"type": "string", "pattern": "^[a-z]+$"}, "n": {"minimum": 0}},
    "additionalProperties": false}})";
  CHECK(check(schema, R"([{"id": "A", "n": -1}, {"extra": 1}, 5])") ==
        "/0/id: \"A\" does not match the pattern ^[a-z]+$.\n/0/n: Must be at least 0 (found -1).\n"
        "/1: Missing required key \"id\".\n/1/extra: Unknown key \"extra\"; the allowed keys are id and n.\n"
        "/2: Expected an object but found 5.\n");
}

TEST_CASE("long values are shortened in sentences") {
  const std::string value = "\"" + std::string(100, 'x') + "\"";
  const std::string message = check(R"({"enum": ["a"]})", value.c_str());
  CHECK(message == "/: Expected \"a\" but found \"" + std::string(56, 'x') + "….\n");
}

TEST_CASE("schemas outside the subset are refused at construction") {
  auto refused = [](const char* schema) {
    try {
      JsonSchema s(json::parse(schema));
    } catch (const Error& e) {
      CHECK(e.kind() == ErrorKind::InvalidInput);
      return std::string(e.what());
    }
    return std::string("accepted");
  };
  CHECK(refused(R"({"properties": {"a": {"oneOf": []}}})") ==
        "JSON Schema at /properties/a/oneOf: keyword \"oneOf\" is not supported by Attune's validator");
  CHECK(refused(R"({"$ref": "#/$defs/missing"})") == "JSON Schema at /$ref: #/$defs/missing does not resolve");
  CHECK(refused(R"({"$ref": "other.json#/a"})") ==
        "JSON Schema at /$ref: only references inside this document (#/...) are supported");
  CHECK(refused(R"({"pattern": "(["})") == "JSON Schema at /pattern: the pattern does not compile");
  CHECK(refused(R"({"type": "text"})") == "JSON Schema at /type: unknown type");
  CHECK(refused(R"({"minLength": -1})") == "JSON Schema at /minLength: expected a non-negative integer");
  CHECK(refused("3") == "JSON Schema at /: a schema must be an object or true/false");
  CHECK(refused(R"({"title": "t", "description": "d", "$comment": "c", "default": 1, "examples": []})") == "accepted");
}
