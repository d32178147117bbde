#include "analysis/parameters.h"

#include <algorithm>
#include <cmath>
#include <optional>
#include <stdexcept>

#include "core/error.h"

namespace attune::analysis {

namespace {

constexpr Micros kMaxSeconds = 86400;  // the scheme file's limit for any rule setting

struct Setting {
  const char* name;
  std::optional<double> ContingencyRule::*from_scheme;  // nullptr: not a scheme field
  Micros fallback;
};

std::vector<Setting> settings_of(const ContingencyRule& rule) {
  if (rule.type == "responsiveness") return {{"window_s", &ContingencyRule::window_s, kDefaultResponseWindow}};
  if (rule.type == "comfort_latency")
    return {{"merge_gap_s", &ContingencyRule::merge_gap_s, kDefaultMergeGap},
            {"threshold_s", &ContingencyRule::threshold_s, kDefaultComfortThreshold}};
  if (rule.type == "contingency")
    return {{"window_s", &ContingencyRule::window_s, kDefaultContingencyWindow},
            {"unit_s", nullptr, kDefaultTimeUnit}};
  if (rule.type == "affect_matching" || rule.type == "joint_engagement") return {};
  throw Error(ErrorKind::InvalidInput, "Rule '" + rule.id + "' has type '" + rule.type +
                                           "', which is not one Attune can compute (responsiveness, comfort_latency, "
                                           "affect_matching, joint_engagement or contingency).");
}

void check_range(const std::string& name, Micros value, const std::string& where) {
  const bool is_unit = name.ends_with(".unit_s");
  if (value < 0 || value > kMaxSeconds * kMicrosPerSecond || (is_unit && value == 0))
    throw Error(ErrorKind::InvalidInput, "The " + where + " value " + format_seconds(value) + " for " + name +
                                             " is out of range; use seconds from " + (is_unit ? "0.000001" : "0") +
                                             " to 86400.");
}

Micros scheme_seconds(const std::string& name, double seconds) {
  if (!std::isfinite(seconds) || seconds < 0 || seconds > static_cast<double>(kMaxSeconds))
    throw Error(ErrorKind::InvalidInput,
                "The scheme gives " + name + " a value outside 0 to 86400 seconds.");
  return std::llround(seconds * static_cast<double>(kMicrosPerSecond));
}

}  // namespace

const char* to_string(ParameterSource source) {
  switch (source) {
    case ParameterSource::Scheme: return "scheme";
    case ParameterSource::Override: return "override";
    case ParameterSource::Default: return "default";
  }
  return "default";
}

SummaryParameters SummaryParameters::resolve(const Scheme& scheme, const std::map<std::string, Micros>& overrides) {
  SummaryParameters out;
  for (const ContingencyRule& rule : scheme.rules) {
    for (const Setting& s : settings_of(rule)) {
      Parameter p{rule.id + "." + s.name, s.fallback, ParameterSource::Default};
      if (s.from_scheme && (rule.*s.from_scheme)) {
        p.value = scheme_seconds(p.name, *(rule.*s.from_scheme));
        p.source = ParameterSource::Scheme;
        check_range(p.name, p.value, "scheme");
      }
      out.used_.push_back(std::move(p));
    }
  }
  for (const auto& [name, value] : overrides) {
    auto it = std::find_if(out.used_.begin(), out.used_.end(), [&name = name](const Parameter& p) { return p.name == name; });
    if (it == out.used_.end()) {
      std::string known;
      for (const Parameter& p : out.used_) known += (known.empty() ? "" : ", ") + p.name;
      const std::string tail = known.empty() ? "; it has none." : "; known parameters: " + known + ".";
      throw Error(ErrorKind::InvalidInput, "'" + name + "' is not a parameter of scheme '" + scheme.name + "'" + tail);
    }
    check_range(name, value, "override");
    it->value = value;
    it->source = ParameterSource::Override;
  }
  return out;
}

std::vector<Parameter> SummaryParameters::for_rule(const std::string& rule_id) const {
  std::vector<Parameter> out;
  const std::string prefix = rule_id + ".";
  for (const Parameter& p : used_)
    if (p.name.starts_with(prefix) && p.name.find('.', prefix.size()) == std::string::npos) out.push_back(p);
  return out;
}

Micros SummaryParameters::value(const std::string& name) const {
  for (const Parameter& p : used_)
    if (p.name == name) return p.value;
  throw std::out_of_range("summary parameter '" + name + "' was not resolved for this scheme");
}

std::pair<std::string, Micros> parse_parameter_override(std::string_view text) {
  const auto eq = text.find('=');
  if (eq == std::string_view::npos || eq == 0)
    throw Error(ErrorKind::InvalidInput, "'" + std::string(text) +
                                             "' is not a parameter setting; write name=seconds, for example "
                                             "bid_responsiveness.window_s=5.");
  return {std::string(text.substr(0, eq)), parse_seconds(text.substr(eq + 1))};
}

void SummaryParameters::set_sequential(const Scheme& scheme, std::vector<SequentialOptions> tables) {
  for (const SequentialOptions& t : tables) {
    const bool known = std::any_of(scheme.groups.begin(), scheme.groups.end(), [&](const CodeGroup& g) { return g.id == t.group; });
    if (known) continue;
    std::string groups;
    for (const CodeGroup& g : scheme.groups) groups += (groups.empty() ? "" : ", ") + g.id;
    throw Error(ErrorKind::InvalidInput, "scheme '" + scheme.name + "' has no code group '" + t.group +
                                             "' for a sequential table; its groups are " + groups);
  }
  sequential_ = std::move(tables);
}

}  // namespace attune::analysis
