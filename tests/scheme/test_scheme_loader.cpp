#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "core/embedded.h"
#include "scheme/json_positions.h"
#include "scheme/scheme_loader.h"

using namespace attune;

namespace {

// The problems, one per line, so a failed CHECK shows both sides readably.
std::string problems_of(std::string_view text) {
  std::string out;
  for (const SchemeProblem& p : load_scheme_text(text, "t.json").problems) out += p.to_string() + "\n";
  return out;
}

std::string lines(const std::vector<std::string>& items) {
  std::string out;
  for (const std::string& s : items) out += s + "\n";
  return out;
}

const char* const kSamples[] = {"samples/schemes/attachment-core.json", "samples/schemes/pcit-dpics.json"};

}  // namespace

TEST_CASE("the shipped schemes load without problems and round-trip through scheme_to_json") {
  for (const char* path : kSamples) {
    CAPTURE(path);
    const std::string_view text = embedded_file(path);
    REQUIRE(!text.empty());
    const SchemeLoadResult first = load_scheme_text(text, path);
    for (const SchemeProblem& p : first.problems) MESSAGE(p.to_string());
    REQUIRE(first.ok());
    for (const SchemeProblem& p : first.warnings) MESSAGE(p.to_string());
    CHECK(first.warnings.empty());  // no key a desktop takes (F10, F11, F12)

    const std::string saved = scheme_to_json(*first.scheme);
    const SchemeLoadResult second = load_scheme_text(saved, "saved.json");
    for (const SchemeProblem& p : second.problems) MESSAGE(p.to_string());
    REQUIRE(second.ok());
    CHECK(*first.scheme == *second.scheme);
    CHECK(scheme_to_json(*second.scheme) == saved);  // canonical: saving twice changes nothing
  }
}

TEST_CASE("the default scheme has the subjects, groups, codes, modifiers, ratings and rules it is documented with") {
  const Scheme s = *load_scheme_text(embedded_file(kSamples[0]), "core").scheme;
  CHECK(s.subjects.size() == 3);
  CHECK(s.groups.size() == 8);
  CHECK(s.codes.size() == 38);
  REQUIRE(s.find_group("episode"));
  CHECK(s.find_group("episode")->role == "episode");
  CHECK(s.find_group("joint_engagement")->exclusive);
  CHECK_FALSE(s.find_group("parent_talk")->exclusive);
  REQUIRE(s.find_code("uncodable"));
  CHECK(s.find_code("uncodable")->uncodable);
  CHECK(s.find_code("distress")->modifiers == std::vector<std::string>{"intensity"});
  CHECK(s.find_modifier("mind")->values == std::vector<std::string>{"none", "appropriate", "non-attuned"});
  CHECK(s.find_rating("sensitivity")->max == 9);
  CHECK(s.find_rating("sensitivity")->anchors.size() == 5);
  CHECK(s.rules.size() == 5);
  const ContingencyRule& bids = s.rules[0];
  CHECK(bids.type == "responsiveness");
  CHECK(bids.target_modifier == std::make_pair(std::string("mind"), std::string("appropriate")));
  CHECK(bids.window_s == 3.0);
  CHECK(s.rules[1].merge_gap_s == 3.0);
  CHECK(s.rules[1].threshold_s == 10.0);
  CHECK(s.rules[2].pairs.size() == 3);
}

TEST_CASE("keys a desktop takes (F10, F11, F12) are warnings with their place - the scheme still loads") {
  const std::string text = R"({"name": "t", "version": 1,
  "subjects": [{"id": "c", "name": "C", "key": "F12"}],
  "groups": [{"id": "g", "name": "G", "exclusive": false, "exhaustive": false}],
  "modifiers": [],
  "codes": [{"id": "a", "name": "A", "group": "g", "kind": "point", "subjects": ["c"], "key": "F10", "color": "#123456"},
            {"id": "b", "name": "B", "group": "g", "kind": "point", "subjects": ["c"], "key": "F9", "color": "#123456"}],
  "ratings": [], "rules": []})";
  const SchemeLoadResult r = load_scheme_text(text, "t.json");
  REQUIRE(r.ok());
  REQUIRE(r.warnings.size() == 2);
  CHECK(r.warnings[0].to_string() ==
        "t.json:2:48: /subjects/0/key: Key \"F12\" opens a drop-down terminal in many desktops, so a press may never "
        "reach Attune; choose another key.");
  CHECK(r.warnings[1].pointer == "/codes/0/key");
  CHECK(r.warnings[1].message.starts_with("Key \"F10\" opens the menu in many desktops"));
}

TEST_CASE("a scheme built in code round-trips, including optional and empty fields") {
  Scheme s;
  s.name = "Built in code";
  s.version = 7;
  s.subjects = {{"p", "P", ""}, {"c", "C", "F11"}};
  s.groups = {{"g", "G", true, true, "episode"}, {"h", "H", false, false, ""}};
  s.modifiers = {{"n", "N", ModifierKind::Number, {}, 0.5, 2.25},
                 {"m", "M", ModifierKind::Multi, {"x", "y"}, {}, {}},
                 {"open", "Open", ModifierKind::Number, {}, {}, {}}};
  Code a;
  a.id = "a";
  a.name = "A \"quoted\" / ~ é";
  a.group = "g";
  a.kind = CodeKind::State;
  a.subjects = {"c"};
  a.key = "~";
  a.color = "#ABCDEF";
  a.modifiers = {"n", "m"};
  a.uncodable = true;
  Code b;
  b.id = "b";
  b.name = "B";
  b.group = "h";
  s.codes = {a, b};
  s.ratings = {{"r", "R", -2, 2, {{-2, "low"}, {0, "mid"}}}};
  ContingencyRule rule;
  rule.id = "q";
  rule.name = "Q";
  rule.type = "contingency";
  rule.antecedent = {"b"};
  rule.target = {"a"};
  rule.target_modifier = std::make_pair(std::string("m"), std::string("y"));
  rule.window_s = 2.5;
  s.rules = {rule};

  const SchemeLoadResult back = load_scheme_text(scheme_to_json(s), "built");
  for (const SchemeProblem& p : back.problems) MESSAGE(p.to_string());
  REQUIRE(back.ok());
  CHECK(s == *back.scheme);
}

struct BrokenCase {
  const char* what;
  const char* text;
  std::vector<std::string> expected;
};

#include "broken_schemes.inc"

TEST_CASE("broken schemes give exactly the expected problems") {
  for (const BrokenCase& c : kBrokenCases) {
    const std::string what = c.what;
    CAPTURE(what);
    const SchemeLoadResult r = load_scheme_text(c.text, "t.json");
    CHECK_FALSE(r.ok());
    CHECK_FALSE(r.scheme.has_value());
    CHECK(problems_of(c.text) == lines(c.expected));
  }
}

TEST_CASE("every problem in a file is reported, sorted by position") {
  const char* text = R"({
  "name": "",
  "version": 0,
  "subjects": [{ "id": "child", "name": "Child", "key": "c" }],
  "groups": [{ "id": "g", "name": "G", "exclusive": true }],
  "codes": [
    { "id": "a", "name": "A", "group": "g", "kind": "point", "key": "c" },
    { "id": "a", "name": "B", "group": "nope", "kind": "state", "color": "blue" }
  ],
  "rules": [{ "id": "r", "name": "R", "type": "affect_matching" }]
})";
  CHECK(problems_of(text) == lines({
                                 "t.json:2:11: /name: Must not be empty.",
                                 "t.json:3:14: /version: Must be at least 1 (found 0).",
                                 "t.json:7:53: /codes/0/kind: Code \"a\" is a point code, but its group \"g\" is "
                                 "exclusive; an exclusive group can only hold state codes.",
                                 "t.json:7:69: /codes/0/key: Key \"c\" is used by both subject \"child\" and code "
                                 "\"a\"; each code and subject needs its own key.",
                                 "t.json:8:13: /codes/1/id: The code id \"a\" is already used by /codes/0; each code "
                                 "needs its own id.",
                                 "t.json:8:40: /codes/1/group: Unknown group \"nope\"; no group with this id is "
                                 "defined in \"groups\".",
                                 "t.json:8:74: /codes/1/color: \"blue\" is not a colour; write it as #rrggbb, for "
                                 "example \"#1f77b4\".",
                                 "t.json:10:13: /rules/0: An affect_matching rule needs \"pairs\" (the [child code, "
                                 "parent code] pairs that count as a match).",
                             }));
}

TEST_CASE("values of the wrong type anywhere give problems, never an exception") {
  const char* text = R"({
  "name": ["t"], "version": true, "description": 5,
  "subjects": [7, { "id": 1, "name": null, "key": [] }],
  "groups": { "id": "g" },
  "modifiers": [{ "id": "m", "name": "M", "kind": 5, "values": "x", "min": "0" }, "m"],
  "codes": [null, { "id": "a", "name": "A", "group": 3, "kind": "state", "subjects": "child",
                    "modifiers": [1, null], "uncodable": "yes", "key": 4 }],
  "ratings": [{ "id": "r", "name": "R", "min": "1", "max": 9, "anchors": ["1"] }, { "min": 9, "max": 1.5 }],
  "rules": [{ "id": "q", "name": "Q", "type": "contingency", "antecedent": "bid", "target": [[]],
              "pairs": [5, ["a"], {}], "target_modifier": { "modifier": "m", "value": 3 }, "window_s": "3" },
            { "type": 9, "target_modifier": 1 }, []]
})";
  SchemeLoadResult r;
  CHECK_NOTHROW(r = load_scheme_text(text, "t.json"));
  CHECK_FALSE(r.scheme.has_value());
  CHECK(r.problems.size() > 30);
  for (std::size_t i = 1; i < r.problems.size(); ++i) {
    const SchemeProblem& a = r.problems[i - 1];
    const SchemeProblem& b = r.problems[i];
    CHECK((a.line < b.line || (a.line == b.line && a.col <= b.col)));
  }
}

TEST_CASE("truncated or damaged files never throw") {
  const std::string good = R"({"name": "t", "version": 1, "subjects": [{"id": "c", "name": "C", "key": "F2"}],
 "groups": [{"id": "g", "name": "G", "exclusive": true, "role": "episode"}],
 "modifiers": [{"id": "m", "name": "M", "kind": "single", "values": ["a", "b"]}],
 "codes": [{"id": "a", "name": "A", "group": "g", "kind": "state", "subjects": ["c"], "key": "a", "modifiers": ["m"]}],
 "ratings": [{"id": "r", "name": "R", "min": 1, "max": 3, "anchors": {"1": "low"}}],
 "rules": [{"id": "q", "name": "Q", "type": "affect_matching", "pairs": [["a", "a"]],
            "target_modifier": {"modifier": "m", "value": "a"}}]})";
  REQUIRE(load_scheme_text(good, "good").ok());
  std::size_t loads = 0;
  for (std::size_t cut = 0; cut < good.size(); ++cut) {
    CHECK_NOTHROW(load_scheme_text(good.substr(0, cut), "cut"));
    ++loads;
    for (const char c : std::string("\"{}[],:1x\\")) {
      std::string damaged = good;
      damaged[cut] = c;
      const SchemeLoadResult r = load_scheme_text(damaged, "damaged");  // must not throw
      CHECK((r.ok() || !r.problems.empty()));
      ++loads;
    }
  }
  CHECK(loads > 6000);
}

TEST_CASE("extension keys starting with x- are allowed at the top level and ignored") {
  const char* text = R"({
  "name": "t", "version": 1, "x-lab": { "anything": [1, 2] },
  "subjects": [], "groups": [{ "id": "g", "name": "G" }],
  "codes": [{ "id": "a", "name": "A", "group": "g", "kind": "point" }]
})";
  const SchemeLoadResult r = load_scheme_text(text, "t.json");
  CHECK(r.problems.empty());
  CHECK(r.ok());
}

TEST_CASE("deep nesting and huge files are refused before parsing") {
  std::string deep = "{\"name\": " + std::string(100000, '[') + std::string(100000, ']') + "}";
  CHECK(problems_of(deep) == lines({"t.json:1:41: /: The file nests arrays and objects more than 32 levels deep; "
                                    "a coding scheme needs only a few."}));

  std::string huge = R"({"name": "t", "description": ")" + std::string(kMaxSchemeBytes, 'x') + "\"}";
  CHECK(problems_of(huge) == lines({"t.json:1:1: /: The scheme file is larger than 1 MiB; a coding scheme is "
                                    "normally a few kilobytes."}));

  // Just under the limit: parsed and checked normally, no crash on a long string.
  std::string big = R"({"name": ")" + std::string(kMaxSchemeBytes - 100, 'x') + "\"}";
  CHECK(problems_of(big) ==
        lines({"t.json:1:1: /: Missing required key \"version\".", "t.json:1:1: /: Missing required key \"subjects\".",
               "t.json:1:1: /: Missing required key \"groups\".", "t.json:1:1: /: Missing required key \"codes\".",
               "t.json:1:10: /name: Must be at most 200 characters long (it has 1048476)."}));
}

TEST_CASE("load_scheme_file reads files and reports unreadable ones at 1:1") {
  const std::string dir = ATTUNE_SOURCE_DIR;
  const SchemeLoadResult shipped = load_scheme_file(dir + "/samples/schemes/attachment-core.json");
  CHECK(shipped.ok());

  const std::string missing = dir + "/samples/schemes/no-such-scheme.json";
  const SchemeLoadResult r = load_scheme_file(missing);
  REQUIRE(r.problems.size() == 1);
  CHECK(r.problems[0].to_string() == missing + ":1:1: /: Cannot read the file: No such file or directory.");

  const SchemeLoadResult folder = load_scheme_file(dir + "/samples");
  REQUIRE(folder.problems.size() == 1);
  CHECK(folder.problems[0].message == "Cannot read the file: it is a folder.");

  const auto tmp = std::filesystem::temp_directory_path() / "attune-test-broken-scheme.json";
  {
    std::ofstream out(tmp, std::ios::binary);
    out << "{\n  \"name\": \"t\",\n  \"version\": 1\n  \"codes\": []\n}\n";
  }
  const SchemeLoadResult broken = load_scheme_file(tmp.string());
  REQUIRE(broken.problems.size() == 1);
  CHECK(broken.problems[0].to_string() ==
        tmp.string() + ":4:3: /: The file is not valid JSON: unexpected string literal; expected '}'.");
  std::filesystem::remove(tmp);
}

TEST_CASE("SchemeProblem::to_string") {
  CHECK(SchemeProblem{"a.json", 3, 7, "/codes/0/key", "Bad."}.to_string() == "a.json:3:7: /codes/0/key: Bad.");
  CHECK(SchemeProblem{"a.json", 1, 1, "", "Bad."}.to_string() == "a.json:1:1: /: Bad.");
}

TEST_CASE("a NUL byte anywhere, or anything after the document, is refused") {
  const std::string good(embedded_file(kSamples[0]));
  REQUIRE(load_scheme_text(good, "good").ok());
  const SchemeLoadResult nul = load_scheme_text(good + std::string("\0garbage", 8), "t.json");
  REQUIRE(nul.problems.size() == 1);
  CHECK(nul.problems[0].message.find("NUL") != std::string::npos);
  CHECK(!load_scheme_text(std::string("\0", 1) + good, "t.json").ok());
  CHECK(!load_scheme_text(good + "\n}", "t.json").ok());
  CHECK(!load_scheme_text(good + " garbage", "t.json").ok());
  CHECK(load_scheme_text(good + " \n\t\r\n", "t.json").ok());
}

TEST_CASE("an array of 500,000 items is one problem, and of many problems the first 50 are kept and the rest counted") {
  std::string wide = R"({"name": "w", "version": 1, "subjects": [)";
  for (int i = 0; i < 500'000; ++i) wide += i ? ",1" : "1";
  wide += R"(], "groups": [], "codes": []})";
  const SchemeLoadResult r = load_scheme_text(wide, "t.json");
  REQUIRE(r.problems.size() == 1);
  CHECK(r.problems[0].to_string() ==
        "t.json:1:41: /subjects: This holds 500000 items; a coding scheme allows at most 1000 in one list or object.");
  CHECK(r.more_problems == 0);

  std::string many = R"({"name": "w", "version": 1, "subjects": [)";
  for (int i = 0; i < 1000; ++i) many += i ? ",1" : "1";
  many += R"(], "groups": [{"id": "g", "name": "G"}], "codes": [{"x": 1}]})";
  const SchemeLoadResult m = load_scheme_text(many, "t.json");
  REQUIRE(m.problems.size() == kMaxSchemeProblems);
  CHECK(m.more_problems > 950);
  CHECK(m.problems[0].pointer == "/subjects/0");  // the first ones by position
  CHECK(m.problems[49].pointer == "/subjects/49");
}

TEST_CASE("find_oversized_container names the container and counts its items") {
  const auto o = find_oversized_container(R"({"a": {"b~/": [1, [2, 3], {"k": [4, 5, 6]}]}})", 2);
  REQUIRE(o);
  CHECK(o->pointer == "/a/b~0~1/2/k");
  CHECK(o->items == 3);
  CHECK(o->position == TextPosition{1, 33});
  CHECK(!find_oversized_container(R"({"a": [1, 2], "s": "[,,,,]"})", 2));
  CHECK(find_oversized_container(R"({"a": 1, "b": 2, "c": 3})", 2)->pointer == "");
}
