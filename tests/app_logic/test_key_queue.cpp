// The key queue alone: no ImGui, no GL, no display.
#include <doctest/doctest.h>

#include "app/logic/key_codes.h"
#include "app/logic/key_queue.h"

using namespace attune;

TEST_SUITE("app_logic") {
  TEST_CASE("key queue: every key in arrival order, taken once") {
    KeyQueue queue;
    queue.key(keycode::kSpace, 65, keycode::kPress, 0);
    queue.key(keycode::kSpace, 65, keycode::kRelease, 0);
    queue.key(keycode::letter('B'), 56, keycode::kPress, KeyInput::kShift);
    queue.character('B', KeyInput::kShift);
    queue.key(keycode::letter('B'), 56, keycode::kRepeat, KeyInput::kShift);
    CHECK(queue.size() == 5);
    const std::vector<KeyInput>& taken = queue.take();
    REQUIRE(taken.size() == 5);
    CHECK(queue.empty());
    CHECK(taken[0].kind == KeyInput::Kind::Press);
    CHECK(taken[0].key == keycode::kSpace);
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
