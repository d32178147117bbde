// Global ratings in the store (table ratings): checked against the session's own
// scheme, refused on an approved session, every change audited with old and new values.
#include <SQLiteCpp/Database.h>

#include <nlohmann/json.hpp>

#include "core/embedded.h"
#include "store_fixture.h"

namespace attune {
namespace {

using nlohmann::json;
using test::error_from;
using test::StoreFixture;

// A session coded with the shipped scheme, whose scales are sensitivity 1-9 and
// dyadic_reciprocity 1-5.
struct RatedFixture : StoreFixture {
  std::int64_t core_scheme = store->import_scheme(
      std::string(embedded_file("samples/schemes/attachment-core.json")));
  SessionId rated = store->create_session(test::sample_recording(), core_scheme, "alice");
};

}  // namespace

TEST_CASE("a rating is set, changed and cleared, each change audited with old and new values") {
  RatedFixture fx;
  CHECK(fx.store->ratings(fx.rated).empty());
  fx.store->set_rating(fx.rated, "sensitivity", 7);
  fx.store->set_rating(fx.rated, "dyadic_reciprocity", 3);
  fx.reopen("bob");  // durable, and the next change is bob's
  fx.store->set_rating(fx.rated, "sensitivity", 5);
  fx.store->set_rating(fx.rated, "sensitivity", 5);  // the same value: nothing to record

  const std::vector<SessionRating> ratings = fx.store->ratings(fx.rated);
  REQUIRE(ratings.size() == 2);  // by scale id
  CHECK(ratings[0].scale_id == "dyadic_reciprocity");
  CHECK(ratings[0].value == 3);
  CHECK(ratings[1].scale_id == "sensitivity");
  CHECK(ratings[1].value == 5);

  fx.store->set_rating(fx.rated, "dyadic_reciprocity", std::nullopt);
  REQUIRE(fx.store->ratings(fx.rated).size() == 1);

  std::vector<AuditRow> trail;
  for (const AuditRow& row : fx.store->audit(fx.rated))
    if (row.action.rfind("rating.", 0) == 0) trail.push_back(row);
  REQUIRE(trail.size() == 4);  // set 7, set 3, 7 -> 5, clear 3
  CHECK(trail[0].action == "rating.set");
  CHECK(trail[0].old_json.empty());
  CHECK(json::parse(trail[0].new_json)["value"] == 7);
  CHECK(trail[2].actor == "bob");
  CHECK(json::parse(trail[2].old_json)["value"] == 7);
  CHECK(json::parse(trail[2].new_json)["value"] == 5);
  CHECK(trail[3].action == "rating.clear");
  CHECK(json::parse(trail[3].old_json)["scale"] == "dyadic_reciprocity");
  CHECK(trail[3].new_json.empty());
  CHECK(fx.store->verify().audit_ok);
}

TEST_CASE("a rating outside its scale, on a scale the scheme lacks, or on an approved session is refused") {
  RatedFixture fx;
  for (int bad : {0, 10}) {
    const std::optional<Error> e = error_from([&] { fx.store->set_rating(fx.rated, "sensitivity", bad); });
    REQUIRE(e.has_value());
    CHECK(e->kind() == ErrorKind::InvalidInput);
    CHECK(std::string(e->what()) == "A Sensitivity rating of " + std::to_string(bad) +
                                        " is out of range; use a whole number from 1 to 9.");
  }
  std::optional<Error> e = error_from([&] { fx.store->set_rating(fx.rated, "warmth", 3); });
  REQUIRE(e.has_value());
  CHECK(std::string(e->what()) == "'warmth' is not a global rating of scheme 'Attachment core'.");
  e = error_from([&] { fx.store->set_rating(fx.rated, "warmth", std::nullopt); });
  REQUIRE(e.has_value());
  CHECK(e->kind() == ErrorKind::InvalidInput);
  e = error_from([&] { fx.store->set_rating(999, "sensitivity", 3); });
  REQUIRE(e.has_value());
  CHECK(e->kind() == ErrorKind::NotFound);

  fx.store->set_rating(fx.rated, "sensitivity", 8);
  for (SessionStatus s : {SessionStatus::Submitted, SessionStatus::Reviewed, SessionStatus::Approved})
    fx.store->set_session_status(fx.rated, s);
  e = error_from([&] { fx.store->set_rating(fx.rated, "sensitivity", 2); });
  REQUIRE(e.has_value());
  CHECK(e->kind() == ErrorKind::Conflict);
  CHECK(std::string(e->what()) == "session 2 is approved; a supervisor must unlock it before its ratings can change");
  CHECK(fx.store->ratings(fx.rated).at(0).value == 8);
  fx.store->unlock_session(fx.rated, "re-rate after the case conference");
  fx.store->set_rating(fx.rated, "sensitivity", 2);
  CHECK(fx.store->ratings(fx.rated).at(0).value == 2);
}

}  // namespace attune
