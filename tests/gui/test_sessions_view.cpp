// The start screen's "New coding": a second coder codes the same recording blind, from an
// empty coding with the same scheme, under their own name.
#include <doctest/doctest.h>
#include <imgui.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>

#include "app/start/sessions_view.h"
#include "gui_fixture.h"
#include "store/user_config.h"

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

// The start screen driven like a user: clicks on the rows' buttons, the create form, the
// shipped schemes, the name of who is acting.
namespace {

struct EnvGuard {
  std::string name;
  std::optional<std::string> old;
  EnvGuard(std::string n, const std::string& value) : name(std::move(n)) {
    if (const char* v = std::getenv(name.c_str())) old = v;
    ::setenv(name.c_str(), value.c_str(), 1);
  }
  ~EnvGuard() {
    if (old) ::setenv(name.c_str(), old->c_str(), 1);
    else ::unsetenv(name.c_str());
  }
};

struct StartScreen {
  HeadlessImGui imgui;
  TestWorkspace tw;  // session 1 by "tester", recording G-1
  EnvGuard config{"XDG_CONFIG_HOME", tw.dir() + "/config"};
  Store store;
  SessionsView view;
  std::optional<SessionId> opened;

  explicit StartScreen(const std::string& actor = "tester") : store(tw.ws->db_path(), OpenMode::MustExist, actor) {
    frame();
    frame();  // tables and child windows settle their sizes over the first frames
  }
  void frame(const std::function<void(ImGuiIO&)>& input = nullptr) {
    imgui.frame(input, [&] {
      if (std::optional<SessionId> o = view.draw(store)) opened = o;
    });
  }
  // Moves there, presses, releases: one click, as a user makes it.
  void click(ImVec2 at) {
    frame([&](ImGuiIO& io) { io.MousePos = at; });
    frame([&](ImGuiIO& io) { io.MouseDown[0] = true; });
    frame([&](ImGuiIO& io) { io.MouseDown[0] = false; });
    frame();  // the screen as it is after the click
  }
  ImVec2 button(SessionId id, SessionsView::Button which) {
    const std::optional<ImVec2> at = view.button_center(id, which);
    REQUIRE_MESSAGE(at.has_value(), "no button ", static_cast<int>(which), " for session ", id);
    return *at;
  }
};

}  // namespace

TEST_SUITE("gui") {
  TEST_CASE("start screen: a click on a row's Open opens it, and New coding makes and opens a blind coding") {
    StartScreen s("bob");
    const SessionId first = s.tw.ws->info().id;
    s.click(s.button(first, SessionsView::Button::Row));  // a click chooses the session
    CHECK(s.view.selected() == first);
    CHECK_FALSE(s.opened.has_value());
    s.click(s.button(first, SessionsView::Button::Open));
    REQUIRE(s.opened.has_value());
    CHECK(*s.opened == first);

    s.opened.reset();
    s.click(s.button(first, SessionsView::Button::NewCoding));
    REQUIRE(s.opened.has_value());
    CHECK(*s.opened != first);
    const SessionInfo fresh = s.store.session(*s.opened);
    CHECK(fresh.recording_id == s.tw.ws->info().recording_id);
    CHECK(fresh.coder == "bob");
    CHECK(s.store.sessions().size() == 2);
  }

  TEST_CASE("start screen: Delete… asks first, then the session leaves the list and its trail says who") {
    StartScreen s;
    const SessionId id = s.tw.ws->info().id;
    s.click(s.button(id, SessionsView::Button::Row));
    s.click(s.button(id, SessionsView::Button::Delete));
    REQUIRE(s.view.delete_requested() == id);
    CHECK(s.store.sessions().size() == 1);  // nothing yet: the confirmation asks
    CHECK(s.view.delete_session(s.store));
    s.frame();
    CHECK(s.store.sessions().empty());
    CHECK_FALSE(s.view.button_center(id, SessionsView::Button::Row).has_value());  // gone from the list
    CHECK(s.store.audit(id).back().action == "session.delete");
    CHECK(s.store.audit(id).back().actor == "tester");
  }

  TEST_CASE("start screen: Delete… is disabled for another coder's session once supervisors are named") {
    StartScreen s("bob");
    Store sam(s.tw.ws->db_path(), OpenMode::MustExist, "sam");
    sam.add_supervisor("sam");
    s.view.refresh(s.store);
    s.frame();
    const SessionInfo tester_s = s.tw.ws->info();
    CHECK_FALSE(s.view.may_delete(s.store, tester_s));
    s.click(s.button(tester_s.id, SessionsView::Button::Row));
    s.click(s.button(tester_s.id, SessionsView::Button::Delete));
    CHECK_FALSE(s.view.delete_requested().has_value());
    CHECK(s.store.sessions().size() == 1);
  }

  TEST_CASE("start screen: the form's error goes once the field is fixed, and the next session starts empty") {
    StartScreen s;
    SessionForm& form = s.view.form();
    form.live() = true;
    CHECK_FALSE(form.create(s.store).has_value());
    CHECK(form.error() == "a dyad pseudonym is needed");
    s.frame();
    CHECK(form.error() == "a dyad pseudonym is needed");  // nothing changed yet
    form.dyad() = "D-2";
    s.frame();
    CHECK(form.error().empty());

    // a file that is not a video is refused with one sentence; nothing is created
    form.live() = false;
    const std::string notes = s.tw.dir() + "/notes.txt";
    std::ofstream(notes) << "not a video\n";
    form.video() = notes;
    CHECK_FALSE(form.create(s.store).has_value());
    CHECK(form.error() == "notes.txt is not a video Attune can play (no video stream found)");
    CHECK(s.store.sessions().size() == 1);
    form.video().clear();
    CHECK_FALSE(form.create(s.store).has_value());
    CHECK(form.error() == "choose the video file, or No video (live observation)");

    // live observation only when asked for; then the recording's fields are empty again
    form.live() = true;
    form.session_type() = "free play";
    form.child_age_months() = 14;
    const std::optional<SessionId> made = form.create(s.store);
    REQUIRE(made.has_value());
    CHECK(s.store.recording(s.store.session(*made).recording_id).video_path.empty());
    CHECK(form.dyad().empty());
    CHECK(form.video().empty());
    CHECK(form.session_type().empty());
    CHECK(form.child_age_months() == 0);
    CHECK_FALSE(form.live());
    CHECK(form.error().empty());
  }

  TEST_CASE("start screen: a fresh database offers the shipped schemes, and creating with one adds it") {
    HeadlessImGui imgui;
    char pattern[] = "/tmp/attune-gui-fresh-XXXXXX";
    const std::string dir = mkdtemp(pattern);
    EnvGuard config("XDG_CONFIG_HOME", dir + "/config");
    {
      Store store(dir + "/fresh.db", OpenMode::CreateIfMissing, "ann");
      SessionsView view;
      imgui.frame(nullptr, [&] { view.draw(store); });
      const std::vector<std::string>& labels = view.form().scheme_labels();
      REQUIRE(labels.size() == 2);
      CHECK(labels[0] == "Attachment core@2 (shipped)");
      CHECK(labels[1] == "PCIT (DPICS-style names)@2 (shipped)");
      view.form().dyad() = "D-9";
      view.form().live() = true;
      const std::optional<SessionId> id = view.form().create(store);
      REQUIRE_MESSAGE(id.has_value(), view.form().error());
      CHECK(store.session(*id).scheme_name == "Attachment core");
      view.refresh(store);
      CHECK(view.form().scheme_labels() ==
            std::vector<std::string>{"Attachment core@2", "PCIT (DPICS-style names)@2 (shipped)"});
      // the other one with one click
      CHECK(view.schemes().add_shipped(store, 1));
      CHECK(store.schemes().size() == 2);
      CHECK(view.schemes().message() == "added PCIT (DPICS-style names)@2");
    }
    std::filesystem::remove_all(dir);
  }

  TEST_CASE("start screen: a scheme file picked in the browser (or typed there) is imported at once, with its problems") {
    StartScreen s;
    SchemePanel& panel = s.view.schemes();
    const std::string broken = s.tw.dir() + "/broken.json";
    std::ofstream(broken) << "{\"name\": \"b\", \"version\": 0}\n";
    panel.browser().open(s.tw.dir(), {".json"});
    s.frame();
    CHECK(panel.browser().is_open());
    CHECK_FALSE(panel.browser().go_to(s.tw.dir() + "/nope.json"));
    CHECK(panel.browser().error().find("no such file or folder") == 0);
    CHECK(panel.browser().go_to(broken + "\n"));  // pasted with its line end
    s.frame();
    CHECK_FALSE(panel.browser().is_open());
    REQUIRE_FALSE(panel.problems().empty());
    CHECK(panel.problems().front().find("broken.json:") != std::string::npos);

    const std::string good = s.tw.dir() + "/other.json";
    std::string text = kGuiScheme;
    text.replace(text.find("\"gui-test\""), 10, "\"other\"");
    std::ofstream(good) << text;
    panel.browser().open("", {".json"});
    s.frame();
    CHECK_FALSE(panel.browser().go_to(s.tw.dir()));  // a folder is listed
    CHECK(panel.browser().folder() == s.tw.dir());
    CHECK(panel.browser().go_to(good));
    s.frame();
    CHECK(panel.problems().empty());
    CHECK(panel.message() == "imported other@1");
    CHECK(s.store.find_scheme("other", 1).has_value());
  }

  TEST_CASE("start screen: with no name known the window asks before any change and records the given name") {
    StartScreen s("");
    CHECK(s.view.user().asking());
    CHECK_FALSE(s.view.user().save(s.store, "  "));
    CHECK(s.view.user().asking());
    CHECK(s.view.user().save(s.store, "Ann Lee"));
    CHECK(s.store.actor() == "Ann Lee");
    CHECK(saved_user_name() == "Ann Lee");
    CHECK(user_config_path() == s.tw.dir() + "/config/attune/user.json");
    s.frame();
    CHECK_FALSE(s.view.user().asking());
    const std::optional<SessionId> fresh = s.view.new_coding(s.store, s.tw.ws->info().id);
    REQUIRE(fresh.has_value());
    CHECK(s.store.session(*fresh).coder == "Ann Lee");
    CHECK(s.store.audit(*fresh).back().actor == "Ann Lee");
  }

  TEST_CASE("start screen: a long session list draws only the rows in sight (a clipper), and each row still answers clicks") {
    StartScreen s("bob");
    const SessionInfo first = s.tw.ws->info();
    std::vector<SessionId> ids{first.id};
    for (int i = 0; i < 300; ++i)
      ids.push_back(s.store.create_session_for_recording(first.recording_id, first.scheme_id, "bob"));
    s.view.refresh(s.store);
    s.frame();
    s.frame();
    std::size_t drawn = 0;
    for (SessionId id : ids) drawn += s.view.button_center(id, SessionsView::Button::Row).has_value();
    MESSAGE("rows drawn of " << ids.size() << ": " << drawn);
    CHECK(drawn > 5);
    CHECK(drawn < 80);  // an 800-pixel window shows a few dozen rows, not 301
    CHECK(s.view.button_center(ids.front(), SessionsView::Button::Row).has_value());
    CHECK_FALSE(s.view.button_center(ids.back(), SessionsView::Button::Row).has_value());
    // A visible row still chooses its session.
    s.click(s.button(ids[3], SessionsView::Button::Row));
    CHECK(s.view.selected() == ids[3]);
  }
}
