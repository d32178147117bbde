// The export's worker pool (exporter.cpp): other threads analyse sessions while the calling
// thread reads and writes them in order. Several threads must write exactly what one writes.
// The TSan run (docs/testing.md) runs this case to check the pool's hand-over.
#include <doctest/doctest.h>
#include <stdlib.h>

#include <filesystem>
#include <string>
#include <vector>

#include "export/exporter.h"
#include "store/demo_session.h"
#include "store/session_loader.h"
#include "store/store.h"

using namespace attune;

TEST_CASE("export worker pool: four threads write byte for byte what one thread writes, in the order given") {
  char folder[] = "/tmp/attune-pool-XXXXXX";
  REQUIRE(::mkdtemp(folder) != nullptr);
  struct Cleanup {
    std::string path;
    ~Cleanup() {
      std::error_code ec;
      std::filesystem::remove_all(path, ec);
    }
  } cleanup{folder};

  Store store(std::string(folder) + "/pool.attune", OpenMode::CreateIfMissing, "ann");
  const SessionId demo = open_or_create_demo(store).id;
  const SessionInfo info = store.session(demo);
  const std::vector<Event> events = store.events(demo);
  REQUIRE(events.size() > 10);
  // Nine more codings of the recording, each with a different subset of the demo's events.
  std::vector<SessionId> ids{demo};
  for (int i = 0; i < 9; ++i) {
    const SessionId s = store.create_session_for_recording(info.recording_id, info.scheme_id, "coder" + std::to_string(i));
    LoadedSession loaded = load_session(store, s);
    for (std::size_t k = static_cast<std::size_t>(i % 2); k < events.size(); k += 1 + static_cast<std::size_t>(i % 3)) {
      const Event& e = events[k];
      loaded.history->apply(AddEvent{e.code, e.subject, e.start, e.end, e.frame, e.modifiers, e.comment});
    }
    ids.push_back(s);
  }
  // Not in id order: the file follows the order given.
  std::swap(ids[1], ids[7]);

  std::vector<exports::ExportOptions> kinds(3);
  kinds[0].what = exports::What::Summary;
  kinds[1].what = exports::What::Events;
  kinds[2].what = exports::What::Report;
  kinds[2].format = exports::Format::Json;
  kinds[2].deidentify = true;
  for (exports::ExportOptions& options : kinds) {
    options.generated_utc = "2026-12-02T00:00:00Z";
    auto run = [&](unsigned threads) {
      exports::StoreSource source(store);
      std::string out;
      const exports::ExportResult result =
          exports::export_sessions(source, ids, options, [&](std::string_view b) { out += b; }, {}, threads);
      CHECK(result.sessions == ids.size());
      return out;
    };
    const std::string one = run(1);
    CHECK(one.size() > 1000);
    CHECK(run(4) == one);
  }
}
