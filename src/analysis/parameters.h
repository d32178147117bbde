#pragma once
// Every window and threshold the summaries use, with where its value came from, so an
// export can write the parameters next to the numbers they produced.
//
// Names are "<rule id>.<setting>" and every value is a duration in seconds (kept as exact
// microseconds). Settings used per rule type, with the default applied when the scheme's
// rule leaves them out:
//   responsiveness   window_s    3   a response counts within (bid, bid + window]
//   comfort_latency  merge_gap_s 3   distress bouts separated by less are merged
//                    threshold_s 10  "comforted within N s"
//   contingency      window_s    3   time after an antecedent onset that counts as "after"
//                    unit_s      1   time-unit length of the 2x2 table (not in the scheme)
//   affect_matching, joint_engagement: none
#include <map>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "analysis/sequential.h"
#include "core/scheme.h"
#include "core/time.h"

namespace attune::analysis {

inline constexpr Micros kDefaultResponseWindow = 3 * kMicrosPerSecond;
inline constexpr Micros kDefaultMergeGap = 3 * kMicrosPerSecond;
inline constexpr Micros kDefaultComfortThreshold = 10 * kMicrosPerSecond;
inline constexpr Micros kDefaultContingencyWindow = 3 * kMicrosPerSecond;
inline constexpr Micros kDefaultTimeUnit = 1 * kMicrosPerSecond;

enum class ParameterSource { Scheme, Override, Default };
const char* to_string(ParameterSource source);  // "scheme", "override", "default"

struct Parameter {
  std::string name;  // "bid_responsiveness.window_s"
  Micros value = 0;
  ParameterSource source = ParameterSource::Default;

  std::string value_text() const { return format_seconds(value); }  // "3", "2.5"
  bool operator==(const Parameter&) const = default;
};

class SummaryParameters {
 public:
  // Takes each used setting from the scheme's rules (or its default), then applies
  // `overrides` (name -> value). Throws Error(InvalidInput) for a name that is not a setting
  // of this scheme, a negative value, or a time unit of zero.
  static SummaryParameters resolve(const Scheme& scheme, const std::map<std::string, Micros>& overrides = {});

  // Every parameter in use, in the order of the scheme's rules.
  const std::vector<Parameter>& used() const { return used_; }
  // The parameters of one rule.
  std::vector<Parameter> for_rule(const std::string& rule_id) const;
  // The value of a resolved parameter; throws std::out_of_range for a name never resolved
  // (a programming error: the parameters were resolved for another scheme).
  Micros value(const std::string& name) const;

  // Lag-1 sequential tables to add to every summary window (none unless asked for: the
  // group is a research question, not a scheme default). Throws Error(InvalidInput) for a
  // group the scheme does not have.
  void set_sequential(const Scheme& scheme, std::vector<SequentialOptions> tables);
  const std::vector<SequentialOptions>& sequential() const { return sequential_; }

 private:
  std::vector<Parameter> used_;
  std::vector<SequentialOptions> sequential_;
};

// Parses one override as written on a command line: "bid_responsiveness.window_s=5".
// Throws Error(InvalidInput) when it is not name=seconds.
std::pair<std::string, Micros> parse_parameter_override(std::string_view text);

}  // namespace attune::analysis
