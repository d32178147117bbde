#pragma once
// Compare this coding (A) with another coding of the same recording (B; the master by
// default): time-unit or event-based agreement over one code group (or the point codes),
// κ (or "undefined"), κmax, % agreement, N, the confusion matrix and the disagreements
// (click one to seek there), with a strip of where they are. The result is computed when
// a setting or either coding changes and cached; nothing is computed or read per frame.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "analysis/agreement.h"
#include "app/workspace.h"

namespace attune {

struct ComparisonSettings {
  SessionId other = 0;  // 0: none chosen yet (open() picks the master)
  AgreementMethod method = AgreementMethod::TimeUnit;
  bool frame_units = false;      // time-unit: one unit = one video frame
  double unit_seconds = 1.0;     // time-unit, when not frames
  int tolerance_units = 0;       // time-unit
  double tolerance_seconds = 2;  // event-based
  std::string group;             // "" = point codes
  bool operator==(const ComparisonSettings&) const = default;
};

class ComparisonView {
 public:
  bool is_open() const { return open_; }
  // Reads the codings of this recording and picks the default other coding and group.
  void open(Workspace& ws);
  void close() { open_ = false; }
  void draw(Workspace& ws);

  // Settings are plain data: change them, then update() (draw() calls it) recomputes.
  ComparisonSettings settings;
  // Recomputes when the settings, this coding or the other coding changed.
  void update(Workspace& ws);
  const std::optional<AgreementResult>& result() const { return result_; }
  const std::string& error() const { return error_; }
  const std::vector<SessionInfo>& codings() const { return codings_; }

 private:
  void load_other(Workspace& ws);
  void draw_settings(Workspace& ws);
  void draw_statistics(const Workspace& ws);
  void draw_matrix(const Workspace& ws);
  void draw_strip(Workspace& ws);
  void draw_disagreements(Workspace& ws);
  std::string label(const Workspace& ws, const std::string& code) const;
  Micros duration(const Workspace& ws) const;

  bool open_ = false;
  std::vector<SessionInfo> codings_;  // of this recording, read at open()
  std::vector<Event> other_events_;
  SessionId loaded_other_ = 0;
  // What the cached result was computed from.
  std::optional<ComparisonSettings> computed_settings_;
  std::uint64_t computed_version_ = 0;
  std::optional<AgreementResult> result_;
  std::string error_;
};

}  // namespace attune
