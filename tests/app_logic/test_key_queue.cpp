// The key queue alone: no ImGui, no GL, no display.
#include <doctest/doctest.h>
#include <GLFW/glfw3.h>

#include "app/logic/key_queue.h"

using namespace attune;

TEST_SUITE("app_logic") {
  TEST_CASE("key queue: every key in arrival order, taken once") {
    KeyQueue queue;
    queue.key(GLFW_KEY_SPACE, 65, GLFW_PRESS, 0);
    queue.key(GLFW_KEY_SPACE, 65, GLFW_RELEASE, 0);
    queue.key(GLFW_KEY_B, 56, GLFW_PRESS, GLFW_MOD_SHIFT);
    queue.character('B', GLFW_MOD_SHIFT);
    queue.key(GLFW_KEY_B, 56, GLFW_REPEAT, GLFW_MOD_SHIFT);
    CHECK(queue.size() == 5);
    const std::vector<KeyInput>& taken = queue.take();
    REQUIRE(taken.size() == 5);
    CHECK(queue.empty());
    CHECK(taken[0].kind == KeyInput::Kind::Press);
    CHECK(taken[0].key == GLFW_KEY_SPACE);
    CHECK(taken[0].scancode == 65);
    CHECK(taken[1].kind == KeyInput::Kind::Release);
    CHECK(taken[2].shift());
    CHECK_FALSE(taken[2].ctrl());
    CHECK(taken[3].kind == KeyInput::Kind::Char);
    CHECK(taken[3].codepoint == 'B');
    CHECK(taken[4].kind == KeyInput::Kind::Repeat);
    for (std::size_t i = 1; i < taken.size(); ++i) CHECK(taken[i - 1].at <= taken[i].at);
    queue.character('x');
    CHECK(queue.take().size() == 1);
    CHECK(queue.take().empty());
  }
}
