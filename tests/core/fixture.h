#pragma once
// A small scheme built in code, so core tests need no scheme file.
#include <memory>

#include "core/scheme.h"

namespace attune::test {

inline std::shared_ptr<const Scheme> small_scheme() {
  auto s = std::make_shared<Scheme>();
  s->name = "small";
  s->version = 1;
  s->subjects = {{"parent", "Parent", "P"}, {"child", "Child", "C"}, {"dyad", "Dyad", "D"}};
  s->groups = {{"episode", "Episode", true, false, "episode"},
               {"child_affect", "Child affect", true, false, ""},
               {"distress", "Child distress", false, false, ""},
               {"signals", "Child signals", false, false, ""},
               {"talk", "Parent talk", false, false, ""}};
  s->modifiers = {{"intensity", "Intensity", ModifierKind::Number, {}, 1.0, 3.0},
                  {"channel", "Channel", ModifierKind::Single, {"vocal", "gesture", "show", "offer"}, {}, {}},
                  {"comfort_type", "Comfort", ModifierKind::Multi, {"hold", "touch", "voice"}, {}, {}}};
  auto code = [](std::string id, std::string group, CodeKind kind, std::vector<std::string> subjects,
                 std::string key, std::vector<std::string> modifiers = {}) {
    Code c;
    c.id = id;
    c.name = id;
    c.group = std::move(group);
    c.kind = kind;
    c.subjects = std::move(subjects);
    c.key = std::move(key);
    c.color = "#336699";
    c.modifiers = std::move(modifiers);
    return c;
  };
  s->codes = {code("FreePlay", "episode", CodeKind::State, {"dyad"}, "1"),
              code("StillFace", "episode", CodeKind::State, {"dyad"}, "2"),
              code("Positive", "child_affect", CodeKind::State, {"child"}, "q"),
              code("Neutral", "child_affect", CodeKind::State, {"child"}, "w"),
              code("Negative", "child_affect", CodeKind::State, {"child"}, "e"),
              code("Distress", "distress", CodeKind::State, {"child"}, "d", {"intensity"}),
              code("Bid", "signals", CodeKind::Point, {"child"}, "b", {"channel"}),
              code("Comfort", "talk", CodeKind::Point, {"parent"}, "c", {"comfort_type"}),
              code("Look", "signals", CodeKind::Point, {"parent", "child"}, "l")};
  return s;
}

}  // namespace attune::test
