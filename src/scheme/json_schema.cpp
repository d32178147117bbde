#include "scheme/json_schema.h"

#include <cmath>
#include <map>
#include <regex>
#include <set>
#include <string_view>

#include <nlohmann/json.hpp>

#include "core/error.h"
#include "scheme/json_positions.h"

namespace attune {

using nlohmann::json;

namespace {

const std::set<std::string_view> kAnnotations = {"$schema",     "$id",     "$comment", "title",
                                                 "description", "default", "examples"};
const std::set<std::string_view> kTypeNames = {"object", "array", "string", "integer", "number", "boolean", "null"};
constexpr int kMaxRefHops = 64;  // $ref chains that do not move into the value

// The value as it appears in the file, cut short when long.
std::string shown(const json& v) {
  std::string s = v.dump(-1, ' ', false, json::error_handler_t::replace);
  constexpr std::size_t kMax = 60;
  if (s.size() <= kMax) return s;
  std::size_t cut = kMax - 3;
  while (cut > 0 && (static_cast<unsigned char>(s[cut]) & 0xC0) == 0x80) --cut;  // whole characters only
  return s.substr(0, cut) + "…";
}

std::size_t char_count(const std::string& s) {
  std::size_t n = 0;
  for (char c : s) n += (static_cast<unsigned char>(c) & 0xC0) != 0x80;
  return n;
}

std::string number_text(const json& v) { return v.dump(); }

std::string expected_name(std::string_view type) {
  if (type == "object") return "an object";
  if (type == "array") return "an array";
  if (type == "string") return "a string";
  if (type == "integer") return "a whole number";
  if (type == "number") return "a number";
  if (type == "boolean") return "true or false";
  return "null";
}

std::string found_name(const json& v) {
  if (v.is_object()) return "an object";
  if (v.is_array()) return "an array";
  return shown(v);
}

bool has_type(const json& v, std::string_view type) {
  if (type == "object") return v.is_object();
  if (type == "array") return v.is_array();
  if (type == "string") return v.is_string();
  if (type == "boolean") return v.is_boolean();
  if (type == "null") return v.is_null();
  if (type == "number") return v.is_number();
  if (v.is_number_integer()) return true;  // "integer"; 2.0 counts, as the spec says
  if (!v.is_number_float()) return false;
  const double d = v.get<double>();
  return std::isfinite(d) && std::trunc(d) == d;
}

// "a, b and c"
std::string join_and(const std::vector<std::string>& items, const std::string& last_sep = " and ") {
  std::string out;
  for (std::size_t k = 0; k < items.size(); ++k) {
    if (k > 0) out += k + 1 == items.size() ? last_sep : ", ";
    out += items[k];
  }
  return out;
}

void require(bool ok, const std::string& where, const std::string& what) {
  if (!ok) throw Error(ErrorKind::InvalidInput, "JSON Schema at " + (where.empty() ? "/" : where) + ": " + what);
}

}  // namespace

struct JsonSchema::Impl {
  json root;
  std::map<std::string, std::regex> regexes;  // by pattern text
  std::map<std::string, const json*> refs;    // by "$ref" text

  void compile(const json& s, const std::string& where);
  void check(const json& s, const json& v, std::string& ptr, int hops, std::vector<SchemaViolation>& out) const;
  void check_string(const json& s, const json& v, const std::string& ptr, std::vector<SchemaViolation>& out) const;
  void check_object(const json& s, const json& v, std::string& ptr, std::vector<SchemaViolation>& out) const;
  void check_array(const json& s, const json& v, std::string& ptr, std::vector<SchemaViolation>& out) const;
  bool matches(const std::string& pattern, const std::string& text) const {
    return std::regex_search(text, regexes.at(pattern));
  }
};

void JsonSchema::Impl::compile(const json& s, const std::string& where) {
  if (s.is_boolean()) return;
  require(s.is_object(), where, "a schema must be an object or true/false");
  for (const auto& [key, val] : s.items()) {
    const std::string at = json_pointer_append(where, key);
    if (kAnnotations.count(key)) continue;
    if (key == "$defs" || key == "properties") {
      require(val.is_object(), at, "expected an object of schemas");
      for (const auto& [k, sub] : val.items()) compile(sub, json_pointer_append(at, k));
    } else if (key == "patternProperties") {
      require(val.is_object(), at, "expected an object of schemas");
      for (const auto& [k, sub] : val.items()) {
        try {
          regexes.emplace(k, std::regex(k, std::regex::ECMAScript));
        } catch (const std::regex_error&) {
          require(false, at, "pattern " + k + " does not compile");
        }
        compile(sub, json_pointer_append(at, k));
      }
    } else if (key == "items" || key == "additionalProperties") {
      compile(val, at);
    } else if (key == "prefixItems") {
      require(val.is_array(), at, "expected an array of schemas");
      for (std::size_t k = 0; k < val.size(); ++k) compile(val[k], at + "/" + std::to_string(k));
    } else if (key == "$ref") {
      require(val.is_string(), at, "expected a string");
      const auto ref = val.get<std::string>();
      require(!ref.empty() && ref[0] == '#', at, "only references inside this document (#/...) are supported");
      const json* target = nullptr;
      try {
        const json::json_pointer p(ref.substr(1));
        if (root.contains(p)) target = &root.at(p);
      } catch (const json::exception&) {
      }
      require(target != nullptr, at, ref + " does not resolve");
      refs.emplace(ref, target);
    } else if (key == "pattern") {
      require(val.is_string(), at, "expected a string");
      try {
        regexes.emplace(val.get<std::string>(), std::regex(val.get<std::string>(), std::regex::ECMAScript));
      } catch (const std::regex_error&) {
        require(false, at, "the pattern does not compile");
      }
    } else if (key == "type") {
      const json names = val.is_array() ? val : json::array({val});
      for (const json& n : names) require(n.is_string() && kTypeNames.count(n.get<std::string>()), at, "unknown type");
    } else if (key == "enum" || key == "required") {
      require(val.is_array(), at, "expected an array");
      if (key == "required")
        for (const json& n : val) require(n.is_string(), at, "expected an array of strings");
    } else if (key == "minimum" || key == "maximum") {
      require(val.is_number(), at, "expected a number");
    } else if (key == "minLength" || key == "maxLength" || key == "minItems" || key == "maxItems") {
      require(val.is_number_unsigned(), at, "expected a non-negative integer");
    } else if (key == "uniqueItems") {
      require(val.is_boolean(), at, "expected true or false");
    } else if (key == "errorMessage") {
      require(val.is_object(), at, "expected an object of keyword: sentence");
      for (const auto& [k, msg] : val.items())
        require(msg.is_string(), json_pointer_append(at, k), "expected a string");
    } else if (key != "const") {
      require(false, at, "keyword \"" + key + "\" is not supported by Attune's validator");
    }
  }
}

namespace {

// The schema's own sentence for `keyword` (errorMessage), else `fallback`.
std::string sentence(const json& s, const char* keyword, const json& value, std::string fallback) {
  const auto em = s.find("errorMessage");
  if (em == s.end() || !em->contains(keyword)) return fallback;
  std::string text = (*em)[keyword].get<std::string>();
  for (std::size_t at = text.find("${0}"); at != std::string::npos; at = text.find("${0}", at)) {
    const std::string v = shown(value);
    text.replace(at, 4, v);
    at += v.size();
  }
  return text;
}

void add(std::vector<SchemaViolation>& out, const std::string& ptr, const char* keyword, std::string message) {
  out.push_back({ptr, keyword, std::move(message)});
}

}  // namespace

void JsonSchema::Impl::check(const json& s, const json& v, std::string& ptr, int hops,
                             std::vector<SchemaViolation>& out) const {
  if (s.is_boolean()) {
    if (!s.get<bool>()) add(out, ptr, "false", "No value is allowed here.");
    return;
  }
  if (const auto ref = s.find("$ref"); ref != s.end()) {
    if (hops >= kMaxRefHops) return add(out, ptr, "$ref", "The schema refers to itself too often to check this value.");
    check(*refs.at(ref->get<std::string>()), v, ptr, hops + 1, out);
  }
  if (const auto type = s.find("type"); type != s.end()) {
    const json names = type->is_array() ? *type : json::array({*type});
    bool ok = false;
    std::vector<std::string> expected;
    for (const json& n : names) {
      ok = ok || has_type(v, n.get<std::string>());
      expected.push_back(expected_name(n.get<std::string>()));
    }
    if (!ok) {
      return add(
          out, ptr, "type",
          sentence(s, "type", v, "Expected " + join_and(expected, " or ") + " but found " + found_name(v) + "."));
    }
  }
  if (const auto en = s.find("enum"); en != s.end()) {
    bool ok = false;
    std::vector<std::string> allowed;
    for (const json& e : *en) {
      ok = ok || e == v;
      allowed.push_back(shown(e));
    }
    if (!ok) {
      add(out, ptr, "enum",
          sentence(s, "enum", v,
                   allowed.size() == 1
                       ? "Expected " + allowed[0] + " but found " + found_name(v) + "."
                       : shown(v) + " is not one of the allowed values: " + join_and(allowed, " or ") + "."));
    }
  }
  if (const auto c = s.find("const"); c != s.end() && *c != v)
    add(out, ptr, "const", sentence(s, "const", v, "Expected " + shown(*c) + " but found " + found_name(v) + "."));
  if (v.is_string()) check_string(s, v, ptr, out);
  if (v.is_number()) {
    const double d = v.get<double>();
    if (const auto m = s.find("minimum"); m != s.end() && d < m->get<double>())
      add(out, ptr, "minimum",
          sentence(s, "minimum", v, "Must be at least " + number_text(*m) + " (found " + shown(v) + ")."));
    if (const auto m = s.find("maximum"); m != s.end() && d > m->get<double>())
      add(out, ptr, "maximum",
          sentence(s, "maximum", v, "Must be at most " + number_text(*m) + " (found " + shown(v) + ")."));
  }
  if (v.is_object()) check_object(s, v, ptr, out);
  if (v.is_array()) check_array(s, v, ptr, out);
}

void JsonSchema::Impl::check_string(const json& s, const json& v, const std::string& ptr,
                                    std::vector<SchemaViolation>& out) const {
  const auto& text = v.get_ref<const std::string&>();
  const std::size_t n = char_count(text);
  bool length_ok = true;
  if (const auto m = s.find("minLength"); m != s.end() && n < m->get<std::size_t>()) {
    length_ok = false;
    const auto min = m->get<std::size_t>();
    add(out, ptr, "minLength",
        sentence(s, "minLength", v,
                 min == 1 ? "Must not be empty." : "Must be at least " + std::to_string(min) + " characters long."));
  }
  if (const auto m = s.find("maxLength"); m != s.end() && n > m->get<std::size_t>()) {
    length_ok = false;
    add(out, ptr, "maxLength",
        sentence(s, "maxLength", v,
                 "Must be at most " + std::to_string(m->get<std::size_t>()) + " characters long (it has " +
                     std::to_string(n) + ")."));
  }
  const auto p = s.find("pattern");
  if (p == s.end() || !length_ok) return;
  if (text.size() > kMaxPatternInput) {
    return add(out, ptr, "pattern", "Too long to check (more than " + std::to_string(kMaxPatternInput) + " bytes).");
  }
  const auto& pattern = p->get_ref<const std::string&>();
  if (!matches(pattern, text))
    add(out, ptr, "pattern", sentence(s, "pattern", v, shown(v) + " does not match the pattern " + pattern + "."));
}

void JsonSchema::Impl::check_object(const json& s, const json& v, std::string& ptr,
                                    std::vector<SchemaViolation>& out) const {
  if (const auto req = s.find("required"); req != s.end()) {
    for (const json& k : *req)
      if (!v.contains(k.get<std::string>()))
        add(out, ptr, "required", sentence(s, "required", v, "Missing required key " + shown(k) + "."));
  }
  const auto props = s.find("properties");
  const auto pattern_props = s.find("patternProperties");
  const auto additional = s.find("additionalProperties");
  for (const auto& [key, member] : v.items()) {
    const std::size_t len = ptr.size();
    ptr += '/';
    ptr += json_pointer_escape(key);
    bool known = false;
    if (props != s.end()) {
      if (const auto sub = props->find(key); sub != props->end()) {
        known = true;
        check(*sub, member, ptr, 0, out);
      }
    }
    if (pattern_props != s.end()) {
      for (const auto& [pattern, sub] : pattern_props->items()) {
        if (key.size() > kMaxPatternInput || !matches(pattern, key)) continue;
        known = true;
        check(sub, member, ptr, 0, out);
      }
    }
    if (!known && additional != s.end()) {
      if (additional->is_boolean() && !additional->get<bool>()) {
        std::vector<std::string> allowed;
        if (props != s.end())
          for (const auto& [k, unused] : props->items()) allowed.push_back(k);
        std::string msg = "Unknown key " + shown(json(key)) + ".";
        if (!allowed.empty()) {
          msg.pop_back();
          msg += "; the allowed keys are " + join_and(allowed) + ".";
        }
        if (pattern_props != s.end() && !allowed.empty()) {
          std::vector<std::string> patterns;
          for (const auto& [pattern, unused] : pattern_props->items()) patterns.push_back(pattern);
          msg.pop_back();
          msg += " (and keys matching " + join_and(patterns, " or ") + ").";
        }
        add(out, ptr, "additionalProperties", sentence(s, "additionalProperties", json(key), msg));
      } else {
        check(*additional, member, ptr, 0, out);
      }
    }
    ptr.resize(len);
  }
}

void JsonSchema::Impl::check_array(const json& s, const json& v, std::string& ptr,
                                   std::vector<SchemaViolation>& out) const {
  const std::size_t n = v.size();
  if (const auto m = s.find("minItems"); m != s.end() && n < m->get<std::size_t>()) {
    const auto min = m->get<std::size_t>();
    add(out, ptr, "minItems",
        sentence(s, "minItems", v,
                 min == 1 ? "Must not be empty."
                          : "Must have at least " + std::to_string(min) + " items (found " + std::to_string(n) + ")."));
  }
  if (const auto m = s.find("maxItems"); m != s.end() && n > m->get<std::size_t>()) {
    add(out, ptr, "maxItems",
        sentence(s, "maxItems", v,
                 "Must have at most " + std::to_string(m->get<std::size_t>()) + " items (found " + std::to_string(n) +
                     ")."));
  }
  std::size_t prefix = 0;
  const auto prefix_items = s.find("prefixItems");
  if (prefix_items != s.end()) prefix = prefix_items->size();
  const auto items = s.find("items");
  std::map<json, std::size_t> seen;
  const bool unique = s.value("uniqueItems", false);
  for (std::size_t k = 0; k < n; ++k) {
    const std::size_t len = ptr.size();
    ptr += '/';
    ptr += std::to_string(k);
    if (k < prefix) {
      check((*prefix_items)[k], v[k], ptr, 0, out);
    } else if (items != s.end()) {
      if (items->is_boolean() && !items->get<bool>())
        add(out, ptr, "items",
            sentence(s, "items", v[k],
                     "Unexpected item: at most " + std::to_string(prefix) + " items are allowed here."));
      else
        check(*items, v[k], ptr, 0, out);
    }
    if (unique) {
      const auto [it, inserted] = seen.emplace(v[k], k);
      if (!inserted)
        add(out, ptr, "uniqueItems",
            sentence(s, "uniqueItems", v[k],
                     shown(v[k]) + " is listed twice (first as item " + std::to_string(it->second) + ")."));
    }
    ptr.resize(len);
  }
}

JsonSchema::JsonSchema(const nlohmann::json& schema) : impl_(std::make_unique<Impl>()) {
  impl_->root = schema;
  impl_->compile(impl_->root, "");
}

JsonSchema::~JsonSchema() = default;
JsonSchema::JsonSchema(JsonSchema&&) noexcept = default;
JsonSchema& JsonSchema::operator=(JsonSchema&&) noexcept = default;

std::vector<SchemaViolation> JsonSchema::validate(const nlohmann::json& instance) const {
  std::vector<SchemaViolation> out;
  std::string ptr;
  impl_->check(impl_->root, instance, ptr, 0, out);
  return out;
}

}  // namespace attune
