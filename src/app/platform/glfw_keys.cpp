#include "app/platform/glfw_keys.h"

#include <GLFW/glfw3.h>

#include "app/logic/key_queue.h"

namespace attune {

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
