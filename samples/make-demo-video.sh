#!/bin/sh
# Makes the demo video: OUT.mp4 [SECONDS] (default 180, the demo session's length).
# 640x360, 30 fps, a calm test pattern with the time (hh:mm:ss.mmm) and the frame number
# burnt in, so anyone can see which frame is on screen, and a quiet sine tone.
# Idempotent: a file that already has the requested length is left alone; a new one is
# written beside it and renamed, so an interrupted run never leaves half a video.
# Needs ffmpeg (and ffprobe) built with libx264 and drawtext (Debian's is).
set -eu

usage() { echo "usage: $0 OUT.mp4 [SECONDS]" >&2; exit 2; }
[ $# -ge 1 ] && [ $# -le 2 ] || usage
out=$1
seconds=${2:-180}
case $seconds in '' | *[!0-9]*) usage ;; esac
[ "$seconds" -gt 0 ] || usage
command -v ffmpeg >/dev/null 2>&1 || { echo "$0: ffmpeg not found (apt-get install ffmpeg)" >&2; exit 1; }

fps=30
frames=$((seconds * fps))
if [ -s "$out" ] && command -v ffprobe >/dev/null 2>&1; then
  have=$(ffprobe -v error -select_streams v:0 -count_packets -show_entries stream=nb_read_packets \
           -of default=noprint_wrappers=1:nokey=1 -- "$out" 2>/dev/null || true)
  if [ "$have" = "$frames" ]; then
    echo "$out already has $frames frames; left as it is"
    exit 0
  fi
fi

dir=$(dirname -- "$out")
mkdir -p -- "$dir"
tmp=$(mktemp "$dir/.demo-video.XXXXXX")
trap 'rm -f -- "$tmp"' EXIT INT TERM

# The text: elapsed time from the frame's pts, frame number from the frame counter.
# ':' separates filter options, so it is escaped inside the expressions.
time_text="%{pts\\:hms}"
frame_text="frame %{frame_num}"
font="fontsize=28:fontcolor=white:box=1:boxcolor=black@0.6:boxborderw=8"
video="testsrc2=size=640x360:rate=$fps:duration=$seconds,hue=s=0.35,\
drawtext=text='$time_text':x=20:y=h-90:$font,\
drawtext=text='$frame_text':x=20:y=h-45:$font,format=yuv420p"

# ultrafast + a keyframe every second: quick to make (well under 20 s on 2 cores) and
# exact seeks never decode more than 30 frames. -t cuts both streams to the same length,
# so time-pos cannot run past the last frame on the audio clock at the end.
ffmpeg -hide_banner -loglevel error -nostdin -y \
  -f lavfi -i "$video" \
  -f lavfi -i "sine=frequency=220:sample_rate=48000:duration=$seconds,volume=0.2" \
  -map 0:v -map 1:a -t "$seconds" \
  -c:v libx264 -preset ultrafast -crf 32 -g $fps -threads 2 \
  -c:a aac -b:a 64k -movflags +faststart -f mp4 -- "$tmp"

mv -f -- "$tmp" "$out"
trap - EXIT INT TERM
echo "wrote $out ($seconds s, $frames frames at $fps fps)"
