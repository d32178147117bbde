// Deleting a session started by mistake (schemas/004-session-delete.sql): the coder's own
// coding while it is being coded, a supervisor's any session that is not approved; the rows
// stay for the audit trail, the session leaves every list and refuses changes and reads.
#include <SQLiteCpp/Database.h>
#include <nlohmann/json.hpp>

#include "store_fixture.h"

namespace attune {
namespace {

using nlohmann::json;
using test::error_from;
using test::StoreFixture;
using S = SessionStatus;

ErrorKind kind_of(const std::function<void()>& f) {
  const std::optional<Error> e = error_from(f);
  REQUIRE(e.has_value());
  return e->kind();
}

}  // namespace

TEST_CASE("a coder deletes their own coding: hidden from lists, refused for changes, rows kept, audited") {
  StoreFixture fx;  // alice's session, nobody named supervisor
  std::unique_ptr<Journal> journal = fx.store->journal(fx.session);
  Event e = test::make_event("bid", "child", 1'000'000, 1'000'000);
  ChangeSet add;
  add.label = "Add";
  add.ops.push_back(EventOp::insert(e));
  journal->commit(add);
  const SessionInfo before = fx.store->session(fx.session);
  fx.store->add_comment(fx.session, "started on the wrong file");

  fx.store->delete_session(fx.session);

  CHECK(fx.store->sessions().empty());
  CHECK(fx.store->sessions_of_recording(before.recording_id).empty());
  const std::optional<Error> gone = error_from([&] { fx.store->session(fx.session); });
  REQUIRE(gone.has_value());
  CHECK(gone->kind() == ErrorKind::NotFound);
  CHECK(std::string(gone->what()).find("session " + std::to_string(fx.session) + " was deleted") == 0);
  CHECK(std::string(gone->what()).find("alice") != std::string::npos);
  CHECK(kind_of([&] { fx.store->events(fx.session); }) == ErrorKind::NotFound);
  CHECK(kind_of([&] { fx.store->journal(fx.session); }) == ErrorKind::NotFound);
  CHECK(kind_of([&] { journal->commit(add); }) == ErrorKind::NotFound);  // a window still open on it
  CHECK(kind_of([&] { fx.store->set_session_status(fx.session, S::Submitted); }) == ErrorKind::NotFound);
  CHECK(kind_of([&] { fx.store->add_comment(fx.session, "x"); }) == ErrorKind::NotFound);
  CHECK(kind_of([&] { fx.store->set_master(fx.session); }) == ErrorKind::NotFound);
  CHECK(kind_of([&] { fx.store->record_export({fx.session}, "events csv"); }) == ErrorKind::NotFound);
  CHECK(kind_of([&] { fx.store->delete_session(fx.session); }) == ErrorKind::NotFound);

  // The audit row carries the old row; the trail of the session is still readable and whole.
  const std::vector<AuditRow> audit = fx.store->audit(fx.session);
  REQUIRE_FALSE(audit.empty());
  const AuditRow& row = audit.back();
  CHECK(row.action == "session.delete");
  CHECK(row.actor == "alice");
  const json old_row = json::parse(row.old_json);
  CHECK(old_row["coder"] == "alice");
  CHECK(old_row["status"] == "coding");
  CHECK(old_row["recording_id"] == before.recording_id);
  CHECK(old_row["event_count"] == 1);
  CHECK(json::parse(row.new_json)["deleted_by"] == "alice");
  CHECK(fx.store->verify().audit_ok);
  CHECK(fx.store->verify().integrity_ok);
  journal.reset();

  // The rows are still in the file (recoverable), marked.
  SQLite::Database raw(fx.db_path, SQLite::OPEN_READONLY);
  CHECK(raw.execAndGet("SELECT count(*) FROM events WHERE session_id = " + std::to_string(fx.session)).getInt() == 1);
  CHECK(raw.execAndGet("SELECT count(*) FROM comments WHERE session_id = " + std::to_string(fx.session)).getInt() == 1);
  CHECK(raw.execAndGet("SELECT deleted_by FROM sessions WHERE id = " + std::to_string(fx.session)).getString() ==
        "alice");
}

TEST_CASE("delete permission: own coding while coding, a supervisor any unapproved session, approved never") {
  StoreFixture fx;  // alice's session
  fx.reopen("sam");
  fx.store->add_supervisor("sam");
  const SessionId bobs = fx.store->create_session_for_recording(fx.store->session(fx.session).recording_id,
                                                                fx.scheme_id, "bob");
  fx.reopen("alice");
  // another coder's session
  const std::optional<Error> others = error_from([&] { fx.store->delete_session(bobs); });
  REQUIRE(others.has_value());
  CHECK(others->kind() == ErrorKind::Conflict);
  CHECK(std::string(others->what()).find("only a supervisor may delete another coder's session") == 0);
  // her own, once handed in
  fx.store->set_session_status(fx.session, S::Submitted);
  const std::optional<Error> handed_in = error_from([&] { fx.store->delete_session(fx.session); });
  REQUIRE(handed_in.has_value());
  CHECK(handed_in->kind() == ErrorKind::Conflict);
  CHECK(std::string(handed_in->what()).find("handed in (submitted)") != std::string::npos);
  CHECK(fx.store->sessions().size() == 2);

  // The supervisor deletes a submitted coding, and bob's master coding (the mark goes with it).
  fx.reopen("sam");
  fx.store->set_master(bobs);
  fx.store->delete_session(fx.session);
  fx.store->delete_session(bobs);
  CHECK(fx.store->sessions().empty());

  // An approved session is refused even to a supervisor.
  const SessionId third = fx.store->create_session(test::sample_recording(), fx.scheme_id, "bob");
  fx.store->set_master(third);  // the deleted master no longer holds the recording's mark
  for (S s : {S::Submitted, S::Reviewed, S::Approved}) fx.store->set_session_status(third, s);
  const std::optional<Error> approved = error_from([&] { fx.store->delete_session(third); });
  REQUIRE(approved.has_value());
  CHECK(approved->kind() == ErrorKind::Conflict);
  CHECK(std::string(approved->what()).find("unlock") != std::string::npos);
  CHECK(fx.store->sessions().size() == 1);
}

}  // namespace attune
