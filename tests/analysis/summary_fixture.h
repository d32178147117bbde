#pragma once
// A small scheme and event helpers for the summary, rule and sequential tests. Times are
// written in seconds so the hand arithmetic in the tests reads directly.
#include <cmath>
#include <optional>
#include <string>
#include <vector>

#include "core/event.h"
#include "core/scheme.h"

namespace attune::summary_test {

inline Micros sec(double seconds) { return std::llround(seconds * 1e6); }

inline Scheme summary_scheme() {
  Scheme s;
  s.name = "summary-test";
  s.subjects = {{"parent", "Parent", "P"}, {"child", "Child", "C"}, {"dyad", "Dyad", "D"}};
  s.groups = {{"episode", "Episode", true, false, "episode"},
              {"child_affect", "Child affect", true, false, ""},
              {"parent_affect", "Parent affect", true, false, ""},
              {"distress", "Child distress", false, false, ""},
              {"signals", "Child signals", false, false, ""},
              {"talk", "Parent talk", false, false, ""},
              {"responses", "Parent responses", false, false, ""},
              {"joint", "Joint engagement", true, false, ""},
              {"gaze", "Gaze", false, false, ""}};
  s.modifiers = {{"mind", "Mind", ModifierKind::Single, {"none", "appropriate", "non_attuned"}, {}, {}},
                 {"comfort_type", "Comfort", ModifierKind::Multi, {"hold", "touch", "voice"}, {}, {}}};
  auto code = [](std::string id, std::string group, CodeKind kind, std::vector<std::string> subjects,
                 std::vector<std::string> modifiers = {}) {
    Code c;
    c.id = id;
    c.name = id;
    c.group = std::move(group);
    c.kind = kind;
    c.subjects = std::move(subjects);
    c.modifiers = std::move(modifiers);
    return c;
  };
  const auto P = CodeKind::Point, S = CodeKind::State;
  s.codes = {code("FreePlay", "episode", S, {"dyad"}),
             code("StillFace", "episode", S, {"dyad"}),
             code("Uncodable", "episode", S, {"dyad"}),
             code("ChildPos", "child_affect", S, {"child"}),
             code("ChildNeu", "child_affect", S, {"child"}),
             code("ChildNeg", "child_affect", S, {"child"}),
             code("ParentPos", "parent_affect", S, {"parent"}),
             code("ParentNeu", "parent_affect", S, {"parent"}),
             code("ParentNeg", "parent_affect", S, {"parent"}),
             code("ParentWithdrawn", "parent_affect", S, {"parent"}),
             code("Distress", "distress", S, {"child"}),
             code("Bid", "signals", P, {"child"}),
             code("Reflection", "talk", P, {"parent"}, {"mind"}),
             code("Question", "talk", P, {"parent"}, {"mind"}),
             code("Comfort", "responses", P, {"parent"}, {"comfort_type"}),
             code("JointNone", "joint", S, {"dyad"}),
             code("Supported", "joint", S, {"dyad"}),
             code("Coordinated", "joint", S, {"dyad"}),
             code("Look", "gaze", P, {"parent", "child"}),
             code("Away", "gaze", P, {"parent", "child"})};
  s.codes[2].uncodable = true;
  s.ratings = {{"sensitivity", "Sensitivity", 1, 9, {}}};

  ContingencyRule bid{.id = "bid_resp", .name = "Bid responsiveness", .type = "responsiveness",
                      .antecedent = {"Bid"}, .target = {"Reflection", "Comfort"}};
  bid.target_modifier = std::pair<std::string, std::string>{"mind", "appropriate"};
  bid.window_s = 3;
  ContingencyRule comfort{.id = "comfort", .name = "Comfort latency", .type = "comfort_latency",
                          .antecedent = {"Distress"}, .target = {"Comfort"}};
  comfort.merge_gap_s = 3;  // threshold_s left to its default (10)
  ContingencyRule affect{.id = "affect", .name = "Affect matching", .type = "affect_matching"};
  affect.pairs = {{"ChildPos", "ParentPos"}, {"ChildNeu", "ParentNeu"}, {"ChildNeg", "ParentNeg"}};
  ContingencyRule joint{.id = "joint", .name = "Joint engagement", .type = "joint_engagement",
                        .target = {"Coordinated"}};
  ContingencyRule q{.id = "talk_q", .name = "Bid to question", .type = "contingency", .antecedent = {"Bid"},
                    .target = {"Question"}};
  q.window_s = 3;
  s.rules = {bid, comfort, affect, joint, q};
  return s;
}

// Ids are given in order of creation so ties by onset stay deterministic.
inline Event point(EventId id, std::string code, std::string subject, double at, ModifierValues modifiers = {}) {
  Event e;
  e.id = id;
  e.code = std::move(code);
  e.subject = std::move(subject);
  e.start = sec(at);
  e.end = e.start;
  e.modifiers = std::move(modifiers);
  return e;
}

// `to` = nullopt: a state still open (running) at the end of the coding.
inline Event state(EventId id, std::string code, std::string subject, double from, std::optional<double> to) {
  Event e;
  e.id = id;
  e.code = std::move(code);
  e.subject = std::move(subject);
  e.start = sec(from);
  if (to) e.end = sec(*to);
  return e;
}

}  // namespace attune::summary_test
