// Supervisors (schemas/003-supervisors.sql): nobody named -> everyone may review; once named,
// only they may review, approve, return, unlock, choose the master coding and change the
// list; a coder still hands in. Every change to the list is audited.
#include <nlohmann/json.hpp>

#include "store_fixture.h"

namespace attune {
namespace {

using nlohmann::json;
using test::error_from;
using test::StoreFixture;
using S = SessionStatus;

std::string refusal(const std::function<void()>& f) {
  const std::optional<Error> e = error_from(f);
  REQUIRE(e.has_value());
  CHECK(e->kind() == ErrorKind::Conflict);
  return e->what();
}

}  // namespace

TEST_CASE("once supervisors are named, only they review, approve, return, unlock and choose the master") {
  StoreFixture fx;  // the session's coder is alice
  CHECK(fx.store->supervisors().empty());
  CHECK(fx.store->may_supervise());  // nobody named: everyone may

  fx.reopen("sam");
  fx.store->add_supervisor("sam");  // the first name is free to add
  CHECK(fx.store->supervisors() == std::vector<std::string>{"sam"});

  fx.reopen("alice");
  CHECK_FALSE(fx.store->may_supervise());
  fx.store->set_session_status(fx.session, S::Submitted);  // a coder hands in
  CHECK(refusal([&] { fx.store->set_session_status(fx.session, S::Reviewed); }) ==
        "only a supervisor may mark as reviewed a coding (supervisors: sam; you are alice)");
  CHECK(refusal([&] { fx.store->set_session_status(fx.session, S::Coding); }) ==
        "only a supervisor may return a coding (supervisors: sam; you are alice)");
  CHECK(refusal([&] { fx.store->set_master(fx.session); }).find("choose the master coding") != std::string::npos);
  CHECK(refusal([&] { fx.store->add_supervisor("alice"); }) ==
        "only a supervisor may name another supervisor (supervisors: sam; you are alice)");
  CHECK(fx.store->session(fx.session).status == S::Submitted);

  fx.reopen("sam");
  fx.store->set_session_status(fx.session, S::Reviewed);
  fx.store->set_session_status(fx.session, S::Approved);
  fx.store->set_master(fx.session);
  fx.store->add_supervisor("tess");

  fx.reopen("alice");
  CHECK(refusal([&] { fx.store->unlock_session(fx.session, "typo"); }).find("unlock an approved coding") !=
        std::string::npos);
  fx.reopen("tess");
  fx.store->unlock_session(fx.session, "re-code the reunion");
  CHECK(fx.store->session(fx.session).status == S::Coding);
  fx.store->remove_supervisor("sam");
  CHECK(fx.store->supervisors() == std::vector<std::string>{"tess"});

  std::vector<AuditRow> changes;
  for (const AuditRow& row : fx.store->audit())
    if (row.action.rfind("supervisor.", 0) == 0) changes.push_back(row);
  REQUIRE(changes.size() == 3);
  CHECK(changes[0].actor == "sam");
  CHECK(json::parse(changes[0].new_json)["name"] == "sam");
  CHECK(changes[1].action == "supervisor.add");
  CHECK(json::parse(changes[1].new_json)["name"] == "tess");
  CHECK(changes[2].action == "supervisor.remove");
  CHECK(changes[2].actor == "tess");
  CHECK(json::parse(changes[2].old_json)["name"] == "sam");
  CHECK(fx.store->verify().audit_ok);
}

TEST_CASE("with supervisors named, a comment is changed or deleted only by its author or a supervisor") {
  StoreFixture fx;
  fx.reopen("sam");
  fx.store->add_supervisor("sam");
  const std::int64_t sams = fx.store->add_comment(fx.session, "check the reunion bids");
  fx.reopen("alice");
  const std::int64_t alices = fx.store->add_comment(fx.session, "I was unsure here", 5'000'000);
  fx.store->edit_comment(alices, "I was unsure about this bid");  // her own
  CHECK(refusal([&] { fx.store->edit_comment(sams, "done"); }) ==
        "only a supervisor may change another person's comment (supervisors: sam; you are alice)");
  CHECK(refusal([&] { fx.store->delete_comment(sams); }).find("delete another person's comment") != std::string::npos);
  fx.reopen("sam");
  fx.store->edit_comment(alices, "unsure about this bid (alice)");
  fx.store->delete_comment(sams);
  const std::vector<SessionComment> left = fx.store->comments(fx.session);
  REQUIRE(left.size() == 1);
  CHECK(left[0].text == "unsure about this bid (alice)");
}

TEST_CASE("supervisor names: blank refused, adding twice or removing an absent name changes nothing") {
  StoreFixture fx;
  const std::optional<Error> e = error_from([&] { fx.store->add_supervisor("  "); });
  REQUIRE(e.has_value());
  CHECK(e->kind() == ErrorKind::InvalidInput);
  const std::size_t audit_rows = fx.store->audit().size();
  fx.store->remove_supervisor("nobody");
  fx.store->add_supervisor("alice");
  fx.store->add_supervisor("alice");
  CHECK(fx.store->supervisors() == std::vector<std::string>{"alice"});
  CHECK(fx.store->audit().size() == audit_rows + 1);
  // Removing the last supervisor opens supervision to everyone again.
  fx.store->remove_supervisor("alice");
  fx.reopen("bob");
  CHECK(fx.store->may_supervise());
}

}  // namespace attune
