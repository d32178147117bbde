#pragma once
// The scheme editor's form for one contingency rule: its type, the antecedent and target
// codes, a target modifier value, the code pairs of affect matching, and its windows in
// seconds (window, merge gap, threshold), each change an edit of the SchemeDraft.
#include <cstddef>
#include <functional>
#include <optional>

#include "app/logic/scheme_draft.h"

namespace attune {

class SchemeRuleForm {
 public:
  void draw(SchemeDraft& draft, std::size_t index);
};

// Shared by the editor's forms: an optional number (a checkbox, then the value shown with
// `format`; ticking it sets `initial`).
void draw_optional_number(SchemeDraft& draft, const char* label, std::optional<double> current,
                          const std::function<std::optional<double>&(Scheme&)>& field, const char* format,
                          double initial);

}  // namespace attune
