#pragma once
// Internal to the scheme layer: the rules of a scheme file that span several entries and
// so cannot be written in the JSON Schema (unique ids and keys, references, exclusive
// groups, the episode group, ranges, what each rule type needs).
#include <string>
#include <vector>

#include <nlohmann/json_fwd.hpp>

namespace attune::scheme_detail {

struct Finding {
  std::string pointer;
  std::string message;
};

// Runs on any parsed document, also one that failed the schema: values of the wrong type
// or missing values are skipped (the schema reports them), so this never throws on them.
std::vector<Finding> check_scheme_semantics(const nlohmann::json& doc);

// What is allowed but unwise: subject and code keys that desktops commonly take for
// themselves (F10 menu, F11 full screen, F12 drop-down terminal), so a press may never
// reach the window. Warnings only: schemes already stored with such keys still load.
std::vector<Finding> check_scheme_warnings(const nlohmann::json& doc);

}  // namespace attune::scheme_detail
