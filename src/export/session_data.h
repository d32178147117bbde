#pragma once
// What every writer reads: one session's metadata, scheme, events, episodes and (when asked
// for) its summary, computed by the analysis layer with the parameters written next to it.
#include <map>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "analysis/parameters.h"
#include "analysis/summary.h"
#include "core/event.h"
#include "core/frame_index.h"
#include "core/scheme.h"

namespace attune::exports {

// Parameter overrides as given on the command line: name -> value.
using Overrides = std::map<std::string, Micros>;

// One episode (a state of the scheme's episode group), labelled for exports: the code id,
// or "code#k" (k = 1, 2 … in order of onset) when the session holds the code more than once.
struct EpisodeInfo {
  std::string label;
  std::string code;
  std::string subject;
  EventId event_id = 0;
  Micros start = 0;
  Micros end = 0;  // clipped to the observation; an open episode runs to its end
};

// A global rating of the session on one of its scheme's scales.
struct ExportRating {
  std::string scale;
  std::string name;
  int value = 0;
  int min = 0, max = 0;
  std::string anchor;  // the scale's label for this value, "" when it has none
};

// What the summary computes beyond the scheme's defaults: parameter overrides and the
// lag-1 sequential tables asked for.
struct SummaryRequest {
  Overrides overrides;
  std::vector<std::string> sequential_groups;
  bool collapse_repeats = false;
};

struct ExportSession {
  SessionInfo info;
  Recording recording;
  std::shared_ptr<const Scheme> scheme;
  std::vector<Event> events;                       // by start, then id
  std::vector<EpisodeInfo> episodes;               // in order of onset
  std::optional<analysis::SessionSummary> summary;  // set when the export needs it
  std::vector<ExportRating> ratings;                // in the scheme's scale order
  bool deidentified = false;
  // The video's frame index when the exporter was given one (StoreSource::set_frames_of).
  FrameIndex frames;

  // The `frame` exported for an event (docs/time-and-frames.md): on a variable-rate video
  // with its index, the file's frame at the event's time (frames stored before the index
  // was used were counted at the average rate); else the stored frame; else the frame at
  // its time at the recorded rate; nullopt without any.
  std::optional<std::int64_t> frame_of(const Event& e) const;

  // The label of the episode whose interval [start, end) holds t (the latest-starting one
  // when episodes overlap), or "" outside every episode.
  const std::string& episode_at(Micros t) const;
  // The label of a summary window: "" for the whole session.
  const std::string& episode_label(const analysis::Window& window) const;
};

// Applies the overrides that name a setting of `scheme` and leaves the others (they belong
// to other schemes in the same export).
analysis::SummaryParameters resolve_parameters(const Scheme& scheme, const Overrides& overrides);
// The override names that are a setting of none of the schemes, for one clear error.
std::vector<std::string> unknown_overrides(std::span<const Scheme* const> schemes, const Overrides& overrides);

// Builds the export view of a session: episodes always, the summary when `with_summary`.
// Throws Error(InvalidInput) when an event's code is not in the scheme.
ExportSession make_export_session(SessionInfo info, Recording recording, std::shared_ptr<const Scheme> scheme,
                                  std::vector<Event> events, const SummaryRequest& request, bool with_summary);
// The stored ratings (scale id -> value) as export rows, in the scheme's scale order; a
// scale the scheme no longer has is left out.
std::vector<ExportRating> export_ratings(const Scheme& scheme, const std::map<std::string, int>& stored);

// The code's name for people; when another code of the scheme for the same subject has the
// same name (a parent "Neutral" talk and a parent "Neutral" affect), the group's name
// follows in parentheses.
std::string code_display_name(const Scheme& scheme, const std::string& code, const std::string& subject);

// The group of a code ("" for a code the scheme does not have).
std::string group_of(const Scheme& scheme, const std::string& code);

}  // namespace attune::exports
