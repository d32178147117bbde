#pragma once
// Keyboard-first coding: applies the keys of a KeyQueue, in the order they arrived, as
// Workspace intents. A code key records a point event or starts/stops a state at the frame
// on screen; with hold-to-code a state runs while its key is held. Subject keys pick the
// subject for the following codes. A code with modifiers opens a non-blocking prompt
// driven by digits, Enter and Esc. Every press counts once (a key's auto-repeat codes
// nothing); a key that cannot be applied says why in the status bar, never silently.
// Keys typed while a text field has focus belong to the field: none of them codes.
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "app/logic/key_map.h"
#include "app/logic/key_queue.h"
#include "app/logic/workspace.h"

namespace attune {

struct ModifierPrompt {
  EventId event = 0;
  std::string code;
  std::vector<std::string> modifiers;  // the code's modifier ids, asked in order
  std::size_t current = 0;
  ModifierValues chosen;
  std::string number_text;  // typed digits of a number modifier
  bool resume_playback = false;
};

class KeyboardCoder {
 public:
  struct Options {
    bool hold_to_code = false;
    bool pause_while_choosing = false;
  };
  Options options;
  // Where the previous/next-event actions go (the event list, which knows its filter); they
  // are applied in key order with everything else. Unset: those keys say there is no list.
  std::function<void(Workspace&, Action)> on_list_action;

  // Applies this frame's keys in order (call after ImGui::NewFrame, before any widget).
  // When `taken_by` names where the keys went instead ("a text field": one had focus), only
  // releases are read (a held state still ends), and a scheme F-key says it was not coded.
  void handle_keys(Workspace& ws, const KeyMap& keys, const std::vector<KeyInput>& input,
                   std::string_view taken_by = {});

  // The code pad's click goes through the same path as a key.
  void code(Workspace& ws, const Code& code, int held_key = 0);
  void choose_subject(const std::string& id) { subject_ = id; }
  const std::string& subject() const { return subject_; }

  // A key that was applied, but not quite as pressed (the chosen subject did not apply to
  // the code, a held state was released on the frame it started): one line for the status
  // bar, until the next code key. Refused keys go to Workspace::report ("Not recorded").
  const std::string& note() const { return note_; }
  void clear_note() { note_.clear(); }

  const std::optional<ModifierPrompt>& prompt() const { return prompt_; }
  void prompt_choose(Workspace& ws, std::size_t value_index);  // toggles for multi
  void prompt_next(Workspace& ws);                              // Enter: next modifier / finish
  void prompt_finish(Workspace& ws);                            // Esc: keep what was chosen, stop asking

  // The GLFW key that a scheme key character is typed with (for hold detection), or 0.
  static int glfw_key_for(const std::string& scheme_key);
  // True for a key that codes in an open session (a typed character, F1–F12), so where no
  // session is open it can say that it recorded nothing.
  static bool could_code(const KeyInput& k);
  // "F5" for GLFW_KEY_F5, "" for keys that are not F1–F12.
  static std::string function_key_name(int glfw_key);

 private:
  bool handle_press(Workspace& ws, const KeyMap& keys, const KeyInput& k);  // true: the key acted
  void handle_char(Workspace& ws, unsigned int c, int typed_with);
  void scheme_key(Workspace& ws, const std::string& key, int held_key);
  // False (with the reason reported) when `c` cannot be taken while the prompt is open.
  bool handle_prompt_char(Workspace& ws, unsigned int c);
  bool handle_transport(Workspace& ws, const KeyMap& keys, const KeyInput& k);
  void open_prompt(Workspace& ws, EventId event, const Code& code);
  void release(Workspace& ws, int key);

  std::string subject_;
  std::string note_;
  std::optional<ModifierPrompt> prompt_;
  std::map<int, EventId> held_;  // GLFW key -> the state it started
};

}  // namespace attune
