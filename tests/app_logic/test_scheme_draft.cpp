// The scheme editor's draft (no ImGui): edit operations, references that follow a rename or
// a removal, key clashes as typed, and validation with the CLI's own sentences.
#include <doctest/doctest.h>

#include "app/logic/scheme_draft.h"
#include "core/embedded.h"
#include "scheme/scheme_loader.h"

using namespace attune;

namespace {
constexpr const char* kShipped = "samples/schemes/attachment-core.json";

SchemeDraft shipped_draft() {
  SchemeLoadResult loaded = load_scheme_text(std::string(embedded_file(kShipped)), kShipped);
  REQUIRE(loaded.ok());
  return SchemeDraft(*loaded.scheme);
}

std::size_t index_of(const Scheme& s, const std::string& code) {
  for (std::size_t i = 0; i < s.codes.size(); ++i)
    if (s.codes[i].id == code) return i;
  FAIL("no code " << code);
  return 0;
}
}  // namespace

TEST_CASE("scheme draft: a new code lands in its group with the group's subjects, and the draft knows it changed") {
  SchemeDraft draft = shipped_draft();
  CHECK_FALSE(draft.changed());
  CHECK(draft.valid());
  const std::uint64_t before = draft.revision();
  const std::size_t i = draft.add_code("child_signals");
  CHECK(draft.revision() != before);
  CHECK(draft.changed());
  const Code& code = draft.scheme().codes[i];
  CHECK(code.group == "child_signals");
  CHECK(code.kind == CodeKind::Point);
  CHECK(code.subjects == std::vector<std::string>{"child"});
  CHECK(draft.scheme().codes[i - 1].group == "child_signals");  // after the group's last code
  CHECK(draft.valid());  // a code without a key is fine

  // In an exclusive group a new code is a state, and a second new code gets its own id.
  const std::size_t j = draft.add_code("child_affect");
  CHECK(draft.scheme().codes[j].kind == CodeKind::State);
  CHECK(draft.scheme().codes[j].id == "new_code_2");
}

TEST_CASE("scheme draft: key clashes are found as typed, and validation says what attune-cli scheme validate says") {
  SchemeDraft draft = shipped_draft();
  const std::size_t i = draft.add_code("child_signals");
  draft.edit([&](Scheme& s) { s.codes[i].key = "b"; });  // Bid's key
  CHECK(draft.key_clash("b", SchemeSection::Codes, i) ==
        "Key \"b\" is also used by code Bid; each code and subject needs its own key.");
  CHECK(draft.key_clash("g", SchemeSection::Codes, i).empty());
  CHECK(draft.key_clash("F1", SchemeSection::Codes, i).find("subject Parent") != std::string::npos);
  REQUIRE(draft.key_clashes().size() == 1);
  CHECK(draft.key_clashes().front().key == "b");
  CHECK(draft.key_clashes().front().users.size() == 2);

  // The validator's own sentence, at the field's pointer, the same as for the file.
  CHECK_FALSE(draft.valid());
  const SchemeLoadResult from_file = load_scheme_text(draft.to_json(), "x.json");
  REQUIRE_FALSE(from_file.problems.empty());
  const auto here = draft.problems_at("/codes/" + std::to_string(i));
  REQUIRE(here.size() == 1);
  CHECK(here.front()->message == from_file.problems.front().message);
  CHECK(here.front()->pointer == "/codes/" + std::to_string(i) + "/key");
  CHECK(here.front()->message.find("Key \"b\" is used by both") != std::string::npos);

  draft.edit([&](Scheme& s) { s.codes[i].key = "g"; });
  CHECK(draft.valid());
  CHECK(draft.key_clashes().empty());
  draft.edit([&](Scheme& s) { s.codes[i].key = "gg"; });
  REQUIRE_FALSE(draft.valid());
  CHECK(draft.validation().problems.front().message.find("is not a valid key") != std::string::npos);
}

TEST_CASE("scheme draft: renaming an id carries every reference with it - a taken id is refused") {
  SchemeDraft draft = shipped_draft();
  const std::size_t m = [&] {
    for (std::size_t i = 0; i < draft.scheme().modifiers.size(); ++i)
      if (draft.scheme().modifiers[i].id == "channel") return i;
    FAIL("no channel modifier");
    return std::size_t{0};
  }();
  CHECK(draft.rename(SchemeSection::Modifiers, m, "mode").empty());
  CHECK(draft.scheme().codes[index_of(draft.scheme(), "bid")].modifiers == std::vector<std::string>{"mode"});
  CHECK(draft.valid());

  const std::size_t bid = index_of(draft.scheme(), "bid");
  CHECK(draft.rename(SchemeSection::Codes, bid, "child_bid").empty());
  bool in_rules = false;
  for (const ContingencyRule& r : draft.scheme().rules)
    for (const std::string& id : r.antecedent) in_rules |= id == "child_bid";
  CHECK(in_rules);
  CHECK(draft.valid());
  CHECK(draft.rename(SchemeSection::Codes, bid, "distress") ==
        "The code id \"distress\" is already used; each code needs its own id.");
  CHECK(draft.rename(SchemeSection::Codes, bid, "").find("needs an id") != std::string::npos);
}

TEST_CASE("scheme draft: removing an item removes its references - a group with codes stays") {
  SchemeDraft draft = shipped_draft();
  const std::size_t groups = draft.scheme().groups.size();
  CHECK(draft.remove(SchemeSection::Groups, 0).find("still has") != std::string::npos);
  CHECK(draft.scheme().groups.size() == groups);

  const std::size_t bid = index_of(draft.scheme(), "bid");
  CHECK(draft.remove(SchemeSection::Codes, bid).empty());
  for (const ContingencyRule& r : draft.scheme().rules) {
    for (const std::string& id : r.antecedent) CHECK(id != "bid");
    for (const std::string& id : r.target) CHECK(id != "bid");
  }
  // A new modifier ticked on a code, then removed: the code no longer asks for it.
  const std::size_t m = draft.add_modifier();
  const std::string id = draft.scheme().modifiers[m].id;
  draft.toggle_code_modifier(0, id);
  CHECK(draft.scheme().codes[0].modifiers.back() == id);
  draft.remove(SchemeSection::Modifiers, m);
  for (const std::string& used : draft.scheme().codes[0].modifiers) CHECK(used != id);
}

TEST_CASE("scheme draft: ticking subjects keeps the scheme's order, moving swaps neighbours") {
  SchemeDraft draft = shipped_draft();
  const std::size_t i = draft.add_code("child_signals");
  draft.toggle_code_subject(i, "parent");
  CHECK(draft.scheme().codes[i].subjects == std::vector<std::string>{"parent", "child"});
  draft.toggle_code_subject(i, "child");
  CHECK(draft.scheme().codes[i].subjects == std::vector<std::string>{"parent"});
  const std::string first = draft.scheme().codes[0].id, second = draft.scheme().codes[1].id;
  draft.move(SchemeSection::Codes, 0, +1);
  CHECK(draft.scheme().codes[0].id == second);
  CHECK(draft.scheme().codes[1].id == first);
  draft.move(SchemeSection::Codes, 0, -1);  // nothing above the first
  CHECK(draft.scheme().codes[0].id == second);
}
