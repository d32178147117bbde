#include "app/workspace.h"

#include <chrono>

#include "core/error.h"
#include "media/video_probe.h"
#include "store/scheme_versions.h"

namespace attune {

Workspace::Workspace(std::unique_ptr<Store> store, SessionId session, std::unique_ptr<MediaClock> clock)
    : store_(std::move(store)), session_(load_session(*store_, session)), clock_(std::move(clock)) {
  comments_ = store_->comments(session_.info.id);
  ratings_ = store_->ratings(session_.info.id);
  refresh_supervision();
}

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

bool Workspace::sync_with_store() {
  try {
    if (!session_.history->refresh()) return false;
    if (selected && !session_.model->find(*selected)) selected.reset();
    session_.info = store_->session(session_.info.id);  // its status may have moved too
    return true;
  } catch (const Error& e) {
    last_error_ = e.what();  // e.g. the session was deleted elsewhere; the next command says so too
    return false;
  }
}

bool Workspace::poll_store() {
  const auto now = std::chrono::steady_clock::now();
  if (now - last_store_poll_ < std::chrono::duration<double>(kStorePollSeconds)) return false;
  last_store_poll_ = now;
  return sync_with_store();
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

void Workspace::nudge(EventId id, int frames) {
  const Event* e = model().find(id);
  if (!e) return;
  const FrameIndex index = clock_->frames();
  // On video: the start of the frame `frames` away from the one each end is on.
  auto moved = [&](Micros t) {
    if (!index.valid()) return std::max<Micros>(0, t + kMicrosPerSecond / 30 * frames);
    return std::max<Micros>(0, index.frame_start(std::max<std::int64_t>(0, index.frame_at(t) + frames)));
  };
  EditEvent edit{.id = e->id, .start = moved(e->start)};
  if (e->end && *e->end != e->start) edit.end = std::optional<Micros>(moved(*e->end));
  const Code* code = scheme().find_code(e->code);
  edit.label = "Nudge " + (code ? code->name : e->code);
  apply(edit);
}

Micros Workspace::event_time(const Event& event) const {
  const FrameIndex index = clock_->frames();
  // The coded frame wins over the microseconds on a constant-rate video: it is what the coder saw.
  if (event.frame && index.valid() && !index.variable()) return index.frame_start(*event.frame);
  return event.start;
}

Micros Workspace::snap_to_frame(Micros t) const {
  const FrameIndex index = clock_->frames();
  return index.valid() ? index.frame_start(index.frame_at(t)) : t;
}

void Workspace::seek_to_event(const Event& event) {
  selected = event.id;
  clock_->seek(event_time(event));
}

void Workspace::index_frames(std::function<FrameIndex()> read, std::function<void()> wake) {
  frame_index_problem_.clear();
  frame_job_ = std::async(std::launch::async, [read = std::move(read), wake = std::move(wake)] {
    struct Wake {  // also when read() throws: the UI thread collects the error
      const std::function<void()>& wake;
      ~Wake() {
        if (wake) wake();
      }
    } waker{wake};
    return read();
  });
}

bool Workspace::poll_frame_index() {
  if (!frame_job_.valid() || frame_job_.wait_for(std::chrono::seconds(0)) != std::future_status::ready) return false;
  try {
    set_frame_index(frame_job_.get());
  } catch (const Error& e) {
    frame_index_problem_ = e.what();
  } catch (const std::exception& e) {
    frame_index_problem_ = std::string("cannot index the video's frames: ") + e.what();
  }
  return true;
}

void Workspace::set_frame_index(FrameIndex index) {
  if (!index.valid()) return;
  clock_->set_frames(index);
  session_.model->set_frames(std::move(index));
}

template <class F>
bool Workspace::review_action(F&& action) {
  try {
    action();
    last_error_.clear();
  } catch (const Error& e) {
    last_error_ = e.what();
  }
  try {
    session_.info = store_->session(session_.info.id);  // the status as stored, either way
    refresh_supervision();
  } catch (const Error& e) {
    if (last_error_.empty()) last_error_ = e.what();
  }
  return last_error_.empty();
}

bool Workspace::set_status(SessionStatus status) {
  return review_action([&] { store_->set_session_status(session_.info.id, status); });
}

bool Workspace::unlock(const std::string& reason) {
  return review_action([&] { store_->unlock_session(session_.info.id, reason); });
}

bool Workspace::set_master(bool master) {
  return review_action([&] { store_->set_master(session_.info.id, master); });
}

void Workspace::refresh_supervision() {
  supervisors_ = store_->supervisors();
  may_supervise_ = store_->may_supervise();  // the store's rule, not a copy of it
}

bool Workspace::set_rating(const std::string& scale, std::optional<int> value) {
  const bool ok = review_action([&] { store_->set_rating(session_.info.id, scale, value); });
  if (ok) ratings_ = store_->ratings(session_.info.id);
  return ok;
}

std::optional<std::int64_t> Workspace::add_comment(const std::string& text, std::optional<Micros> at,
                                                   std::optional<EventId> event) {
  try {
    const std::int64_t id = store_->add_comment(session_.info.id, text, at, event);
    comments_ = store_->comments(session_.info.id);
    ++comments_version_;
    last_error_.clear();
    return id;
  } catch (const Error& e) {
    last_error_ = e.what();
    return std::nullopt;
  }
}

bool Workspace::comment_action(std::int64_t id, const std::function<void()>& action) {
  const bool ours = std::any_of(comments_.begin(), comments_.end(), [&](const SessionComment& c) { return c.id == id; });
  if (!ours) {
    last_error_ = "comment " + std::to_string(id) + " is not one of this session's comments";
    return false;
  }
  try {
    action();
    last_error_.clear();
  } catch (const Error& e) {
    last_error_ = e.what();
  }
  try {  // the list as stored, either way (another window may have changed it)
    comments_ = store_->comments(session_.info.id);
    ++comments_version_;
  } catch (const Error& e) {
    if (last_error_.empty()) last_error_ = e.what();
  }
  return last_error_.empty();
}

bool Workspace::edit_comment(std::int64_t id, const std::string& text) {
  return comment_action(id, [&] { store_->edit_comment(id, text); });
}

bool Workspace::delete_comment(std::int64_t id) {
  return comment_action(id, [&] { store_->delete_comment(id); });
}

std::vector<AuditRow> Workspace::audit() const { return store_->audit(session_.info.id); }

VerifyReport Workspace::verify() { return store_->verify(); }

std::vector<SessionInfo> Workspace::codings_of_recording() const {
  return store_->sessions_of_recording(session_.recording.id);
}

std::vector<SessionInfo> Workspace::all_sessions() const { return store_->sessions(); }

std::vector<Event> Workspace::events_of(SessionId session) const { return store_->events(session); }

std::shared_ptr<const Scheme> Workspace::scheme_of(const SessionInfo& session) const {
  if (session.scheme_id == session_.info.scheme_id) return session_.scheme;
  return load_stored_scheme(*store_, session.scheme_id);
}

std::vector<SchemeRow> Workspace::stored_schemes() const { return store_->schemes(); }

int Workspace::next_scheme_version(const std::string& name) const { return attune::next_scheme_version(*store_, name); }

SchemeRow Workspace::save_scheme_version(const Scheme& scheme) { return attune::save_scheme_version(*store_, scheme); }

}  // namespace attune
