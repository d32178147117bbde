#include "analysis/agreement_request.h"

#include <algorithm>
#include <cmath>
#include <set>

#include "core/error.h"

namespace attune {

namespace {

// Whether this method can compare the group at all (what time_unit_agreement accepts).
bool method_compares(const Scheme& scheme, const CodeGroup& group, AgreementMethod method) {
  std::size_t states = 0, points = 0;
  for (const Code& code : scheme.codes)
    if (code.group == group.id) ++(code.kind == CodeKind::State ? states : points);
  if (states + points == 0) return false;
  if (method == AgreementMethod::EventBased) return true;
  if (states > 0 && points > 0) return false;
  return points > 0 || group.exclusive || states == 1;
}

std::set<std::string> codes_used(std::span<const Event> events, const std::string& subject) {
  std::set<std::string> used;
  for (const Event& e : events)
    if (subject.empty() || e.subject == subject) used.insert(e.code);
  return used;
}

std::string group_list(const Scheme& scheme) {
  std::string known;
  for (const CodeGroup& g : scheme.groups) known += (known.empty() ? "" : ", ") + g.id;
  return known;
}

}  // namespace

std::vector<std::string> comparable_groups(const Scheme& scheme, AgreementMethod method, std::span<const Event> a,
                                           std::span<const Event> b, const std::string& subject) {
  const std::set<std::string> in_a = codes_used(a, subject), in_b = codes_used(b, subject);
  std::vector<std::string> groups;
  for (const CodeGroup& group : scheme.groups) {
    if (group.role == "episode" || !method_compares(scheme, group, method)) continue;
    const bool shared = std::any_of(scheme.codes.begin(), scheme.codes.end(), [&](const Code& code) {
      return code.group == group.id && in_a.count(code.id) && in_b.count(code.id);
    });
    if (shared) groups.push_back(group.id);
  }
  return groups;
}

ResolvedAgreement resolve(const AgreementRequest& request, const Scheme& scheme, std::span<const Event> a,
                          std::span<const Event> b, const AgreementRecording& recording) {
  ResolvedAgreement r;
  r.method = request.method;
  const bool event_based = request.method == AgreementMethod::EventBased;

  if (!recording.duration || *recording.duration <= 0)
    throw Error(ErrorKind::InvalidInput, std::string("the recording's duration is ") +
                                             (recording.duration ? "0" : "unknown (no video read and none given)") +
                                             ": agreement compares the whole recording, 0 to its end");
  r.duration = *recording.duration;

  if (!request.subject.empty() && !scheme.find_subject(request.subject))
    throw Error(ErrorKind::InvalidInput, "the scheme has no subject '" + request.subject + "'");
  const bool points = request.group == kPointCodes && !scheme.find_group(kPointCodes);
  if (!request.codes.empty() && !points)
    throw Error(ErrorKind::InvalidInput, "a list of codes selects point codes: compare them as the group 'points'");
  if (points) {
    r.targets.push_back({kPointCodes, AgreementTarget{"", request.codes, request.subject}});
  } else if (!request.group.empty()) {
    if (!scheme.find_group(request.group))
      throw Error(ErrorKind::InvalidInput, "the scheme has no code group '" + request.group + "' (groups: " +
                                               group_list(scheme) + "; or 'points' for the point codes)");
    r.targets.push_back({request.group, AgreementTarget{request.group, {}, request.subject}});
  } else {
    for (const std::string& id : comparable_groups(scheme, request.method, a, b, request.subject))
      r.targets.push_back({id, AgreementTarget{id, {}, request.subject}});
    if (r.targets.empty())
      throw Error(ErrorKind::InvalidInput, "no code group has a code both codings use" +
                                               std::string(request.subject.empty() ? "" : " for this subject") +
                                               ": name one (groups: " + group_list(scheme) + "; or 'points')");
    r.targets_source = r.targets.size() == 1 ? "the one group with a code both codings use"
                                             : "every group with a code both codings use";
  }

  if (event_based) {
    if (request.tolerance_units) throw Error(ErrorKind::InvalidInput, "a tolerance in units applies to time-unit agreement only");
    if (request.frame_units) throw Error(ErrorKind::InvalidInput, "units apply to time-unit agreement only");
    r.tolerance = request.tolerance.value_or(2 * kMicrosPerSecond);
    if (r.tolerance < 0) throw Error(ErrorKind::InvalidInput, "the tolerance cannot be negative");
    const double overlap = request.min_overlap_percent.value_or(0.0);
    if (!(overlap >= 0 && overlap <= 100))
      throw Error(ErrorKind::InvalidInput, "the overlap must be 0 to 100 %");
    r.event.tolerance = r.tolerance;
    r.event.min_overlap_percent = overlap;
    return r;
  }

  if (request.min_overlap_percent) throw Error(ErrorKind::InvalidInput, "the overlap applies to event-based agreement only");
  if (request.tolerance && request.tolerance_units)
    throw Error(ErrorKind::InvalidInput, "give the tolerance in seconds or in units, not both");
  if (request.tolerance.value_or(0) < 0 || request.tolerance_units.value_or(0) < 0)
    throw Error(ErrorKind::InvalidInput, "the tolerance cannot be negative");
  TimeUnitOptions& options = r.time_unit;
  if (request.frame_units) {
    if (!recording.frames.valid())
      throw Error(ErrorKind::InvalidInput,
                  "one-frame units need the recording's frame rate, and it has none; give the unit in seconds");
    options.frames = recording.frames;
    const FrameRate rate = recording.frames.rate();  // a variable-rate video's average
    if (request.tolerance_units) {
      options.tolerance_units = *request.tolerance_units;
      r.tolerance = static_cast<Micros>(std::llround(static_cast<long double>(options.tolerance_units) * rate.den *
                                                     kMicrosPerSecond / rate.num));
    } else {
      r.tolerance = request.tolerance.value_or(0);
      // Whole frames within the tolerance (at the average rate on a variable-rate video).
      const long double frames = static_cast<long double>(r.tolerance) * rate.num /
                                 (static_cast<long double>(rate.den) * kMicrosPerSecond);
      options.tolerance_units = static_cast<std::int64_t>(std::floor(frames + 1e-9L));
    }
  } else {
    if (request.unit <= 0) throw Error(ErrorKind::InvalidInput, "the unit must be a positive number of seconds");
    options.unit = request.unit;
    if (request.tolerance_units) {
      options.tolerance_units = *request.tolerance_units;
      r.tolerance = options.tolerance_units * options.unit;
    } else {
      r.tolerance = request.tolerance.value_or(0);
      if (r.tolerance % options.unit != 0)
        throw Error(ErrorKind::InvalidInput, "the tolerance " + format_seconds(r.tolerance) +
                                                 " s is not a whole number of " + format_seconds(options.unit) +
                                                 " s units");
      options.tolerance_units = r.tolerance / options.unit;
    }
  }
  return r;
}

std::vector<AgreementResult> run_agreement(const ResolvedAgreement& resolved, std::span<const Event> a,
                                           std::span<const Event> b, const Scheme& scheme) {
  std::vector<AgreementResult> results;
  results.reserve(resolved.targets.size());
  for (const ResolvedTarget& t : resolved.targets) {
    if (resolved.method == AgreementMethod::EventBased) {
      EventAgreementOptions options = resolved.event;
      options.target = t.target;
      results.push_back(event_agreement(a, b, scheme, resolved.duration, options));
    } else {
      TimeUnitOptions options = resolved.time_unit;
      options.target = t.target;
      results.push_back(time_unit_agreement(a, b, scheme, resolved.duration, options));
    }
  }
  return results;
}

}  // namespace attune
