// Store: schemes, recordings and sessions.
#include <SQLiteCpp/Database.h>

#include "store/store_util.h"
#include "store_fixture.h"

namespace attune {
namespace {

using test::error_from;
using test::StoreFixture;

TEST_CASE("schemes are imported once per name and version, byte for byte") {
  test::TempDir dir;
  Store store(dir.file("a.db"));
  const std::string v1 = test::scheme_text("core", 1, "first") + "\n";
  const std::string v2 = test::scheme_text("core", 2, "second");
  const std::int64_t id1 = store.import_scheme(v1);
  CHECK(store.import_scheme(v1) == id1);  // same content: same id
  CHECK(store.audit().size() == 1);

  std::string v1_changed = test::scheme_text("core", 1, "first, changed");
  const std::optional<Error> conflict = error_from([&] { store.import_scheme(v1_changed); });
  REQUIRE(conflict.has_value());
  CHECK(conflict->kind() == ErrorKind::Conflict);

  const std::int64_t id2 = store.import_scheme(v2);
  store.import_scheme(test::scheme_text("alpha", 3));
  const SchemeRow row = store.scheme(id1);
  CHECK(row.json == v1);
  CHECK(row.sha256 == store_detail::sha256_hex(v1));
  CHECK(row.description == "first");
  CHECK(row.version == 1);
  CHECK_FALSE(row.imported_utc.empty());

  CHECK(store.find_scheme("core", std::nullopt)->id == id2);  // latest
  CHECK(store.find_scheme("core", 1)->id == id1);
  CHECK_FALSE(store.find_scheme("core", 9).has_value());
  CHECK_FALSE(store.find_scheme("nope", std::nullopt).has_value());
  const std::vector<SchemeRow> all = store.schemes();
  REQUIRE(all.size() == 3);
  CHECK(all[0].name == "alpha");
  CHECK(all[2].version == 2);

  CHECK(error_from([&] { store.scheme(999); })->kind() == ErrorKind::NotFound);
  CHECK(error_from([&] { store.import_scheme(test::scheme_text("", 1)); })->kind() == ErrorKind::InvalidInput);
  CHECK(error_from([&] { store.import_scheme(test::scheme_text("x", 0)); })->kind() == ErrorKind::InvalidInput);
  CHECK(error_from([&] { store.import_scheme("{not json"); })->kind() == ErrorKind::InvalidInput);
}

TEST_CASE("the store refuses a scheme that does not validate, whoever calls it, and stores nothing") {
  test::TempDir dir;
  Store store(dir.file("a.db"));
  // Valid JSON, but not a coding scheme: no subjects, no codes.
  const std::optional<Error> empty = error_from([&] { store.import_scheme("{}", "empty.json"); });
  REQUIRE(empty.has_value());
  CHECK(empty->kind() == ErrorKind::InvalidInput);
  CHECK(std::string(empty->what()).rfind("empty.json is not a valid coding scheme, not imported: ", 0) == 0);
  // A semantic problem the JSON Schema cannot see: a code in a group the scheme does not have.
  std::string bad_group = test::scheme_text("core", 1);
  bad_group.replace(bad_group.find(R"("group": "signals")"), 18, R"("group": "nowhere")");
  const std::optional<Error> semantic = error_from([&] { store.import_scheme(bad_group, "core.json"); });
  REQUIRE(semantic.has_value());
  CHECK(semantic->kind() == ErrorKind::InvalidInput);
  CHECK_MESSAGE(std::string(semantic->what()).find("nowhere") != std::string::npos, semantic->what());
  CHECK(store.schemes().empty());
  CHECK(store.audit().empty());
}

TEST_CASE("a session is created with its recording - a second coder gets a fresh session") {
  StoreFixture fx;
  const SessionInfo first = fx.store->session(fx.session);
  CHECK(first.scheme_id == fx.scheme_id);
  CHECK(first.scheme_name == "store-test");
  CHECK(first.scheme_version == 1);
  CHECK(first.coder == "alice");
  CHECK(first.status == SessionStatus::Coding);
  CHECK_FALSE(first.is_master);
  CHECK(first.created_utc == first.modified_utc);

  Recording expected = test::sample_recording();
  expected.id = first.recording_id;
  const Recording stored = fx.store->recording(first.recording_id);
  CHECK(stored.dyad == expected.dyad);
  CHECK(stored.child_age_months == expected.child_age_months);
  CHECK(stored.session_type == expected.session_type);
  CHECK(stored.video_path == expected.video_path);
  CHECK(stored.video_size == expected.video_size);
  CHECK(stored.video_hash == expected.video_hash);
  CHECK(stored.fps == expected.fps);
  CHECK(stored.duration == expected.duration);

  const SessionId second = fx.store->create_session_for_recording(first.recording_id, fx.scheme_id, "bob");
  const std::vector<SessionInfo> all = fx.store->sessions();
  REQUIRE(all.size() == 2);
  CHECK(all[1].id == second);
  CHECK(all[1].recording_id == first.recording_id);
  CHECK(all[1].coder == "bob");
  CHECK(fx.store->events(second).empty());
}

TEST_CASE("unknown facts of a recording stay unknown") {
  StoreFixture fx;
  Recording bare;
  bare.dyad = "D-2";
  bare.fps = FrameRate{25, 0};  // invalid: stored as unknown
  const SessionId id = fx.store->create_session(bare, fx.scheme_id, "alice");
  const Recording stored = fx.store->recording(fx.store->session(id).recording_id);
  CHECK_FALSE(stored.child_age_months.has_value());
  CHECK_FALSE(stored.video_size.has_value());
  CHECK_FALSE(stored.duration.has_value());
  CHECK_FALSE(stored.fps.valid());
  CHECK(stored.fps == FrameRate{});
}

TEST_CASE("bad references and input are refused without writing") {
  StoreFixture fx;
  const std::size_t audit_rows = fx.store->audit().size();
  CHECK(error_from([&] { fx.store->create_session(test::sample_recording(), 999, "alice"); })->kind() ==
        ErrorKind::NotFound);
  CHECK(error_from([&] { fx.store->create_session_for_recording(999, fx.scheme_id, "bob"); })->kind() ==
        ErrorKind::NotFound);
  CHECK(error_from([&] { fx.store->create_session(Recording{}, fx.scheme_id, "alice"); })->kind() ==
        ErrorKind::InvalidInput);
  CHECK(error_from([&] { fx.store->create_session(test::sample_recording(), fx.scheme_id, ""); })->kind() ==
        ErrorKind::InvalidInput);
  CHECK(error_from([&] { fx.store->session(999); })->kind() == ErrorKind::NotFound);
  CHECK(error_from([&] { fx.store->recording(999); })->kind() == ErrorKind::NotFound);
  CHECK(error_from([&] { fx.store->events(999); })->kind() == ErrorKind::NotFound);
  CHECK(error_from([&] { fx.store->set_session_status(999, SessionStatus::Approved); })->kind() ==
        ErrorKind::NotFound);
  CHECK(fx.store->audit().size() == audit_rows);
  CHECK(fx.store->sessions().size() == 1);
}

TEST_CASE("session status moves through review and is audited once per change") {
  StoreFixture fx;
  const std::size_t before = fx.store->audit().size();
  fx.store->set_session_status(fx.session, SessionStatus::Submitted);
  fx.store->set_session_status(fx.session, SessionStatus::Submitted);  // no change, no row
  fx.store->set_session_status(fx.session, SessionStatus::Reviewed);
  CHECK(fx.store->session(fx.session).status == SessionStatus::Reviewed);
  CHECK(fx.store->audit().size() == before + 2);
}

TEST_CASE("a store that does not know who is acting reads but refuses every change, never writing unknown") {
  test::TempDir dir;
  Store store(dir.file("a.db"), OpenMode::CreateIfMissing, "");
  CHECK(store.actor().empty());
  const std::optional<Error> refused = test::error_from([&] { store.import_scheme(test::scheme_text("s", 1)); });
  REQUIRE(refused.has_value());
  CHECK(refused->kind() == ErrorKind::InvalidInput);
  CHECK(std::string(refused->what()).find("your name") != std::string::npos);
  CHECK(store.schemes().empty());
  CHECK(store.audit().empty());
  store.set_actor("ann");  // once the window has asked
  store.import_scheme(test::scheme_text("s", 1));
  CHECK(store.audit().at(0).actor == "ann");
}

}  // namespace
}  // namespace attune
