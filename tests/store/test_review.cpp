// Supervisor review in the store: the status rules, unlocking with a reason, the master
// coding of a recording, exports in the audit trail, and the migration to schema 2.
#include <SQLiteCpp/Database.h>
#include <SQLiteCpp/Statement.h>
#include <SQLiteCpp/Transaction.h>

#include <nlohmann/json.hpp>

#include "store/audit.h"
#include "store/database.h"
#include "store/migrations.h"
#include "store/store_util.h"
#include "store_fixture.h"

namespace attune {
namespace {

using nlohmann::json;
using test::error_from;
using test::make_event;
using test::StoreFixture;
using S = SessionStatus;

void approve(Store& store, SessionId session) {
  for (S s : {S::Submitted, S::Reviewed, S::Approved}) store.set_session_status(session, s);
}

TEST_CASE("status moves only along coding → submitted → reviewed → approved, or back to coding") {
  CHECK(status_change_allowed(S::Coding, S::Submitted));
  CHECK(status_change_allowed(S::Submitted, S::Reviewed));
  CHECK(status_change_allowed(S::Reviewed, S::Approved));
  CHECK(status_change_allowed(S::Submitted, S::Coding));
  CHECK(status_change_allowed(S::Reviewed, S::Coding));
  CHECK(status_change_allowed(S::Approved, S::Approved));
  CHECK_FALSE(status_change_allowed(S::Coding, S::Reviewed));
  CHECK_FALSE(status_change_allowed(S::Coding, S::Approved));
  CHECK_FALSE(status_change_allowed(S::Submitted, S::Approved));
  CHECK_FALSE(status_change_allowed(S::Reviewed, S::Submitted));
  for (S to : {S::Coding, S::Submitted, S::Reviewed}) CHECK_FALSE(status_change_allowed(S::Approved, to));

  StoreFixture fx;
  const std::size_t audit_before = fx.store->audit().size();
  std::optional<Error> error = error_from([&] { fx.store->set_session_status(fx.session, S::Approved); });
  REQUIRE(error.has_value());
  CHECK(error->kind() == ErrorKind::Conflict);
  CHECK(std::string(error->what()) ==
        "session 1 cannot go from coding to approved: a session goes coding → submitted → reviewed → approved, "
        "and back to coding from submitted or reviewed");
  CHECK(fx.store->audit().size() == audit_before);

  fx.store->set_session_status(fx.session, S::Submitted);
  fx.store->set_session_status(fx.session, S::Coding);  // returned to the coder
  approve(*fx.store, fx.session);
  for (S to : {S::Coding, S::Submitted, S::Reviewed}) {
    error = error_from([&] { fx.store->set_session_status(fx.session, to); });
    REQUIRE(error.has_value());
    CHECK(error->kind() == ErrorKind::Conflict);
    CHECK(std::string(error->what()) ==
          "session 1 is approved; a supervisor must unlock it, giving a reason, before its status can change");
  }
  fx.store->set_session_status(fx.session, S::Approved);  // the same status: nothing to do

  const std::vector<AuditRow> rows = fx.store->audit(fx.session);
  std::vector<std::pair<std::string, std::string>> moves;
  for (const AuditRow& row : rows)
    if (row.action == "session.status")
      moves.emplace_back(json::parse(row.old_json).at("status"), json::parse(row.new_json).at("status"));
  CHECK(moves == std::vector<std::pair<std::string, std::string>>{{"coding", "submitted"},
                                                                    {"submitted", "coding"},
                                                                    {"coding", "submitted"},
                                                                    {"submitted", "reviewed"},
                                                                    {"reviewed", "approved"}});
}

TEST_CASE("an approved session refuses an event edit with a clear message until unlocked with a reason") {
  StoreFixture fx;
  std::unique_ptr<Journal> journal = fx.store->journal(fx.session);
  Event bid = make_event("Bid", "Child", 1'000'000, 1'000'000);
  bid.id = journal->commit(ChangeSet{"Add Bid", {EventOp::insert(bid)}}).ops[0].after.id;
  approve(*fx.store, fx.session);

  Event moved = bid;
  moved.start = moved.end.emplace(2'000'000);
  const std::optional<Error> error = error_from([&] { journal->commit(ChangeSet{"Move Bid", {EventOp::update(bid, moved)}}); });
  REQUIRE(error.has_value());
  CHECK(error->kind() == ErrorKind::Conflict);
  CHECK(std::string(error->what()) == "session 1 is approved; a supervisor must unlock it before it can be edited");
  CHECK(fx.store->events(fx.session) == std::vector<Event>{bid});

  // A reason is required, and only an approved session is unlocked.
  for (const char* blank : {"", "   ", "\n\t"}) {
    const std::optional<Error> e = error_from([&] { fx.store->unlock_session(fx.session, blank); });
    REQUIRE(e.has_value());
    CHECK(e->kind() == ErrorKind::InvalidInput);
    CHECK(std::string(e->what()) == "unlocking an approved session needs a reason");
  }
  CHECK(fx.store->session(fx.session).status == S::Approved);
  CHECK(error_from([&] { fx.store->unlock_session(999, "x"); })->kind() == ErrorKind::NotFound);

  journal.reset();  // it refers to the Store about to be replaced
  fx.reopen("carol");
  fx.store->unlock_session(fx.session, "bid at 1 s is a look; recode");
  CHECK(fx.store->session(fx.session).status == S::Coding);
  const AuditRow unlock = fx.store->audit(fx.session).back();
  CHECK(unlock.action == "session.unlock");
  CHECK(unlock.actor == "carol");
  CHECK(unlock.row_id == fx.session);
  CHECK(json::parse(unlock.old_json) == json{{"status", "approved"}});
  CHECK(json::parse(unlock.new_json) == json{{"status", "coding"}, {"reason", "bid at 1 s is a look; recode"}});

  journal = fx.store->journal(fx.session);
  CHECK(journal->commit(ChangeSet{"Move Bid", {EventOp::update(bid, moved)}}).ops.size() == 1);
  CHECK(fx.store->events(fx.session).at(0).start == 2'000'000);

  const std::optional<Error> again = error_from([&] { fx.store->unlock_session(fx.session, "again"); });
  REQUIRE(again.has_value());
  CHECK(again->kind() == ErrorKind::Conflict);
  CHECK(std::string(again->what()) == "session 1 is coding, not approved; only an approved session is unlocked");
  CHECK(fx.store->verify().audit_ok);
}

TEST_CASE("one master coding per recording: marking one clears the other, each change audited") {
  StoreFixture fx;
  const RecordingId recording = fx.store->session(fx.session).recording_id;
  const SessionId bob = fx.store->create_session_for_recording(recording, fx.scheme_id, "bob");
  const SessionId elsewhere = fx.store->create_session(test::sample_recording(), fx.scheme_id, "carol");
  CHECK(fx.store->events(bob).empty());  // a fresh coding: nothing copied from alice's
  CHECK(fx.store->sessions_of_recording(recording).size() == 2);
  CHECK(fx.store->sessions_of_recording(recording).at(1).coder == "bob");
  CHECK(fx.store->sessions_of_recording(4242).empty());

  fx.store->set_master(elsewhere);
  fx.store->set_master(fx.session);
  CHECK(fx.store->session(fx.session).is_master);
  std::size_t rows = fx.store->audit().size();
  fx.store->set_master(fx.session);  // already: no row
  CHECK(fx.store->audit().size() == rows);

  fx.store->set_master(bob);
  CHECK_FALSE(fx.store->session(fx.session).is_master);
  CHECK(fx.store->session(bob).is_master);
  CHECK(fx.store->session(elsewhere).is_master);  // another recording keeps its master
  std::vector<AuditRow> audit = fx.store->audit();
  REQUIRE(audit.size() == rows + 2);
  CHECK(audit[rows].action == "session.master");
  CHECK(audit[rows].row_id == fx.session);
  CHECK(json::parse(audit[rows].new_json) == json{{"is_master", false}});
  CHECK(audit[rows + 1].row_id == bob);
  CHECK(json::parse(audit[rows + 1].new_json) == json{{"is_master", true}});

  fx.store->set_master(bob, false);
  CHECK_FALSE(fx.store->session(bob).is_master);
  CHECK(fx.store->audit().back().session_id == bob);
  CHECK(error_from([&] { fx.store->set_master(999); })->kind() == ErrorKind::NotFound);

  // The database itself refuses a second master of a recording.
  fx.store->set_master(bob);
  fx.store.reset();
  SQLite::Database raw(fx.db_path, SQLite::OPEN_READWRITE);
  SQLite::Statement st(raw, "UPDATE sessions SET is_master = 1 WHERE id = ?");
  st.bind(1, fx.session);
  CHECK_THROWS_AS(st.exec(), SQLite::Exception);
}

TEST_CASE("an export is recorded in the audit trail of every exported session") {
  StoreFixture fx;
  const SessionId second = fx.store->create_session(test::sample_recording(), fx.scheme_id, "bob");
  const std::size_t before = fx.store->audit().size();
  fx.store->record_export({fx.session, second, fx.session}, "summary csv to /tmp/out.csv (de-identified)");
  const std::vector<AuditRow> rows = fx.store->audit();
  REQUIRE(rows.size() == before + 2);  // each session once
  for (std::size_t i = before; i < rows.size(); ++i) {
    CHECK(rows[i].action == "export");
    CHECK(rows[i].actor == "alice");
    CHECK(rows[i].old_json.empty());
    CHECK(json::parse(rows[i].new_json) ==
          json{{"what", "summary csv to /tmp/out.csv (de-identified)"}, {"session_count", 2}});
  }
  CHECK(rows[before].session_id == fx.session);
  CHECK(rows[before + 1].session_id == second);
  CHECK(fx.store->audit(second).back().action == "export");

  CHECK(error_from([&] { fx.store->record_export({}, "x"); })->kind() == ErrorKind::InvalidInput);
  CHECK(error_from([&] { fx.store->record_export({fx.session, 999}, "x"); })->kind() == ErrorKind::NotFound);
  CHECK(fx.store->audit().size() == before + 2);  // the refused one wrote nothing
  CHECK(fx.store->verify().audit_ok);

  fx.store.reset();
  Store read_only(fx.db_path, OpenMode::ReadOnly);
  CHECK(error_from([&] { read_only.record_export({1}, "x"); })->kind() == ErrorKind::Storage);
}

// A database as schema 1 left it, written through the v1 DDL only, with a session, events,
// two (impossible before 2, but possible by hand) masters of one recording and audit rows.
void make_v1_database(const std::string& path) {
  const std::vector<store_detail::Migration> all = store_detail::builtin_migrations();
  const std::vector<store_detail::Migration> v1(all.begin(), all.begin() + 1);
  store_detail::OpenedDatabase opened = store_detail::open_database(path, OpenMode::CreateIfMissing, v1);
  SQLite::Database& db = *opened.db;
  REQUIRE(db.execAndGet("PRAGMA user_version").getInt() == 1);
  SQLite::Transaction tx(db, SQLite::TransactionBehavior::IMMEDIATE);
  store_detail::AuditWriter audit(db, "alice", "2024-01-01T00:00:00.000000Z");
  db.exec("INSERT INTO schemes (id, name, version, json, sha256, imported_utc) "
          "VALUES (1, 'attachment-core', 1, '{}', 'x', '2024-01-01T00:00:00Z')");
  db.exec("INSERT INTO recordings (id, dyad, created_utc) VALUES (1, 'D-001', '2024-01-01T00:00:00Z')");
  db.exec("INSERT INTO sessions (id, recording_id, scheme_id, coder, status, is_master, created_utc, modified_utc) "
          "VALUES (1, 1, 1, 'alice', 'approved', 1, 'c', 'm'), (2, 1, 1, 'bob', 'coding', 1, 'c', 'm')");
  db.exec("INSERT INTO events (session_id, code, subject, start_us, end_us, created_utc, modified_utc) "
          "VALUES (1, 'Bid', 'Child', 5000000, 5000000, 'c', 'm'), (2, 'Bid', 'Child', 6000000, 6000000, 'c', 'm')");
  audit.append("session.insert", "sessions", 1, 1, std::nullopt, R"({"id":1})");
  audit.append("session.insert", "sessions", 2, 2, std::nullopt, R"({"id":2})");
  tx.commit();
}

TEST_CASE("a schema 1 database with data is migrated to schema 2 and keeps its data") {
  test::TempDir dir;
  const std::string path = dir.file("v1.db");
  make_v1_database(path);

  Store store(path, OpenMode::MustExist, "carol");
  CHECK(store.schema_version() == 4);  // and on to the latest
  const std::vector<SessionInfo> sessions = store.sessions();
  REQUIRE(sessions.size() == 2);
  CHECK(sessions[0].coder == "alice");
  CHECK(sessions[0].status == S::Approved);
  CHECK(sessions[0].is_master);         // the lowest id keeps the mark
  CHECK_FALSE(sessions[1].is_master);
  CHECK(store.events(1).size() == 1);
  CHECK(store.events(2).at(0).start == 6'000'000);
  REQUIRE(store.audit().size() == 2);
  CHECK(store.verify().audit_ok);
  CHECK(store.verify().integrity_ok);

  // The new parts work on the migrated data.
  CHECK(store.comments(1).empty());
  CHECK(store.add_comment(1, "well coded", 5'000'000) == 1);
  store.set_master(2);
  CHECK(store.session(2).is_master);
  CHECK_FALSE(store.session(1).is_master);
  store.unlock_session(1, "recode the bids");
  CHECK(store.session(1).status == S::Coding);
  CHECK(store.verify().audit_ok);
}

}  // namespace
}  // namespace attune
