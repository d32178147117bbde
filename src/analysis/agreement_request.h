#pragma once
// What a person asks to compare, and the one place its defaults are applied: attune-cli
// agreement and the window's compare view both fill an AgreementRequest, resolve it here
// and run what it resolved to, so the same pair of codings gives the same figures in both.
// The rules (docs/agreement.md):
//   Range     the recording's duration, [0, duration). Unknown or 0 is an error: the
//             comparison needs the recording's length (a coding that stops early is still
//             compared to the end, as "none").
//   Targets   group = a group id: that group. kPointCodes ("points", unless the scheme has a
//             group of that id): the point codes (`codes`, or all). "": every comparable
//             group, in scheme order: a group that is not an episode group (role
//             "episode": its codes mark the session's structure), that this method can
//             compare (time-unit: states of an exclusive group, or a single state, or point
//             codes only; event-based: any) and in which at least one code occurs in both
//             codings (the `subject`'s events only, when one is given). None comparable is
//             an error naming the groups to choose from.
//   Tolerance time-unit: 0 by default, in µs a whole number of units (frames: whole frames
//             at the video's average rate, rounded down), or given in units directly;
//             event-based: 2 s by default.
//   Overlap   event-based only: states pair only when they overlap by this percent (0–100).
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "analysis/agreement.h"
#include "core/event.h"
#include "core/frame_index.h"
#include "core/scheme.h"
#include "core/time.h"

namespace attune {

inline constexpr const char* kPointCodes = "points";  // the target label of the point codes

struct AgreementRequest {
  AgreementMethod method = AgreementMethod::TimeUnit;
  std::string group;               // a group id, kPointCodes, or "" = every comparable group
  std::vector<std::string> codes;  // with kPointCodes: only these point codes (empty = all)
  std::string subject;             // "" = every subject
  bool frame_units = false;        // time-unit: one unit = one video frame
  Micros unit = kMicrosPerSecond;  // time-unit, when not frames
  // Time-unit: at most one of the two (neither: 0); event-based: tolerance only (unset: 2 s).
  std::optional<Micros> tolerance;
  std::optional<std::int64_t> tolerance_units;
  std::optional<double> min_overlap_percent;  // event-based only
  bool operator==(const AgreementRequest&) const = default;
};

// What the codings are of: the recording's duration (unset = unknown) and its video's
// frames (the file's index, else its nominal rate; invalid when it has none).
struct AgreementRecording {
  std::optional<Micros> duration;
  FrameIndex frames;
};

struct ResolvedTarget {
  std::string label;  // the group id, or kPointCodes
  AgreementTarget target;
};

// A request with every default applied and every setting checked.
struct ResolvedAgreement {
  AgreementMethod method = AgreementMethod::TimeUnit;
  Micros duration = 0;
  std::vector<ResolvedTarget> targets;  // at least one
  std::string targets_source;           // "" when asked for, else why these
  Micros tolerance = 0;                 // µs: event-based as asked; time-unit as asked or units × unit
  TimeUnitOptions time_unit;            // target unset; the rest as run
  EventAgreementOptions event;          // target unset; the rest as run
};

// The groups a request without a group compares, in scheme order (see above).
std::vector<std::string> comparable_groups(const Scheme& scheme, AgreementMethod method,
                                           std::span<const Event> a, std::span<const Event> b,
                                           const std::string& subject = "");

// Throws Error(InvalidInput) with a one-line reason for anything that cannot be compared.
ResolvedAgreement resolve(const AgreementRequest& request, const Scheme& scheme, std::span<const Event> a,
                          std::span<const Event> b, const AgreementRecording& recording);

// One result per resolved target, in order.
std::vector<AgreementResult> run_agreement(const ResolvedAgreement& resolved, std::span<const Event> a,
                                           std::span<const Event> b, const Scheme& scheme);

}  // namespace attune
