// The audit trail: one row per change, append-only by trigger, and a hash chain that
// verify() recomputes to find the first altered or removed row.
#include <SQLiteCpp/Database.h>
#include <SQLiteCpp/Exception.h>
#include <SQLiteCpp/Statement.h>

#include <nlohmann/json.hpp>

#include "store/audit.h"
#include "store/store_util.h"
#include "audit_forgery.h"
#include "store_fixture.h"

namespace attune {
namespace {

using nlohmann::json;
using test::make_event;
using test::StoreFixture;

TEST_CASE("every change writes its audit rows with the row before and after") {
  StoreFixture fx;
  std::vector<AuditRow> rows = fx.store->audit();
  REQUIRE(rows.size() == 3);
  CHECK(rows[0].action == "scheme.import");
  CHECK(rows[0].table_name == "schemes");
  CHECK_FALSE(rows[0].session_id.has_value());
  CHECK(json::parse(rows[0].new_json).at("sha256") == store_detail::sha256_hex(test::kSchemeJson));
  CHECK(rows[1].action == "recording.insert");
  CHECK(json::parse(rows[1].new_json).at("dyad") == "D-017");
  CHECK(rows[2].action == "session.insert");
  CHECK(rows[2].session_id == fx.session);
  for (const AuditRow& row : rows) CHECK(row.actor == "alice");

  std::unique_ptr<Journal> journal = fx.store->journal(fx.session);
  Event a = make_event("Bid", "Child", 10, 10);
  a.modifiers = {{"channel", "vocal"}};
  a.id = journal->commit(ChangeSet{"Add", {EventOp::insert(a)}}).ops[0].after.id;
  Event moved = a;
  moved.start = moved.end.emplace(20);
  journal->commit(ChangeSet{"Move then delete", {EventOp::update(a, moved), EventOp::remove(moved)}});
  rows = fx.store->audit(fx.session);
  REQUIRE(rows.size() == 5);  // session rows + 3 event rows; the scheme row has no session
  CHECK(rows[2].action == "event.insert");
  CHECK(rows[2].table_name == "events");
  CHECK(rows[2].row_id == a.id);
  CHECK(rows[2].old_json.empty());
  const json inserted = json::parse(rows[2].new_json);
  CHECK(inserted.at("modifiers") == json{{"channel", "vocal"}});
  CHECK(inserted.at("session_id") == fx.session);
  CHECK(inserted.at("end_us") == 10);
  CHECK(rows[3].action == "event.update");
  CHECK(json::parse(rows[3].old_json).at("start_us") == 10);
  CHECK(json::parse(rows[3].new_json).at("start_us") == 20);
  CHECK(rows[4].action == "event.delete");
  CHECK(rows[4].new_json.empty());

  journal->undo();
  journal->redo();
  rows = fx.store->audit(fx.session);
  REQUIRE(rows.size() == 9);
  CHECK(rows[5].action == "undo");
  CHECK(rows[5].old_json.empty());  // undoing the delete re-inserts
  CHECK(rows[6].action == "undo");
  CHECK(rows[7].action == "redo");
  CHECK(rows[8].action == "redo");

  fx.store->set_session_status(fx.session, SessionStatus::Submitted);
  CHECK(fx.store->audit(fx.session).back().action == "session.status");
  CHECK(json::parse(fx.store->audit(fx.session).back().old_json).at("status") == "coding");
}

TEST_CASE("audit rows cannot be updated or deleted") {
  StoreFixture fx;
  SQLite::Database raw(fx.db_path, SQLite::OPEN_READWRITE);
  for (const char* sql : {"UPDATE audit SET actor = 'mallory' WHERE id = 1", "DELETE FROM audit WHERE id = 2",
                          "DELETE FROM audit"}) {
    bool refused = false;
    try {
      raw.exec(sql);
    } catch (const SQLite::Exception& e) {
      refused = std::string(e.what()).find("audit rows are append-only") != std::string::npos;
    }
    CHECK_MESSAGE(refused, sql);
  }
  CHECK(fx.store->audit().size() == 3);
}

TEST_CASE("the hash chain links every row and follows the documented format") {
  StoreFixture fx;
  fx.store->journal(fx.session)->commit(ChangeSet{"Add", {EventOp::insert(make_event("Bid", "Child", 1, 1))}});
  const std::vector<AuditRow> rows = fx.store->audit();
  REQUIRE(rows.size() == 4);
  CHECK(rows[0].prev_hash == std::string(64, '0'));
  for (std::size_t i = 1; i < rows.size(); ++i) CHECK(rows[i].prev_hash == rows[i - 1].hash);

  // Recomputed by hand from the format in schemas/001-initial.sql.
  const AuditRow& r = rows[0];
  auto field = [](const std::string& text) { return std::to_string(text.size()) + ":" + text + ","; };
  const std::string content = r.prev_hash + field(std::to_string(r.id)) + field(r.at_utc) + field(r.actor) +
                              field(r.action) + field(r.table_name) + field(std::to_string(r.row_id)) + "~," +
                              "~," + field(r.new_json);
  CHECK(store_detail::sha256_hex(content) == r.hash);

  const VerifyReport report = fx.store->verify();
  CHECK(report.integrity_ok);
  CHECK(report.integrity_message == "ok");
  CHECK(report.audit_ok);
  CHECK(report.audit_rows == 4);
  CHECK_FALSE(report.first_broken_audit_id.has_value());
}

TEST_CASE("verify reports an altered audit row as the first broken link") {
  StoreFixture fx;
  fx.store->journal(fx.session)->commit(ChangeSet{"Add", {EventOp::insert(make_event("Bid", "Child", 1, 1))}});
  {
    SQLite::Database raw(fx.db_path, SQLite::OPEN_READWRITE);
    raw.exec("DROP TRIGGER audit_no_update");
    raw.exec("UPDATE audit SET actor = 'mallory' WHERE id = 2");
  }
  VerifyReport report = fx.store->verify();
  CHECK(report.integrity_ok);
  CHECK_FALSE(report.audit_ok);
  CHECK(report.audit_rows == 4);
  CHECK(report.first_broken_audit_id == 2);
  CHECK(report.audit_message.find("audit row 2") != std::string::npos);

  // A forger who also recomputes the row's hash breaks the link to the next row instead.
  const AuditRow altered = fx.store->audit().at(1);
  store_detail::AuditFields fields{altered.id,        altered.at_utc,     altered.actor, altered.action,
                                   altered.table_name, altered.row_id,     altered.session_id,
                                   std::nullopt,       altered.new_json};
  {
    SQLite::Database raw(fx.db_path, SQLite::OPEN_READWRITE);
    SQLite::Statement st(raw, "UPDATE audit SET hash = ? WHERE id = 2");
    st.bind(1, store_detail::audit_hash(altered.prev_hash, fields));
    st.exec();
  }
  report = fx.store->verify();
  CHECK(report.first_broken_audit_id == 3);
  CHECK(report.audit_message.find("audit row 3") != std::string::npos);
}

TEST_CASE("verify reports a removed audit row at the row after it") {
  StoreFixture fx;
  fx.store->journal(fx.session)->commit(ChangeSet{"Add", {EventOp::insert(make_event("Bid", "Child", 1, 1))}});
  {
    SQLite::Database raw(fx.db_path, SQLite::OPEN_READWRITE);
    raw.exec("DROP TRIGGER audit_no_delete");
    raw.exec("DELETE FROM audit WHERE id = 2");
  }
  const VerifyReport report = fx.store->verify();
  CHECK_FALSE(report.audit_ok);
  CHECK(report.first_broken_audit_id == 3);
  CHECK(report.audit_rows == 3);
}

TEST_CASE("verify reports rows that break foreign keys") {
  StoreFixture fx;
  {
    SQLite::Database raw(fx.db_path, SQLite::OPEN_READWRITE);  // foreign keys are off here
    raw.exec("INSERT INTO events (session_id, code, start_us, created_utc, modified_utc) "
             "VALUES (4242, 'Bid', 0, 'x', 'x')");
  }
  const VerifyReport report = fx.store->verify();
  CHECK_FALSE(report.integrity_ok);
  CHECK(report.integrity_message.find("events") != std::string::npos);
  CHECK(report.audit_ok);
}

// The chain head (audit_head.h): recorded once, it catches what the chain alone cannot.
namespace {

void add_events(StoreFixture& fx, int n, Micros from = 0) {
  std::unique_ptr<Journal> journal = fx.store->journal(fx.session);
  for (int i = 0; i < n; ++i)
    journal->commit(ChangeSet{"Add", {EventOp::insert(make_event("Bid", "Child", from + i, from + i))}});
}

// Rewrites audit row `id` (its new_json) and recomputes the hash of it and of every later
// row, as someone with the sqlite3 shell and the documented format could.
void rewrite_and_rechain(const std::string& db_path, std::int64_t id, const std::string& new_json) {
  SQLite::Database raw(db_path, SQLite::OPEN_READWRITE);
  raw.exec("DROP TRIGGER IF EXISTS audit_no_update");
  {
    SQLite::Statement st(raw, "UPDATE audit SET new_json = ? WHERE id = ?");
    st.bind(1, new_json);
    st.bind(2, id);
    REQUIRE(st.exec() == 1);
  }
  test::recompute_audit_chain(raw);
}

}  // namespace

TEST_CASE("the audit head is the row count and the newest row's hash, printed and parsed in one form") {
  StoreFixture fx;
  const AuditHead head = fx.store->audit_head();
  CHECK(head.count == 3);
  CHECK(head.hash == fx.store->audit().back().hash);
  CHECK(head.text() == "attune-audit-head 3:" + head.hash);
  CHECK(head.abbreviated() == "3:" + head.hash.substr(0, 12) + "…");
  CHECK(AuditHead::parse(head.text()) == head);
  CHECK(AuditHead::parse(head.value()) == head);
  // From an anchor line or a file header, whatever surrounds it; hex case ignored.
  std::string upper = head.value();
  for (char& c : upper) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  CHECK(AuditHead::parse("attune.db 2026-12-02T10:00:00Z " + head.text() + "\n") == head);
  CHECK(AuditHead::parse("  % audit " + std::string(kAuditHeadPrefix) + " " + upper) == head);
  for (const std::string& bad : std::vector<std::string>{"", "3", "3:", ":" + head.hash, "3:" + head.hash.substr(1), "x3:" + head.hash,
                                "3:" + head.hash + "0", "attune-audit-head", "attune-audit-headx 3:" + head.hash,
                                "3:" + std::string(63, '0') + "g", "99999999999999999999:" + head.hash})
    CHECK_MESSAGE(!AuditHead::parse(bad), bad);
  // The verify report carries the same head.
  CHECK(fx.store->verify().audit_head == head);
  // An empty trail's head is 0 and the genesis hash.
  CHECK(AuditHead{}.value() == "0:" + std::string(64, '0'));
}

TEST_CASE("a head recorded earlier catches the newest rows deleted, which the chain alone cannot") {
  StoreFixture fx;
  add_events(fx, 4);
  const AuditHead anchor = fx.store->audit_head();
  REQUIRE(anchor.count == 7);
  CHECK(fx.store->verify(anchor).anchor_ok);
  {
    SQLite::Database raw(fx.db_path, SQLite::OPEN_READWRITE);
    raw.exec("DROP TRIGGER audit_no_delete");
    raw.exec("DELETE FROM audit WHERE id > 5");
  }
  const VerifyReport plain = fx.store->verify();
  CHECK(plain.audit_ok);  // a shorter chain is still a valid chain: why anchors are needed
  CHECK(plain.audit_rows == 5);
  const VerifyReport report = fx.store->verify(anchor);
  CHECK(report.anchor_checked);
  CHECK(report.audit_ok);
  CHECK_FALSE(report.anchor_ok);
  CHECK(report.anchor_message ==
        "the audit trail has 5 rows, fewer than the 7 of the head recorded earlier (" + anchor.abbreviated() +
            "): rows were removed");
}

TEST_CASE("a head recorded earlier catches an earlier row rewritten with the chain recomputed") {
  StoreFixture fx;
  add_events(fx, 3);
  const AuditHead anchor = fx.store->audit_head();
  rewrite_and_rechain(fx.db_path, 4, fx.store->audit().at(3).new_json + " ");
  const VerifyReport plain = fx.store->verify();
  CHECK(plain.audit_ok);  // recomputed: the chain alone sees nothing
  CHECK(plain.audit_head.count == anchor.count);
  CHECK(plain.audit_head.hash != anchor.hash);
  const VerifyReport report = fx.store->verify(anchor);
  CHECK_FALSE(report.anchor_ok);
  CHECK(report.anchor_message.find("the audit trail up to row 6 does not hash to the head recorded earlier") == 0);
}

TEST_CASE("a head recorded earlier still matches after more actions, and catches a broken chain before it") {
  StoreFixture fx;
  add_events(fx, 2);
  const AuditHead anchor = fx.store->audit_head();
  add_events(fx, 3, 100);
  fx.store->set_session_status(fx.session, SessionStatus::Submitted);
  VerifyReport report = fx.store->verify(anchor);
  CHECK(report.audit_ok);
  CHECK(report.anchor_ok);
  CHECK(report.anchor_message == "the audit trail up to row 5 matches the head recorded earlier (" +
                                     anchor.abbreviated() + "); 4 rows added since");
  CHECK(report.audit_head.count == 9);
  // The empty trail's head matches any trail; a count of 0 with another hash is no head.
  CHECK(fx.store->verify(AuditHead{}).anchor_ok);
  CHECK_FALSE(fx.store->verify(AuditHead{0, std::string(64, 'a')}).anchor_ok);
  // An altered row before the head: the anchor fails too, naming the broken row.
  {
    SQLite::Database raw(fx.db_path, SQLite::OPEN_READWRITE);
    raw.exec("DROP TRIGGER audit_no_update");
    raw.exec("UPDATE audit SET actor = 'mallory' WHERE id = 2");
  }
  report = fx.store->verify(anchor);
  CHECK_FALSE(report.audit_ok);
  CHECK_FALSE(report.anchor_ok);
  CHECK(report.anchor_message.find("audit row 2 was altered") != std::string::npos);
}

}  // namespace
}  // namespace attune
