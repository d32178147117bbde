#include "app/logic/disagreement_spans.h"

#include <algorithm>
#include <cmath>
#include <numeric>

namespace attune {

namespace {
constexpr double kPad = 8.0;  // spans are clamped a little beyond the track
}

void DisagreementSpans::set(std::span<const Disagreement> disagreements, std::uint64_t version) {
  if (has_version_ && version == version_) return;
  has_version_ = true;
  version_ = version;
  start_.clear();
  end_.clear();
  reach_.clear();
  merged_start_.clear();
  merged_end_.clear();
  // The result lists them by start already; order them anyway so at() and the merge can rely on it.
  order_.resize(disagreements.size());
  std::iota(order_.begin(), order_.end(), std::size_t{0});
  std::stable_sort(order_.begin(), order_.end(),
                   [&](std::size_t a, std::size_t b) { return disagreements[a].start < disagreements[b].start; });
  Micros reach = 0;
  for (std::size_t k = 0; k < order_.size(); ++k) {
    const Disagreement& d = disagreements[order_[k]];
    const Micros end = std::max(d.end, d.start);
    start_.push_back(d.start);
    end_.push_back(end);
    reach = k == 0 ? end : std::max(reach, end);
    reach_.push_back(reach);
    if (!merged_start_.empty() && d.start <= merged_end_.back()) {
      merged_end_.back() = std::max(merged_end_.back(), end);
    } else {
      merged_start_.push_back(d.start);
      merged_end_.push_back(end);
    }
  }
  laid_out_ = false;
  ++merge_builds_;
}

std::vector<std::size_t> DisagreementSpans::near(Micros from, Micros to, std::size_t max) const {
  std::vector<std::size_t> found;
  // Only entries from the first whose reach gets to `from` can touch [from, to].
  std::size_t i = static_cast<std::size_t>(
      std::partition_point(reach_.begin(), reach_.end(), [&](Micros r) { return r < from; }) - reach_.begin());
  constexpr std::size_t kLook = 256;  // bounded work per hover
  for (std::size_t looked = 0; i < start_.size() && start_[i] <= to && looked < kLook && found.size() < max;
       ++i, ++looked)
    if (end_[i] >= from) found.push_back(order_[i]);
  return found;
}

const std::vector<DisagreementSpans::Span>& DisagreementSpans::update(Micros t0, Micros t1, float width) {
  if (!laid_out_ || t0 != t0_ || t1 != t1_ || width != width_) {
    t0_ = t0;
    t1_ = t1;
    width_ = width;
    layout();
    laid_out_ = true;
  }
  return spans_;
}

void DisagreementSpans::layout() {
  spans_.clear();
  ++layout_builds_;
  if (width_ <= 0 || t1_ <= t0_) return;
  const double px_per_us = static_cast<double>(width_) / static_cast<double>(t1_ - t0_);
  const double right = static_cast<double>(width_) + kPad;
  auto px = [&](Micros t) { return std::clamp(static_cast<double>(t - t0_) * px_per_us, -kPad, right); };
  auto emit = [&](double x0, double x1) {
    if (!spans_.empty() && x0 <= static_cast<double>(spans_.back().x1)) {  // touching: one rectangle
      spans_.back().x1 = std::max(spans_.back().x1, static_cast<float>(x1));
      return;
    }
    spans_.push_back({static_cast<float>(x0), static_cast<float>(x1)});
  };
  const std::size_t n = merged_start_.size();
  // The first span that ends after t0 (merged ends are sorted).
  std::size_t i = static_cast<std::size_t>(
      std::partition_point(merged_end_.begin(), merged_end_.end(), [&](Micros e) { return e <= t0_; }) -
      merged_end_.begin());
  while (i < n && merged_start_[i] < t1_) {
    const double x0 = px(merged_start_[i]), x1 = px(merged_end_[i]);
    if (x1 - x0 >= 1.0) {
      emit(x0, x1);
      ++i;
      continue;
    }
    // Narrower than a pixel: this column is marked once, and every span ending inside it skipped.
    const double column = std::floor(std::max(x0, 0.0));
    const Micros column_end = t0_ + static_cast<Micros>(std::ceil((column + 1.0) / px_per_us));
    emit(column, column + 1.0);
    const auto next = std::partition_point(merged_end_.begin() + static_cast<std::ptrdiff_t>(i), merged_end_.end(),
                                           [&](Micros e) { return e <= column_end; });
    i = std::max(static_cast<std::size_t>(next - merged_end_.begin()), i + 1);
  }
}

}  // namespace attune
