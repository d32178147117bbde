#pragma once
// Help → Keyboard shortcuts: one overlay with every key in use: the transport and editing
// chords of the current KeyMap (as remapped in Settings → Keys), the window's own keys, the
// scheme's subject and code keys, and the modifier prompt's keys. `?` toggles it (and F1
// when the scheme does not use F1).
#include <string>
#include <vector>

#include "app/logic/key_map.h"
#include "core/scheme.h"

namespace attune {

struct ShortcutRow {
  std::string keys;  // "Ctrl+Left", "F5", "b"
  std::string what;  // "Back 5 s", "FreePlay (Dyad, state)"
};

struct ShortcutSection {
  std::string title;
  std::vector<ShortcutRow> rows;
};

// What the overlay lists, in order.
std::vector<ShortcutSection> shortcut_sections(const KeyMap& keys, const Scheme& scheme);

// The keys that open the overlay with this scheme: "?" unless the scheme uses it, and F1
// unless the scheme uses it ("" when both are taken: then only the Help menu opens it).
std::string help_keys(const Scheme& scheme);
bool is_help_char(const Scheme& scheme, unsigned int codepoint);
bool is_help_function_key(const Scheme& scheme, int glfw_key);

class KeysHelpView {
 public:
  bool open = false;
  void toggle() { open = !open; }
  void draw(const KeyMap& keys, const Scheme& scheme);
  // The list itself, inside the current window (draw() wraps it in the overlay window).
  static void draw_contents(const KeyMap& keys, const Scheme& scheme);
};

}  // namespace attune
