#include <doctest/doctest.h>

#include "core/history.h"
#include "fixture.h"

using namespace attune;

namespace {
std::vector<Event> snapshot(const SessionModel& m) { return {m.events().begin(), m.events().end()}; }
}  // namespace

TEST_CASE("undo and redo walk back and forth through every step") {
  SessionModel model(test::small_scheme());
  MemoryJournal journal;
  History history(model, journal);
  std::vector<std::vector<Event>> states{snapshot(model)};
  history.apply(AddEvent{.code = "Positive", .start = 1'000'000});
  states.push_back(snapshot(model));
  history.apply(AddEvent{.code = "Bid", .start = 2'000'000});
  states.push_back(snapshot(model));
  history.apply(AddEvent{.code = "Negative", .start = 3'000'000});
  states.push_back(snapshot(model));
  const EventId bid = model.events()[1].id;
  history.apply(EditEvent{.id = bid, .start = 2'500'000});
  states.push_back(snapshot(model));
  history.apply(DeleteEvent{bid});
  states.push_back(snapshot(model));
  CHECK(history.undo_label() == "Delete Bid");
  CHECK_FALSE(history.redo_label());

  for (std::size_t i = states.size() - 1; i > 0; --i) {
    REQUIRE(history.undo());
    CHECK(snapshot(model) == states[i - 1]);
  }
  CHECK_FALSE(history.undo());
  CHECK(history.redo_label() == "Start Positive");
  for (std::size_t i = 1; i < states.size(); ++i) {
    REQUIRE(history.redo());
    CHECK(snapshot(model) == states[i]);  // redo restores the same ids too
  }
  CHECK_FALSE(history.redo());
}

TEST_CASE("a new change after undo discards the redo branch") {
  SessionModel model(test::small_scheme());
  MemoryJournal journal;
  History history(model, journal);
  history.apply(AddEvent{.code = "Bid", .start = 1});
  history.apply(AddEvent{.code = "Bid", .start = 2});
  history.undo();
  CHECK(history.redo_label() == "Add Bid");
  history.apply(AddEvent{.code = "Comfort", .start = 3});
  CHECK_FALSE(history.redo_label());
  CHECK_FALSE(history.redo());
  CHECK(model.size() == 2);
}

TEST_CASE("undo costs the size of the change, not a copy of the session") {
  SessionModel model(test::small_scheme());
  MemoryJournal journal;
  History history(model, journal);
  for (int i = 0; i < 2000; ++i) history.apply(AddEvent{.code = "Bid", .start = i * 1000});
  const std::uint64_t version = model.version();
  ChangeSet change = history.apply(AddEvent{.code = "Positive", .start = 5});
  CHECK(change.ops.size() == 1);  // one op recorded, not 2001 events
  history.undo();
  CHECK(model.version() == version + 2);
  CHECK(model.size() == 2000);
}
