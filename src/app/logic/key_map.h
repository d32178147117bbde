#pragma once
// Transport and editing keys, remappable and saved per user. Code and subject keys come
// from the scheme (one character or F1–F12); transport keys use keys a scheme cannot
// take (space, arrows, modifiers), so the two never clash.
#include <array>
#include <string>

namespace attune {

enum class Action {
  PlayPause,
  FrameBack,
  FrameForward,
  Back1s,
  Forward1s,
  Back5s,
  Forward5s,
  Slower,
  Faster,
  Mute,
  NudgeBack,     // selected event −1 frame
  NudgeForward,  // selected event +1 frame
  DeleteSelected,
  PrevEvent,     // the event list: previous / next event (of any code)
  NextEvent,
  PrevSameCode,  // previous / next event of the selected event's code
  NextSameCode,
  Count
};

const char* action_label(Action action);
const char* action_id(Action action);  // stable name in the settings file

// A key (GLFW key code) with modifier keys.
struct KeyChord {
  int key = 0;
  bool ctrl = false, shift = false, alt = false;
  bool operator==(const KeyChord&) const = default;
};

std::string describe(const KeyChord& chord);  // "Ctrl+Shift+Left"

// Why a desktop commonly takes `chord` before the window sees it (Ctrl+Alt chords switch
// consoles and workspaces, Alt+F4 closes the window, Ctrl+F-keys switch desktops), or
// nullptr. The default key map uses none of them; Settings → Keys refuses them.
const char* taken_by_desktop(const KeyChord& chord);

class KeyMap {
 public:
  KeyMap();  // the defaults
  const KeyChord& chord(Action action) const { return chords_[static_cast<std::size_t>(action)]; }
  void set(Action action, const KeyChord& chord) { chords_[static_cast<std::size_t>(action)] = chord; }
  // The action bound to `chord`, or Action::Count.
  Action action_for(const KeyChord& chord) const;

  // $XDG_CONFIG_HOME/attune/keys.json, else ~/.config/attune/keys.json.
  static std::string default_path();
  // Missing file: defaults. A malformed file: defaults, and `problem` says why.
  static KeyMap load(const std::string& path, std::string* problem = nullptr);
  // Writes atomically (temp file + rename), 0600. Returns false with `problem` on failure.
  bool save(const std::string& path, std::string* problem = nullptr) const;

 private:
  std::array<KeyChord, static_cast<std::size_t>(Action::Count)> chords_;
};

}  // namespace attune
