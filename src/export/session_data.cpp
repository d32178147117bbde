#include "export/session_data.h"

#include <algorithm>
#include <set>

#include "analysis/window.h"

namespace attune::exports {

namespace {
const std::string kNoEpisode;
}

const std::string& ExportSession::episode_at(Micros t) const {
  const EpisodeInfo* found = nullptr;
  for (const EpisodeInfo& e : episodes)
    if (e.start <= t && t < e.end && (!found || e.start >= found->start)) found = &e;
  return found ? found->label : kNoEpisode;
}

const std::string& ExportSession::episode_label(const analysis::Window& window) const {
  if (!window.episode_id) return kNoEpisode;
  for (const EpisodeInfo& e : episodes)
    if (e.event_id == *window.episode_id) return e.label;
  return kNoEpisode;
}

analysis::SummaryParameters resolve_parameters(const Scheme& scheme, const Overrides& overrides) {
  const analysis::SummaryParameters defaults = analysis::SummaryParameters::resolve(scheme);
  Overrides applicable;
  for (const analysis::Parameter& p : defaults.used())
    if (auto it = overrides.find(p.name); it != overrides.end()) applicable.insert(*it);
  if (applicable.empty()) return defaults;
  return analysis::SummaryParameters::resolve(scheme, applicable);
}

std::vector<std::string> unknown_overrides(std::span<const Scheme* const> schemes, const Overrides& overrides) {
  std::set<std::string> known;
  for (const Scheme* scheme : schemes) {
    const analysis::SummaryParameters defaults = analysis::SummaryParameters::resolve(*scheme);
    for (const analysis::Parameter& p : defaults.used()) known.insert(p.name);
  }
  std::vector<std::string> unknown;
  for (const auto& [name, value] : overrides)
    if (!known.count(name)) unknown.push_back(name);
  return unknown;
}

ExportSession make_export_session(SessionInfo info, Recording recording, std::shared_ptr<const Scheme> scheme,
                                  std::vector<Event> events, const SummaryRequest& request, bool with_summary) {
  ExportSession s;
  s.info = std::move(info);
  s.recording = std::move(recording);
  s.scheme = std::move(scheme);
  s.events = std::move(events);
  if (!std::is_sorted(s.events.begin(), s.events.end(), event_before))
    std::stable_sort(s.events.begin(), s.events.end(), event_before);

  const analysis::Window session = analysis::session_window(*s.scheme, s.events, s.recording.duration);
  const std::vector<analysis::Window> windows = analysis::episode_windows(*s.scheme, s.events, session);
  std::map<std::string, int> occurrences;
  for (const analysis::Window& w : windows) ++occurrences[w.episode_code];
  std::map<std::string, int> seen;
  for (const analysis::Window& w : windows) {
    EpisodeInfo e;
    e.code = w.episode_code;
    e.subject = w.episode_subject;
    e.event_id = w.episode_id.value_or(0);
    e.start = w.start;
    e.end = w.end;
    e.label = occurrences[w.episode_code] > 1 ? w.episode_code + "#" + std::to_string(++seen[w.episode_code])
                                              : w.episode_code;
    s.episodes.push_back(std::move(e));
  }
  if (with_summary) {
    analysis::SummaryParameters parameters = resolve_parameters(*s.scheme, request.overrides);
    std::vector<analysis::SequentialOptions> tables;
    for (const std::string& group : request.sequential_groups)
      tables.push_back({.group = group, .subject = std::nullopt, .collapse_repeats = request.collapse_repeats});
    parameters.set_sequential(*s.scheme, std::move(tables));
    s.summary = analysis::summarize(*s.scheme, s.events, s.recording.duration, parameters);
  }
  return s;
}

std::string code_display_name(const Scheme& scheme, const std::string& code, const std::string& subject) {
  const Code* c = scheme.find_code(code);
  if (!c) return code;
  for (const Code& other : scheme.codes)
    if (other.id != c->id && other.name == c->name &&
        (other.subjects.empty() || subject.empty() ||
         std::find(other.subjects.begin(), other.subjects.end(), subject) != other.subjects.end())) {
      const CodeGroup* group = scheme.find_group(c->group);
      return c->name + " (" + (group ? group->name : c->group) + ")";
    }
  return c->name;
}

std::string group_of(const Scheme& scheme, const std::string& code) {
  const Code* c = scheme.find_code(code);
  return c ? c->group : std::string();
}

std::vector<ExportRating> export_ratings(const Scheme& scheme, const std::map<std::string, int>& stored) {
  std::vector<ExportRating> out;
  for (const RatingScale& scale : scheme.ratings)
    if (auto it = stored.find(scale.id); it != stored.end()) {
      auto anchor = scale.anchors.find(it->second);
      out.push_back({scale.id, scale.name, it->second, scale.min, scale.max,
                     anchor == scale.anchors.end() ? std::string() : anchor->second});
    }
  return out;
}

std::optional<std::int64_t> ExportSession::frame_of(const Event& e) const {
  if (frames.variable()) return frames.frame_at(e.start);
  if (e.frame) return e.frame;
  if (recording.fps.valid()) return frame_at(e.start, recording.fps);
  return std::nullopt;
}

}  // namespace attune::exports
