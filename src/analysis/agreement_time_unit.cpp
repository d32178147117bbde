// Time-unit kappa (Bakeman & Quera 2011); the definitions are documented in agreement.h.
#include <algorithm>
#include <map>
#include <utility>

#include "analysis/agreement.h"
#include "analysis/agreement_internal.h"
#include "core/error.h"

namespace attune {

namespace {

using agreement_detail::ResolvedTarget;

constexpr std::int64_t kMaxUnits = 50'000'000;

// Unit k is [bounds[k], bounds[k + 1]); the last bound is the session duration.
std::vector<Micros> unit_bounds(Micros duration, const TimeUnitOptions& options) {
  std::int64_t count = 0;
  if (options.frames)
    count = duration > 0 ? options.frames->frame_at(duration - 1) + 1 : 0;
  else
    count = duration / options.unit + (duration % options.unit != 0 ? 1 : 0);
  if (count > kMaxUnits)
    throw Error(ErrorKind::InvalidInput, "time-unit agreement: " + std::to_string(count) +
                                             " units are too many; choose a longer unit");
  std::vector<Micros> bounds(static_cast<std::size_t>(count) + 1);
  for (std::int64_t k = 0; k < count; ++k)
    bounds[static_cast<std::size_t>(k)] =
        options.frames ? options.frames->frame_start(k) : k * options.unit;
  bounds.back() = duration;
  return bounds;
}

// Per unit: the sorted distinct label indices present; {none} when there is none.
using Labels = std::vector<std::vector<int>>;

Labels state_labels(std::span<const Event> events, const ResolvedTarget& target,
                    const std::vector<Micros>& bounds, int none) {
  const std::size_t units = bounds.size() - 1;
  std::vector<Micros> mids(units);
  for (std::size_t k = 0; k < units; ++k) mids[k] = bounds[k] + (bounds[k + 1] - bounds[k]) / 2;

  struct Interval {
    Micros start, end;
    int label;
  };
  std::vector<Interval> intervals;
  for (const Event& e : events) {
    const int label = agreement_detail::label_of(target, e);
    if (label < 0) continue;
    const Micros end = e.end.value_or(bounds.back());
    if (end > e.start) intervals.push_back({e.start, end, label});
  }
  // Painted in this order, so the later start wins a shared midpoint, then the earlier code.
  std::sort(intervals.begin(), intervals.end(), [](const Interval& x, const Interval& y) {
    return x.start != y.start ? x.start < y.start : x.label > y.label;
  });
  std::vector<int> painted(units, none);
  for (const Interval& iv : intervals) {
    const auto lo = std::lower_bound(mids.begin(), mids.end(), iv.start) - mids.begin();
    const auto hi = std::lower_bound(mids.begin(), mids.end(), iv.end) - mids.begin();
    std::fill(painted.begin() + lo, painted.begin() + hi, iv.label);
  }
  Labels labels(units);
  for (std::size_t k = 0; k < units; ++k) labels[k] = {painted[k]};
  return labels;
}

Labels point_labels(std::span<const Event> events, const ResolvedTarget& target,
                    const std::vector<Micros>& bounds, const TimeUnitOptions& options,
                    int none) {
  const std::size_t units = bounds.size() - 1;
  const Micros duration = bounds.back();
  Labels labels(units);
  for (const Event& e : events) {
    const int label = agreement_detail::label_of(target, e);
    if (label < 0 || e.start < 0 || e.start >= duration) continue;
    const auto k = static_cast<std::size_t>(
        options.frames ? options.frames->frame_at(e.start) : e.start / options.unit);
    auto& unit = labels[std::min(k, units - 1)];
    const auto at = std::lower_bound(unit.begin(), unit.end(), label);
    if (at == unit.end() || *at != label) unit.insert(at, label);
  }
  for (auto& unit : labels)
    if (unit.empty()) unit.push_back(none);
  return labels;
}

class Tally {
 public:
  Tally(std::size_t labels, std::size_t units)
      : matrix_(labels, std::vector<std::int64_t>(labels, 0)), off_(units) {}

  void add(std::size_t unit, int a, int b) {
    ++matrix_[static_cast<std::size_t>(a)][static_cast<std::size_t>(b)];
    if (a == b) return;
    auto& off = off_[unit];
    const auto pair = std::make_pair(a, b);
    const auto at = std::lower_bound(off.begin(), off.end(), pair);
    if (at == off.end() || *at != pair) off.insert(at, pair);
  }

  CountMatrix& matrix() { return matrix_; }
  const std::vector<std::pair<int, int>>& off_diagonal(std::size_t unit) const { return off_[unit]; }

 private:
  CountMatrix matrix_;
  std::vector<std::vector<std::pair<int, int>>> off_;  // per unit, sorted distinct (a, b)
};

bool has(const std::vector<int>& unit, int label) {
  return std::binary_search(unit.begin(), unit.end(), label);
}

// w = 0: one tally per unit, or per code when a unit holds several (see agreement.h).
void tally_exact(const Labels& a, const Labels& b, int none, Tally& tally) {
  for (std::size_t k = 0; k < a.size(); ++k) {
    std::vector<int> only_a, only_b;
    for (int c : a[k]) {
      if (has(b[k], c))
        tally.add(k, c, c);
      else
        only_a.push_back(c);
    }
    for (int c : b[k])
      if (!has(a[k], c)) only_b.push_back(c);
    const std::size_t pairs = std::max(only_a.size(), only_b.size());
    for (std::size_t i = 0; i < pairs; ++i)
      tally.add(k, i < only_a.size() ? only_a[i] : none, i < only_b.size() ? only_b[i] : none);
  }
}

// For each label, the sorted units in which it occurs.
using Occurrences = std::vector<std::vector<std::size_t>>;

Occurrences occurrences(const Labels& labels, std::size_t label_count) {
  Occurrences occ(label_count);
  for (std::size_t k = 0; k < labels.size(); ++k)
    for (int c : labels[k]) occ[static_cast<std::size_t>(c)].push_back(k);
  return occ;
}

// Does `label` occur within units k − w … k + w?
bool within(const Occurrences& occ, std::size_t k, std::size_t w, int label) {
  const auto& units = occ[static_cast<std::size_t>(label)];
  const auto it = std::lower_bound(units.begin(), units.end(), k >= w ? k - w : 0);
  return it != units.end() && *it <= k + w;
}

struct Record {
  const Labels& labels;
  Occurrences occ;
};

// One side of the tolerant tally: every code of `mine` in unit k is found in `theirs`
// within ±w (agreement) or is set against a code `theirs` has in unit k and `mine` has not.
// Returns (mine, theirs) pairs; the caller orders them as (A, B).
std::vector<std::pair<int, int>> tolerant_side(const Record& mine, const Record& theirs,
                                               std::size_t k, std::size_t w, int none) {
  std::vector<std::pair<int, int>> out;
  std::vector<int> lost;
  for (int c : mine.labels[k]) {
    if (within(theirs.occ, k, w, c))
      out.emplace_back(c, c);
    else
      lost.push_back(c);
  }
  if (lost.empty()) return out;
  std::vector<int> candidates, found_later;
  for (int c : theirs.labels[k]) {
    if (has(mine.labels[k], c)) continue;
    (within(mine.occ, k, w, c) ? found_later : candidates).push_back(c);
  }
  candidates.insert(candidates.end(), found_later.begin(), found_later.end());
  for (std::size_t i = 0; i < lost.size(); ++i)
    out.emplace_back(lost[i], i < candidates.size() ? candidates[i] : none);
  return out;
}

void tally_tolerant(const Labels& a, const Labels& b, std::size_t w, int none, Tally& tally) {
  const std::size_t label_count = static_cast<std::size_t>(none) + 1;
  const Record ra{a, occurrences(a, label_count)}, rb{b, occurrences(b, label_count)};
  for (std::size_t k = 0; k < a.size(); ++k) {
    for (const auto& [x, y] : tolerant_side(ra, rb, k, w, none)) tally.add(k, x, y);
    for (const auto& [y, x] : tolerant_side(rb, ra, k, w, none)) tally.add(k, x, y);
  }
}

// Consecutive units with the same off-diagonal (A, B) tally become one entry.
std::vector<Disagreement> disagreement_runs(const Tally& tally, const std::vector<Micros>& bounds,
                                            const std::vector<std::string>& labels) {
  std::vector<Disagreement> out;
  std::map<std::pair<int, int>, std::size_t> open;  // pair -> first unit of its run
  auto close = [&](const std::pair<int, int>& pair, std::size_t first, std::size_t end_unit) {
    out.push_back({bounds[first], bounds[end_unit], labels[static_cast<std::size_t>(pair.first)],
                   labels[static_cast<std::size_t>(pair.second)]});
  };
  const std::size_t units = bounds.size() - 1;
  for (std::size_t k = 0; k < units; ++k) {
    const auto& here = tally.off_diagonal(k);
    for (auto it = open.begin(); it != open.end();) {
      if (std::binary_search(here.begin(), here.end(), it->first)) {
        ++it;
      } else {
        close(it->first, it->second, k);
        it = open.erase(it);
      }
    }
    for (const auto& pair : here) open.emplace(pair, k);  // no-op when already open
  }
  for (const auto& [pair, first] : open) close(pair, first, units);
  return out;
}

}  // namespace

AgreementResult time_unit_agreement(std::span<const Event> a, std::span<const Event> b,
                                    const Scheme& scheme, Micros duration,
                                    const TimeUnitOptions& options) {
  if (duration < 0)
    throw Error(ErrorKind::InvalidInput, "time-unit agreement: the duration is negative");
  if (options.frames ? !options.frames->valid() : options.unit <= 0)
    throw Error(ErrorKind::InvalidInput, "time-unit agreement: the unit must be positive");
  if (options.tolerance_units < 0)
    throw Error(ErrorKind::InvalidInput, "time-unit agreement: the tolerance is negative");

  const ResolvedTarget target = agreement_detail::resolve_target(scheme, options.target);
  if (!target.all_states && !target.all_points)
    throw Error(ErrorKind::InvalidInput, "time-unit agreement: group '" + options.target.group +
                                             "' mixes states and point codes");
  if (target.all_states && !target.exclusive)
    throw Error(ErrorKind::InvalidInput, "time-unit agreement: group '" + options.target.group +
                                             "' is not mutually exclusive");

  AgreementResult result;
  result.method = AgreementMethod::TimeUnit;
  result.unit = options.frames ? options.frames->frame_duration(0) : options.unit;
  if (options.frames) {
    result.frame_rate = options.frames->rate();
    result.variable_frames = options.frames->variable();
  }
  result.tolerance_units = options.tolerance_units;
  result.tolerance = options.tolerance_units * result.unit;
  result.group = options.target.group;
  result.subject = options.target.subject;
  result.duration = duration;

  const std::vector<Micros> bounds = unit_bounds(duration, options);
  const std::size_t units = bounds.size() - 1;
  const int none = static_cast<int>(target.codes.size());
  const Labels la = target.all_states ? state_labels(a, target, bounds, none)
                                      : point_labels(a, target, bounds, options, none);
  const Labels lb = target.all_states ? state_labels(b, target, bounds, none)
                                      : point_labels(b, target, bounds, options, none);

  Tally tally(target.codes.size() + 1, units);
  if (options.tolerance_units == 0)
    tally_exact(la, lb, none, tally);
  else
    tally_tolerant(la, lb, static_cast<std::size_t>(options.tolerance_units), none, tally);

  std::vector<std::string> labels = target.codes;
  labels.emplace_back(kNoneLabel);
  result.disagreements = disagreement_runs(tally, bounds, labels);
  agreement_detail::finish(result, target, kNoneLabel, std::move(tally.matrix()), false);
  return result;
}

}  // namespace attune
