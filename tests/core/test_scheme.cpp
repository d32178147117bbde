#include <doctest/doctest.h>

#include "core/scheme.h"
#include "fixture.h"

using namespace attune;

TEST_CASE("lookups by id find the same items with and without the index") {
  Scheme plain = *test::small_scheme();
  Scheme indexed = plain;
  indexed.reindex();
  CHECK(indexed == plain);  // the index is not part of the scheme's value
  for (const Scheme* s : {&plain, &indexed}) {
    for (const Code& c : s->codes) CHECK(s->find_code(c.id) == &c);
    for (const CodeGroup& g : s->groups) CHECK(s->find_group(g.id) == &g);
    for (const Subject& x : s->subjects) CHECK(s->find_subject(x.id) == &x);
    for (const Modifier& m : s->modifiers) CHECK(s->find_modifier(m.id) == &m);
    for (const RatingScale& r : s->ratings) CHECK(s->find_rating(r.id) == &r);
    CHECK(s->find_code("NoSuchCode") == nullptr);
    CHECK(s->find_code("") == nullptr);
    CHECK(s->find_group("NoSuchGroup") == nullptr);
    CHECK(s->find_subject("nobody") == nullptr);
    CHECK(s->find_modifier("none") == nullptr);
    CHECK(s->find_rating("none") == nullptr);
  }
}

TEST_CASE("a copy of an indexed scheme finds its own items") {
  Scheme original = *test::small_scheme();
  original.reindex();
  const Scheme copy = original;
  for (const Code& c : copy.codes) CHECK(copy.find_code(c.id) == &c);
  const Scheme moved = std::move(original);
  for (const Code& c : moved.codes) CHECK(moved.find_code(c.id) == &c);
}

TEST_CASE("lookups stay right when the lists change after reindex") {
  Scheme s = *test::small_scheme();
  s.reindex();
  SUBCASE("an item added") {
    s.modifiers.push_back({"mood", "Mood", ModifierKind::Single, {"calm", "upset"}, {}, {}});
    REQUIRE(s.find_modifier("mood") != nullptr);
    CHECK(s.find_modifier("mood") == &s.modifiers.back());
    CHECK(s.find_modifier("channel") == &s.modifiers[1]);
  }
  SUBCASE("an item renamed") {
    const std::string old_id = s.codes[2].id;
    s.codes[2].id = "Renamed";
    CHECK(s.find_code(old_id) == nullptr);
    CHECK(s.find_code("Renamed") == &s.codes[2]);
  }
  SUBCASE("items removed and reordered") {
    const std::string first = s.codes.front().id, last = s.codes.back().id;
    std::swap(s.codes.front(), s.codes.back());
    s.codes.erase(s.codes.begin() + 1);
    CHECK(s.find_code(first) == &s.codes.back());
    CHECK(s.find_code(last) == &s.codes.front());
    s.codes.clear();
    CHECK(s.find_code(first) == nullptr);
  }
  SUBCASE("reindex again") {
    s.groups.insert(s.groups.begin(), CodeGroup{"new_group", "New", false, false, ""});
    s.reindex();
    for (const CodeGroup& g : s.groups) CHECK(s.find_group(g.id) == &g);
  }
}

TEST_CASE("a large scheme is indexed whole, and a repeated id finds its first item, as the walk does") {
  Scheme s;
  for (int i = 0; i < 1000; ++i) {
    Code c;
    c.id = "code_" + std::to_string(i);
    s.codes.push_back(c);
  }
  Code again;
  again.id = "code_7";
  again.name = "second";
  s.codes.push_back(again);
  s.reindex();
  for (std::size_t i = 0; i < 1000; ++i) CHECK(s.find_code(s.codes[i].id) == &s.codes[i]);
  CHECK(s.find_code("code_7") == &s.codes[7]);
  CHECK(s.find_code("code_1000") == nullptr);
  s.codes[7].id = "gone";
  CHECK(s.find_code("code_7") == &s.codes[1000]);
}
