#include <doctest/doctest.h>

#include "core/history.h"
#include "fixture.h"

using namespace attune;

namespace {
std::vector<Event> snapshot(const SessionModel& m) { return {m.events().begin(), m.events().end()}; }
Event point(std::string code, Micros t) {
  Event e;
  e.code = std::move(code);
  e.subject = "child";
  e.start = t;
  e.end = t;
  return e;
}
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

TEST_CASE("merge_changes folds each event's operations into one") {
  Event a = point("Bid", 1'000'000);
  a.id = 7;
  Event a2 = a, a3 = a;
  a2.modifiers = {{"channel", "vocal"}};
  a3.start = a3.end.value() + 1;
  a3.end = a3.start;
  a3.modifiers = {{"channel", "show"}};
  Event other = point("Look", 5'000'000);
  other.id = 8;
  SUBCASE("insert then update: the insert of the final row, the earlier label") {
    const ChangeSet m = merge_changes({"Add Bid", {EventOp::insert(a)}}, {"Set modifiers of Bid", {EventOp::update(a, a2)}});
    CHECK(m.label == "Add Bid");
    REQUIRE(m.ops.size() == 1);
    CHECK(m.ops[0] == EventOp::insert(a2));
  }
  SUBCASE("update then update: from the first row to the last; back where it was: nothing") {
    const ChangeSet m = merge_changes({"Nudge Bid", {EventOp::update(a, a2)}}, {"Nudge Bid", {EventOp::update(a2, a3)}});
    REQUIRE(m.ops.size() == 1);
    CHECK(m.ops[0] == EventOp::update(a, a3));
    CHECK(merge_changes({"Nudge", {EventOp::update(a, a2)}}, {"Nudge", {EventOp::update(a2, a)}}).empty());
  }
  SUBCASE("insert then delete: nothing; update then delete: the delete of the first row") {
    CHECK(merge_changes({"Add", {EventOp::insert(a)}}, {"Delete", {EventOp::remove(a)}}).empty());
    const ChangeSet m = merge_changes({"Edit", {EventOp::update(a, a2)}}, {"Delete", {EventOp::remove(a2)}});
    REQUIRE(m.ops.size() == 1);
    CHECK(m.ops[0] == EventOp::remove(a));
  }
  SUBCASE("another event's operation is kept after the step's") {
    const ChangeSet m = merge_changes({"Add", {EventOp::insert(a)}}, {"Add", {EventOp::insert(other)}});
    CHECK(m.ops.size() == 2);
  }
}

TEST_CASE("History::apply with merge: coding an event and answering its modifiers is one undo step") {
  SessionModel model(test::small_scheme());
  MemoryJournal journal;
  History history(model, journal);
  history.apply(AddEvent{.code = "Look", .subject = "child", .start = 500'000});
  const ChangeSet added = history.apply(AddEvent{.code = "Bid", .start = 1'000'000});
  const EventId bid = added.ops.back().after.id;
  history.apply(EditEvent{.id = bid, .set_modifiers = {{"channel", "show"}}, .label = "Set modifiers of Bid"}, true);
  CHECK(history.undo_label() == "Add Bid");
  CHECK(model.find(bid)->modifiers.at("channel") == "show");
  REQUIRE(history.undo());
  CHECK(model.find(bid) == nullptr);  // one step back: the Bid is gone, modifiers and all
  CHECK(model.size() == 1);
  REQUIRE(history.redo());
  CHECK(model.find(bid)->modifiers.at("channel") == "show");
  // A merge asked for a change of another event makes a step of its own.
  const EventId look = model.events()[0].id;
  history.apply(EditEvent{.id = look, .start = 600'000}, true);
  REQUIRE(history.undo());
  CHECK(model.find(look)->start == 500'000);
  CHECK(model.find(bid)->modifiers.at("channel") == "show");
}
