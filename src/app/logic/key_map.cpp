#include "app/logic/key_map.h"

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

#include <nlohmann/json.hpp>

#include "app/logic/key_codes.h"
#include "core/error.h"
#include "store/user_config.h"

namespace attune {

namespace {
struct ActionInfo {
  const char* id;
  const char* label;
  KeyChord chord;
};

const std::array<ActionInfo, static_cast<std::size_t>(Action::Count)>& actions() {
  static const std::array<ActionInfo, static_cast<std::size_t>(Action::Count)> table = {{
      {"play_pause", "Play / pause", {keycode::kSpace}},
      {"frame_back", "Frame back", {keycode::kLeft}},
      {"frame_forward", "Frame forward", {keycode::kRight}},
      {"back_1s", "Back 1 s", {keycode::kLeft, false, true}},
      {"forward_1s", "Forward 1 s", {keycode::kRight, false, true}},
      {"back_5s", "Back 5 s", {keycode::kLeft, true}},
      {"forward_5s", "Forward 5 s", {keycode::kRight, true}},
      {"slower", "Slower", {keycode::kDown}},
      {"faster", "Faster", {keycode::kUp}},
      {"mute", "Mute", {keycode::letter('M'), true}},
      {"nudge_back", "Nudge selected −1 frame", {keycode::kLeft, false, false, true}},
      {"nudge_forward", "Nudge selected +1 frame", {keycode::kRight, false, false, true}},
      {"delete_selected", "Delete selected event", {keycode::kDelete}},
      {"prev_event", "Previous event", {keycode::kPageUp}},
      {"next_event", "Next event", {keycode::kPageDown}},
      {"prev_same_code", "Previous event of the selected code", {keycode::kPageUp, true}},
      {"next_same_code", "Next event of the selected code", {keycode::kPageDown, true}},
  }};
  return table;
}

std::string key_name(int key) {
  switch (key) {
    case keycode::kSpace: return "Space";
    case keycode::kLeft: return "Left";
    case keycode::kRight: return "Right";
    case keycode::kUp: return "Up";
    case keycode::kDown: return "Down";
    case keycode::kDelete: return "Delete";
    case keycode::kBackspace: return "Backspace";
    case keycode::kHome: return "Home";
    case keycode::kEnd: return "End";
    case keycode::kPageUp: return "PageUp";
    case keycode::kPageDown: return "PageDown";
    case keycode::kEnter: return "Enter";
    case keycode::kTab: return "Tab";
    default: break;
  }
  if (key >= keycode::kLetterA && key <= keycode::letter('Z')) return std::string(1, static_cast<char>('A' + key - keycode::kLetterA));
  if (key >= keycode::kDigit0 && key <= keycode::kDigit9) return std::string(1, static_cast<char>('0' + key - keycode::kDigit0));
  if (key >= keycode::kF1 && key <= keycode::kF25) return "F" + std::to_string(key - keycode::kF1 + 1);
  return "Key " + std::to_string(key);
}
}  // namespace

const char* action_label(Action action) { return actions()[static_cast<std::size_t>(action)].label; }
const char* action_id(Action action) { return actions()[static_cast<std::size_t>(action)].id; }

std::string describe(const KeyChord& chord) {
  if (chord.key == 0) return "(none)";
  std::string text;
  if (chord.ctrl) text += "Ctrl+";
  if (chord.shift) text += "Shift+";
  if (chord.alt) text += "Alt+";
  return text + key_name(chord.key);
}

const char* taken_by_desktop(const KeyChord& chord) {
  const bool function_key = chord.key >= keycode::kF1 && chord.key <= keycode::kF25;
  if (chord.ctrl && chord.alt) return "Ctrl+Alt chords switch consoles and workspaces on many desktops";
  if (chord.alt && function_key) return "Alt+F-keys belong to the window manager on many desktops (Alt+F4 closes)";
  if (chord.ctrl && function_key) return "Ctrl+F-keys switch desktops on some desktops";
  if (function_key && chord.key >= keycode::kF10 && chord.key <= keycode::kF12)
    return "F10, F11 and F12 open menus, full screen or drop-down terminals on many desktops";
  return nullptr;
}

KeyMap::KeyMap() {
  for (std::size_t i = 0; i < chords_.size(); ++i) chords_[i] = actions()[i].chord;
}

Action KeyMap::action_for(const KeyChord& chord) const {
  for (std::size_t i = 0; i < chords_.size(); ++i)
    if (chords_[i] == chord && chord.key != 0) return static_cast<Action>(i);
  return Action::Count;
}

std::string KeyMap::default_path() { return user_config_file("keys.json"); }

KeyMap KeyMap::load(const std::string& path, std::string* problem) {
  KeyMap map;
  std::ifstream in(path);
  if (!in) return map;
  try {
    const nlohmann::json doc = nlohmann::json::parse(in);
    for (std::size_t i = 0; i < map.chords_.size(); ++i) {
      const auto found = doc.find(actions()[i].id);
      if (found == doc.end()) continue;
      KeyChord chord;
      chord.key = found->at("key").get<int>();
      chord.ctrl = found->value("ctrl", false);
      chord.shift = found->value("shift", false);
      chord.alt = found->value("alt", false);
      if (chord.key < 0 || chord.key > keycode::kLast) throw std::runtime_error("key code out of range");
      map.chords_[i] = chord;
    }
  } catch (const std::exception& e) {
    if (problem) *problem = "key settings " + path + " ignored: " + e.what();
    return KeyMap();
  }
  return map;
}

bool KeyMap::save(const std::string& path, std::string* problem) const {
  nlohmann::json doc = nlohmann::json::object();
  for (std::size_t i = 0; i < chords_.size(); ++i)
    doc[actions()[i].id] = {{"key", chords_[i].key}, {"ctrl", chords_[i].ctrl}, {"shift", chords_[i].shift},
                            {"alt", chords_[i].alt}};
  try {
    write_user_config_file(path, doc.dump(2) + "\n");
    return true;
  } catch (const Error& e) {
    if (problem) *problem = e.what();
    return false;
  }
}

}  // namespace attune
