#pragma once
// A scheme and event builders for the agreement tests.
#include <cstdint>
#include <optional>
#include <string>

#include "core/event.h"
#include "core/scheme.h"

namespace attune::agreement_test {

constexpr Micros ms(std::int64_t milliseconds) { return milliseconds * 1000; }

inline Scheme scheme() {
  Scheme s;
  s.name = "agreement";
  s.subjects = {{"parent", "Parent", "P"}, {"child", "Child", "C"}};
  s.groups = {{"affect", "Child affect", true, false, ""},
              {"distress", "Child distress", false, false, ""},
              {"signals", "Child signals", false, false, ""},
              {"talk", "Parent talk", true, false, ""},
              {"activity", "Activity (not exclusive)", false, false, ""},
              {"mixed", "Mixed kinds", false, false, ""},
              {"empty", "No codes", true, false, ""}};
  auto code = [](std::string id, std::string group, CodeKind kind, std::string subject) {
    Code c;
    c.id = id;
    c.name = id;
    c.group = std::move(group);
    c.kind = kind;
    c.subjects = {std::move(subject)};
    return c;
  };
  s.codes = {code("Positive", "affect", CodeKind::State, "child"),
             code("Neutral", "affect", CodeKind::State, "child"),
             code("Negative", "affect", CodeKind::State, "child"),
             code("Distress", "distress", CodeKind::State, "child"),
             code("Bid", "signals", CodeKind::Point, "child"),
             code("Look", "signals", CodeKind::Point, "child"),
             code("Comfort", "talk", CodeKind::Point, "parent"),
             code("Question", "talk", CodeKind::Point, "parent"),
             code("Play", "activity", CodeKind::State, "child"),
             code("Read", "activity", CodeKind::State, "child"),
             code("Held", "mixed", CodeKind::State, "child"),
             code("Tap", "mixed", CodeKind::Point, "child")};
  s.codes[5].subjects = {"parent", "child"};  // Look: either subject
  return s;
}

inline Event state(const std::string& code, Micros start, std::optional<Micros> end,
                   const std::string& subject = "child") {
  Event e;
  e.code = code;
  e.subject = subject;
  e.start = start;
  e.end = end;
  return e;
}

inline Event point(const std::string& code, Micros at, const std::string& subject = "child") {
  return state(code, at, at, subject);
}

}  // namespace attune::agreement_test
