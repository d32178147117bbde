#pragma once
// Keyboard-first coding: turns the frame's key presses into Workspace intents. A code key
// records a point event or starts/stops a state at the frame on screen; with hold-to-code a
// state runs while its key is held. Subject keys pick the subject for the following codes.
// A code with modifiers opens a non-blocking prompt driven by digits, Enter and Esc.
// No key is read while a text field has focus.
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "app/key_map.h"
#include "app/workspace.h"

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

  // Reads this frame's input (call after ImGui::NewFrame, before any widget). When
  // `text_input_active` (a text field had focus), nothing is read.
  void handle_keys(Workspace& ws, const KeyMap& keys, bool text_input_active);

  // The code pad's click goes through the same path as a key.
  void code(Workspace& ws, const Code& code, int held_key = 0);
  void choose_subject(const std::string& id) { subject_ = id; }
  const std::string& subject() const { return subject_; }

  const std::optional<ModifierPrompt>& prompt() const { return prompt_; }
  void prompt_choose(Workspace& ws, std::size_t value_index);  // toggles for multi
  void prompt_next(Workspace& ws);                              // Enter: next modifier / finish
  void prompt_finish(Workspace& ws);                            // Esc: keep what was chosen, stop asking

  // The GLFW key that a scheme key character is typed with (for hold detection), or 0.
  static int glfw_key_for(const std::string& scheme_key);

 private:
  void handle_prompt_char(Workspace& ws, unsigned int c);
  void handle_transport(Workspace& ws, const KeyMap& keys);
  void open_prompt(Workspace& ws, EventId event, const Code& code);
  void release_holds(Workspace& ws);

  std::string subject_;
  std::optional<ModifierPrompt> prompt_;
  std::map<int, EventId> held_;  // GLFW key -> the state it started
};

}  // namespace attune
