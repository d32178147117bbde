// The text colours (ui::color_of, ui::color_vec) and the timeline's bars read a scheme's
// colours through one parser.
#include <doctest/doctest.h>

#include "app/common/style.h"
#include "app/logic/timeline_layout.h"

namespace attune {
TEST_SUITE("gui") {
  TEST_CASE("colours: one parser, one grey for anything that is not #rrggbb, in the timeline and the text") {
    CHECK(ui::color_of("#ff8000") == parse_color("#ff8000"));
    CHECK(ui::color_of("#FF8000") == parse_color("#ff8000"));  // either case
    for (const char* bad : {"", "ff8000", "#ff800", "#ff80000", "#zz0000", "#12345g", "#-12345", " #ff8000"}) {
      CAPTURE(bad);
      CHECK(parse_color(bad) == parse_color("not a colour"));
      CHECK(ui::color_of(bad) == parse_color(bad));  // the text colours agree with the bars
    }
    CHECK(ui::color_vec("#zz0000", 0.5f).w == 0.5f);
  }
}

}  // namespace attune
