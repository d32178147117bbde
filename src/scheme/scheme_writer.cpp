// scheme_to_json: the canonical text of a scheme (declared in scheme_loader.h).
#include <cmath>
#include <cstdint>

#include <nlohmann/json.hpp>

#include "scheme/scheme_loader.h"

namespace attune {

namespace {

using ojson = nlohmann::ordered_json;  // keeps the documented key order

// Whole numbers are written without ".0" (1 rather than 1.0); both load to the same double.
ojson number(double d) {
  if (std::isfinite(d) && std::trunc(d) == d && std::fabs(d) < 1e15) return static_cast<std::int64_t>(d);
  return d;
}

ojson strings(const std::vector<std::string>& items) {
  ojson out = ojson::array();
  for (const std::string& s : items) out.push_back(s);
  return out;
}

void put_if(ojson& obj, const char* key, const std::string& value) {
  if (!value.empty()) obj[key] = value;
}
void put_if(ojson& obj, const char* key, const std::vector<std::string>& values) {
  if (!values.empty()) obj[key] = strings(values);
}
void put_if(ojson& obj, const char* key, const std::optional<double>& value) {
  if (value) obj[key] = number(*value);
}

ojson modifier_json(const Modifier& m) {
  ojson j = {{"id", m.id}, {"name", m.name}, {"kind", to_string(m.kind)}};
  if (m.kind != ModifierKind::Number || !m.values.empty()) j["values"] = strings(m.values);
  put_if(j, "min", m.min);
  put_if(j, "max", m.max);
  return j;
}

ojson code_json(const Code& c) {
  ojson j = {{"id", c.id}, {"name", c.name}, {"group", c.group}, {"kind", to_string(c.kind)}};
  put_if(j, "subjects", c.subjects);
  put_if(j, "key", c.key);
  put_if(j, "color", c.color);
  put_if(j, "definition", c.definition);
  put_if(j, "modifiers", c.modifiers);
  if (c.uncodable) j["uncodable"] = true;
  return j;
}

ojson rating_json(const RatingScale& r) {
  ojson j = {{"id", r.id}, {"name", r.name}, {"min", r.min}, {"max", r.max}};
  if (!r.anchors.empty()) {
    ojson anchors = ojson::object();
    for (const auto& [value, label] : r.anchors) anchors[std::to_string(value)] = label;
    j["anchors"] = anchors;
  }
  return j;
}

ojson rule_json(const ContingencyRule& r) {
  ojson j = {{"id", r.id}, {"name", r.name}, {"type", r.type}};
  put_if(j, "antecedent", r.antecedent);
  put_if(j, "target", r.target);
  if (r.target_modifier)
    j["target_modifier"] = {{"modifier", r.target_modifier->first}, {"value", r.target_modifier->second}};
  if (!r.pairs.empty()) {
    ojson pairs = ojson::array();
    for (const auto& [a, b] : r.pairs) pairs.push_back(ojson::array({a, b}));
    j["pairs"] = pairs;
  }
  put_if(j, "window_s", r.window_s);
  put_if(j, "merge_gap_s", r.merge_gap_s);
  put_if(j, "threshold_s", r.threshold_s);
  return j;
}

}  // namespace

std::string scheme_to_json(const Scheme& scheme) {
  ojson doc = {{"name", scheme.name}, {"version", scheme.version}};
  put_if(doc, "description", scheme.description);
  ojson subjects = ojson::array(), groups = ojson::array(), modifiers = ojson::array(), codes = ojson::array(),
        ratings = ojson::array(), rules = ojson::array();
  for (const Subject& s : scheme.subjects) {
    ojson j = {{"id", s.id}, {"name", s.name}};
    put_if(j, "key", s.key);
    subjects.push_back(std::move(j));
  }
  for (const CodeGroup& g : scheme.groups) {
    ojson j = {{"id", g.id}, {"name", g.name}, {"exclusive", g.exclusive}, {"exhaustive", g.exhaustive}};
    put_if(j, "role", g.role);
    groups.push_back(std::move(j));
  }
  for (const Modifier& m : scheme.modifiers) modifiers.push_back(modifier_json(m));
  for (const Code& c : scheme.codes) codes.push_back(code_json(c));
  for (const RatingScale& r : scheme.ratings) ratings.push_back(rating_json(r));
  for (const ContingencyRule& r : scheme.rules) rules.push_back(rule_json(r));
  doc["subjects"] = std::move(subjects);
  doc["groups"] = std::move(groups);
  doc["modifiers"] = std::move(modifiers);
  doc["codes"] = std::move(codes);
  doc["ratings"] = std::move(ratings);
  doc["rules"] = std::move(rules);
  // Invalid UTF-8 (possible only in a Scheme built in code) is replaced, never thrown.
  return doc.dump(2, ' ', false, ojson::error_handler_t::replace) + "\n";
}

}  // namespace attune
