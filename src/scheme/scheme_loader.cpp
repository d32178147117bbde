#include "scheme/scheme_loader.h"

#include <algorithm>
#include <cerrno>
#include <charconv>
#include <cstring>
#include <filesystem>
#include <fstream>

#include <nlohmann/json.hpp>

#include "core/embedded.h"
#include "core/error.h"
#include "scheme/json_positions.h"
#include "scheme/json_schema.h"
#include "scheme/scheme_checks.h"

namespace attune {

using nlohmann::json;

namespace {

constexpr const char* kSchemaPath = "schemas/coding-scheme.schema.json";

const JsonSchema& scheme_schema() {
  static const JsonSchema schema = [] {
    const std::string_view text = embedded_file(kSchemaPath);
    if (text.empty()) throw Error(ErrorKind::NotFound, std::string(kSchemaPath) + " is not embedded in this build");
    return JsonSchema(json::parse(text));
  }();
  return schema;
}

// Builds the document through the SAX interface rather than json::parse, because the SAX
// error callback reports the byte position for every failure (json::parse throws some,
// like "number overflow", without one). Iterative, so deep nesting cannot overflow the stack
// (nesting is also capped before parsing).
class DomBuilder final : public json::json_sax_t {
 public:
  explicit DomBuilder(std::string_view text) : text_(text) {}
  json root;
  std::size_t error_offset = 0;  // of the byte the error is shown at
  std::string error;

  bool null() override { return put(nullptr); }
  bool boolean(bool v) override { return put(v); }
  bool number_integer(number_integer_t v) override { return put(v); }
  bool number_unsigned(number_unsigned_t v) override { return put(v); }
  bool number_float(number_float_t v, const string_t&) override { return put(v); }
  bool string(string_t& v) override { return put(std::move(v)); }
  bool binary(binary_t& v) override { return put(json::binary(std::move(v))); }
  bool start_object(std::size_t) override { return open(json::object()); }
  bool key(string_t& k) override {
    key_ = std::move(k);
    return true;
  }
  bool end_object() override { return close(); }
  bool start_array(std::size_t) override { return open(json::array()); }
  bool end_array() override { return close(); }
  bool parse_error(std::size_t position, const std::string&, const json::exception& ex) override {
    error = ex.what();
    error_offset = token_start(position > 0 ? position - 1 : 0);
    return false;
  }

 private:
  json* slot() {
    if (stack_.empty()) return &root;
    json& top = *stack_.back();
    if (top.is_array()) {
      top.push_back(nullptr);
      return &top.back();
    }
    return &top[key_];  // a repeated key overwrites, as json::parse does (reported separately)
  }
  bool put(json v) {
    *slot() = std::move(v);
    return true;
  }
  bool open(json v) {
    json* p = slot();
    *p = std::move(v);
    stack_.push_back(p);
    return true;
  }
  bool close() {
    stack_.pop_back();
    return true;
  }

  // The parser reports the last byte it read. A string or number it complains about (in the
  // wrong place, ill-formed, too large) is shown where it starts.
  std::size_t token_start(std::size_t last) const {
    if (last >= text_.size()) return last;
    const bool number = error.find("number") != std::string::npos;
    const bool string = error.find("unexpected string literal") != std::string::npos ||
                        error.find("invalid string") != std::string::npos;
    auto in_number = [](char c) {
      return (c >= '0' && c <= '9') || c == '-' || c == '+' || c == '.' || c == 'e' || c == 'E';
    };
    std::size_t start = last;
    if (string) {
      while (start > 0 && !(text_[start - 1] == '"' && (start < 2 || text_[start - 2] != '\\'))) --start;
      return start > 0 ? start - 1 : 0;
    }
    if (number)
      while (start > 0 && in_number(text_[start - 1]) && in_number(text_[start])) --start;
    return start;
  }

  std::string_view text_;
  std::vector<json*> stack_;
  std::string key_;
};

// "[json.exception.parse_error.101] parse error at line 1, column 9: syntax error while
// parsing object key - unexpected '}'; expected string literal" -> "unexpected '}'; …",
// with control and non-ASCII bytes (echoed from the file) replaced by '?'.
std::string parse_detail(const std::string& what) {
  std::string s = what;
  if (const auto syntax = s.find("syntax error while parsing"); syntax != std::string::npos) {
    const auto dash = s.find(" - ", syntax);
    s = dash == std::string::npos ? s.substr(syntax) : s.substr(dash + 3);
  } else if (s.rfind("[json.exception.", 0) == 0 && s.find("] ") != std::string::npos) {
    s = s.substr(s.find("] ") + 2);
  }
  for (char& c : s)
    if (static_cast<unsigned char>(c) < 0x20 || static_cast<unsigned char>(c) >= 0x7F) c = '?';
  return s;
}

struct Pending {
  std::string pointer;
  std::string message;
  std::optional<TextPosition> position;  // when not simply "where the pointer's value starts"
};

// Places the problems, sorted by position, keeping the first kMaxSchemeProblems.
SchemeLoadResult locate(std::string_view text, const std::string& file, std::vector<Pending> pending) {
  std::vector<std::string> wanted;
  for (const Pending& p : pending)
    if (!p.position) wanted.push_back(p.pointer);
  const std::vector<TextPosition> found = locate_json_pointers(text, wanted, kMaxSchemeDepth);
  std::vector<std::pair<TextPosition, std::size_t>> order;  // position, index into pending
  order.reserve(pending.size());
  std::size_t next = 0;
  for (std::size_t k = 0; k < pending.size(); ++k) order.emplace_back(pending[k].position ? *pending[k].position : found[next++], k);
  const std::size_t kept = std::min(order.size(), kMaxSchemeProblems);
  std::partial_sort(order.begin(), order.begin() + static_cast<std::ptrdiff_t>(kept), order.end(),
                    [](const auto& a, const auto& b) {
                      const TextPosition &x = a.first, &y = b.first;
                      return x.line != y.line ? x.line < y.line : x.col != y.col ? x.col < y.col : a.second < b.second;
                    });
  SchemeLoadResult result;
  for (std::size_t k = 0; k < kept; ++k) {
    const auto& [pos, index] = order[k];
    result.problems.push_back({file, pos.line, pos.col, std::move(pending[index].pointer), std::move(pending[index].message)});
  }
  result.more_problems = order.size() - kept;
  return result;
}

SchemeLoadResult finish(std::string_view text, const std::string& file, std::vector<Pending> pending) {
  return locate(text, file, std::move(pending));
}

std::string too_large() {
  return "The scheme file is larger than 1 MiB; a coding scheme is normally a few kilobytes.";
}

SchemeLoadResult one_problem(const std::string& file, TextPosition pos, std::string message) {
  SchemeLoadResult result;
  result.problems.push_back({file, pos.line, pos.col, "", std::move(message)});
  return result;
}

std::string str(const json& obj, const char* key) { return obj.at(key).get<std::string>(); }

std::vector<std::string> strings(const json& obj, const char* key) {
  std::vector<std::string> out;
  if (const auto it = obj.find(key); it != obj.end())
    for (const json& s : *it) out.push_back(s.get<std::string>());
  return out;
}

std::optional<double> number(const json& obj, const char* key) {
  if (const auto it = obj.find(key); it != obj.end()) return it->get<double>();
  return std::nullopt;
}

// Only called on a document that passed every check, so every access is safe.
Scheme build(const json& doc) {
  Scheme s;
  s.name = str(doc, "name");
  s.version = doc.at("version").get<int>();
  s.description = doc.value("description", "");
  for (const json& j : doc.at("subjects")) s.subjects.push_back({str(j, "id"), str(j, "name"), j.value("key", "")});
  for (const json& j : doc.at("groups"))
    s.groups.push_back(
        {str(j, "id"), str(j, "name"), j.value("exclusive", false), j.value("exhaustive", false), j.value("role", "")});
  for (const json& j : doc.value("modifiers", json::array())) {
    Modifier m{str(j, "id"),         str(j, "name"),   ModifierKind::Single,
               strings(j, "values"), number(j, "min"), number(j, "max")};
    const std::string kind = str(j, "kind");
    m.kind = kind == "number" ? ModifierKind::Number : kind == "multi" ? ModifierKind::Multi : ModifierKind::Single;
    s.modifiers.push_back(std::move(m));
  }
  for (const json& j : doc.at("codes")) {
    Code c;
    c.id = str(j, "id");
    c.name = str(j, "name");
    c.group = str(j, "group");
    c.kind = j.at("kind") == "state" ? CodeKind::State : CodeKind::Point;
    c.subjects = strings(j, "subjects");
    c.key = j.value("key", "");
    c.color = j.value("color", "");
    c.definition = j.value("definition", "");
    c.modifiers = strings(j, "modifiers");
    c.uncodable = j.value("uncodable", false);
    s.codes.push_back(std::move(c));
  }
  for (const json& j : doc.value("ratings", json::array())) {
    RatingScale r{str(j, "id"), str(j, "name"), j.at("min").get<int>(), j.at("max").get<int>(), {}};
    const json anchors = j.value("anchors", json::object());
    for (const auto& [key, label] : anchors.items()) {
      int value = 0;
      std::from_chars(key.data(), key.data() + key.size(), value);
      r.anchors[value] = label.get<std::string>();
    }
    s.ratings.push_back(std::move(r));
  }
  for (const json& j : doc.value("rules", json::array())) {
    ContingencyRule r;
    r.id = str(j, "id");
    r.name = str(j, "name");
    r.type = str(j, "type");
    r.antecedent = strings(j, "antecedent");
    r.target = strings(j, "target");
    if (const auto tm = j.find("target_modifier"); tm != j.end())
      r.target_modifier = std::make_pair(str(*tm, "modifier"), str(*tm, "value"));
    for (const json& p : j.value("pairs", json::array()))
      r.pairs.emplace_back(p.at(0).get<std::string>(), p.at(1).get<std::string>());
    r.window_s = number(j, "window_s");
    r.merge_gap_s = number(j, "merge_gap_s");
    r.threshold_s = number(j, "threshold_s");
    s.rules.push_back(std::move(r));
  }
  s.reindex();
  return s;
}

}  // namespace

std::string SchemeProblem::to_string() const {
  return file + ":" + std::to_string(line) + ":" + std::to_string(col) + ": " + (pointer.empty() ? "/" : pointer) +
         ": " + message;
}

SchemeLoadResult load_scheme_text(std::string_view text, const std::string& file_label) {
  if (text.size() > kMaxSchemeBytes) return one_problem(file_label, {}, too_large());
  // The JSON reader takes a NUL for the end of the text, so a valid scheme followed by
  // "\0garbage" would pass (and be stored with it); no JSON text holds a raw NUL.
  if (const auto nul = text.find('\0'); nul != std::string_view::npos)
    return one_problem(file_label, position_of_offset(text, nul),
                       "The file holds a NUL byte here; a scheme file is JSON text, which never does.");
  if (const auto deep = find_excess_nesting(text, kMaxSchemeDepth))
    return one_problem(file_label, *deep,
                       "The file nests arrays and objects more than " + std::to_string(kMaxSchemeDepth) +
                           " levels deep; a coding scheme needs only a few.");
  if (const auto wide = find_oversized_container(text, kMaxSchemeItems)) {
    SchemeLoadResult result;
    result.problems.push_back({file_label, wide->position.line, wide->position.col, wide->pointer,
                               "This holds " + std::to_string(wide->items) + " items; a coding scheme allows at most " +
                                   std::to_string(kMaxSchemeItems) + " in one list or object."});
    return result;
  }

  DomBuilder dom(text);
  const bool parsed = json::sax_parse(text.begin(), text.end(), &dom);
  if (!parsed) {
    return one_problem(file_label, position_of_offset(text, dom.error_offset),
                       "The file is not valid JSON: " + parse_detail(dom.error) + ".");
  }
  const json& doc = dom.root;

  std::vector<Pending> pending;
  for (const DuplicateKey& d : find_duplicate_keys(text, kMaxSchemeDepth)) {
    pending.push_back({d.pointer,
                       "The key " + json(d.key).dump(-1, ' ', false, json::error_handler_t::replace) +
                           " is written twice in this object; remove one of them.",
                       d.position});
  }
  for (SchemaViolation& v : scheme_schema().validate(doc))
    pending.push_back({std::move(v.pointer), std::move(v.message), {}});
  for (scheme_detail::Finding& f : scheme_detail::check_scheme_semantics(doc))
    pending.push_back({std::move(f.pointer), std::move(f.message), {}});

  if (!pending.empty()) return finish(text, file_label, std::move(pending));
  SchemeLoadResult result;
  result.scheme = build(doc);
  std::vector<Pending> warnings;
  for (scheme_detail::Finding& f : scheme_detail::check_scheme_warnings(doc))
    warnings.push_back({std::move(f.pointer), std::move(f.message), {}});
  if (!warnings.empty()) {
    SchemeLoadResult located = locate(text, file_label, std::move(warnings));
    result.warnings = std::move(located.problems);
  }
  return result;
}

SchemeFileText read_scheme_file(const std::string& path) {
  SchemeFileText out;
  auto fail = [&](std::string message) {
    out.text.clear();
    out.problem = SchemeProblem{path, 1, 1, "", std::move(message)};
    return out;
  };
  std::error_code ec;
  if (std::filesystem::is_directory(path, ec)) return fail("Cannot read the file: it is a folder.");
  std::ifstream in(path, std::ios::binary);
  if (!in) return fail(std::string("Cannot read the file: ") + std::strerror(errno) + ".");
  out.text.assign(kMaxSchemeBytes + 1, '\0');  // one byte more than allowed, so "too large" is seen
  in.read(out.text.data(), static_cast<std::streamsize>(out.text.size()));
  if (in.bad()) return fail("Cannot read the file: a read error occurred.");
  out.text.resize(static_cast<std::size_t>(in.gcount()));
  if (out.text.size() > kMaxSchemeBytes) return fail(too_large());
  return out;
}

SchemeLoadResult load_scheme_file(const std::string& path) {
  SchemeFileText file = read_scheme_file(path);
  if (file.problem) {
    SchemeLoadResult result;
    result.problems.push_back(std::move(*file.problem));
    return result;
  }
  return load_scheme_text(file.text, path);
}

}  // namespace attune
