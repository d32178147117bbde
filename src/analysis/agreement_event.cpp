// Event-based kappa (Bakeman, Quera & Gnisci 2009); the definitions are in agreement.h.
#include <algorithm>
#include <cmath>
#include <cstdint>
#include <tuple>

#include "analysis/agreement.h"
#include "analysis/agreement_internal.h"
#include "core/error.h"

namespace attune {

namespace {

using agreement_detail::ResolvedTarget;

// Band cells the alignment may hold (17 bytes each); beyond this the tolerance is far
// wider than the spacing of the events and the comparison is meaningless anyway.
constexpr std::size_t kMaxCells = 8'000'000;
constexpr Micros kMaxTolerance = 1'000'000LL * kMicrosPerSecond;  // keeps t ± T in range

struct Item {
  Micros start = 0;
  Micros end = 0;
  int label = 0;
  const Event* event = nullptr;
};

std::vector<Item> compared_items(std::span<const Event> events, const ResolvedTarget& target,
                                 Micros duration) {
  std::vector<Item> items;
  for (const Event& e : events) {
    const int label = agreement_detail::label_of(target, e);
    if (label < 0) continue;
    const Micros end = e.end ? std::max(*e.end, e.start) : std::max(e.start, duration);
    items.push_back({e.start, end, label, &e});
  }
  std::sort(items.begin(), items.end(), [](const Item& x, const Item& y) {
    return std::tie(x.start, x.label, x.end, x.event->id) <
           std::tie(y.start, y.label, y.end, y.event->id);
  });
  return items;
}

struct Value {
  std::int32_t weight = 0;  // 2 per same-code pair, 1 per different-code pair
  Micros delta = 0;         // Σ |onset difference| over the pairs
};

bool better(const Value& x, const Value& y) {
  return x.weight != y.weight ? x.weight > y.weight : x.delta < y.delta;
}

enum class Move : std::uint8_t { SkipA, SkipB, Pair };

// Order-preserving alignment maximising (weight, −delta) over the prefixes A[0, i) and
// B[0, j). Only cells whose last events are within the tolerance are stored; outside that
// band the last event of one side cannot pair, so f(i, j) equals a stored neighbour:
//   B[j−1] later than A[i−1] + T  →  f(i, j) = f(i, jhi(i))
//   B[j−1] earlier than A[i−1] − T →  f(i, j) = f(ihi(j), j)
class Aligner {
 public:
  Aligner(const std::vector<Item>& a, const std::vector<Item>& b, Micros tolerance,
          double min_overlap_percent)
      : a_(a), b_(b), tolerance_(tolerance), overlap_(min_overlap_percent),
        jlo_(a.size() + 1), jhi_(a.size() + 1), ihi_(b.size() + 1), offset_(a.size() + 2) {
    std::vector<Micros> ta(a.size()), tb(b.size());
    for (std::size_t i = 0; i < a.size(); ++i) ta[i] = a[i].start;
    for (std::size_t j = 0; j < b.size(); ++j) tb[j] = b[j].start;
    for (std::size_t i = 1; i <= a.size(); ++i) {
      const Micros t = ta[i - 1];
      jlo_[i] = static_cast<std::size_t>(
                    std::lower_bound(tb.begin(), tb.end(), t - tolerance_) - tb.begin()) + 1;
      jhi_[i] = static_cast<std::size_t>(
          std::upper_bound(tb.begin(), tb.end(), t + tolerance_) - tb.begin());
    }
    for (std::size_t j = 1; j <= b.size(); ++j)
      ihi_[j] = static_cast<std::size_t>(
          std::upper_bound(ta.begin(), ta.end(), tb[j - 1] + tolerance_) - ta.begin());
    for (std::size_t i = 1; i <= a.size(); ++i) offset_[i + 1] = offset_[i] + width(i);
    if (offset_[a.size() + 1] > kMaxCells)
      throw Error(ErrorKind::InvalidInput,
                  "event agreement: the tolerance is far wider than the spacing of the events");
  }

  // The alignment as (index in A or -1, index in B or -1), from the end backwards.
  std::vector<std::pair<std::ptrdiff_t, std::ptrdiff_t>> align() {
    values_.assign(offset_[a_.size() + 1], Value{});
    moves_.assign(offset_[a_.size() + 1], Move::SkipA);
    for (std::size_t i = 1; i <= a_.size(); ++i)
      for (std::size_t j = jlo_[i]; j <= jhi_[i]; ++j) {
        Value best = value(i - 1, j);
        Move move = Move::SkipA;
        const Value left = value(i, j - 1);
        if (better(left, best)) best = left, move = Move::SkipB;
        if (pairable(a_[i - 1], b_[j - 1])) {
          Value pair = value(i - 1, j - 1);
          pair.weight += a_[i - 1].label == b_[j - 1].label ? 2 : 1;
          pair.delta += std::abs(a_[i - 1].start - b_[j - 1].start);
          if (better(pair, best)) best = pair, move = Move::Pair;
        }
        values_[cell(i, j)] = best;
        moves_[cell(i, j)] = move;
      }

    std::vector<std::pair<std::ptrdiff_t, std::ptrdiff_t>> out;
    std::size_t i = a_.size(), j = b_.size();
    auto skip_a = [&] { out.emplace_back(static_cast<std::ptrdiff_t>(--i), -1); };
    auto skip_b = [&] { out.emplace_back(-1, static_cast<std::ptrdiff_t>(--j)); };
    while (i > 0 || j > 0) {
      if (i == 0 || (j > 0 && j > jhi_[i])) {
        skip_b();
      } else if (j == 0 || j < jlo_[i]) {
        skip_a();
      } else {
        switch (moves_[cell(i, j)]) {
          case Move::SkipA: skip_a(); break;
          case Move::SkipB: skip_b(); break;
          case Move::Pair:
            --i, --j;
            out.emplace_back(static_cast<std::ptrdiff_t>(i), static_cast<std::ptrdiff_t>(j));
            break;
        }
      }
    }
    return out;
  }

 private:
  std::size_t width(std::size_t i) const { return jhi_[i] >= jlo_[i] ? jhi_[i] - jlo_[i] + 1 : 0; }
  std::size_t cell(std::size_t i, std::size_t j) const { return offset_[i] + (j - jlo_[i]); }

  Value value(std::size_t i, std::size_t j) const {
    for (;;) {
      if (i == 0 || j == 0) return {};
      if (j > jhi_[i]) {
        j = jhi_[i];  // B[j−1] is too late for every A in the prefix
      } else if (j < jlo_[i]) {
        i = ihi_[j];  // A[i−1] is too late for every B in the prefix; ihi_[j] < i
      } else {
        return values_[cell(i, j)];
      }
    }
  }

  bool pairable(const Item& x, const Item& y) const {
    // Onsets are within the tolerance inside the band; the overlap is checked here.
    if (overlap_ <= 0) return true;
    const Micros lx = x.end - x.start, ly = y.end - y.start;
    if (lx <= 0 || ly <= 0) return true;  // a point has no overlap to require
    const Micros overlap = std::max<Micros>(0, std::min(x.end, y.end) - std::max(x.start, y.start));
    return static_cast<double>(overlap) * 100.0 >= overlap_ * static_cast<double>(std::max(lx, ly));
  }

  const std::vector<Item>& a_;
  const std::vector<Item>& b_;
  Micros tolerance_;
  double overlap_;
  std::vector<std::size_t> jlo_, jhi_, ihi_, offset_;
  std::vector<Value> values_;
  std::vector<Move> moves_;
};

}  // namespace

AgreementResult event_agreement(std::span<const Event> a, std::span<const Event> b,
                                const Scheme& scheme, Micros duration,
                                const EventAgreementOptions& options) {
  if (duration < 0)
    throw Error(ErrorKind::InvalidInput, "event agreement: the duration is negative");
  if (options.tolerance < 0)
    throw Error(ErrorKind::InvalidInput, "event agreement: the tolerance is negative");
  if (!(options.min_overlap_percent >= 0 && options.min_overlap_percent <= 100))
    throw Error(ErrorKind::InvalidInput, "event agreement: the overlap must be 0 to 100 %");

  const ResolvedTarget target = agreement_detail::resolve_target(scheme, options.target);
  AgreementResult result;
  result.method = AgreementMethod::EventBased;
  result.tolerance = options.tolerance;
  result.min_overlap_percent = options.min_overlap_percent;
  result.group = options.target.group;
  result.subject = options.target.subject;
  result.duration = duration;

  const std::vector<Item> ia = compared_items(a, target, duration);
  const std::vector<Item> ib = compared_items(b, target, duration);
  Aligner aligner(ia, ib, std::min(options.tolerance, kMaxTolerance), options.min_overlap_percent);

  const std::size_t nil = target.codes.size();
  CountMatrix matrix(nil + 1, std::vector<std::int64_t>(nil + 1, 0));
  auto code = [&](std::size_t label) {
    return label == nil ? std::string(kNilLabel) : target.codes[label];
  };
  for (const auto& [i, j] : aligner.align()) {
    const Item* x = i >= 0 ? &ia[static_cast<std::size_t>(i)] : nullptr;
    const Item* y = j >= 0 ? &ib[static_cast<std::size_t>(j)] : nullptr;
    const std::size_t row = x ? static_cast<std::size_t>(x->label) : nil;
    const std::size_t col = y ? static_cast<std::size_t>(y->label) : nil;
    ++matrix[row][col];
    if (row == col) continue;
    const Micros start = std::min(x ? x->start : y->start, y ? y->start : x->start);
    const Micros end = std::max(x ? x->end : y->end, y ? y->end : x->end);
    result.disagreements.push_back({start, end, code(row), code(col)});
  }
  agreement_detail::finish(result, target, kNilLabel, std::move(matrix), true);
  return result;
}

}  // namespace attune
