#include "app/logic/workspace.h"

#include <chrono>
#include <type_traits>
#include <variant>

#include "app/logic/action.h"

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

std::string Workspace::describe(const Command& command) const {
  auto code_name = [&](const std::string& id) {
    const Code* code = scheme().find_code(id);
    return code ? code->name : id;
  };
  auto event_name = [&](EventId id) {
    const Event* e = model().find(id);
    return e ? code_name(e->code) + " at " + format_clock(e->start) : "event " + std::to_string(id);
  };
  return std::visit(
      [&](const auto& c) -> std::string {
        using C = std::decay_t<decltype(c)>;
        if constexpr (std::is_same_v<C, AddEvent>) return code_name(c.code) + " at " + format_clock(c.start);
        if constexpr (std::is_same_v<C, ToggleState>) return code_name(c.code) + " at " + format_clock(c.at);
        if constexpr (std::is_same_v<C, CloseState>) return "end of " + event_name(c.id) + " at " + format_clock(c.at);
        if constexpr (std::is_same_v<C, EditEvent>) return (c.label.empty() ? "Edit" : c.label) + " (" + event_name(c.id) + ")";
        if constexpr (std::is_same_v<C, DeleteEvent>) return "Delete " + event_name(c.id);
      },
      command);
}

bool Workspace::act(const std::string& name, const std::function<void()>& action) {
  const std::optional<ActionFailure> failure = try_action(name, action);
  if (!failure) {
    last_error_.clear();
    return true;
  }
  last_error_ = failure->message(name);
  // Work that a rule did not refuse (the database locked past its timeout, a full disk, a
  // bug) stays listed until the user dismisses it: the next key's success must not hide it.
  if (!failure->refusal()) {
    if (unrecorded_.size() >= kUnrecordedKept) unrecorded_.erase(unrecorded_.begin());
    unrecorded_.push_back(last_error_);
  }
  return false;
}

bool Workspace::continues(const Command& command, StepKind kind) const {
  if (!last_step_ || kind == StepKind::Other) return false;
  const EditEvent* edit = std::get_if<EditEvent>(&command);
  if (!edit || edit->id != last_step_->event || selected != last_step_->event) return false;  // another event, or chosen by hand
  const bool same_act = (kind == StepKind::Modifiers &&
                         (last_step_->kind == StepKind::Code || last_step_->kind == StepKind::Modifiers)) ||
                        (kind == StepKind::Nudge && last_step_->kind == StepKind::Nudge);
  if (!same_act) return false;
  // The modifier prompt belongs to coding its event however long the answer takes.
  return kind == StepKind::Modifiers ||
         std::chrono::steady_clock::now() - last_step_->at <= std::chrono::duration<double>(kMergeSeconds);
}

std::optional<ChangeSet> Workspace::apply(const Command& command, StepKind kind) {
  std::optional<ChangeSet> committed;
  const bool merge = continues(command, kind);
  act(describe(command), [&] { committed = session_.history->apply(command, merge); });
  if (committed && !committed->empty()) {
    const EventOp& last = committed->ops.back();
    const EventId event = last.kind == EventOp::Kind::Delete ? last.before.id : last.after.id;
    last_step_ = LastStep{event, kind, std::chrono::steady_clock::now()};
  } else if (!committed) {
    last_step_.reset();
  }
  return committed;
}

void Workspace::show_step(const std::optional<ChangeSet>& applied) {
  last_step_.reset();  // nothing joins a step taken back or done again
  if (!applied || applied->empty()) return;
  // The step's event as it is now: selected and on screen; gone (an undone insert): its time.
  // A live observation's stopwatch is the session's clock: it is never moved back.
  const EventOp& last = applied->ops.back();
  const bool seek = clock_->has_video();
  if (last.kind == EventOp::Kind::Delete) {
    if (selected == last.before.id) selected.reset();
    if (seek) clock_->seek(event_time(last.before));
  } else if (const Event* e = model().find(last.after.id)) {
    selected = e->id;
    if (seek) clock_->seek(event_time(*e));
  }
}

bool Workspace::undo() {
  std::optional<ChangeSet> applied;
  act("Undo", [&] { applied = session_.history->undo_change(); });
  show_step(applied);
  return applied.has_value();
}

bool Workspace::redo() {
  std::optional<ChangeSet> applied;
  act("Redo", [&] { applied = session_.history->redo_change(); });
  show_step(applied);
  return applied.has_value();
}

bool Workspace::sync_with_store() {
  bool reloaded = false;
  // e.g. the session was deleted elsewhere; the next command says so too
  run_action("Reading the session's changes", [&] {
    if (!session_.history->refresh()) return;
    if (selected && !session_.model->find(*selected)) selected.reset();
    session_.info = store_->session(session_.info.id);  // its status may have moved too
    reloaded = true;
  }, [&](const std::string& message) { last_error_ = message; });
  return reloaded;
}

bool Workspace::poll_store() {
  const auto now = std::chrono::steady_clock::now();
  if (now - last_store_poll_ < std::chrono::duration<double>(kStorePollSeconds)) return false;
  last_store_poll_ = now;
  return sync_with_store();
}

std::string Workspace::relink_video(const std::string& path, bool accept_different) {
  std::string why_not;
  run_action("", [&] {
    const VideoFacts facts = probe_video(path);
    const Recording& old = session_.recording;
    if (!old.video_hash.empty() && facts.hash != old.video_hash && !accept_different) {
      why_not = "this file's content differs from the coded video (another encoding or another session?)";
      return;
    }
    Recording video = old;
    apply_video(video, facts);
    store_->relink_video(old.id, video);
    session_.recording = store_->recording(old.id);
  }, [&](const std::string& message) { why_not = message; });
  return why_not;
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
  apply(edit, StepKind::Nudge);
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
  run_action("cannot index the video's frames", [&] { set_frame_index(frame_job_.get()); },
             [&](const std::string& message) { frame_index_problem_ = message; });
  return true;
}

void Workspace::set_frame_index(FrameIndex index) {
  if (!index.valid()) return;
  clock_->set_frames(index);
  session_.model->set_frames(std::move(index));
}

template <class F>
bool Workspace::review_action(const std::string& name, F&& action) {
  act(name, action);
  run_action(name, [&] {
    session_.info = store_->session(session_.info.id);  // the status as stored, either way
    refresh_supervision();
  }, [&](const std::string& message) { if (last_error_.empty()) last_error_ = message; });
  return last_error_.empty();
}

bool Workspace::set_status(SessionStatus status) {
  return review_action(std::string("Set the status to ") + to_string(status), [&] { store_->set_session_status(session_.info.id, status); });
}

bool Workspace::unlock(const std::string& reason) {
  return review_action("Unlock", [&] { store_->unlock_session(session_.info.id, reason); });
}

bool Workspace::set_master(bool master) {
  return review_action(master ? "Mark as master" : "Unmark as master", [&] { store_->set_master(session_.info.id, master); });
}

void Workspace::refresh_supervision() {
  supervisors_ = store_->supervisors();
  may_supervise_ = store_->may_supervise();  // the store's rule, not a copy of it
}

bool Workspace::set_rating(const std::string& scale, std::optional<int> value) {
  const bool ok = review_action("Rate " + scale, [&] { store_->set_rating(session_.info.id, scale, value); });
  if (ok) act("Rate " + scale, [&] { ratings_ = store_->ratings(session_.info.id); });
  return last_error_.empty();
}

std::optional<std::int64_t> Workspace::add_comment(const std::string& text, std::optional<Micros> at,
                                                   std::optional<EventId> event) {
  std::optional<std::int64_t> id;
  act("Comment", [&] {
    id = store_->add_comment(session_.info.id, text, at, event);
    comments_ = store_->comments(session_.info.id);
    ++comments_version_;
  });
  return id;
}

bool Workspace::comment_action(const std::string& name, std::int64_t id, const std::function<void()>& action) {
  const bool ours = std::any_of(comments_.begin(), comments_.end(), [&](const SessionComment& c) { return c.id == id; });
  if (!ours) {
    last_error_ = "comment " + std::to_string(id) + " is not one of this session's comments";
    return false;
  }
  act(name, action);
  run_action(name, [&] {  // the list as stored, either way (another window may have changed it)
    comments_ = store_->comments(session_.info.id);
    ++comments_version_;
  }, [&](const std::string& message) { if (last_error_.empty()) last_error_ = message; });
  return last_error_.empty();
}

bool Workspace::edit_comment(std::int64_t id, const std::string& text) {
  return comment_action("Edit comment", id, [&] { store_->edit_comment(id, text); });
}

bool Workspace::delete_comment(std::int64_t id) {
  return comment_action("Delete comment", id, [&] { store_->delete_comment(id); });
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
