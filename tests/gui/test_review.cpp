// The review panel, headless: status moves through the store, an approved session refuses
// coding keys with the store's message, unlocking needs a reason, comments are durable.
#include <doctest/doctest.h>
#include <imgui.h>

#include "app/review/audit_view.h"
#include "app/logic/keyboard_coder.h"
#include "app/review/review_view.h"
#include "gui_fixture.h"

using namespace attune;
using namespace attune::test;

namespace {
struct Rig {
  HeadlessImGui imgui;
  TestWorkspace tw;
  KeyMap keys;
  KeyboardCoder coder;
  KeyFeed feed;
  ReviewView review;

  Rig() { review.open = true; }
  Workspace& ws() { return *tw.ws; }
  void frame(const std::function<void(ImGuiIO&)>& input = nullptr) {
    imgui.frame(input, [&] {
      coder.handle_keys(ws(), keys, feed.queue.take(), KeyFeed::taken_by());
      review.draw(ws());
    });
  }
  void type(char c) {
    const int key = KeyboardCoder::glfw_key_for(std::string(1, c));
    frame([&](ImGuiIO& io) { feed.down(io, key, static_cast<unsigned int>(c)); });
    frame([&](ImGuiIO& io) { feed.up(io, key); });
  }
  Store reader() const { return Store(tw.ws->db_path(), OpenMode::MustExist); }
  SessionStatus stored_status() const { return reader().session(tw.ws->info().id).status; }
};
}  // namespace

TEST_SUITE("gui") {
  TEST_CASE("an approved session refuses a code key with the store's message and stores nothing") {
    Rig rig;
    rig.frame();
    // A skipped step is refused and said why; nothing moves.
    CHECK_FALSE(rig.review.change_status(rig.ws(), SessionStatus::Approved));
    CHECK(rig.review.message().find("coding → submitted → reviewed → approved") != std::string::npos);
    CHECK(rig.stored_status() == SessionStatus::Coding);

    CHECK(rig.review.change_status(rig.ws(), SessionStatus::Submitted));
    rig.frame();
    CHECK(rig.review.change_status(rig.ws(), SessionStatus::Reviewed));
    rig.frame();
    CHECK(rig.review.change_status(rig.ws(), SessionStatus::Approved));
    rig.frame();
    CHECK(rig.review.message().empty());
    CHECK(rig.ws().info().status == SessionStatus::Approved);
    CHECK(rig.stored_status() == SessionStatus::Approved);
    CHECK_FALSE(status_change_allowed(rig.ws().info().status, SessionStatus::Coding));  // the buttons are disabled

    rig.tw.at(1'000'000);
    rig.type('b');
    CHECK(rig.tw.stored().empty());
    CHECK(rig.ws().model().size() == 0);
    CHECK(rig.ws().last_error().find("approved") != std::string::npos);
    CHECK(rig.ws().last_error().find("unlock") != std::string::npos);
  }

  TEST_CASE("unlocking an approved session needs a reason and is audited with it") {
    Rig rig;
    for (SessionStatus s : {SessionStatus::Submitted, SessionStatus::Reviewed, SessionStatus::Approved})
      REQUIRE(rig.ws().set_status(s));
    rig.frame();
    rig.review.request_unlock();
    rig.frame();  // the dialog opens
    CHECK(rig.review.unlock_requested());
    CHECK_FALSE(rig.review.confirm_unlock(rig.ws()));
    rig.review.unlock_reason() = "   ";
    CHECK_FALSE(rig.review.confirm_unlock(rig.ws()));
    CHECK(rig.review.message().find("reason") != std::string::npos);
    CHECK(rig.stored_status() == SessionStatus::Approved);

    rig.review.unlock_reason() = "onset of bid 3 is late";
    CHECK(rig.review.confirm_unlock(rig.ws()));
    rig.frame();
    CHECK_FALSE(rig.review.unlock_requested());
    CHECK(rig.ws().info().status == SessionStatus::Coding);
    CHECK(rig.stored_status() == SessionStatus::Coding);
    const std::vector<AuditRow> audit = rig.reader().audit(rig.ws().info().id);
    REQUIRE_FALSE(audit.empty());
    CHECK(audit.back().action == "session.unlock");
    CHECK(audit.back().new_json.find("onset of bid 3 is late") != std::string::npos);

    rig.type('b');  // coding works again
    CHECK(rig.tw.stored().size() == 1);
  }

  TEST_CASE("an unlock request right after the dialog was closed from outside opens it again") {
    Rig rig;
    auto approve = [&] {
      for (SessionStatus s : {SessionStatus::Submitted, SessionStatus::Reviewed, SessionStatus::Approved})
        REQUIRE(rig.ws().set_status(s));
    };
    approve();
    rig.review.request_unlock();
    rig.frame();  // the dialog opens
    rig.review.unlock_reason() = "recode the reunion";
    REQUIRE(rig.review.confirm_unlock(rig.ws()));  // an intent, not the dialog's button
    rig.frame();                                   // the dialog closes
    approve();
    rig.review.request_unlock();  // at once: this request once went unseen
    rig.frame();
    rig.frame();
    CHECK(rig.review.unlock_requested());
  }

  TEST_CASE("a comment at the playhead and one on the selected event are stored and listed") {
    Rig rig;
    rig.frame();
    rig.tw.at(3'000'000);
    rig.review.comment_text() = "look at the gaze here";
    CHECK(rig.review.add_comment(rig.ws(), ReviewView::CommentOn::Moment));
    CHECK(rig.review.comment_text().empty());
    // No event selected: refused without storing.
    rig.review.comment_text() = "this bid";
    CHECK_FALSE(rig.review.add_comment(rig.ws(), ReviewView::CommentOn::SelectedEvent));
    const auto added = rig.ws().apply(AddEvent{.code = "bid", .start = 5'000'000});
    REQUIRE(added);
    const EventId bid = rig.ws().model().events().front().id;
    rig.ws().selected = bid;
    CHECK(rig.review.add_comment(rig.ws(), ReviewView::CommentOn::SelectedEvent));
    rig.frame();

    const std::vector<SessionComment> stored = rig.reader().comments(rig.ws().info().id);
    REQUIRE(stored.size() == 2);
    CHECK(stored[0].text == "look at the gaze here");
    CHECK(stored[0].at == 3'000'000);
    CHECK_FALSE(stored[0].event_id);
    CHECK(stored[0].author == "tester");
    CHECK(stored[1].event_id == bid);
    CHECK(stored[1].at == 5'000'000);
    CHECK(rig.ws().comments().size() == 2);  // what the panel, the timeline and the list show
    CHECK(rig.ws().comments_version() == 2);
  }

  TEST_CASE("the review panel edits a comment in place and deletes one after confirming, both audited") {
    Rig rig;
    rig.tw.at(3'000'000);
    rig.review.comment_text() = "look at the gaze here";
    REQUIRE(rig.review.add_comment(rig.ws(), ReviewView::CommentOn::Moment));
    rig.review.comment_text() = "good pacing";
    REQUIRE(rig.review.add_comment(rig.ws(), ReviewView::CommentOn::Session));
    rig.frame();
    REQUIRE(rig.ws().comments().size() == 2);
    const SessionComment gaze = rig.ws().comments()[1];  // session-wide first, then by moment
    REQUIRE(gaze.text == "look at the gaze here");

    // Edit: blank text is refused and nothing is stored; then the new text is stored.
    rig.review.begin_edit(gaze);
    rig.frame();  // the row is a text field now
    CHECK(rig.review.editing() == gaze.id);
    CHECK(rig.review.edit_text() == "look at the gaze here");
    rig.review.edit_text() = "  ";
    CHECK_FALSE(rig.review.save_edit(rig.ws()));
    CHECK(rig.review.message().find("needs text") != std::string::npos);
    CHECK(rig.reader().comment(gaze.id).text == "look at the gaze here");
    rig.review.edit_text() = "look at the mother's gaze here";
    CHECK(rig.review.save_edit(rig.ws()));
    rig.frame();
    CHECK_FALSE(rig.review.editing());
    CHECK(rig.reader().comment(gaze.id).text == "look at the mother's gaze here");
    CHECK(rig.ws().comments()[1].text == "look at the mother's gaze here");  // the panel's list follows
    std::vector<AuditRow> audit = rig.reader().audit(rig.ws().info().id);
    CHECK(audit.back().action == "comment.update");
    CHECK(audit.back().old_json.find("look at the gaze here") != std::string::npos);
    CHECK(audit.back().new_json.find("look at the mother's gaze here") != std::string::npos);

    // Delete: nothing happens until confirmed; cancel keeps it.
    rig.review.request_delete(gaze.id);
    rig.frame();  // the confirmation opens
    CHECK(rig.review.delete_requested() == gaze.id);
    CHECK(rig.reader().comments(rig.ws().info().id).size() == 2);
    rig.review.cancel_delete();
    rig.frame();
    CHECK(rig.reader().comments(rig.ws().info().id).size() == 2);
    rig.review.request_delete(gaze.id);
    rig.frame();
    CHECK(rig.review.confirm_delete(rig.ws()));
    rig.frame();
    CHECK_FALSE(rig.review.delete_requested());
    const std::vector<SessionComment> left = rig.reader().comments(rig.ws().info().id);
    REQUIRE(left.size() == 1);
    CHECK(left[0].text == "good pacing");
    CHECK(rig.ws().comments().size() == 1);
    audit = rig.reader().audit(rig.ws().info().id);
    CHECK(audit.back().action == "comment.delete");
    CHECK(audit.back().old_json.find("look at the mother's gaze here") != std::string::npos);
    CHECK(audit.back().new_json.empty());
    CHECK(rig.reader().verify().audit_ok);
  }

  TEST_CASE("a comment of another session cannot be edited or deleted through this session's panel") {
    Rig rig;
    Store other_store(rig.ws().db_path(), OpenMode::MustExist, "second");
    const SessionId other =
        other_store.create_session_for_recording(rig.ws().recording().id, rig.ws().info().scheme_id, "second");
    const std::int64_t theirs = other_store.add_comment(other, "theirs");
    SessionComment foreign;
    foreign.id = theirs;
    rig.review.begin_edit(foreign);
    rig.review.edit_text() = "mine now";
    CHECK_FALSE(rig.review.save_edit(rig.ws()));
    CHECK(rig.review.message().find("not one of this session's comments") != std::string::npos);
    rig.review.request_delete(theirs);
    CHECK_FALSE(rig.review.confirm_delete(rig.ws()));
    CHECK(rig.reader().comment(theirs).text == "theirs");
  }

  TEST_CASE("the audit view reads the session's trail once and verifies the chain") {
    Rig rig;
    REQUIRE(rig.ws().set_status(SessionStatus::Submitted));
    AuditView audit;
    audit.open(rig.ws());
    CHECK(audit.verified());
    CHECK(audit.verify_line().find("ok") != std::string::npos);
    REQUIRE_FALSE(audit.rows().empty());
    CHECK(audit.rows().back().action == "session.status");
    const std::size_t rows = audit.rows().size();
    REQUIRE(rig.ws().set_status(SessionStatus::Coding));
    rig.imgui.frame(nullptr, [&] { audit.draw(rig.ws()); });
    CHECK(audit.rows().size() == rows);  // not re-read per frame
    audit.open(rig.ws());
    CHECK(audit.rows().size() == rows + 1);
  }

  // The text a view's window draws (ImGui's log to the clipboard captures every text item
  // drawn until the first window ends), on its second frame: a window that first appears
  // skips its items on its first frame.
  std::string drawn_text(HeadlessImGui& imgui, const std::function<void()>& draw) {
    imgui.frame(nullptr, draw);
    imgui.frame(nullptr, [&] {
      ImGui::SetClipboardText("");
      ImGui::LogToClipboard();
      draw();
      ImGui::LogFinish();  // when the view drew no window
    });
    const char* text = ImGui::GetClipboardText();
    return text ? text : "";
  }

  TEST_CASE("the audit view shows the chain head to keep, the whole database's") {
    Rig rig;
    REQUIRE(rig.ws().set_status(SessionStatus::Submitted));
    AuditView audit;
    audit.open(rig.ws());
    const AuditHead head = rig.ws().verify().audit_head;
    CHECK(audit.head_text() == head.text());
    const std::string text = drawn_text(rig.imgui, [&] { audit.draw(rig.ws()); });
    CHECK_MESSAGE(text.find("Chain head: attune-audit-head " + head.abbreviated()) != std::string::npos, text);
    CHECK(text.find("Copy") != std::string::npos);
  }

  TEST_CASE("the review panel says names are not checked in a local file") {
    Rig rig;
    const std::string text = drawn_text(rig.imgui, [&] { rig.review.draw(rig.ws()); });
    CHECK_MESSAGE(text.find(ReviewView::kRolesNote) != std::string::npos, text);
  }
}

TEST_SUITE("gui") {
  TEST_CASE("review panel: with supervisors named, a coder may submit but not review, and is told who may") {
    Rig rig;
    Store(rig.tw.ws->db_path(), OpenMode::MustExist, "sam").add_supervisor("sam");
    CHECK(rig.review.change_status(rig.ws(), SessionStatus::Submitted));  // a coder hands in
    CHECK_FALSE(rig.ws().may_supervise());                                // learnt with that action
    CHECK(rig.ws().supervisors() == std::vector<std::string>{"sam"});
    rig.frame();
    CHECK_FALSE(rig.review.change_status(rig.ws(), SessionStatus::Reviewed));
    CHECK(rig.review.message() == "only a supervisor may mark as reviewed a coding (supervisors: sam; you are tester)");
    CHECK(rig.stored_status() == SessionStatus::Submitted);
  }
}

TEST_SUITE("gui") {
  TEST_CASE("review panel: a second click where Approve was does not open the unlock dialog") {
    Rig rig;
    REQUIRE(rig.ws().set_status(SessionStatus::Submitted));
    REQUIRE(rig.ws().set_status(SessionStatus::Reviewed));
    rig.frame();
    rig.frame();  // the window settles its size
    const std::optional<ImVec2> approve = rig.review.button_center("Approve");
    REQUIRE(approve.has_value());
    auto click = [&](ImVec2 at) {
      rig.frame([&](ImGuiIO& io) { io.MousePos = at; });
      rig.frame([&](ImGuiIO& io) { io.MouseDown[0] = true; });
      rig.frame([&](ImGuiIO& io) { io.MouseDown[0] = false; });
    };
    click(*approve);
    CHECK(rig.stored_status() == SessionStatus::Approved);
    click(*approve);  // a double-click, or an impatient second click
    rig.frame();
    CHECK_FALSE(rig.review.unlock_requested());
    CHECK(rig.stored_status() == SessionStatus::Approved);
    const std::optional<ImVec2> unlock = rig.review.button_center("Unlock…");
    REQUIRE(unlock.has_value());
    CHECK((unlock->x != approve->x || unlock->y != approve->y));
    CHECK(rig.review.button_center("Approve").has_value());  // still in its place, disabled
    click(*unlock);  // and Unlock… is where it always is
    CHECK(rig.review.unlock_requested());
  }

  TEST_CASE("review panel: approving with running states lists them and asks, and Cancel keeps the status") {
    Rig rig;
    REQUIRE(rig.ws().apply(AddEvent{.code = "pos", .subject = "child", .start = 1'000'000}));  // still running
    REQUIRE(rig.ws().apply(AddEvent{.code = "cry", .subject = "child", .start = 2'500'000}));
    REQUIRE(rig.ws().apply(AddEvent{.code = "bid", .subject = "child", .start = 3'000'000}));  // a point: not running
    REQUIRE(rig.ws().set_status(SessionStatus::Submitted));
    REQUIRE(rig.ws().set_status(SessionStatus::Reviewed));
    rig.frame();
    CHECK_FALSE(rig.review.change_status(rig.ws(), SessionStatus::Approved));
    CHECK(rig.review.approve_confirmation() ==
          std::vector<std::string>{"Positive, Child, from 00:00:01.000", "Cry, Child, from 00:00:02.500"});
    rig.frame();  // the confirmation shows
    CHECK(rig.stored_status() == SessionStatus::Reviewed);
    rig.review.cancel_approve();
    rig.frame();
    CHECK(rig.review.approve_confirmation().empty());
    CHECK(rig.stored_status() == SessionStatus::Reviewed);

    CHECK_FALSE(rig.review.change_status(rig.ws(), SessionStatus::Approved));
    rig.frame();
    CHECK(rig.review.approve_anyway(rig.ws()));
    rig.frame();
    CHECK(rig.stored_status() == SessionStatus::Approved);
    CHECK(rig.review.approve_confirmation().empty());
  }
}
