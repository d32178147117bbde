#pragma once
// Agreement between two coders' codings of the same recording with the same scheme:
// time-unit kappa (Bakeman & Quera 2011) and event-based kappa (Bakeman, Quera & Gnisci
// 2009). Pure functions; the kappa arithmetic itself is in analysis/kappa.h.
//
// What is compared (AgreementTarget)
//   group != ""  the codes of that group, in scheme order. Time-unit: a group of states must
//                be exclusive (or hold a single code); a group of point codes is compared as
//                point codes. Event-based: any group.
//   group == ""  point codes: `codes`, or every point code of the scheme when empty.
//   subject      "" compares events of every subject; otherwise only that subject's.
//   Events of other codes (or subjects) are ignored. The row/column labels are all target
//   codes in scheme order (present in the data or not: empty rows change neither N, Po,
//   Pe nor κ, and tables of different sessions then add up cell by cell) followed by one
//   last label: "none" (time-unit) or "nil" (event-based).
//
// Time-unit kappa
//   Units: [k·u, (k+1)·u) for a unit length u, or video frames [frame_start(k),
//   frame_start(k+1)) from the video's frame index (constant or variable rate); units cover [0, duration), the last one clipped at `duration`.
//   States: a unit takes the code of the state that covers its midpoint (start + (end −
//   start)/2, integer µs; a state covers [start, end), an open state runs to `duration`);
//   "none" when no state does, so the group is exhaustive. If two states cover the
//   midpoint (several subjects), the later-starting one wins, then the earlier code in
//   scheme order.
//   Point codes: a unit holds every distinct target code with an onset in [unit start,
//   unit end) ("none" when there is none); onsets outside [0, duration) are ignored, and a
//   code repeated within one unit counts once.
//   Tally with tolerance w = 0: one tally per unit. When a unit holds several codes (point
//   codes only) it is counted once per code: codes both coders have are agreements, the
//   rest pair off in scheme order, and a code left over pairs with "none"; so the unit
//   adds max(|codes A|, |codes B|) tallies.
//   Tally with w > 0, from both sides, summed: for each unit and each code c of A in it,
//   an agreement (c, c) when c occurs in B within units k−w … k+w, otherwise a
//   disagreement (c, b) with a code b that B has in that unit and A has not (those not
//   found in A's window first, then the others, each in scheme order; "none" when they run
//   out). Then the same from B's side, still as (row A, column B). So with single codes
//   per unit N = 2 × units when w > 0 (but = units when w = 0); Po and κ are unaffected by
//   the doubling. Two records that differ only by boundaries or onsets shifted by ≤ w
//   units give κ = 1 (all tallies diagonal).
//   Disagreements: consecutive units with the same off-diagonal (A code, B code) tally
//   merge into one entry [start of first unit, end of last unit).
//
// Event-based kappa
//   Events of each coder are ordered by onset (then code in scheme order, end, id). Two
//   events can pair when their onsets differ by ≤ tolerance and, if min_overlap_percent >
//   0 and both have a duration, their overlap is ≥ that percent of the longer one's
//   duration. The pairing is the published alignment: a Needleman–Wunsch style dynamic
//   program over the two ordered sequences (order-preserving, no crossing pairs) that
//   minimises substitutions + unpaired events (same code paired: cost 0, different codes
//   paired: 1, each unpaired event: 1), i.e. maximises 2·agreements + disagreements
//   among pairs. Ties: the smaller total onset difference of the pairs, then the pairing
//   that leaves later events unpaired (earlier events pair first). Exact and
//   deterministic; computed only within the ±tolerance band, so memory and time grow with
//   events × events-within-tolerance, not events².
//   An unpaired event of A tallies (code, nil), one of B (nil, code); nil–nil is a
//   structural zero and κ uses quasi-independence expected frequencies (kappa.h).
//   Open states end at `duration` (or at their start if that is earlier).
//   Disagreements: every off-diagonal pair [earlier onset, later end of the two) and
//   every unpaired event [onset, end).
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "analysis/kappa.h"
#include "core/event.h"
#include "core/frame_index.h"
#include "core/scheme.h"
#include "core/time.h"

namespace attune {

inline constexpr const char* kNoneLabel = "none";  // time-unit: no target code in the unit
inline constexpr const char* kNilLabel = "nil";    // event-based: unpaired event

enum class AgreementMethod { TimeUnit, EventBased };
const char* to_string(AgreementMethod method);  // "time-unit", "event-based"

struct AgreementTarget {
  std::string group;               // code group id; "" = point codes
  std::vector<std::string> codes;  // group == "": the point codes; empty = all point codes
  std::string subject;             // "" = every subject
};

struct TimeUnitOptions {
  AgreementTarget target;
  Micros unit = kMicrosPerSecond;  // unit length when `frames` is not set
  // Set: one unit = one video frame, each as long as the video shows it (on a variable-rate
  // video, from the file's frame index: frames differ in length).
  std::optional<FrameIndex> frames;
  std::int64_t tolerance_units = 0;     // w
};

struct EventAgreementOptions {
  AgreementTarget target;
  Micros tolerance = 2 * kMicrosPerSecond;  // max onset difference of a pair (inclusive)
  double min_overlap_percent = 0;           // states: 0 = onset only; else 0 < p ≤ 100
};

struct CodeAgreement {
  std::string code;
  std::int64_t agreements = 0;     // the diagonal cell
  std::int64_t disagreements = 0;  // off-diagonal total of its row + of its column
};

// The share of the tallies involving the code that are agreements, in percent:
// 100 · agreements / (agreements + disagreements) = 100 · x_ii / (x_i+ + x_+i − x_ii).
// Undefined when the code was never tallied.
std::optional<double> percent_agreement(const CodeAgreement& code);

// A place the supervisor should look at: [start, end) on the recording's clock.
struct Disagreement {
  Micros start = 0;
  Micros end = 0;
  std::string code_a;  // coder A's code, or "none" / "nil"
  std::string code_b;  // coder B's code, or "none" / "nil"
  bool operator==(const Disagreement&) const = default;
};

struct AgreementResult {
  AgreementMethod method = AgreementMethod::TimeUnit;
  // Time-unit: unit length (µs; for frames the length of frame 0), the frame rate when units
  // are frames (a variable-rate video's average, with variable_frames set), and the
  // tolerance in units.
  Micros unit = 0;
  std::optional<FrameRate> frame_rate;
  bool variable_frames = false;
  std::int64_t tolerance_units = 0;
  // Tolerance in µs: event-based the onset tolerance; time-unit tolerance_units × unit.
  Micros tolerance = 0;
  double min_overlap_percent = 0;  // event-based
  std::string group;               // "" for point codes
  std::string subject;             // "" = every subject
  Micros duration = 0;

  std::int64_t n = 0;
  std::optional<double> percent_agreement;  // undefined when N = 0
  std::optional<double> expected;           // Pe
  std::optional<double> kappa;              // undefined when N = 0 or Pe = 1
  std::optional<double> kappa_max;

  std::vector<std::string> codes;  // row/column labels; the last is "none" or "nil"
  CountMatrix matrix;              // rows = coder A, columns = coder B
  std::vector<CodeAgreement> per_code;  // one per label, same order
  std::vector<Disagreement> disagreements;  // by start, end, then label order
};

// Throws Error(InvalidInput) for an unknown group, code or subject, a target that is not
// comparable this way (see above), duration < 0, unit ≤ 0, an invalid frame rate,
// tolerance < 0, or more than 50 million units.
AgreementResult time_unit_agreement(std::span<const Event> a, std::span<const Event> b,
                                    const Scheme& scheme, Micros duration,
                                    const TimeUnitOptions& options);

// Throws Error(InvalidInput) for an unknown group, code or subject, tolerance < 0 or an
// overlap percent outside [0, 100].
AgreementResult event_agreement(std::span<const Event> a, std::span<const Event> b,
                                const Scheme& scheme, Micros duration,
                                const EventAgreementOptions& options);

}  // namespace attune
