// A changed scheme is stored as the next version of its name; the versions sessions use
// stay byte for byte as they were.
#include <doctest/doctest.h>

#include "core/embedded.h"
#include "scheme/scheme_loader.h"
#include "store/scheme_versions.h"
#include "store_fixture.h"

using namespace attune;
using namespace attune::test;

namespace {
constexpr const char* kShipped = "samples/schemes/attachment-core.json";

Scheme shipped_scheme() {
  SchemeLoadResult loaded = load_scheme_text(std::string(embedded_file(kShipped)), kShipped);
  REQUIRE(loaded.ok());
  return *loaded.scheme;
}
}  // namespace

TEST_CASE("an edited scheme is saved as the next version - the stored version and its sessions are untouched") {
  TempDir dir;
  Store store(dir.file("a.db"), OpenMode::CreateIfMissing, "tester");
  const std::string text(embedded_file(kShipped));
  Scheme scheme = shipped_scheme();
  const int shipped = scheme.version;
  const std::int64_t v1 = store.import_scheme(text);
  const SessionId session = store.create_session(sample_recording(), v1, "tester");
  CHECK(next_scheme_version(store, scheme.name) == shipped + 1);
  CHECK(next_scheme_version(store, "no such scheme") == 1);

  scheme.codes.push_back(Code{.id = "gaze_avert", .name = "GazeAvert", .group = "child_signals",
                              .kind = CodeKind::Point, .subjects = {"child"}, .key = "g", .color = "#336699"});
  const SchemeRow saved = save_scheme_version(store, scheme);
  CHECK(saved.version == shipped + 1);
  CHECK(saved.name == scheme.name);
  const SchemeLoadResult reloaded = load_scheme_text(saved.json, "saved");
  REQUIRE(reloaded.ok());
  CHECK(reloaded.scheme->version == shipped + 1);  // the file says the version it is stored under
  CHECK(reloaded.scheme->find_code("gaze_avert") != nullptr);
  CHECK(store.scheme(v1).json == text);  // the old version byte for byte
  CHECK(store.session(session).scheme_id == v1);
  const auto audit = store.audit();
  CHECK(audit.back().action == "scheme.import");
  CHECK(audit.back().row_id == saved.id);

  // Saving again makes yet another version, never a change to one that exists.
  scheme.codes.back().key = "j";
  CHECK(save_scheme_version(store, scheme).version == shipped + 2);
  CHECK(store.schemes().size() == 3);
}

TEST_CASE("a scheme that fails validation is not saved and says why as scheme validate does") {
  TempDir dir;
  Store store(dir.file("a.db"), OpenMode::CreateIfMissing, "tester");
  Scheme scheme = shipped_scheme();
  scheme.codes.push_back(Code{.id = "dup", .name = "Dup", .group = "child_signals", .kind = CodeKind::Point,
                              .subjects = {"child"}, .key = "b", .color = "#336699"});  // b is Bid's key
  const auto error = error_from([&] { save_scheme_version(store, scheme); });
  REQUIRE(error);
  CHECK(error->kind() == ErrorKind::InvalidInput);
  CHECK(std::string(error->what()).find("Key \"b\" is used by both") != std::string::npos);
  CHECK(std::string(error->what()).find("/codes/") != std::string::npos);
  CHECK(store.schemes().empty());
}
