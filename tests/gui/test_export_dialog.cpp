// File → Export… and Review → Global ratings…, headless: the export runs off the UI thread
// on its own connection into a complete file and the audit trail, de-identified unless the
// user says otherwise; ratings are durable and refused on an approved session.
#include <doctest/doctest.h>
#include <imgui.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include <sqlite3.h>

#include "app/export/export_dialog.h"
#include "app/review/ratings_view.h"
#include "export/atomic_file.h"
#include "gui_fixture.h"

using namespace attune;
using namespace attune::test;

namespace {

std::string read_text(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

struct ExportRig {
  HeadlessImGui imgui;
  TestWorkspace tw;
  ExportDialog dialog;
  ExportRig() {
    ws().apply(AddEvent{.code = "bid", .subject = "child", .start = 2 * kMicrosPerSecond});
    ws().apply(AddEvent{.code = "pos", .subject = "child", .start = 0, .end = 5 * kMicrosPerSecond});
    dialog.open(ws());
    dialog.choices().folder = tw.dir();
  }
  Workspace& ws() { return *tw.ws; }
  void frame() { imgui.frame(nullptr, [&] { dialog.draw(ws()); }); }
  int exports_in_audit() const {
    int n = 0;
    for (const AuditRow& row : Store(tw.ws->db_path(), OpenMode::MustExist).audit(tw.ws->info().id))
      n += row.action == "export" ? 1 : 0;
    return n;
  }
};

}  // namespace

TEST_SUITE("gui") {
  TEST_CASE("export dialog: a summary is written off the UI thread, de-identified by default, and audited") {
    ExportRig rig;
    rig.frame();  // the default file name follows the choices
    CHECK(rig.dialog.choices().file_name == "summary-session-1-deidentified.csv");
    REQUIRE(rig.dialog.start(rig.ws()));
    CHECK(rig.dialog.busy());
    rig.dialog.job().wait();
    rig.frame();  // the outcome reaches the dialog on the next frame
    CHECK_FALSE(rig.dialog.message_is_error());
    // The head the file was written at: the trail's head now, less the export's own row.
    const std::vector<AuditRow> trail = rig.ws().audit();
    REQUIRE(trail.back().action == "export");
    const AuditHead before_export{rig.ws().verify().audit_head.count - 1, trail.back().prev_hash};
    CHECK(rig.dialog.message() == "Exported 1 session (2 events) to " + rig.dialog.output_path() + "; audit head " +
                                      before_export.abbreviated());
    CHECK_FALSE(rig.dialog.busy());
    const std::string csv = read_text(rig.dialog.output_path());
    CHECK(csv.find(",bid,count,1\r\n") != std::string::npos);  // the whole session's one bid
    CHECK(csv.find("G-1") == std::string::npos);                // the dyad's pseudonym stays home
    CHECK(csv.find("dyad-1") != std::string::npos);
    CHECK(rig.exports_in_audit() == 1);
  }

  TEST_CASE("export dialog: identified events CSV on request, and bad choices are refused before anything is written") {
    ExportRig rig;
    ExportDialog::Choices& c = rig.dialog.choices();
    c.what = exports::What::Events;
    c.format = exports::Format::Csv;
    c.deidentify = false;
    c.file_name = "events.csv";
    REQUIRE(rig.dialog.start(rig.ws()));
    rig.dialog.job().wait();
    rig.frame();
    CHECK(rig.dialog.message().rfind("Exported 1 session (2 events)", 0) == 0);
    CHECK(read_text(rig.dialog.output_path()).find("G-1") != std::string::npos);

    c.what = exports::What::Summary;
    c.format = exports::Format::Sdis;  // summaries do not come as SDIS
    c.file_name = "x.sds";
    CHECK_FALSE(rig.dialog.start(rig.ws()));
    CHECK(rig.dialog.message_is_error());
    CHECK(rig.dialog.message().find("SDIS holds timed events") != std::string::npos);
    c.format = exports::Format::Csv;
    c.folder = rig.tw.dir() + "/missing";
    CHECK_FALSE(rig.dialog.start(rig.ws()));
    CHECK(rig.dialog.message() == "The folder " + c.folder + " does not exist.");
    CHECK_FALSE(std::filesystem::exists(rig.tw.dir() + "/x.sds"));
    CHECK(rig.exports_in_audit() == 1);
  }

  TEST_CASE("export dialog: an export that fails says why and leaves no file") {
    ExportRig rig;
    ExportDialog::Choices& c = rig.dialog.choices();
    c.file_name = "summary.csv";
    std::filesystem::create_directory(rig.tw.dir() + "/summary.csv");  // the target is a folder
    REQUIRE(rig.dialog.start(rig.ws()));
    rig.dialog.job().wait();
    rig.frame();
    CHECK(rig.dialog.message_is_error());
    CHECK(rig.dialog.message().rfind("Export failed: ", 0) == 0);
    CHECK(std::filesystem::is_directory(rig.tw.dir() + "/summary.csv"));
    CHECK(rig.exports_in_audit() == 0);
  }

  TEST_CASE("export dialog: a running export is handed over when the dialog goes, and its file is whole") {
    ExportRig rig;
    auto dialog = std::make_unique<ExportDialog>();
    dialog->open(rig.ws());
    dialog->choices().folder = rig.tw.dir();
    dialog->choices().file_name = "handed-over.csv";
    std::shared_ptr<ExportJob> kept;
    REQUIRE(dialog->start(rig.ws()));
    kept = dialog->running_job();  // what the window keeps when the coding view closes
    const bool was_running = kept != nullptr;
    dialog.reset();  // the coding view (and its dialog) go away
    if (was_running) {
      CHECK(kept.use_count() == 1);  // the window's handle is the only one left
      kept->wait();
      const std::optional<ExportOutcome> outcome = kept->take_outcome();
      REQUIRE(outcome.has_value());
      CHECK(outcome->ok);
    }
    const std::string csv = read_text(rig.tw.dir() + "/handed-over.csv");
    CHECK(csv.find(",bid,count,1\r\n") != std::string::npos);
    CHECK(rig.exports_in_audit() == 1);
  }

  TEST_CASE("ratings: set and cleared through the workspace, durable, refused while approved") {
    std::string scheme = kGuiScheme;
    scheme.replace(scheme.find(R"("ratings": [])"), std::string(R"("ratings": [])").size(),
                   R"("ratings": [{"id": "warmth", "name": "Warmth", "min": 1, "max": 5, "anchors": {"5": "Very warm"}}])");
    HeadlessImGui imgui;
    TestWorkspace tw(scheme);
    Workspace& ws = *tw.ws;
    RatingsView view;
    view.open = true;
    auto frame = [&] { imgui.frame(nullptr, [&] { view.draw(ws); }); };
    frame();
    CHECK(ws.set_rating("warmth", 5));
    frame();
    REQUIRE(ws.ratings().size() == 1);
    CHECK(Store(ws.db_path(), OpenMode::MustExist).ratings(ws.info().id).at(0).value == 5);
    CHECK_FALSE(ws.set_rating("warmth", 6));
    CHECK(ws.last_error() == "A Warmth rating of 6 is out of range; use a whole number from 1 to 5.");
    for (SessionStatus s : {SessionStatus::Submitted, SessionStatus::Reviewed, SessionStatus::Approved})
      REQUIRE(ws.set_status(s));
    CHECK_FALSE(ws.set_rating("warmth", std::nullopt));
    CHECK(ws.last_error().find("is approved") != std::string::npos);
    frame();
    CHECK(ws.ratings().at(0).value == 5);
    CHECK(ws.unlock("rating revisited"));
    CHECK(ws.set_rating("warmth", std::nullopt));
    CHECK(ws.ratings().empty());
    CHECK(Store(ws.db_path(), OpenMode::MustExist).ratings(ws.info().id).empty());
  }
}

#include <imgui_internal.h>

TEST_SUITE("gui") {
  TEST_CASE("export dialog: at 1280x800 a refusal shows in view, and a message goes when the choices change") {
    ExportRig rig;
    rig.frame();
    const std::string folder = rig.dialog.choices().folder;
    rig.dialog.choices().folder = folder + "/missing";
    rig.frame();
    CHECK_FALSE(rig.dialog.start(rig.ws()));
    REQUIRE(rig.dialog.message_is_error());
    rig.frame();
    rig.frame();
    const ImGuiWindow* window = ImGui::FindWindowByName("Export");
    REQUIRE(window != nullptr);
    CHECK(window->Pos.y >= 0);
    CHECK(window->Pos.y + window->Size.y <= 800);  // the whole dialog is on the screen
    CHECK(window->ScrollMax.y == 0);               // and nothing of it (the message) is below its edge
    CHECK(rig.dialog.message().find("does not exist") != std::string::npos);

    rig.dialog.choices().folder = folder;
    rig.frame();
    CHECK(rig.dialog.message().empty());  // fixed: the refusal goes

    REQUIRE(rig.dialog.start(rig.ws()));
    rig.dialog.job().wait();
    rig.frame();
    CHECK(rig.dialog.message().rfind("Exported 1 session", 0) == 0);
    rig.frame();
    CHECK(rig.dialog.message().rfind("Exported 1 session", 0) == 0);  // stays while nothing changes
    rig.dialog.choices().format = exports::Format::Json;
    rig.frame();
    CHECK(rig.dialog.message().empty());  // it was about the CSV, not about this
  }
}

TEST_SUITE("gui") {
  TEST_CASE("export dialog: a database locked by another writer leaves no file and no audit row, and says so") {
    ExportRig rig;
    rig.dialog.choices().file_name = "locked.csv";
    sqlite3* other = nullptr;
    REQUIRE(sqlite3_open(rig.ws().db_path().c_str(), &other) == SQLITE_OK);
    REQUIRE(sqlite3_exec(other, "BEGIN IMMEDIATE", nullptr, nullptr, nullptr) == SQLITE_OK);
    REQUIRE(rig.dialog.start(rig.ws()));
    rig.dialog.job().wait();  // past the busy timeout
    rig.frame();
    sqlite3_exec(other, "ROLLBACK", nullptr, nullptr, nullptr);
    sqlite3_close(other);
    CHECK(rig.dialog.message_is_error());
    CHECK(rig.dialog.message().find("locked") != std::string::npos);
    CHECK_FALSE(std::filesystem::exists(rig.dialog.output_path()));
    for (const auto& entry : std::filesystem::directory_iterator(rig.tw.dir()))
      CHECK_MESSAGE(!exports::is_partial_name(entry.path().filename().string()), entry.path().string());
    CHECK(rig.exports_in_audit() == 0);
  }
}
