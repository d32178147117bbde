#include <doctest/doctest.h>

#include <chrono>
#include <cstdlib>
#include <fstream>
#include <thread>
#include <utility>

#include "core/error.h"
#include "workspace_fixture.h"

using namespace attune;
using namespace attune::test;

namespace {

// A video clock without a video: paused on the frame at the last seek, mapping through
// whatever index it is given.
class FakeVideo : public Stopwatch {
 public:
  explicit FakeVideo(FrameRate rate) : index_(rate) {}
  FrameIndex frames() const override { return index_; }
  void set_frames(FrameIndex index) override { index_ = std::move(index); }
  std::optional<std::int64_t> frame() const override { return index_.frame_at(position()); }
  bool has_video() const override { return true; }
  FrameIndex index_;
};

// 30 frames at 30 fps, then 30 at 15 fps.
FrameIndex two_rates() {
  std::vector<Micros> t;
  for (int k = 0; k < 30; ++k) t.push_back(round_micros(k, 1, 30));
  for (int k = 0; k < 30; ++k) t.push_back(1'000'000 + round_micros(k, 1, 15));
  return FrameIndex::from_times(t);
}

// The TestWorkspace's database with a second Workspace on it whose clock is a FakeVideo.
struct VideoWorkspace {
  TestWorkspace tw;
  FakeVideo* video = nullptr;
  std::unique_ptr<Workspace> ws;
  VideoWorkspace() {
    auto clock = std::make_unique<FakeVideo>(FrameRate{20, 1});
    video = clock.get();
    ws = std::make_unique<Workspace>(std::make_unique<Store>(tw.ws->db_path(), OpenMode::MustExist, "tester"),
                                     tw.ws->info().id, std::move(clock));
  }
  bool wait_for_index() {
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(5);
    while (std::chrono::steady_clock::now() < deadline) {
      if (ws->poll_frame_index()) return true;
      std::this_thread::sleep_for(std::chrono::milliseconds(2));
    }
    return false;
  }
};

}  // namespace

TEST_SUITE("app_logic") {
  TEST_CASE("relinking the video keeps the coded content or asks first") {
    TestWorkspace tw;
    const std::string a = tw.dir() + "/a.mp4", b = tw.dir() + "/b.mp4", notes = tw.dir() + "/notes.txt";
    for (const auto& [path, source] : {std::pair{a, "testsrc"}, std::pair{b, "testsrc2"}})  // two other contents
      REQUIRE(std::system(("ffmpeg -v error -y -f lavfi -i " + std::string(source) +
                           "=duration=1:size=64x48:rate=10 -pix_fmt yuv420p " + path)
                              .c_str()) == 0);
    std::ofstream(notes) << "not a video";
    CHECK(tw.ws->relink_video(notes, true) == "notes.txt is not a video Attune can play (no video stream found)");
    CHECK(tw.ws->recording().video_path.empty());
    CHECK(tw.ws->relink_video(a, false).empty());  // no hash recorded yet: taken
    const std::string hash = tw.ws->recording().video_hash;
    CHECK(hash.rfind("sha256:", 0) == 0);
    CHECK(tw.ws->recording().video_path == a);
    // A file with other content is refused unless the user insists.
    CHECK(tw.ws->relink_video(b, false).find("differs") != std::string::npos);
    CHECK(tw.ws->recording().video_path == a);
    CHECK(tw.ws->relink_video(b, true).empty());
    CHECK(tw.ws->recording().video_path == b);
    CHECK(tw.ws->recording().video_hash != hash);
    CHECK_FALSE(tw.ws->relink_video("/tmp/attune-no-such-file.mp4", true).empty());
  }

  TEST_CASE("the frame index is read off the UI thread and then stamps, nudges and snaps frames") {
    VideoWorkspace v;
    CHECK(v.ws->model().frames() == FrameIndex(FrameRate{25, 1}));  // the recorded rate until then
    bool woken = false;
    v.ws->index_frames([] { return two_rates(); }, [&] { woken = true; });
    CHECK(v.ws->indexing_frames());
    REQUIRE(v.wait_for_index());
    CHECK(woken);
    CHECK_FALSE(v.ws->indexing_frames());
    CHECK(v.ws->frame_index_problem().empty());
    CHECK(v.ws->model().frames() == two_rates());
    CHECK(v.ws->clock().frames() == two_rates());

    // A time typed in the 15 fps part is stamped with the file's frame (at 25 fps: frame 35).
    REQUIRE(v.ws->apply(AddEvent{.code = "bid", .start = 1'400'000}));
    const Event bid = v.ws->model().events().back();
    CHECK(bid.frame == 36);

    // Nudge: one frame is 1/30 s in the first part and 1/15 s in the second.
    REQUIRE(v.ws->apply(AddEvent{.code = "pos", .start = round_micros(28, 1, 30), .end = 1'066'667}));
    const EventId state = v.ws->model().events().front().id;
    v.ws->nudge(state, +1);
    const Event* moved = v.ws->model().find(state);
    REQUIRE(moved);
    CHECK(moved->start == round_micros(29, 1, 30));
    CHECK(moved->end == 1'133'333);  // frame 31 -> 32
    CHECK(moved->frame == 29);
    v.ws->nudge(state, +1);
    CHECK(v.ws->model().find(state)->start == 1'000'000);
    v.ws->nudge(state, -2);
    CHECK(v.ws->model().find(state)->start == round_micros(28, 1, 30));

    // Timeline edits land on the start of the frame under the cursor.
    CHECK(v.ws->snap_to_frame(1'100'000) == 1'066'667);
    CHECK(v.ws->snap_to_frame(500'000) == 500'000);
    CHECK(v.ws->snap_to_frame(510'000) == 500'000);
  }

  TEST_CASE("seeking to an event: its stored frame on a constant-rate video, its time on a variable-rate one") {
    VideoWorkspace v;
    // A legacy event on a VFR file: its frame was counted at the average rate (35), its time
    // is that of the picture the coder saw (frame 30 of the file).
    Event legacy;
    legacy.id = 99;
    legacy.start = 1'000'000;
    legacy.frame = 35;
    CHECK(v.ws->event_time(legacy) == frame_start(35, {20, 1}));  // constant rate: the frame wins
    v.ws->set_frame_index(two_rates());
    CHECK(v.ws->event_time(legacy) == 1'000'000);  // variable rate: the time wins
    v.ws->seek_to_event(legacy);
    CHECK(v.ws->clock().frame() == 30);
    CHECK(v.ws->selected == 99);
  }

  TEST_CASE("a frame index that cannot be read leaves the container's rate and says why") {
    VideoWorkspace v;
    v.ws->index_frames([]() -> FrameIndex { throw Error(ErrorKind::InvalidInput, "cannot index the frames of x.mp4: boom"); });
    REQUIRE(v.wait_for_index());
    CHECK(v.ws->frame_index_problem() == "cannot index the frames of x.mp4: boom");
    CHECK(v.ws->clock().frames() == FrameIndex(FrameRate{20, 1}));
    CHECK(v.ws->model().frames() == FrameIndex(FrameRate{25, 1}));
  }
}

TEST_CASE("workspace: a window shows another writer's changes and keeps the selection while its event exists") {
  TestWorkspace tw;
  Workspace& ws = *tw.ws;
  const EventId mine = ws.apply(AddEvent{.code = "pos", .subject = "child", .start = 1'000'000, .end = 2'000'000})
                           ->ops.back().after.id;
  ws.selected = mine;
  CHECK_FALSE(ws.sync_with_store());  // its own change: nothing to reload

  // Another process (attune-cli, a second window) adds a state on the same file.
  Store other(ws.db_path(), OpenMode::MustExist, "other");
  LoadedSession s = load_session(other, ws.info().id);
  const EventId theirs =
      s.history->apply(AddEvent{.code = "neg", .subject = "child", .start = 5'000'000, .end = 6'000'000})
          .ops.back().after.id;
  const std::uint64_t version = ws.model().version();
  CHECK(ws.sync_with_store());
  CHECK(ws.model().find(theirs) != nullptr);
  CHECK(ws.model().version() != version);  // views rebuild
  CHECK(ws.selected == mine);
  CHECK(ws.history().undo_label() == "Add Negative");

  // The other writer deletes the selected event: the selection goes with it.
  s.history->apply(DeleteEvent{mine});
  CHECK(ws.sync_with_store());
  CHECK(ws.model().find(mine) == nullptr);
  CHECK_FALSE(ws.selected.has_value());

  // Polled on a timer: at most every kStorePollSeconds, and cheap when nothing changed.
  CHECK_FALSE(ws.poll_store());
  CHECK_FALSE(ws.poll_store());
}
