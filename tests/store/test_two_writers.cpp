// Two writers on one file (two Store connections, as two processes or two windows have):
// a command planned against a stale model is planned again against the stored session
// inside the write transaction, so no rule of the scheme breaks and each caller is told
// what was committed; verify reports rules broken in stored data.
#include <SQLiteCpp/Database.h>

#include <algorithm>

#include "core/commands.h"
#include "store/session_loader.h"
#include "store_fixture.h"

namespace attune {
namespace {

using test::error_from;
using test::TempDir;

// child affect (exclusive): pos, neg; child distress (not exclusive): distress; bid (point).
const char* const kScheme = R"({
  "name": "two-writers", "version": 1, "description": "",
  "subjects": [{"id": "parent", "name": "Parent", "key": "P"}, {"id": "child", "name": "Child", "key": "C"}],
  "groups": [
    {"id": "affect", "name": "Child affect", "exclusive": true, "exhaustive": false},
    {"id": "other", "name": "Other", "exclusive": false, "exhaustive": false}
  ],
  "modifiers": [{"id": "channel", "name": "Channel", "kind": "single", "values": ["vocal", "gesture"]}],
  "codes": [
    {"id": "pos", "name": "Positive", "group": "affect", "kind": "state", "subjects": ["child"], "key": "q",
     "color": "#4caf50", "definition": "", "modifiers": []},
    {"id": "neg", "name": "Negative", "group": "affect", "kind": "state", "subjects": ["child"], "key": "w",
     "color": "#e53935", "definition": "", "modifiers": []},
    {"id": "distress", "name": "Distress", "group": "other", "kind": "state", "subjects": ["child"], "key": "d",
     "color": "#e53935", "definition": "", "modifiers": []},
    {"id": "bid", "name": "Bid", "group": "other", "kind": "point", "subjects": ["child"], "key": "b",
     "color": "#1e88e5", "definition": "", "modifiers": ["channel"]}
  ],
  "ratings": [], "rules": []
})";

constexpr Micros s(double seconds) { return static_cast<Micros>(seconds * 1'000'000); }

struct TwoWriters {
  TempDir dir;
  std::string path = dir.file("attune.db");
  Store first{path, OpenMode::CreateIfMissing, "alice"};
  SessionId session = first.create_session(test::sample_recording(),
                                           first.import_scheme(kScheme), "alice");
  Store second{path, OpenMode::MustExist, "bob"};
  LoadedSession a = load_session(first, session);
  LoadedSession b = load_session(second, session);  // both loaded now: b's picture goes stale below

  std::vector<Event> stored() { return first.events(session); }
};

AddEvent add(const char* code, Micros start, std::optional<Micros> end) {
  return AddEvent{.code = code, .subject = "child", .start = start, .end = end};
}

TEST_CASE("two writers: a state planned against a stale model cannot overlap the other writer's") {
  TwoWriters w;
  const EventId positive = w.a.history->apply(add("pos", s(10), s(20))).ops.back().after.id;
  REQUIRE(w.b.model->size() == 0);  // b has not seen it

  const auto refused = error_from([&] { w.b.history->apply(add("neg", s(15), s(25))); });
  REQUIRE(refused);
  CHECK(refused->kind() == ErrorKind::Conflict);
  CHECK(std::string(refused->what()).find("event " + std::to_string(positive)) != std::string::npos);
  CHECK(w.stored().size() == 1);
  CHECK(w.b.model->find(positive) != nullptr);  // b's model now shows what is stored
  CHECK(w.first.verify().rules_ok);
}

TEST_CASE("two writers: a stale writer's state closes the other writer's running state") {
  TwoWriters w;
  const EventId running = w.a.history->apply(add("pos", s(10), std::nullopt)).ops.back().after.id;
  const ChangeSet committed = w.b.history->apply(add("neg", s(12), std::nullopt));
  REQUIRE(committed.ops.size() == 2);  // planned against the stored session: the close is in it
  const std::vector<Event> events = w.stored();
  REQUIRE(events.size() == 2);
  CHECK(events[0].id == running);
  CHECK(events[0].end == s(12));
  CHECK(events[1].is_open());
  CHECK(std::equal(events.begin(), events.end(), w.b.model->events().begin(), w.b.model->events().end()));
  CHECK(w.first.verify().rules_ok);
}

TEST_CASE("two writers: an undo that committed reports what it undid, though the model was stale") {
  TwoWriters w;
  w.b.history->apply(add("neg", s(1), s(2)));
  const EventId other = w.a.history->apply(add("pos", s(10), s(20))).ops.back().after.id;
  // b's model never saw `other`; the session's newest step is a's add.
  std::optional<ChangeSet> undone;
  CHECK_NOTHROW(undone = w.b.history->undo_change());
  REQUIRE(undone);
  CHECK(undone->label == "Add Positive");
  CHECK(w.b.model->find(other) == nullptr);
  CHECK(w.stored().size() == 1);
  CHECK(w.b.model->size() == 1);
}

TEST_CASE("two writers: a redo that would now overlap is refused and changes nothing") {
  TwoWriters v;
  // a undoes its own add, a second program writes a rival in its place, a redoes.
  v.a.history->apply(add("pos", s(10), s(20)));
  REQUIRE(v.a.history->undo());
  {
    // b writes the rival without going through the journal's steps (a second program).
    SQLite::Database raw(v.path, SQLite::OPEN_READWRITE);
    raw.exec("INSERT INTO events (session_id, code, subject, start_us, end_us, modifiers, comment, created_utc, "
             "modified_utc) VALUES (" + std::to_string(v.session) +
             ", 'neg', 'child', 15000000, 25000000, '{}', '', 'x', 'x')");
  }
  const auto refused = error_from([&] { v.a.history->redo(); });
  REQUIRE(refused);
  CHECK(std::string(refused->what()).find("cannot redo 'Add Positive'") != std::string::npos);
  CHECK(v.stored().size() == 1);
  CHECK(v.a.history->redo_label() == "Add Positive");  // still there to redo once the rival is gone
}

TEST_CASE("two writers: a window's model follows another writer through refresh") {
  TwoWriters w;
  CHECK_FALSE(w.b.history->refresh());  // nothing changed since it loaded
  const EventId id = w.a.history->apply(add("pos", s(10), s(20))).ops.back().after.id;
  CHECK(w.b.history->refresh());
  CHECK(w.b.model->find(id) != nullptr);
  CHECK(w.b.history->undo_label() == "Add Positive");
  CHECK_FALSE(w.b.history->refresh());
  // Its own commits keep it in step without reading the session again.
  w.b.history->apply(add("neg", s(30), s(40)));
  CHECK_FALSE(w.b.history->refresh());
  CHECK(w.a.history->refresh());
  CHECK(w.a.model->size() == 2);
  // A write elsewhere in the file (another session, a comment) does not reload this one.
  const SessionId elsewhere = w.first.create_session(test::sample_recording(), w.b.info.scheme_id, "alice");
  LoadedSession e = load_session(w.first, elsewhere);
  e.history->apply(add("pos", s(1), s(2)));
  w.first.add_comment(w.session, "looks fine");
  const std::uint64_t version = w.b.model->version();
  CHECK_FALSE(w.b.history->refresh());
  CHECK(w.b.model->version() == version);
}

TEST_CASE("overlapping one code in a group that is not exclusive names the rule it breaks") {
  TwoWriters w;
  const EventId first = w.a.history->apply(add("distress", s(3), s(5))).ops.back().after.id;
  const auto refused = error_from([&] { w.a.history->apply(add("distress", s(4), s(6))); });
  REQUIRE(refused);
  const std::string message = refused->what();
  CHECK(message.find("exclusive") == std::string::npos);
  CHECK(message.find("a state of code 'distress' for subject 'child' cannot overlap itself") != std::string::npos);
  CHECK_MESSAGE(message.find("(event " + std::to_string(first) + ", 3") != std::string::npos, message);
}

TEST_CASE("verify reports rules broken in stored data, with session and event ids") {
  TwoWriters w;
  w.a.history->apply(add("pos", s(10), s(20)));
  CHECK(w.first.verify().rules_ok);
  {
    SQLite::Database raw(w.path, SQLite::OPEN_READWRITE);
    const std::string head = "INSERT INTO events (session_id, code, subject, start_us, end_us, modifiers, comment, "
                             "created_utc, modified_utc) VALUES (" + std::to_string(w.session) + ", ";
    raw.exec(head + "'neg', 'child', 15000000, 25000000, '{}', '', 'x', 'x')");        // exclusive group overlap
    raw.exec(head + "'distress', 'child', 1000000, 5000000, '{}', '', 'x', 'x')");     // fine
    raw.exec(head + "'distress', 'child', 2000000, 3000000, '{}', '', 'x', 'x')");     // same code overlap
    raw.exec(head + "'bid', 'child', 7000000, 8000000, '{}', '', 'x', 'x')");          // a point with an end
    raw.exec(head + "'bid', 'parent', 9000000, 9000000, '{}', '', 'x', 'x')");         // subject not allowed
    raw.exec(head + "'bid', 'child', 9500000, 9500000, '{\"mood\":\"x\"}', '', 'x', 'x')");  // unknown modifier
    raw.exec(head + "'nope', 'child', 9600000, 9600000, '{}', '', 'x', 'x')");         // unknown code
  }
  const VerifyReport report = w.first.verify();
  CHECK(report.integrity_ok);
  CHECK(report.audit_ok);
  CHECK_FALSE(report.rules_ok);
  CHECK(report.rule_problem_count == 6);
  std::string all;
  for (const std::string& p : report.rule_problems) all += p + "\n";
  const std::string session = "session " + std::to_string(w.session) + ": ";
  for (const char* part : {"events 1 and 2 overlap", "states of the exclusive group 'affect' for subject 'child'",
                           "events 3 and 4 overlap", "cannot overlap itself", "event 5: 'bid' is a point event",
                           "event 6: code 'bid' is not coded for subject 'parent'", "event 7: code 'bid' has no modifier 'mood'",
                           "event 8: the scheme 'two-writers' has no code 'nope'"})
    CHECK_MESSAGE(all.find(part) != std::string::npos, part, " in:\n", all);
  CHECK(all.find(session) == 0);
  CHECK(report.rules_message.find("6 rule problem(s)") == 0);
}

}  // namespace
}  // namespace attune
