#pragma once
// Compare this coding (A) with another coding of the same recording (B; the master by
// default): time-unit or event-based agreement over one code group (or the point codes),
// κ (or "undefined"), κmax, % agreement, N; both codings' timelines stacked on one time
// axis with the disagreements marked in red on the compared lanes (click to seek), an
// overview strip of the whole recording, the confusion matrix, the per-code agreement and
// the list of disagreements (click one to seek there). The result is computed when a
// setting or either coding changes and cached; nothing is computed or read per frame.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "analysis/agreement.h"
#include "app/logic/disagreement_spans.h"
#include "app/timeline/stacked_timeline_view.h"
#include "app/logic/workspace.h"
#include "analysis/agreement_request.h"

namespace attune {

// What is compared: the other coding and the request attune-cli agreement resolves too
// (analysis/agreement_request.h), so the same pair shows the same figures in both. The view
// shows one group: with request.group "" it takes the first comparable group and sets it.
struct ComparisonSettings {
  SessionId other = 0;  // 0: none chosen yet (open() picks the master)
  AgreementRequest request;
  bool operator==(const ComparisonSettings&) const = default;
};

class ComparisonView {
 public:
  bool is_open() const { return open_; }
  // Reads the codings of this recording and picks the default other coding and group.
  void open(Workspace& ws);
  void close() { open_ = false; }
  // Docked, the coding view draws it in place of its timeline, below the video and beside
  // the code pad, so a supervisor sees the picture while comparing (the coding view docks
  // it by default); undocked it is a window of its own.
  bool docked = false;
  void draw(Workspace& ws);         // the window: draws only when open and undocked
  void draw_docked(Workspace& ws);  // into the current region: only when open and docked

  // Settings are plain data: change them, then update() (draw() calls it) recomputes.
  ComparisonSettings settings;
  // The stacked timelines show every lane instead of only the compared ones.
  bool all_lanes = false;
  // Recomputes when the settings, this coding or the other coding changed.
  void update(Workspace& ws);
  const std::optional<AgreementResult>& result() const { return result_; }
  // Counts recomputations (the stacked timeline's disagreement spans follow it).
  std::uint64_t result_version() const { return result_version_; }
  const std::string& error() const { return error_; }
  const std::vector<SessionInfo>& codings() const { return codings_; }
  // Coding B as the stacked timeline draws it (empty until a coding is loaded).
  const std::optional<SessionModel>& other_model() const { return other_model_; }

  const StackedTimelineView& timelines() const { return stacked_; }
  StackedTimelineView& timelines() { return stacked_; }
  const DisagreementSpans& spans() const { return spans_; }

 private:
  void load_other(Workspace& ws);
  void draw_body(Workspace& ws);
  void draw_settings(Workspace& ws);
  void draw_statistics(const Workspace& ws);
  void draw_timelines(Workspace& ws);
  void draw_matrix(const Workspace& ws);
  void draw_per_code(const Workspace& ws);
  void draw_strip(Workspace& ws);
  void draw_disagreements(Workspace& ws);
  std::string label(const Workspace& ws, const std::string& code) const;
  std::string other_coder() const;

  bool open_ = false;
  std::vector<SessionInfo> codings_;  // of this recording, read at open()
  std::optional<SessionModel> other_model_;
  SessionId loaded_other_ = 0;
  // What the cached result was computed from.
  std::optional<ComparisonSettings> computed_settings_;
  std::uint64_t computed_version_ = 0;
  std::optional<AgreementResult> result_;
  std::uint64_t result_version_ = 0;
  std::string error_;
  StackedTimelineView stacked_;
  DisagreementSpans spans_;
  DisagreementSpans strip_spans_;  // the overview strip: the whole recording
};

}  // namespace attune
