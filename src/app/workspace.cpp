#include "app/workspace.h"

#include "core/error.h"
#include "media/video_probe.h"

namespace attune {

Workspace::Workspace(std::unique_ptr<Store> store, SessionId session, std::unique_ptr<MediaClock> clock)
    : store_(std::move(store)), session_(load_session(*store_, session)), clock_(std::move(clock)) {}

std::optional<ChangeSet> Workspace::apply(const Command& command) {
  try {
    ChangeSet committed = session_.history->apply(command);
    last_error_.clear();
    return committed;
  } catch (const Error& e) {
    last_error_ = e.what();
    return std::nullopt;
  }
}

bool Workspace::undo() {
  try {
    last_error_.clear();
    return session_.history->undo();
  } catch (const Error& e) {
    last_error_ = e.what();
    return false;
  }
}

bool Workspace::redo() {
  try {
    last_error_.clear();
    return session_.history->redo();
  } catch (const Error& e) {
    last_error_ = e.what();
    return false;
  }
}

std::string Workspace::relink_video(const std::string& path, bool accept_different) {
  try {
    const VideoFacts facts = probe_video(path);
    const Recording& old = session_.recording;
    if (!old.video_hash.empty() && facts.hash != old.video_hash && !accept_different)
      return "this file's content differs from the coded video (another encoding or another session?)";
    Recording video = old;
    video.video_path = facts.absolute_path;
    video.video_size = facts.size;
    video.video_hash = facts.hash;
    if (facts.fps.valid()) video.fps = facts.fps;
    if (facts.duration) video.duration = facts.duration;
    store_->relink_video(old.id, video);
    session_.recording = store_->recording(old.id);
    return "";
  } catch (const Error& e) {
    return e.what();
  }
}

void Workspace::seek_to_event(const Event& event) {
  selected = event.id;
  const FrameRate fps = clock_->fps();
  // The coded frame wins over the microseconds: it is what the coder saw.
  if (event.frame && fps.valid()) clock_->seek(frame_start(*event.frame, fps));
  else clock_->seek(event.start);
}

}  // namespace attune
