// Disagreement spans for the stacked timelines: merged once per result, laid out in pixels
// per window with sub-pixel ones folded per column, cached, and found again under the cursor.
#include <doctest/doctest.h>

#include "app/logic/disagreement_spans.h"

using namespace attune;

TEST_SUITE("app_logic") {
  TEST_CASE("disagreement spans: overlapping and touching ones merge, the window maps them to pixels") {
    // [1 s, 3 s) and [2 s, 4 s) overlap, [4 s, 5 s) touches them: one span 1–5 s. [8 s, 9 s) alone.
    const std::vector<Disagreement> list{{1'000'000, 3'000'000, "pos", "neg"},
                                         {2'000'000, 4'000'000, "pos", "none"},
                                         {4'000'000, 5'000'000, "neg", "pos"},
                                         {8'000'000, 9'000'000, "none", "neg"}};
    DisagreementSpans spans;
    spans.set(list, 1);
    CHECK(spans.merged_count() == 2);
    // 0–10 s over 1000 px: 100 px per second.
    const auto& px = spans.update(0, 10'000'000, 1000.0f);
    REQUIRE(px.size() == 2);
    CHECK(px[0].x0 == doctest::Approx(100.0f));
    CHECK(px[0].x1 == doctest::Approx(500.0f));
    CHECK(px[1].x0 == doctest::Approx(800.0f));
    CHECK(px[1].x1 == doctest::Approx(900.0f));
    // A window from 4.5 s: the first span is cut at the left edge (clamped near 0), the second moves.
    const auto& later = spans.update(4'500'000, 14'500'000, 1000.0f);
    REQUIRE(later.size() == 2);
    CHECK(later[0].x0 < 0.0f);
    CHECK(later[0].x1 == doctest::Approx(50.0f));
    CHECK(later[1].x0 == doctest::Approx(350.0f));

    // Under the cursor: the disagreements (indices into the list) touching a moment.
    CHECK(spans.near(2'500'000, 2'500'000) == std::vector<std::size_t>{0, 1});
    CHECK(spans.near(4'000'000, 4'000'000) == std::vector<std::size_t>{1, 2});  // an end touches
    CHECK(spans.near(6'000'000, 7'000'000).empty());
    CHECK(spans.near(8'500'000, 8'500'000, 1) == std::vector<std::size_t>{3});
  }

  TEST_CASE("disagreement spans: thousands in one pixel column fold into one, and layouts are cached") {
    // 100 000 one-µs disagreements, one every 10 µs, over 0–1 s. At 500 px for 100 s that second
    // is 5 px: each column is marked once (binary search past the rest) and the touching
    // columns join into one rectangle 0–5 px.
    std::vector<Disagreement> list;
    for (Micros t = 0; t < 1'000'000; t += 10) list.push_back({t, t + 1, "a", "b"});
    DisagreementSpans spans;
    spans.set(list, 7);
    CHECK(spans.merged_count() == list.size());  // none touch: nothing to merge
    const auto& px = spans.update(0, 100'000'000, 500.0f);
    REQUIRE(px.size() == 1);
    CHECK(px[0].x0 == doctest::Approx(0.0f));
    CHECK(px[0].x1 == doctest::Approx(5.0f));
    // Zoomed in to 0–1 ms over 1000 px: 100 visible, 10 px apart, each 1 px wide.
    CHECK(spans.update(0, 1000, 1000.0f).size() == 100);
    // The same window again: no new layout; the same version again: no new merge.
    const std::uint64_t layouts = spans.layout_builds(), merges = spans.merge_builds();
    spans.update(0, 1000, 1000.0f);
    spans.set(list, 7);
    CHECK(spans.layout_builds() == layouts);
    CHECK(spans.merge_builds() == merges);
    // A new result (version): merged again, laid out again on the next update.
    spans.set(std::vector<Disagreement>{{0, 500, "a", "b"}}, 8);
    CHECK(spans.merge_builds() == merges + 1);
    CHECK(spans.update(0, 1000, 1000.0f).size() == 1);
    CHECK(spans.layout_builds() == layouts + 1);
  }

  TEST_CASE("disagreement spans: a zero-length one (an unpaired point event) still marks a pixel") {
    DisagreementSpans spans;
    spans.set(std::vector<Disagreement>{{3'000'000, 3'000'000, "bid", "nil"}}, 1);
    const auto& px = spans.update(0, 10'000'000, 1000.0f);
    REQUIRE(px.size() == 1);
    CHECK(px[0].x0 == doctest::Approx(300.0f));
    CHECK(px[0].x1 == doctest::Approx(301.0f));
    CHECK(spans.near(2'990'000, 3'010'000) == std::vector<std::size_t>{0});
  }
}
