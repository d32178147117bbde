#include "export/deidentify.h"

#include <algorithm>
#include <cctype>
#include <cstdlib>

#include "core/decimal.h"

namespace attune::exports {

namespace {

std::string folded(const std::string& text) {
  std::string out;
  for (unsigned char c : text)
    if (std::isalnum(c)) out += static_cast<char>(std::tolower(c));
  return out;
}

// Kinds of recorded session in parent-child work; compared folded ("Still-face" = "stillface").
const char* const kKnownSessionTypes[] = {
    "freeplay",      "play",          "stillface",     "reunion",        "separation",
    "separationreunion", "cleanup",   "feeding",       "mealtime",       "strangesituation",
    "teaching",      "bookreading",   "bathtime",      "bedtime",        "homevisit",
    "pcit",          "cdi",           "pdi",           "dpics",          "structuredplay",
    "unstructuredplay", "toyplay",    "faceface",      "facetoface",     "distress",
    "frustration",   "laboratory",    "lab",           "clinic",         "home"};

bool valid_modifier_value(const Modifier& m, const std::string& value) {
  auto listed = [&](const std::string& v) { return std::find(m.values.begin(), m.values.end(), v) != m.values.end(); };
  switch (m.kind) {
    case ModifierKind::Single:
      return listed(value);
    case ModifierKind::Multi: {
      std::size_t from = 0;
      while (true) {
        const std::size_t comma = value.find(',', from);
        if (!listed(value.substr(from, comma == std::string::npos ? std::string::npos : comma - from))) return false;
        if (comma == std::string::npos) return true;
        from = comma + 1;
      }
    }
    case ModifierKind::Number:
      return canonical_decimal(value).has_value();  // a plain decimal (core/decimal.h), nothing else
  }
  return false;
}

}  // namespace

Pseudonyms make_pseudonyms(const std::vector<std::pair<std::string, std::string>>& dyad_and_coder) {
  Pseudonyms p;
  for (const auto& [dyad, coder] : dyad_and_coder) {
    if (!p.dyads.count(dyad)) p.dyads.emplace(dyad, "dyad-" + std::to_string(p.dyads.size() + 1));
    if (!p.coders.count(coder)) p.coders.emplace(coder, "coder-" + std::to_string(p.coders.size() + 1));
  }
  return p;
}

std::string year_of(const std::string& utc) {
  if (utc.size() < 4 || !std::all_of(utc.begin(), utc.begin() + 4, [](unsigned char c) { return std::isdigit(c); }))
    return "";
  if (utc.size() > 4 && utc[4] != '-') return "";
  return utc.substr(0, 4);
}

std::string safe_session_type(const std::string& type, const Scheme& scheme) {
  if (type.empty()) return "";
  const std::string key = folded(type);
  if (key.empty()) return "withheld";
  for (const char* known : kKnownSessionTypes)
    if (key == known) return type;
  for (const CodeGroup& group : scheme.groups) {
    if (group.role != "episode") continue;
    for (const Code& code : scheme.codes)
      if (code.group == group.id && !code.uncodable && (key == folded(code.id) || key == folded(code.name))) return type;
  }
  return "withheld";
}

void deidentify(ExportSession& s, const Pseudonyms& pseudonyms) {
  auto pseudonym = [](const std::map<std::string, std::string>& map, const std::string& key, const std::string& fallback) {
    auto it = map.find(key);
    return it != map.end() ? it->second : fallback;
  };
  s.recording.dyad = pseudonym(pseudonyms.dyads, s.recording.dyad, "dyad-r" + std::to_string(s.recording.id));
  s.info.coder = pseudonym(pseudonyms.coders, s.info.coder, "coder-s" + std::to_string(s.info.id));
  s.info.created_utc = year_of(s.info.created_utc);
  s.info.modified_utc = year_of(s.info.modified_utc);
  s.recording.session_type = safe_session_type(s.recording.session_type, *s.scheme);
  s.recording.video_path.clear();
  s.recording.video_hash.clear();
  s.recording.video_size.reset();
  for (Event& e : s.events) {
    e.comment.clear();
    for (auto it = e.modifiers.begin(); it != e.modifiers.end();) {
      const Modifier* m = s.scheme->find_modifier(it->first);
      if (!m || !valid_modifier_value(*m, it->second)) {
        it = e.modifiers.erase(it);
        continue;
      }
      if (m->kind == ModifierKind::Number) it->second = *canonical_decimal(it->second);  // "2.50" -> "2.5"
      ++it;
    }
  }
  s.deidentified = true;
}

}  // namespace attune::exports
