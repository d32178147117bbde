#pragma once
// The key codes the app's logic reads: GLFW's numbers (the window hands GLFW's key codes
// and actions to KeyQueue unchanged), written out here so the logic builds and is tested
// without GLFW. app/platform/glfw_keys.cpp checks every value against <GLFW/glfw3.h> at
// compile time, so the two cannot drift.
namespace attune::keycode {

inline constexpr int kSpace = 32;
inline constexpr int kEscape = 256, kEnter = 257, kTab = 258, kBackspace = 259, kDelete = 261;
inline constexpr int kRight = 262, kLeft = 263, kDown = 264, kUp = 265;
inline constexpr int kPageUp = 266, kPageDown = 267, kHome = 268, kEnd = 269;
inline constexpr int kF1 = 290, kF10 = 299, kF12 = 301, kF25 = 314;
inline constexpr int kKeypadEnter = 335;
inline constexpr int kLast = 348;  // the highest key code

// Letters and digits are their (upper-case) ASCII codes: letter('Z') is the Z key.
constexpr int letter(char upper) { return upper; }
inline constexpr int kLetterA = 'A', kLetterZ = 'Z', kDigit0 = '0', kDigit9 = '9';

// What happened to a key (KeyQueue::key's `action`).
inline constexpr int kRelease = 0, kPress = 1, kRepeat = 2;

}  // namespace attune::keycode
