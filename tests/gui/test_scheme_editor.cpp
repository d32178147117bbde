// File → Schemes…, driven headless: a clinician adds a code and a modifier to the shipped
// scheme and saves; the store holds it as the next version, the version sessions use is
// untouched, a new session with the new version codes the new code by its key, and the new
// version's JSON export imports again as the same scheme.
#include <doctest/doctest.h>
#include <imgui.h>

#include <fstream>
#include <iterator>

#include "app/coding/coding_view.h"
#include "app/logic/keyboard_coder.h"
#include "app/schemes/scheme_editor_view.h"
#include "app/start/session_form.h"
#include "core/embedded.h"
#include "gui_fixture.h"

using namespace attune;
using namespace attune::test;

namespace {

struct EditorRig {
  HeadlessImGui imgui;
  std::string dir;
  std::string db;
  std::int64_t shipped_id = 0;
  SessionId old_session = 0;
  std::unique_ptr<Workspace> ws;
  SchemeEditorView editor;

  EditorRig() {
    char pattern[] = "/tmp/attune-editor-XXXXXX";
    dir = mkdtemp(pattern);
    db = dir + "/a.db";
    auto store = std::make_unique<Store>(db, OpenMode::CreateIfMissing, "tester");
    shipped_id = add_shipped_scheme(*store, shipped_schemes().front());
    Recording r;
    r.dyad = "E-1";
    old_session = store->create_session(r, shipped_id, "tester");
    ws = open(std::move(store), old_session);
    REQUIRE(ws->apply(AddEvent{.code = "bid", .subject = "child", .start = 1'000'000, .modifiers = {{"channel", "vocal"}}}));
  }
  ~EditorRig() {
    ws.reset();
    std::error_code ec;
    std::filesystem::remove_all(dir, ec);
  }
  static std::unique_ptr<Workspace> open(std::unique_ptr<Store> store, SessionId id) {
    auto clock = std::make_unique<Stopwatch>([] { return std::chrono::steady_clock::time_point{}; });
    return std::make_unique<Workspace>(std::move(store), id, std::move(clock));
  }
  void frame() {
    imgui.frame(nullptr, [&] { editor.draw(*ws); });
  }
  // Every tab drawn once (each form with its fields).
  void every_tab() {
    for (SchemeSection s : {SchemeSection::Subjects, SchemeSection::Groups, SchemeSection::Modifiers,
                            SchemeSection::Codes, SchemeSection::Ratings, SchemeSection::Rules}) {
      editor.show(s);
      frame();
      frame();
      CHECK(editor.section() == s);
    }
  }
};

std::size_t code_index(const Scheme& s, const std::string& id) {
  for (std::size_t i = 0; i < s.codes.size(); ++i)
    if (s.codes[i].id == id) return i;
  return s.codes.size();
}

}  // namespace

TEST_SUITE("gui") {
  TEST_CASE("scheme editor: add a code and a modifier, save - the next version is stored, the old one untouched") {
    EditorRig rig;
    const std::string shipped_text(embedded_file(shipped_schemes().front().file));
    const int shipped_version = shipped_schemes().front().version;
    rig.editor.open(*rig.ws);
    rig.frame();
    REQUIRE(rig.editor.editing() != nullptr);
    CHECK(rig.editor.editing()->id == rig.shipped_id);  // the session's own version
    CHECK(rig.editor.next_version() == shipped_version + 1);
    rig.every_tab();

    // A modifier: what the child looks at.
    SchemeDraft& draft = rig.editor.draft();
    const std::size_t m = draft.add_modifier();
    CHECK(draft.rename(SchemeSection::Modifiers, m, "gaze_target").empty());
    draft.edit([&](Scheme& s) {
      s.modifiers[m].name = "Gaze target";
      s.modifiers[m].values = {"parent", "toy", "away"};
    });
    // A code in Child signals, with the modifier; first with a key that is taken.
    const std::size_t c = draft.add_code("child_signals");
    CHECK(draft.rename(SchemeSection::Codes, c, "gaze_avert").empty());
    draft.edit([&](Scheme& s) {
      s.codes[c].name = "GazeAvert";
      s.codes[c].key = "b";
      s.codes[c].color = "#336699";
      s.codes[c].definition = "The child looks away from the parent's face.";
    });
    draft.toggle_code_modifier(c, "gaze_target");
    rig.editor.items().selected(SchemeSection::Codes) = c;
    rig.every_tab();
    CHECK_FALSE(draft.key_clash("b", SchemeSection::Codes, c).empty());
    CHECK_FALSE(rig.editor.save(*rig.ws));  // refused: the clash
    CHECK(rig.editor.error().find("fix the problems") != std::string::npos);
    CHECK(Store(rig.db, OpenMode::MustExist).schemes().size() == 1);

    draft.edit([&](Scheme& s) { s.codes[c].key = "g"; });
    rig.frame();
    const std::optional<SchemeRow> saved = rig.editor.save(*rig.ws);
    REQUIRE(saved);
    CHECK(saved->version == shipped_version + 1);
    CHECK(rig.editor.editing()->id == saved->id);  // editing goes on from the saved version
    CHECK_FALSE(rig.editor.draft().changed());
    CHECK(rig.editor.next_version() == shipped_version + 2);
    rig.frame();

    // What a fresh connection reads: the new version with the code and the modifier …
    Store store(rig.db, OpenMode::MustExist, "tester");
    const std::optional<SchemeRow> v2 = store.find_scheme(saved->name, shipped_version + 1);
    REQUIRE(v2);
    const SchemeLoadResult loaded = load_scheme_text(v2->json, "v2");
    REQUIRE(loaded.ok());
    const Code* gaze = loaded.scheme->find_code("gaze_avert");
    REQUIRE(gaze != nullptr);
    CHECK(gaze->key == "g");
    CHECK(gaze->modifiers == std::vector<std::string>{"gaze_target"});
    REQUIRE(loaded.scheme->find_modifier("gaze_target") != nullptr);
    CHECK(loaded.scheme->find_modifier("gaze_target")->values == std::vector<std::string>{"parent", "toy", "away"});
    // … the old version byte for byte, still the old session's, its event as it was.
    CHECK(store.scheme(rig.shipped_id).json == shipped_text);
    CHECK(store.session(rig.old_session).scheme_id == rig.shipped_id);
    CHECK(store.events(rig.old_session).size() == 1);
    CHECK(store.audit().back().action == "scheme.import");

    // A new session with the new version codes the new code by its key, with the modifier.
    Recording r;
    r.dyad = "E-2";
    const SessionId fresh = store.create_session(r, saved->id, "tester");
    auto ws2 = EditorRig::open(std::make_unique<Store>(rig.db, OpenMode::MustExist, "tester"), fresh);
    CHECK(ws2->info().scheme_version == shipped_version + 1);
    KeyMap keys;
    KeyboardCoder coder;
    KeyFeed feed;
    auto type = [&](char ch) {
      const int key = KeyboardCoder::glfw_key_for(std::string(1, ch));
      rig.imgui.frame([&](ImGuiIO& io) { feed.down(io, key, static_cast<unsigned int>(ch)); },
                      [&] { coder.handle_keys(*ws2, keys, feed.queue.take(), KeyFeed::taken_by()); });
      rig.imgui.frame([&](ImGuiIO& io) { feed.up(io, key); },
                      [&] { coder.handle_keys(*ws2, keys, feed.queue.take(), KeyFeed::taken_by()); });
    };
    type('g');
    REQUIRE(coder.prompt());  // asks for the gaze target
    type('2');                // toy
    const std::vector<Event> coded = Store(rig.db, OpenMode::MustExist).events(fresh);
    REQUIRE(coded.size() == 1);
    CHECK(coded.front().code == "gaze_avert");
    CHECK(coded.front().subject == "child");
    CHECK(coded.front().modifiers.at("gaze_target") == "toy");
    CHECK(Store(rig.db, OpenMode::MustExist).events(rig.old_session).size() == 1);  // untouched
  }

  TEST_CASE("scheme editor: the saved version's JSON export imports again as the same scheme (round trip)") {
    EditorRig rig;
    rig.editor.open(*rig.ws);
    rig.frame();
    SchemeDraft& draft = rig.editor.draft();
    const std::size_t c = draft.add_code("child_signals");
    draft.edit([&](Scheme& s) { s.codes[c].key = "g"; });
    const std::optional<SchemeRow> saved = rig.editor.save(*rig.ws);
    REQUIRE(saved);
    const std::string file = rig.dir + "/exported.json";
    REQUIRE(rig.editor.export_to(file));
    std::ifstream in(file, std::ios::binary);
    const std::string text((std::istreambuf_iterator<char>(in)), {});
    CHECK(text == saved->json);  // JSON -> store -> JSON: the same bytes

    // Into another database: the same scheme, name and version.
    const SchemeLoadResult loaded = load_scheme_text(text, file);
    REQUIRE(loaded.ok());
    CHECK(loaded.scheme->version == saved->version);
    Scheme expected = rig.editor.draft().scheme();
    CHECK(*loaded.scheme == expected);
    Store other(rig.dir + "/b.db", OpenMode::CreateIfMissing, "tester");
    const std::int64_t id = other.import_scheme(text);
    CHECK(other.scheme(id).json == saved->json);
    CHECK(other.scheme(id).sha256 == saved->sha256);
    // Into the same database: the version that is there, no new row.
    Store same(rig.db, OpenMode::MustExist, "tester");
    CHECK(same.import_scheme(text) == saved->id);
    CHECK(code_index(*loaded.scheme, draft.scheme().codes[c].id) < loaded.scheme->codes.size());
  }

  TEST_CASE("scheme editor: closing with unsaved changes asks first") {
    EditorRig rig;
    rig.editor.open(*rig.ws);
    rig.frame();
    rig.editor.draft().add_code("child_signals");
    rig.editor.close();
    rig.frame();
    CHECK(rig.editor.is_open());  // asked, not closed
    rig.editor.close(true);
    CHECK_FALSE(rig.editor.is_open());
  }
}

TEST_SUITE("gui") {
  TEST_CASE("scheme editor: while it is open in the coding view a code key codes nothing") {
    TestWorkspace tw;
    HeadlessImGui imgui;
    KeyFeed feed;
    CodingView view(*tw.ws, KeyMap(), tw.dir() + "/keys.json", feed.queue);
    view.scheme_editor().open(*tw.ws);
    auto type = [&](char ch) {
      const int key = KeyboardCoder::glfw_key_for(std::string(1, ch));
      imgui.frame([&](ImGuiIO& io) { feed.down(io, key, static_cast<unsigned int>(ch)); }, [&] { view.draw(); });
      imgui.frame([&](ImGuiIO& io) { feed.up(io, key); }, [&] { view.draw(); });
    };
    imgui.frame(nullptr, [&] { view.draw(); });
    type('b');  // Bid's key in the test scheme
    CHECK(tw.stored().empty());
    imgui.frame([&](ImGuiIO& io) { feed.down(io, GLFW_KEY_F2); }, [&] { view.draw(); });  // the Child subject
    imgui.frame([&](ImGuiIO& io) { feed.up(io, GLFW_KEY_F2); }, [&] { view.draw(); });
    CHECK(tw.ws->last_error() == "F2: the keys are going to the scheme editor (close it to code)");
    view.scheme_editor().close();
    imgui.frame(nullptr, [&] { view.draw(); });
    type('b');
    CHECK(tw.stored().size() == 1);  // closed: the key codes again
  }
}
