#pragma once
// A variable-frame-rate clip made with ffmpeg at test time (never committed): 2 s at 30 fps,
// 2 s at 24 fps, 2 s at 15 fps (138 frames, 23 fps on average), H.264 with B-frames in mp4.
// Frame N (in display order) has luma 16 + 14*(N mod 16) in its left half and
// 16 + 14*floor(N/16) in its right half, and N in small print at the top, as the e2e clips.
#include <cstdint>
#include <cstdlib>
#include <string>

namespace attune::test {

constexpr std::int64_t kVfrFrames = 138;

// Returns the ffmpeg command line; runs it and returns whether it succeeded in `ok`.
inline std::string make_vfr_clip(const std::string& path, bool& ok) {
  const std::string segment = "color=black:s=160x120:d=2:r=";
  const std::string command =
      "ffmpeg -nostdin -v error -y -f lavfi -i " + segment + "30 -f lavfi -i " + segment + "24 -f lavfi -i " + segment +
      "15 -filter_complex \"[0]settb=1/600[a];[1]settb=1/600[b];[2]settb=1/600[c];[a][b][c]concat=n=3:v=1,"
      "format=yuv420p,geq=lum='if(lt(X,W/2),16+14*mod(N,16),16+14*floor(N/16))':cb=128:cr=128,"
      "drawtext=text='%{frame_num}':x=4:y=4:fontsize=14:fontcolor=white\" "
      "-fps_mode vfr -c:v libx264 -preset veryfast -g 250 -sc_threshold 0 -pix_fmt yuv420p '" + path + "'";
  ok = std::system(command.c_str()) == 0;
  return command;
}

}  // namespace attune::test
