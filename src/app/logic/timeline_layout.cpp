#include "app/logic/timeline_layout.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <limits>

namespace attune {

namespace {

constexpr Micros kRunning = std::numeric_limits<Micros>::max();  // the "end" of an open state
// Closed states moved out of the binary-searched entries of a lane whose states may overlap:
// one long state would otherwise keep reach[] high and defeat the fold's search.
constexpr std::size_t kLooseStates = 16;
// Items are clamped a little beyond the track so huge coordinates never reach the renderer.
constexpr double kPad = 8.0;

// The first index in [lo, hi) whose value is >= x, searching outward from lo: folds find
// their neighbours in O(log distance) rather than O(log n).
std::size_t gallop(const std::vector<Micros>& v, std::size_t lo, std::size_t hi, Micros x) {
  if (lo >= hi || v[lo] >= x) return lo;
  std::size_t below = lo, step = 1;  // v[below] < x
  while (below + step < hi && v[below + step] < x) {
    below += step;
    step *= 2;
  }
  const std::size_t last = std::min(below + step, hi);
  auto it = std::partition_point(v.begin() + static_cast<std::ptrdiff_t>(below + 1),
                                 v.begin() + static_cast<std::ptrdiff_t>(last), [x](Micros r) { return r < x; });
  return static_cast<std::size_t>(it - v.begin());
}

int hex_digit(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

}  // namespace

OpenExtent open_extent(const TimelineItem& item, float now_x, float width) {
  const float right = width + static_cast<float>(kPad);
  OpenExtent extent;
  extent.solid_x1 = std::clamp(now_x, item.x0, std::max(item.x0, right));
  extent.open_x1 = std::max(right, extent.solid_x1);
  return extent;
}

std::uint32_t parse_color(const std::string& hex) {
  constexpr std::uint32_t kGrey = 0xFF909090u;
  if (hex.size() != 7 || hex[0] != '#') return kGrey;
  std::uint32_t rgb[3];
  for (int i = 0; i < 3; ++i) {
    const int hi = hex_digit(hex[static_cast<std::size_t>(1 + 2 * i)]);
    const int lo = hex_digit(hex[static_cast<std::size_t>(2 + 2 * i)]);
    if (hi < 0 || lo < 0) return kGrey;
    rgb[i] = static_cast<std::uint32_t>(hi * 16 + lo);
  }
  return 0xFF000000u | (rgb[2] << 16) | (rgb[1] << 8) | rgb[0];
}

Micros tick_step(Micros span, float width, float min_px) {
  static constexpr Micros kMs = 1000, kS = kMicrosPerSecond, kMin = 60 * kS, kH = 60 * kMin;
  static constexpr Micros kSteps[] = {kMs,     2 * kMs,  5 * kMs,  10 * kMs, 20 * kMs,  50 * kMs,  100 * kMs,
                                      200 * kMs, 500 * kMs, kS,     2 * kS,   5 * kS,    10 * kS,   15 * kS,
                                      30 * kS,   kMin,     2 * kMin, 5 * kMin, 10 * kMin, 15 * kMin, 30 * kMin,
                                      kH,        2 * kH,   6 * kH,   12 * kH,  24 * kH};
  if (span <= 0 || width <= 0) return kS;
  const double px_per_us = width / static_cast<double>(span);
  for (Micros step : kSteps)
    if (static_cast<double>(step) * px_per_us >= min_px) return step;
  Micros step = 24 * kH;
  while (static_cast<double>(step) * px_per_us < min_px) step *= 2;
  return step;
}

std::string format_tick(Micros t, Micros step) {
  const bool negative = t < 0;
  const long long u = negative ? -t : t;
  const int decimals = step % kMicrosPerSecond == 0 ? 0 : step % 100000 == 0 ? 1 : step % 10000 == 0 ? 2 : 3;
  const long long s = u / kMicrosPerSecond;
  char buffer[48];
  int n = s >= 3600 ? std::snprintf(buffer, sizeof buffer, "%s%lld:%02lld:%02lld", negative ? "-" : "", s / 3600,
                                    s / 60 % 60, s % 60)
                    : std::snprintf(buffer, sizeof buffer, "%s%02lld:%02lld", negative ? "-" : "", s / 60, s % 60);
  if (decimals > 0 && n > 0) {
    long long frac = u % kMicrosPerSecond;
    for (int i = decimals; i < 6; ++i) frac /= 10;
    std::snprintf(buffer + n, sizeof buffer - static_cast<std::size_t>(n), ".%0*lld", decimals, frac);
  }
  return buffer;
}

// ---- lanes and the per-lane index (rebuilt when the scheme or the data change) ----------

void TimelineLayout::build_lanes(const Scheme& scheme) {
  lanes_.clear();
  code_lanes_.clear();
  for (const CodeGroup& group : scheme.groups) {
    bool without_subject = false;
    std::vector<const Subject*> used;
    for (const Subject& subject : scheme.subjects)
      for (const Code& code : scheme.codes)
        if (code.group == group.id &&
            std::find(code.subjects.begin(), code.subjects.end(), subject.id) != code.subjects.end()) {
          used.push_back(&subject);
          break;
        }
    for (const Code& code : scheme.codes)
      if (code.group == group.id && code.subjects.empty()) without_subject = true;
    const bool episode = group.role == "episode";
    if (without_subject) lanes_.push_back({"", group.id, group.name, episode, group.exclusive});
    for (const Subject* subject : used)
      lanes_.push_back({subject->id, group.id, subject->name + " \u00b7 " + group.name, episode, group.exclusive});
  }
  for (const Code& code : scheme.codes) {
    CodeLanes& entry = code_lanes_[code.id];
    entry.color = parse_color(code.color);
    entry.point = code.kind == CodeKind::Point;
    for (std::size_t i = 0; i < lanes_.size(); ++i) {
      const TimelineLane& lane = lanes_[i];
      if (lane.group != code.group) continue;
      const bool allowed = lane.subject.empty()
                               ? code.subjects.empty()
                               : std::find(code.subjects.begin(), code.subjects.end(), lane.subject) != code.subjects.end();
      if (allowed) entry.lanes.emplace_back(lane.subject, i);
    }
  }
}

std::optional<std::size_t> TimelineLayout::lane_of(const std::string& code, const std::string& subject) const {
  auto found = code_lanes_.find(code);
  if (found == code_lanes_.end()) return std::nullopt;
  for (const auto& [id, lane] : found->second.lanes)
    if (id == subject) return lane;
  return std::nullopt;
}

void TimelineLayout::build_index(const SessionModel& model) {
  index_.resize(lanes_.size());
  for (LaneIndex& lane : index_) {  // clear() keeps the capacity: rebuilds do not reallocate
    lane.entries.clear();
    lane.reach.clear();
    lane.loose.clear();
  }
  for (const Event& e : model.events()) {
    std::size_t lane = 0;
    const CodeLanes* code = code_lanes(e, lane);
    if (!code) continue;
    const Entry entry = entry_of(e, *code);
    (entry.kind == TimelineItemKind::Open ? index_[lane].loose : index_[lane].entries).push_back(entry);
  }
  for (std::size_t l = 0; l < index_.size(); ++l) {
    LaneIndex& lane = index_[l];
    if (!lanes_[l].exclusive) {  // exclusive states never overlap: their ends are already sorted
      std::vector<std::size_t> states;
      for (std::size_t i = 0; i < lane.entries.size(); ++i)
        if (lane.entries[i].kind == TimelineItemKind::Bar) states.push_back(i);
      if (!states.empty()) {
        const std::size_t k = std::min(kLooseStates, states.size());
        auto longer = [&](std::size_t a, std::size_t b) {
          const Entry &x = lane.entries[a], &y = lane.entries[b];
          return x.end - x.start > y.end - y.start;
        };
        std::nth_element(states.begin(), states.begin() + static_cast<std::ptrdiff_t>(k - 1), states.end(), longer);
        states.resize(k);
        std::sort(states.begin(), states.end());  // keeps loose in (start, id) order
        std::vector<bool> moved(lane.entries.size(), false);
        for (std::size_t i : states) {
          moved[i] = true;
          lane.loose.push_back(lane.entries[i]);
        }
        std::size_t kept = 0;
        for (std::size_t i = 0; i < lane.entries.size(); ++i)
          if (!moved[i]) lane.entries[kept++] = lane.entries[i];
        lane.entries.resize(kept);
      }
    }
    lane.reach.reserve(lane.entries.size());
    Micros reach = std::numeric_limits<Micros>::min();
    for (const Entry& entry : lane.entries) lane.reach.push_back(reach = std::max(reach, entry.end));
  }
  ++index_builds_;
}

const TimelineLayout::CodeLanes* TimelineLayout::code_lanes(const Event& e, std::size_t& lane) const {
  auto found = code_lanes_.find(e.code);
  if (found == code_lanes_.end()) return nullptr;
  for (const auto& [subject, l] : found->second.lanes) {
    if (subject != e.subject) continue;
    lane = l;
    return &found->second;
  }
  return nullptr;
}

TimelineLayout::Entry TimelineLayout::entry_of(const Event& e, const CodeLanes& code) const {
  Entry entry{e.start, e.end.value_or(kRunning), e.id, code.color, TimelineItemKind::Bar};
  if (code.point) {
    entry.kind = TimelineItemKind::Tick;
    entry.end = e.start;
  } else if (e.is_open()) {
    entry.kind = TimelineItemKind::Open;
  }
  return entry;
}

// Recomputes reach[from..] after an entry was inserted or erased at `from` (reach already
// has the matching slot). Stops at the first stored value that is already right: from
// there on the prefix maximum runs over the same entries as before.
void TimelineLayout::refresh_reach(LaneIndex& lane, std::size_t from) {
  Micros reach = from == 0 ? std::numeric_limits<Micros>::min() : lane.reach[from - 1];
  for (std::size_t j = from; j < lane.entries.size(); ++j) {
    reach = std::max(reach, lane.entries[j].end);
    if (j > from && lane.reach[j] == reach) return;
    lane.reach[j] = reach;
  }
}

namespace {
bool entry_key_before(Micros start_a, EventId id_a, Micros start_b, EventId id_b) {
  return start_a != start_b ? start_a < start_b : id_a < id_b;
}
}  // namespace

void TimelineLayout::remove_entry(const Event& e) {
  std::size_t l = 0;
  if (!code_lanes(e, l)) return;
  LaneIndex& lane = index_[l];
  if (auto it = std::find_if(lane.loose.begin(), lane.loose.end(), [&](const Entry& x) { return x.id == e.id; });
      it != lane.loose.end()) {
    lane.loose.erase(it);
    return;
  }
  auto it = std::lower_bound(lane.entries.begin(), lane.entries.end(), e, [](const Entry& x, const Event& v) {
    return entry_key_before(x.start, x.id, v.start, v.id);
  });
  if (it == lane.entries.end() || it->id != e.id) return;
  const auto i = static_cast<std::size_t>(it - lane.entries.begin());
  lane.entries.erase(it);
  lane.reach.erase(lane.reach.begin() + static_cast<std::ptrdiff_t>(i));
  if (i < lane.entries.size()) refresh_reach(lane, i);
}

void TimelineLayout::insert_entry(const Event& e) {
  std::size_t l = 0;
  const CodeLanes* code = code_lanes(e, l);
  if (!code) return;
  LaneIndex& lane = index_[l];
  const Entry entry = entry_of(e, *code);
  auto before = [](const Entry& a, const Entry& b) { return entry_key_before(a.start, a.id, b.start, b.id); };
  // A state longer than a loose one goes to loose (what build_index would have chosen),
  // so one long bar cannot make every later reach jump past the window.
  bool loose = entry.kind == TimelineItemKind::Open;
  if (entry.kind == TimelineItemKind::Bar && !lanes_[l].exclusive) {
    const Micros length = entry.end - entry.start;
    loose = std::any_of(lane.loose.begin(), lane.loose.end(), [&](const Entry& x) {
      return x.kind == TimelineItemKind::Bar && x.end - x.start < length;
    });
  }
  if (loose) {
    lane.loose.insert(std::upper_bound(lane.loose.begin(), lane.loose.end(), entry, before), entry);
    const auto bars = std::count_if(lane.loose.begin(), lane.loose.end(),
                                    [](const Entry& x) { return x.kind == TimelineItemKind::Bar; });
    if (static_cast<std::size_t>(bars) <= kLooseStates) return;
    // Too many: the shortest loose bar goes back to the entries, so loose stays small.
    auto shortest = lane.loose.end();
    for (auto x = lane.loose.begin(); x != lane.loose.end(); ++x)
      if (x->kind == TimelineItemKind::Bar &&
          (shortest == lane.loose.end() || x->end - x->start < shortest->end - shortest->start))
        shortest = x;
    const Entry demoted = *shortest;
    lane.loose.erase(shortest);
    insert_sorted_entry(lane, demoted);
    return;
  }
  insert_sorted_entry(lane, entry);
}

void TimelineLayout::insert_sorted_entry(LaneIndex& lane, const Entry& entry) {
  auto before = [](const Entry& a, const Entry& b) { return entry_key_before(a.start, a.id, b.start, b.id); };
  auto it = std::upper_bound(lane.entries.begin(), lane.entries.end(), entry, before);
  const auto i = static_cast<std::size_t>(it - lane.entries.begin());
  lane.entries.insert(it, entry);
  lane.reach.insert(lane.reach.begin() + static_cast<std::ptrdiff_t>(i), 0);
  refresh_reach(lane, i);
}

void TimelineLayout::patch_index(const ChangeSet& change) {
  for (const EventOp& op : change.ops) {
    if (op.kind != EventOp::Kind::Insert) remove_entry(op.before);
    if (op.kind != EventOp::Kind::Delete) insert_entry(op.after);
  }
}

// ---- items for one window (rebuilt when the window or the data change) -----------------

float TimelineLayout::x_of(Micros t) const {
  return static_cast<float>(static_cast<double>(t - t0_) * px_per_us_);
}

Micros TimelineLayout::time_at(double x) const {
  if (px_per_us_ <= 0) return t0_;
  return t0_ + std::llround(x / px_per_us_);
}

void TimelineLayout::layout_lane(const LaneIndex& lane, std::vector<TimelineItem>& out) const {
  const double right = static_cast<double>(width_) + kPad;
  auto px = [&](Micros t) {
    if (t == kRunning) return right;
    return std::clamp(static_cast<double>(t - t0_) * px_per_us_, -kPad, right);
  };
  auto emit = [&](const Entry& e, double x0, double x1) {
    out.push_back({static_cast<float>(x0), static_cast<float>(x1), e.color, e.id, 1, e.kind});
  };
  const std::vector<Entry>& entries = lane.entries;
  // Nothing before the first entry whose reach gets to t0 can be visible.
  std::size_t i = static_cast<std::size_t>(
      std::partition_point(lane.reach.begin(), lane.reach.end(), [&](Micros r) { return r < t0_; }) -
      lane.reach.begin());
  const std::size_t stop = static_cast<std::size_t>(
      std::partition_point(entries.begin() + static_cast<std::ptrdiff_t>(i), entries.end(),
                           [&](const Entry& e) { return e.start < t1_; }) -
      entries.begin());
  double folded_column = -1;  // the column of the last narrow item emitted, for merging
  while (i < stop) {
    const Entry& e = entries[i];
    if (e.end <= t0_ && e.start < t0_) {  // a look-back entry that ended before the window
      ++i;
      continue;
    }
    const double x0 = px(e.start), x1 = px(e.end);
    if (x1 - x0 >= 1.0) {
      emit(e, x0, x1);
      folded_column = -1;
      ++i;
      continue;
    }
    // Sub-pixel: every following entry whose reach stays inside this column lies in it.
    // (Not for an entry crossing t0: entries after it may have ended before the window.)
    const double column = std::floor(std::max(x0, 0.0));
    const Micros column_end = t0_ + static_cast<Micros>(std::ceil((column + 1.0) / px_per_us_));
    const std::size_t next = e.start < t0_ ? i + 1 : std::max(gallop(lane.reach, i, stop, column_end), i + 1);
    const auto count = static_cast<std::uint32_t>(next - i);
    if (folded_column == column && !out.empty()) {
      TimelineItem& last = out.back();
      last.count += count;
      last.kind = TimelineItemKind::Folded;
      last.x0 = static_cast<float>(column);
      last.x1 = static_cast<float>(column + 1.0);
    } else if (count == 1) {
      emit(e, x0, x1);
    } else {
      out.push_back({static_cast<float>(column), static_cast<float>(column + 1.0), e.color, e.id, count,
                     TimelineItemKind::Folded});
    }
    folded_column = column;
    i = next;
  }
  for (const Entry& e : lane.loose) {
    if (e.start >= t1_ || (e.end <= t0_ && e.start < t0_)) continue;
    const double x0 = px(e.start);
    emit(e, x0, e.kind == TimelineItemKind::Open ? x0 : px(e.end));
  }
}

void TimelineLayout::build_items() {
  items_.resize(lanes_.size());
  for (std::size_t l = 0; l < lanes_.size(); ++l) {
    items_[l].clear();
    if (width_ > 0 && t1_ > t0_) layout_lane(index_[l], items_[l]);
  }
  ++item_builds_;
}

const TimelineLayout::Items& TimelineLayout::update(const SessionModel& model, Micros t0, Micros t1, float width) {
  const void* scheme = &model.scheme();
  if (scheme != scheme_) {
    build_lanes(model.scheme());
    scheme_ = scheme;
    indexed_ = false;
  }
  if (indexed_ && model_ == model.instance() && version_ != model.version()) {
    if (auto changes = model.changes_since(version_)) {
      for (const ChangeSet* change : *changes) patch_index(*change);
      version_ = model.version();
      laid_out_ = false;
      ++index_patches_;
    }
  }
  if (!indexed_ || model_ != model.instance() || version_ != model.version()) {
    build_index(model);
    model_ = model.instance();
    version_ = model.version();
    indexed_ = true;
    laid_out_ = false;
  }
  if (!laid_out_ || t0 != t0_ || t1 != t1_ || width != width_) {
    t0_ = t0;
    t1_ = t1;
    width_ = width;
    px_per_us_ = t1 > t0 ? static_cast<double>(width) / static_cast<double>(t1 - t0) : 0.0;
    build_items();
    laid_out_ = true;
  }
  return items_;
}

std::size_t TimelineLayout::item_count() const {
  std::size_t n = 0;
  for (const auto& lane : items_) n += lane.size();
  return n;
}

std::pair<Micros, std::optional<Micros>> TimelineLayout::room(std::size_t lane, const Event& event) const {
  std::pair<Micros, std::optional<Micros>> limits{0, std::nullopt};
  if (lane >= index_.size() || !lanes_[lane].exclusive) return limits;
  auto tighten = [&](const Entry& other) {
    if (other.id == event.id) return;
    if (other.start < event.start || (other.start == event.start && other.id < event.id)) {
      if (other.end != kRunning) limits.first = std::max(limits.first, other.end);
    } else if (!limits.second || other.start < *limits.second) {
      limits.second = other.start;
    }
  };
  const std::vector<Entry>& entries = index_[lane].entries;
  auto at = std::partition_point(entries.begin(), entries.end(), [&](const Entry& e) {
    return e.start < event.start || (e.start == event.start && e.id < event.id);
  });
  if (at != entries.begin()) tighten(*std::prev(at));
  for (auto it = at; it != entries.end() && it - at < 2; ++it) tighten(*it);  // itself, then the next
  for (const Entry& e : index_[lane].loose) tighten(e);
  return limits;
}

}  // namespace attune
