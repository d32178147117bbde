#include <doctest/doctest.h>

#include <fstream>

#include "gui_fixture.h"

using namespace attune;
using namespace attune::test;

TEST_SUITE("gui") {
  TEST_CASE("relinking the video keeps the coded content or asks first") {
    TestWorkspace tw;
    const std::string a = "/tmp/attune-relink-a.bin", b = "/tmp/attune-relink-b.bin";
    std::ofstream(a) << "the coded video";
    std::ofstream(b) << "another video!!";  // same size, other content
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
    std::remove(a.c_str());
    std::remove(b.c_str());
  }
}
