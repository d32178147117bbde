// The whole coding path with a real video: keys injected through ImGuiIO reach the
// KeyboardCoder, which stamps events from a Workspace whose clock is an MpvPlayer drawing
// into a texture on a hidden GL window; what is stored (read back through a NEW Store on
// the file) is compared with the frame index decoded from that texture. ImGui runs without
// a backend (tests/gui's HeadlessImGui); the UI frame is pumped as app.cpp pumps it:
// clock().update(), clock().render(), then ImGui::NewFrame, keys, ImGui::Render.
#include <doctest/doctest.h>

#include <GLFW/glfw3.h>
#include <imgui.h>

#include <algorithm>
#include <chrono>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "../gui/gui_fixture.h"
#include "app/logic/key_map.h"
#include "app/logic/keyboard_coder.h"
#include "app/logic/workspace.h"
#include "e2e_support.h"
#include "export/exporter.h"
#include "media/frame_index_reader.h"
#include "store/store.h"

using namespace attune;
using namespace attune::e2e;
using namespace std::chrono_literals;

namespace {

// One point code on 'b', one state code on 'q'; no modifiers, so no prompt takes keys.
const char* kScheme = R"({
  "name": "e2e-coding", "version": 1, "description": "scheme for the end-to-end coding test",
  "subjects": [{"id": "child", "name": "Child", "key": "F2"}],
  "groups": [
    {"id": "signals", "name": "Signals", "exclusive": false, "exhaustive": false},
    {"id": "affect", "name": "Affect", "exclusive": true, "exhaustive": false}
  ],
  "modifiers": [],
  "codes": [
    {"id": "bid", "name": "Bid", "group": "signals", "kind": "point", "subjects": ["child"], "key": "b", "color": "#1e88e5"},
    {"id": "pos", "name": "Positive", "group": "affect", "kind": "state", "subjects": ["child"], "key": "q", "color": "#4caf50"}
  ],
  "ratings": [], "rules": []
})";

// A store on a temp file with the scheme and one session whose recording is the clip, a
// Workspace owning the clip's MpvPlayer, a KeyboardCoder with the default keys, and ImGui.
class CodingRig {
 public:
  explicit CodingRig(const Clip& c) : clip_(c) {
    db_ = (fresh_dir("coding") / "e2e.db").string();
    auto store = std::make_unique<Store>(db_, OpenMode::CreateIfMissing, "tester");
    const std::int64_t scheme_id = store->import_scheme(kScheme);
    Recording r;
    r.dyad = "E2E-1";
    r.video_path = c.path;
    r.fps = c.rate;
    session_ = store->create_session(r, scheme_id, "tester");
    auto player = open_clip(c);
    player_ = player.get();
    ws = std::make_unique<Workspace>(std::move(store), session_, std::move(player));
    if (c.index.has_table()) {  // as the app does: the file's index, read on another thread
      ws->index_frames([path = c.path] { return read_frame_index(path); });
      const auto deadline = SteadyClock::now() + 5s;
      while (!ws->poll_frame_index() && SteadyClock::now() < deadline) std::this_thread::sleep_for(5ms);
      REQUIRE(ws->frame_index_problem() == "");
      REQUIRE(ws->model().frames() == c.index);
      REQUIRE(ws->clock().frames() == c.index);
    }
  }

  MpvPlayer& player() { return *player_; }
  const FrameIndex& frames() const { return clip_.index; }
  SessionId session() const { return session_; }
  const std::string& db() const { return db_; }
  std::int64_t last_frame() const { return clip_.frames - 1; }

  // One UI frame as the app runs it. Returns the frame index in the texture that this UI
  // frame shows, read after render() and before the keys are handled.
  std::int64_t frame(const std::function<void(ImGuiIO&)>& input = nullptr) {
    glfwWaitEventsTimeout(0.005);
    ws->clock().update();
    ws->clock().render();
    const std::int64_t shown = frame_in_texture(ws->clock());
    clock_frame_ = ws->clock().frame();
    if (on_frame) on_frame(shown);
    imgui_.frame(input, [&] { coder_.handle_keys(*ws, keys_, feed_.queue.take(), test::KeyFeed::taken_by()); });
    return shown;
  }
  // Called in every UI frame with the frame in the texture, before the keys are handled.
  std::function<void(std::int64_t shown)> on_frame;
  // The clock's frame() in the last UI frame, just before its keys were handled.
  std::optional<std::int64_t> clock_frame() const { return clock_frame_; }

  // Types a character: its key down with the character this frame, key up the next.
  // Returns the frame in the texture in the UI frame that handled it; `clock_at_key` gets
  // the clock's frame() in that UI frame.
  std::int64_t type(char c, std::optional<std::int64_t>* clock_at_key = nullptr) {
    const int key = KeyboardCoder::glfw_key_for(std::string(1, c));
    const std::int64_t shown = frame([&](ImGuiIO& io) { feed_.down(io, key, static_cast<unsigned int>(c)); });
    if (clock_at_key) *clock_at_key = clock_frame_;
    frame([&](ImGuiIO& io) { feed_.up(io, key); });
    return shown;
  }
  void press(int key) {
    frame([&](ImGuiIO& io) { feed_.down(io, key); });
    frame([&](ImGuiIO& io) { feed_.up(io, key); });
  }

  // Seeks (as a click on an event or the seek bar would) and waits until frame k is shown.
  void show(std::int64_t k) {
    CAPTURE(k);
    ws->clock().seek(frames().frame_start(k));
    REQUIRE_MESSAGE(settle(*player_), "seek to frame " << k << " did not settle within 3 s");
    REQUIRE(frame_in_texture(ws->clock()) == k);
    REQUIRE(ws->clock().frame() == k);
  }
  // Presses an arrow key `times` times, one UI frame down and one up each, then waits.
  // `wait_each`: settle after each press (single mpv frame-steps); else they come faster
  // than mpv answers, as from a held key.
  void step(int key, int times, bool wait_each) {
    for (int i = 0; i < times; ++i) {
      press(key);
      if (wait_each) REQUIRE_MESSAGE(settle(*player_), "frame step did not settle within 3 s");
    }
    REQUIRE_MESSAGE(settle(*player_), "frame steps did not settle within 3 s");
  }

  // Events as a fresh Store reads them from the file: what is durable.
  std::vector<Event> stored() const { return Store(db_, OpenMode::MustExist).events(session_); }
  // The most recently created stored event.
  Event newest() const {
    std::vector<Event> events = stored();
    REQUIRE_FALSE(events.empty());
    return *std::max_element(events.begin(), events.end(),
                             [](const Event& a, const Event& b) { return a.id < b.id; });
  }

  std::unique_ptr<Workspace> ws;

 private:
  Clip clip_;
  std::string db_;
  SessionId session_ = 0;
  MpvPlayer* player_ = nullptr;  // owned by ws
  test::HeadlessImGui imgui_;
  KeyMap keys_;
  KeyboardCoder coder_;
  test::KeyFeed feed_;
  std::optional<std::int64_t> clock_frame_;
};

// 'b' with frame k on screen (paused) stores a Bid at exactly frame k.
void code_point_on(CodingRig& rig, std::int64_t k) {
  CAPTURE(k);
  REQUIRE(frame_in_texture(rig.ws->clock()) == k);
  const std::size_t before = rig.stored().size();
  CHECK(rig.type('b') == k);
  REQUIRE(rig.stored().size() == before + 1);
  const Event e = rig.newest();
  CHECK(e.code == "bid");
  CHECK(e.subject == "child");
  CHECK(e.start == rig.frames().frame_start(k));
  CHECK(e.end == e.start);
  CHECK(e.frame == k);
}

// Returns the frames coded, as read from the texture (each once per event, in coding order).
std::vector<std::int64_t> check_paused_coding(CodingRig& rig) {
  const std::int64_t last = rig.last_frame();
  rig.frame();

  // (a) Paused on a sought frame: forward and backward seeks, both ends included.
  const std::int64_t sought[] = {0, 37, 1, 118, last, 64, last - 1};
  for (std::int64_t k : sought) {
    rig.show(k);
    code_point_on(rig, k);
  }

  // (b) Frame-stepped with the transport keys (Right = FrameForward, Left = FrameBack).
  rig.show(40);
  rig.step(GLFW_KEY_RIGHT, 1, true);
  code_point_on(rig, 41);
  rig.step(GLFW_KEY_RIGHT, 4, false);
  code_point_on(rig, 45);
  rig.step(GLFW_KEY_RIGHT, 3, true);
  code_point_on(rig, 48);
  rig.step(GLFW_KEY_LEFT, 2, false);
  code_point_on(rig, 46);
  rig.show(70);
  rig.step(GLFW_KEY_RIGHT, 10, false);
  code_point_on(rig, 80);

  // (c) A state: 'q' on k1, steps, 'q' on k2 is one interval [start(k1), start(k2)).
  struct Interval {
    std::int64_t k1, k2;
  };
  const Interval intervals[] = {{20, 21}, {90, 95}};  // in time order: a state started
  // before a later stored one of the same code would overlap it while it runs
  for (const Interval& in : intervals) {
    CAPTURE(in.k1);
    CAPTURE(in.k2);
    rig.show(in.k1);
    CHECK(rig.type('q') == in.k1);
    rig.step(GLFW_KEY_RIGHT, static_cast<int>(in.k2 - in.k1), in.k2 - in.k1 == 1);
    REQUIRE(frame_in_texture(rig.ws->clock()) == in.k2);
    CHECK(rig.type('q') == in.k2);
    std::vector<Event> states;
    for (const Event& e : rig.stored())
      if (e.code == "pos" && e.start == rig.frames().frame_start(in.k1)) states.push_back(e);
    REQUIRE(states.size() == 1);
    CHECK(states[0].frame == in.k1);
    CHECK(states[0].end == rig.frames().frame_start(in.k2));
  }

  // Nothing else was stored: no stray event from a transport key.
  const std::vector<Event> events = rig.stored();
  CHECK(events.size() == std::size(sought) + 5 + std::size(intervals));
  for (const Event& e : events) CHECK_FALSE(e.is_open());

  // (d) Seeking to each stored event shows exactly its coded frame, in an order that jumps
  // both ways: first, last, second, second to last …
  std::vector<Event> order;
  for (std::size_t i = 0, j = events.size(); i < j;) {
    order.push_back(events[i++]);
    if (i < j) order.push_back(events[--j]);
  }
  std::vector<std::int64_t> coded;
  for (const Event& e : events) coded.push_back(e.frame.value_or(-1));
  for (const Event& e : order) {
    CAPTURE(e.id);
    CAPTURE(e.code);
    REQUIRE(e.frame.has_value());
    const std::int64_t k = *e.frame;
    CAPTURE(k);
    rig.ws->seek_to_event(e);
    CHECK(rig.ws->clock().frame() == k);  // reported at once
    std::optional<std::int64_t> at_settle;
    REQUIRE_MESSAGE(settle(rig.player(), &at_settle), "seek to event did not settle within 3 s");
    CHECK(at_settle.value_or(k) == k);
    CHECK(frame_in_texture(rig.ws->clock()) == k);
    CHECK(rig.ws->clock().frame() == k);
    CHECK(rig.ws->clock().position() == e.start);
    CHECK(rig.ws->selected == e.id);
  }
  return coded;
}

// (e) While playing at 1x, 'b' stores the frame the texture showed in the UI frame that
// handled the key. A key can come in any UI frame, so every UI frame in between is checked
// too: clock().frame(), which the coder stamps (Workspace::now_frame), must be the frame in
// the texture that UI frame shows. Nothing else is allowed.
void check_playing_coding(const Clip& c) {
  CodingRig rig(c);
  rig.frame();
  rig.show(10);
  REQUIRE(rig.ws->clock().speed() == 1.0);
  rig.press(GLFW_KEY_SPACE);
  REQUIRE(rig.ws->clock().playing());

  struct Press {
    std::int64_t shown = -1;            // the frame in the texture in the key's UI frame
    std::optional<std::int64_t> clock;  // clock().frame() then
  };
  std::vector<Press> presses;
  std::map<std::int64_t, int> lead;  // clock().frame() - texture frame, over the UI frames
  std::string mismatches;            // the first few, for the failure message
  int ui_frames = 0, wrong = 0;
  const auto start = SteadyClock::now();
  auto next_press = start + 300ms;
  auto record = [&](std::int64_t shown) {
    ++ui_frames;
    const std::int64_t clock = rig.clock_frame().value_or(-1);
    ++lead[clock - shown];
    if (clock == shown) return;
    if (++wrong <= 8)
      mismatches += " [" +
                    std::to_string(std::chrono::duration_cast<std::chrono::milliseconds>(SteadyClock::now() - start)
                                       .count()) +
                    " ms: frame() " + std::to_string(clock) + " texture " + std::to_string(shown) + "]";
  };
  rig.on_frame = record;
  // Bounded: 2.4 s of playback, well inside the 6 s clip.
  while (SteadyClock::now() - start < 2400ms) {
    if (SteadyClock::now() >= next_press) {
      next_press += 170ms;  // not a multiple of a frame: presses fall at every phase
      Press p;
      p.shown = rig.type('b', &p.clock);
      presses.push_back(p);
    } else {
      rig.frame();
    }
  }
  rig.on_frame = nullptr;
  rig.press(GLFW_KEY_SPACE);
  CHECK_FALSE(rig.ws->clock().playing());
  REQUIRE(settle(rig.player()));

  std::string histogram;
  for (const auto& [d, n] : lead) histogram += " " + std::to_string(d) + ":" + std::to_string(n);
  INFO(format_frame_rate(c.rate) << " fps: " << ui_frames << " UI frames while playing; frame() - texture frame (difference:count):"
            << histogram << "; first mismatches:" << mismatches);
  CHECK(wrong == 0);

  std::vector<Event> events = rig.stored();
  std::sort(events.begin(), events.end(), [](const Event& a, const Event& b) { return a.id < b.id; });
  REQUIRE(events.size() == presses.size());
  REQUIRE(presses.size() >= 10);
  CHECK(presses.back().shown > presses.front().shown);  // it did play
  for (std::size_t i = 0; i < presses.size(); ++i) {
    CAPTURE(i);
    CAPTURE(presses[i].shown);
    CAPTURE(presses[i].clock.value_or(-1));
    CHECK(events[i].frame.value_or(-1) == presses[i].shown);
    CHECK(events[i].start == rig.frames().frame_start(presses[i].shown));
  }
}

// The exported events (CSV and JSON) of the rig's session: their `frame` values, in event order.
std::vector<std::int64_t> exported_frames(const CodingRig& rig, exports::Format format) {
  Store store(rig.db(), OpenMode::MustExist);
  exports::StoreSource source(store);
  exports::ExportOptions options;
  options.what = exports::What::Events;
  options.format = format;
  std::string out;
  exports::export_sessions(source, {rig.session()}, options, [&](std::string_view bytes) { out += bytes; }, {}, 1);
  std::vector<std::int64_t> frames;
  if (format == exports::Format::Json) {
    for (std::size_t at = out.find("\"frame\":"); at != std::string::npos; at = out.find("\"frame\":", at + 1))
      frames.push_back(std::stoll(out.substr(at + 8)));
    return frames;
  }
  std::istringstream lines(out);
  std::string line;
  std::getline(lines, line);
  std::vector<std::string> header;
  for (std::istringstream cells(line); std::getline(cells, line, ',');) header.push_back(line);
  const auto column = std::find(header.begin(), header.end(), "frame") - header.begin();
  REQUIRE(static_cast<std::size_t>(column) < header.size());
  while (std::getline(lines, line)) {
    std::vector<std::string> cells;
    for (std::istringstream row(line); std::getline(row, line, ',');) cells.push_back(line);
    REQUIRE(static_cast<std::size_t>(column) < cells.size());
    frames.push_back(std::stoll(cells[static_cast<std::size_t>(column)]));
  }
  return frames;
}

}  // namespace

TEST_SUITE("e2e") {
  TEST_CASE("keyboard coding on a real video stores the frame on screen when paused or stepped at 25 fps") {
    require_window();
    CodingRig rig(clip("25"));
    check_paused_coding(rig);
  }

  TEST_CASE("keyboard coding on a real video stores the frame on screen when paused or stepped at 29.97 fps") {
    require_window();
    CodingRig rig(clip("30000/1001"));
    check_paused_coding(rig);
  }

  TEST_CASE("keyboard coding on a variable-rate video stores and exports the frame on screen (30, 24, 15 fps)") {
    require_window();
    CodingRig rig(vfr_clip());
    std::vector<std::int64_t> coded = check_paused_coding(rig);
    // The exported frame column is the burnt-in number of every coded picture, in the
    // exports' order (by start time).
    std::sort(coded.begin(), coded.end());
    CHECK(exported_frames(rig, exports::Format::Csv) == coded);
    CHECK(exported_frames(rig, exports::Format::Json) == coded);
    // At the average rate (what was used before the index) these would be other frames.
    int off = 0;
    for (std::int64_t k : coded) off += frame_at(vfr_clip().index.frame_start(k), vfr_clip().rate) != k;
    CHECK(off > 0);
  }

  TEST_CASE("keyboard coding while playing at 1x stores the frame in the texture at 25 fps") {
    require_window();
    check_playing_coding(clip("25"));
  }

  TEST_CASE("keyboard coding while playing at 1x stores the frame in the texture at 29.97 fps") {
    require_window();
    check_playing_coding(clip("30000/1001"));
  }

  TEST_CASE("keyboard coding while playing at 1x stores the frame in the texture on a variable-rate video") {
    require_window();
    check_playing_coding(vfr_clip());
  }
}
