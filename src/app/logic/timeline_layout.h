#pragma once
// What the timeline draws, computed without ImGui (the first of Tracy's two passes): one
// lane per subject × group, and for a view window [t0, t1) drawn `width` pixels wide the
// items of each lane in pixels. Items narrower than a pixel are folded into one item per
// pixel column, found by binary search so a frame costs O(lanes × columns × log n), not
// O(events). The result is cached until the model's version, the window or the width
// changes; when the model's version moves, the per-lane index is patched with the changes
// applied since (O(size of the change)) and rebuilt only when those are no longer known.
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

#include "core/session_model.h"

namespace attune {

struct TimelineLane {
  std::string subject;     // Subject id; "" when the group's codes have no subject
  std::string group;       // CodeGroup id
  std::string label;       // "Child · Child affect"
  bool episode = false;    // the episode group: its items are also shaded across all lanes
  bool exclusive = false;  // its states never overlap (the commands refuse it)
};

enum class TimelineItemKind : std::uint8_t {
  Bar,     // a closed state, x0..x1
  Tick,    // a point event at x0
  Open,    // a state with no end yet, from x0 on: see open_extent()
  Folded,  // several events inside one pixel column [x0, x0 + 1)
};

struct TimelineItem {
  float x0 = 0, x1 = 0;     // pixels from the track's left edge, clamped near [0, width]
  std::uint32_t color = 0;  // 0xAABBGGRR, the byte order of ImU32 / IM_COL32
  EventId id = 0;           // the event; for Folded the first (earliest) of them
  std::uint32_t count = 1;  // events folded into this item
  TimelineItemKind kind = TimelineItemKind::Bar;
};

// How an Open item is drawn for the playhead at `now_x` (pixels from the track's left edge)
// on a track `width` wide. It is known to run from its start to the playhead: solid from x0
// to solid_x1 (== x0 while the playhead is before its start: it is not running there). It
// has no end, so it goes on, lighter and marked open-ended, from solid_x1 to open_x1 (past
// the track's right edge): the bar never claims the state stopped at the playhead.
struct OpenExtent {
  float solid_x1 = 0;
  float open_x1 = 0;
};
OpenExtent open_extent(const TimelineItem& item, float now_x, float width);

// "#rrggbb" as 0xAABBGGRR with full alpha; a neutral grey when the text is not a colour.
std::uint32_t parse_color(const std::string& hex);

// The distance between labelled ruler ticks: the smallest "nice" step (1-2-5 ms … 30 s,
// 1 … 30 min, 1 … 12 h) that leaves at least `min_px` pixels between labels.
Micros tick_step(Micros span, float width, float min_px);
// A ruler label: "m:ss" / "h:mm:ss", with as many decimals as `step` needs ("0:12.5").
std::string format_tick(Micros t, Micros step);

class TimelineLayout {
 public:
  using Items = std::vector<std::vector<TimelineItem>>;  // indexed like lanes()

  // The items of every lane for [t0, t1) drawn `width` pixels wide. Returns the cached
  // result when neither the model (its address and version) nor the window changed.
  const Items& update(const SessionModel& model, Micros t0, Micros t1, float width);

  // Valid after update(): lanes follow the scheme's group order, then its subject order.
  const std::vector<TimelineLane>& lanes() const { return lanes_; }
  const Items& items() const { return items_; }
  std::optional<std::size_t> lane_of(const std::string& code, const std::string& subject) const;

  // Pixel <-> time in the window of the last update().
  Micros t0() const { return t0_; }
  Micros t1() const { return t1_; }
  float width() const { return width_; }
  float x_of(Micros t) const;
  Micros time_at(double x) const;

  // For an event of an exclusive lane: how far its start may move left and its end right
  // without overlapping its neighbours (end of the previous state, start of the next).
  std::pair<Micros, std::optional<Micros>> room(std::size_t lane, const Event& event) const;

  // Counters for tests and benchmarks: how often each pass really ran.
  std::uint64_t index_builds() const { return index_builds_; }
  std::uint64_t index_patches() const { return index_patches_; }
  std::uint64_t item_builds() const { return item_builds_; }
  std::size_t item_count() const;

 private:
  struct Entry {
    Micros start = 0;
    Micros end = 0;  // == start for points; for open states the largest Micros
    EventId id = 0;
    std::uint32_t color = 0;
    TimelineItemKind kind = TimelineItemKind::Bar;
  };
  struct LaneIndex {
    std::vector<Entry> entries;  // points and closed states, sorted by (start, id)
    std::vector<Micros> reach;   // reach[i] = max end of entries[0..i]: non-decreasing
    std::vector<Entry> loose;    // open states and the longest closed states (few)
  };
  struct CodeLanes {
    std::uint32_t color = 0;
    bool point = false;
    std::vector<std::pair<std::string, std::size_t>> lanes;  // subject -> lane
  };

  void build_lanes(const Scheme& scheme);
  void build_index(const SessionModel& model);
  Entry entry_of(const Event& e, const CodeLanes& code) const;
  const CodeLanes* code_lanes(const Event& e, std::size_t& lane) const;
  void patch_index(const ChangeSet& change);
  void remove_entry(const Event& e);
  void insert_entry(const Event& e);
  static void refresh_reach(LaneIndex& lane, std::size_t from);
  static void insert_sorted_entry(LaneIndex& lane, const Entry& entry);
  void build_items();
  void layout_lane(const LaneIndex& lane, std::vector<TimelineItem>& out) const;

  const void* scheme_ = nullptr;
  std::uint64_t model_ = 0;  // SessionModel::instance() of the indexed model
  std::uint64_t version_ = 0;
  bool indexed_ = false, laid_out_ = false;
  std::vector<TimelineLane> lanes_;
  std::unordered_map<std::string, CodeLanes> code_lanes_;  // code id -> its lanes
  std::vector<LaneIndex> index_;
  Items items_;
  Micros t0_ = 0, t1_ = 1;
  float width_ = 0;
  double px_per_us_ = 0;
  std::uint64_t index_builds_ = 0, index_patches_ = 0, item_builds_ = 0;
};

}  // namespace attune
