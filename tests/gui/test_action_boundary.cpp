// One failure boundary per user action in the window (app/action.h, app/view_boundary.h):
// whatever an action throws ends that action with its message where the user looks; the
// window, and the work already recorded, stay.
#include <doctest/doctest.h>
#include <imgui.h>

#include <SQLiteCpp/Database.h>

#include <stdexcept>

#include "app/logic/action.h"
#include "app/logic/key_map.h"
#include "app/logic/keyboard_coder.h"
#include "app/common/view_boundary.h"
#include "gui_fixture.h"

using namespace attune;
using namespace attune::test;

TEST_SUITE("gui") {
  TEST_CASE("run_action: an Error or any std::exception ends the action with its line, named unless a rule refused it") {
    std::string reported;
    auto report = [&](const std::string& m) { reported = m; };
    CHECK(run_action("Open session 3", [] {}, report));
    CHECK(reported.empty());

    CHECK_FALSE(run_action("Open session 3", [] { throw Error(ErrorKind::Storage, "a.db: database is locked"); }, report));
    CHECK(reported == "Open session 3: a.db: database is locked");
    CHECK_FALSE(run_action("Open session 3", [] { throw std::runtime_error("[json.exception.parse_error.101]"); }, report));
    CHECK(reported == "Open session 3: [json.exception.parse_error.101]");
    CHECK_FALSE(run_action("Open session 3", [] { throw 42; }, report));
    CHECK(reported == "Open session 3: an unexpected error");
    // A refusal's sentence says it all.
    CHECK_FALSE(run_action("Add Bid", [] { throw Error(ErrorKind::InvalidInput, "Bid needs a subject"); }, report));
    CHECK(reported == "Bid needs a subject");
  }

  TEST_CASE("a view that throws mid-draw loses that frame only: ImGui's stacks are unwound and the next frame draws") {
    HeadlessImGui imgui;
    std::string reported;
    int drawn = 0;
    imgui.frame(nullptr, [&] {
      const bool finished = draw_guarded("", [&] {
        ImGui::Begin("screen");
        ImGui::BeginChild("list");
        ImGui::PushID(7);
        ImGui::PushStyleColor(ImGuiCol_Text, ImVec4(1, 0, 0, 1));
        throw std::out_of_range("vector::_M_range_check");  // a bug in a view, say
      }, [&](const std::string& m) { reported = m; });
      CHECK_FALSE(finished);
    });
    CHECK(reported == "vector::_M_range_check");
    for (int i = 0; i < 3; ++i)  // unbalanced stacks would assert in NewFrame/End
      imgui.frame(nullptr, [&] {
        CHECK(draw_guarded("", [&] {
          ImGui::Begin("screen");
          ImGui::TextUnformatted("still here");
          ImGui::End();
          ++drawn;
        }, nullptr));
      });
    CHECK(drawn == 3);
  }

  TEST_CASE("a database locked past the busy timeout while coding: the key is reported with what it would have recorded, and kept listed") {
    HeadlessImGui imgui;
    TestWorkspace tw;
    KeyMap keys;
    KeyboardCoder coder;
    KeyFeed feed;
    auto type = [&](char c) {
      const int key = KeyboardCoder::glfw_key_for(std::string(1, c));
      imgui.frame([&](ImGuiIO& io) { feed.down(io, key, static_cast<unsigned int>(c)); },
                  [&] { coder.handle_keys(*tw.ws, keys, feed.queue.take()); });
      imgui.frame([&](ImGuiIO& io) { feed.up(io, key); }, [&] { coder.handle_keys(*tw.ws, keys, feed.queue.take()); });
    };
    tw.at(2 * kMicrosPerSecond);
    type('k');  // Check, recorded
    REQUIRE(tw.ws->model().size() == 1);
    {
      SQLite::Database other(tw.ws->db_path(), SQLite::OPEN_READWRITE);
      other.exec("BEGIN EXCLUSIVE");  // another program holds the database past the 5 s timeout
      tw.at(3 * kMicrosPerSecond);
      type('k');
      other.exec("ROLLBACK");
    }
    CHECK(tw.ws->model().size() == 1);  // nothing shown that is not stored
    CHECK(tw.ws->last_error().find("Check at 00:00:03.000: ") == 0);
    CHECK(tw.ws->last_error().find("locked") != std::string::npos);
    REQUIRE(tw.ws->unrecorded().size() == 1);
    CHECK(tw.ws->unrecorded()[0] == tw.ws->last_error());

    // The next key works; the lost one stays listed until the user dismisses it.
    tw.at(4 * kMicrosPerSecond);
    type('k');
    CHECK(tw.ws->model().size() == 2);
    CHECK(tw.ws->last_error().empty());
    REQUIRE(tw.ws->unrecorded().size() == 1);
    CHECK(tw.ws->unrecorded()[0].find("Check at 00:00:03.000") == 0);
    tw.ws->clear_error();
    CHECK(tw.ws->unrecorded().empty());
  }
}

#include <chrono>
#include <fstream>
#include <thread>

#include "app/logic/file_check.h"

TEST_SUITE("gui") {
  TEST_CASE("the database file's check runs on another thread and its result reaches the start screen's line") {
    TestWorkspace tw;
    const std::string path = tw.ws->db_path();
    BackgroundFileCheck check;
    check.start(path);
    CHECK(check.line() == "checking the database file…");
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(20);
    while (!check.poll() && std::chrono::steady_clock::now() < deadline)
      std::this_thread::sleep_for(std::chrono::milliseconds(2));
    REQUIRE(check.done());
    CHECK_FALSE(check.damaged());
    CHECK(check.line() == "database file checked: ok");

    // A file that cannot be read at all: the failure is the line, nothing throws.
    BackgroundFileCheck missing;
    missing.start(tw.dir() + "/none.db");
    while (!missing.poll() && std::chrono::steady_clock::now() < deadline)
      std::this_thread::sleep_for(std::chrono::milliseconds(2));
    REQUIRE(missing.done());
    CHECK(missing.damaged());
    CHECK(missing.line().find("Checking the database file: ") == 0);
  }
}
