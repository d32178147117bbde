// The start screen's "New coding": a second coder codes the same recording blind, from an
// empty coding with the same scheme, under their own name.
#include <doctest/doctest.h>
#include <imgui.h>

#include "app/sessions_view.h"
#include "gui_fixture.h"

using namespace attune;
using namespace attune::test;

TEST_SUITE("gui") {
  TEST_CASE("start screen: a new coding of a coded recording starts empty, same recording and scheme, this coder") {
    HeadlessImGui imgui;
    TestWorkspace tw;  // session 1 by "tester", recording G-1
    tw.ws->apply(AddEvent{.code = "bid", .subject = "child", .start = kMicrosPerSecond});
    const SessionInfo first = tw.ws->info();
    Store store(tw.ws->db_path(), OpenMode::MustExist, "bob");
    SessionsView view;
    view.refresh(store);
    imgui.frame(nullptr, [&] { view.draw(store); });

    const std::optional<SessionId> fresh = view.new_coding(store, first.id);
    REQUIRE(fresh.has_value());
    const SessionInfo second = store.session(*fresh);
    CHECK(second.id != first.id);
    CHECK(second.recording_id == first.recording_id);
    CHECK(second.scheme_id == first.scheme_id);
    CHECK(second.coder == "bob");
    CHECK(second.status == SessionStatus::Coding);
    CHECK(store.events(*fresh).empty());      // blind: none of the first coding's events
    CHECK(store.events(first.id).size() == 1);  // and the first coding untouched
    imgui.frame(nullptr, [&] { view.draw(store); });

    CHECK_FALSE(view.new_coding(store, 999).has_value());
    CHECK(view.error().find("999") != std::string::npos);
  }
}
