#pragma once
// A Workspace on a real SQLite file with a test scheme, for the tests of the app's logic
// (tests/app_logic) and of its views (tests/gui, whose gui_fixture.h includes this): no
// ImGui, GLFW, GL or mpv here.
#include <doctest/doctest.h>
#include <stdlib.h>

#include <chrono>
#include <filesystem>
#include <memory>
#include <stdexcept>
#include <string>

#include "app/logic/workspace.h"
#include "media/stopwatch.h"
#include "scheme/scheme_loader.h"
#include "store/store.h"

namespace attune::test {

inline const char* kGuiScheme = R"({
  "name": "gui-test", "version": 1, "description": "scheme for the headless view tests",
  "subjects": [{"id": "parent", "name": "Parent", "key": "F1"}, {"id": "child", "name": "Child", "key": "F2"}],
  "groups": [
    {"id": "affect", "name": "Child affect", "exclusive": true, "exhaustive": false},
    {"id": "distress", "name": "Distress", "exclusive": false, "exhaustive": false},
    {"id": "signals", "name": "Signals", "exclusive": false, "exhaustive": false}
  ],
  "modifiers": [
    {"id": "channel", "name": "Channel", "kind": "single", "values": ["vocal", "gesture", "show"]},
    {"id": "touch", "name": "Touch", "kind": "multi", "values": ["hold", "stroke", "pat"]},
    {"id": "intensity", "name": "Intensity", "kind": "number", "min": 1, "max": 3}
  ],
  "codes": [
    {"id": "pos", "name": "Positive", "group": "affect", "kind": "state", "subjects": ["child"], "key": "q", "color": "#4caf50"},
    {"id": "neg", "name": "Negative", "group": "affect", "kind": "state", "subjects": ["child"], "key": "w", "color": "#e53935"},
    {"id": "cry", "name": "Cry", "group": "distress", "kind": "state", "subjects": ["child"], "key": "d", "color": "#ff9800",
     "modifiers": ["intensity"]},
    {"id": "bid", "name": "Bid", "group": "signals", "kind": "point", "subjects": ["child"], "key": "b", "color": "#1e88e5",
     "modifiers": ["channel"]},
    {"id": "soothe", "name": "Soothe", "group": "signals", "kind": "point", "subjects": ["parent"], "key": "s",
     "color": "#8e24aa", "modifiers": ["touch", "channel"]},
    {"id": "check", "name": "Check", "group": "signals", "kind": "point", "subjects": ["child"], "key": "k", "color": "#009688"},
    {"id": "prox", "name": "Prox", "group": "signals", "kind": "point", "subjects": ["child"], "key": "p", "color": "#009688"},
    {"id": "look", "name": "Look", "group": "signals", "kind": "point", "subjects": ["parent", "child"], "key": "l",
     "color": "#607d8b"},
    {"id": "big", "name": "Big", "group": "signals", "kind": "point", "subjects": ["child"], "key": "B", "color": "#795548"}
  ],
  "ratings": [], "rules": []
})";

// A temp database with the test scheme and one session, opened as a Workspace whose clock
// is a stopwatch on a fake time source.
class TestWorkspace {
 public:
  // duration: the recording's length (unset: unknown, as for a session made without a video).
  explicit TestWorkspace(const std::string& scheme_json = kGuiScheme, std::optional<Micros> duration = std::nullopt) {
    char pattern[] = "/tmp/attune-gui-XXXXXX";
    dir_ = mkdtemp(pattern);
    auto store = std::make_unique<Store>(dir_ + "/a.db", OpenMode::CreateIfMissing, "tester");
    const SchemeLoadResult scheme = load_scheme_text(scheme_json, "gui-test.json");
    if (!scheme.ok()) throw std::runtime_error(scheme.problems.front().to_string());
    const std::int64_t scheme_id = store->import_scheme(scheme_json);
    Recording r;
    r.dyad = "G-1";
    r.fps = FrameRate{25, 1};
    r.duration = duration;
    session_ = store->create_session(r, scheme_id, "tester");
    auto clock = std::make_unique<Stopwatch>([this] { return now_; });
    ws = std::make_unique<Workspace>(std::move(store), session_, std::move(clock));
  }
  ~TestWorkspace() {
    ws.reset();
    std::error_code ec;
    std::filesystem::remove_all(dir_, ec);
  }
  // Moves the paused clock to t.
  void at(Micros t) { ws->clock().seek(t); }
  // Events as a fresh Store reads them from the file: what is durable.
  std::vector<Event> stored() const { return Store(dir_ + "/a.db", OpenMode::MustExist).events(session_); }
  const std::string& dir() const { return dir_; }

  std::unique_ptr<Workspace> ws;

 private:
  std::string dir_;
  SessionId session_ = 0;
  std::chrono::steady_clock::time_point now_{};
};

// Two codings of one 20 s recording for the comparison tests: A (the TestWorkspace's session)
// Positive 0–4 s, Negative 4–10 s, bid 2 s; B (a second coder's, the master) Positive 0–6 s,
// Negative 6–10 s, bid 2.5 s. Time-unit κ over Child affect (1 s units) disagrees on
// [4 s, 6 s) only.
struct TwoCodings {
  TestWorkspace tw{kGuiScheme, 20'000'000};
  std::unique_ptr<Workspace> other;

  TwoCodings() {
    Store store(ws().db_path(), OpenMode::MustExist, "second");
    const SessionId id = store.create_session_for_recording(ws().recording().id, ws().info().scheme_id, "second");
    auto still = std::make_unique<Stopwatch>([] { return std::chrono::steady_clock::time_point{}; });
    other = std::make_unique<Workspace>(std::make_unique<Store>(ws().db_path(), OpenMode::MustExist, "second"), id,
                                        std::move(still));
    REQUIRE(other->set_master(true));
    REQUIRE(ws().apply(AddEvent{.code = "pos", .start = 0, .end = 4'000'000}));
    REQUIRE(ws().apply(AddEvent{.code = "neg", .start = 4'000'000, .end = 10'000'000}));
    REQUIRE(ws().apply(AddEvent{.code = "bid", .start = 2'000'000}));
    REQUIRE(other->apply(AddEvent{.code = "pos", .start = 0, .end = 6'000'000}));
    REQUIRE(other->apply(AddEvent{.code = "neg", .start = 6'000'000, .end = 10'000'000}));
    REQUIRE(other->apply(AddEvent{.code = "bid", .start = 2'500'000}));
  }
  Workspace& ws() { return *tw.ws; }
};

}  // namespace attune::test
