#include <doctest/doctest.h>

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
