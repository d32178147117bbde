#include <doctest/doctest.h>

#include "core/commands.h"
#include "core/history.h"
#include "core/running_states.h"
#include "fixture.h"

using namespace attune;

namespace {
Micros s(double seconds) { return static_cast<Micros>(seconds * 1e6); }
}  // namespace

TEST_CASE("a state runs at t when start <= t < end, an open state from its start on, not before") {
  SessionModel model{test::small_scheme()};
  MemoryJournal journal;
  History history{model, journal};
  history.apply(AddEvent{.code = "Positive", .start = s(10), .end = s(20)});
  history.apply(AddEvent{.code = "Negative", .start = s(20), .end = s(30)});
  history.apply(AddEvent{.code = "FreePlay", .start = s(60)});  // open
  RunningStates running;
  running.update(model);
  auto code_at = [&](const char* code, const char* subject, double t) {
    const Event* e = running.at(model, code, subject, s(t));
    return e ? e->code : std::string("-");
  };
  CHECK(code_at("Positive", "child", 9.999999) == "-");
  CHECK(code_at("Positive", "child", 10) == "Positive");
  CHECK(code_at("Positive", "child", 19.999999) == "Positive");
  CHECK(code_at("Positive", "child", 20) == "-");  // the end belongs to the next state
  CHECK(code_at("Negative", "child", 20) == "Negative");
  CHECK(code_at("FreePlay", "dyad", 0) == "-");  // before an open state's start: not running
  CHECK(code_at("FreePlay", "dyad", 59.999999) == "-");
  CHECK(code_at("FreePlay", "dyad", 60) == "FreePlay");
  CHECK(code_at("FreePlay", "dyad", 3600) == "FreePlay");
  CHECK(code_at("Bid", "child", 10) == "-");  // points never run

  // Changes are patched in, not rebuilt: ending FreePlay, undoing it, adding, deleting.
  const EventId freeplay = model.events().back().id;
  history.apply(CloseState{freeplay, s(90)});
  running.update(model);
  CHECK(code_at("FreePlay", "dyad", 89) == "FreePlay");
  CHECK(code_at("FreePlay", "dyad", 90) == "-");
  history.undo();
  running.update(model);
  CHECK(code_at("FreePlay", "dyad", 90) == "FreePlay");
  history.apply(AddEvent{.code = "Distress", .start = s(5), .end = s(6)});
  history.apply(DeleteEvent{model.events().front().id});  // Distress 5–6
  running.update(model);
  CHECK(code_at("Distress", "child", 5.5) == "-");
  CHECK(code_at("Positive", "child", 15) == "Positive");
  CHECK(running.builds() == 1);
}
