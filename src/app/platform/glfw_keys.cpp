#include "app/platform/glfw_keys.h"

#include <GLFW/glfw3.h>

#include "app/logic/key_codes.h"
#include "app/logic/key_queue.h"

namespace attune {

// The logic's key codes (app/logic/key_codes.h) are GLFW's, value for value.
static_assert(keycode::kSpace == GLFW_KEY_SPACE && keycode::kEscape == GLFW_KEY_ESCAPE &&
              keycode::kEnter == GLFW_KEY_ENTER && keycode::kTab == GLFW_KEY_TAB &&
              keycode::kBackspace == GLFW_KEY_BACKSPACE && keycode::kDelete == GLFW_KEY_DELETE);
static_assert(keycode::kRight == GLFW_KEY_RIGHT && keycode::kLeft == GLFW_KEY_LEFT && keycode::kDown == GLFW_KEY_DOWN &&
              keycode::kUp == GLFW_KEY_UP && keycode::kPageUp == GLFW_KEY_PAGE_UP &&
              keycode::kPageDown == GLFW_KEY_PAGE_DOWN && keycode::kHome == GLFW_KEY_HOME && keycode::kEnd == GLFW_KEY_END);
static_assert(keycode::kF1 == GLFW_KEY_F1 && keycode::kF10 == GLFW_KEY_F10 && keycode::kF12 == GLFW_KEY_F12 &&
              keycode::kF25 == GLFW_KEY_F25 && keycode::kKeypadEnter == GLFW_KEY_KP_ENTER && keycode::kLast == GLFW_KEY_LAST);
static_assert(keycode::kLetterA == GLFW_KEY_A && keycode::kLetterZ == GLFW_KEY_Z && keycode::letter('M') == GLFW_KEY_M &&
              keycode::kDigit0 == GLFW_KEY_0 && keycode::kDigit9 == GLFW_KEY_9);
static_assert(keycode::kRelease == GLFW_RELEASE && keycode::kPress == GLFW_PRESS && keycode::kRepeat == GLFW_REPEAT);
static_assert(KeyInput::kShift == GLFW_MOD_SHIFT && KeyInput::kCtrl == GLFW_MOD_CONTROL && KeyInput::kAlt == GLFW_MOD_ALT &&
              KeyInput::kSuper == GLFW_MOD_SUPER);

namespace {
// One window: the queue and the callbacks we chain to. Set and read on the main thread only
// (GLFW calls callbacks from glfwPollEvents / glfwWaitEvents).
struct Chain {
  GLFWwindow* window = nullptr;
  KeyQueue* queue = nullptr;
  GLFWkeyfun next_key = nullptr;
  GLFWcharfun next_char = nullptr;
};
Chain chain;

void on_key(GLFWwindow* window, int key, int scancode, int action, int mods) {
  if (window == chain.window && chain.queue) chain.queue->key(key, scancode, action, mods);
  if (chain.next_key) chain.next_key(window, key, scancode, action, mods);
}

void on_char(GLFWwindow* window, unsigned int codepoint) {
  if (window == chain.window && chain.queue) chain.queue->character(codepoint);
  if (chain.next_char) chain.next_char(window, codepoint);
}
}  // namespace

void install_key_queue(GLFWwindow* window, KeyQueue* queue) {
  chain.window = window;
  chain.queue = queue;
  chain.next_key = glfwSetKeyCallback(window, on_key);
  chain.next_char = glfwSetCharCallback(window, on_char);
}

void uninstall_key_queue(GLFWwindow* window) {
  if (window != chain.window) return;
  glfwSetKeyCallback(window, chain.next_key);
  glfwSetCharCallback(window, chain.next_char);
  chain = Chain{};
}

}  // namespace attune
