// The comparison view, headless: two hand-made codings of one recording give the same κ
// as the analysis functions, and the result is cached until a setting changes.
#include <doctest/doctest.h>
#include <imgui.h>

#include "app/review/comparison_view.h"
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
};
}  // namespace

TEST_SUITE("gui") {
  TEST_CASE("the comparison view's kappa equals time_unit_agreement on the same codings") {
    Rig rig;
    rig.view.open(rig.ws());
    CHECK(rig.view.settings.other == rig.other->info().id);  // the master by default
    CHECK(rig.view.settings.group == "affect");              // the first exclusive state group
    rig.frame();
    REQUIRE(rig.view.error().empty());
    REQUIRE(rig.view.result());
    const AgreementResult& shown = *rig.view.result();
    CHECK(shown.duration >= 10'000'000);

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
    rig.view.settings.tolerance_units = 2;
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
    rig.view.settings.method = AgreementMethod::EventBased;
    rig.view.settings.group = "signals";
    rig.view.settings.tolerance_seconds = 1.0;
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
