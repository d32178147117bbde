#include <doctest/doctest.h>

#include <cstdlib>
#include <fstream>
#include <utility>

#include "gui_fixture.h"

using namespace attune;
using namespace attune::test;

TEST_SUITE("gui") {
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
}
