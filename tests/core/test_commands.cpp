#include <doctest/doctest.h>

#include "core/commands.h"
#include "core/error.h"
#include "core/history.h"
#include "fixture.h"

using namespace attune;

namespace {
struct Coding {
  SessionModel model{test::small_scheme()};
  MemoryJournal journal;
  History history{model, journal};
  EventId add(AddEvent a) {
    ChangeSet c = history.apply(a);
    return c.ops.back().after.id;
  }
};
Micros s(double seconds) { return static_cast<Micros>(seconds * 1e6); }
}  // namespace

TEST_CASE("a point event is stored with end == start and the code's only subject") {
  Coding c;
  EventId id = c.add({.code = "Bid", .start = s(1.5), .modifiers = {{"channel", "vocal"}}});
  const Event* e = c.model.find(id);
  REQUIRE(e);
  CHECK(e->subject == "child");
  CHECK(e->start == 1'500'000);
  CHECK(e->end == 1'500'000);
  CHECK(e->modifiers.at("channel") == "vocal");
}

TEST_CASE("the scheme is enforced") {
  Coding c;
  CHECK_THROWS_WITH_AS(c.add({.code = "Nope", .start = 0}), "the scheme 'small' has no code 'Nope'", Error);
  CHECK_THROWS_WITH_AS(c.add({.code = "Look", .start = 0}), "code 'Look' needs a subject: parent, child", Error);
  CHECK_THROWS_WITH_AS(c.add({.code = "Bid", .subject = "parent", .start = 0}),
                       "code 'Bid' is not coded for subject 'parent' (allowed: child)", Error);
  CHECK_THROWS_WITH_AS(c.add({.code = "Bid", .start = 0, .modifiers = {{"channel", "shout"}}}),
                       "'shout' is not a value of modifier 'channel' (vocal, gesture, show, offer)", Error);
  CHECK_THROWS_WITH_AS(c.add({.code = "Bid", .start = 0, .modifiers = {{"intensity", "2"}}}),
                       "code 'Bid' has no modifier 'intensity' (it has: channel)", Error);
  CHECK_THROWS_WITH_AS(c.add({.code = "Distress", .start = 0, .modifiers = {{"intensity", "4"}}}),
                       "modifier 'intensity' is out of range: 4 (from 1 to 3)", Error);
  CHECK_THROWS_WITH_AS(c.add({.code = "Distress", .start = 0, .modifiers = {{"intensity", "lots"}}}),
                       "modifier 'intensity' takes a plain decimal number such as 2 or 2.5 (no '+', leading zeros, "
                       "spaces or exponent), not 'lots'",
                       Error);
  CHECK_THROWS_WITH_AS(c.add({.code = "Comfort", .start = 0, .modifiers = {{"comfort_type", "hold,hold"}}}),
                       "modifier 'comfort_type' lists 'hold' twice", Error);
  CHECK_THROWS_WITH_AS(c.add({.code = "Distress", .start = s(5), .end = s(4)}),
                       "the end (4 s) is before the start (5 s)", Error);
  CHECK_THROWS_AS(c.add({.code = "Bid", .start = -1}), Error);
  CHECK(c.model.size() == 0);  // nothing half-applied
  CHECK_FALSE(c.history.undo_label());
  c.add({.code = "Comfort", .start = 0, .modifiers = {{"comfort_type", "hold,voice"}}});
  CHECK(c.model.size() == 1);
}

TEST_CASE("starting a state in an exclusive group closes the running one at the same instant") {
  Coding c;
  EventId positive = c.add({.code = "Positive", .start = s(2)});
  CHECK(c.model.find(positive)->is_open());
  ChangeSet change = c.history.apply(AddEvent{.code = "Negative", .start = s(7.25)});
  REQUIRE(change.ops.size() == 2);
  CHECK(change.ops[0].kind == EventOp::Kind::Update);
  CHECK(c.model.find(positive)->end == 7'250'000);
  const Event* negative = c.model.find(change.ops[1].after.id);
  CHECK(negative->start == 7'250'000);
  CHECK(negative->is_open());
  CHECK(c.model.open_states().size() == 1);
  // One undo step reopens Positive and removes Negative.
  CHECK(c.history.undo());
  CHECK(c.model.size() == 1);
  CHECK(c.model.find(positive)->is_open());
}

TEST_CASE("exclusivity is per subject and per group") {
  Coding c;
  c.add({.code = "Positive", .start = s(1)});
  c.add({.code = "FreePlay", .start = s(1)});      // other group: stays running
  c.add({.code = "Distress", .start = s(2)});      // non-exclusive group
  c.add({.code = "Neutral", .start = s(3)});
  CHECK(c.model.open_states().size() == 3);  // FreePlay, Distress, Neutral
}

TEST_CASE("a state started on the same instant as the running one replaces it") {
  Coding c;
  c.add({.code = "Positive", .start = s(4)});
  ChangeSet change = c.history.apply(AddEvent{.code = "Neutral", .start = s(4)});
  CHECK(change.ops[0].kind == EventOp::Kind::Delete);
  REQUIRE(c.model.size() == 1);
  CHECK(c.model.events()[0].code == "Neutral");
}

TEST_CASE("overlapping closed states of an exclusive group are refused") {
  Coding c;
  c.add({.code = "Positive", .start = s(10), .end = s(20)});
  CHECK_THROWS_AS(c.add({.code = "Neutral", .start = s(15), .end = s(25)}), Error);
  CHECK_THROWS_AS(c.add({.code = "Neutral", .start = s(5), .end = s(11)}), Error);
  CHECK_THROWS_AS(c.add({.code = "Neutral", .start = s(12)}), Error);  // open from inside
  c.add({.code = "Neutral", .start = s(20), .end = s(25)});            // touching is fine
  c.add({.code = "Neutral", .start = s(5), .end = s(10)});
  // a running state that starts later than the new one cannot be closed before it starts
  c.add({.code = "Negative", .start = s(30)});
  CHECK_THROWS_AS(c.add({.code = "Positive", .start = s(28)}), Error);
  CHECK(c.model.size() == 4);
}

TEST_CASE("toggle starts, then ends a state - stopping on the start frame cancels it") {
  Coding c;
  c.history.apply(ToggleState{.code = "Distress", .at = s(1)});
  REQUIRE(c.model.open_states().size() == 1);
  c.history.apply(ToggleState{.code = "Distress", .at = s(3)});
  CHECK(c.model.open_states().empty());
  CHECK(c.model.events()[0].end == 3'000'000);
  CHECK(c.history.undo_label() == "End Distress");
  c.history.apply(ToggleState{.code = "Distress", .at = s(9)});
  c.history.apply(ToggleState{.code = "Distress", .at = s(9)});
  CHECK(c.model.size() == 1);
  CHECK(c.history.undo_label() == "Cancel Distress");
  CHECK_THROWS_AS(c.history.apply(ToggleState{.code = "Bid", .at = 0}), Error);
}

TEST_CASE("edit changes only the given fields and keeps kinds consistent") {
  Coding c;
  c.model = SessionModel(test::small_scheme(), {}, FrameRate{25, 1});
  EventId bid = c.add({.code = "Bid", .start = s(2), .modifiers = {{"channel", "vocal"}}});
  CHECK(c.model.find(bid)->frame == 50);
  c.history.apply(EditEvent{.id = bid, .start = s(3), .comment = std::string("reaches")});
  const Event* e = c.model.find(bid);
  CHECK(e->start == 3'000'000);
  CHECK(e->end == 3'000'000);  // a point event's end follows its start
  CHECK(e->frame == 75);
  CHECK(e->comment == "reaches");
  CHECK(e->modifiers.at("channel") == "vocal");
  c.history.apply(EditEvent{.id = bid, .set_modifiers = {{"channel", ""}}});
  CHECK(c.model.find(bid)->modifiers.empty());
  // changing the code re-checks the subject and modifiers
  CHECK_THROWS_AS(c.history.apply(EditEvent{.id = bid, .code = std::string("Comfort"),
                                            .set_modifiers = {{"channel", "vocal"}}}),
                  Error);
  c.history.apply(EditEvent{.id = bid, .code = std::string("Look")});
  CHECK(c.model.find(bid)->subject == "child");  // Look allows child: kept
  // an edit that changes nothing is not an undo step
  CHECK(c.history.apply(EditEvent{.id = bid, .start = s(3)}).empty());
  CHECK(c.history.undo_label() == "Edit Look");
  CHECK_THROWS_AS(c.history.apply(EditEvent{.id = 999, .start = 0}), Error);
}

TEST_CASE("delete, and deleting an unknown event is NotFound") {
  Coding c;
  EventId id = c.add({.code = "Bid", .start = 0});
  c.history.apply(DeleteEvent{id});
  CHECK(c.model.size() == 0);
  try {
    c.history.apply(DeleteEvent{id});
    FAIL("expected NotFound");
  } catch (const Error& e) {
    CHECK(e.kind() == ErrorKind::NotFound);
  }
}

TEST_CASE("a toggle before a running state's start does not end it: the state is not running there") {
  Coding c;
  c.history.apply(ToggleState{.code = "FreePlay", .at = s(60)});
  REQUIRE(c.model.open_states().size() == 1);
  // At 10 s FreePlay is not running (it starts at 60 s): its key cannot end it there, and
  // starting another one would overlap the running one. One clear line, nothing changed.
  CHECK_THROWS_WITH_AS(c.history.apply(ToggleState{.code = "FreePlay", .at = s(10)}),
                       "FreePlay is not running at 00:00:10.000: it starts later (00:01:00.000) and has no end "
                       "yet, so a new one here would overlap it",
                       Error);
  CHECK(c.model.size() == 1);
  CHECK(c.model.events()[0].is_open());
  CHECK(c.history.undo_label() == "Start FreePlay");
  // At or after its start the key ends it, as before.
  c.history.apply(ToggleState{.code = "FreePlay", .at = s(70)});
  CHECK(c.model.events()[0].end == s(70));
}

TEST_CASE("a toggle inside a closed state of the same code says it is already coded there") {
  Coding c;
  c.add({.code = "Distress", .start = s(10), .end = s(20)});  // a non-exclusive group
  CHECK_THROWS_WITH_AS(c.history.apply(ToggleState{.code = "Distress", .at = s(15)}),
                       "Distress is already coded at 00:00:15.000 (event 1, 00:00:10.000–00:00:20.000); "
                       "edit that event to change it",
                       Error);
  c.history.apply(ToggleState{.code = "Distress", .at = s(20)});  // right after it: a new one
  CHECK(c.model.open_states().size() == 1);
}

TEST_CASE("number modifiers are parsed strictly, compared exactly and stored canonically") {
  Coding c;
  for (const char* bad : {"0x2", " 2", "0x1p1", "+2", "02", "1e0", "2.", ".5", "inf", "nan", ""})
    CHECK_THROWS_AS(c.add({.code = "Distress", .start = 0, .end = 1, .modifiers = {{"intensity", bad}}}), Error);
  CHECK_THROWS_WITH_AS(c.add({.code = "Distress", .start = 0, .end = 1, .modifiers = {{"intensity", "0.99999999999999999"}}}),
                       "modifier 'intensity' is out of range: 0.99999999999999999 (from 1 to 3)", Error);
  CHECK_THROWS_AS(c.add({.code = "Distress", .start = 0, .end = 1, .modifiers = {{"intensity", "3.0000000000000001"}}}),
                  Error);
  CHECK(c.model.size() == 0);
  const EventId id = c.add({.code = "Distress", .start = 0, .end = 1, .modifiers = {{"intensity", "2.50"}}});
  CHECK(c.model.find(id)->modifiers.at("intensity") == "2.5");
  c.history.apply(EditEvent{.id = id, .set_modifiers = {{"intensity", "3.000"}}});
  CHECK(c.model.find(id)->modifiers.at("intensity") == "3");
  CHECK_THROWS_AS(c.history.apply(EditEvent{.id = id, .set_modifiers = {{"intensity", "02"}}}), Error);
}

TEST_CASE("an end on a point code and times past the recording are refused") {
  Coding c;
  CHECK_THROWS_WITH_AS(c.add({.code = "Bid", .start = s(1), .end = s(5)}),
                       "'Bid' is a point code: it has no end (only state codes have one)", Error);
  const EventId bid = c.add({.code = "Bid", .start = s(1)});
  CHECK_THROWS_AS(c.history.apply(EditEvent{.id = bid, .end = std::optional<Micros>(s(5))}), Error);

  c.model.set_duration(s(600));
  CHECK_THROWS_WITH_AS(c.add({.code = "Bid", .start = s(1000000000)}),
                       "1000000000 s is past the end of the recording (600 s)", Error);
  CHECK_THROWS_AS(c.add({.code = "Distress", .start = s(599), .end = s(601)}), Error);
  CHECK_THROWS_AS(c.history.apply(EditEvent{.id = bid, .start = s(601)}), Error);
  const EventId open = c.add({.code = "Distress", .start = s(590)});
  CHECK_THROWS_AS(c.history.apply(CloseState{.id = open, .at = s(601)}), Error);
  c.history.apply(CloseState{.id = open, .at = s(600)});  // the last instant is fine
  CHECK(c.model.find(open)->end == s(600));
  CHECK(c.model.size() == 2);
}
