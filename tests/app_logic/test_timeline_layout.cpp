// TimelineLayout: lanes, the visible range, folding and the cache. Pure: no ImGui context.
#include <doctest/doctest.h>

#include <algorithm>
#include <limits>
#include <memory>
#include <random>
#include <tuple>

#include "app/logic/timeline_layout.h"
#include "core/history.h"

namespace attune {
namespace {

constexpr Micros kS = kMicrosPerSecond;

std::shared_ptr<const Scheme> lane_scheme() {
  auto s = std::make_shared<Scheme>();
  s->name = "lanes";
  s->subjects = {{"parent", "Parent", ""}, {"child", "Child", ""}, {"dyad", "Dyad", ""}};
  s->groups = {{"episode", "Episode", true, false, "episode"},
               {"affect", "Child affect", true, false, ""},
               {"distress", "Distress", false, false, ""},
               {"signals", "Signals", false, false, ""}};
  auto code = [](std::string id, std::string group, CodeKind kind, std::vector<std::string> subjects) {
    Code c;
    c.id = c.name = std::move(id);
    c.group = std::move(group);
    c.kind = kind;
    c.subjects = std::move(subjects);
    c.color = "#ff8000";
    return c;
  };
  s->codes = {code("free_play", "episode", CodeKind::State, {"dyad"}),
              code("positive", "affect", CodeKind::State, {"child"}),
              code("negative", "affect", CodeKind::State, {"child"}),
              code("distress", "distress", CodeKind::State, {"child"}),
              code("cry", "distress", CodeKind::Point, {"child"}),
              code("bid", "signals", CodeKind::Point, {"child", "parent"})};
  return s;
}

Event ev(EventId id, std::string code, std::string subject, Micros start, std::optional<Micros> end) {
  Event e;
  e.id = id;
  e.code = std::move(code);
  e.subject = std::move(subject);
  e.start = start;
  e.end = end;
  return e;
}

std::size_t lane(const TimelineLayout& layout, const char* code, const char* subject) {
  auto l = layout.lane_of(code, subject);
  REQUIRE(l.has_value());
  return *l;
}

// Every event an item stands for (a folded item stands for `count` of them).
std::size_t represented(const std::vector<TimelineItem>& items) {
  std::size_t n = 0;
  for (const TimelineItem& item : items) n += item.count;
  return n;
}

}  // namespace

TEST_SUITE("app_logic") {
  TEST_CASE("timeline lanes: one per subject x group in scheme order with readable labels") {
    SessionModel model(lane_scheme());
    TimelineLayout layout;
    layout.update(model, 0, 10 * kS, 100);
    const auto& lanes = layout.lanes();
    REQUIRE(lanes.size() == 5);
    CHECK(lanes[0].label == "Dyad \u00b7 Episode");
    CHECK(lanes[0].episode);
    CHECK(lanes[1].label == "Child \u00b7 Child affect");
    CHECK(lanes[1].exclusive);
    CHECK(lanes[2].label == "Child \u00b7 Distress");
    CHECK(lanes[3].label == "Parent \u00b7 Signals");  // scheme subject order: parent before child
    CHECK(lanes[4].label == "Child \u00b7 Signals");
    CHECK(lane(layout, "bid", "child") == 4);
    CHECK_FALSE(layout.lane_of("bid", "dyad").has_value());
    CHECK(parse_color("#ff8000") == 0xFF0080FFu);  // ImU32 byte order: A B G R
  }

  TEST_CASE("timeline layout: only events overlapping the window and in pixels of the window") {
    SessionModel model(lane_scheme(), {ev(1, "bid", "child", 5 * kS, 5 * kS),      // before
                                       ev(2, "bid", "child", 10 * kS, 10 * kS),    // at t0: visible
                                       ev(3, "bid", "child", 15 * kS, 15 * kS),    // inside
                                       ev(4, "bid", "child", 20 * kS, 20 * kS),    // at t1: not
                                       ev(5, "positive", "child", 8 * kS, 10 * kS),   // ends at t0: not
                                       ev(6, "negative", "child", 12 * kS, 14 * kS),  // inside
                                       ev(7, "positive", "child", 19 * kS, 25 * kS)});  // runs past t1
    TimelineLayout layout;
    const auto& items = layout.update(model, 10 * kS, 20 * kS, 1000);
    const auto& bids = items[lane(layout, "bid", "child")];
    REQUIRE(bids.size() == 2);
    CHECK(bids[0].id == 2);
    CHECK(bids[0].x0 == doctest::Approx(0));
    CHECK(bids[0].kind == TimelineItemKind::Tick);
    CHECK(bids[1].id == 3);
    CHECK(bids[1].x0 == doctest::Approx(500));
    const auto& affect = items[lane(layout, "positive", "child")];
    REQUIRE(affect.size() == 2);
    CHECK(affect[0].id == 6);
    CHECK(affect[0].x0 == doctest::Approx(200));
    CHECK(affect[0].x1 == doctest::Approx(400));
    CHECK(affect[0].color == 0xFF0080FFu);
    CHECK(affect[1].id == 7);
    CHECK(affect[1].x1 > 1000.0f);  // clamped a little past the track, not at 1500 px
    CHECK(affect[1].x1 < 1010.0f);
    CHECK(layout.x_of(15 * kS) == doctest::Approx(500));
    CHECK(layout.time_at(250.0) == 12'500'000);
  }

  TEST_CASE("timeline layout: a long state that started before t0 is still drawn") {
    std::vector<Event> events{ev(1, "free_play", "dyad", 0, 600 * kS),            // episode lane
                              ev(2, "positive", "child", 30 * kS, 400 * kS),      // exclusive lane
                              ev(3, "negative", "child", 400 * kS, 410 * kS)};
    EventId id = 10;
    // Distress: many short states after one long one, so the long one is far behind t0.
    events.push_back(ev(id++, "distress", "child", 1 * kS, 500 * kS));
    for (Micros t = 2 * kS; t < 480 * kS; t += 2 * kS) events.push_back(ev(id++, "distress", "child", t, t + kS / 2));
    SessionModel model(lane_scheme(), events);
    TimelineLayout layout;
    const auto& items = layout.update(model, 450 * kS, 460 * kS, 500);
    auto has = [&](const char* code, const char* subject, EventId want) {
      for (const TimelineItem& item : items[lane(layout, code, subject)])
        if (item.id == want) return item.x0 < 0 && item.x1 >= 500;
      return false;
    };
    CHECK(has("free_play", "dyad", 1));
    CHECK(has("distress", "child", 10));
    CHECK(items[lane(layout, "positive", "child")].empty());  // 2 and 3 ended before 450 s
    // A running state is an Open item: the view ends it at "now".
    SessionModel open(lane_scheme(), {ev(1, "positive", "child", 5 * kS, std::nullopt)});
    TimelineLayout open_layout;
    const auto& open_items = open_layout.update(open, 100 * kS, 110 * kS, 100);
    REQUIRE(open_items[lane(open_layout, "positive", "child")].size() == 1);
    CHECK(open_items[lane(open_layout, "positive", "child")][0].kind == TimelineItemKind::Open);
  }

  TEST_CASE("timeline layout: sub-pixel events fold into at most one item per pixel column") {
    std::vector<Event> events;
    EventId id = 1;
    for (Micros t = 0; t < 100 * kS; t += 10'000) events.push_back(ev(id++, "bid", "child", t, t));  // 10,000 points
    for (Micros t = 0; t < 100 * kS; t += 20'000)
      events.push_back(ev(id++, t % 40'000 ? "positive" : "negative", "child", t, t + 15'000));  // 5,000 states
    SessionModel model(lane_scheme(), events);
    TimelineLayout layout;
    constexpr float kWidth = 300;
    const auto& items = layout.update(model, 0, 100 * kS, kWidth);
    const auto& bids = items[lane(layout, "bid", "child")];
    const auto& affect = items[lane(layout, "positive", "child")];
    CHECK(bids.size() <= static_cast<std::size_t>(kWidth));
    CHECK(affect.size() <= static_cast<std::size_t>(kWidth));
    CHECK(represented(bids) == 10'000);  // nothing lost, nothing counted twice
    CHECK(represented(affect) == 5'000);
    for (const TimelineItem& item : bids) {
      CHECK(item.kind == TimelineItemKind::Folded);
      CHECK(item.x1 - item.x0 == doctest::Approx(1));
    }
    // Zoomed in far enough, nothing folds.
    const auto& zoomed = layout.update(model, 50 * kS, 50 * kS + 100'000, 1000);
    CHECK(represented(zoomed[lane(layout, "bid", "child")]) == zoomed[lane(layout, "bid", "child")].size());
    CHECK(zoomed[lane(layout, "bid", "child")].size() == 10);
  }

  TEST_CASE("timeline layout: folding never loses or double-counts an event (random data)") {
    std::mt19937_64 rng(42);
    std::vector<Event> events;
    EventId id = 1;
    for (int i = 0; i < 4000; ++i) {
      const Micros start = static_cast<Micros>(rng() % (600 * kS));
      const int kind = static_cast<int>(rng() % 3);
      if (kind == 0) events.push_back(ev(id++, "cry", "child", start, start));
      else if (kind == 1) events.push_back(ev(id++, "distress", "child", start, start + static_cast<Micros>(rng() % (2 * kS))));
      else events.push_back(ev(id++, "distress", "child", start, start + static_cast<Micros>(rng() % (90 * kS))));
    }
    events.push_back(ev(id++, "distress", "child", 300 * kS, std::nullopt));
    SessionModel model(lane_scheme(), events);
    TimelineLayout layout;
    layout.update(model, 0, 1, 1);
    const std::size_t distress = lane(layout, "distress", "child");
    for (int round = 0; round < 200; ++round) {
      const Micros t0 = static_cast<Micros>(rng() % (620 * kS));
      const Micros t1 = t0 + 1 + static_cast<Micros>(rng() % (300 * kS));
      const float width = static_cast<float>(50 + rng() % 1500);
      std::size_t visible = 0;
      for (const Event& e : model.events()) {
        const Micros end = e.end.value_or(std::numeric_limits<Micros>::max());
        if (e.start < t1 && (end > t0 || e.start >= t0)) ++visible;
      }
      const auto& items = layout.update(model, t0, t1, width);
      CAPTURE(t0);
      CAPTURE(t1);
      CAPTURE(width);
      CHECK(represented(items[distress]) == visible);
    }
  }

  TEST_CASE("timeline layout: cached until the data or the window or the width changes") {
    auto scheme = lane_scheme();
    SessionModel model(scheme, {ev(1, "bid", "child", kS, kS)});
    MemoryJournal journal(100);
    History history(model, journal);
    TimelineLayout layout;
    const auto* first = &layout.update(model, 0, 10 * kS, 200);
    CHECK(layout.index_builds() == 1);
    CHECK(layout.item_builds() == 1);
    CHECK(&layout.update(model, 0, 10 * kS, 200) == first);
    CHECK(layout.update(model, 0, 10 * kS, 200)[4].size() == 1);
    CHECK(layout.item_builds() == 1);  // nothing changed: nothing recomputed
    layout.update(model, kS, 11 * kS, 200);
    CHECK(layout.item_builds() == 2);  // new window: items again, the index stays
    layout.update(model, kS, 11 * kS, 300);
    CHECK(layout.item_builds() == 3);
    CHECK(layout.index_builds() == 1);
    history.apply(AddEvent{.code = "bid", .subject = "child", .start = 2 * kS});
    const auto& items = layout.update(model, kS, 11 * kS, 300);
    CHECK(layout.index_builds() == 1);   // the model's version moved: the index is patched,
    CHECK(layout.index_patches() == 1);  // not rebuilt
    CHECK(layout.item_builds() == 4);
    CHECK(items[4].size() == 2);
    history.undo();
    CHECK(layout.update(model, kS, 11 * kS, 300)[4].size() == 1);
    CHECK(layout.index_patches() == 2);
    // More changes than the model keeps: the index is rebuilt from the events.
    for (std::size_t i = 0; i <= SessionModel::kKeptChanges; ++i)
      history.apply(AddEvent{.code = "bid", .subject = "child", .start = static_cast<Micros>(3 + i) * kS});
    CHECK(layout.update(model, kS, 11 * kS, 300)[4].size() == 9);  // bids at 1 s .. 10 s
    CHECK(layout.index_builds() == 2);
    // A new model (even one at the same address) is never patched from the old one's index.
    SessionModel other(scheme, {ev(1, "bid", "child", kS, kS)});
    CHECK(layout.update(other, kS, 11 * kS, 300)[4].size() == 1);
    CHECK(layout.index_builds() == 3);
  }

  TEST_CASE("timeline layout: an index patched change by change draws what a rebuilt one draws") {
    // Random inserts, moves, code changes, closes and deletes in every lane, applied one
    // ChangeSet at a time; after each, the patched layout and a layout built from scratch
    // must stand for the same events in every lane, and draw the same items where nothing
    // folds (a 1-minute window 60,000 px wide: 1 px per ms).
    std::mt19937_64 rng(3);
    SessionModel model(lane_scheme());
    TimelineLayout patched;
    patched.update(model, 0, kS, 100);
    const std::pair<const char*, const char*> codes[] = {{"free_play", "dyad"}, {"positive", "child"},
                                                         {"negative", "child"}, {"distress", "child"},
                                                         {"cry", "child"},      {"bid", "parent"}};
    auto random_event = [&](EventId id) {
      const auto& [code, subject] = codes[rng() % std::size(codes)];
      const Micros start = static_cast<Micros>(rng() % (600 * kS));
      const bool point = std::string(code) == "cry" || std::string(code) == "bid";
      const int shape = point ? 1 : static_cast<int>(rng() % 4);  // 0 open, 3 long, else short
      if (shape == 0) return ev(id, code, subject, start, std::nullopt);
      const Micros length = point ? 0 : static_cast<Micros>(rng() % ((shape == 3 ? 300 : 5) * kS));
      return ev(id, code, subject, start, start + length);
    };
    EventId next_id = 1;
    for (int step = 0; step < 1500; ++step) {
      ChangeSet change;
      const auto events = model.events();
      const int what = events.size() < 50 ? 0 : static_cast<int>(rng() % 4);
      if (what <= 1) {
        change.ops.push_back(EventOp::insert(random_event(next_id++)));
      } else {
        const Event& victim = events[rng() % events.size()];
        if (what == 2) change.ops.push_back(EventOp::update(victim, random_event(victim.id)));
        else change.ops.push_back(EventOp::remove(victim));
      }
      model.apply(change);
      if (step % 10 != 0) continue;  // several changes between looks: patched in one go
      TimelineLayout rebuilt;
      for (int look = 0; look < 4; ++look) {
        const Micros t0 = static_cast<Micros>(rng() % (600 * kS));
        const Micros t1 = t0 + 1 + static_cast<Micros>(rng() % (400 * kS));
        const float width = static_cast<float>(50 + rng() % 1500);
        const auto& a = patched.update(model, t0, t1, width);
        const auto& b = rebuilt.update(model, t0, t1, width);
        REQUIRE(a.size() == b.size());
        for (std::size_t l = 0; l < a.size(); ++l) {
          CAPTURE(step);
          CAPTURE(l);
          CHECK(represented(a[l]) == represented(b[l]));
        }
      }
      const Micros t0 = static_cast<Micros>(rng() % (540 * kS));
      auto sorted_items = [](std::vector<TimelineItem> items) {
        std::sort(items.begin(), items.end(), [](const TimelineItem& x, const TimelineItem& y) {
          return std::tie(x.x0, x.x1, x.id) < std::tie(y.x0, y.x1, y.id);
        });
        std::vector<std::tuple<float, float, EventId, int, std::uint32_t>> keys;
        for (const auto& i : items) keys.emplace_back(i.x0, i.x1, i.id, static_cast<int>(i.kind), i.count);
        return keys;
      };
      const auto& a = patched.update(model, t0, t0 + 60 * kS, 60000);
      const auto& b = rebuilt.update(model, t0, t0 + 60 * kS, 60000);
      for (std::size_t l = 0; l < a.size(); ++l) CHECK(sorted_items(a[l]) == sorted_items(b[l]));
    }
    CHECK(patched.index_builds() == 1);
    CHECK(patched.index_patches() == 150);
  }

  TEST_CASE("timeline layout: room for an edge drag in an exclusive lane") {
    SessionModel model(lane_scheme(), {ev(1, "positive", "child", 10 * kS, 20 * kS),
                                       ev(2, "negative", "child", 25 * kS, 30 * kS),
                                       ev(3, "positive", "child", 40 * kS, std::nullopt),
                                       ev(4, "distress", "child", 0, 50 * kS)});
    TimelineLayout layout;
    layout.update(model, 0, 60 * kS, 600);
    const std::size_t affect = lane(layout, "positive", "child");
    auto room = layout.room(affect, *model.find(2));
    CHECK(room.first == 20 * kS);
    CHECK(room.second == 40 * kS);
    room = layout.room(affect, *model.find(1));
    CHECK(room.first == 0);
    CHECK(room.second == 25 * kS);
    CHECK_FALSE(layout.room(lane(layout, "distress", "child"), *model.find(4)).second.has_value());
  }

  TEST_CASE("timeline ruler: nice steps and mm:ss labels") {
    CHECK(tick_step(60 * kS, 600, 90) == 10 * kS);
    CHECK(tick_step(kS, 1000, 90) == 100'000);
    CHECK(tick_step(3600 * kS, 1000, 90) == 10 * 60 * kS);
    CHECK(format_tick(0, kS) == "00:00");
    CHECK(format_tick(65 * kS, 5 * kS) == "01:05");
    CHECK(format_tick(3725 * kS, 60 * kS) == "1:02:05");
    CHECK(format_tick(12'500'000, 500'000) == "00:12.5");
    CHECK(format_tick(12'340'000, 20'000) == "00:12.34");
    CHECK(format_tick(12'345'000, 5'000) == "00:12.345");
  }
}

}  // namespace attune
