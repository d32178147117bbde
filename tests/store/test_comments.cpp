// Supervisor comments: on the whole session, a moment or an event; listed session-wide first,
// then by moment; audited; refused with a reason when they make no sense.
#include <SQLiteCpp/Database.h>

#include <nlohmann/json.hpp>

#include "store_fixture.h"

namespace attune {
namespace {

using nlohmann::json;
using test::error_from;
using test::make_event;
using test::StoreFixture;

TEST_CASE("comments tie to the session, a moment or an event, and are listed in timeline order") {
  StoreFixture fx;
  std::unique_ptr<Journal> journal = fx.store->journal(fx.session);
  const EventId bid = journal->commit(ChangeSet{"Add", {EventOp::insert(make_event("Bid", "Child", 7'500'000, 7'500'000))}})
                          .ops[0]
                          .after.id;
  fx.reopen("supervisor");
  const std::int64_t late = fx.store->add_comment(fx.session, "comfort came late here", 42'000'000);
  const std::int64_t on_event = fx.store->add_comment(fx.session, "this is a look, not a bid", std::nullopt, bid);
  const std::int64_t overall = fx.store->add_comment(fx.session, "good pacing overall");
  const std::int64_t early = fx.store->add_comment(fx.session, "start of free play", 0);

  const std::vector<SessionComment> comments = fx.store->comments(fx.session);
  REQUIRE(comments.size() == 4);
  CHECK(comments[0].id == overall);
  CHECK_FALSE(comments[0].at.has_value());
  CHECK_FALSE(comments[0].event_id.has_value());
  CHECK(comments[1].id == early);
  CHECK(comments[1].at == 0);
  CHECK(comments[2].id == on_event);
  CHECK(comments[2].event_id == bid);
  CHECK(comments[2].at == 7'500'000);  // the event's onset
  CHECK(comments[3].id == late);
  CHECK(comments[3].text == "comfort came late here");
  for (const SessionComment& c : comments) {
    CHECK(c.author == "supervisor");
    CHECK(c.session_id == fx.session);
    CHECK_FALSE(c.created_utc.empty());
  }

  // Each comment is one audit row with its content.
  std::vector<AuditRow> rows;
  for (const AuditRow& row : fx.store->audit(fx.session))
    if (row.action == "comment.insert") rows.push_back(row);
  REQUIRE(rows.size() == 4);
  CHECK(rows[1].table_name == "comments");
  CHECK(rows[1].row_id == on_event);
  CHECK(rows[1].actor == "supervisor");
  CHECK(json::parse(rows[1].new_json) == json{{"id", on_event},
                                              {"session_id", fx.session},
                                              {"event_id", bid},
                                              {"at_us", 7'500'000},
                                              {"author", "supervisor"},
                                              {"text", "this is a look, not a bid"}});
  CHECK(fx.store->verify().audit_ok);
}

TEST_CASE("a comment on an event survives the event's delete and keeps its moment") {
  StoreFixture fx;
  std::unique_ptr<Journal> journal = fx.store->journal(fx.session);
  const Event bid = journal->commit(ChangeSet{"Add", {EventOp::insert(make_event("Bid", "Child", 3, 3))}}).ops[0].after;
  fx.store->add_comment(fx.session, "check this one", std::nullopt, bid.id);
  journal->commit(ChangeSet{"Delete", {EventOp::remove(bid)}});
  REQUIRE(fx.store->comments(fx.session).size() == 1);
  CHECK(fx.store->comments(fx.session)[0].event_id == bid.id);
  CHECK(fx.store->comments(fx.session)[0].at == 3);
  journal->undo();  // the event comes back under its old id
  CHECK(fx.store->events(fx.session).at(0).id == bid.id);
}

TEST_CASE("comments are allowed on an approved session: they do not change the coding") {
  StoreFixture fx;
  for (SessionStatus s : {SessionStatus::Submitted, SessionStatus::Reviewed, SessionStatus::Approved})
    fx.store->set_session_status(fx.session, s);
  CHECK(fx.store->add_comment(fx.session, "approved; see 2:10 for a model reflection", 130'000'000) > 0);
}

TEST_CASE("senseless comments are refused without writing") {
  StoreFixture fx;
  const SessionId other = fx.store->create_session(test::sample_recording(), fx.scheme_id, "bob");
  const EventId theirs = fx.store->journal(other)
                             ->commit(ChangeSet{"Add", {EventOp::insert(make_event("Bid", "Child", 1, 1))}})
                             .ops[0]
                             .after.id;
  const std::size_t audit_before = fx.store->audit().size();
  auto expect = [&](auto&& action, ErrorKind kind, const std::string& message) {
    const std::optional<Error> error = error_from(action);
    REQUIRE(error.has_value());
    CHECK(error->kind() == kind);
    CHECK(std::string(error->what()) == message);
  };
  expect([&] { fx.store->add_comment(fx.session, "  "); }, ErrorKind::InvalidInput, "a comment needs text");
  expect([&] { fx.store->add_comment(fx.session, "x", 5, theirs); }, ErrorKind::InvalidInput,
         "a comment is tied to a moment or to an event, not both");
  expect([&] { fx.store->add_comment(fx.session, "x", -1); }, ErrorKind::InvalidInput,
         "a comment's moment cannot be negative");
  expect([&] { fx.store->add_comment(fx.session, "x", std::nullopt, theirs); }, ErrorKind::InvalidInput,
         "event " + std::to_string(theirs) + " belongs to session " + std::to_string(other) + ", not to session " +
             std::to_string(fx.session));
  expect([&] { fx.store->add_comment(fx.session, "x", std::nullopt, 999); }, ErrorKind::NotFound,
         "event 999 does not exist");
  expect([&] { fx.store->add_comment(999, "x"); }, ErrorKind::NotFound, "session 999 not found");
  expect([&] { fx.store->comments(999); }, ErrorKind::NotFound, "session 999 not found");
  CHECK(error_from([&] { fx.store->add_comment(fx.session, std::string("\xff\xfe", 2)); })->kind() ==
        ErrorKind::InvalidInput);
  CHECK(fx.store->comments(fx.session).empty());
  CHECK(fx.store->audit().size() == audit_before);
}


TEST_CASE("a supervisor edits a comment's text: audited with the old and the new comment") {
  StoreFixture fx;
  const std::int64_t id = fx.store->add_comment(fx.session, "comfort came late", 42'000'000);
  const SessionComment before = fx.store->comment(id);
  fx.reopen("supervisor");
  fx.store->edit_comment(id, "comfort came 3 s late");

  const SessionComment after = fx.store->comment(id);
  CHECK(after.text == "comfort came 3 s late");
  CHECK(after.at == 42'000'000);                   // the moment stays
  CHECK(after.author == before.author);            // so does the author: the audit names the editor
  CHECK(after.created_utc == before.created_utc);
  REQUIRE(fx.store->comments(fx.session).size() == 1);
  CHECK(fx.store->comments(fx.session)[0].text == "comfort came 3 s late");

  const AuditRow row = fx.store->audit(fx.session).back();
  CHECK(row.action == "comment.update");
  CHECK(row.table_name == "comments");
  CHECK(row.row_id == id);
  CHECK(row.actor == "supervisor");
  CHECK(json::parse(row.old_json).at("text") == "comfort came late");
  CHECK(json::parse(row.new_json).at("text") == "comfort came 3 s late");
  CHECK(json::parse(row.new_json).at("at_us") == 42'000'000);
  CHECK(fx.store->verify().audit_ok);

  // The same text again is no change and no audit row.
  const std::size_t rows = fx.store->audit().size();
  fx.store->edit_comment(id, "comfort came 3 s late");
  CHECK(fx.store->audit().size() == rows);
}

TEST_CASE("a supervisor deletes a comment: gone from the list, kept whole in the audit trail") {
  StoreFixture fx;
  const std::int64_t keep = fx.store->add_comment(fx.session, "good pacing overall");
  const std::int64_t gone = fx.store->add_comment(fx.session, "wrong moment", 5'000'000);
  fx.store->delete_comment(gone);

  const std::vector<SessionComment> left = fx.store->comments(fx.session);
  REQUIRE(left.size() == 1);
  CHECK(left[0].id == keep);
  CHECK(error_from([&] { fx.store->comment(gone); })->kind() == ErrorKind::NotFound);

  const AuditRow row = fx.store->audit(fx.session).back();
  CHECK(row.action == "comment.delete");
  CHECK(row.row_id == gone);
  CHECK(row.new_json.empty());
  CHECK(json::parse(row.old_json) == json{{"id", gone},
                                          {"session_id", fx.session},
                                          {"event_id", nullptr},
                                          {"at_us", 5'000'000},
                                          {"author", "alice"},
                                          {"text", "wrong moment"}});
  CHECK(fx.store->verify().audit_ok);
}

TEST_CASE("editing or deleting a missing comment, or blanking one, is refused without writing") {
  StoreFixture fx;
  const std::int64_t id = fx.store->add_comment(fx.session, "keep me", 1);
  const std::size_t audit_before = fx.store->audit().size();
  const std::optional<Error> blank = error_from([&] { fx.store->edit_comment(id, " \n "); });
  REQUIRE(blank);
  CHECK(blank->kind() == ErrorKind::InvalidInput);
  CHECK(std::string(blank->what()) == "a comment needs text");
  const std::optional<Error> missing_edit = error_from([&] { fx.store->edit_comment(999, "x"); });
  REQUIRE(missing_edit);
  CHECK(missing_edit->kind() == ErrorKind::NotFound);
  CHECK(std::string(missing_edit->what()) == "comment 999 not found");
  CHECK(error_from([&] { fx.store->delete_comment(999); })->kind() == ErrorKind::NotFound);
  CHECK(error_from([&] { fx.store->edit_comment(id, std::string("\xff\xfe", 2)); })->kind() ==
        ErrorKind::InvalidInput);
  CHECK(fx.store->comment(id).text == "keep me");
  CHECK(fx.store->audit().size() == audit_before);
}

}  // namespace
}  // namespace attune
