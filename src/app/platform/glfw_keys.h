#pragma once
// Feeds a KeyQueue from a GLFW window. Dear ImGui 1.86's GLFW backend turns key callbacks
// into io.KeysDown[] state, so a key pressed and released within one frame is never seen
// by IsKeyPressed (only characters survive, through its character queue). This installs
// key and char callbacks that record every event in order and then chain to the callbacks
// installed before them (ImGui's), so widgets and text fields work as before.
struct GLFWwindow;

namespace attune {

class KeyQueue;

// Call after ImGui_ImplGlfw_InitForOpenGL(window, true). `queue` must outlive the window's
// callbacks; uninstall before ImGui_ImplGlfw_Shutdown.
void install_key_queue(GLFWwindow* window, KeyQueue* queue);
void uninstall_key_queue(GLFWwindow* window);

}  // namespace attune
