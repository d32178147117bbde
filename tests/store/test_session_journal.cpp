// SessionJournal: durable commits, undo and redo (also across Store objects, as across CLI
// invocations), the redo branch, conflicts with changes made elsewhere, approved sessions.
#include <SQLiteCpp/Database.h>

#include <algorithm>
#include <functional>
#include <vector>

#include "core/session_model.h"
#include "store_fixture.h"

namespace attune {
namespace {

using test::error_from;
using test::make_event;
using test::StoreFixture;

Event bid(Micros t, std::string channel = "vocal") {
  Event e = make_event("Bid", "Child", t, t);
  e.modifiers = {{"channel", std::move(channel)}};
  e.frame = t / 33'367;
  return e;
}

std::int64_t count(const std::string& path, const char* sql) {
  SQLite::Database raw(path, SQLite::OPEN_READONLY);
  return raw.execAndGet(sql).getInt64();
}

// Keeps a SessionModel in step with what the journal returns, as History does.
struct Mirror {
  SessionModel model{std::make_shared<Scheme>()};
  std::vector<Event> events() const { return {model.events().begin(), model.events().end()}; }
};

TEST_CASE("committed events come back exactly: modifiers, open ends, frames, comments, no subject") {
  StoreFixture fx;
  std::unique_ptr<Journal> journal = fx.store->journal(fx.session);
  Event distress = make_event("Distress", "Child", 2'000'000, std::nullopt);  // open state
  distress.modifiers = {{"intensity", "3"}};
  distress.comment = "cries, \"loud\" — ünïcode";
  Event episode = make_event("FreePlay", "", 0, 300'000'000);
  Event comfort = make_event("Comfort", "Parent", 2'500'000, 2'500'000);
  comfort.modifiers = {{"comfort_type", "hold,voice"}, {"mind", "appropriate"}};

  const ChangeSet committed =
      journal->commit(ChangeSet{"Code three", {EventOp::insert(distress), EventOp::insert(episode),
                                               EventOp::insert(comfort)}});
  REQUIRE(committed.ops.size() == 3);
  for (const EventOp& op : committed.ops) CHECK(op.after.id > 0);
  CHECK(committed.ops[0].after.id != committed.ops[1].after.id);
  distress.id = committed.ops[0].after.id;
  episode.id = committed.ops[1].after.id;
  comfort.id = committed.ops[2].after.id;

  fx.reopen();
  const std::vector<Event> events = fx.store->events(fx.session);
  CHECK(events == std::vector<Event>{episode, distress, comfort});  // sorted by start
  CHECK(events[1].is_open());
  CHECK(count(fx.db_path, "SELECT count(*) FROM events WHERE subject IS NULL") == 1);
}

TEST_CASE("update and delete round trip, and the committed change carries ids") {
  StoreFixture fx;
  std::unique_ptr<Journal> journal = fx.store->journal(fx.session);
  Event open = make_event("Positive", "Child", 1'000, std::nullopt);
  open.id = journal->commit(ChangeSet{"Start Positive", {EventOp::insert(open)}}).ops[0].after.id;

  Event closed = open;
  closed.end = 9'000;
  closed.modifiers = {{"note", "x"}};
  const ChangeSet update = journal->commit(ChangeSet{"Close Positive", {EventOp::update(open, closed)}});
  CHECK(update.ops[0].after == closed);
  CHECK(fx.store->events(fx.session) == std::vector<Event>{closed});

  journal->commit(ChangeSet{"Delete Positive", {EventOp::remove(closed)}});
  CHECK(fx.store->events(fx.session).empty());
  CHECK(journal->undo_label() == "Delete Positive");
  CHECK_FALSE(journal->redo_label().has_value());
}

TEST_CASE("undo and redo walk the steps in order and return what they applied") {
  StoreFixture fx;
  std::unique_ptr<Journal> journal = fx.store->journal(fx.session);
  Mirror mirror;
  auto commit = [&](ChangeSet change) { mirror.model.apply(journal->commit(std::move(change))); };
  Event a = bid(1'000'000);
  commit(ChangeSet{"Add A", {EventOp::insert(a)}});
  a.id = mirror.events()[0].id;
  Event b = bid(2'000'000, "gesture");
  commit(ChangeSet{"Add B", {EventOp::insert(b)}});
  b.id = mirror.events()[1].id;
  Event a2 = a;
  a2.start = a2.end.emplace(3'000'000);
  commit(ChangeSet{"Move A, delete B", {EventOp::update(a, a2), EventOp::remove(b)}});

  std::vector<std::vector<Event>> snapshots;
  snapshots.push_back(fx.store->events(fx.session));
  CHECK(snapshots.back() == mirror.events());
  const std::vector<std::string> labels{"Move A, delete B", "Add B", "Add A"};
  for (const std::string& label : labels) {
    CHECK(journal->undo_label() == label);
    std::optional<ChangeSet> applied = journal->undo();
    REQUIRE(applied.has_value());
    CHECK(applied->label == label);
    mirror.model.apply(*applied);
    CHECK(fx.store->events(fx.session) == mirror.events());
    CHECK(journal->redo_label() == label);
    snapshots.push_back(fx.store->events(fx.session));
  }
  CHECK(fx.store->events(fx.session).empty());
  CHECK_FALSE(journal->undo().has_value());
  CHECK_FALSE(journal->undo_label().has_value());

  for (auto it = labels.rbegin(); it != labels.rend(); ++it) {
    std::optional<ChangeSet> applied = journal->redo();
    REQUIRE(applied.has_value());
    CHECK(applied->label == *it);
    mirror.model.apply(*applied);
    CHECK(fx.store->events(fx.session) == mirror.events());
  }
  CHECK(fx.store->events(fx.session) == snapshots.front());
  CHECK_FALSE(journal->redo().has_value());
}

TEST_CASE("undo and redo continue across Store objects, as across CLI invocations") {
  StoreFixture fx;
  fx.store->journal(fx.session)->commit(ChangeSet{"Add A", {EventOp::insert(bid(1))}});
  fx.store->journal(fx.session)->commit(ChangeSet{"Add B", {EventOp::insert(bid(2))}});
  fx.reopen();
  CHECK(fx.store->journal(fx.session)->undo_label() == "Add B");
  REQUIRE(fx.store->journal(fx.session)->undo().has_value());
  fx.reopen("bob");
  CHECK(fx.store->events(fx.session).size() == 1);
  CHECK(fx.store->journal(fx.session)->redo_label() == "Add B");
  REQUIRE(fx.store->journal(fx.session)->undo().has_value());
  fx.reopen();
  CHECK(fx.store->events(fx.session).empty());
  REQUIRE(fx.store->journal(fx.session)->redo().has_value());
  fx.reopen();
  CHECK(fx.store->events(fx.session).size() == 1);
  CHECK(fx.store->journal(fx.session)->redo_label() == "Add B");
  const std::vector<AuditRow> audit = fx.store->audit(fx.session);
  CHECK(std::count_if(audit.begin(), audit.end(), [](const AuditRow& r) { return r.actor == "bob"; }) == 1);
  CHECK(audit.back().action == "redo");
}

TEST_CASE("redo restores the original ids, undo of a delete re-inserts the old id, new ids are never reused") {
  StoreFixture fx;
  std::unique_ptr<Journal> journal = fx.store->journal(fx.session);
  const EventId id = journal->commit(ChangeSet{"Add", {EventOp::insert(bid(5))}}).ops[0].after.id;
  journal->undo();
  const std::optional<ChangeSet> redone = journal->redo();
  REQUIRE(redone.has_value());
  CHECK(redone->ops[0].after.id == id);
  CHECK(fx.store->events(fx.session).at(0).id == id);

  Event stored = fx.store->events(fx.session).at(0);
  journal->commit(ChangeSet{"Delete", {EventOp::remove(stored)}});
  const EventId later = journal->commit(ChangeSet{"Add other", {EventOp::insert(bid(6))}}).ops[0].after.id;
  CHECK(later > id);
  journal->undo();  // Add other
  journal->undo();  // Delete
  CHECK(fx.store->events(fx.session) == std::vector<Event>{stored});
}

TEST_CASE("a new commit discards the redo branch") {
  StoreFixture fx;
  std::unique_ptr<Journal> journal = fx.store->journal(fx.session);
  journal->commit(ChangeSet{"Add A", {EventOp::insert(bid(1))}});
  journal->commit(ChangeSet{"Add B", {EventOp::insert(bid(2))}});
  journal->undo();
  CHECK(journal->redo_label() == "Add B");
  journal->commit(ChangeSet{"Add C", {EventOp::insert(bid(3))}});
  CHECK_FALSE(journal->redo_label().has_value());
  CHECK_FALSE(journal->redo().has_value());
  CHECK(count(fx.db_path, "SELECT count(*) FROM history_steps WHERE label = 'Add B'") == 0);
  CHECK(journal->undo_label() == "Add C");
  journal->undo();
  CHECK(journal->undo_label() == "Add A");
}

TEST_CASE("each session has its own undo steps") {
  StoreFixture fx;
  const SessionId second = fx.store->create_session_for_recording(fx.store->session(fx.session).recording_id,
                                                                  fx.scheme_id, "bob");
  fx.store->journal(fx.session)->commit(ChangeSet{"Alice adds", {EventOp::insert(bid(1))}});
  fx.store->journal(second)->commit(ChangeSet{"Bob adds", {EventOp::insert(bid(1))}});
  CHECK(fx.store->journal(fx.session)->undo_label() == "Alice adds");
  fx.store->journal(second)->undo();
  CHECK(fx.store->events(second).empty());
  CHECK(fx.store->events(fx.session).size() == 1);
}

TEST_CASE("a change made elsewhere is a conflict, and the whole change is rolled back") {
  StoreFixture fx;
  std::unique_ptr<Journal> mine = fx.store->journal(fx.session);
  Event a = bid(1'000);
  a.id = mine->commit(ChangeSet{"Add A", {EventOp::insert(a)}}).ops[0].after.id;
  Event b = bid(2'000);
  b.id = mine->commit(ChangeSet{"Add B", {EventOp::insert(b)}}).ops[0].after.id;

  Store other(fx.db_path, OpenMode::MustExist, "bob");  // another process
  Event a_moved = a;
  a_moved.start = a_moved.end.emplace(1'500);
  other.journal(fx.session)->commit(ChangeSet{"Bob moves A", {EventOp::update(a, a_moved)}});

  const std::vector<Event> before = fx.store->events(fx.session);
  const std::size_t audit_before = fx.store->audit().size();
  const std::int64_t steps_before = count(fx.db_path, "SELECT count(*) FROM history_steps");
  auto expect_conflict = [&](auto&& action) {
    const std::optional<Error> error = error_from(action);
    REQUIRE(error.has_value());
    CHECK(error->kind() == ErrorKind::Conflict);
    CHECK(std::string(error->what()) == "event " + std::to_string(a.id) + " was changed elsewhere");
    CHECK(fx.store->events(fx.session) == before);
    CHECK(fx.store->audit().size() == audit_before);
    CHECK(count(fx.db_path, "SELECT count(*) FROM history_steps") == steps_before);
  };
  Event b_moved = b;
  b_moved.start = b_moved.end.emplace(2'500);
  Event a_mine = a;
  a_mine.comment = "mine";
  // The first op would succeed on its own; the stale second op undoes it.
  expect_conflict([&] { mine->commit(ChangeSet{"Edit both", {EventOp::update(b, b_moved), EventOp::update(a, a_mine)}}); });
  expect_conflict([&] { mine->commit(ChangeSet{"Delete A", {EventOp::remove(a)}}); });

  other.journal(fx.session)->undo();  // Bob takes his move back: A is as I knew it again
  CHECK(mine->commit(ChangeSet{"Delete A", {EventOp::remove(a)}}).ops.size() == 1);
  // The steps belong to the session, not to a journal object: mine sees the others' steps too.
  other.journal(fx.session)->commit(ChangeSet{"Bob edits B", {EventOp::update(b, b_moved)}});
  mine->undo();  // Bob's edit
  mine->undo();  // my Delete A
  Store third(fx.db_path, OpenMode::MustExist, "carol");
  third.journal(fx.session)->commit(ChangeSet{"Carol deletes A", {EventOp::remove(a)}});
  CHECK(mine->undo_label() == "Carol deletes A");
  CHECK_FALSE(mine->redo_label().has_value());
}

TEST_CASE("undo of a step whose event was changed elsewhere is refused") {
  StoreFixture fx;
  std::unique_ptr<Journal> mine = fx.store->journal(fx.session);
  Event a = bid(1'000);
  a.id = mine->commit(ChangeSet{"Add A", {EventOp::insert(a)}}).ops[0].after.id;
  {  // another program edits the row directly
    SQLite::Database raw(fx.db_path, SQLite::OPEN_READWRITE);
    raw.exec("UPDATE events SET comment = 'edited' WHERE code = 'Bid'");
  }
  const std::optional<Error> error = error_from([&] { mine->undo(); });
  REQUIRE(error.has_value());
  CHECK(error->kind() == ErrorKind::Conflict);
  CHECK(mine->undo_label() == "Add A");
  CHECK(fx.store->events(fx.session).size() == 1);
}

TEST_CASE("an approved session refuses changes until it is unlocked") {
  StoreFixture fx;
  std::unique_ptr<Journal> journal = fx.store->journal(fx.session);
  journal->commit(ChangeSet{"Add A", {EventOp::insert(bid(1))}});
  journal->commit(ChangeSet{"Add B", {EventOp::insert(bid(2))}});
  journal->undo();
  for (SessionStatus s : {SessionStatus::Submitted, SessionStatus::Reviewed, SessionStatus::Approved})
    fx.store->set_session_status(fx.session, s);
  CHECK(fx.store->session(fx.session).status == SessionStatus::Approved);
  const std::string message = "session " + std::to_string(fx.session) +
                              " is approved; a supervisor must unlock it before it can be edited";
  for (auto& action : std::vector<std::function<void()>>{
           [&] { journal->commit(ChangeSet{"Add C", {EventOp::insert(bid(3))}}); },
           [&] { journal->undo(); },
           [&] { journal->redo(); }}) {
    const std::optional<Error> error = error_from(action);
    REQUIRE(error.has_value());
    CHECK(error->kind() == ErrorKind::Conflict);
    CHECK(std::string(error->what()) == message);
  }
  CHECK(fx.store->events(fx.session).size() == 1);
  fx.store->unlock_session(fx.session, "the coder missed a bid");
  CHECK(journal->redo().has_value());
  CHECK(fx.store->events(fx.session).size() == 2);
}

TEST_CASE("invalid operations are refused before anything is written") {
  StoreFixture fx;
  std::unique_ptr<Journal> journal = fx.store->journal(fx.session);
  Event backwards = make_event("Positive", "Child", 10, 5);
  std::optional<Error> error = error_from([&] { journal->commit(ChangeSet{"Bad", {EventOp::insert(backwards)}}); });
  REQUIRE(error.has_value());
  CHECK(error->kind() == ErrorKind::InvalidInput);
  Event nameless = make_event("", "Child", 1, 1);
  error = error_from([&] { journal->commit(ChangeSet{"Bad", {EventOp::insert(bid(1)), EventOp::insert(nameless)}}); });
  REQUIRE(error.has_value());
  CHECK(error->kind() == ErrorKind::InvalidInput);
  Event bad_text = bid(1);
  bad_text.comment = std::string("\xff\xfe", 2);
  error = error_from([&] { journal->commit(ChangeSet{"Bad", {EventOp::insert(bad_text)}}); });
  REQUIRE(error.has_value());
  CHECK(error->kind() == ErrorKind::InvalidInput);
  CHECK(fx.store->events(fx.session).empty());
  CHECK_FALSE(journal->undo_label().has_value());

  const ChangeSet empty = journal->commit(ChangeSet{"Nothing", {}});
  CHECK(empty.empty());
  CHECK_FALSE(journal->undo_label().has_value());
}

TEST_CASE("a journal of a missing session is NotFound, and commits move modified_utc") {
  StoreFixture fx;
  const std::optional<Error> error = error_from([&] { fx.store->journal(9999); });
  REQUIRE(error.has_value());
  CHECK(error->kind() == ErrorKind::NotFound);
  const std::string before = fx.store->session(fx.session).modified_utc;
  fx.store->journal(fx.session)->commit(ChangeSet{"Add", {EventOp::insert(bid(1))}});
  CHECK(fx.store->session(fx.session).modified_utc > before);
}

TEST_CASE("a merged step is one durable step: after the process is gone, one undo takes back the event and its modifiers") {
  StoreFixture fx;
  EventId id = 0;
  Event coded = make_event("Bid", "Child", 2'000'000, 2'000'000);
  {
    std::unique_ptr<Journal> journal = fx.store->journal(fx.session);
    id = journal->commit(ChangeSet{"Add Bid", {EventOp::insert(coded)}}).ops[0].after.id;
    coded.id = id;
    Event answered = coded;
    answered.modifiers = {{"channel", "vocal"}};
    journal->commit_merged(ChangeSet{"Set modifiers of Bid", {EventOp::update(coded, answered)}});
    CHECK(journal->undo_label() == "Add Bid");
  }
  fx.reopen();  // a new process: what the database holds is all there is
  CHECK(count(fx.db_path, "SELECT count(*) FROM history_steps") == 1);
  REQUIRE(fx.store->events(fx.session).size() == 1);
  CHECK(fx.store->events(fx.session)[0].modifiers.at("channel") == "vocal");
  const std::int64_t audited = count(fx.db_path, "SELECT count(*) FROM audit");
  std::unique_ptr<Journal> journal = fx.store->journal(fx.session);
  const std::optional<ChangeSet> undone = journal->undo();
  REQUIRE(undone.has_value());
  REQUIRE(undone->ops.size() == 1);  // the event, as it was last: one operation, one audit row
  CHECK(undone->ops[0].kind == EventOp::Kind::Delete);
  CHECK(count(fx.db_path, "SELECT count(*) FROM audit") == audited + 1);
  CHECK(fx.store->events(fx.session).empty());
  CHECK_FALSE(journal->undo().has_value());  // nothing else: the two writes were one step
  REQUIRE(journal->redo().has_value());
  REQUIRE(fx.store->events(fx.session).size() == 1);
  CHECK(fx.store->events(fx.session)[0].modifiers.at("channel") == "vocal");
}

TEST_CASE("a change merged into a step that did not touch its event makes a step of its own") {
  StoreFixture fx;
  std::unique_ptr<Journal> journal = fx.store->journal(fx.session);
  journal->commit(ChangeSet{"Add Bid", {EventOp::insert(make_event("Bid", "Child", 1'000'000, 1'000'000))}});
  journal->commit_merged(ChangeSet{"Add Look", {EventOp::insert(make_event("Look", "Child", 2'000'000, 2'000'000))}});
  CHECK(count(fx.db_path, "SELECT count(*) FROM history_steps") == 2);
  CHECK(journal->undo_label() == "Add Look");
}

}  // namespace
}  // namespace attune
