#pragma once
// Where two codings disagree, laid out for a timeline (no ImGui): the agreement result's
// disagreements merged into disjoint spans once per result, then for a view window [t0, t1)
// drawn `width` pixels wide the spans in pixels, those narrower than a pixel folded into one
// per pixel column (binary search), so a frame costs O(columns × log n), not O(disagreements).
// The pixel spans are cached until the result or the window changes.
#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

#include "analysis/agreement.h"

namespace attune {

class DisagreementSpans {
 public:
  struct Span {
    float x0 = 0, x1 = 0;  // pixels from the track's left edge, clamped near [0, width]
  };

  // Takes the disagreements of a result; does nothing when `version` is the one of the last call.
  void set(std::span<const Disagreement> disagreements, std::uint64_t version);
  // The spans for [t0, t1) drawn `width` pixels wide (cached).
  const std::vector<Span>& update(Micros t0, Micros t1, float width);
  const std::vector<Span>& spans() const { return spans_; }  // of the last update()

  // Indices (into the disagreements given to set()) of those touching [from, to] (start <= to
  // and end >= from, so a zero-length one at a point event is found too), by start; at most
  // `max` of them.
  std::vector<std::size_t> near(Micros from, Micros to, std::size_t max = 4) const;

  std::size_t merged_count() const { return merged_start_.size(); }
  // How often each pass really ran (tests).
  std::uint64_t merge_builds() const { return merge_builds_; }
  std::uint64_t layout_builds() const { return layout_builds_; }

 private:
  void layout();

  bool has_version_ = false;
  std::uint64_t version_ = 0;
  // The disagreements as given (sorted by start) with reach[i] = max end of 0..i.
  std::vector<Micros> start_, end_, reach_;
  std::vector<std::size_t> order_;  // order_[i]: the caller's index of the i-th by start
  // Their union: disjoint, sorted; ends are sorted too.
  std::vector<Micros> merged_start_, merged_end_;
  std::vector<Span> spans_;
  bool laid_out_ = false;
  Micros t0_ = 0, t1_ = 0;
  float width_ = 0;
  std::uint64_t merge_builds_ = 0, layout_builds_ = 0;
};

}  // namespace attune
