// The comparison view, headless: two hand-made codings of one recording give the same κ
// as the analysis functions, and the result is cached until a setting changes.
#include <doctest/doctest.h>
#include <imgui.h>

#include "app/review/comparison_view.h"
#include <nlohmann/json.hpp>

#include "../cli/process.h"
#include "gui_fixture.h"

using namespace attune;
using namespace attune::test;

namespace {
struct Rig : TwoCodings {
  HeadlessImGui imgui;
  ComparisonView view;

  void frame() {
    imgui.frame(nullptr, [&] { view.draw(ws()); });
  }
  // attune-cli agreement A B on the same database, --json.
  nlohmann::json cli(std::vector<std::string> args) {
    args.insert(args.begin(), {ATTUNE_CLI_PATH, "--db", ws().db_path(), "agreement", std::to_string(ws().info().id),
                               std::to_string(other->info().id)});
    args.push_back("--json");
    const ProcessResult r = run_process(args, {"ATTUNE_USER=tester"});
    REQUIRE_MESSAGE(r.exit_code == 0, r.err);
    return nlohmann::json::parse(r.out);
  }
};

// The figures the window shows equal those attune-cli reports for the same pair.
void check_same(const AgreementResult& shown, const nlohmann::json& cli) {
  CHECK(cli["group"] == shown.group);
  CHECK(cli["method"] == to_string(shown.method));
  CHECK(cli["duration_s"].get<double>() == static_cast<double>(shown.duration) / 1e6);
  CHECK(cli["n"] == shown.n);
  CHECK(cli["codes"] == nlohmann::json(shown.codes));
  CHECK(cli["matrix"] == nlohmann::json(shown.matrix));
  for (const char* key : {"kappa", "kappa_max", "percent_agreement"}) {
    const std::optional<double>& mine = std::string(key) == "kappa"       ? shown.kappa
                                        : std::string(key) == "kappa_max" ? shown.kappa_max
                                                                          : shown.percent_agreement;
    CHECK_MESSAGE(cli[key].is_null() == !mine, key);
    if (mine) CHECK_MESSAGE(cli[key].get<double>() == *mine, key);  // the same arithmetic: exactly equal
  }
  REQUIRE(cli["disagreements"].size() == shown.disagreements.size());
  for (std::size_t i = 0; i < shown.disagreements.size(); ++i) {
    CHECK(cli["disagreements"][i]["start_us"] == shown.disagreements[i].start);
    CHECK(cli["disagreements"][i]["end_us"] == shown.disagreements[i].end);
    CHECK(cli["disagreements"][i]["code_a"] == shown.disagreements[i].code_a);
    CHECK(cli["disagreements"][i]["code_b"] == shown.disagreements[i].code_b);
  }
}
}  // namespace

TEST_SUITE("gui") {
  TEST_CASE("the comparison view's kappa equals time_unit_agreement on the same codings") {
    Rig rig;
    rig.view.open(rig.ws());
    CHECK(rig.view.settings.other == rig.other->info().id);  // the master by default
    CHECK(rig.view.settings.request.group.empty());          // not chosen yet: the first comparable
    rig.frame();
    CHECK(rig.view.settings.request.group == "affect");      // the first group both codings use
    REQUIRE(rig.view.error().empty());
    REQUIRE(rig.view.result());
    const AgreementResult& shown = *rig.view.result();
    CHECK(shown.duration == 20'000'000);  // the recording's, not the last coded moment

    TimeUnitOptions options;
    options.target.group = "affect";
    const std::vector<Event> a(rig.ws().model().events().begin(), rig.ws().model().events().end());
    const std::vector<Event> b(rig.other->model().events().begin(), rig.other->model().events().end());
    const AgreementResult expected = time_unit_agreement(a, b, rig.ws().scheme(), shown.duration, options);
    REQUIRE(expected.kappa);
    REQUIRE(shown.kappa);
    CHECK(*shown.kappa == doctest::Approx(*expected.kappa));
    CHECK(*shown.kappa < 1.0);
    CHECK(shown.matrix == expected.matrix);
    CHECK(shown.n == expected.n);
    REQUIRE(shown.disagreements.size() == 1);
    CHECK(shown.disagreements[0].start == 4'000'000);
    CHECK(shown.disagreements[0].end == 6'000'000);

    // A tolerance of 2 units absorbs the 2 s shift: κ = 1, recomputed once.
    rig.view.settings.request.tolerance_units = 2;
    rig.frame();
    REQUIRE(rig.view.result());
    REQUIRE(rig.view.result()->kappa);
    CHECK(*rig.view.result()->kappa == doctest::Approx(1.0));
    const AgreementResult* cached = &*rig.view.result();
    rig.frame();
    CHECK(&*rig.view.result() == cached);
    CHECK(rig.view.result()->tolerance_units == 2);
  }

  TEST_CASE("the comparison view's event method equals event_agreement and follows edits") {
    Rig rig;
    rig.view.open(rig.ws());
    rig.view.settings.request.method = AgreementMethod::EventBased;
    rig.view.settings.request.group = "signals";
    rig.view.settings.request.tolerance = 1'000'000;
    rig.frame();
    REQUIRE(rig.view.result());
    EventAgreementOptions options;
    options.target.group = "signals";
    options.tolerance = 1'000'000;
    const std::vector<Event> a(rig.ws().model().events().begin(), rig.ws().model().events().end());
    const std::vector<Event> b(rig.other->model().events().begin(), rig.other->model().events().end());
    const AgreementResult expected = event_agreement(a, b, rig.ws().scheme(), rig.view.result()->duration, options);
    CHECK(rig.view.result()->matrix == expected.matrix);
    CHECK(rig.view.result()->n == 1);
    CHECK_FALSE(rig.view.result()->kappa);  // one agreement, one code: κ is undefined, not 1

    // An edit of this coding is picked up on the next frame.
    REQUIRE(rig.ws().apply(AddEvent{.code = "check", .start = 7'000'000}));
    rig.frame();
    CHECK(rig.view.result()->n == 2);
    CHECK(rig.view.result()->disagreements.size() == 1);
  }

  TEST_CASE("the comparison view's figures equal attune-cli agreement's for the same pair") {
    Rig rig;
    rig.view.open(rig.ws());
    rig.frame();
    REQUIRE_MESSAGE(rig.view.error().empty(), rig.view.error());
    REQUIRE(rig.view.result());
    // Defaults: the window shows the first of the groups the CLI reports without --group.
    const nlohmann::json every = rig.cli({});
    REQUIRE(every.is_array());
    REQUIRE(every.size() == 2);  // affect and signals (bid): both coders use a code of each
    check_same(*rig.view.result(), every[0]);
    CHECK(every[1]["group"] == "signals");

    // Time-unit with a tolerance of 2 units = 2 s.
    rig.view.settings.request.tolerance_units = 2;
    rig.frame();
    REQUIRE(rig.view.result());
    check_same(*rig.view.result(), rig.cli({"--group", "affect", "--tolerance", "2"}));

    // Event-based on the states with an overlap setting (the window has it too now), and on
    // the point codes.
    rig.view.settings.request = AgreementRequest{};
    rig.view.settings.request.method = AgreementMethod::EventBased;
    rig.view.settings.request.group = "affect";
    rig.view.settings.request.tolerance = 3'000'000;
    rig.view.settings.request.min_overlap_percent = 50;
    rig.frame();
    REQUIRE_MESSAGE(rig.view.result(), rig.view.error());
    CHECK(rig.view.result()->min_overlap_percent == 50);
    check_same(*rig.view.result(),
               rig.cli({"--group", "affect", "--method", "event", "--tolerance", "3", "--overlap", "50"}));
    rig.view.settings.request.group = kPointCodes;
    rig.view.settings.request.min_overlap_percent.reset();
    rig.view.settings.request.tolerance.reset();
    rig.frame();
    REQUIRE(rig.view.result());
    const nlohmann::json points = rig.cli({"--group", "points", "--method", "event"});
    CHECK(points["group"] == "points");
    CHECK(points["n"] == rig.view.result()->n);
    CHECK(points["matrix"] == nlohmann::json(rig.view.result()->matrix));
  }

  TEST_CASE("the comparison view refuses a recording of unknown duration instead of guessing its end") {
    HeadlessImGui imgui;
    TestWorkspace tw;  // no duration
    Store store(tw.ws->db_path(), OpenMode::MustExist, "second");
    const SessionId id = store.create_session_for_recording(tw.ws->recording().id, tw.ws->info().scheme_id, "second");
    REQUIRE(tw.ws->apply(AddEvent{.code = "pos", .start = 0, .end = 4'000'000}));
    ComparisonView view;
    view.open(*tw.ws);
    view.settings.other = id;
    view.settings.request.group = "affect";
    imgui.frame(nullptr, [&] { view.draw(*tw.ws); });
    CHECK_FALSE(view.result());
    CHECK_MESSAGE(view.error().find("the recording's duration is unknown") == 0, view.error());
  }

  TEST_CASE("the comparison view says so when there is no other coding") {
    HeadlessImGui imgui;
    TestWorkspace tw;
    ComparisonView view;
    view.open(*tw.ws);
    imgui.frame(nullptr, [&] { view.draw(*tw.ws); });
    CHECK_FALSE(view.result());
    CHECK(view.error().find("no other coding") != std::string::npos);
  }
}
