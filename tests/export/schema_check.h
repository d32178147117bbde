#pragma once
// Validates an export against schemas/session-export.schema.json with the scheme layer's
// JSON Schema validator; returns the violations as one readable string ("" when valid).
#include <string>

#include <nlohmann/json.hpp>

#include "core/embedded.h"
#include "scheme/json_schema.h"

namespace attune::export_test {

inline const JsonSchema& export_schema() {
  static const JsonSchema schema(nlohmann::json::parse(embedded_file("schemas/session-export.schema.json")));
  return schema;
}

inline std::string schema_violations(const nlohmann::json& document) {
  std::string out;
  for (const SchemaViolation& v : export_schema().validate(document))
    out += (v.pointer.empty() ? "/" : v.pointer) + " [" + v.keyword + "] " + v.message + "\n";
  return out;
}

}  // namespace attune::export_test
