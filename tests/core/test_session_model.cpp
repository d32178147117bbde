#include <doctest/doctest.h>

#include <algorithm>
#include <random>

#include "core/error.h"
#include "core/session_model.h"
#include "fixture.h"

using namespace attune;

namespace {
Event ev(EventId id, const char* code, Micros start, std::optional<Micros> end, const char* subject = "child") {
  Event e;
  e.id = id;
  e.code = code;
  e.subject = subject;
  e.start = start;
  e.end = end;
  return e;
}
}  // namespace

TEST_CASE("events are kept sorted by start, then id, through every change") {
  SessionModel m(test::small_scheme(), {ev(3, "Bid", 30, 30), ev(1, "Bid", 10, 10), ev(2, "Bid", 10, 10)});
  REQUIRE(m.size() == 3);
  CHECK(m.events()[0].id == 1);
  CHECK(m.events()[1].id == 2);
  CHECK(m.events()[2].id == 3);
  m.apply({"", {EventOp::insert(ev(4, "Bid", 20, 20))}});
  CHECK(m.events()[2].id == 4);
  m.apply({"", {EventOp::update(ev(1, "Bid", 10, 10), ev(1, "Bid", 40, 40))}});
  CHECK(m.events()[3].id == 1);
  CHECK(m.find(1)->start == 40);
  CHECK(m.lower_bound(20) == 1);
  CHECK(m.lower_bound(21) == 2);
  CHECK(m.lower_bound(1000) == 4);
  CHECK(m.lower_bound(0) == 0);
}

TEST_CASE("open states are tracked") {
  SessionModel m(test::small_scheme(), {ev(1, "Positive", 0, std::nullopt), ev(2, "Distress", 5, std::nullopt)});
  CHECK(m.open_states().size() == 2);
  CHECK(m.open_state("Positive", "child")->id == 1);
  CHECK(m.open_state("Positive", "parent") == nullptr);
  CHECK(m.open_states_in_group("child_affect", "child").size() == 1);
  m.apply({"", {EventOp::update(ev(1, "Positive", 0, std::nullopt), ev(1, "Positive", 0, 9))}});
  CHECK(m.open_state("Positive", "child") == nullptr);
  CHECK(m.open_states().size() == 1);
}

TEST_CASE("a change that does not match the model is refused and the version moves only on success") {
  SessionModel m(test::small_scheme(), {ev(1, "Bid", 0, 0)});
  CHECK_THROWS_AS(m.apply({"", {EventOp::remove(ev(7, "Bid", 0, 0))}}), Error);
  CHECK_THROWS_AS(m.apply({"", {EventOp::insert(ev(1, "Bid", 0, 0))}}), Error);
  CHECK_THROWS_AS(m.apply({"", {EventOp::insert(ev(0, "Bid", 0, 0))}}), Error);
  CHECK(m.version() == 0);
  m.apply({"", {EventOp::remove(ev(1, "Bid", 0, 0))}});
  CHECK(m.version() == 1);
  CHECK_THROWS_AS(SessionModel(test::small_scheme(), {ev(1, "Bid", 0, 0), ev(1, "Bid", 5, 5)}), Error);
}

TEST_CASE("random edits keep the model equal to a sorted copy, and the last changes are kept in order") {
  // A reference vector re-sorted after every change is the oracle for the model's
  // in-place updates (rows moved with std::rotate) and its id lookups.
  std::mt19937_64 rng(11);
  SessionModel m(test::small_scheme());
  std::vector<Event> reference;
  EventId next = 1;
  for (int step = 0; step < 3000; ++step) {
    ChangeSet change;
    const int what = reference.size() < 20 ? 0 : static_cast<int>(rng() % 3);
    const Micros start = static_cast<Micros>(rng() % 50);  // few distinct starts: ties by id
    if (what == 0) {
      change.ops.push_back(EventOp::insert(ev(next++, "Positive", start, start + 5)));
    } else {
      const Event victim = reference[rng() % reference.size()];
      if (what == 1) {
        Event moved = victim;
        moved.start = start;
        moved.end = rng() % 4 == 0 ? std::optional<Micros>() : std::optional<Micros>(start + 1);
        change.ops.push_back(EventOp::update(victim, moved));
      } else {
        change.ops.push_back(EventOp::remove(victim));
      }
    }
    change.label = std::to_string(step);
    m.apply(change);
    for (const EventOp& op : change.ops) {
      if (op.kind != EventOp::Kind::Insert) std::erase_if(reference, [&](const Event& e) { return e.id == op.before.id; });
      if (op.kind != EventOp::Kind::Delete) reference.push_back(op.after);
    }
    std::sort(reference.begin(), reference.end(), event_before);
    REQUIRE(m.size() == reference.size());
    for (std::size_t i = 0; i < reference.size(); ++i) {
      CHECK(m.events()[i].id == reference[i].id);
      CHECK(m.events()[i].start == reference[i].start);
    }
    const Event& probe = reference[rng() % reference.size()];
    CHECK(m.find(probe.id)->end == probe.end);
    std::size_t open = 0;
    for (const Event& e : reference) open += e.is_open() ? 1 : 0;
    CHECK(m.open_states().size() == open);
  }
  const auto last3 = m.changes_since(m.version() - 3);
  REQUIRE(last3.has_value());
  REQUIRE(last3->size() == 3);
  CHECK((*last3)[0]->label == "2997");
  CHECK((*last3)[2]->label == "2999");
  CHECK(m.changes_since(m.version())->empty());
  CHECK(m.changes_since(m.version() - SessionModel::kKeptChanges).has_value());
  CHECK_FALSE(m.changes_since(m.version() - SessionModel::kKeptChanges - 1).has_value());
  CHECK_FALSE(m.changes_since(m.version() + 1).has_value());
}
