// attune-cli review end to end: status changes, approval locking, unlock with a reason,
// master codings, comments, the audit listing, and tampering caught by verify.
#include <doctest/doctest.h>

#include <nlohmann/json.hpp>

#include "cli_fixture.h"

using namespace attune::test;
using nlohmann::json;

namespace {

void ok(const ProcessResult& r) { REQUIRE_MESSAGE(r.exit_code == 0, r.err); }

// The tiny scheme, session 1 (tester) with one bid, and bob's fresh coding, session 2.
void two_codings(const Cli& cli) {
  ok(cli({"scheme", "import", cli.write_scheme("tiny.json", kTinyScheme)}));
  ok(cli({"session", "create", "--scheme", "tiny", "--dyad", "D-1", "--duration", "60"}));
  ok(cli({"event", "add", "1", "bid", "--at", "2"}));
  ok(cli({"session", "recode", "1", "--coder", "bob"}));
}

std::vector<std::string> actions(const json& trail) {
  std::vector<std::string> out;
  for (const json& row : trail) out.push_back(row["action"]);
  return out;
}

}  // namespace

TEST_CASE("cli review: approving a coding with running states names them and needs --with-running") {
  Cli cli;
  two_codings(cli);
  ok(cli({"event", "add", "1", "pos", "--at", "1.5"}));  // a state with no end
  ok(cli({"session", "submit", "1"}));
  ok(cli({"session", "review", "1"}));
  auto refused = cli({"session", "approve", "1"});
  CHECK(refused.exit_code == 2);
  CHECK(refused.err == "error: session 1 has 1 state still running (Positive, child, from 00:00:01.500): end them "
                       "first, or approve anyway with --with-running\n");
  CHECK(json::parse(cli({"session", "show", "1", "--json"}).out)["status"] == "reviewed");  // nothing changed
  ok(cli({"session", "approve", "1", "--with-running"}));
  CHECK(json::parse(cli({"session", "show", "1", "--json"}).out)["status"] == "approved");
}

TEST_CASE("cli review: approve locks the session - unlock needs a reason - the audit shows it all") {
  Cli cli;
  two_codings(cli);
  auto skipped = cli({"session", "approve", "1"});
  CHECK(skipped.exit_code == 1);
  CHECK(skipped.err == "error: session 1 cannot go from coding to approved: a session goes coding → submitted → "
                       "reviewed → approved, and back to coding from submitted or reviewed\n");

  auto submitted = cli({"session", "submit", "1"});
  ok(submitted);
  CHECK(submitted.out == "session 1: coding → submitted\n");
  ok(cli({"session", "return", "1"}));  // sent back to the coder
  ok(cli({"session", "submit", "1"}));
  ok(cli({"session", "review", "1"}));
  const json approved = json::parse(cli({"session", "approve", "1", "--json"}).out);
  CHECK(approved == json{{"session", 1}, {"from", "reviewed"}, {"status", "approved"}});

  // An approved session refuses edits with a clear message.
  for (std::vector<std::string> edit : std::vector<std::vector<std::string>>{
           {"event", "add", "1", "bid", "--at", "5"}, {"event", "edit", "1", "--at", "3"}, {"event", "delete", "1"},
           {"undo", "1"}}) {
    auto refused = cli(edit);
    CHECK_MESSAGE(refused.exit_code == 1, edit[0], " ", edit[1]);
    CHECK(refused.err == "error: session 1 is approved; a supervisor must unlock it before it can be edited\n");
  }
  CHECK(json::parse(cli({"event", "list", "1", "--json"}).out).size() == 1);
  auto moved = cli({"session", "return", "1"});
  CHECK(moved.exit_code == 1);
  CHECK(moved.err.find("is approved; a supervisor must unlock it, giving a reason") != std::string::npos);

  // Unlocking needs a reason: none or a blank one is a usage error.
  auto no_reason = cli({"session", "unlock", "1"});
  CHECK(no_reason.exit_code == 2);
  CHECK(no_reason.err.find("--reason") != std::string::npos);
  auto blank = cli({"session", "unlock", "1", "--reason", "  "});
  CHECK(blank.exit_code == 2);
  CHECK(blank.err == "error: unlocking an approved session needs a reason\n");

  auto unlocked = cli({"session", "unlock", "1", "--reason", "bid at 2 s should be a look"});
  ok(unlocked);
  CHECK(unlocked.out == "session 1 unlocked: approved → coding (reason: bid at 2 s should be a look)\n");
  ok(cli({"event", "edit", "1", "--code", "look", "--subject", "child"}));
  CHECK(json::parse(cli({"event", "list", "1", "--json"}).out)[0]["code"] == "look");
  auto again = cli({"session", "unlock", "1", "--reason", "x"});
  CHECK(again.exit_code == 1);
  CHECK(again.err.find("is coding, not approved") != std::string::npos);

  const json trail = json::parse(cli({"audit", "1", "--json"}).out);
  CHECK(actions(trail) == std::vector<std::string>{"recording.insert", "session.insert", "event.insert",
                                                   "session.status", "session.status", "session.status",
                                                   "session.status", "session.status", "session.unlock",
                                                   "event.update"});
  CHECK(trail[3]["old"] == json{{"status", "coding"}});
  CHECK(trail[3]["new"] == json{{"status", "submitted"}});
  CHECK(trail[7]["new"] == json{{"status", "approved"}});
  CHECK(trail[8]["old"] == json{{"status", "approved"}});
  CHECK(trail[8]["new"] == json{{"status", "coding"}, {"reason", "bid at 2 s should be a look"}});
  CHECK(trail[8]["actor"] == "tester");
  CHECK(trail[8]["session"] == 1);
  CHECK(trail[9]["old"]["code"] == "bid");
  CHECK(trail[9]["new"]["code"] == "look");
  for (const json& row : trail) CHECK(row["hash"].get<std::string>().size() == 64);

  // The text listing: one row per change, old → new.
  auto text = cli({"audit", "1"});
  ok(text);
  CHECK(text.out.find("session.unlock") != std::string::npos);
  CHECK(text.out.find("status: approved → coding, reason: bid at 2 s should be a look") != std::string::npos);
  CHECK(text.out.find("code: bid → look") != std::string::npos);
  CHECK(text.out.find("status: coding → submitted") != std::string::npos);
  // Bob's session has its own short trail; the whole database's trail has the scheme too.
  CHECK(actions(json::parse(cli({"audit", "2", "--json"}).out)) == std::vector<std::string>{"session.insert"});
  CHECK(json::parse(cli({"audit", "--json"}).out)[0]["action"] == "scheme.import");
  CHECK(cli({"audit", "9"}).exit_code == 1);
}

TEST_CASE("cli review: recode starts an empty coding - master marks one coding per recording") {
  Cli cli;
  two_codings(cli);
  CHECK(json::parse(cli({"event", "list", "2", "--json"}).out).empty());  // nothing of session 1 is copied
  json sessions = json::parse(cli({"session", "list", "--json"}).out);
  CHECK(sessions[1]["coder"] == "bob");
  CHECK(sessions[1]["recording"]["id"] == sessions[0]["recording"]["id"]);
  CHECK(sessions[1]["scheme"]["name"] == "tiny");

  auto marked = cli({"session", "master", "2"});
  ok(marked);
  CHECK(marked.out == "session 2 is the master coding of recording 1\n");
  auto moved = cli({"session", "master", "1"});
  ok(moved);
  CHECK(moved.out == "session 1 is the master coding of recording 1 (instead of session 2)\n");
  sessions = json::parse(cli({"session", "list", "--json"}).out);
  CHECK(sessions[0]["is_master"] == true);
  CHECK(sessions[1]["is_master"] == false);
  ok(cli({"session", "master", "1", "--clear"}));
  CHECK(json::parse(cli({"session", "list", "--json"}).out)[0]["is_master"] == false);
  const json trail = json::parse(cli({"audit", "2", "--json"}).out);
  CHECK(actions(trail) == std::vector<std::string>{"session.insert", "session.master", "session.master"});
  CHECK(trail[2]["new"] == json{{"is_master", false}});

  CHECK(cli({"session", "recode", "9"}).exit_code == 1);
  CHECK(cli({"session", "recode", "1", "--scheme", "nope"}).exit_code == 2);
}

TEST_CASE("cli review: comments on a moment, an event or the session") {
  Cli cli;
  two_codings(cli);
  ok(cli({"comment", "add", "1", "--at", "12.5", "comfort came late"}));
  ok(cli({"comment", "add", "1", "--event", "1", "this bid is a look"}));
  auto overall = cli({"comment", "add", "1", "good pacing overall"});
  ok(overall);
  CHECK(trimmed(overall.out) == "3");
  const json comments = json::parse(cli({"comment", "list", "1", "--json"}).out);
  REQUIRE(comments.size() == 3);
  CHECK(comments[0]["text"] == "good pacing overall");
  CHECK(comments[0]["at_s"].is_null());
  CHECK(comments[1]["event"] == 1);
  CHECK(comments[1]["at_s"] == 2.0);
  CHECK(comments[2]["at_s"] == 12.5);
  CHECK(comments[2]["author"] == "tester");
  auto text = cli({"comment", "list", "1"});
  CHECK(text.out.find("12.500000") != std::string::npos);
  CHECK(text.out.find("comfort came late") != std::string::npos);

  auto both = cli({"comment", "add", "1", "--at", "1", "--event", "1", "x"});
  CHECK(both.exit_code == 2);
  auto other = cli({"comment", "add", "2", "--event", "1", "x"});
  CHECK(other.exit_code == 2);
  CHECK(other.err == "error: event 1 belongs to session 1, not to session 2\n");
  CHECK(cli({"comment", "add", "1", "--at", "-1", "x"}).exit_code == 2);
  CHECK(cli({"comment", "add", "1", " "}).exit_code == 2);
  CHECK(cli({"comment", "list", "9"}).exit_code == 1);
  const json trail = json::parse(cli({"audit", "1", "--json"}).out);
  CHECK(trail.back()["action"] == "comment.insert");
  CHECK(trail.back()["new"]["text"] == "good pacing overall");
}

TEST_CASE("cli review: comment edit and delete - each audited with the old and the new comment") {
  Cli cli;
  two_codings(cli);
  ok(cli({"comment", "add", "1", "--at", "12.5", "comfort came late"}));
  ok(cli({"comment", "add", "1", "wrong session"}));

  auto edited = cli({"comment", "edit", "1", "--text", "comfort came 3 s late"});
  ok(edited);
  CHECK(edited.out == "comment 1 on session 1 (12.500000 s) edited\n");
  const json listed = json::parse(cli({"comment", "list", "1", "--json"}).out);
  REQUIRE(listed.size() == 2);
  CHECK(listed[1]["text"] == "comfort came 3 s late");
  CHECK(listed[1]["at_s"] == 12.5);  // the moment stays

  const json as_json = json::parse(cli({"comment", "edit", "1", "--text", "comfort came 4 s late", "--json"}).out);
  CHECK(as_json["old_text"] == "comfort came 3 s late");
  CHECK(as_json["text"] == "comfort came 4 s late");

  auto deleted = cli({"comment", "delete", "2"});
  ok(deleted);
  CHECK(deleted.out == "comment 2 on session 1 (the session) deleted; the audit trail keeps its text\n");
  const json left = json::parse(cli({"comment", "list", "1", "--json"}).out);
  REQUIRE(left.size() == 1);
  CHECK(left[0]["id"] == 1);

  const json trail = json::parse(cli({"audit", "1", "--json"}).out);
  const std::vector<std::string> done = actions(trail);
  REQUIRE(done.size() >= 3);
  CHECK(std::vector<std::string>(done.end() - 3, done.end()) ==
        std::vector<std::string>{"comment.update", "comment.update", "comment.delete"});
  const json& first_edit = trail[trail.size() - 3];
  CHECK(first_edit["old"]["text"] == "comfort came late");
  CHECK(first_edit["new"]["text"] == "comfort came 3 s late");
  CHECK(first_edit["actor"] == "tester");
  CHECK(trail.back()["old"]["text"] == "wrong session");
  CHECK(trail.back()["new"].is_null());
  ok(cli({"verify"}));

  // Refusals: an unknown comment is exit 1, blank text exit 2; nothing is written.
  const std::size_t rows = trail.size();
  auto missing = cli({"comment", "delete", "2"});
  CHECK(missing.exit_code == 1);
  CHECK(missing.err == "error: comment 2 not found\n");
  CHECK(cli({"comment", "edit", "9", "--text", "x"}).exit_code == 1);
  CHECK(cli({"comment", "edit", "1", "--text", "  "}).exit_code == 2);
  CHECK(cli({"comment", "edit", "1"}).exit_code != 0);  // --text is required
  CHECK(json::parse(cli({"audit", "1", "--json"}).out).size() == rows);
}

TEST_CASE("cli review: an audit row altered with the sqlite3 shell is named by verify") {
  Cli cli;
  two_codings(cli);
  ok(cli({"session", "submit", "1"}));
  ok(cli({"comment", "add", "1", "--at", "1", "ok"}));
  ok(cli({"verify"}));
  const json trail = json::parse(cli({"audit", "--json"}).out);
  const std::int64_t submitted_row = trail[trail.size() - 2]["id"];  // the session.status row
  REQUIRE(trail[trail.size() - 2]["action"] == "session.status");
  auto tamper = run_process({"/usr/bin/sqlite3", cli.db(),
                             "DROP TRIGGER audit_no_update; UPDATE audit SET new_json = '{\"status\":\"approved\"}' "
                             "WHERE id = " + std::to_string(submitted_row) + ";"});
  REQUIRE_MESSAGE(tamper.exit_code == 0, tamper.err);
  auto r = cli({"verify"});
  CHECK(r.exit_code == 1);
  CHECK(r.err.find("audit row " + std::to_string(submitted_row) + " was altered after it was written") !=
        std::string::npos);
  const json report = json::parse(cli({"verify", "--json"}).out);
  CHECK(report["audit_ok"] == false);
  CHECK(report["first_broken_audit_id"] == submitted_row);
}

TEST_CASE("cli: session delete - the coder's own coding, hidden from the list, refused after, audited with the old row") {
  Cli cli;
  two_codings(cli);  // session 1 by tester, session 2 by bob
  auto as = [&](const char* who, std::vector<std::string> args) {
    args.insert(args.begin(), {"--db", cli.db()});
    return cli.bare(args, {std::string("ATTUNE_USER=") + who});
  };
  // tester may not delete bob's coding once a supervisor is named
  ok(as("sam", {"supervisor", "add", "sam"}));
  auto refused = cli({"session", "delete", "2"});
  CHECK(refused.exit_code == 1);
  CHECK(refused.err == "error: only a supervisor may delete another coder's session (supervisors: sam; you are tester)\n");

  auto deleted = cli({"session", "delete", "1"});
  ok(deleted);
  CHECK(deleted.out == "session 1 (dyad D-1, coder tester) deleted; its rows stay in the database for the audit trail\n");
  const json listed = json::parse(cli({"session", "list", "--json"}).out);
  REQUIRE(listed.size() == 1);
  CHECK(listed[0]["id"] == 2);
  for (std::vector<std::string> after : std::vector<std::vector<std::string>>{
           {"session", "show", "1"}, {"event", "add", "1", "bid", "--at", "5"}, {"event", "list", "1"},
           {"session", "submit", "1"}, {"session", "delete", "1"},
           {"export", "1", "--what", "events", "--format", "csv", "-o", cli.dir().file("x.csv")}}) {
    auto r = cli(after);
    CHECK_MESSAGE(r.exit_code == 1, after[0], " ", after[1]);
    CHECK_MESSAGE(r.err.find("error: session 1 was deleted (") == 0, r.err);
  }
  // the trail of the deleted session is still there, whole
  const json trail = json::parse(cli({"audit", "1", "--json"}).out);
  REQUIRE_FALSE(trail.empty());
  CHECK(trail.back()["action"] == "session.delete");
  CHECK(trail.back()["actor"] == "tester");
  ok(cli({"verify"}));

  // a supervisor deletes bob's; a bad id is bad input
  ok(as("sam", {"session", "delete", "2", "--json"}));
  CHECK(json::parse(cli({"session", "list", "--json"}).out).empty());
  CHECK(cli({"session", "delete", "x"}).exit_code == 2);
  CHECK(cli({"session", "delete", "99"}).exit_code == 1);
}
