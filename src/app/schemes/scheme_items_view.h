#pragma once
// The scheme editor's lists and forms (File → Schemes…): for one section of the draft
// (subjects, groups, modifiers, codes, rating scales, rules) the items on the left with
// Add / Delete / Up / Down, and the chosen item's fields on the right, each change an edit
// of the SchemeDraft; under the fields the validator's sentences about that item, and a key
// that another code or subject already has is said as it is typed. The rules' form is in
// SchemeRuleForm.
#include <array>
#include <cstddef>
#include <string>

#include "app/logic/scheme_draft.h"
#include "app/schemes/scheme_rule_form.h"

namespace attune {

class SchemeItemsView {
 public:
  void draw(SchemeDraft& draft, SchemeSection section);

  // The item chosen in each section (an index into its list).
  std::size_t& selected(SchemeSection section) { return selected_[static_cast<std::size_t>(section)]; }
  // What the last Delete or rename refused ("" when nothing).
  const std::string& refusal() const { return refusal_; }

 private:
  void draw_list(SchemeDraft& draft, SchemeSection section);
  void draw_form(SchemeDraft& draft, SchemeSection section, std::size_t index);
  void draw_subject(SchemeDraft& draft, std::size_t i);
  void draw_group(SchemeDraft& draft, std::size_t i);
  void draw_modifier(SchemeDraft& draft, std::size_t i);
  void draw_code(SchemeDraft& draft, std::size_t i);
  void draw_rating(SchemeDraft& draft, std::size_t i);
  // The id field: the new id is applied when the field is left (Enter, Tab or a click
  // elsewhere), with every reference following it.
  void draw_id(SchemeDraft& draft, SchemeSection section, std::size_t i, const std::string& id);
  void draw_key(SchemeDraft& draft, SchemeSection section, std::size_t i, const std::string& key);

  std::array<std::size_t, 6> selected_{};
  std::string id_edit_;  // the id being typed (applied when the field is left)
  bool id_active_ = false;
  std::string refusal_;
  SchemeRuleForm rule_form_;
};

}  // namespace attune
